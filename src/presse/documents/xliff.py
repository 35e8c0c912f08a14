"""XLIFF 1.2 and 2.1: the pure model of an exchange file, its writer and its reader.

An agency's CAT tool (memoQ, Trados, Phrase) reads one ``<file>`` per release and one
``<trans-unit>`` (1.2) or ``<unit>`` (2.1) per segment, under the segment's stable id.
Inline Markdown arrives here already as *tagged text*, the small XML of
:mod:`presse.engines.markup` (``Der <b n="1">Kreis</b> <x n="2"/>``); this module turns
each tag into an XLIFF inline code (``<g>``/``<x>`` in 1.2, ``<pc>``/``<ph>`` in 2.1)
with the same number as its id, and reads the codes a CAT tool sends back
(``<g>``, ``<x>``, ``<bx>``/``<ex>``, ``<bpt>``/``<ept>``, ``<ph>``, ``<pc>``,
``<sc>``/``<ec>``) as :data:`Piece` lists, which the caller maps back to Markdown.

What presse needs to find again travels in places the standards give for it and CAT
tools keep: the hash of the German and of the French as exported in a
``<context-group>`` (1.2) or the Metadata module's ``<mda:metaGroup>`` (2.1); the
translator in a ``<phase contact-name>`` (1.2) or ``its:person`` (2.1).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from lxml import etree

from presse.documents.xml_input import XML_LANG, language, local_name, parse_xml
from presse.errors import PresseError

NS12 = "urn:oasis:names:tc:xliff:document:1.2"
NS2 = "urn:oasis:names:tc:xliff:document:2.0"
MDA = "urn:oasis:names:tc:xliff:metadata:2.0"
ITS = "http://www.w3.org/2005/11/its"
VERSIONS = ("1.2", "2.1")
SOURCE_HASH = "x-presse-source-hash"  # 1.2 context-type (XTend values must start with x-)
TARGET_HASH = "x-presse-target-hash"
CONTEXT = "x-presse-msgctxt"
META_CATEGORY = "presse"

# presse's segment states in XLIFF 1.2: (state, state-qualifier).
STATES_12 = {
    "untranslated": ("needs-translation", None),
    "machine": ("needs-review-translation", "leveraged-mt"),
    "memory": ("needs-review-translation", "leveraged-tm"),
    "stale": ("needs-review-translation", "fuzzy-match"),
    "translated": ("translated", None),
    "approved": ("final", None),
}
# ... and in 2.1: an unreviewed draft is "initial" (a target may be there; "translated"
# would say a translator made it), what kind of draft in subState.
STATES_21 = {
    "untranslated": ("initial", None),
    "machine": ("initial", "presse:machine"),
    "memory": ("initial", "presse:memory"),
    "stale": ("initial", "presse:stale"),
    "translated": ("translated", None),
    "approved": ("final", None),
}
# What a returned unit says: "open" (no French), "draft" (French, not confirmed), "done".
DONE_12 = frozenset({"translated", "signed-off", "final"})
DONE_21 = frozenset({"translated", "reviewed", "final"})

Piece = str | tuple[Literal["open", "close", "ph"], str]


@dataclass(frozen=True)
class Code:
    """An inline code of a segment: the tag's kind (b, em, a, x) and its Markdown."""

    kind: str
    markdown: str


@dataclass
class ExportUnit:
    id: str
    msgctxt: str | None
    source: str  # tagged text
    target: str | None  # tagged text, None when untranslated
    state: str  # a key of STATES_12
    source_hash: str
    target_hash: str | None
    codes: dict[int, Code] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)


@dataclass
class ExportFile:
    slug: str
    original: str  # the German release file, relative to the repository
    units: list[ExportUnit]


@dataclass
class ReturnedUnit:
    """A unit as the agency's file has it."""

    id: str
    line: int
    source: list[Piece]
    target: list[Piece] | None
    progress: str  # "open", "draft" or "done"
    translator: str | None
    source_hash: str | None
    target_hash: str | None
    target_language: str | None = None  # as the target's xml:lang says, if it does


@dataclass
class ReturnedFile:
    slug: str
    line: int
    source_language: str
    target_language: str
    units: list[ReturnedUnit]


@dataclass
class ReturnedDocument:
    path: Path
    version: str
    files: list[ReturnedFile]


# ---------------------------------------------------------------- writing


