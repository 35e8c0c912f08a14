"""The one cache contract: a result derived from some input files, valid while their
fingerprints hold.

Every cache of presse that answers for files (what ``extract`` left, each release's
status, what the build's gate found, whether a build has anything to do) is a
:class:`DerivedCache`:

* **On disk**, one pickle file under ``.presse/cache/`` (or the output folder) holding
  ``{"format": FORMAT, "shared": ..., "entries": {key: Entry}}``. A large cache may be
  kept in several such files (the gate's, by a hash of the slug), so that a change
  rewrites one small file. The files are local working state, never in git, written atomically but not
  synced: a cache lost in a crash is only a slower run.
* **Shared inputs**: a digest of what every entry depends on (presse's version, the
  cache's own version, settings, the glossary). A file made with other shared inputs,
  another format or that cannot be read holds no entries.
* **One invalidation rule**: an entry answers while the fingerprint of its input files
  is the one it was stored with. A fingerprint is the stats of the files (size,
  modification time in ns, inode; ``-`` for a missing file). A file modified less than
  :data:`RACY_SECONDS` ago has no fingerprint (its mtime may not show a second change
  within the same tick, git's "racy" rule), so nothing is answered or stored for it;
  on a file system whose mtimes have a fraction of a second (ext4, XFS, Btrfs, APFS,
  NTFS) the tick is the kernel's clock, and :data:`RACY_FINE_SECONDS` is enough.
  An entry stored with a ``content`` digest (a hash of the files' bytes) also answers
  when the stats moved but the bytes did not (a checkout, a copy); its stats are then
  renewed.

Pickle rather than JSON: the gate keeps parsed releases, and unpickling them is several
times faster than parsing them again; the files are presse's own, under the
repository's ignored ``.presse/`` folder.
"""

from __future__ import annotations

import contextlib
import operator
import os
import pickle
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from presse.store.disk import remove_file, write_bytes_atomic

FORMAT = 1  # bump when the layout of the files below changes

# A file modified this recently may change again within one tick of its mtime: such a
# file's stats are not trusted as a fingerprint (git's "racy" files have the same rule).
# The tick is the file system's: up to 2 s (FAT) where mtimes are whole seconds. An mtime
# with a fraction of a second shows a file system that keeps them (ns on ext4, XFS,
# Btrfs, APFS; 100 ns on NTFS, 10 ms on exFAT); its tick is then the kernel's clock
# (1-10 ms on Linux, about 16 ms on Windows), well inside RACY_FINE_SECONDS. Without
# this a fresh clone, whose files are all a second old, could remember nothing.
RACY_SECONDS = 2.0
RACY_FINE_SECONDS = 0.1


def racy(info: os.stat_result, now: float) -> bool:
    """Whether a file's stats, taken at ``now``, may miss a change made right after."""
    age = now - info.st_mtime
    if age >= RACY_SECONDS:
        return False
    return age < RACY_FINE_SECONDS or info.st_mtime_ns % 1_000_000_000 == 0


def stat_fingerprint(path: Path | str, now: float) -> str | None:
    """Size, modification time and inode of a file ('-' when missing); None when racy."""
    try:
        info = os.stat(path)
    except FileNotFoundError:
        return "-"
    if racy(info, now):
        return None
    return f"{info.st_mtime_ns}:{info.st_size}:{info.st_ino}"


def files_fingerprint(paths: Iterable[Path | str], now: float) -> str | None:
    """The stats of some files; None when one of them is too fresh to trust."""
    parts = []
    for path in paths:
        part = stat_fingerprint(path, now)
        if part is None:
            return None
        parts.append(part)
    return "|".join(parts)


_name = operator.attrgetter("name")


