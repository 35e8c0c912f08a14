"""Markdown with front matter, as written by hand or by Hugo, Jekyll or Netlify CMS.

The front matter is YAML between ``---`` lines (Hugo's TOML between ``+++`` lines
too). Only the fields presse knows are taken, with the names other tools give them
(Hugo's ``publishDate`` and ``description``, Jekyll's ``categories`` list, a
``canonical_url``); every other field is reported by name and left out. The body is
kept as written.
"""

from __future__ import annotations

import tomllib
from datetime import date, datetime
from typing import Any

from presse.errors import PresseError
from presse.steps.readers.common import Found, ImportOptions, parse_date
from presse.store.yaml_lines import load_located

# presse's field, then the names other tools use for it, in order of preference.
ALIASES: dict[str, tuple[str, ...]] = {
    "title": ("title",),
    "date": ("date", "publishDate", "publishdate", "pubDate", "published", "published_at"),
    "category": ("category", "categories", "section", "rubrik"),
    "summary": ("summary", "description", "excerpt", "lead", "teaser", "abstract"),
    "source_url": ("source_url", "canonical_url", "canonicalURL", "canonical", "original_url"),
    "embargo": ("embargo", "embargo_until", "sperrfrist"),
    "contact": ("contact", "kontakt", "press_contact"),
}
TEXT_FIELDS = ("title", "category", "summary", "source_url", "contact")


def split_front(text: str, name: str) -> tuple[dict[str, Any], dict[str, int], str, int]:
    """The front matter (as a mapping, with each key's line), the body and its first line."""
    lines = text.split("\n")
    fence = lines[0].strip()
    closing = next((i for i in range(1, len(lines)) if lines[i].strip() == fence), None)
    if closing is None:
        raise PresseError(f"the front matter is not closed by a '{fence}' line", name, 1)
    front = "\n".join(lines[1:closing])
    body = "\n".join(lines[closing + 1 :])
    if fence == "+++":
        try:
            data: Any = tomllib.loads(front)
        except tomllib.TOMLDecodeError as exc:
            raise PresseError(f"the TOML front matter cannot be read: {exc}", name, 2) from None
        key_lines = {key: 2 for key in data}
    else:
        located = load_located(front, name, line_offset=1)
        data = located.data if located.data is not None else {}
        key_lines = (
            {key: located.line_of(key, 2) or 2 for key in data} if isinstance(data, dict) else {}
        )
    if not isinstance(data, dict):
        raise PresseError("the front matter must be a mapping of fields", name, 2)
    return data, key_lines, body, closing + 2


def _field(data: dict[str, Any], field_name: str) -> tuple[str, Any] | None:
    for alias in ALIASES[field_name]:
        value = data.get(alias)
        if value not in (None, "", []):
            return alias, value
    return None


def _text(value: Any, alias: str, name: str, line: int) -> str:
    if isinstance(value, list):  # Jekyll's categories: [Presse, Verkehr]
        value = value[0]
    if isinstance(value, (dict, list)):
        raise PresseError(f"'{alias}' must be text", name, line)
    return " ".join(str(value).split())


def _moment(value: Any, alias: str, options: ImportOptions, name: str, line: int) -> datetime:
    if isinstance(value, (date, datetime)):  # TOML's own dates
        return parse_date(value, options.timezone, f"'{alias}'", name, line)
    return parse_date(str(value), options.timezone, f"'{alias}'", name, line)


def read_markdown(text: str, name: str, options: ImportOptions) -> Found:
    """A release from Markdown with front matter (see the module's docstring)."""
    data, key_lines, body, _ = split_front(text, name)
    found = Found(body=body)
    used: set[str] = set()
    for field_name in ALIASES:
        hit = _field(data, field_name)
        if hit is None:
            continue
        alias, value = hit
        used.add(alias)
        line = key_lines.get(alias, 2)
        if field_name in ("date", "embargo"):
            setattr(found, field_name, _moment(value, alias, options, name, line))
        else:
            setattr(found, field_name, _text(value, alias, name, line))
        if field_name == "category" and isinstance(value, list) and len(value) > 1:
            found.ignored.append(f"{alias}[1:]")
    found.ignored[:0] = [key for key in data if key not in used]
    return found


def looks_like_front_matter(text: str) -> bool:
    first = text.split("\n", 1)[0].strip()
    return first in ("---", "+++") and "\n" in text