def render_xliff(
    files: list[ExportFile], source: str, target: str, version: str, tool_version: str
) -> bytes:
    """The XLIFF document (UTF-8 bytes) of ``files`` in ``version`` (1.2 or 2.1)."""
    if version == "1.2":
        root = _render_12(files, source, target, tool_version)
    elif version == "2.1":
        root = _render_21(files, source, target)
    else:
        raise PresseError(f"XLIFF version {version} is not written; use 1.2 or 2.1")
    etree.indent(root, space="  ")
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def _q(ns: str, name: str) -> str:
    return f"{{{ns}}}{name}"


def _render_12(
    files: list[ExportFile], source: str, target: str, tool_version: str
) -> etree._Element:
    root = etree.Element(_q(NS12, "xliff"), {"version": "1.2"}, nsmap={None: NS12})
    for export in files:
        file = etree.SubElement(
            root,
            _q(NS12, "file"),
            {
                "original": export.original,
                "source-language": source,
                "target-language": target,
                "datatype": "x-markdown",
                "tool-id": "presse",
                "product-name": export.slug,
            },
        )
        header = etree.SubElement(file, _q(NS12, "header"))
        etree.SubElement(
            header,
            _q(NS12, "tool"),
            {"tool-id": "presse", "tool-name": "presse", "tool-version": tool_version},
        )
        body = etree.SubElement(file, _q(NS12, "body"))
        for unit in export.units:
            _unit_12(body, unit, source, target)
    return root


def _unit_12(body: etree._Element, unit: ExportUnit, source: str, target: str) -> None:
    element = etree.SubElement(body, _q(NS12, "trans-unit"), {"id": unit.id})
    if unit.msgctxt:
        element.set("resname", unit.msgctxt)
    src = etree.SubElement(element, _q(NS12, "source"), {XML_LANG: source})
    _inline_12(src, unit.source, unit.codes)
    state, qualifier = STATES_12[unit.state]
    tgt = etree.SubElement(element, _q(NS12, "target"), {XML_LANG: target, "state": state})
    if qualifier:
        tgt.set("state-qualifier", qualifier)
    if unit.target is not None:
        _inline_12(tgt, unit.target, unit.codes)
    group = etree.SubElement(element, _q(NS12, "context-group"), {"purpose": "information"})
    contexts = [(SOURCE_HASH, unit.source_hash), (TARGET_HASH, unit.target_hash or "")]
    if unit.msgctxt:
        contexts.append((CONTEXT, unit.msgctxt))
    for kind, value in contexts:
        etree.SubElement(group, _q(NS12, "context"), {"context-type": kind}).text = value
    for note in unit.notes:
        etree.SubElement(element, _q(NS12, "note"), {"from": "presse"}).text = note


def _tagged(text: str) -> etree._Element:
    return etree.fromstring(f"<r>{text}</r>", etree.XMLParser(resolve_entities=False))


def _number(tag: etree._Element) -> str:
    return tag.get("n") or "0"


def _inline_12(parent: etree._Element, tagged: str, codes: dict[int, Code]) -> None:
    def fill(into: etree._Element, node: etree._Element) -> None:
        into.text = node.text
        for child in node:
            n = _number(child)
            code = codes.get(int(n)) if n.isdigit() else None
            if child.tag == "x":
                attributes = {"id": n}
                if code is not None:
                    attributes["equiv-text"] = code.markdown
                    attributes["ctype"] = "lb" if _is_break(code.markdown) else "x-markdown"
                made = etree.SubElement(into, _q(NS12, "x"), attributes)
            else:
                ctype = {"b": "bold", "em": "italic", "a": "link"}.get(child.tag, "x-markdown")
                made = etree.SubElement(into, _q(NS12, "g"), {"id": n, "ctype": ctype})
                fill(made, child)
            made.tail = child.tail

    fill(parent, _tagged(tagged))


def _is_break(markdown: str) -> bool:
    return markdown.lower().replace(" ", "").rstrip("/") in ("<br", "<br>", "<br/>")


def _render_21(files: list[ExportFile], source: str, target: str) -> etree._Element:
    root = etree.Element(
        _q(NS2, "xliff"),
        {"version": "2.1", "srcLang": source, "trgLang": target},
        nsmap={None: NS2, "mda": MDA},
    )
    for export in files:
        file = etree.SubElement(
            root, _q(NS2, "file"), {"id": export.slug, "original": export.original}
        )
        for unit in export.units:
            _unit_21(file, unit)
    return root


