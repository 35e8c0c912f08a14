"""XLIFF 1.2 and 2.1: the pure model of an exchange file, and its writer.

An agency's CAT tool (memoQ, Trados, Phrase) reads one ``<file>`` per release and one
``<trans-unit>`` (1.2) or ``<unit>`` (2.1) per segment, under the segment's stable id.
Inline Markdown arrives here already as *tagged text*, the small XML of
:mod:`presse.engines.markup` (``Der <b n="1">Kreis</b> <x n="2"/>``); this module turns
each tag into an XLIFF inline code (``<g>``/``<x>`` in 1.2, ``<pc>``/``<ph>`` in 2.1)
with the same number as its id. Reading what comes back is
:mod:`presse.documents.xliff_read`.

What presse needs to find again travels in places the standards give for it and CAT
tools keep: the hash of the German and of the French as exported in a
``<context-group>`` (1.2) or the Metadata module's ``<mda:metaGroup>`` (2.1); the
translator in a ``<phase contact-name>`` (1.2) or ``its:person`` (2.1).

A segment covered by a merge (its German translated by the French of the segment
before, see :mod:`presse.documents.merges`) is exported with ``translate="no"`` on its
``<trans-unit>`` (1.2) or ``<unit>`` (2.1), no target and a note naming the unit that
covers it: a CAT tool locks it instead of showing an empty "translated" target.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from lxml import etree

from presse.documents.xml_input import XML_LANG
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
    merged_into: str | None = None  # the unit whose French covers this one's German

    @property
    def translatable(self) -> bool:
        return self.merged_into is None


@dataclass
class ExportFile:
    slug: str
    original: str  # the German release file, relative to the repository
    units: list[ExportUnit]


# ---------------------------------------------------------------- writing


def render_xliff(
    files: list[ExportFile], source: str, target: str, version: str, tool_version: str
) -> bytes:
    """The XLIFF document (UTF-8 bytes) of ``files`` in ``version`` (1.2 or 2.1)."""
    texts: list[_Text] = []
    if version == "1.2":
        root = _render_12(files, source, target, tool_version, texts)
    elif version == "2.1":
        root = _render_21(files, source, target, texts)
    else:
        raise PresseError(f"XLIFF version {version} is not written; use 1.2 or 2.1")
    # Indent the structure first, then fill in the texts: indenting would add white
    # space inside a text that starts with an inline code.
    etree.indent(root, space="  ")
    for text in texts:
        text.fill(text.element, text.tagged, text.codes)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


@dataclass(frozen=True)
class _Text:
    """A source or target to fill in once the document is indented."""

    element: etree._Element
    tagged: str
    codes: dict[int, Code]
    fill: Callable[[etree._Element, str, dict[int, Code]], None]


def qualified(ns: str, name: str) -> str:
    return f"{{{ns}}}{name}"


def _render_12(
    files: list[ExportFile], source: str, target: str, tool_version: str, texts: list[_Text]
) -> etree._Element:
    root = etree.Element(qualified(NS12, "xliff"), {"version": "1.2"}, nsmap={None: NS12})
    for export in files:
        file = etree.SubElement(
            root,
            qualified(NS12, "file"),
            {
                "original": export.original,
                "source-language": source,
                "target-language": target,
                "datatype": "x-markdown",
                "tool-id": "presse",
                "product-name": export.slug,
            },
        )
        header = etree.SubElement(file, qualified(NS12, "header"))
        etree.SubElement(
            header,
            qualified(NS12, "tool"),
            {"tool-id": "presse", "tool-name": "presse", "tool-version": tool_version},
        )
        body = etree.SubElement(file, qualified(NS12, "body"))
        for unit in export.units:
            _unit_12(body, unit, source, target, texts)
    return root


def _unit_12(
    body: etree._Element, unit: ExportUnit, source: str, target: str, texts: list[_Text]
) -> None:
    element = etree.SubElement(body, qualified(NS12, "trans-unit"), {"id": unit.id})
    if unit.msgctxt:
        element.set("resname", unit.msgctxt)
    src = etree.SubElement(element, qualified(NS12, "source"), {XML_LANG: source})
    texts.append(_Text(src, unit.source, unit.codes, _inline_12))
    if not unit.translatable:
        element.set("translate", "no")  # covered by a merge: no target to fill
    else:
        state, qualifier = STATES_12[unit.state]
        attributes = {XML_LANG: target, "state": state}
        tgt = etree.SubElement(element, qualified(NS12, "target"), attributes)
        if qualifier:
            tgt.set("state-qualifier", qualifier)
        if unit.target is not None:
            texts.append(_Text(tgt, unit.target, unit.codes, _inline_12))
    group = etree.SubElement(element, qualified(NS12, "context-group"), {"purpose": "information"})
    contexts = [(SOURCE_HASH, unit.source_hash), (TARGET_HASH, unit.target_hash or "")]
    if unit.msgctxt:
        contexts.append((CONTEXT, unit.msgctxt))
    for kind, value in contexts:
        etree.SubElement(group, qualified(NS12, "context"), {"context-type": kind}).text = value
    for note in unit.notes:
        etree.SubElement(element, qualified(NS12, "note"), {"from": "presse"}).text = note


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
                made = etree.SubElement(into, qualified(NS12, "x"), attributes)
            else:
                ctype = {"b": "bold", "em": "italic", "a": "link"}.get(child.tag, "x-markdown")
                made = etree.SubElement(into, qualified(NS12, "g"), {"id": n, "ctype": ctype})
                fill(made, child)
            made.tail = child.tail

    fill(parent, _tagged(tagged))


def _is_break(markdown: str) -> bool:
    return markdown.lower().replace(" ", "").rstrip("/") in ("<br", "<br>", "<br/>")


def _render_21(
    files: list[ExportFile], source: str, target: str, texts: list[_Text]
) -> etree._Element:
    root = etree.Element(
        qualified(NS2, "xliff"),
        {"version": "2.1", "srcLang": source, "trgLang": target},
        nsmap={None: NS2, "mda": MDA},
    )
    for export in files:
        file = etree.SubElement(
            root, qualified(NS2, "file"), {"id": export.slug, "original": export.original}
        )
        for unit in export.units:
            _unit_21(file, unit, texts)
    return root


def _unit_21(file: etree._Element, unit: ExportUnit, texts: list[_Text]) -> None:
    element = etree.SubElement(file, qualified(NS2, "unit"), {"id": unit.id})
    if unit.msgctxt:
        element.set("name", unit.msgctxt)
    if not unit.translatable:
        element.set("translate", "no")  # covered by a merge: no target to fill
    metadata = etree.SubElement(element, qualified(MDA, "metadata"))
    group = etree.SubElement(metadata, qualified(MDA, "metaGroup"), {"category": META_CATEGORY})
    metas = [("source-hash", unit.source_hash), ("target-hash", unit.target_hash or "")]
    if unit.msgctxt:
        metas.append(("msgctxt", unit.msgctxt))
    for kind, value in metas:
        etree.SubElement(group, qualified(MDA, "meta"), {"type": kind}).text = value
    if unit.notes:
        notes = etree.SubElement(element, qualified(NS2, "notes"))
        for note in unit.notes:
            category = note.split(":", 1)[0] if ":" in note else "presse"
            etree.SubElement(notes, qualified(NS2, "note"), {"category": category}).text = note
    # A covered unit stays "initial" (a state past it would ask for a target it lacks).
    state, sub_state = STATES_21[unit.state] if unit.translatable else ("initial", "presse:merged")
    segment = etree.SubElement(element, qualified(NS2, "segment"), {"state": state})
    if sub_state:
        segment.set("subState", sub_state)
    texts.append(
        _Text(
            etree.SubElement(segment, qualified(NS2, "source")), unit.source, unit.codes, _inline_21
        )
    )
    if unit.target is not None and unit.translatable:
        target = etree.SubElement(segment, qualified(NS2, "target"))
        texts.append(_Text(target, unit.target, unit.codes, _inline_21))


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
                made = etree.SubElement(into, qualified(NS2, "ph"), attributes)
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
                made = etree.SubElement(into, qualified(NS2, "pc"), attributes)
                fill(made, child)
            made.tail = child.tail

    fill(parent, _tagged(tagged))
