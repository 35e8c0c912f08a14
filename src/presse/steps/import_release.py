"""The steps of the job, named as a press office names them.

``import_release`` (CMS export → release file), ``extract`` (release → segments →
catalog), ``translate`` (catalog → engine → drafts), ``approve`` and ``build``
(releases and approved catalogs → pages, feeds, kit). Each step reads the
repository, calls the pure models, and writes through :mod:`presse.store.disk`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from presse.documents.release import Release, read_release, render_release
from presse.documents.repository import Repository
from presse.errors import PresseError
from presse.store.disk import write_text_atomic


@dataclass(frozen=True)
class ImportResult:
    path: Path
    replaced: bool


def import_release(repo: Repository, release: Release, *, force: bool = False) -> ImportResult:
    """Write an imported release to ``releases/de/<slug>.md``; refuse to overwrite."""
    path = repo.source_path(release.slug)
    exists = path.exists()
    if exists and not force:
        raise PresseError("release exists; pass --force to overwrite it", path)
    write_text_atomic(path, render_release(release))
    return ImportResult(path, exists)


def check_imports(repo: Repository, releases: list[Release], *, force: bool = False) -> None:
    """Refuse before anything is written: a release that exists, or two inputs with one slug."""
    seen: set[str] = set()
    for release in releases:
        path = repo.source_path(release.slug)
        if release.slug in seen:
            raise PresseError("two of the inputs are this one release; import it once", path)
        seen.add(release.slug)
        if path.exists() and not force:
            raise PresseError("release exists; pass --force to overwrite it", path)


def load_all_releases(repo: Repository) -> list[Release]:
    """Every German release of the repository, oldest first."""
    return [read_release(repo.source_path(slug)) for slug in repo.source_slugs()]
