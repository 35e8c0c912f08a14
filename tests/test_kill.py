"""``kill -9`` at every point where ``extract`` and ``approve`` change a file: after the
next command, each release's files all come from one moment, before or after, and a
repair is reported when one was needed (issue 21).

The points are the renames that put files in place (every write is a temporary file,
then a rename), so killing the process just before the N-th rename, for every N, covers
every state a kill at a random moment can leave. The program below counts them in a
process of its own and sends itself SIGKILL there: nothing of presse's is replaced.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from fuzz_helpers import APPROVED

from presse.documents.release_files import as_saved, journal_dir, load_release_files
from presse.steps.open import open_repository
from presse.store.journal import interrupted

UNAPPROVED = (
    "2016-10-05-franzoesische-jugendliche-aus-der-partnerregion-belfort-zu-gast-im-landkreis-harz"
)

PROGRAM = """
import os, signal, sys
from presse.cli.main import cli
kill_at, renames, real_replace = int(sys.argv[1]), 0, os.replace
def replace(source, target, **options):
    global renames
    renames += 1
    if renames == kill_at:
        os.kill(os.getpid(), signal.SIGKILL)
    return real_replace(source, target, **options)
os.replace = replace
try:
    cli.main(args=sys.argv[2:], prog_name="presse", standalone_mode=False)
finally:
    print(f"renames: {renames}", file=sys.stderr)
"""

TIMES = re.compile(r"\d{4}-\d\d-\d\d[T ]\d\d:\d\d(:\d\d)?([+-]\d\d:?\d\d|Z)?")


def run_killed(repo: Path, kill_at: int, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", PROGRAM, str(kill_at), "--repo", str(repo), *args],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip


def release_files(repo: Path, slug: str) -> tuple[str, ...]:
    """A release's files, with every time stamp blanked (the runs happen at other times)."""
    paths = (
        repo / "locale/fr/LC_MESSAGES" / f"{slug}.po",
        repo / "releases/fr" / f"{slug}.review.yaml",
        repo / "releases/fr" / f"{slug}.md",
    )
    return tuple(TIMES.sub("<time>", p.read_text("utf-8")) if p.exists() else "" for p in paths)


def edit_german(repo: Path) -> list[str]:
    """Change a sentence of both releases, so that extract rewrites both."""
    for slug, old, new in (
        (APPROVED, "Handelskammer und", "Handelskammer (IHK) und"),
        (UNAPPROVED, "Harz", "Harz (Sachsen-Anhalt)"),
    ):
        path = repo / "releases/de" / f"{slug}.md"
        text = path.read_text("utf-8")
        assert old in text
        path.write_text(text.replace(old, new, 1), "utf-8")
    return ["extract"]


def correct_french(repo: Path) -> list[str]:
    """A translator's correction in Poedit, which a second person then approves."""
    path = repo / "locale/fr/LC_MESSAGES" / f"{APPROVED}.po"
    text = path.read_text("utf-8")
    assert "depuis 1994" in text
    path.write_text(text.replace("depuis 1994", "depuis l'année 1994", 1), "utf-8")
    return ["approve", APPROVED, "--by", "Paul Martin"]


def whole(root: Path, slug: str) -> bool:
    """Whether a release's files agree with each other: reading the catalog changes
    nothing in the review file, and the French release is the one its approval names."""
    repo = open_repository(root)
    if not as_saved(repo, load_release_files(repo, slug)):
        return False
    french = repo.root / "releases/fr" / f"{slug}.md"
    review = repo.review_path(slug).read_text("utf-8")
    approved = re.search(r"^approval:\n(?:  .*\n)*?  catalog_hash: (\w+)", review, re.M)
    if approved is None:
        return not french.exists()
    return f"catalog_hash: {approved[1]}\n" in french.read_text("utf-8")


@pytest.mark.parametrize("prepare", [edit_german, correct_french], ids=["extract", "approve"])
def test_a_release_killed_at_any_write_is_whole_after_the_next_command(
    example_repo: Path, tmp_path: Path, run_presse, prepare: Callable[[Path], list[str]]
) -> None:  # type: ignore[no-untyped-def]
    command = prepare(example_repo)
    slugs = (APPROVED, UNAPPROVED)
    before = {slug: release_files(example_repo, slug) for slug in slugs}
    finished = tmp_path / "finished"
    shutil.copytree(example_repo, finished)
    done = run_killed(finished, 0, *command)
    assert done.returncode == 0, done.stderr
    after = {slug: release_files(finished, slug) for slug in slugs}
    assert after != before
    renames = int(done.stderr.rsplit("renames: ", 1)[1])
    repairs = 0
    for kill_at in range(1, renames + 1):
        trial = tmp_path / f"killed-{kill_at}"
        shutil.copytree(example_repo, trial)
        killed = run_killed(trial, kill_at, *command)
        assert killed.returncode == -9, killed.stderr
        left_behind = interrupted(journal_dir(open_repository(trial)))
        result = run_presse("--repo", str(trial), "status")
        assert result.exit_code == 0, result.output
        reported = "the last command was interrupted;" in result.stderr
        assert reported == left_behind, (kill_at, result.stderr)
        repairs += reported
        if reported:  # the repair also removes what the killed writes left beside
            left = [p.name for p in trial.rglob(".*.tmp")]
            assert left == [], (kill_at, left)
        for slug in slugs:
            state = release_files(trial, slug)
            agree = state in (before[slug], after[slug]) or whole(trial, slug)
            assert agree, f"{slug} mixed after a kill at rename {kill_at}"
    assert repairs > 0  # some kill fell between the files of one release
