"""Reading an agency's XLIFF 1.2 or 2.x file back (the writer is :mod:`presse.documents.xliff`).

Read through :mod:`presse.documents.xml_input` (no entity, DTD or network). The inline
codes a CAT tool sends back (``<g>``, ``<x>``, ``<bx>``/``<ex>``, ``<bpt>``/``<ept>``,
``<ph>``, ``<pc>``, ``<sc>``/``<ec>``) become :data:`Piece` lists, which the caller maps
back to Markdown by their ids; the hashes and the translator are read from where the
writer put them (a ``<context-group>`` and ``<phase contact-name>`` in 1.2, the
Metadata module and ``its:person`` in 2.x).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from lxml import etree

from presse.documents.xliff import ITS, MDA, NS2, NS12, SOURCE_HASH, TARGET_HASH, qualified
from presse.documents.xml_input import XML_LANG, language, local_name, parse_xml
from presse.errors import PresseError

# What a returned unit says: "open" (no French), "draft" (French, not confirmed), "done".
DONE_12 = frozenset({"translated", "signed-off", "final"})
DONE_21 = frozenset({"translated", "reviewed", "final"})

Piece = str | tuple[Literal["open", "close", "ph"], str]


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
    translatable: bool = True  # False under translate="no" (a segment covered by a merge)


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


def read_xliff(data: bytes, path: Path) -> ReturnedDocument:
    """An agency's XLIFF 1.2 or 2.x file, or one PresseError naming the file and line."""
    root = parse_xml(data, path, "XLIFF")
    if local_name(root) != "xliff" or root.tag not in (
        qualified(NS12, "xliff"),
        qualified(NS2, "xliff"),
    ):
        raise PresseError(
            f"not an XLIFF 1.2 or 2.x file (root element <{local_name(root)}>)",
            path,
            root.sourceline,
        )
    if root.tag == qualified(NS12, "xliff"):
        return ReturnedDocument(
            path, "1.2", [_file_12(f, path) for f in root.iter(qualified(NS12, "file"))]
        )
    version = root.get("version") or "2.0"
    languages = (language(root.get("srcLang")), language(root.get("trgLang")))
    person = root.get(qualified(ITS, "person"))
    files = [_file_21(f, path, languages, person) for f in root.iter(qualified(NS2, "file"))]
    return ReturnedDocument(path, version, files)


def _file_12(file: etree._Element, path: Path) -> ReturnedFile:
    pair = (language(file.get("source-language")), language(file.get("target-language")))
    phases = {
        p.get("phase-name"): p.get("contact-name")
        for p in file.iter(qualified(NS12, "phase"))
        if p.get("contact-name")
    }
    file_translator = list(phases.values())[-1] if phases else None
    units: list[ReturnedUnit] = []
    for unit in file.iter(qualified(NS12, "trans-unit")):
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
    source = unit.find(qualified(NS12, "source"))
    if source is None:
        raise PresseError(f"unit {uid}: no <source>", path, unit.sourceline)
    target = unit.find(qualified(NS12, "target"))
    contexts = {c.get("context-type"): c.text or "" for c in unit.iter(qualified(NS12, "context"))}
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
        unit.get("translate") != "no",
    )


def _file_21(
    file: etree._Element, path: Path, pair: tuple[str, str], person: str | None
) -> ReturnedFile:
    person = file.get(qualified(ITS, "person")) or person
    units: list[ReturnedUnit] = []
    for unit in file.iter(qualified(NS2, "unit")):
        uid = unit.get("id") or ""
        metas = {m.get("type"): m.text or "" for m in unit.iter(qualified(MDA, "meta"))}
        source_parts: list[Piece] = []
        target_parts: list[Piece] = []
        states: list[str] = []
        has_target = False
        for segment in unit:
            if local_name(segment) not in ("segment", "ignorable"):
                continue
            if local_name(segment) == "segment":
                states.append(segment.get("state") or "initial")
            src = segment.find(qualified(NS2, "source"))
            tgt = segment.find(qualified(NS2, "target"))
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
        translator = unit.get(qualified(ITS, "person")) or person
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
                translatable=unit.get("translate") != "no",
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
