"""The translation memory: earlier German -> French pairs, exact and fuzzy look-up, TMX import.

Look-ups compare normalised text (Unicode NFC, white space collapsed); fuzzy look-ups
also ignore case and score with ``rapidfuzz.fuzz.ratio`` (0-100), which stays fast for
100,000 entries because the matching runs in rapidfuzz's compiled code.
"""

from __future__ import annotations

import re
import unicodedata
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from rapidfuzz import fuzz, process

from presse.errors import PresseError

DEFAULT_THRESHOLD = 75
DEFAULT_LIMIT = 3
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
# TMX inline elements holding native codes (their text is not part of the segment).
_CODE_ELEMENTS = {"bpt", "ept", "ph", "it", "ut"}

_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class Suggestion:
    """A memory entry close to the sentence looked up."""

    de: str
    fr: str
    score: float  # 0-100
    origin: str


def normalise(text: str) -> str:
    return _SPACE.sub(" ", unicodedata.normalize("NFC", text)).strip()


def _fold(text: str) -> str:
    return normalise(text).casefold()


class TranslationMemory:
    """German -> French pairs with their origin (e.g. a release slug or a TMX file)."""

    def __init__(self) -> None:
        self._exact: dict[str, tuple[str, str, str]] = {}  # normalised de -> (de, fr, origin)
        self._folded: dict[str, str] = {}  # folded de -> normalised de
        self._choices: list[str] | None = None
        self._keys: list[str] = []

    @classmethod
    def from_pairs(cls, pairs: Iterable[tuple[str, str, str]]) -> TranslationMemory:
        """A memory of ``(de, fr, origin)`` pairs; for the same German, the last pair wins."""
        memory = cls()
        for de, fr, origin in pairs:
            memory.add(de, fr, origin)
        return memory

    def add(self, de: str, fr: str, origin: str = "") -> None:
        key = normalise(de)
        if not key or not fr.strip():
            return
        self._exact[key] = (de, fr, origin)
        self._folded[key.casefold()] = key
        self._choices = None

    def __len__(self) -> int:
        return len(self._exact)

    def exact(self, de: str) -> str | None:
        """The French of this very sentence (white space aside), if known."""
        found = self._exact.get(normalise(de))
        return found[1] if found else None

    def fuzzy(
        self, de: str, threshold: float = DEFAULT_THRESHOLD, limit: int = DEFAULT_LIMIT
    ) -> list[Suggestion]:
        """Up to ``limit`` entries scoring at least ``threshold``, best first."""
        if not self._exact or limit <= 0:
            return []
        if self._choices is None:
            self._keys = list(self._folded.values())
            self._choices = list(self._folded)
        matches = process.extract(
            _fold(de),
            self._choices,
            scorer=fuzz.ratio,
            processor=None,
            score_cutoff=threshold,
            limit=limit,
        )
        suggestions = []
        for _choice, score, index in matches:
            original, fr, origin = self._exact[self._keys[index]]
            suggestions.append(Suggestion(original, fr, round(float(score), 1), origin))
        return suggestions

    # A TMX import is a plain function too; see :func:`import_tmx`.
    @staticmethod
    def import_tmx(path: Path) -> list[tuple[str, str]]:
        return import_tmx(path)


def _segment_text(seg: ET.Element) -> str:
    parts = [seg.text or ""]
    for child in seg:
        tag = child.tag.rsplit("}", 1)[-1]
        if tag not in _CODE_ELEMENTS:
            parts.append(_segment_text(child))
        parts.append(child.tail or "")
    return "".join(parts)


def _language(tuv: ET.Element) -> str:
    lang = tuv.get(XML_LANG) or tuv.get("lang") or ""
    return lang.replace("_", "-").split("-", 1)[0].lower()


def import_tmx(path: Path, source: str = "de", target: str = "fr") -> list[tuple[str, str]]:
    """The (German, French) pairs of a TMX 1.4 file (language codes like ``de-DE`` accepted).

    Translation units lacking either language are skipped. A file that is not
    well-formed XML or not TMX is a :class:`PresseError` naming the file and line.
    """
    try:
        data = Path(path).read_bytes()
    except FileNotFoundError:
        raise PresseError("file not found", path) from None
    except OSError as exc:
        raise PresseError(f"cannot read: {exc.strerror}", path) from None
    parser = ET.XMLParser()
    try:
        root = ET.fromstring(data, parser=parser)
    except ET.ParseError as exc:
        line = exc.position[0] if exc.position else None
        reason = str(exc).split(":", 1)[0]
        raise PresseError(f"broken TMX file: {reason}", path, line) from None
    if root.tag.rsplit("}", 1)[-1] != "tmx":
        raise PresseError(f"not a TMX file (root element <{root.tag}>, expected <tmx>)", path, 1)
    body = root.find("body")
    if body is None:
        raise PresseError("not a TMX file: no <body> element", path)
    pairs: list[tuple[str, str]] = []
    for tu in body.iter("tu"):
        texts: dict[str, str] = {}
        for tuv in tu.findall("tuv"):
            seg = tuv.find("seg")
            lang = _language(tuv)
            if seg is not None and lang and lang not in texts:
                texts[lang] = normalise(_segment_text(seg))
        de, fr = texts.get(source), texts.get(target)
        if de and fr:
            pairs.append((de, fr))
    return pairs
