"""Reading and writing the files of one release: German text, PO catalog, review state.

This is where the pure models meet the disk. Loading reconciles the review state with
the PO file (so an edit made in Poedit is seen at once); saving writes the catalog and
the review file atomically, and only when their bytes change.
"""

from __future__ import annotations

import contextlib
import hashlib
import signal
import threading
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from presse.documents.catalog import content_hash
from presse.documents.po import Catalog, parse_po, render_po
from presse.documents.release import Release, parse_release
from presse.documents.repository import Repository
from presse.documents.review_state import (
    ReviewState,
    check_merges,
    check_segments_exist,
    parse_review,
    reconcile,
    render_review,
)
from presse.store.cache import files_fingerprint
from presse.store.disk import read_text
from presse.store.journal import complete_interrupted, interrupted, write_together


@dataclass
class ReleaseFiles:
    """A release's German text, its catalog and its review state, as on disk."""

    slug: str
    release: Release
    source_text: str
    catalog: Catalog
    review: ReviewState
    catalog_exists: bool

    @property
    def source_hash(self) -> str:
        return hashlib.sha256(self.source_text.encode("utf-8")).hexdigest()

    @property
    def catalog_hash(self) -> str:
        return content_hash(self.catalog)


def po_edit_time(repo: Repository, catalog: Catalog, path: Path) -> str:
    """When the PO file was last edited: its PO-Revision-Date, else its modification time."""
    revision = catalog.header.get("PO-Revision-Date", "")
    try:
        return datetime.strptime(revision, "%Y-%m-%d %H:%M%z").isoformat()
    except ValueError:
        stamp = datetime.fromtimestamp(path.stat().st_mtime, ZoneInfo(repo.config.timezone))
        return stamp.replace(microsecond=0).isoformat()


def translator_of(catalog: Catalog) -> str | None:
    """The PO's Last-Translator without the e-mail address, unless it is a template value."""
    value = catalog.header.get("Last-Translator", "").strip()
    if not value or "FULL NAME" in value:
        return None
    return value.split("<")[0].strip() or value


def read_catalog(path: Path) -> Catalog | None:
    if not path.exists():
        return None
    return parse_po(read_text(path), path)


def read_review(path: Path, slug: str) -> ReviewState:
    if not path.exists():
        return ReviewState(slug)
    return parse_review(read_text(path), path, slug)


def load_release_files(repo: Repository, slug: str) -> ReleaseFiles:
    """Everything of one release, with edits made in a PO editor reflected."""
    source_path = repo.source_path(slug)
    source_text = read_text(source_path)
    release = parse_release(source_text, source_path)
    catalog_path = repo.catalog_path(slug)
    catalog = read_catalog(catalog_path)
    review_path = repo.review_path(slug)
    review = read_review(review_path, slug)
    if catalog is None:
        return ReleaseFiles(slug, release, source_text, Catalog(), review, False)
    check_segments_exist(review, catalog, review_path)
    check_merges(review, catalog, review_path)
    when = po_edit_time(repo, catalog, catalog_path)
    review = reconcile(catalog, review, translator_of(catalog), when)
    return ReleaseFiles(slug, release, source_text, catalog, review, True)


@contextlib.contextmanager
def uninterrupted() -> Iterator[None]:
    """Hold Ctrl-C back while the two files of a release are written, so that they
    never disagree (a PO written without its review file would look like a hand edit)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    blocked = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, blocked)


def save_release_files(
    repo: Repository,
    files: ReleaseFiles,
    catalog_text: str | None = None,
    also: Sequence[tuple[Path, str]] = (),
) -> list[Path]:
    """Write the catalog and the review file (and ``also``, such as the French release
    an approval writes) as one unit: atomically each, untouched when unchanged, and
    through the journal when more than one changes (see :mod:`presse.store.journal`).
    ``catalog_text``: the catalog already rendered, when the caller has it."""
    catalog = render_po(files.catalog) if catalog_text is None else catalog_text
    writes = [
        (repo.catalog_path(files.slug), catalog),
        (repo.review_path(files.slug), render_review(files.review)),
        *also,
    ]
    with uninterrupted():
        return write_together(journal_dir(repo), files.slug, repo.root, writes)


def journal_dir(repo: Repository) -> Path:
    return repo.journal_dir


def repair_interrupted(repo: Repository) -> list[str]:
    """Complete the writes of a command that was killed halfway; the releases repaired.
    Costs one look at a folder when there is nothing to do."""
    if not interrupted(journal_dir(repo)):
        return []
    with repo.lock():
        return complete_interrupted(journal_dir(repo), repo.root)


def as_saved(repo: Repository, files: ReleaseFiles) -> bool:
    """Whether the catalog and review file on disk already hold what saving ``files``
    would write (then :func:`save_release_files` writes nothing)."""
    for path, text in (
        (repo.catalog_path(files.slug), render_po(files.catalog)),
        (repo.review_path(files.slug), render_review(files.review)),
    ):
        try:
            if path.read_bytes() != text.encode("utf-8"):
                return False
        except OSError:
            return False
    return True


def release_fingerprint(repo: Repository, slug: str, now: float) -> str | None:
    """The stats of a release's German text, catalog and review file (see
    :mod:`presse.store.cache`)."""
    paths = (repo.source_path(slug), repo.catalog_path(slug), repo.review_path(slug))
    return files_fingerprint(paths, now)
