"""A build is a pure function of the repository: on a fresh clone it writes nothing that
git tracks, two clones built at different times give the same site, and the gate is
not weakened by the absence of every cache."""

from __future__ import annotations

import filecmp
import os
import shutil
import subprocess
import time
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from presse.site.dates import long_date
from presse.steps.init import GITIGNORE
from presse.steps.open import open_repository
from presse.steps.publish import build
from presse.store.cache import RACY_SECONDS

BERLIN = ZoneInfo("Europe/Berlin")
APPROVED = "2016-09-08-eine-delegation-aus-dem-harz-war-zu-gast-in-der-partnerregion-belfort"

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="needs git")


def git(folder: Path, *args: str) -> str:
    done = subprocess.run(
        ["git", "-c", "user.name=Pressestelle", "-c", "user.email=presse@example.org", *args],
        cwd=folder,
        check=True,
        capture_output=True,
        text=True,
    )
    return done.stdout


@pytest.fixture
def origin(example_repo: Path) -> Path:
    """The example as an office keeps it: a git repository with one commit."""
    (example_repo / ".gitignore").write_text(GITIGNORE, "utf-8")
    git(example_repo, "init", "--quiet")
    git(example_repo, "add", ".")
    git(example_repo, "commit", "--quiet", "-m", "Pressemitteilungen")
    return example_repo


def clone(origin: Path, where: Path) -> Path:
    git(origin.parent, "clone", "--quiet", str(origin), str(where))
    return where


def differences(left: Path, right: Path) -> list[str]:
    """Every file that is not the same in both trees (by content), as relative paths."""
    found: list[str] = []

    def walk(comparison: filecmp.dircmp[str], prefix: str) -> None:
        found.extend(prefix + name for name in comparison.left_only + comparison.right_only)
        _, mismatch, errors = filecmp.cmpfiles(
            comparison.left, comparison.right, comparison.common_files, shallow=False
        )
        found.extend(prefix + name for name in mismatch + errors)
        for name, sub in comparison.subdirs.items():
            walk(sub, f"{prefix}{name}/")

    walk(filecmp.dircmp(left, right), "")
    return sorted(found)


def test_a_build_on_a_fresh_clone_leaves_git_status_clean(origin: Path, tmp_path: Path) -> None:
    work = clone(origin, tmp_path / "ci")
    result = build(open_repository(work), clock=datetime(2024, 5, 1, 9, 0, tzinfo=BERLIN))
    assert result.summary.pages[APPROVED].keys() == {"de", "fr"}
    assert git(work, "status", "--porcelain", "--untracked-files=all") == ""
    build(open_repository(work), clock=datetime(2024, 5, 1, 9, 5, tzinfo=BERLIN))
    assert git(work, "status", "--porcelain", "--untracked-files=all") == ""


def test_the_second_build_of_a_fresh_clone_is_answered_from_the_stats(
    origin: Path, tmp_path: Path
) -> None:
    # CI builds right after the clone, when every file is a few tenths of a second old:
    # on a file system with sub-second mtimes that build is still remembered.
    work = clone(origin, tmp_path / "ci")
    # Every file half a second old, with a fraction of a second, as a clone leaves them
    # (set here, so that the test does not hang on how fast the clone ran).
    half_a_second_ago = time.time_ns() - 500_000_000
    moment = half_a_second_ago - half_a_second_ago % 10**9 + 250_000_000
    for path in work.rglob("*"):
        os.utime(path, ns=(moment, moment), follow_symlinks=False)
    source = work / "releases" / "de" / f"{APPROVED}.md"
    stats = source.stat()
    assert stats.st_mtime_ns % 10**9, "the test's folder should keep sub-second mtimes"
    assert time.time() - stats.st_mtime < RACY_SECONDS  # young: the 2 s rule distrusts it
    first = build(open_repository(work))
    assert first.summary.written
    # A release that no longer parses, with its stats as they were: only an answer from
    # the fingerprint gets past it.
    source.write_bytes(source.read_bytes().replace(b"title:", b"titel:", 1))
    os.utime(source, ns=(stats.st_atime_ns, stats.st_mtime_ns))
    again = build(open_repository(work))
    assert again.summary.written == []
    assert again.summary.unchanged == len(first.summary.written)
    assert again.summary.pages == first.summary.pages


def test_two_clones_built_at_different_times_give_the_same_site(
    origin: Path, tmp_path: Path
) -> None:
    first = clone(origin, tmp_path / "monday")
    second = clone(origin, tmp_path / "friday" / "office")
    build(open_repository(first), clock=datetime(2024, 5, 6, 8, 0, tzinfo=BERLIN))
    build(open_repository(second), clock=datetime(2024, 5, 10, 17, 45, tzinfo=BERLIN))
    assert (first / "site" / "fr").is_dir()
    assert differences(first / "site", second / "site") == []


