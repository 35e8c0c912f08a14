"""The glossary in the formats other tools read: DeepL entries, Weblate CSV, TBX for CAT tools.

Pure functions from a :class:`~presse.glossary.matching.Glossary` to text; writing the files is the
caller's business (through :mod:`presse.store.disk`).
"""

from __future__ import annotations

import csv
import io
import xml.etree.ElementTree as ET
from typing import TYPE_CHECKING

from presse.glossary.forms import ACRONYM, NAME, german_forms, split_acronym

if TYPE_CHECKING:
    from presse.glossary.matching import Glossary
    from presse.glossary.terms import Term

_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def _acronym_parts(text: str) -> tuple[str, str | None]:
    return split_acronym(text)


def export_deepl(g: Glossary) -> str:
    """DeepL glossary entries (TSV, ``German<TAB>French``, one per line).

    DeepL documents that it adapts the *target* of an entry to the sentence (case, gender,
    number); it does not promise to recognise inflected *source* forms. So every German
    form presse matches is listed ("Landkreises Harz", "der Technischen Universität …"),
    each mapped to the French of the same extent: the full target for the full name, the
    target without its acronym for the name without acronym, the French acronym for the
    bare acronym. French nouns do not decline by case, so this is what the French needs.
    Kept terms map to their dictionary form ("Landrats" → "Landrat"; forms listed in
    ``de_forms`` map to themselves), which stops DeepL from translating them. Each source
    appears once (DeepL rejects duplicates); whitespace is single spaces, never tabs or
    newlines.
    """

    lines: list[str] = []
    seen: set[str] = set()
    for term in g.terms:
        target = term.target
        name, fr_acronym = _acronym_parts(target)
        for form, level in german_forms(term).items():
            if form in seen:
                continue
            seen.add(form)
            if term.keep:
                french = form if form in term.de_forms else _keep_target(term, level)
            elif level == NAME:
                french = name
            elif level == ACRONYM:
                french = fr_acronym or target
            else:
                french = target
            lines.append(f"{_one_line(form)}\t{_one_line(french)}")
    return "".join(line + "\n" for line in lines)


def _keep_target(term: Term, level: int) -> str:

    name, acronym = _acronym_parts(term.de)
    if level == NAME:
        return name
    if level == ACRONYM and acronym:
        return acronym
    return term.de


def _one_line(text: str) -> str:
    return " ".join(text.split())


WEBLATE_CSV_HEADER = ("source", "target", "context", "developer_comments")


def export_csv(g: Glossary) -> str:
    """A CSV that Weblate imports into a glossary component ("CSV file" format with header).

    Weblate (through translate-toolkit) reads the header fields ``source``, ``target``,
    ``context`` and ``developer_comments``. One row per term: the German dictionary form,
    the French to use (the German itself for kept terms), the kind as context, and the
    note with the forms to avoid as the comment.
    """
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(WEBLATE_CSV_HEADER)
    for term in g.terms:
        comments = []
        if term.keep:
            comments.append("Keep the German term untranslated.")
        if term.note:
            comments.append(term.note)
        if term.fr_forms:
            comments.append("Also accepted: " + "; ".join(term.fr_forms) + ".")
        if term.avoid:
            comments.append("Do not write: " + "; ".join(term.avoid) + ".")
        writer.writerow((term.de, term.target, term.kind, " ".join(comments)))
    return out.getvalue()


def export_tbx(g: Glossary) -> str:
    """TBX-Basic (TBX v2, ``martif``) for CAT tools: one ``termEntry`` per term.

    The German language set holds the term and its ``de_forms``; the French one the target
    (preferred), ``fr_forms`` (admitted) and ``avoid`` forms (deprecated). The kind is the
    entry's ``subjectField``, the note an entry-level ``note``.
    """
    martif = ET.Element("martif", {"type": "TBX-Basic-V1", _XML_LANG: "de"})
    header = ET.SubElement(martif, "martifHeader")
    file_desc = ET.SubElement(header, "fileDesc")
    source_desc = ET.SubElement(file_desc, "sourceDesc")
    ET.SubElement(source_desc, "p").text = f"presse glossary (sha256 {g.checksum})"
    encoding_desc = ET.SubElement(header, "encodingDesc")
    ET.SubElement(encoding_desc, "p", {"type": "XCSURI"}).text = "TBXBasicXCSV02.xcs"
    body = ET.SubElement(ET.SubElement(martif, "text"), "body")
    for number, term in enumerate(g.terms, start=1):
        entry = ET.SubElement(body, "termEntry", {"id": f"term-{number}"})
        ET.SubElement(entry, "descrip", {"type": "subjectField"}).text = term.kind
        if term.note:
            ET.SubElement(entry, "note").text = term.note
        german = ET.SubElement(entry, "langSet", {_XML_LANG: "de"})
        _tig(german, term.de, "preferredTerm-admn-sts")
        for form in term.de_forms:
            _tig(german, form, "admittedTerm-admn-sts")
        french = ET.SubElement(entry, "langSet", {_XML_LANG: "fr"})
        _tig(french, term.target, "preferredTerm-admn-sts")
        for form in term.fr_forms:
            _tig(french, form, "admittedTerm-admn-sts")
        for form in term.avoid:
            _tig(french, form, "deprecatedTerm-admn-sts")
    ET.indent(martif, space="  ")
    xml = ET.tostring(martif, encoding="unicode")
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<!DOCTYPE martif SYSTEM "TBXBasiccoreStructV02.dtd">\n' + xml + "\n"
    )


def _tig(lang_set: ET.Element, text: str, status: str) -> None:
    tig = ET.SubElement(lang_set, "tig")
    ET.SubElement(tig, "term").text = text
    ET.SubElement(tig, "termNote", {"type": "administrativeStatus"}).text = status