def _unit_21(file: etree._Element, unit: ExportUnit) -> None:
    element = etree.SubElement(file, _q(NS2, "unit"), {"id": unit.id})
    if unit.msgctxt:
        element.set("name", unit.msgctxt)
    metadata = etree.SubElement(element, _q(MDA, "metadata"))
    group = etree.SubElement(metadata, _q(MDA, "metaGroup"), {"category": META_CATEGORY})
    metas = [("source-hash", unit.source_hash), ("target-hash", unit.target_hash or "")]
    if unit.msgctxt:
        metas.append(("msgctxt", unit.msgctxt))
    for kind, value in metas:
        etree.SubElement(group, _q(MDA, "meta"), {"type": kind}).text = value
    if unit.notes:
        notes = etree.SubElement(element, _q(NS2, "notes"))
        for note in unit.notes:
            category = note.split(":", 1)[0] if ":" in note else "presse"
            etree.SubElement(notes, _q(NS2, "note"), {"category": category}).text = note
    state, sub_state = STATES_21[unit.state]
    segment = etree.SubElement(element, _q(NS2, "segment"), {"state": state})
    if sub_state:
        segment.set("subState", sub_state)
    _inline_21(etree.SubElement(segment, _q(NS2, "source")), unit.source, unit.codes)
    if unit.target is not None:
        _inline_21(etree.SubElement(segment, _q(NS2, "target")), unit.target, unit.codes)


def _inline_21(parent: etree._Element, tagged: str, codes: dict[int, Code]) -> None:
    def fill(into: etree._Element, node: etree._Element) -> None:
        into.text = node.text
        for child in node:
            n = _number(child)
            code = codes.get(int(n)) if n.isdigit() else None
            markdown = code.markdown if code is not None else ""
            if child.tag == "x":
                attributes = {"id": n, "disp": markdown} if markdown else {"id": n}
                if _is_break(markdown):
                    attributes.update(type="fmt", subType="xlf:lb")
                made = etree.SubElement(into, _q(NS2, "ph"), attributes)
            else:
                attributes = {"id": n}
                if child.tag in ("b", "em"):
                    attributes.update(
                        type="fmt",
                        subType="xlf:b" if child.tag == "b" else "xlf:i",
                        dispStart=markdown,
                        dispEnd=markdown,
                    )
                elif child.tag == "a":
                    attributes.update(type="link", dispStart="[", dispEnd=f"]{markdown}")
                made = etree.SubElement(into, _q(NS2, "pc"), attributes)
                fill(made, child)
            made.tail = child.tail

    fill(parent, _tagged(tagged))


# ---------------------------------------------------------------- reading


def read_xliff(data: bytes, path: Path) -> ReturnedDocument:
    """An agency's XLIFF 1.2 or 2.x file, or one PresseError naming the file and line."""
    root = parse_xml(data, path, "XLIFF")
    if local_name(root) != "xliff" or root.tag not in (_q(NS12, "xliff"), _q(NS2, "xliff")):
        raise PresseError(
            f"not an XLIFF 1.2 or 2.x file (root element <{local_name(root)}>)",
            path,
            root.sourceline,
        )
    if root.tag == _q(NS12, "xliff"):
        return ReturnedDocument(
            path, "1.2", [_file_12(f, path) for f in root.iter(_q(NS12, "file"))]
        )
    version = root.get("version") or "2.0"
    languages = (language(root.get("srcLang")), language(root.get("trgLang")))
    person = root.get(_q(ITS, "person"))
    files = [_file_21(f, path, languages, person) for f in root.iter(_q(NS2, "file"))]
    return ReturnedDocument(path, version, files)


def _file_12(file: etree._Element, path: Path) -> ReturnedFile:
    pair = (language(file.get("source-language")), language(file.get("target-language")))
    phases = {
        p.get("phase-name"): p.get("contact-name")
        for p in file.iter(_q(NS12, "phase"))
        if p.get("contact-name")
    }
    file_translator = list(phases.values())[-1] if phases else None
    units: list[ReturnedUnit] = []
    for unit in file.iter(_q(NS12, "trans-unit")):
        units.append(_unit_12_read(unit, path, pair, phases, file_translator))
    slug = file.get("product-name") or Path(file.get("original") or "").stem
    return ReturnedFile(slug, file.sourceline or 1, *pair, units)


