"""Reading a term base (TBX, or Weblate's CSV) and merging it into ``glossary.yaml``.

TBX-Basic (TBX v2 ``martif``, what :func:`presse.glossary.export.export_tbx` writes and
most CAT tools exchange) and TBX v3 (``tbx``, ``conceptEntry``/``langSec``/``termSec``).
In each entry the German preferred term is ``de`` and its admitted terms ``de_forms``;
the French preferred term is ``fr`` (the German itself means ``keep: true``), the
admitted ones ``fr_forms``, the deprecated and superseded ones ``avoid``.

Merging is pure text work, so that the glossary's comments survive: a new term is
appended, a term that gains forms is rewritten in place, a term whose French differs is
a conflict the caller refuses unless told to prefer the term base.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field, replace
from pathlib import Path

import yaml

from presse.documents.xml_input import XML_LANG, language, local_name, parse_xml
from presse.errors import PresseError
from presse.glossary.terms import KINDS, Term

_ENTRY = ("termEntry", "conceptEntry")
_LANG = ("langSet", "langSec")
_TERM = ("tig", "ntig", "termSec")


def _status(term_group) -> str:  # type: ignore[no-untyped-def]
    """preferred, admitted or deprecated, from ``administrativeStatus`` (or
    ``normativeAuthorization``); "" when the term base says nothing."""
    for note in term_group.iter():
        if local_name(note) == "termNote" and note.get("type") in (
            "administrativeStatus",
            "normativeAuthorization",
        ):
            value = (note.text or "").strip().lower()
            if "deprecated" in value or "superseded" in value or "notrecommended" in value:
                return "deprecated"
            if "admitted" in value:
                return "admitted"
            if "preferred" in value:
                return "preferred"
    return ""


def _terms_of(lang_set) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    found: list[tuple[str, str]] = []
    for group in lang_set.iter():
        if local_name(group) not in _TERM:
            continue
        term = next((t for t in group.iter() if local_name(t) == "term"), None)
        text = " ".join("".join(term.itertext()).split()) if term is not None else ""
        if text:
            found.append((text, _status(group)))
    return found


def _split(terms: list[tuple[str, str]]) -> tuple[str | None, list[str], list[str]]:
    """(preferred, admitted, deprecated); without statuses the first term is preferred."""
    preferred = [t for t, s in terms if s == "preferred"]
    admitted = [t for t, s in terms if s in ("admitted", "")]
    deprecated = [t for t, s in terms if s == "deprecated"]
    if not preferred and admitted:
        preferred = [admitted.pop(0)]
    return (preferred[0] if preferred else None), preferred[1:] + admitted, deprecated


def read_tbx(data: bytes, path: Path | str, source: str = "de", target: str = "fr") -> list[Term]:
    """The terms of a TBX file; an entry without a German or French term is an error."""
    root = parse_xml(data, path, "TBX")
    if local_name(root) not in ("martif", "tbx"):
        raise PresseError(f"not a TBX file (root element <{local_name(root)}>)", path, 1)
    terms: list[Term] = []
    for entry in root.iter():
        if local_name(entry) not in _ENTRY:
            continue
        name = entry.get("id") or f"at line {entry.sourceline}"
        sides: dict[str, list[tuple[str, str]]] = {}
        for lang_set in entry:
            if local_name(lang_set) in _LANG:
                sides.setdefault(language(lang_set.get(XML_LANG)), []).extend(_terms_of(lang_set))
        de, de_forms, _ = _split(sides.get(source, []))
        fr, fr_forms, avoid = _split(sides.get(target, []))
        if de is None or fr is None:
            missing = source if de is None else target
            held = ", ".join(sorted(k for k in sides if k)) or "none"
            raise PresseError(
                f"entry {name}: no {missing} term (languages here: {held})", path, entry.sourceline
            )
        kind, note = "other", None
        for child in entry:
            if local_name(child) == "descrip" and child.get("type") == "subjectField":
                kind = (child.text or "").strip() if (child.text or "").strip() in KINDS else kind
            elif local_name(child) == "note" and (child.text or "").strip():
                note = " ".join((child.text or "").split())
        keep = fr == de
        terms.append(
            Term(
                de,
                None if keep else fr,
                keep,
                tuple(de_forms),
                tuple(fr_forms),
                tuple(avoid),
                kind,
                note,
                entry.sourceline or 0,
            )
        )
    if not terms:
        raise PresseError("no term entry in this TBX file", path, 1)
    return terms


_ALSO = re.compile(r"Also accepted: (.*?)\.(?: |$)")
_AVOID = re.compile(r"Do not write: (.*?)\.(?: |$)")
_KEEP_NOTE = "Keep the German term untranslated."


def read_csv(text: str, path: Path | str) -> list[Term]:
    """Weblate's glossary CSV (``source,target,context,developer_comments``), as
    :func:`presse.glossary.export.export_csv` writes it."""
    rows = csv.DictReader(io.StringIO(text))
    if not rows.fieldnames or not {"source", "target"} <= set(rows.fieldnames):
        raise PresseError("a glossary CSV needs the columns source and target", path, 1)
    terms: list[Term] = []
    for row in rows:
        line = rows.line_num
        de, fr = (row.get("source") or "").strip(), (row.get("target") or "").strip()
        if not de or not fr:
            raise PresseError("a row without source or target", path, line)
        comment = row.get("developer_comments") or ""
        also = _ALSO.search(comment)
        avoid = _AVOID.search(comment)
        note = _AVOID.sub("", _ALSO.sub("", comment.replace(_KEEP_NOTE, ""))).strip() or None
        kind = (row.get("context") or "").strip()
        keep = de == fr
        terms.append(
            Term(
                de,
                None if keep else fr,
                keep,
                (),
                tuple(also.group(1).split("; ")) if also else (),
                tuple(avoid.group(1).split("; ")) if avoid else (),
                kind if kind in KINDS else "other",
                note,
                line,
            )
        )
    return terms


# ---------------------------------------------------------------- merging


@dataclass
class Merge:
    text: str  # the new glossary.yaml
    added: list[str] = field(default_factory=list)
    extended: list[str] = field(default_factory=list)
    replaced: list[str] = field(default_factory=list)
    conflicts: list[PresseError] = field(default_factory=list)


def term_block(term: Term) -> str:
    """One entry of ``glossary.yaml`` as presse writes it."""
    data: dict[str, object] = {"de": term.de}
    if term.keep:
        data["keep"] = True
    else:
        data["fr"] = term.fr
    for name in ("de_forms", "fr_forms", "avoid"):
        if getattr(term, name):
            data[name] = list(getattr(term, name))
    data["kind"] = term.kind
    if term.note:
        data["note"] = term.note
    return yaml.safe_dump([data], allow_unicode=True, sort_keys=False, width=88)


def _union(old: tuple[str, ...], new: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(old + new))


def _conflict(old: Term, new: Term) -> str | None:
    if old.keep != new.keep or (old.fr != new.fr):
        theirs = "keep" if new.keep else repr(new.fr)
        ours = "keep" if old.keep else repr(old.fr)
        return f"{old.de!r}: the glossary says {ours}, the term base {theirs}"
    return None


def merge(
    text: str, old_terms: list[Term], new_terms: list[Term], path: Path, prefer_import: bool
) -> Merge:
    """``glossary.yaml`` with the term base merged in (see the module's docstring)."""
    lines = text.splitlines(keepends=True)
    if not old_terms:  # an empty glossary is written "[]" (presse init): entries replace it
        lines = [line for line in lines if line.strip() != "[]"]
    by_de = {t.de: t for t in old_terms}
    starts = sorted(t.line for t in old_terms)
    replacements: dict[int, str] = {}
    appended: list[str] = []
    result = Merge(text)
    for new in new_terms:
        old = by_de.get(new.de)
        if old is None:
            appended.append(term_block(new))
            result.added.append(new.de)
            continue
        problem = _conflict(old, new)
        if problem and not prefer_import:
            result.conflicts.append(PresseError(problem, path, new.line))
            continue
        if problem:
            merged = replace(new, line=old.line)
            result.replaced.append(new.de)
        else:
            merged = replace(
                old,
                de_forms=_union(old.de_forms, new.de_forms),
                fr_forms=_union(old.fr_forms, new.fr_forms),
                avoid=_union(old.avoid, new.avoid),
                note=old.note or new.note,
            )
            if merged == old:
                continue
            result.extended.append(new.de)
        replacements[old.line] = term_block(merged)
    out: list[str] = []
    index = 0
    while index < len(lines):
        number = index + 1
        if number in replacements:
            out.append(replacements[number])
            following = [s for s in starts if s > number]
            end = (following[0] - 1) if following else len(lines)
            # Keep the comments and blank lines that lead to the next entry.
            while end > number and _is_gap(lines[end - 1]):
                end -= 1
            index = end
            continue
        out.append(lines[index])
        index += 1
    body = "".join(out)
    if appended:
        if body and not body.endswith("\n"):
            body += "\n"
        body += "".join(("\n" if body else "") + block for block in appended)
    result.text = body
    return result


def _is_gap(line: str) -> bool:
    stripped = line.strip()
    return not stripped or stripped.startswith("#")
