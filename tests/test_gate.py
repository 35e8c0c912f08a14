"""The build's gate: the quick path (hashes only) decides as the full path does."""

from __future__ import annotations

import hashlib
import json
import os
import pickle
from pathlib import Path

import polib
from process_helpers import presse_in_a_process

from presse.documents.release_files import load_release_files
from presse.glossary.load import load_glossary
from presse.steps.extract import checker_for
from presse.steps.open import open_repository
from presse.steps.quick_gate import quick_french, quick_state
from presse.steps.status import compute_status

APPROVED = "2016-09-08-eine-delegation-aus-dem-harz-war-zu-gast-in-der-partnerregion-belfort"


def full_state(root: Path, slug: str) -> str:
    repo = open_repository(root)
    checker = checker_for(repo, load_glossary(repo.glossary_path))
    return compute_status(repo, load_release_files(repo, slug), checker).state


def test_the_quick_gate_finds_what_the_full_gate_finds(example_repo: Path) -> None:
    repo = open_repository(example_repo)
    gate = quick_state(repo, APPROVED)
    assert gate is not None
    assert gate.state == full_state(example_repo, APPROVED) == "published"
    # The French file is the one presse wrote for this approval: no need to write it again.
    french = quick_french(repo, gate)
    assert french is not None and french.title.startswith("Une délégation du Harz")


def test_a_french_title_edited_by_hand_leaves_the_quick_gate(example_repo: Path) -> None:
    path = example_repo / "releases" / "fr" / f"{APPROVED}.md"
    text = path.read_text("utf-8")
    path.write_text(text.replace("title: Une délégation", "title: Une visite", 1), "utf-8")
    repo = open_repository(example_repo)
    gate = quick_state(repo, APPROVED)
    assert gate is not None and quick_french(repo, gate) is None


def test_a_changed_german_text_leaves_the_quick_gate(example_repo: Path) -> None:
    source = example_repo / "releases" / "de" / f"{APPROVED}.md"
    source.write_text(source.read_text("utf-8").replace("Mitte April", "Ende April"), "utf-8")
    repo = open_repository(example_repo)
    gate = quick_state(repo, APPROVED)
    assert gate is None  # the full gate decides
    assert full_state(example_repo, APPROVED) == "stale"


def test_a_changed_translation_waits_for_approval_and_the_approved_one_stays(
    example_repo: Path, run_presse
) -> None:  # type: ignore[no-untyped-def]
    assert run_presse("--repo", str(example_repo), "build").exit_code == 0
    catalog = example_repo / "locale" / "fr" / "LC_MESSAGES" / f"{APPROVED}.po"
    catalog.write_text(
        catalog.read_text("utf-8").replace("depuis 1994", "depuis 1996"), encoding="utf-8"
    )
    result = run_presse("--repo", str(example_repo), "build", "--json")
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    # The new French is not approved: it does not go out. The approved one stays online,
    # saying that a corrected translation is on its way.
    page = Path(summary["pages"][APPROVED]["fr"]).read_text("utf-8")
    assert "depuis 1994" in page and "depuis 1996" not in page
    assert "Une version corrigée de cette traduction est en préparation." in page


def test_the_quick_review_reader_agrees_with_the_full_one(example_repo: Path) -> None:
    from presse.documents.review_state import parse_review, quick_review

    path = example_repo / "releases" / "fr" / f"{APPROVED}.review.yaml"
    text = path.read_text("utf-8")
    full = parse_review(text, path, APPROVED)
    assert quick_review(text, path) == (full.approval, full.events)
    # Segments first (an older file, or a hand edit): the full reader decides.
    head, segments = text.split("\nsegments:", 1)
    release, rest = head.split("\n", 1)[0], head.split("\n", 1)[1]
    assert quick_review(f"{release}\nsegments:{segments}\n{rest}\n", path) is None
    assert quick_review(text.replace("events:", "<<<<<<< HEAD\nevents:"), path) is None


def test_an_approved_release_is_published_without_a_build_writing_a_record(
    example_repo: Path, run_presse
) -> None:  # type: ignore[no-untyped-def]
    slug = APPROVED
    path = example_repo / "releases" / "fr" / f"{slug}.review.yaml"
    text = path.read_text("utf-8")
    # Forget the publication the example records (an older presse's builds wrote it).
    head, rest = text.split("- event: published", 1)
    path.write_text(head + rest.split("\n", 3)[3], encoding="utf-8")
    before = {p: p.read_bytes() for p in (example_repo / "releases").rglob("*") if p.is_file()}
    status = json.loads(run_presse("--repo", str(example_repo), "status", "--json").stdout)
    assert status[0]["state"] == "published"  # approved, no embargo: every build publishes it
    assert run_presse("--repo", str(example_repo), "build").exit_code == 0
    assert {
        p: p.read_bytes() for p in (example_repo / "releases").rglob("*") if p.is_file()
    } == before
    assert "Belfort" in french_page(example_repo)