def test_a_german_edit_after_approval_keeps_the_approved_french_online_on_a_fresh_clone(
    origin: Path, tmp_path: Path, run_presse
) -> None:  # type: ignore[no-untyped-def]
    work = clone(origin, tmp_path / "ci")
    source = work / "releases" / "de" / f"{APPROVED}.md"
    source.write_text(source.read_text("utf-8").replace("Mitte April", "Ende April", 1), "utf-8")
    assert run_presse("--repo", str(work), "extract").exit_code == 0  # records when
    git(work, "commit", "--quiet", "-am", "Korrektur")
    extracted = git(work, "show", f"HEAD:releases/fr/{APPROVED}.review.yaml")
    when = datetime.fromisoformat(extracted.split("event: extracted\n  at: '")[-1][:25])
    first = clone(work, tmp_path / "fresh")
    second = clone(work, tmp_path / "other")
    result = build(open_repository(first), clock=datetime(2024, 5, 6, 8, 0, tzinfo=BERLIN))
    build(open_repository(second), clock=datetime(2024, 5, 10, 17, 45, tzinfo=BERLIN))
    # The new German is not translated, let alone approved: what stays online is the
    # approved French, unchanged, saying that the German changed and when.
    page = result.summary.pages[APPROVED]["fr"].read_text("utf-8")
    assert "à la mi-avril" in page
    assert f"La version allemande a été mise à jour le {long_date(when, 'fr')}" in page
    assert APPROVED not in dict(result.summary.held_back)
    assert differences(first / "site", second / "site") == []
    assert git(first, "status", "--porcelain", "--untracked-files=all") == ""

    # A French file edited by hand is no longer the approved one: it does not go out.
    french = work / "releases" / "fr" / f"{APPROVED}.md"
    french.write_text(french.read_text("utf-8").replace("mi-avril", "fin avril"), "utf-8")
    git(work, "commit", "--quiet", "-am", "Von Hand")
    edited = build(open_repository(clone(work, tmp_path / "edited")))
    assert "fr" not in edited.summary.pages[APPROVED]
    assert dict(edited.summary.held_back)[APPROVED].startswith("approved text is stale")


def test_a_french_file_edited_by_hand_does_not_go_out_from_a_fresh_clone(
    origin: Path, tmp_path: Path
) -> None:
    french = origin / "releases" / "fr" / f"{APPROVED}.md"
    french.write_text(french.read_text("utf-8").replace("Belfort", "Belfart"), "utf-8")
    git(origin, "commit", "--quiet", "-am", "Von Hand")
    fresh = clone(origin, tmp_path / "fresh")
    result = build(open_repository(fresh))
    page = result.summary.pages[APPROVED]["fr"].read_text("utf-8")
    assert "Belfart" not in page and "Belfort" in page
    assert any("edited by hand" in note for note in result.notes)
    assert git(fresh, "status", "--porcelain", "--untracked-files=all") == ""


NEW_TERM = """
- de: Delegation
  fr: ambassade
  kind: other
  note: A term added after the release was approved.
"""


def test_a_glossary_changed_after_approval_is_checked_again_and_the_page_stays(
    origin: Path, tmp_path: Path, run_presse
) -> None:  # type: ignore[no-untyped-def]
    # Approved again now (the approval records what the checks ran with; approving an
    # approved release changes nothing, so its approval is withdrawn first), then a
    # term added.
    withdrawn = ("unapprove", APPROVED, "--by", "Jana", "--reason", "to be approved again")
    assert run_presse("--repo", str(origin), *withdrawn).exit_code == 0
    assert run_presse("--repo", str(origin), "approve", APPROVED, "--by", "Jana").exit_code == 0
    git(origin, "commit", "--quiet", "-am", "Freigabe")
    unchanged = build(open_repository(clone(origin, tmp_path / "before")))
    assert not [note for note in unchanged.notes if "approved with another glossary" in note]
    glossary = origin / "glossary.yaml"
    glossary.write_text(glossary.read_text("utf-8") + NEW_TERM, "utf-8")
    git(origin, "commit", "--quiet", "-am", "Neuer Begriff")
    result = build(open_repository(clone(origin, tmp_path / "after")))
    notes = [note for note in result.notes if "approved with another glossary" in note]
    assert len(notes) == 1 and APPROVED in notes[0] and "blocking finding" in notes[0]
    assert "fr" in result.summary.pages[APPROVED]  # the approved French stays online
