"""Knowing from file stats alone that nothing a build reads has changed since the last one.

A press archive is rebuilt far more often than it changes. Before anything is parsed,
the build takes a fingerprint of everything it reads: the stats (size, mtime, inode) of
``presse.yaml``, the glossary, the templates (the office's and presse's own), and every
German release, French release, catalog and review file. The last build into each
output folder keeps what it published in ``.presse/cache/build.pickle`` (a
:class:`presse.store.cache.DerivedCache`, one entry per output folder and options; not
in the output folder, which is the web root). When the fingerprint still holds, no embargo has run
out since, and every file that build wrote is still there, the build is done: it
reports what the last one published and writes nothing. A file modified in the last two
seconds makes the fingerprint unusable (its mtime may not show a second change), and so
does a change made while a build runs.
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
from presse.documents.repository import Repository
from presse.site.layout import DEFAULT_TEMPLATES, MANIFEST_FILE
from presse.site.model import BuildSummary, PagesUnder
from presse.store.cache import DerivedCache, folder_fingerprint, stat_fingerprint

CACHE_FILE = "build.pickle"


def input_fingerprint(repo: Repository, out: Path, drafts: bool) -> str | None:
    """A digest of the stats of everything a build reads, or None when it cannot be trusted."""
    now = time.time()
    digest = hashlib.sha256()
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
        stats_list = folder_fingerprint(str(folder), now, recursive)
        if stats_list is None:
            return None
        digest.update(("\n".join(stats_list) + "\0\0").encode())
    return digest.hexdigest()


def build_cache(repo: Repository) -> DerivedCache:
    return DerivedCache(repo.cache_dir / CACHE_FILE, __version__)


def _key(out: Path, drafts: bool) -> str:
    return f"{out.resolve()}\0{drafts}"


def _outputs_present(out: Path) -> bool:
    try:
        files = json.loads((out / MANIFEST_FILE).read_text("utf-8")).get("files")
    except (OSError, ValueError, AttributeError):
        return False
    if not isinstance(files, dict) or not files:
        return False
    root = str(out)
    return all(os.path.isfile(os.path.join(root, rel)) for rel in files)


def unchanged_build(
    repo: Repository, out: Path, drafts: bool, fingerprint: str | None, now: datetime
) -> BuildSummary | None:
    """What the last build did, when nothing it read has changed since; else None."""
    last: dict[str, Any] | None = build_cache(repo).get(_key(out, drafts), fingerprint)
    if last is None:
        return None
    until = last["valid_until"]
    if until is not None and now >= datetime.fromisoformat(until):
        return None  # an embargo has run out: a release may go out now
    if not _outputs_present(out):
        return None
    held = [(slug, reason) for slug, reason in last["held_back"]]
    pages = PagesUnder(out, last["pages"])
    return BuildSummary(unchanged=last["files"], held_back=held, pages=pages)


def remember_build(
    repo: Repository,
    out: Path,
    drafts: bool,
    fingerprint: str,
    summary: BuildSummary,
    valid_until: datetime | None,
) -> None:
    """Keep what a build read and published, for the next build to compare."""
    pages = {
        slug: {lang: path.relative_to(out).as_posix() for lang, path in langs.items()}
        for slug, langs in summary.pages.items()
    }
    cache = build_cache(repo)
    cache.put(
        _key(out, drafts),
        fingerprint,
        {
            "valid_until": valid_until.isoformat() if valid_until else None,
            "files": len(summary.written) + summary.unchanged,
            "held_back": summary.held_back,
            "pages": pages,
        },
    )
    cache.save()