def _unit_12_read(
    unit: etree._Element,
    path: Path,
    pair: tuple[str, str],
    phases: dict[str | None, str | None],
    file_translator: str | None,
) -> ReturnedUnit:
    uid = unit.get("id") or ""
    source = unit.find(_q(NS12, "source"))
    if source is None:
        raise PresseError(f"unit {uid}: no <source>", path, unit.sourceline)
    target = unit.find(_q(NS12, "target"))
    contexts = {c.get("context-type"): c.text or "" for c in unit.iter(_q(NS12, "context"))}
    translator = file_translator
    pieces: list[Piece] | None = None
    progress = "open"
    if target is not None:
        translator = phases.get(target.get("phase-name")) or translator
        pieces = _pieces(target, path, uid)
        state = target.get("state")
        if not _text_of(pieces).strip():
            pieces, progress = None, "open"
        else:
            # A text under any other state (even needs-translation: some tools leave the
            # state alone) is the agency's draft: taken when it differs from the export.
            progress = "done" if state is None or state in DONE_12 else "draft"
    return ReturnedUnit(
        uid,
        unit.sourceline or 1,
        _pieces(source, path, uid),
        pieces,
        progress,
        translator,
        contexts.get(SOURCE_HASH) or None,
        contexts.get(TARGET_HASH) or None,
        language(target.get(XML_LANG)) or None if target is not None else None,
    )


def _file_21(
    file: etree._Element, path: Path, pair: tuple[str, str], person: str | None
) -> ReturnedFile:
    person = file.get(_q(ITS, "person")) or person
    units: list[ReturnedUnit] = []
    for unit in file.iter(_q(NS2, "unit")):
        uid = unit.get("id") or ""
        metas = {m.get("type"): m.text or "" for m in unit.iter(_q(MDA, "meta"))}
        source_parts: list[Piece] = []
        target_parts: list[Piece] = []
        states: list[str] = []
        has_target = False
        for segment in unit:
            if local_name(segment) not in ("segment", "ignorable"):
                continue
            if local_name(segment) == "segment":
                states.append(segment.get("state") or "initial")
            src = segment.find(_q(NS2, "source"))
            tgt = segment.find(_q(NS2, "target"))
            if src is not None:
                source_parts += _pieces(src, path, uid)
            if tgt is not None:
                has_target = True
                target_parts += _pieces(tgt, path, uid)
        target: list[Piece] | None = target_parts if has_target else None
        progress = "open"
        if target is not None and _text_of(target).strip():
            progress = "done" if states and all(s in DONE_21 for s in states) else "draft"
        else:
            target = None
        translator = unit.get(_q(ITS, "person")) or person
        units.append(
            ReturnedUnit(
                uid,
                unit.sourceline or 1,
                source_parts,
                target,
                progress,
                translator,
                metas.get("source-hash") or None,
                metas.get("target-hash") or None,
            )
        )
    return ReturnedFile(file.get("id") or "", file.sourceline or 1, *pair, units)


_TRANSPARENT = frozenset({"mrk", "sub", "cp", "sm", "em"})


def _pieces(element: etree._Element, path: Path, uid: str) -> list[Piece]:
    """The text and inline codes of a source or target, in order."""
    out: list[Piece] = []
    open_by_rid: dict[str, str] = {}

    def walk(node: etree._Element) -> None:
        if node.text:
            out.append(node.text)
        for child in node:
            name = local_name(child)
            cid = child.get("id") or ""
            if name in ("g", "pc"):
                out.append(("open", cid))
                walk(child)
                out.append(("close", cid))
            elif name in ("bx", "bpt", "sc"):
                open_by_rid[child.get("rid") or cid] = cid
                out.append(("open", cid))
            elif name in ("ex", "ept", "ec"):
                ref = child.get("rid") or child.get("startRef") or cid
                out.append(("close", open_by_rid.get(ref, ref)))
            elif name in ("x", "ph", "it"):
                out.append(("ph", cid))
            elif name == "cp":
                try:
                    out.append(chr(int(child.get("hex") or "", 16)))
                except ValueError:
                    raise PresseError(
                        f"unit {uid}: <cp hex={child.get('hex')!r}> is no code point",
                        path,
                        child.sourceline,
                    ) from None
            elif name in _TRANSPARENT:
                walk(child)
            elif name:
                raise PresseError(
                    f"unit {uid}: unexpected <{name}> in the text", path, child.sourceline
                )
            if child.tail:
                out.append(child.tail)

    walk(element)
    return out


def _text_of(pieces: list[Piece]) -> str:
    return "".join(p for p in pieces if isinstance(p, str))
