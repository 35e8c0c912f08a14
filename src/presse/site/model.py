"""What the site build takes and gives back."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, fields
from datetime import datetime
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # a build with nothing to do loads neither (nor PyYAML, which they use)
    from presse.documents.french import FrenchRelease
    from presse.documents.release import Release


@dataclass(frozen=True)
class Publication:
    """How a release's French stands on the web, as the gate derived it from the
    repository's records (see :mod:`presse.steps.online`).

    ``published`` is when the French first went out, ``modified`` its last correction
    (``published`` when it has none). ``pending`` says that a correction is on its way
    while the last approved French stays online: ``"german"`` (the German changed;
    ``german_updated`` is when, if recorded) or ``"french"`` (the translation is being
    revised). ``withdrawn_at`` (with ``withdrawn_reason``) replaces the French page by
    a notice saying so (``presse withdraw``)."""

    published: datetime
    modified: datetime
    pending: str | None = None
    german_updated: datetime | None = None
    withdrawn_at: datetime | None = None
    withdrawn_reason: str | None = None


@dataclass(frozen=True)
class PagePair:
    """One German release and the French that may be published with it.

    ``fr`` is None when the French is held back (not approved, stale) or missing; the
    German is then published alone and ``held_reason`` says why. ``draft_fr`` is the
    current French draft, shown only in a drafts build. ``digest`` is
    :func:`pair_digest` of ``de``, ``fr`` and ``publication`` when the caller already
    has it (the build's gate keeps it in its cache); the build computes it otherwise.
    ``publication``: the French's dates and standing (None: derived from ``fr`` alone).
    """

    de: Release
    fr: FrenchRelease | None
    held_reason: str | None
    draft_fr: FrenchRelease | None = None
    digest: str | None = None
    publication: Publication | None = None


@cache
def _compared_fields(kind: type) -> tuple[str, ...]:
    return tuple(f.name for f in fields(kind) if f.compare)


def _record_text(record: Release | FrenchRelease | Publication | None) -> str:
    """Every compared field of a release, each with its length so no two records meet."""
    if record is None:
        return "-"
    parts = []
    for name in _compared_fields(type(record)):
        value = getattr(record, name)
        text = value if isinstance(value, str) else repr(value)
        parts.append(f"{name}:{len(text)}:{text}")
    return "\n".join(parts)


def pair_digest(
    de: Release, fr: FrenchRelease | None, publication: Publication | None = None
) -> str:
    """A digest of a German release, its French as read and how that French stands:
    equal digests, equal pages.

    Release pages are keyed by it (see :mod:`presse.site.build`); cheaper than hashing a
    page's whole context, which is built only when the page is rendered."""
    text = f"{_record_text(de)}\0{_record_text(fr)}\0{_record_text(publication)}"
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


@dataclass
class BuildSummary:
    """What a build did: files written, left as they were, removed, and releases held back."""

    written: list[Path] = field(default_factory=list)
    unchanged: int = 0
    removed: list[Path] = field(default_factory=list)
    held_back: list[tuple[str, str]] = field(default_factory=list)  # (slug, reason)
    # slug -> {"de": .., "fr": ..}
    pages: Mapping[str, dict[str, Path]] = field(default_factory=dict)

    def page_count(self) -> int:
        if isinstance(self.pages, PagesUnder):
            return self.pages.count()
        return sum(len(pages) for pages in self.pages.values())


class PagesUnder(Mapping[str, dict[str, Path]]):
    """A build's release pages by slug and language, kept as paths relative to ``out``
    and made into paths when asked: a build with nothing to do only counts them."""

    def __init__(self, out: Path, relative: dict[str, dict[str, str]]) -> None:
        self.out = out
        self.relative = relative

    def __getitem__(self, slug: str) -> dict[str, Path]:
        return {lang: self.out / rel for lang, rel in self.relative[slug].items()}

    def __iter__(self) -> Iterator[str]:
        return iter(self.relative)

    def __len__(self) -> int:
        return len(self.relative)

    def count(self) -> int:
        return sum(len(pages) for pages in self.relative.values())
