"""A press-office repository: its folders and the files of each release.

Opening one (finding it, reading its settings) is :mod:`presse.steps.open`."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from functools import cached_property
from pathlib import Path
from zoneinfo import ZoneInfo

from presse.documents.config import Config
from presse.errors import PresseError
from presse.store.disk import repository_lock


def cache_folder(root: Path) -> Path:
    """Where the caches of the repository at ``root`` are (its settings' among them)."""
    return root / ".presse" / "cache"


@dataclass(frozen=True)
class Repository:
    """Where everything of one press office lives, and its settings.

    The release folders are worked out once (a build asks for four files of every
    release of the archive)."""

    root: Path
    config: Config

    @cached_property
    def source_dir(self) -> Path:
        return self.root / "releases" / self.config.source_language

    @cached_property
    def target_dir(self) -> Path:
        return self.root / "releases" / self.config.target_language

    @cached_property
    def catalog_dir(self) -> Path:
        return self.root / "locale" / self.config.target_language / "LC_MESSAGES"

    @property
    def templates_dir(self) -> Path:
        return self.root / "templates"

    @property
    def glossary_path(self) -> Path:
        return self.root / "glossary.yaml"

    @property
    def state_dir(self) -> Path:
        """Local working state (caches, the lock); ignored by git."""
        return self.root / ".presse"

    @property
    def cache_dir(self) -> Path:
        return cache_folder(self.root)

    @property
    def journal_dir(self) -> Path:
        """Where the writes of a release's files wait until all of them are done."""
        return self.state_dir / "journal"

    def source_path(self, slug: str) -> Path:
        return self.source_dir / f"{slug}.md"

    def catalog_path(self, slug: str) -> Path:
        return self.catalog_dir / f"{slug}.po"

    def review_path(self, slug: str) -> Path:
        return self.target_dir / f"{slug}.review.yaml"

    def target_path(self, slug: str) -> Path:
        return self.target_dir / f"{slug}.md"

    def source_slugs(self) -> list[str]:
        """Slugs of the German releases, in file-name order (which is date order)."""
        if not self.source_dir.is_dir():
            return []
        return sorted(p.stem for p in self.source_dir.glob("*.md") if not p.name.startswith("."))

    def require_slug(self, slug: str) -> str:
        """The slug if its German release exists, else a clear error."""
        slug = Path(slug).stem if slug.endswith(".md") else slug
        if not self.source_path(slug).is_file():
            raise PresseError(f"unknown release '{slug}' (no such file)", self.source_path(slug))
        return slug

    def lock(self, timeout: float = 30.0):  # type: ignore[no-untyped-def]
        """Hold while writing: two presse processes on one repository take turns."""
        return repository_lock(self.state_dir / "lock", timeout)


def now_iso(repo: Repository, clock: datetime | None = None) -> str:
    """The current time in the office's time zone, to the second, with its offset."""
    moment = clock or datetime.now(ZoneInfo(repo.config.timezone))
    return moment.astimezone(ZoneInfo(repo.config.timezone)).replace(microsecond=0).isoformat()
