"""German release files: Markdown with YAML front matter, parsed and written without I/O.

A release lives in ``releases/de/<slug>.md``. Its front matter holds ``title`` and
``date`` (required; an ISO 8601 date-time with offset), and optionally ``category``,
``summary``, ``source_url``, ``embargo``, ``contact`` and ``slug`` (which, when given,
must equal the file name). Reading and writing the files is done by
:func:`read_release` and :func:`write_release`; the rest is pure.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path
from typing import Any

from presse.documents.slug import is_valid_slug
from presse.errors import PresseError
from presse.store.disk import read_text, write_text_atomic
from presse.store.yaml_lines import Located, dump_scalar, load_located

FRONT_MATTER_FENCE = "---"
REQUIRED_FIELDS = ("title", "date")
OPTIONAL_FIELDS = ("category", "summary", "source_url", "embargo", "contact", "slug")
FIELD_ORDER = ("title", "date", "category", "summary", "source_url", "embargo", "contact")


@dataclass(frozen=True)
class Release:
    """One German press release."""

    slug: str
    title: str
    date: datetime
    body: str
    category: str | None = None
    summary: str | None = None
    source_url: str | None = None
    embargo: datetime | None = None
    contact: str | None = None
    body_line: int = 1  # the file line on which the body starts, for PO references
    field_lines: tuple[tuple[str, int], ...] = ()

    def line_of(self, field_name: str) -> int:
        return dict(self.field_lines).get(field_name, 1)

    def with_body(self, body: str) -> Release:
        return replace(self, body=body)


def split_front_matter(text: str, path: Path | str) -> tuple[str, str, int]:
    """Front matter text, body text, and the 1-based line on which the body starts."""
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].rstrip("\r\n") != FRONT_MATTER_FENCE:
        raise PresseError("expected YAML front matter starting with '---' on line 1", path, 1)
    for index in range(1, len(lines)):
        if lines[index].rstrip("\r\n") == FRONT_MATTER_FENCE:
            front = "".join(lines[1:index])
            body = "".join(lines[index + 1 :])
            return front, body, index + 2
    raise PresseError("front matter is not closed by a '---' line", path, 1)


def parse_datetime(value: Any, field_name: str, path: Path | str, line: int) -> datetime:
    """An ISO 8601 date-time with its offset; a date without one is an error."""
    if not isinstance(value, str):
        value = str(value)
    try:
        parsed = datetime.fromisoformat(value.strip())
    except ValueError:
        raise PresseError(
            f"'{field_name}': {value!r} is not an ISO 8601 date-time "
            "(e.g. 2016-09-08T09:53:24+02:00)",
            path,
            line,
        ) from None
    if parsed.tzinfo is None:
        example = f"{parsed.isoformat()}+02:00"
        raise PresseError(
            f"'{field_name}': {value!r} has no offset (write e.g. {example})", path, line
        )
    return parsed


def _field_line(located: Located, name: str) -> int:
    return located.line_of(name, 2) or 2


def check_front_matter_keys(
    meta: dict[str, Any],
    located: Located,
    path: Path | str,
    required: tuple[str, ...],
    optional: tuple[str, ...],
) -> None:
    """Unknown keys and missing required ones, each named with its line (German and
    French release files share the rule)."""
    known = required + optional
    for key in meta:
        if key not in known:
            raise PresseError(
                f"unknown front matter key '{key}'. Expected one of: {', '.join(known)}",
                path,
                _field_line(located, key),
            )
    for key in required:
        if meta.get(key) in (None, ""):
            raise PresseError(f"front matter lacks '{key}'", path, 1)


def _check_fields(meta: dict[str, Any], located: Located, path: Path | str) -> None:
    check_front_matter_keys(meta, located, path, REQUIRED_FIELDS, OPTIONAL_FIELDS)
    for key in ("title", "category", "summary", "source_url", "contact", "slug"):
        if key in meta and meta[key] is not None and not isinstance(meta[key], str):
            raise PresseError(f"'{key}' must be text", path, _field_line(located, key))


def _slug_of(path: Path | str, meta: dict[str, Any], located: Located, day: datetime) -> str:
    stem = Path(path).stem
    declared = meta.get("slug")
    if declared is not None and declared != stem:
        raise PresseError(
            f"slug {declared!r} does not match the file name {stem!r}",
            path,
            _field_line(located, "slug"),
        )
    if not is_valid_slug(stem):
        raise PresseError(
            f"file name {stem!r} is not a slug (YYYY-MM-DD-words-in-lowercase-ascii)", path, 1
        )
    if not stem.startswith(day.date().isoformat()):
        raise PresseError(
            f"file name {stem!r} does not start with the release date {day.date().isoformat()}",
            path,
            _field_line(located, "date"),
        )
    return stem


def parse_release(text: str, path: Path | str) -> Release:
    """Parse a release file's text; ``path`` names it in errors and gives the slug."""
    front, body, body_line = split_front_matter(text, path)
    located = load_located(front, path, line_offset=1)
    meta = located.data if located.data is not None else {}
    if not isinstance(meta, dict):
        raise PresseError("front matter must be a mapping of fields", path, 2)
    _check_fields(meta, located, path)
    day = parse_datetime(meta["date"], "date", path, _field_line(located, "date"))
    embargo = None
    if meta.get("embargo") not in (None, ""):
        embargo = parse_datetime(meta["embargo"], "embargo", path, _field_line(located, "embargo"))
    return Release(
        slug=_slug_of(path, meta, located, day),
        title=meta["title"].strip(),
        date=day,
        body=body,
        category=meta.get("category"),
        summary=meta.get("summary"),
        source_url=meta.get("source_url"),
        embargo=embargo,
        contact=meta.get("contact"),
        body_line=body_line,
        field_lines=tuple((k, _field_line(located, k)) for k in meta),
    )


def render_front_matter(record: object, field_order: tuple[str, ...]) -> str:
    """The ``---`` block of a release file: the fields in a fixed order, empty ones left out."""
    lines = [FRONT_MATTER_FENCE]
    for name in field_order:
        value = getattr(record, name)
        if value is None or value == "":
            continue
        if isinstance(value, datetime):
            lines.append(f"{name}: {value.isoformat()}")
        else:
            lines.append(f"{name}: {dump_scalar(value)}")
    lines.append(FRONT_MATTER_FENCE)
    return "\n".join(lines) + "\n"


def render_release(release: Release) -> str:
    """The file text of a release: front matter in a fixed order, then the body."""
    body = release.body.strip("\n")
    return render_front_matter(release, FIELD_ORDER) + "\n" + body + "\n"


def read_release(path: Path) -> Release:
    return parse_release(read_text(path), path)


def write_release(path: Path, release: Release) -> bool:
    return write_text_atomic(path, render_release(release))
