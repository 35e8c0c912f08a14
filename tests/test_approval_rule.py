"""One approval rule (#16): ``approve`` is refused whenever ``status`` lists a blocker, a
no-op approval changes nothing, four eyes, and ``unapprove``."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

import polib
import pytest
import yaml
from click.testing import Result
from test_status import FRENCH, SLUG, translate
from tree_helpers import snapshot

from presse.documents.catalog import segment_id

RunPresse = Callable[..., Result]
CATALOG_DATA = Path(__file__).resolve().parent / "data" / "catalog"


@pytest.fixture
def repo(office_repo: Path, run_presse: RunPresse) -> Path:
    """The open-day release, every segment translated by Anne Roux (presse init's
    presse.yaml: four eyes on)."""
    shutil.copy(CATALOG_DATA / f"{SLUG}.md", office_repo / "releases" / "de" / f"{SLUG}.md")
    assert run_presse("--repo", str(office_repo), "extract").exit_code == 0
    for key in FRENCH:
        translate(office_repo, key)
    return office_repo


def status_of(run_presse: RunPresse, root: Path) -> dict:
    result = run_presse("--repo", str(root), "status", "--json", SLUG)
    assert result.exit_code == 0, result.output
    return json.loads(result.output)[0]


def approve(run_presse: RunPresse, root: Path, by: str) -> Result:
    return run_presse("--repo", str(root), "approve", SLUG, "--by", by)


def review_of(root: Path) -> dict:
    return yaml.safe_load((root / "releases" / "fr" / f"{SLUG}.review.yaml").read_text("utf-8"))


def mark_needs_work(root: Path, msgid: str) -> None:
    """Poedit's "Needs work" on one segment: the fuzzy flag, the French unchanged."""
    po_path = root / "locale" / "fr" / "LC_MESSAGES" / f"{SLUG}.po"
    catalog = polib.pofile(str(po_path), wrapwidth=79)
    [entry] = [e for e in catalog if e.msgid == msgid and not e.obsolete]
    entry.flags.insert(0, "fuzzy")
    catalog.save()


def test_a_needs_work_segment_on_a_published_release_refuses_approval(
    repo: Path, run_presse: RunPresse
) -> None:
    assert approve(run_presse, repo, "Claire Weber").exit_code == 0
    assert status_of(run_presse, repo)["state"] == "published"
    mark_needs_work(repo, "Besucher können alle Ämter kennenlernen.")
    status = status_of(run_presse, repo)
    assert status["blockers"], status  # status says something blocks publication
    before = snapshot(repo, skip_local_state=True)
    refused = approve(run_presse, repo, "Claire Weber")
    assert refused.exit_code == 1
    [line] = refused.stderr.strip().splitlines()
    assert f"cannot approve '{SLUG}'" in line
    for reason in status["blockers"]:
        assert reason in line  # the very reasons status gives
    assert snapshot(repo, skip_local_state=True) == before


def test_approving_again_with_nothing_changed_changes_nothing(
    repo: Path, run_presse: RunPresse
) -> None:
    first = approve(run_presse, repo, "Claire Weber")
    assert first.exit_code == 0, first.output
    french = repo / "releases" / "fr" / f"{SLUG}.md"
    assert french.is_file()
    before = snapshot(repo, skip_local_state=True)
    again = approve(run_presse, repo, "Luc Girard")
    assert again.exit_code == 0, again.output
    assert "Already approved by Claire Weber" in again.output
    assert "wrote" not in again.output
    # Same bytes and modification times: not one file rewritten, no stray hand-edit file.
    assert snapshot(repo, skip_local_state=True) == before
    assert not (repo / "releases" / "fr" / f"{SLUG}.hand-edit.md").exists()
    assert review_of(repo)["approval"]["by"] == "Claire Weber"
    assert "corrected_at" not in french.read_text("utf-8")


def test_approving_a_correction_again_keeps_its_date(repo: Path, run_presse: RunPresse) -> None:
    assert approve(run_presse, repo, "Claire Weber").exit_code == 0
    key = (None, "Der Eintritt ist frei.")
    confirm_other = FRENCH[key].replace("libre", "gratuite")
    from presse.steps.open import open_repository
    from presse.steps.review import confirm

    confirm(open_repository(repo), SLUG, segment_id(*key), confirm_other, "Anne Roux")
    assert approve(run_presse, repo, "Claire Weber").exit_code == 0
    french = repo / "releases" / "fr" / f"{SLUG}.md"
    corrected = yaml.safe_load(french.read_text("utf-8").split("---")[1])["corrected_at"]
    before = snapshot(repo, skip_local_state=True)
    again = approve(run_presse, repo, "Luc Girard")
    assert again.exit_code == 0 and "Already approved" in again.output
    assert snapshot(repo, skip_local_state=True) == before
    assert yaml.safe_load(french.read_text("utf-8").split("---")[1])["corrected_at"] == corrected


