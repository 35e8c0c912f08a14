"""What the site build takes and gives back."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from presse.french import FrenchRelease
from presse.release import Release


@dataclass(frozen=True)
class PagePair:
    """One German release and the French that may be published with it.

    ``fr`` is None when the French is held back (not approved, stale) or missing; the
    German is then published alone and ``held_reason`` says why. ``draft_fr`` is the
    current French draft, shown only in a drafts build.
    """

    de: Release
    fr: FrenchRelease | None
    held_reason: str | None
    draft_fr: FrenchRelease | None = None


@dataclass
class BuildSummary:
    """What a build did: files written, left as they were, removed, and releases held back."""

    written: list[Path] = field(default_factory=list)
    unchanged: int = 0
    removed: list[Path] = field(default_factory=list)
    held_back: list[tuple[str, str]] = field(default_factory=list)  # (slug, reason)
    pages: dict[str, dict[str, Path]] = field(default_factory=dict)  # slug -> {"de": .., "fr": ..}
