"""Reading XML that comes from outside (XLIFF, TMX, TBX): safely, or not at all.

Files from an agency or a CAT tool are read with lxml under a parser that never
resolves an entity, never loads a DTD and never touches the network. A document that
declares a DTD subset of its own (where entities, and so XXE and "billion laughs",
live) is refused outright; a bare ``<!DOCTYPE martif SYSTEM "…">`` line, which TBX and
TMX tools write, is harmless and accepted. Every refusal is one
:class:`~presse.errors.PresseError` naming the file and the line.
"""

from __future__ import annotations

from pathlib import Path

from lxml import etree

from presse.errors import PresseError
from presse.store.disk import read_bytes

XML_NS = "http://www.w3.org/XML/1998/namespace"
XML_LANG = f"{{{XML_NS}}}lang"


def safe_parser() -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_blank_text=False,
    )


def parse_xml(data: bytes, path: Path | str, kind: str) -> etree._Element:
    """The root element of ``data``; ``kind`` ("XLIFF", "TMX", "TBX") names the format
    in errors."""
    try:
        root = etree.fromstring(data, safe_parser())
    except etree.XMLSyntaxError as exc:
        raise PresseError(f"broken {kind} file: {exc.msg}", path, exc.lineno or None) from None
    dtd = root.getroottree().docinfo.internalDTD
    if dtd is not None and (any(True for _ in dtd.iterentities()) or dtd.elements()):
        raise PresseError(
            f"refused: the {kind} file declares a DTD of its own (entities are not read, "
            "they could reach files or the network)",
            path,
            1,
        )
    for node in root.iter(etree.Entity):
        raise PresseError(
            f"refused: the {kind} file uses the entity {node.text}", path, node.sourceline
        )
    return root


def read_xml(path: Path, kind: str) -> etree._Element:
    """Read and parse a file (at most :data:`presse.store.disk.MAX_FILE_BYTES`)."""
    return parse_xml(read_bytes(path), path, kind)


def local_name(element: etree._Element) -> str:
    """The tag without its namespace ("" for comments and processing instructions)."""
    tag = element.tag
    if not isinstance(tag, str):
        return ""
    return tag.rsplit("}", 1)[-1]


def language(code: str | None) -> str:
    """The primary language of a code: ``de-DE`` and ``de_DE`` are ``de``."""
    return (code or "").replace("_", "-").split("-", 1)[0].lower()
