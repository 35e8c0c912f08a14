"""N:M segments: one French sentence for two German ones (issue 17), and back."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from xml.etree import ElementTree

import polib
import pytest
import yaml
from click.testing import Result
from tree_helpers import snapshot

from presse.documents.catalog import segment_id
from presse.errors import PresseError
from presse.steps.open import open_repository
from presse.steps.review import confirm

RunPresse = Callable[..., Result]
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
RELEASE = f"""---
title: {TITLE}
date: 2016-10-03T10:00:00+02:00
---

{COST} {SHARES}

{END}
"""
HEAD, COVERED = segment_id(None, COST), segment_id(None, SHARES)
JEANNE = "Jeanne Martin <jeanne@example.org>"


def po_path(root: Path) -> Path:
    return root / "locale" / "fr" / "LC_MESSAGES" / f"{SLUG}.po"


def review_path(root: Path) -> Path:
    return root / "releases" / "fr" / f"{SLUG}.review.yaml"


def segments(root: Path) -> dict:
    return yaml.safe_load(review_path(root).read_text("utf-8"))["segments"]


def status_of(run_presse: RunPresse, root: Path) -> dict:
    result = run_presse("--repo", str(root), "status", "--json", SLUG)
    assert result.exit_code == 0, result.output
    return json.loads(result.output)[0]


@pytest.fixture
def repo(office_repo: Path, run_presse: RunPresse) -> Path:
    """The release extracted, its title and last sentence translated by a person, and
    the two sentences about the cost given one French sentence in the first segment."""
    (office_repo / "releases" / "de" / f"{SLUG}.md").write_text(RELEASE, "utf-8")
    assert run_presse("--repo", str(office_repo), "extract").exit_code == 0
    presse = open_repository(office_repo)
    for msgctxt, german, french in (("title", TITLE, TITLE_FR), (None, END, END_FR)):
        confirm(presse, SLUG, segment_id(msgctxt, german), french, "Camille Martin")
    confirm(presse, SLUG, HEAD, MERGED_FR, "Camille Martin")
    return office_repo


def test_without_a_merge_the_sentence_is_compared_with_half_the_german(
    repo: Path, run_presse: RunPresse
) -> None:
    with pytest.raises(PresseError, match="an empty translation cannot be confirmed"):
        confirm(open_repository(repo), SLUG, COVERED, "", "Camille Martin")
    status = status_of(run_presse, repo)
    assert status["segments"]["untranslated"] == 1
    numbers = [p for p in status["problems"][HEAD] if p["check"] == "numbers"]
    assert len(numbers) == 2 and status["state"] == "in translation"
    assert "numbers" in run_presse("--repo", str(repo), "check", SLUG).output
    head = next(e for e in polib.pofile(str(po_path(repo))) if e.msgid == COST)
    assert "error (numbers):" in head.comment


def test_a_merged_sentence_is_checked_counted_approved_and_published_once(
    repo: Path, run_presse: RunPresse
) -> None:
    result = run_presse("--repo", str(repo), "merge", SLUG, HEAD, "--with-next", "1", "--by", "Ana")
    assert result.exit_code == 0, result.output
    record = segments(repo)[COVERED]
    assert record["merged_into"] == HEAD and record["state"] == "translated"
    assert record["by"] == "Ana" and record["at"]
    entry = next(e for e in polib.pofile(str(po_path(repo))) if e.msgid == SHARES)
    assert entry.msgstr == "" and "presse: merged with previous" in entry.tcomment

    # Confirming the empty covered segment is accepted, and changes nothing.
    before = snapshot(repo)
    confirm(open_repository(repo), SLUG, COVERED, "", "Camille Martin")
    assert snapshot(repo) == before

    status = status_of(run_presse, repo)
    assert status["segments"]["untranslated"] == 0
    assert status["problems"] == {} or HEAD not in status["problems"]
    assert status["state"] == "ready", status["blockers"]
    checked = run_presse("--repo", str(repo), "check", SLUG)
    assert "numbers" not in checked.output
    head = next(e for e in polib.pofile(str(po_path(repo))) if e.msgid == COST)
    assert "(numbers):" not in head.comment  # what Poedit shows agrees

    approved = run_presse("--repo", str(repo), "approve", SLUG, "--by", "Jana Schulz")
    assert approved.exit_code == 0, approved.output
    french = (repo / "releases" / "fr" / f"{SLUG}.md").read_text("utf-8")
    body = french.split("---\n", 2)[2]
    assert body.strip() == f"{MERGED_FR}\n\n{END_FR}"

    built = run_presse("--repo", str(repo), "build")
    assert built.exit_code == 0, built.output
    [page] = (repo / "site" / "fr").glob("*/index.html")
    html = page.read_text("utf-8")
    assert html.count("dont 800") == 1 and "Davon" not in html
    kit = "".join(p.read_text("utf-8") for p in (repo / "site" / "partner").rglob("*.md"))
    assert kit.count("dont 800") == 1 and f"{MERGED_FR}\n\n{END_FR}" in kit


def test_unmerging_after_approval_makes_the_approval_stale(
    repo: Path, run_presse: RunPresse
) -> None:
    assert run_presse("--repo", str(repo), "merge", SLUG, HEAD, "--by", "Ana").exit_code == 0
    assert run_presse("--repo", str(repo), "approve", SLUG, "--by", "Jana").exit_code == 0
    result = run_presse("--repo", str(repo), "unmerge", SLUG, COVERED, "--by", "Ana")
    assert result.exit_code == 0, result.output
    record = segments(repo)[COVERED]
    assert "merged_into" not in record and record["state"] == "untranslated"
    entry = next(e for e in polib.pofile(str(po_path(repo))) if e.msgid == SHARES)
    assert "merged" not in entry.tcomment
    events = yaml.safe_load(review_path(repo).read_text("utf-8"))["events"]
    assert [e["event"] for e in events][-3:] == ["merged", "approved", "unmerged"]
    assert events[-1]["by"] == "Ana" and events[-1]["segment"] == HEAD
    status = status_of(run_presse, repo)
    assert status["state"] == "stale" and status["segments"]["untranslated"] == 1


def test_a_merge_follows_its_first_segment_when_the_german_changes(
    repo: Path, run_presse: RunPresse
) -> None:
    merged = run_presse("--repo", str(repo), "merge", SLUG, HEAD, "--by", "Ana", "--with-next")
    assert merged.exit_code == 0, merged.output
    edited = COST.replace("Der Umbau", "Der Umbau des Kreishauses")
    source = repo / "releases" / "de" / f"{SLUG}.md"
    source.write_text(RELEASE.replace(COST, edited), "utf-8")
    assert run_presse("--repo", str(repo), "extract").exit_code == 0
    record = segments(repo)[COVERED]
    assert record["merged_into"] == segment_id(None, edited) and record["by"] == "Ana"
    status = status_of(run_presse, repo)
    assert status["segments"]["stale"] == 1 and status["segments"]["untranslated"] == 0


def test_merging_never_drops_a_persons_french(repo: Path, run_presse: RunPresse) -> None:
    confirm(open_repository(repo), SLUG, COVERED, "Une phrase à elle.", "Camille Martin")
    before = snapshot(repo)
    result = run_presse("--repo", str(repo), "merge", SLUG, HEAD)
    assert result.exit_code == 1
    assert "has French of its own" in result.output
    assert snapshot(repo) == before


def test_a_merge_stays_inside_its_paragraph(repo: Path, run_presse: RunPresse) -> None:
    before = snapshot(repo)
    result = run_presse("--repo", str(repo), "merge", SLUG, HEAD, "--with-next", "2")
    assert result.exit_code == 1 and "in its paragraph" in result.output
    assert snapshot(repo) == before


# ---------------------------------------------------------------- in a PO editor


def poedit(root: Path, msgid: str, comment: str | None, msgstr: str | None = None) -> None:
    """Open the catalog in Poedit, set one entry's translator comment (and French)."""
    catalog = polib.pofile(str(po_path(root)), wrapwidth=79)
    [entry] = [e for e in catalog if e.msgid == msgid and not e.obsolete]
    entry.tcomment = comment or ""
    if msgstr is not None:
        entry.msgstr = msgstr
    catalog.metadata["Last-Translator"] = JEANNE
    catalog.metadata["PO-Revision-Date"] = "2016-10-04 09:30+0200"
    catalog.save()


