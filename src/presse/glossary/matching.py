"""Finding the glossary's terms in German and French text, and checking a translation.

**German matching.** Each term is expanded into the forms it takes in a sentence (see
:mod:`presse.glossary.forms`: genitive, plural, adjective endings, acronyms), plus its
``de_forms``. All forms of all terms are compiled into one trie-shaped regular
expression, so a text is scanned once. Matching is case-sensitive and whole-word; a
hyphen ends a word, so a term starts a hyphenated or truncated compound ("IHK-Präsident",
"Eurodistrikt-Büro", "Kreistags- und Gemeinderatswahlen", with the linking -s), but a
closed compound is another word ("Kreistagsabgeordnete", "Harzer"), and so is a term
after a hyphen ("Landkreis-Harz-Fonds" has no "Harz"). Where matches overlap, the
leftmost wins and, from one start, the longest ("Landkreis Harz" over "Harz").

**French matching.** The target (``fr``, or the German forms for ``keep`` terms) and
``fr_forms`` count as present with either case of the first letter (and É written E),
after an elision ("l'Institut", "d'arrondissement"), with straight or typographic
apostrophes and with any kind of space. When the German had the acronym, the French must
have the full target; when it had the name without the acronym, the target without its
acronym also counts; when it had the bare acronym, the French acronym alone counts. An
``avoid`` form is a violation even when the right form is also present (unless it is
merely part of the right form).
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable
from functools import cached_property
from typing import Any

from presse.glossary.forms import ACRONYM, french_forms, german_forms, split_acronym
from presse.glossary.terms import Term, TermMatch, Violation

_WORD_CHARS = "-_\u2011"
_APOSTROPHES = str.maketrans({"’": "'", "ʼ": "'", "\u2011": "-"})
_SPACES = re.compile(r"\s+")


def normalise(text: str) -> str:
    """The key a matched text is looked up by: one kind of space, apostrophe and hyphen."""
    return _SPACES.sub(" ", text.translate(_APOSTROPHES))


def _emit_char(ch: str) -> str:
    if ch == " ":
        return r"\s+"
    if ch == "'":
        return "['’ʼ]"
    if ch == "-":
        return "[-\u2011]"
    return re.escape(ch)


def _emit(node: dict[str, Any]) -> str:
    branches = [_emit_char(ch) + _emit(child) for ch, child in sorted(node.items()) if ch]
    if not branches:
        return ""
    ends = "" in node
    if len(branches) == 1 and not ends:
        return branches[0]
    return "(?:" + "|".join(branches) + ")" + ("?" if ends else "")


def _trie_regex(keys: Iterable[str]) -> re.Pattern[str] | None:
    """One regex for many literal keys: shared prefixes are tried once, longer keys first.

    The top level is an alternation of literals, so Python's engine skips quickly to the
    characters a key can start with. The left word boundary is checked by :func:`_scan`.
    """
    trie: dict[str, Any] = {}
    for key in keys:
        node = trie
        for ch in key:
            node = node.setdefault(ch, {})
        node[""] = {}
    if not trie:
        return None
    return re.compile(_emit(trie) + r"(?!\w)")


def _scan(regex: re.Pattern[str] | None, text: str) -> Iterable[tuple[int, int, str]]:
    if regex is None:
        return
    search = regex.search
    pos = 0
    while True:
        m = search(text, pos)
        if m is None:
            return
        start = m.start()
        if start and (text[start - 1].isalnum() or text[start - 1] in _WORD_CHARS):
            pos = start + 1  # inside a word: "Harz" in "Oberharz"
            continue
        yield start, m.end(), m.group()
        pos = m.end() if m.end() > start else start + 1


def _first_letter_variants(form: str) -> list[str]:
    first, rest = form[:1], form[1:]
    variants = {form, first.upper() + rest, first.lower() + rest}
    if first in "ÉÈÊéèê":
        variants.add("E" + rest)
    return sorted(variants)


def quote(text: str) -> str:
    return f"'{text}'"


class Glossary:
    """The validated terms and everything that matches them in German and French texts."""

    def __init__(self, terms: Iterable[Term] = ()) -> None:
        self.terms: tuple[Term, ...] = tuple(terms)
        self.checksum: str = _checksum(self.terms)

    def __len__(self) -> int:
        return len(self.terms)

    def __repr__(self) -> str:
        return f"Glossary({len(self.terms)} terms, checksum={self.checksum[:12]})"

    # compiled matchers, built on first use

    @cached_property
    def _german(
        self,
    ) -> tuple[re.Pattern[str] | None, dict[str, tuple[int, int]], frozenset[str]]:
        """The matcher of every German form, its lookup, and the forms that only count
        before a hyphen: a first part with the linking -s ("Verwaltungs-Chef")."""
        lookup: dict[str, tuple[int, int]] = {}
        for index, term in enumerate(self.terms):
            for form, level in german_forms(term).items():
                lookup.setdefault(normalise(form), (index, level))
        linking = {
            key + "s"
            for key in lookup
            if key[-1:].isalpha() and key[-1:].islower() and key + "s" not in lookup
        }
        for key in linking:
            lookup[key] = lookup[key[:-1]]
        return _trie_regex(lookup), lookup, frozenset(linking)

    @cached_property
    def _french_cache(self) -> dict[int, tuple[re.Pattern[str] | None, dict[str, int]]]:
        return {}

    def _french(self, index: int) -> tuple[re.Pattern[str] | None, dict[str, int]]:
        """The matcher of one term's accepted French forms, compiled when first needed."""
        matcher = self._french_cache.get(index)
        if matcher is None:
            matcher = self._french_cache[index] = _french_matcher(french_forms(self.terms[index]))
        return matcher

    @cached_property
    def _french_all(self) -> tuple[re.Pattern[str] | None, dict[str, int]]:
        lookup: dict[str, int] = {}
        for index, term in enumerate(self.terms):
            for form in french_forms(term):
                for variant in _first_letter_variants(normalise(form)):
                    lookup.setdefault(variant, index)
        return _trie_regex(lookup), lookup

    @cached_property
    def _avoid(self) -> tuple[re.Pattern[str] | None, dict[str, int]]:
        lookup: dict[str, int] = {}
        for index, term in enumerate(self.terms):
            for form in term.avoid:
                for variant in _first_letter_variants(normalise(form)):
                    lookup.setdefault(variant, index)
        return _trie_regex(lookup), lookup

    def _german_hits(self, text: str) -> list[tuple[int, int, str, int, int]]:
        regex, lookup, linking = self._german
        hits = []
        for start, end, found in _scan(regex, text):
            key = normalise(found)
            if key in linking and text[end : end + 1] not in ("-", "\u2011"):
                continue  # "Verwaltungs" counts only as a compound's first part
            hits.append((start, end, found, *lookup[key]))
        return hits

    # public API

    def forms_de(self, term: Term) -> tuple[str, ...]:
        """The German forms that match ``term`` (dictionary form first)."""
        return tuple(german_forms(term))

    def forms_fr(self, term: Term) -> tuple[str, ...]:
        """The French forms accepted for ``term`` (target first)."""
        return tuple(french_forms(term))

    def find_german(self, text: str) -> list[TermMatch]:
        """The terms in a German text: non-overlapping, leftmost-longest, in order."""
        return [
            TermMatch(self.terms[index], start, end, found)
            for start, end, found, index, _level in self._german_hits(text)
        ]

    def find_french(self, text: str) -> list[TermMatch]:
        """Targets and ``fr_forms`` found in a French text (for highlighting)."""
        regex, lookup = self._french_all
        return [
            TermMatch(self.terms[lookup[normalise(found)]], start, end, found)
            for start, end, found in _scan(regex, text)
        ]

    def find_avoided(self, text: str) -> list[TermMatch]:
        """``avoid`` forms in a French text, except where they are part of the right form."""
        regex, lookup = self._avoid
        out = []
        for start, end, found in _scan(regex, text):
            index = lookup[normalise(found)]
            right_regex, _ = self._french(index)
            covered = any(
                s <= start and end <= e and (s, e) != (start, end)
                for s, e, _f in _scan(right_regex, text)
            )
            if not covered:
                out.append(TermMatch(self.terms[index], start, end, found))
        return out

    def check(self, de: str, fr: str) -> list[Violation]:
        """What a reviewer must fix: terms of the German missing in the French, avoided forms."""
        needed: dict[int, int] = {}
        for _start, _end, _found, index, level in self._german_hits(de):
            needed[index] = min(level, needed.get(index, level))
        missing = []
        for index, level in needed.items():
            regex, lookup = self._french(index)
            if not any(lookup[normalise(f)] <= level for _s, _e, f in _scan(regex, fr)):
                missing.append(_missing(self.terms[index], level))
        violations = []
        avoided = self.find_avoided(fr)
        wrong = {m.term: m.text for m in reversed(avoided)}
        for violation in missing:
            found = wrong.get(violation.term)
            if found is None:
                violations.append(violation)
            else:  # one mistake, one finding: what is missing and what to avoid
                violations.append(
                    Violation(
                        violation.term,
                        "wrong",
                        f"{violation.message}, not {quote(found)} (a wrong rendering)",
                        found,
                    )
                )
        merged = {v.term for v in violations if v.kind == "wrong"}
        for match in avoided:
            term = match.term
            if term in merged:
                continue
            violations.append(
                Violation(
                    term,
                    "avoid",
                    f"{quote(match.text)} is a wrong rendering of {quote(term.de)}: "
                    f"write {quote(term.target)}",
                    match.text,
                )
            )
        return violations

    def hint(self, de: str) -> str | None:
        """The terms of a German text as a note for translators, or None when there are none."""
        seen: dict[Term, None] = {}
        for match in self.find_german(de):
            seen.setdefault(match.term)
        if not seen:
            return None
        return "; ".join(
            f"{t.de} → {t.target} (keep)" if t.keep else f"{t.de} → {t.target}" for t in seen
        )

    def keep_spans(self, de: str) -> list[TermMatch]:
        """Matches of ``keep`` terms in a German text, for the engines to protect."""
        return [m for m in self.find_german(de) if m.term.keep]


