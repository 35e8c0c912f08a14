"""Knowing from file stats alone that nothing a build reads has changed since the last one.

A press archive is rebuilt far more often than it changes. Before anything is parsed,
the build takes a fingerprint of everything it reads: the stats (size, mtime, inode) of
``presse.yaml``, the glossary, the templates (the office's and presse's own), and every
German release, French release, catalog and review file, with presse's version and the
build's options. When it equals the fingerprint remembered by the last build into the
same folder, no embargo has run out since, and every file that build wrote is still
there, the build is done: it reports what the last one published and writes nothing.
A file modified in the last two seconds makes the fingerprint unusable (its mtime may
not show a second change), and so does a change made while a build runs.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from datetime import datetime
from pathlib import Path
from typing import Any

from presse import __version__
from presse.documents.release_files import RACY_SECONDS, stat_fingerprint
from presse.documents.repository import Repository
from presse.site.layout import MANIFEST_FILE
from presse.site.model import BuildSummary
from presse.store.disk import write_text_atomic

INPUTS_FILE = ".presse-inputs.json"
# presse's own templates, which the office's override file by file.
DEFAULT_TEMPLATES = Path(__file__).resolve().parent / "data" / "templates"


def _folder_stats(
    folder: str, now: float, recursive: bool = False, prefix: str = ""
) -> list[str] | None:
    """``name:stats`` of every file in a folder (and below it), None when one is racy.

    ``os.scandir`` rather than pathlib: an archive's folders hold tens of thousands of
    files, and this runs before every build."""
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except (FileNotFoundError, NotADirectoryError):
        return ["-"]
    found: list[str] = []
    for entry in entries:
        if entry.is_dir():
            if recursive:
                below = _folder_stats(entry.path, now, True, f"{prefix}{entry.name}/")
                if below is None:
                    return None
                found.extend(below)
            continue
        info = entry.stat()
        if now - info.st_mtime < RACY_SECONDS:
            return None
        found.append(f"{prefix}{entry.name}:{info.st_mtime_ns}:{info.st_size}:{info.st_ino}")
    return found


def input_fingerprint(repo: Repository, out: Path, drafts: bool) -> str | None:
    """A digest of the stats of everything a build reads, or None when it cannot be trusted."""
    now = time.time()
    digest = hashlib.sha256(f"{__version__}\0{drafts}\0{out.resolve()}".encode())
    for path in (repo.root / "presse.yaml", repo.glossary_path):
        stats = stat_fingerprint(path, now)
        if stats is None:
            return None
        digest.update(f"{path.name}:{stats}\0".encode())
    folders = (
        (repo.templates_dir, True),
        (DEFAULT_TEMPLATES, True),
        (repo.source_dir, False),
        (repo.target_dir, False),
        (repo.catalog_dir, False),
    )
    for folder, recursive in folders:
        stats_list = _folder_stats(str(folder), now, recursive)
        if stats_list is None:
            return None
        digest.update(("\n".join(stats_list) + "\0\0").encode())
    return digest.hexdigest()


def _read(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text("utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _outputs_present(out: Path) -> bool:
    files = _read(out / MANIFEST_FILE).get("files")
    if not isinstance(files, dict) or not files:
        return False
    root = str(out)
    return all(os.path.isfile(os.path.join(root, rel)) for rel in files)


def unchanged_build(out: Path, fingerprint: str | None, now: datetime) -> BuildSummary | None:
    """What the last build did, when nothing it read has changed since; else None."""
    if fingerprint is None:
        return None
    last = _read(out / INPUTS_FILE)
    until = last.get("valid_until")
    if last.get("fingerprint") != fingerprint:
        return None
    if until is not None and now >= datetime.fromisoformat(until):
        return None  # an embargo has run out: a release may go out now
    if not _outputs_present(out):
        return None
    pages = {s: {lang: out / rel for lang, rel in p.items()} for s, p in last["pages"].items()}
    held = [(slug, reason) for slug, reason in last["held_back"]]
    return BuildSummary(unchanged=last["files"], held_back=held, pages=pages)


def remember_build(
    out: Path,
    fingerprint: str,
    summary: BuildSummary,
    valid_until: datetime | None,
) -> None:
    """Keep what a build read and published, for the next build to compare."""
    pages = {
        slug: {lang: path.relative_to(out).as_posix() for lang, path in langs.items()}
        for slug, langs in summary.pages.items()
    }
    data = {
        "fingerprint": fingerprint,
        "valid_until": valid_until.isoformat() if valid_until else None,
        "files": len(summary.written) + summary.unchanged,
        "held_back": summary.held_back,
        "pages": pages,
    }
    write_text_atomic(out / INPUTS_FILE, json.dumps(data, ensure_ascii=False), durable=False)
