"""The glossary of fixed terms (``glossary.yaml``): validation, inflection-aware matching, checks.

The file is a YAML **list** at the top level (no ``terms:`` wrapper), one mapping per term::

    - de: Landkreis Harz                # German dictionary form (nominative singular)
      fr: arrondissement de Harz        # the one French form to use ...
      avoid: [district du Harz]         # French renderings to flag as wrong
      kind: institution                 # institution | title | place | event | other
      note: Why this rendering.         # shown to translators
    - de: Landrat
      keep: true                        # ... or keep the German term as it is
      de_forms: [Landräte, Landräten, Landrätin]   # forms the automatic ones miss
      fr_forms: [Landräte]              # further accepted French forms

An empty file is an empty glossary. Every mistake is a :class:`PresseError` naming the file
and line; when several entries are wrong, they are all reported at once.

**German matching.** Each term is expanded into the forms it takes in a sentence (see
:mod:`presse.glossary.forms`: genitive, plural, adjective endings, acronyms), plus its
``de_forms``. All forms of all terms are compiled into one trie-shaped regular
expression, so a text is scanned once. Matching is case-sensitive and whole-word: a
hyphen counts as part of a word, so ``Harz`` matches in "aus dem Harz" but not in
"Harzer" or "Landkreis-Harz-Fonds". Where matches overlap, the leftmost wins and, from
one start, the longest ("Landkreis Harz" over "Harz").

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
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

from presse.errors import ConfigErrors, PresseError
from presse.glossary.forms import ACRONYM, french_forms, german_forms, split_acronym
from presse.store.disk import read_text
from presse.store.yaml_lines import load_located

KINDS = ("institution", "title", "place", "event", "other")
KEYS = ("de", "fr", "keep", "de_forms", "fr_forms", "avoid", "kind", "note")


@dataclass(frozen=True)
class Term:
    """One entry of the glossary; ``line`` is where it starts in the file."""

    de: str
    fr: str | None
    keep: bool = False
    de_forms: tuple[str, ...] = ()
    fr_forms: tuple[str, ...] = ()
    avoid: tuple[str, ...] = ()
    kind: str = "other"
    note: str | None = None
    line: int = 0

    @property
    def target(self) -> str:
        """The form the French must use: ``fr``, or the German term itself when kept."""
        return self.de if self.keep or self.fr is None else self.fr


@dataclass(frozen=True)
class TermMatch:
    """A span of a German or French text where a term (or one of its forms) stands."""

    term: Term
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Violation:
    """A term the French does not render as the glossary says."""

    term: Term
    kind: str  # "missing" | "avoid"
    message: str
    found: str | None = None


# --- matching ----------------------------------------------------------------------------

_WORD_CHARS = "-_\u2011"
_APOSTROPHES = str.maketrans({"’": "'", "ʼ": "'", "\u2011": "-"})
_SPACES = re.compile(r"\s+")


def _normalise(text: str) -> str:
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
    return re.compile(_emit(trie) + r"(?![\w\-\u2011])")


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


def _quote(text: str) -> str:
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
    def _german(self) -> tuple[re.Pattern[str] | None, dict[str, tuple[int, int]]]:
        lookup: dict[str, tuple[int, int]] = {}
        for index, term in enumerate(self.terms):
            for form, level in german_forms(term).items():
                lookup.setdefault(_normalise(form), (index, level))
        return _trie_regex(lookup), lookup

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
                for variant in _first_letter_variants(_normalise(form)):
                    lookup.setdefault(variant, index)
        return _trie_regex(lookup), lookup

    @cached_property
    def _avoid(self) -> tuple[re.Pattern[str] | None, dict[str, int]]:
        lookup: dict[str, int] = {}
        for index, term in enumerate(self.terms):
            for form in term.avoid:
                for variant in _first_letter_variants(_normalise(form)):
                    lookup.setdefault(variant, index)
        return _trie_regex(lookup), lookup

    def _german_hits(self, text: str) -> list[tuple[int, int, str, int, int]]:
        regex, lookup = self._german
        return [
            (start, end, found, *lookup[_normalise(found)])
            for start, end, found in _scan(regex, text)
        ]

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
            TermMatch(self.terms[lookup[_normalise(found)]], start, end, found)
            for start, end, found in _scan(regex, text)
        ]

    def find_avoided(self, text: str) -> list[TermMatch]:
        """``avoid`` forms in a French text, except where they are part of the right form."""
        regex, lookup = self._avoid
        out = []
        for start, end, found in _scan(regex, text):
            index = lookup[_normalise(found)]
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
        violations = []
        for index, level in needed.items():
            regex, lookup = self._french(index)
            if not any(lookup[_normalise(f)] <= level for _s, _e, f in _scan(regex, fr)):
                violations.append(_missing(self.terms[index], level))
        for match in self.find_avoided(fr):
            term = match.term
            violations.append(
                Violation(
                    term,
                    "avoid",
                    f"{_quote(match.text)} is a wrong rendering of {_quote(term.de)}: "
                    f"write {_quote(term.target)}",
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
        for variant in _first_letter_variants(_normalise(form)):
            lookup[variant] = min(level, lookup.get(variant, level))
    return _trie_regex(lookup), lookup


def _missing(term: Term, level: int) -> Violation:
    if term.keep:
        message = f"{_quote(term.de)} stays in German: write {_quote(term.de)}"
    else:
        _name, de_acronym = split_acronym(term.de)
        _fr_name, fr_acronym = split_acronym(term.target)
        if level == ACRONYM and de_acronym and fr_acronym:
            message = f"{_quote(de_acronym)} must be rendered {_quote(fr_acronym)} ({term.target})"
        else:
            message = f"{_quote(term.de)} must be rendered {_quote(term.target)}"
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


# --- reading glossary.yaml ---------------------------------------------------------------


def load_glossary(path: Path) -> Glossary:
    """The glossary in ``path``; a file that does not exist is an empty glossary."""
    if not Path(path).exists():
        return EMPTY_GLOSSARY
    return parse_glossary(read_text(Path(path)), path)


def parse_glossary(text: str, path: Path | str) -> Glossary:
    """Validate ``glossary.yaml`` text; raises PresseError (ConfigErrors for several)."""
    located = load_located(text, path)
    data = located.data
    if data is None:
        return EMPTY_GLOSSARY
    if not isinstance(data, list):
        raise PresseError(
            "the glossary must be a list of terms, each starting with '- de: …'", path, 1
        )
    errors: list[PresseError] = []
    terms: list[Term] = []
    for index, item in enumerate(data):
        term = _parse_entry(item, str(index), located.line_of, path, errors)
        if term is not None:
            terms.append(term)
    _check_collisions(terms, path, errors)
    if len(errors) == 1:
        raise errors[0]
    if errors:
        raise ConfigErrors(errors)
    return Glossary(terms)


def _parse_entry(
    item: Any,
    key: str,
    line_of: Callable[[str, int | None], int | None],
    path: Path | str,
    errors: list[PresseError],
) -> Term | None:
    line = line_of(key, None) or 1

    def fail(message: str, field: str | None = None) -> None:
        at = line_of(f"{key}.{field}", line) if field else line
        errors.append(PresseError(message, path, at))

    if not isinstance(item, dict):
        fail("each term must be a mapping with 'de:' and 'fr:' (or 'keep: true')")
        return None
    before = len(errors)
    for field in item:
        if field not in KEYS:
            fail(f"unknown key {_quote(str(field))}; the keys are {', '.join(KEYS)}", str(field))

    def text_field(field: str) -> str | None:
        value = item.get(field)
        if value is None:
            return None
        if not isinstance(value, str):
            fail(f"{field} must be text", field)
            return None
        cleaned = " ".join(value.split())
        if not cleaned:
            fail(f"{field} is empty", field)
            return None
        return cleaned

    def list_field(field: str) -> tuple[str, ...]:
        value = item.get(field)
        if value is None:
            return ()
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            fail(f"{field} must be a list of texts, e.g. {field}: [form one, form two]", field)
            return ()
        cleaned = tuple(" ".join(v.split()) for v in value)
        if not all(cleaned):
            fail(f"{field} holds an empty form", field)
        return tuple(dict.fromkeys(v for v in cleaned if v))

    de = text_field("de")
    if "de" not in item:
        fail("missing 'de:' (the German term)")
    fr = text_field("fr")
    keep = item.get("keep", False)
    if not isinstance(keep, bool):
        fail("keep must be true or false", "keep")
    elif keep and "fr" in item:
        fail("a term has either 'fr:' or 'keep: true', not both", "fr")
    elif not keep and "fr" not in item and de is not None:
        fail(f"{_quote(de)} needs 'fr:' (its French form) or 'keep: true'")
    kind = item.get("kind", "other")
    if kind not in KINDS:
        fail(f"kind must be one of {', '.join(KINDS)}, not {_quote(str(kind))}", "kind")
    note = text_field("note")
    de_forms, fr_forms, avoid = list_field("de_forms"), list_field("fr_forms"), list_field("avoid")
    target = de if keep else fr
    for form in avoid:
        if target is not None and _normalise(form) == _normalise(target):
            fail(f"{_quote(form)} is both the form to use and a form to avoid", "avoid")
    if len(errors) > before or de is None:
        return None
    return Term(de, None if keep else fr, keep, de_forms, fr_forms, avoid, kind, note, line)


def _check_collisions(terms: list[Term], path: Path | str, errors: list[PresseError]) -> None:
    by_de: dict[str, Term] = {}
    by_form: dict[str, Term] = {}
    for term in terms:
        first = by_de.get(term.de)
        if first is not None:
            errors.append(
                PresseError(
                    f"{_quote(term.de)} is also the term at line {first.line}", path, term.line
                )
            )
            continue
        by_de[term.de] = term
        for form in german_forms(term):
            other = by_form.setdefault(_normalise(form), term)
            if other is not term:
                errors.append(
                    PresseError(
                        f"{_quote(form)} (a form of {_quote(term.de)}) is also a form of "
                        f"{_quote(other.de)} at line {other.line}",
                        path,
                        term.line,
                    )
                )
                break


from presse.glossary.export import export_csv, export_deepl, export_tbx  # noqa: E402
from presse.glossary.suggest import Candidate, suggest  # noqa: E402

__all__ = [
    "EMPTY_GLOSSARY",
    "KINDS",
    "Candidate",
    "Glossary",
    "Term",
    "TermMatch",
    "Violation",
    "export_csv",
    "export_deepl",
    "export_tbx",
    "load_glossary",
    "parse_glossary",
    "suggest",
]