def _french_matcher(forms: dict[str, int]) -> tuple[re.Pattern[str] | None, dict[str, int]]:
    lookup: dict[str, int] = {}
    for form, level in forms.items():
        for variant in _first_letter_variants(normalise(form)):
            lookup[variant] = min(level, lookup.get(variant, level))
    return _trie_regex(lookup), lookup


def _missing(term: Term, level: int) -> Violation:
    if term.keep:
        message = f"{quote(term.de)} stays in German: write {quote(term.de)}"
    else:
        _name, de_acronym = split_acronym(term.de)
        _fr_name, fr_acronym = split_acronym(term.target)
        if level == ACRONYM and de_acronym and fr_acronym:
            message = f"{quote(de_acronym)} must be rendered {quote(fr_acronym)} ({term.target})"
        else:
            message = f"{quote(term.de)} must be rendered {quote(term.target)}"
    return Violation(term, "missing", message, None)


def _checksum(terms: Iterable[Term]) -> str:
    canonical = sorted(
        json.dumps(
            {
                "de": t.de,
                "fr": t.fr,
                "keep": t.keep,
                "de_forms": sorted(t.de_forms),
                "fr_forms": sorted(t.fr_forms),
                "avoid": sorted(t.avoid),
                "kind": t.kind,
                "note": t.note,
            },
            ensure_ascii=False,
            sort_keys=True,
            separators=(",", ":"),
        )
        for t in terms
    )
    return hashlib.sha256("\n".join(canonical).encode("utf-8")).hexdigest()


EMPTY_GLOSSARY = Glossary(())
