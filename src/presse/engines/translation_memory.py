"""The translation memory: earlier German -> French pairs, exact and fuzzy look-up, TMX files.

Look-ups compare normalised text (Unicode NFC, white space collapsed); fuzzy look-ups
also ignore case and score with ``rapidfuzz.fuzz.ratio`` (0-100), which stays fast for
100,000 entries because the matching runs in rapidfuzz's compiled code.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from lxml import etree
from rapidfuzz import fuzz, process

from presse.documents.xml_input import XML_LANG, language, local_name, read_xml
from presse.errors import PresseError

DEFAULT_THRESHOLD = 75
DEFAULT_LIMIT = 3
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


@dataclass(frozen=True)
class TmxUnit:
    """One translation unit of a TMX file, every character of its text as the file has it."""

    de: str
    fr: str
    context: str | None = None  # the ``x-context`` prop (a PO msgctxt, e.g. "title")
    creationdate: str | None = None  # TMX's YYYYMMDDThhmmssZ
    creationid: str | None = None
    changedate: str | None = None
    changeid: str | None = None


def _segment_text(seg: etree._Element) -> str:
    """The text of a ``<seg>``: its characters exactly (no-break spaces too), without
    the native codes of its inline elements."""
    parts = [seg.text or ""]
    for child in seg:
        if local_name(child) not in _CODE_ELEMENTS:
            parts.append(_segment_text(child))
        parts.append(child.tail or "")
    return "".join(parts)


def read_tmx(path: Path, source: str = "de", target: str = "fr") -> list[TmxUnit]:
    """The units of a TMX 1.4 file that hold both languages (``de-DE`` counts as ``de``).

    Read through :mod:`presse.documents.xml_input` (no entity, DTD or network); a file
    that is broken or not TMX is a :class:`PresseError` naming the file and line.
    """
    root = read_xml(Path(path), "TMX")
    if local_name(root) != "tmx":
        raise PresseError(
            f"not a TMX file (root element <{local_name(root)}>, expected <tmx>)", path, 1
        )
    body = root.find("body")
    if body is None:
        raise PresseError("not a TMX file: no <body> element", path)
    units: list[TmxUnit] = []
    for tu in body.iter("tu"):
        texts: dict[str, str] = {}
        for tuv in tu.findall("tuv"):
            seg = tuv.find("seg")
            lang = language(tuv.get(XML_LANG) or tuv.get("lang"))
            if seg is not None and lang and lang not in texts:
                texts[lang] = _segment_text(seg)
        de, fr = texts.get(source), texts.get(target)
        if not (de and de.strip() and fr and fr.strip()):
            continue
        context = next((p.text for p in tu.findall("prop") if p.get("type") == "x-context"), None)
        dates = {
            name: tu.get(name) for name in ("creationdate", "creationid", "changedate", "changeid")
        }
        units.append(TmxUnit(de, fr, context, **dates))
    return units


def import_tmx(path: Path, source: str = "de", target: str = "fr") -> list[tuple[str, str]]:
    """The (German, French) pairs of a TMX file, their text unchanged."""
    return [(unit.de, unit.fr) for unit in read_tmx(path, source, target)]


def render_tmx(units: Iterable[TmxUnit], source: str, target: str, tool_version: str) -> str:
    """A TMX 1.4b document of ``units``: dates and translators on each ``<tu>``, the
    context as an ``x-context`` prop, every character of the text as it is."""
    root = etree.Element("tmx", {"version": "1.4"})
    etree.SubElement(
        root,
        "header",
        {
            "creationtool": "presse",
            "creationtoolversion": tool_version,
            "segtype": "sentence",
            "o-tmf": "presse",
            "adminlang": "en",
            "srclang": source,
            "datatype": "plaintext",
        },
    )
    body = etree.SubElement(root, "body")
    for unit in units:
        attributes = {
            name: value
            for name in ("creationdate", "creationid", "changedate", "changeid")
            if (value := getattr(unit, name))
        }
        tu = etree.SubElement(body, "tu", attributes)
        if unit.context:
            etree.SubElement(tu, "prop", {"type": "x-context"}).text = unit.context
        for lang, text in ((source, unit.de), (target, unit.fr)):
            tuv = etree.SubElement(tu, "tuv", {XML_LANG: lang})
            etree.SubElement(tuv, "seg").text = text
    etree.indent(root, space="  ")
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8").decode("utf-8") + "\n"
