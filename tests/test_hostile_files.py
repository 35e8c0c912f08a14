"""The eight inputs that once crashed or hung presse (issue 21), each through the
commands that read it: one line naming the file and its line, exit 1, within 2 s of
presse's own work, and no file changed."""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from fuzz_helpers import APPROVED, snapshot, time_limit
from test_yamlsrc import alias_bomb

REVIEW = f"releases/fr/{APPROVED}.review.yaml"
FRENCH = f"releases/fr/{APPROVED}.md"
CATALOG = f"locale/fr/LC_MESSAGES/{APPROVED}.po"


def in_review(old: str, new: str) -> Callable[[Path], str]:
    def spoil(repo: Path) -> str:
        path = repo / REVIEW
        text = path.read_text("utf-8")
        assert old in text
        path.write_text(text.replace(old, new, 1), "utf-8")
        return REVIEW

    return spoil


def bomb_in(relative: str, after: str) -> Callable[[Path], str]:
    def spoil(repo: Path) -> str:
        path = repo / relative
        text = path.read_text("utf-8")
        assert after in text
        path.write_text(text.replace(after, after + alias_bomb(), 1), "utf-8")
        return relative

    return spoil


def catalog_is_a_folder(repo: Path) -> str:
    (repo / CATALOG).unlink()
    (repo / CATALOG).mkdir()
    return CATALOG


ALL = ("status", "check", "build")
# What reads what: status and check never open the French release, and the build's gate
# reads only the head of a review file (the approval and the events), so a broken
# segment record there cannot change what is published; status and check refuse it.
HOSTILE = {
    "alias bomb in a review file": (bomb_in(REVIEW, "release: " + APPROVED + "\n"), ALL),
    "alias bomb in a French release": (bomb_in(FRENCH, "---\n"), ("build",)),
    "events that are numbers": (in_review("events:\n", "events:\n- 7\n"), ALL),
    "dismissed: oops": (in_review("    state: translated\n", "    state: translated\n    dismissed: oops\n"), ("status", "check")),
    "an approval at 'not a date'": (in_review("  at: '2016-09-12T15:30:00+02:00'\n  by: Jana", "  at: 'not a date'\n  by: Jana"), ALL),
    "an approval time without offset": (in_review("  at: '2016-09-12T15:30:00+02:00'\n  by: Jana", "  at: '2016-09-12T15:30:00'\n  by: Jana"), ALL),
    "an approval time YAML reads as a naive date-time": (in_review("  at: '2016-09-12T15:30:00+02:00'\n  by: Jana", "  at: 2016-09-12 15:30:00\n  by: Jana"), ALL),
    "a PO path that is a folder": (catalog_is_a_folder, ALL),
}  # fmt: skip
CASES = [(case, command) for case, (_, commands) in sorted(HOSTILE.items()) for command in commands]


@pytest.mark.parametrize(("case", "command"), CASES)
def test_a_hostile_file_is_one_line_and_exit_1_within_two_seconds(
    example_repo: Path, run_presse, case: str, command: str
) -> None:  # type: ignore[no-untyped-def]
    relative = HOSTILE[case][0](example_repo)
    before = snapshot(example_repo)
    args = [command] + (["--out", str(example_repo.parent / "site")] if command == "build" else [])
    started = time.perf_counter()
    with time_limit(2):  # presse's own work; a hang raises TimeoutError here
        result = run_presse("--repo", str(example_repo), *args)
    seconds = time.perf_counter() - started
    assert result.exit_code == 1, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert re.match(rf"{re.escape(str(example_repo / relative))}(:\d+)?: \S", lines[0]), lines[0]
    assert "Traceback" not in result.output
    assert snapshot(example_repo) == before
    assert seconds < 2