def test_an_approved_release_under_embargo_is_approved_until_it_runs_out(
    example_repo: Path, run_presse
) -> None:  # type: ignore[no-untyped-def]
    slug = APPROVED
    source = example_repo / "releases" / "de" / f"{slug}.md"
    text = source.read_text("utf-8")
    source.write_text(text.replace("\ndate:", "\nembargo: 2999-01-01T09:00:00+01:00\ndate:", 1))
    review = example_repo / "releases" / "fr" / f"{slug}.review.yaml"
    review.write_text(review.read_text("utf-8").replace("- event: published", "- event: x", 1))
    statuses = json.loads(run_presse("--repo", str(example_repo), "status", "--json").stdout)
    assert statuses[0]["state"] == "stale"  # the German changed: approve again
    assert run_presse("--repo", str(example_repo), "approve", slug, "--by", "Jana").exit_code == 0
    statuses = json.loads(run_presse("--repo", str(example_repo), "status", "--json").stdout)
    assert statuses[0]["state"] == "approved" and statuses[0]["embargo"].startswith("2999")


def french_page(root: Path) -> str:
    pages = list((root / "site" / "fr").glob("*/index.html"))
    assert len(pages) == 1
    return pages[0].read_text("utf-8")


def age(path: Path, seconds: float = 10.0) -> None:
    """Make a file look older, as if changed before the last build (stats are trusted
    only for files not changed in the last two seconds)."""
    info = path.stat()
    os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns - int(seconds * 1e9)))


def test_a_cached_release_is_read_again_when_its_french_file_changes(
    example_repo: Path, run_presse
) -> None:  # type: ignore[no-untyped-def]
    french = example_repo / "releases" / "fr" / f"{APPROVED}.md"
    age(french)
    assert run_presse("--repo", str(example_repo), "build").exit_code == 0
    assert run_presse("--repo", str(example_repo), "build").exit_code == 0  # from the cache
    assert "Belfort" in french_page(example_repo)
    # Someone edits the approved French file by hand (same size, older mtime): the
    # approved catalog's French goes out, and the build leaves the file as it is.
    text = french.read_text("utf-8")
    edited = text.replace("Belfort", "Belfart", 1)
    french.write_text(edited, "utf-8")
    age(french, 20.0)
    result = run_presse("--repo", str(example_repo), "build")
    assert result.exit_code == 0, result.output
    assert "edited by hand" in result.output
    assert french.read_text("utf-8") == edited
    assert "Belfart" not in french_page(example_repo) and "Belfort" in french_page(example_repo)


def test_a_broken_gate_cache_is_only_a_slower_build(example_repo: Path, run_presse) -> None:  # type: ignore[no-untyped-def]
    assert run_presse("--repo", str(example_repo), "build").exit_code == 0
    before = french_page(example_repo)
    caches = list((example_repo / ".presse" / "cache" / "gate").glob("*.pickle"))
    assert caches, "the build keeps a gate cache"
    for cache in caches:
        cache.write_bytes(b"\x80\x05not a pickle")
    (example_repo / "site" / ".presse-build.json").unlink()  # no answer from file stats
    result = run_presse("--repo", str(example_repo), "build")
    assert result.exit_code == 0, result.output
    assert french_page(example_repo) == before