def test_a_merge_marked_in_poedit_is_recorded_and_can_be_undone_there(
    repo: Path, run_presse: RunPresse
) -> None:
    poedit(repo, SHARES, "presse: merged with previous")
    status = status_of(run_presse, repo)
    assert status["state"] == "ready", status["blockers"]
    assert run_presse("--repo", str(repo), "extract").exit_code == 0
    record = segments(repo)[COVERED]
    assert record["merged_into"] == HEAD
    assert record["by"] == "Jeanne Martin" and record["at"] == "2016-10-04T09:30:00+02:00"
    assert record["origin"] == {"person": "Jeanne Martin", "via": "PO editor"}

    poedit(repo, SHARES, None)  # the comment deleted again
    assert status_of(run_presse, repo)["segments"]["untranslated"] == 1
    assert run_presse("--repo", str(repo), "extract").exit_code == 0
    assert "merged_into" not in segments(repo)[COVERED]


def test_french_written_into_a_covered_segment_in_poedit_is_kept(
    repo: Path, run_presse: RunPresse
) -> None:
    assert run_presse("--repo", str(repo), "merge", SLUG, HEAD).exit_code == 0
    poedit(repo, SHARES, "presse: merged with previous", "Une phrase à elle.")
    assert run_presse("--repo", str(repo), "extract").exit_code == 0
    record = segments(repo)[COVERED]
    assert "merged_into" not in record and record["state"] == "translated"
    entry = next(e for e in polib.pofile(str(po_path(repo))) if e.msgid == SHARES)
    assert entry.msgstr == "Une phrase à elle."