def test_four_eyes_refuse_the_translator_naming_the_segments(
    repo: Path, run_presse: RunPresse
) -> None:
    key = (None, "Parkplätze gibt es in der Friedrich-Ebert-Straße.")
    translate(repo, key, by="Luc Girard")
    before = snapshot(repo, skip_local_state=True)
    refused = approve(run_presse, repo, "luc  girard")  # the same person, however typed
    assert refused.exit_code == 1
    [line] = refused.stderr.strip().splitlines()
    assert "is the last translator of segment(s) 11 (" + segment_id(*key) + ")" in line
    assert "review.four_eyes" in line
    assert snapshot(repo, skip_local_state=True) == before
    refused = approve(run_presse, repo, "Anne Roux")
    assert refused.exit_code == 1 and "segment(s) 1 (" in refused.stderr
    assert "and 2 more" in refused.stderr  # ten of hers: eight named, two counted
    assert approve(run_presse, repo, "Claire Weber").exit_code == 0


def test_without_four_eyes_a_translator_may_approve(repo: Path, run_presse: RunPresse) -> None:
    config = repo / "presse.yaml"
    text = config.read_text("utf-8")
    assert "  four_eyes: true\n" in text  # presse init turns it on
    config.write_text(text.replace("  four_eyes: true\n", "  four_eyes: false\n"), "utf-8")
    assert approve(run_presse, repo, "Anne Roux").exit_code == 0
    # Absent, it is off too (a repository made before the setting existed).
    config.write_text(text.replace("  four_eyes: true\n", ""), "utf-8")
    assert approve(run_presse, repo, "Anne Roux").exit_code == 0


def test_four_eyes_must_be_true_or_false(repo: Path, run_presse: RunPresse) -> None:
    config = repo / "presse.yaml"
    text = config.read_text("utf-8").replace("  four_eyes: true\n", "  four_eyes: yes please\n")
    config.write_text(text, "utf-8")
    result = approve(run_presse, repo, "Claire Weber")
    assert result.exit_code == 1
    assert "'review.four_eyes': expected true or false" in result.stderr


def test_unapprove_records_why_and_the_release_needs_approving_again(
    repo: Path, run_presse: RunPresse
) -> None:
    assert approve(run_presse, repo, "Claire Weber").exit_code == 0
    french = repo / "releases" / "fr" / f"{SLUG}.md"
    approved_french = french.read_bytes()
    result = run_presse(
        "--repo", str(repo), "unapprove", SLUG, "--by", "Jana Schulz", "--reason", "wrong date"
    )
    assert result.exit_code == 0, result.output
    assert "Approval withdrawn by Jana Schulz" in result.output
    event = review_of(repo)["events"][-1]
    assert (event["event"], event["by"], event["reason"]) == (
        "unapproved",
        "Jana Schulz",
        "wrong date",
    )
    assert event["approved_by"] == "Claire Weber" and event["at"]
    status = status_of(run_presse, repo)
    assert status["state"] == "stale"
    withdrawn = f"approval withdrawn by Jana Schulz on {event['at'][:10]}: wrong date"
    assert status["blockers"] == [withdrawn]
    assert french.read_bytes() == approved_french  # the French published stays
    # Built, the French page is still online; also when the gate reads every file
    # closely (the French file edited by hand: the approved catalog's French goes out).
    for edit_by_hand in (False, True):
        if edit_by_hand:
            french.write_bytes(approved_french.replace(b"libre", b"offerte"))
        built = run_presse("--repo", str(repo), "build")
        assert built.exit_code == 0, built.output
        pages = [p.read_text("utf-8") for p in (repo / "site" / "fr").rglob("index.html")]
        assert any("L’entrée est libre." in page for page in pages), built.output
    french.write_bytes(approved_french)
    # Twice is refused; approving again (by another person than the translator) works.
    twice = run_presse("--repo", str(repo), "unapprove", SLUG, "--by", "X", "--reason", "again")
    assert twice.exit_code == 1 and "withdrawn already" in twice.stderr
    again = approve(run_presse, repo, "Jana Schulz")
    assert again.exit_code == 0 and "Approved by Jana Schulz" in again.output
    assert status_of(run_presse, repo)["state"] == "published"


def test_unapprove_needs_an_approval_and_a_reason(repo: Path, run_presse: RunPresse) -> None:
    before = snapshot(repo, skip_local_state=True)
    none = run_presse("--repo", str(repo), "unapprove", SLUG, "--by", "X", "--reason", "r")
    assert none.exit_code == 1 and "no approval to withdraw" in none.stderr
    assert approve(run_presse, repo, "Claire Weber").exit_code == 0
    before = snapshot(repo, skip_local_state=True)
    blank = run_presse("--repo", str(repo), "unapprove", SLUG, "--by", "X", "--reason", " ")
    assert blank.exit_code == 1 and "reason is required" in blank.stderr
    assert snapshot(repo, skip_local_state=True) == before


def test_a_refusal_gives_every_reason_at_once(repo: Path, run_presse: RunPresse) -> None:
    mark_needs_work(repo, "Besucher können alle Ämter kennenlernen.")
    refused = approve(run_presse, repo, "Anne Roux")
    assert refused.exit_code == 1
    [line] = refused.stderr.strip().splitlines()
    assert "1 segment(s) marked needs work" in line
    assert "Anne Roux is the last translator of segment(s)" in line
