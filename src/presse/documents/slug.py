"""Slugs: the ASCII names of releases in file names and URLs."""

from __future__ import annotations

import re
import unicodedata
from datetime import date

MAX_SLUG_LENGTH = 90
GERMAN_TRANSLITERATION = str.maketrans(
    {"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue", "ß": "ss", "ẞ": "SS"}
)
SLUG_PATTERN = re.compile(r"^\d{4}-\d{2}-\d{2}-[a-z0-9]+(?:-[a-z0-9]+)*$")


def ascii_words(text: str) -> list[str]:
    """Lower-case ASCII words of ``text``: German umlauts spelt out, other accents dropped."""
    text = text.translate(GERMAN_TRANSLITERATION)
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.replace("œ", "oe").replace("Œ", "Oe").replace("æ", "ae").replace("Æ", "Ae")
    return re.findall(r"[a-z0-9]+", text.lower())


def cut_on_word(words: list[str], limit: int) -> str:
    """Join words with hyphens, stopping before the word that would pass ``limit``."""
    kept: list[str] = []
    length = 0
    for word in words:
        extra = len(word) + (1 if kept else 0)
        if kept and length + extra > limit:
            break
        kept.append(word[:limit] if not kept else word)
        length += extra
    return "-".join(kept)


def make_slug(title: str, day: date, max_length: int = MAX_SLUG_LENGTH) -> str:
    """``YYYY-MM-DD-`` and an ASCII rendering of the title, cut on a word boundary."""
    prefix = f"{day.isoformat()}-"
    rest = cut_on_word(ascii_words(title), max_length - len(prefix)) or "release"
    return prefix + rest


def is_valid_slug(slug: str) -> bool:
    """True for ``YYYY-MM-DD-words-in-ascii``."""
    return bool(SLUG_PATTERN.match(slug))