# ---------------------------------------------------------------- the review file


def edit_review(root: Path, key: str, merged_into: str) -> int:
    """Set ``merged_into`` of one segment by hand; the line of that segment's block."""
    text = review_path(root).read_text("utf-8")
    lines = text.splitlines(keepends=True)
    index = next(i for i, line in enumerate(lines) if line.strip() == f"{key}:")
    lines.insert(index + 1, f"    merged_into: {merged_into}\n")
    review_path(root).write_text("".join(lines), "utf-8")
    return index + 1


@pytest.mark.parametrize(
    ("target", "message"),
    [
        ("0123456789ab", "'merged_into' names 0123456789ab, no segment of this file"),
        (COVERED, "'merged_into' names the segment itself"),
    ],
    ids=["unknown", "itself"],
)
def test_a_merge_to_no_segment_is_refused_with_its_line(
    repo: Path, run_presse: RunPresse, target: str, message: str
) -> None:
    line = edit_review(repo, COVERED, target)
    result = run_presse("--repo", str(repo), "status", SLUG)
    assert result.exit_code == 1
    assert f"{SLUG}.review.yaml:{line + 1}: segment {COVERED}: {message}" in result.output


def test_a_merge_into_a_segment_not_just_before_is_refused(
    repo: Path, run_presse: RunPresse
) -> None:
    end = segment_id(None, END)
    line = edit_review(repo, end, HEAD)  # a sentence between them is not merged
    result = run_presse("--repo", str(repo), "status", SLUG)
    assert result.exit_code == 1
    assert f"{SLUG}.review.yaml:{line}: segment {end}: 'merged_into' {HEAD} is not" in result.output


