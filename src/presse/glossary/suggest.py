"""Candidate terms for the glossary, found in German releases: names the glossary lacks.

Two kinds of candidates, ranked by how often they occur:

* an acronym in parentheses with the name before it: "Schule für Technik und Wirtschaft
  (ESTA)";
* multi-word proper names: two or more capitalised words in a row, joined by at most the
  connectors of names ("von", "für", "de", "du"...) or a truncation ("Industrie- und
  Handelskammer"). A capitalised word at the start of a sentence is left out when it is a
  function word or occurs in lower case elsewhere in the texts ("Mögliche", "Getragen").

Spans the glossary already matches are masked first, so "Landrat Martin Skiebe" suggests
"Martin Skiebe" when "Landrat" is in the glossary.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from presse.glossary.matching import Glossary


@dataclass(frozen=True)
class Candidate:
    """A name seen ``count`` times in the texts, with one sentence it stands in."""

    text: str
    count: int
    example: str


# words that may join the parts of a name before an acronym, and inside other names
_ACRONYM_CONNECTORS = frozenset(
    ["von", "für", "und", "de", "du", "des", "la", "le", "sur", "et", "d'"]
)
_CONNECTORS = frozenset(["von", "de", "du", "la", "le", "sur", "d'"])
_TITLES = frozenset(["Prof", "Dr", "St", "Hl"])
_FUNCTION_WORDS = frozenset(
    [
        "Der",
        "Die",
        "Das",
        "Den",
        "Dem",
        "Des",
        "Ein",
        "Eine",
        "Einen",
        "Einem",
        "Einer",
        "Eines",
        "Im",
        "In",
        "Am",
        "An",
        "Auf",
        "Aus",
        "Bei",
        "Mit",
        "Nach",
        "Von",
        "Vom",
        "Zu",
        "Zum",
        "Zur",
        "Für",
        "Über",
        "Unter",
        "Vor",
        "Durch",
        "Gegen",
        "Ohne",
        "Um",
        "Als",
        "Wie",
        "Wenn",
        "Doch",
        "Dazu",
        "Auch",
        "Und",
        "Oder",
        "Aber",
        "Sie",
        "Er",
        "Es",
        "Wir",
        "Ich",
        "Ihr",
        "Man",
        "Dies",
        "Diese",
        "Dieser",
        "Dieses",
        "Seit",
        "Seitdem",
        "Bereits",
        "Erste",
        "Ersten",
        "Zudem",
        "Außerdem",
        "Dabei",
        "Damit",
        "Dort",
        "Hier",
        "Heute",
        "Nun",
        "So",
        "Alle",
        "Viele",
        "Herr",
        "Frau",
        "Mitte",
        "Ende",
        "Anfang",
        "Beginn",
        "Januar",
        "Februar",
        "März",
        "April",
        "Mai",
        "Juni",
        "Juli",
        "August",
        "September",
        "Oktober",
        "November",
        "Dezember",
        "Montag",
        "Dienstag",
        "Mittwoch",
        "Donnerstag",
        "Freitag",
        "Samstag",
        "Sonntag",
    ]
)
_ACRONYM = re.compile(r"\(([A-ZÄÖÜ][A-ZÄÖÜa-z0-9&-]*[A-ZÄÖÜ0-9])\)")
_TOKEN = re.compile(r"[\w][\w'’-]*\.?")
_SENTENCE_END = re.compile(r"[.!?:;]\s*[„“\"'(]*$")


def suggest(texts: Iterable[str], glossary: Glossary, limit: int = 50) -> list[Candidate]:
    """The ``limit`` most frequent names in ``texts`` that the glossary does not know."""
    texts = list(texts)
    lower_words = {w for text in texts for w in re.findall(r"\b[a-zäöüß]\w*", text)}
    counts: Counter[str] = Counter()
    examples: dict[str, str] = {}
    for text in texts:
        masked = _mask(text, [(m.start, m.end) for m in glossary.find_german(text)])
        found = _acronym_candidates(masked)
        masked = _mask(masked, [(s, e) for s, e in found])
        found += _name_candidates(masked, lower_words)
        for start, end in found:
            name = " ".join(text[start:end].split())
            counts[name] += 1
            examples.setdefault(name, _sentence(text, start, end))
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], -len(kv[0]), kv[0]))
    return [Candidate(name, count, examples[name]) for name, count in ranked[:limit]]


def _mask(text: str, spans: Iterable[tuple[int, int]]) -> str:
    chars = list(text)
    for start, end in spans:
        chars[start:end] = "|" * (end - start)
    return "".join(chars)


def _acronym_candidates(text: str) -> list[tuple[int, int]]:
    out = []
    for m in _ACRONYM.finditer(text):
        words = list(_TOKEN.finditer(text, 0, m.start()))
        start = m.start(1) - 1
        taken = 0
        for word in reversed(words[-10:]):
            gap = text[word.end() : start]
            if gap.strip() or "|" in gap:
                break
            w = word.group()
            if not (w[:1].isupper() or w in _ACRONYM_CONNECTORS or w.endswith("-")):
                break
            start = word.start()
            taken += 1
        # drop connectors and function words at the front ("Die Schule für … (X)")
        while taken:
            first = _TOKEN.match(text, start)
            if first is None or (
                first.group()[:1].isupper() and first.group() not in _FUNCTION_WORDS
            ):
                break
            start = first.end() + len(text[first.end() :]) - len(text[first.end() :].lstrip())
            taken -= 1
        if taken:
            out.append((start, m.end()))
    return out


def _name_candidates(text: str, lower_words: set[str]) -> list[tuple[int, int]]:
    out = []
    run: list[re.Match[str]] = []

    def flush() -> None:
        while run and not run[-1].group()[:1].isupper():
            run.pop()  # connectors at the end
        if sum(1 for w in run if w.group()[:1].isupper()) >= 2:
            last = run[-1].group()
            end = run[-1].end()
            if last.endswith(".") and last[:-1] not in _TITLES:
                end -= 1  # the full stop of the sentence
            out.append((run[0].start(), end))
        run.clear()

    previous_end = 0
    for token in _TOKEN.finditer(text):
        word = token.group()
        gap = text[previous_end : token.start()]
        joined = bool(run) and gap.strip() == "" and "|" not in gap
        if run and run[-1].group().endswith(".") and run[-1].group()[:-1] not in _TITLES:
            joined = False
        if not joined:
            flush()
        bare = word.rstrip(".")
        if bare[:1].isupper():
            at_start = (
                _SENTENCE_END.search(text[: token.start()]) or not text[: token.start()].strip()
            )
            if (
                not run
                and at_start
                and (bare in _FUNCTION_WORDS or _is_lowercase_word(bare, lower_words))
            ):
                previous_end = token.end()
                continue
            if bare in _FUNCTION_WORDS and not run:
                previous_end = token.end()
                continue
            run.append(token)
            if word.endswith(".") and bare not in _TITLES:
                flush()
        elif run and (word in _CONNECTORS or (word == "und" and run[-1].group().endswith("-"))):
            run.append(token)
        else:
            flush()
        previous_end = token.end()
    flush()
    return out


def _is_lowercase_word(word: str, lower_words: set[str]) -> bool:
    """Whether a capitalised word occurs in lower case, maybe with another ending."""
    low = word.lower()
    stems = {low} | {
        low[: -len(e)] for e in ("en", "em", "er", "es", "e", "n", "s") if low.endswith(e)
    }
    return any(stem + e in lower_words for stem in stems for e in ("", "e", "en", "er", "es", "em"))


def _sentence(text: str, start: int, end: int, width: int = 160) -> str:
    """The sentence around ``text[start:end]``, cut around the name when it is long."""
    left = max(
        text.rfind(". ", 0, start) + 2 if text.rfind(". ", 0, start) >= 0 else 0,
        text.rfind("\n", 0, start) + 1,
    )
    stops = [i for i in (text.find(". ", end), text.find("\n", end)) if i != -1]
    right = min(stops) + 1 if stops else len(text)
    if right - left > width:
        left = max(left, start - width // 2)
        right = min(right, max(end, left + width))
    sentence = " ".join(text[left:right].split())
    return sentence
