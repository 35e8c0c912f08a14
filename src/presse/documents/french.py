"""The approved French release file: ``releases/fr/<slug>.md``, parsed and written.

When a release's French is approved, presse writes the French text assembled from the
approved catalog as Markdown with front matter. The file is named after the German
slug; its front matter holds:

``title``, ``date`` (the German release's date, ISO with offset), ``translation_of``
(``de/<german-slug>``), ``slug`` (the French slug, used in the French page's URL),
``category`` and ``summary`` (optional), ``source_hash`` and ``catalog_hash`` (hex
digests of what was approved), ``approved_by``, ``approved_at``, ``corrected_at``
(optional: set when the release is approved again after a first publication) and
``body_hash`` (the digest of the body presse wrote, so a hand edit shows:
:attr:`FrenchRelease.edited_by_hand`).

The model and :func:`parse_french_release` / :func:`render_french_release` are pure;
:func:`read_french_release` and :func:`write_french_release` do the disk access.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path
from typing import Any

from presse.documents.release import (
    Release,
    check_front_matter_keys,
    parse_datetime,
    render_front_matter,
    split_front_matter,
)
from presse.documents.slug import is_valid_slug, make_slug
from presse.errors import ConfigErrors, PresseError, raise_every
from presse.store.disk import read_text, write_text_atomic
from presse.store.yaml_lines import Located, load_located

FRONT_MATTER_FENCE = "---"
REQUIRED_FIELDS = (
    "title",
    "date",
    "translation_of",
    "slug",
    "source_hash",
    "catalog_hash",
    "approved_by",
    "approved_at",
    "body_hash",
)
OPTIONAL_FIELDS = ("category", "summary", "corrected_at")
FIELD_ORDER = (
    "title",
    "date",
    "translation_of",
    "slug",
    "category",
    "summary",
    "source_hash",
    "catalog_hash",
    "approved_by",
    "approved_at",
    "corrected_at",
    "body_hash",
)
HASH_FIELDS = ("source_hash", "catalog_hash", "body_hash")
TEXT_FIELDS = (
    "title",
    "translation_of",
    "slug",
    "category",
    "summary",
    "approved_by",
    *HASH_FIELDS,
)
HEX_PATTERN = re.compile(r"^[0-9a-f]{8,128}$")
TRANSLATION_OF_PATTERN = re.compile(r"^(?P<lang>[a-z]{2,3})/(?P<slug>[^/\s]+)$")

# The office's German categories and their French names. Used to fill ``category``
# when presse writes a French release, and by the site when a file has none.
CATEGORY_TRANSLATIONS: dict[str, str] = {
    "Presseinfos": "Communiqués de presse",
    "Pressemitteilungen": "Communiqués de presse",
    "Pressemitteilung": "Communiqué de presse",
    "Aktuelles": "Actualités",
    "Bekanntmachungen": "Avis officiels",
    "Amtliche Bekanntmachungen": "Avis officiels",
    "Veranstaltungen": "Événements",
    "Termine": "Rendez-vous",
    "Stellenangebote": "Offres d’emploi",
    "Verkehr": "Circulation",
    "Gesundheit": "Santé",
    "Bildung": "Éducation",
    "Kultur": "Culture",
    "Tourismus": "Tourisme",
    "Umwelt": "Environnement",
    "Wirtschaft": "Économie",
    "Soziales": "Affaires sociales",
}


def translate_category(category: str | None) -> str | None:
    """The French name of a German category; unknown ones are returned unchanged."""
    if category is None:
        return None
    return CATEGORY_TRANSLATIONS.get(category.strip(), category)


def normalise_body(body: str) -> str:
    """The body as presse writes it: LF line ends, no blank lines around it, one final LF."""
    text = body.replace("\r\n", "\n").replace("\r", "\n").strip("\n")
    return text + "\n" if text else ""


def body_digest(body: str) -> str:
    """The SHA-256 hex digest of a body, insensitive to line-end style and surrounding blank lines."""
    return hashlib.sha256(normalise_body(body).encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class FrenchRelease:
    """The approved French version of one German release."""

    slug: str
    title: str
    date: datetime
    translation_of: str
    source_hash: str
    catalog_hash: str
    approved_by: str
    approved_at: datetime
    body_hash: str
    body: str
    category: str | None = None
    summary: str | None = None
    corrected_at: datetime | None = None
    path: Path | None = field(default=None, compare=False, repr=False)
    field_lines: tuple[tuple[str, int], ...] = field(default=(), compare=False, repr=False)

    @property
    def source_slug(self) -> str:
        """The German slug this is a translation of (``translation_of`` without ``de/``)."""
        return self.translation_of.partition("/")[2]

    @property
    def source_language(self) -> str:
        return self.translation_of.partition("/")[0]

    @property
    def edited_by_hand(self) -> bool:
        """True when the body is not the one presse wrote (someone edited the file)."""
        return body_digest(self.body) != self.body_hash

    @property
    def last_modified(self) -> datetime:
        """When the French text last changed: the correction, else the approval."""
        return self.corrected_at or self.approved_at

    def line_of(self, field_name: str) -> int:
        return dict(self.field_lines).get(field_name, 1)

    def with_body(self, body: str) -> FrenchRelease:
        """A copy with a new body written by presse (``body_hash`` follows)."""
        return replace(self, body=normalise_body(body), body_hash=body_digest(body))


def french_slug(title: str, day: datetime, previous: FrenchRelease | None = None) -> str:
    """The French slug: kept from an earlier publication (so URLs do not move), else made."""
    if previous is not None:
        return previous.slug
    return make_slug(title, day.date())


def new_french_release(
    german: Release,
    *,
    title: str,
    body: str,
    source_hash: str,
    catalog_hash: str,
    approved_by: str,
    approved_at: datetime,
    category: str | None = None,
    summary: str | None = None,
    previous: FrenchRelease | None = None,
) -> FrenchRelease:
    """A French release as presse writes it on approval.

    ``previous`` is the file already published, if any: its slug is kept, and the new one
    is marked corrected (``corrected_at`` = ``approved_at``). ``category`` defaults to
    the French name of the German category.
    """
    if approved_at.tzinfo is None:
        raise ValueError("approved_at needs an offset")
    return FrenchRelease(
        slug=french_slug(title, german.date, previous),
        title=title.strip(),
        date=german.date,
        translation_of=f"de/{german.slug}",
        source_hash=source_hash,
        catalog_hash=catalog_hash,
        approved_by=approved_by,
        approved_at=approved_at,
        body_hash=body_digest(body),
        body=normalise_body(body),
        category=category if category is not None else translate_category(german.category),
        summary=summary,
        corrected_at=approved_at if previous is not None else None,
    )


def _field_line(located: Located, name: str) -> int:
    return located.line_of(name, 2) or 2


def _text_field(meta: dict[str, Any], key: str, located: Located, path: Path | str) -> str | None:
    value = meta.get(key)
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise PresseError(f"'{key}' must be text", path, _field_line(located, key))
    return value.strip()


def _check_fields(meta: dict[str, Any], located: Located, path: Path | str) -> None:
    check_front_matter_keys(meta, located, path, REQUIRED_FIELDS, OPTIONAL_FIELDS)


def _check_identity(slug: str, translation_of: str, located: Located, path: Path | str) -> None:
    if not is_valid_slug(slug):
        raise PresseError(
            f"'slug': {slug!r} is not a slug (YYYY-MM-DD-words-in-lowercase-ascii)",
            path,
            _field_line(located, "slug"),
        )
    match = TRANSLATION_OF_PATTERN.match(translation_of)
    if not match:
        raise PresseError(
            f"'translation_of': expected 'de/<slug>' but found {translation_of!r}",
            path,
            _field_line(located, "translation_of"),
        )
    stem = Path(path).stem
    if match["slug"] != stem:
        raise PresseError(
            f"'translation_of': {translation_of!r} does not match the file name {stem!r}",
            path,
            _field_line(located, "translation_of"),
        )


def _check_hash(value: str | None, key: str, located: Located, path: Path | str) -> None:
    if not HEX_PATTERN.match(value or ""):
        raise PresseError(
            f"'{key}': expected a hex digest but found {value or ''!r}",
            path,
            _field_line(located, key),
        )


def parse_french_release(text: str, path: Path | str) -> FrenchRelease:
    """Parse the text of a French release file; errors name ``path`` and the line."""
    front, body, _body_line = split_front_matter(text, path)
    located = load_located(front, path, line_offset=1)
    meta = located.data if located.data is not None else {}
    if not isinstance(meta, dict):
        raise PresseError("front matter must be a mapping of fields", path, 2)
    errors: list[PresseError] = []

    def attempt(check: Callable[..., Any], *args: Any) -> Any:
        """Run one check; its error is kept, so that all of them are reported at once."""
        try:
            return check(*args)
        except ConfigErrors as several:
            errors.extend(several.errors)
        except PresseError as error:
            errors.append(error)
        return None

    attempt(_check_fields, meta, located, path)
    texts = {key: attempt(_text_field, meta, key, located, path) for key in TEXT_FIELDS}
    for key in HASH_FIELDS:
        if key in meta:  # a missing field is reported as such
            attempt(_check_hash, texts[key], key, located, path)
    slug = texts["slug"] or ""
    translation_of = texts["translation_of"] or ""
    if "slug" in meta and "translation_of" in meta:
        attempt(_check_identity, slug, translation_of, located, path)
    dates = {
        key: attempt(parse_datetime, meta[key], key, path, _field_line(located, key))
        for key in ("date", "approved_at", "corrected_at")
        if meta.get(key) not in (None, "")
    }
    raise_every(errors, path)
    return FrenchRelease(
        slug=slug,
        title=texts["title"] or "",
        date=dates["date"],
        translation_of=translation_of,
        source_hash=texts["source_hash"] or "",
        catalog_hash=texts["catalog_hash"] or "",
        approved_by=texts["approved_by"] or "",
        approved_at=dates["approved_at"],
        body_hash=texts["body_hash"] or "",
        body=normalise_body(body),
        category=texts["category"],
        summary=texts["summary"],
        corrected_at=dates.get("corrected_at"),
        path=Path(path),
        field_lines=tuple((k, _field_line(located, k)) for k in meta),
    )


def render_french_release(fr: FrenchRelease) -> str:
    """The file text: front matter in a fixed order, a blank line, then the body."""
    return render_front_matter(fr, FIELD_ORDER) + "\n" + normalise_body(fr.body)


def read_french_release(path: Path) -> FrenchRelease:
    return parse_french_release(read_text(path), path)


def write_french_release(path: Path, fr: FrenchRelease) -> bool:
    """Write the file atomically; False when it already held exactly this text."""
    return write_text_atomic(path, render_french_release(fr))
