"""N:M segments on the review page: merge a segment with the next, see it, unmerge.

Over HTTP (no script) for what the core refuses, and in a real headless Chromium for
what a translator sees: the number findings of half the German go away without a
reload, the covered segment says which segment covers it, and the merge is undone.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from click.testing import Result
from flask.testing import FlaskClient
from web_helpers import REVIEWER, po, review_data, write_release

from presse.documents.catalog import segment_id
from presse.documents.repository import Repository
from presse.steps.review import confirm

SLUG = "2016-10-03-das-kreishaus-wird-umgebaut"
TITLE, TITLE_FR = "Das Kreishaus wird umgebaut", "Le siège de l’arrondissement est réaménagé"
COST = "Der Umbau kostet 2,5 Millionen Euro."
SHARES = "Davon trägt der Landkreis 800.000 Euro, das Land übernimmt 1,7 Millionen Euro."
MERGED_FR = (
    "Le réaménagement coûte 2,5 millions d’euros, dont 800\u202f000 euros à la charge "
    "de l’arrondissement et 1,7 million d’euros à celle du Land."
)
END = "Die Arbeiten beginnen im Mai."
END_FR = "Les travaux commencent en mai."
HEAD, COVERED, LAST = segment_id(None, COST), segment_id(None, SHARES), segment_id(None, END)
TITLE_ID = segment_id("title", TITLE)


@pytest.fixture
def merging(repo: Repository, run_presse: Callable[..., Result]) -> Repository:
    """A release whose two sentences about the cost got one French sentence, in the
    first segment; the second is still empty; title and last sentence translated."""
    write_release(repo.root, SLUG, TITLE, f"{COST} {SHARES}\n\n{END}", "2016-10-03T10:00:00+02:00")
    assert run_presse("--repo", str(repo.root), "extract").exit_code == 0
    for key, french in ((TITLE_ID, TITLE_FR), (LAST, END_FR), (HEAD, MERGED_FR)):
        confirm(repo, SLUG, key, french, "Camille Martin")
    return repo


def files_of(repo: Repository) -> tuple[bytes, bytes]:
    return repo.catalog_path(SLUG).read_bytes(), repo.review_path(SLUG).read_bytes()


def post(client: FlaskClient, csrf: str, action: str, key: str, **form: str):  # type: ignore[no-untyped-def]
    return client.post(
        f"/release/{SLUG}/segment/{key}/{action}",
        data={"csrf_token": csrf, **form},
        headers={"Accept": "application/json"},
    )


def test_merge_and_unmerge_over_http(client: FlaskClient, csrf: str, merging: Repository) -> None:
    page = client.get(f"/release/{SLUG}").get_data(as_text=True)
    head = page.split(f'id="seg-{HEAD}"', 1)[1].split("</section>", 1)[0]
    assert 'class="merge-form"' in head and '<option value="1">1 segment</option>' in head
    assert "numbers" in head
    title = page.split(f'id="seg-{TITLE_ID}"', 1)[1].split("</section>", 1)[0]
    assert "merge-form" not in title  # a title stands alone
    last = page.split(f'id="seg-{LAST}"', 1)[1].split("</section>", 1)[0]
    assert "merge-form" not in last  # nothing after it in its paragraph

    response = post(client, csrf, "merge", HEAD, count="1")
    assert response.status_code == 200
    data = response.get_json()
    assert set(data["segments_html"]) == {HEAD, COVERED}
    assert "Covered by segment" in data["segments_html"][COVERED]
    assert "numbers" not in data["segments_html"][HEAD]
    assert COST + " " + SHARES in data["segments_html"][HEAD]
    record = review_data(merging, SLUG)["segments"][COVERED]
    assert record["merged_into"] == HEAD and record["by"] == REVIEWER

    response = post(client, csrf, "unmerge", COVERED)
    assert response.status_code == 200
    assert set(response.get_json()["segments_html"]) == {HEAD, COVERED}
    assert "merged_into" not in review_data(merging, SLUG)["segments"][COVERED]


@pytest.mark.parametrize(
    ("action", "key", "form", "reason"),
    [
        ("merge", HEAD, {"count": "2"}, "fewer than 2 segment(s) after it in its paragraph"),
        ("merge", HEAD, {"count": "none"}, "how many following segments"),
        ("merge", TITLE_ID, {"count": "1"}, "a title or summary is not merged"),
        ("unmerge", HEAD, {}, f"segment {HEAD} is not part of a merge"),
    ],
)
def test_a_refused_merge_says_why_and_writes_nothing(
    client: FlaskClient,
    csrf: str,
    merging: Repository,
    action: str,
    key: str,
    form: dict[str, str],
    reason: str,
) -> None:
    before = files_of(merging)
    response = post(client, csrf, action, key, **form)
    assert response.status_code == 400 and reason in response.get_json()["error"]
    assert files_of(merging) == before
    # Without the script: the page again, with the reason.
    plain = client.post(
        f"/release/{SLUG}/segment/{key}/{action}",
        data={"csrf_token": csrf, **form},
        follow_redirects=True,
    )
    assert reason in plain.get_data(as_text=True)
    assert files_of(merging) == before


def test_a_persons_french_is_not_merged_away(
    client: FlaskClient, csrf: str, merging: Repository
) -> None:
    confirm(merging, SLUG, COVERED, "Le Land en paie la plus grande part.", "Camille Martin")
    before = files_of(merging)
    response = post(client, csrf, "merge", HEAD, count="1")
    assert response.status_code == 400
    assert f"segment {COVERED} has French of its own" in response.get_json()["error"]
    assert files_of(merging) == before


def test_merging_needs_the_forms_token(client: FlaskClient, merging: Repository) -> None:
    before = files_of(merging)
    assert client.post(f"/release/{SLUG}/segment/{HEAD}/merge").status_code == 403
    assert client.post(f"/release/{SLUG}/segment/{HEAD}/unmerge").status_code == 403
    assert files_of(merging) == before


def test_merge_and_unmerge_in_the_browser_without_a_reload(
    merging: Repository, server: str, browser
) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support.ui import WebDriverWait

    def css(selector: str):  # type: ignore[no-untyped-def]
        return browser.find_element(By.CSS_SELECTOR, selector)

    def found(selector: str) -> list:
        return browser.find_elements(By.CSS_SELECTOR, selector)

    wait = WebDriverWait(browser, 10)
    browser.get(f"{server}/release/{SLUG}")
    browser.execute_script("window.presseNotReloaded = true;")
    assert "numbers" in css(f"#seg-{HEAD} .findings").text.lower()
    assert "1 segment(s) untranslated" in css("#progress").text
    # A labelled control, reached and pressed from the keyboard.
    assert css(f'label[for="merge-{HEAD}"]').text == "Merge with the next"
    button = css(f"#seg-{HEAD} .btn-merge")
    assert "Merge segment 2 with the next" in button.get_attribute("aria-label")
    button.send_keys(Keys.ENTER)

    wait.until(lambda d: found(f"#seg-{COVERED} .merged-note"))
    # The keyboard stays on the merge: its Unmerge button has the focus.
    assert browser.switch_to.active_element == css(f"#seg-{HEAD} .btn-unmerge")
    covered = css(f"#seg-{COVERED}")
    assert "Covered by segment 2" in covered.text
    assert not found(f"#seg-{COVERED} textarea")  # no French of its own to type
    assert css(f"#seg-{COVERED} .badge").text == "merged"
    assert not found(f"#seg-{HEAD} .findings")  # the numbers of all the German are there
    joined = css(f"#seg-{HEAD} .joined-de").text
    assert joined == f"{COST} {SHARES}"
    assert "segments 2, 3" in css(f"#seg-{HEAD} .joined").text
    assert "untranslated" not in css("#progress").text
    assert "Merged" in css(f"#seg-{HEAD} .seg-status").text
    record = review_data(merging, SLUG)["segments"][COVERED]
    assert record["merged_into"] == HEAD
    entry = next(e for e in po(merging, SLUG) if e.msgid == SHARES)
    assert "presse: merged with previous" in entry.tcomment

    # The search still goes through a segment without a French field.
    css("#seg-search").send_keys("Davon")
    assert [s.get_attribute("data-segment") for s in found(".segment") if s.is_displayed()] == [
        COVERED
    ]
    css("#seg-search").clear()
    css("#seg-search").send_keys(" ")

    unmerge = css(f"#seg-{COVERED} .btn-unmerge")
    assert "Unmerge segment 3" in unmerge.get_attribute("aria-label")
    unmerge.send_keys(Keys.ENTER)
    wait.until(lambda d: found(f"#seg-{COVERED} textarea"))
    assert "1 segment(s) untranslated" in css("#progress").text
    assert "numbers" in css(f"#seg-{HEAD} .findings").text.lower()
    assert not found(f"#seg-{HEAD} .joined")
    assert "merged_into" not in review_data(merging, SLUG)["segments"][COVERED]
    assert browser.execute_script("return window.presseNotReloaded === true;")
