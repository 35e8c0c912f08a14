"""The build's gate: the quick path (hashes only) decides as the full path does."""

from __future__ import annotations

import json
from pathlib import Path

from presse.extract import checker_for
from presse.gate import quick_state
from presse.glossary import load_glossary
from presse.repository import open_repository
from presse.status import compute_status
from presse.store import load_release_files

APPROVED = "2016-09-08-eine-delegation-aus-dem-harz-war-zu-gast-in-der-partnerregion-belfort"


def full_state(root: Path, slug: str) -> str:
    repo = open_repository(root)
    checker = checker_for(repo, load_glossary(repo.glossary_path))
    return compute_status(repo, load_release_files(repo, slug), checker).state


def test_the_quick_gate_finds_what_the_full_gate_finds(example_repo: Path) -> None:
    repo = open_repository(example_repo)
    gate, remembered = quick_state(repo, APPROVED, None)
    assert gate is not None and remembered is not None
    assert gate.state == full_state(example_repo, APPROVED) == "published"


def test_a_changed_german_text_leaves_the_quick_gate(example_repo: Path) -> None:
    source = example_repo / "releases" / "de" / f"{APPROVED}.md"
    source.write_text(source.read_text("utf-8").replace("Mitte April", "Ende April"), "utf-8")
    repo = open_repository(example_repo)
    gate, _ = quick_state(repo, APPROVED, None)
    assert gate is None  # the full gate decides
    assert full_state(example_repo, APPROVED) == "stale"


def test_a_changed_translation_is_held_back_by_the_build(example_repo: Path, run_presse) -> None:  # type: ignore[no-untyped-def]
    assert run_presse("--repo", str(example_repo), "build").exit_code == 0
    catalog = example_repo / "locale" / "fr" / "LC_MESSAGES" / f"{APPROVED}.po"
    catalog.write_text(
        catalog.read_text("utf-8").replace("depuis 1994", "depuis 1996"), encoding="utf-8"
    )
    result = run_presse("--repo", str(example_repo), "build", "--json")
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    assert APPROVED in {held["slug"] for held in summary["held_back"]}
    assert "fr" not in summary["pages"][APPROVED]


def test_the_quick_review_reader_agrees_with_the_full_one(example_repo: Path) -> None:
    from presse.review import parse_review, quick_review

    path = example_repo / "releases" / "fr" / f"{APPROVED}.review.yaml"
    text = path.read_text("utf-8")
    full = parse_review(text, path, APPROVED)
    assert quick_review(text, path) == (full.approval, full.events)
    # Segments first (an older file, or a hand edit): the full reader decides.
    head, segments = text.split("\nsegments:", 1)
    release, rest = head.split("\n", 1)[0], head.split("\n", 1)[1]
    assert quick_review(f"{release}\nsegments:{segments}\n{rest}\n", path) is None
    assert quick_review(text.replace("events:", "<<<<<<< HEAD\nevents:"), path) is None


def test_an_event_added_to_the_head_gives_the_file_presse_would_write(example_repo: Path) -> None:
    from presse.review import parse_review, render_review, with_event

    path = example_repo / "releases" / "fr" / f"{APPROVED}.review.yaml"
    text = path.read_text("utf-8")
    review = parse_review(text, path, APPROVED)
    assert render_review(review) == text
    event = {"event": "published", "at": "2016-10-01T09:00:00+02:00", "catalog_hash": "ab" * 32}
    review.add_event("published", event["at"], None, catalog_hash=event["catalog_hash"])
    assert with_event(text, path, APPROVED, event) == render_review(review)
    # A head edited by hand is left to the full reader and writer.
    assert with_event(text.replace("events:", "events:  "), path, APPROVED, event) is None


def test_the_first_build_records_the_publication(example_repo: Path, run_presse) -> None:  # type: ignore[no-untyped-def]
    slug = "2016-09-08-eine-delegation-aus-dem-harz-war-zu-gast-in-der-partnerregion-belfort"
    path = example_repo / "releases" / "fr" / f"{slug}.review.yaml"
    text = path.read_text("utf-8")
    # Forget the publication the example records, then build.
    head, rest = text.split("- event: published", 1)
    path.write_text(head + rest.split("\n", 3)[3], encoding="utf-8")
    status = json.loads(run_presse("--repo", str(example_repo), "status", "--json").stdout)
    assert status[0]["state"] == "approved"
    assert run_presse("--repo", str(example_repo), "build").exit_code == 0
    status = json.loads(run_presse("--repo", str(example_repo), "status", "--json").stdout)
    assert status[0]["state"] == "published"