def folder_fingerprint(
    folder: str, now: float, recursive: bool = False, prefix: str = ""
) -> list[str] | None:
    """``name:stats`` of every file in a folder (and below it), None when one is racy.

    ``os.scandir`` rather than pathlib: an archive's folders hold tens of thousands of
    files, and a build asks this before anything else."""
    try:
        entries = sorted(os.scandir(folder), key=_name)
    except (FileNotFoundError, NotADirectoryError):
        return ["-"]
    found: list[str] = []
    trusted_before = now - RACY_SECONDS  # older files are never racy: no call for them
    for entry in entries:
        if entry.is_dir():
            if recursive:
                below = folder_fingerprint(entry.path, now, True, f"{prefix}{entry.name}/")
                if below is None:
                    return None
                found.extend(below)
            continue
        info = entry.stat()
        if info.st_mtime >= trusted_before and racy(info, now):
            return None
        found.append(f"{prefix}{entry.name}:{info.st_mtime_ns}:{info.st_size}:{info.st_ino}")
    return found


@dataclass(frozen=True, slots=True)
class Entry:
    """One derived result and the fingerprint of the files it was derived from."""

    inputs: str | None  # None: the stats were too fresh to trust; only ``content`` holds
    value: Any
    content: str | None = None  # a digest of the inputs' bytes, where the cache keeps one


class DerivedCache:
    """Results derived from input files, in one file (see the module docstring).

    Read on first use; :meth:`save` writes the file only when an entry changed."""

    def __init__(self, path: Path, shared: str) -> None:
        self.path = path
        self.shared = shared
        self._entries: dict[str, Entry] | None = None
        self._changed = False

    @property
    def entries(self) -> dict[str, Entry]:
        if self._entries is None:
            self._entries = self._read()
        return self._entries

    def _read(self) -> dict[str, Entry]:
        try:
            with self.path.open("rb") as handle:
                data = pickle.load(handle)
        except Exception:  # any unreadable cache (missing, truncated, another version)
            return {}
        if not isinstance(data, dict) or (data.get("format"), data.get("shared")) != (
            FORMAT,
            self.shared,
        ):
            return {}
        entries = data.get("entries")
        return entries if isinstance(entries, dict) else {}

    def get(
        self, key: str, inputs: str | None, content: Callable[[], str] | None = None
    ) -> Any | None:
        """The value derived from ``key``'s inputs as they are (``inputs``: their
        fingerprint now), or None. ``content`` gives the digest of their bytes, asked
        only when the stats moved and the entry has one."""
        entry = self.entries.get(key)
        if entry is None:
            return None
        if inputs is not None and entry.inputs == inputs:
            return entry.value
        if content is not None and entry.content is not None and content() == entry.content:
            self.put(key, inputs, entry.value, entry.content)  # the same bytes: new stats
            return entry.value
        return None

    def put(self, key: str, inputs: str | None, value: Any, content: str | None = None) -> None:
        """Remember ``value`` for inputs with this fingerprint. Inputs too fresh to trust
        (``None``) are remembered by their ``content`` only, or not at all."""
        if inputs is None and content is None:
            self.forget(key)
            return
        entry = Entry(inputs, value, content)
        if self.entries.get(key) != entry:
            self.entries[key] = entry
            self._changed = True

    def forget(self, key: str) -> None:
        if self.entries.pop(key, None) is not None:
            self._changed = True

    def keep_only(self, keys: Iterable[str]) -> None:
        """Forget the entries of keys no longer there (a release that was deleted)."""
        kept = set(keys)
        for key in [key for key in self.entries if key not in kept]:
            self.forget(key)

    def save(self) -> None:
        """Write the file when an entry changed (removed when none is left)."""
        if not self._changed:
            return
        self._changed = False
        if not self.entries:
            remove_file(self.path)
            return
        data = {"format": FORMAT, "shared": self.shared, "entries": self.entries}
        with contextlib.suppress(OSError):
            write_bytes_atomic(
                self.path, pickle.dumps(data, protocol=pickle.HIGHEST_PROTOCOL), durable=False
            )


# Not a DerivedCache: the site's rendered bodies (``presse.site.build.BodyCache``) are
# keyed by the hash of the Markdown itself, so they never go stale and need no
# fingerprint; they stay in SQLite, which lets render workers look up and add single
# bodies without any process holding an archive's bodies in memory.
