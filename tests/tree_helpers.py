"""Helpers the tests share: what a folder holds, and where a line is.

Tests that check "nothing else changed" compare a snapshot of the whole tree before and
after a command: every file's bytes and modification time.
"""

from __future__ import annotations

import os
import time
from pathlib import Path


def snapshot(root: Path, skip_local_state: bool = False) -> dict[str, tuple[bytes, int]]:
    """Every file under ``root`` with its bytes and modification time.

    ``skip_local_state`` leaves out ``.presse/`` (caches and the lock, which reading
    commands may refresh)."""
    return {
        str(p.relative_to(root)): (p.read_bytes(), p.stat().st_mtime_ns)
        for p in sorted(root.rglob("*"))
        if p.is_file() and not (skip_local_state and ".presse" in p.relative_to(root).parts)
    }


def line_number(text: str, needle: str) -> int:
    """The 1-based line of ``text`` on which ``needle`` first occurs."""
    for number, line in enumerate(text.splitlines(), start=1):
        if needle in line:
            return number
    raise AssertionError(f"{needle!r} not in the text")


def age_files(root: Path, seconds: float = 3600) -> None:
    """Every file under ``root`` but local state made ``seconds`` old, as after a working
    day: presse does not trust the stats of a file changed in the last two seconds."""
    past = time.time() - seconds
    for path in root.rglob("*"):
        if path.is_file() and ".presse" not in path.relative_to(root).parts:
            os.utime(path, (past, past))
