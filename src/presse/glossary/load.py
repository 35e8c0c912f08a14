"""Reading ``glossary.yaml``: every entry validated, every mistake at once, each naming
the file and line (:class:`presse.errors.ConfigErrors` when there are several). The
format is described in :mod:`presse.glossary.terms`."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from presse.errors import ConfigErrors, PresseError
from presse.glossary.forms import german_forms
from presse.glossary.matching import EMPTY_GLOSSARY, Glossary, normalise, quote
from presse.glossary.terms import KEYS, KINDS, Term
from presse.store.disk import read_text
from presse.store.yaml_lines import load_located


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
            fail(f"unknown key {quote(str(field))}; the keys are {', '.join(KEYS)}", str(field))

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
        fail(f"{quote(de)} needs 'fr:' (its French form) or 'keep: true'")
    kind = item.get("kind", "other")
    if kind not in KINDS:
        fail(f"kind must be one of {', '.join(KINDS)}, not {quote(str(kind))}", "kind")
    note = text_field("note")
    de_forms, fr_forms, avoid = list_field("de_forms"), list_field("fr_forms"), list_field("avoid")
    target = de if keep else fr
    for form in avoid:
        if target is not None and normalise(form) == normalise(target):
            fail(f"{quote(form)} is both the form to use and a form to avoid", "avoid")
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
                    f"{quote(term.de)} is also the term at line {first.line}", path, term.line
                )
            )
            continue
        by_de[term.de] = term
        for form in german_forms(term):
            other = by_form.setdefault(normalise(form), term)
            if other is not term:
                errors.append(
                    PresseError(
                        f"{quote(form)} (a form of {quote(term.de)}) is also a form of "
                        f"{quote(other.de)} at line {other.line}",
                        path,
                        term.line,
                    )
                )
                break
