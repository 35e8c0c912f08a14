"""``presse review SLUG --by NAME``: the terminal review of the segments that need a person."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

import polib
import pytest
import yaml
from click.testing import Result

from presse.documents.catalog import segment_id
from presse.steps.open import open_repository
from presse.steps.review import confirm, word_diff

RunPresse = Callable[..., Result]
CATALOG_DATA = Path(__file__).resolve().parent / "data" / "catalog"
SLUG = "2016-10-01-tag-der-offenen-tuer-im-kreishaus"
TITLE = "Tag der offenen Tür im Kreishaus"
TITLE_FR = "Journée portes ouvertes à la maison de l’arrondissement"
GREETING = "Um zehn Uhr begrüßt der Landrat die Gäste."
GREETING_FR = "À dix heures, le Landrat accueille les invités."
SEGMENTS = 11


def po_entries(root: Path) -> list[polib.POEntry]:
    path = root / "locale" / "fr" / "LC_MESSAGES" / f"{SLUG}.po"
    return [e for e in polib.pofile(str(path)) if not e.obsolete]


def review_record(root: Path, msgid: str, msgctxt: str | None = None) -> dict:
    path = root / "releases" / "fr" / f"{SLUG}.review.yaml"
    return yaml.safe_load(path.read_text("utf-8"))["segments"][segment_id(msgctxt, msgid)]


@pytest.fixture
def repo(office_repo: Path, run_presse: RunPresse) -> Path:
    shutil.copy(CATALOG_DATA / f"{SLUG}.md", office_repo / "releases" / "de" / f"{SLUG}.md")
    assert run_presse("--repo", str(office_repo), "extract").exit_code == 0
    return office_repo


def review(run_presse: RunPresse, root: Path, answers: list[str]) -> Result:
    result = run_presse(
        "--repo", str(root), "review", SLUG, "--by", "Anne Roux", input="\n".join(answers) + "\n"
    )
    assert result.exit_code == 0, result.output
    return result


def test_typing_a_translation_confirms_the_segment(repo: Path, run_presse: RunPresse) -> None:
    result = review(run_presse, repo, ["i", TITLE_FR, *["s"] * (SEGMENTS - 1)])
    assert f"[1/{SEGMENTS}] untranslated" in result.output
    assert f"DE: {TITLE}" in result.output
    assert "1 confirmed by Anne Roux" in result.output
    [title] = [e for e in po_entries(repo) if e.msgctxt == "title"]
    assert title.msgstr == TITLE_FR and not title.fuzzy
    record = review_record(repo, TITLE, "title")
    assert record["state"] == "translated" and record["by"] == "Anne Roux"
    others = [e for e in po_entries(repo) if e.msgctxt != "title"]
    assert all(e.msgstr == "" for e in others)


def test_a_translated_segment_is_not_asked_again(repo: Path, run_presse: RunPresse) -> None:
    review(run_presse, repo, ["i", TITLE_FR, *["s"] * (SEGMENTS - 1)])
    result = review(run_presse, repo, ["s"] * (SEGMENTS - 1))
    assert f"[2/{SEGMENTS}]" in result.output and f"[1/{SEGMENTS}]" not in result.output
    assert f"DE: {TITLE}\n" not in result.output
    assert "confirmed by" not in result.output


def test_a_stale_segment_shows_the_german_change_word_by_word(
    repo: Path, run_presse: RunPresse
) -> None:
    confirm(open_repository(repo), SLUG, segment_id(None, GREETING), GREETING_FR, "Luc Girard")
    source = repo / "releases" / "de" / f"{SLUG}.md"
    source.write_text(
        source.read_text("utf-8").replace("Um zehn Uhr", "Um elf Uhr"), encoding="utf-8"
    )
    # Untranslated title, summary and four sentences come first; the stale one is 7th of 11.
    result = review(run_presse, repo, [*["s"] * 6, "a", *["s"] * 4])
    shown = result.output[result.output.index("] stale") :]
    assert "German changed:" in shown
    assert "Um [-zehn-]{+elf+} Uhr begrüßt der Landrat die Gäste." in shown
    assert f"FR: {GREETING_FR}" in shown
    assert "1 confirmed by Anne Roux" in result.output
    [entry] = [e for e in po_entries(repo) if e.msgid.startswith("Um elf Uhr")]
    assert entry.msgstr == GREETING_FR and not entry.fuzzy and entry.previous_msgid is None
    record = review_record(repo, "Um elf Uhr begrüßt der Landrat die Gäste.")
    assert record["state"] == "translated" and record["by"] == "Anne Roux"


def test_a_blocking_finding_is_shown_where_it_used_to_say_nothing_to_review(
    repo: Path, run_presse: RunPresse
) -> None:
    """Every segment confirmed, but one finding blocks approval: the review opens that
    segment with its finding and ends with the blockers of ``presse status``."""
    root = open_repository(repo)
    for entry in po_entries(repo):
        confirm(root, SLUG, segment_id(entry.msgctxt, entry.msgid), entry.msgid, "Anne Roux")
    result = review(run_presse, repo, [])
    assert "Nothing to review" not in result.output
    shown = result.output[result.output.index("] translated") :]
    assert f"DE: {GREETING}" in shown and "findings:\n  1. error" in shown
    [status] = json.loads(run_presse("--repo", str(repo), "status", SLUG, "--json").output)
    assert status["blockers"], "the German copied as French should block approval"
    assert "Approval is still blocked:" in result.output
    for reason in status["blockers"]:
        assert f"  blocks approval: {reason}\n" in result.output


def test_review_of_an_unknown_release_is_refused(repo: Path, run_presse: RunPresse) -> None:
    result = run_presse("--repo", str(repo), "review", "2016-10-02-nichts", "--by", "Anne Roux")
    assert result.exit_code == 1
    assert "unknown release '2016-10-02-nichts'" in result.stderr


def test_word_diff_rebuilds_both_texts() -> None:
    old, new = "Um zehn Uhr begrüßt der Landrat die Gäste.", "Um elf Uhr begrüßt die Gäste."
    pieces = word_diff(old, new)
    assert "".join(t for op, t in pieces if op != "+") == old
    assert "".join(t for op, t in pieces if op != "-") == new
    assert ("-", "zehn") in pieces and ("+", "elf") in pieces