def test_an_approval_pins_the_files_it_approved(example_repo: Path) -> None:
    from presse.steps.approve import approve, unapprove

    repo = open_repository(example_repo)
    # The example's approval was written by hand, without pins: approved again (after
    # withdrawing it, as approving what is approved changes nothing), presse pins them.
    unapprove(repo, APPROVED, "Jana Schulz", "to pin the files")
    approval, _ = approve(repo, APPROVED, "Jana Schulz")
    catalog = example_repo / "locale" / "fr" / "LC_MESSAGES" / f"{APPROVED}.po"
    french = example_repo / "releases" / "fr" / f"{APPROVED}.md"
    assert approval.catalog_file == hashlib.sha256(catalog.read_bytes()).hexdigest()
    assert approval.french_file == hashlib.sha256(french.read_bytes()).hexdigest()
    review = (example_repo / "releases" / "fr" / f"{APPROVED}.review.yaml").read_text("utf-8")
    assert f"french_file: {approval.french_file}" in review
    # The gate reads neither file closely while both are the ones approved...
    gate = quick_state(repo, APPROVED)
    assert gate is not None and gate.pinned and quick_french(repo, gate) is not None
    # ...and still catches a title edited by hand in the French file.
    text = french.read_text("utf-8")
    french.write_text(text.replace("title: Une délégation", "title: Une visite", 1), "utf-8")
    gate = quick_state(repo, APPROVED)
    assert gate is not None and gate.pinned and quick_french(repo, gate) is None
    french.write_text(text, "utf-8")
    # A PO file saved again by a PO editor (other bytes, same messages) is still the
    # approved (and published) text.
    polib.pofile(str(catalog)).save(str(catalog))
    gate = quick_state(repo, APPROVED)
    assert gate is not None and not gate.pinned and gate.state == "published"
    assert quick_french(repo, gate) is not None
    # A changed translation is not.
    catalog.write_text(catalog.read_text("utf-8").replace("depuis 1994", "depuis 1996"), "utf-8")
    assert quick_state(repo, APPROVED) is None
    assert full_state(example_repo, APPROVED) == "stale"


IN_TRANSLATION = (
    "2016-10-05-franzoesische-jugendliche-aus-der-partnerregion-belfort-zu-gast-im-landkreis-harz"
)


def test_a_release_in_translation_is_not_checked_again_by_the_next_build(
    example_repo: Path, tmp_path: Path
) -> None:
    first = presse_in_a_process("--repo", str(example_repo), "build", "--out", str(tmp_path / "a"))
    assert "presse.steps.extract" in first.modules  # merged and checked once, its status kept
    # Into another folder: not answered as "nothing changed", every release goes through
    # the gate; the release in translation is held back from what the first build kept.
    second = presse_in_a_process("--repo", str(example_repo), "build", "--out", str(tmp_path / "b"))
    assert "presse.steps.extract" not in second.modules
    reason = f"held back: {IN_TRANSLATION}: not approved (new)"
    assert reason in first.output and reason in second.output
    pages = sorted(p.relative_to(tmp_path / "a") for p in (tmp_path / "a").rglob("*.html"))
    assert pages == sorted(p.relative_to(tmp_path / "b") for p in (tmp_path / "b").rglob("*.html"))
    # What the build kept is what presse status computes.
    kept = presse_in_a_process("--repo", str(example_repo), "status", "--json").output
    (example_repo / ".presse" / "cache" / "status.pickle").unlink()
    assert presse_in_a_process("--repo", str(example_repo), "status", "--json").output == kept


def _build_after_a_false_claim(root: Path, out: Path, run_presse, slug: str, state: str) -> str:  # type: ignore[no-untyped-def]
    """The output of a build after the status cache was made to claim ``state`` for
    ``slug`` (as a cache from another version or a hand edit might)."""
    assert run_presse("--repo", str(root), "status").exit_code == 0
    path = root / ".presse" / "cache" / "status.pickle"
    data = pickle.loads(path.read_bytes())
    data["entries"][slug].value["state"] = state
    path.write_bytes(pickle.dumps(data))
    result = run_presse("--repo", str(root), "build", "--out", str(out))
    assert result.exit_code == 0
    return str(result.output)


def test_a_status_cache_that_says_approved_publishes_nothing(
    example_repo: Path, tmp_path: Path, run_presse
) -> None:  # type: ignore[no-untyped-def]
    site = tmp_path / "site"
    output = _build_after_a_false_claim(example_repo, site, run_presse, IN_TRANSLATION, "approved")
    assert f"held back: {IN_TRANSLATION}: not approved (new)" in output
    assert not list((site / "fr").glob("*franz*"))
    assert not (example_repo / "releases" / "fr" / f"{IN_TRANSLATION}.md").exists()


def test_a_status_cache_that_says_in_translation_holds_nothing_approved_back(
    example_repo: Path, tmp_path: Path, run_presse
) -> None:  # type: ignore[no-untyped-def]
    site = tmp_path / "site"
    output = _build_after_a_false_claim(example_repo, site, run_presse, APPROVED, "in translation")
    assert f"held back: {APPROVED}" not in output
    assert len(list((site / "fr").glob("2016-09-08-*/index.html"))) == 1