def test_a_segment_may_hold_two_french_sentences(office_repo: Path, run_presse: RunPresse) -> None:
    """Splitting needs nothing: one German sentence, two French ones, no finding."""
    german = "Der Umbau kostet 2,5 Millionen Euro und beginnt am 3. Mai 2017."
    french = "Le réaménagement coûte 2,5 millions d’euros. Il commence le 3 mai 2017."
    (office_repo / "releases" / "de" / f"{SLUG}.md").write_text(
        f"---\ntitle: {TITLE}\ndate: 2016-10-03T10:00:00+02:00\n---\n\n{german}\n", "utf-8"
    )
    assert run_presse("--repo", str(office_repo), "extract").exit_code == 0
    presse = open_repository(office_repo)
    confirm(presse, SLUG, segment_id("title", TITLE), TITLE_FR, "Camille Martin")
    confirm(presse, SLUG, segment_id(None, german), french, "Camille Martin")
    status = status_of(run_presse, office_repo)
    assert status["problems"] == {} and status["state"] == "ready"


# ---------------------------------------------------------------- the review page's data


def test_the_review_page_says_which_segment_covers_which(repo: Path, run_presse: RunPresse) -> None:
    from presse.web import create_app

    assert run_presse("--repo", str(repo), "merge", SLUG, HEAD).exit_code == 0
    app = create_app(open_repository(repo), secret_key="test-secret")
    app.config["TESTING"] = True
    client = app.test_client()
    client.get("/")
    with client.session_transaction() as session:
        session["name"] = "Camille Martin"
        csrf = session["csrf_token"]
    replies = {}
    for key, french in ((COVERED, ""), (HEAD, MERGED_FR)):
        response = client.post(
            f"/release/{SLUG}/segment/{key}",
            data={"csrf_token": csrf, "french": french},
            headers={"Accept": "application/json"},
        )
        assert response.status_code == 200, response.get_data(as_text=True)
        replies[key] = response.get_json()
    assert replies[COVERED]["merged_into"] == HEAD and replies[COVERED]["state"] == "translated"
    assert replies[HEAD]["covers"] == [COVERED] and replies[HEAD]["problems"] == []
    assert replies[HEAD]["release_state"] == "ready"


def test_french_another_tool_recorded_in_a_covered_segment_keeps_its_author() -> None:
    """An XLIFF import writes the French and its hash but knows nothing of merges: the
    segment leaves the merge and stays the agency's translation."""
    from presse.documents.catalog import text_hash
    from presse.documents.po import Catalog, Entry
    from presse.documents.review_state import ReviewState, SegmentRecord, reconcile

    catalog = Catalog(
        entries=[
            Entry(COST, MERGED_FR),
            Entry(
                SHARES, "La part de chacun.", translator_comments=["presse: merged with previous"]
            ),
        ]
    )
    agency = SegmentRecord("translated", by="Agence", merged_into=HEAD)
    agency.fr_hash = text_hash("La part de chacun.")
    review = ReviewState(SLUG, {COVERED: agency})
    record = reconcile(catalog, review, "Jeanne Martin", "2016-10-04T09:30:00+02:00").segments[
        COVERED
    ]
    assert record.merged_into is None and (record.state, record.by) == ("translated", "Agence")


def test_the_memory_pairs_a_merged_french_with_all_of_its_german(
    repo: Path, run_presse: RunPresse, tmp_path: Path
) -> None:
    assert run_presse("--repo", str(repo), "merge", SLUG, HEAD).exit_code == 0
    out = tmp_path / "memory.tmx"
    result = run_presse("--repo", str(repo), "memory", "export", str(out))
    assert result.exit_code == 0, result.output
    units = {}
    for unit in ElementTree.parse(out).iter("tu"):
        german, french = (tuv.findtext("seg") for tuv in unit.findall("tuv"))
        units[german] = french
    assert units[f"{COST} {SHARES}"] == MERGED_FR and COST not in units


def test_the_preview_misses_nothing_merged(repo: Path, run_presse: RunPresse) -> None:
    from presse.web import create_app

    assert run_presse("--repo", str(repo), "merge", SLUG, HEAD).exit_code == 0
    app = create_app(open_repository(repo), secret_key="test-secret")
    html = app.test_client().get(f"/release/{SLUG}/preview").get_data(as_text=True)
    assert html.count("dont 800") == 1 and "not translated yet" not in html
