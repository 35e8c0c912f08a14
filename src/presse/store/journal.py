"""A small journal, so that the files of one release change together.

Each file is written atomically (a temporary file, then a rename), but a release has
several: its PO catalog, its review file and, on approval, its French release. A
process killed between two renames would leave a catalog from one moment and a review
file from another. So when more than one of them changes, their new texts are first
written to one journal entry (``.presse/journal/<name>.json``, synced to disk), then
the files, then the entry is removed. A command that finds an entry left behind
completes it: the files get the texts the interrupted command meant to write (writing
a file that holds them already changes nothing), and the entry goes.

Completing, rather than rolling back, because the entry is only written once the new
texts are whole: whatever part of them reached the files, the rest is known.
"""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from pathlib import Path

from presse.errors import PresseError
from presse.store.disk import read_bytes, remove_file, remove_temporaries, write_text_atomic

Writes = Sequence[tuple[Path, str]]


def write_together(folder: Path, name: str, root: Path, writes: Writes) -> list[Path]:
    """Write the files of ``writes`` (path, text) as one unit; the paths written.

    ``root`` is the repository: the journal keeps paths relative to it, so that a
    repository moved after a crash is still repaired."""
    changed = [(path, text) for path, text in writes if not _holds(path, text)]
    entry = folder / f"{name}.json" if len(changed) > 1 else None  # one rename is atomic
    if entry is not None:
        texts = [[path.relative_to(root).as_posix(), text] for path, text in changed]
        write_text_atomic(entry, json.dumps(texts, ensure_ascii=False))
    for path, text in changed:  # compared above: each of them differs
        write_text_atomic(path, text, compare=False)
    if entry is not None:
        remove_file(entry)
    return [path for path, _ in changed]


def interrupted(folder: Path) -> bool:
    """Whether an entry was left behind (cheap: one look at the folder)."""
    try:
        return any(name.endswith(".json") for name in os.listdir(folder))
    except (FileNotFoundError, NotADirectoryError):
        return False


def complete_interrupted(folder: Path, root: Path) -> list[str]:
    """Complete every entry left behind; the names of the entries completed."""
    done: list[str] = []
    for entry in sorted(folder.glob("*.json")):
        for relative, text in _entry_texts(entry):
            write_text_atomic(root / relative, text)
            remove_temporaries(root / relative)  # what the killed command was writing
        remove_file(entry)
        done.append(entry.stem)
    return done


def _entry_texts(entry: Path) -> list[tuple[str, str]]:
    """An entry's (relative path, text) pairs; none when it is not one presse wrote
    whole (then nothing of it reached the files: they were written after it)."""
    try:
        texts = json.loads(read_bytes(entry).decode("utf-8"))
    except (PresseError, ValueError):
        return []
    if not isinstance(texts, list):
        return []
    return [
        (item[0], item[1])
        for item in texts
        if isinstance(item, list) and len(item) == 2 and all(isinstance(x, str) for x in item)
        and not Path(item[0]).is_absolute() and ".." not in Path(item[0]).parts
    ]  # fmt: skip


def _holds(path: Path, text: str) -> bool:
    try:
        return path.read_bytes() == text.encode("utf-8")
    except OSError:
        return False
