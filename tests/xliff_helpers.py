"""Helpers of the exchange tests: the OASIS schemas, and editing a file as a CAT tool does."""

from __future__ import annotations

from pathlib import Path

from lxml import etree

SCHEMAS = Path(__file__).resolve().parent / "data" / "xliff"
NS12 = "urn:oasis:names:tc:xliff:document:1.2"
NS2 = "urn:oasis:names:tc:xliff:document:2.0"
ITS = "http://www.w3.org/2005/11/its"


class _LocalSchemas(etree.Resolver):
    """The schemas import xml.xsd (from w3.org in 1.2): the copy shipped here answers."""

    def resolve(self, url, pubid, context):  # type: ignore[no-untyped-def]
        name = url.rsplit("/", 1)[-1]
        if (SCHEMAS / name).exists():
            return self.resolve_filename(str(SCHEMAS / name), context)
        return None


def _schema_from(text: str) -> etree.XMLSchema:
    parser = etree.XMLParser(no_network=True)
    parser.resolvers.add(_LocalSchemas())
    return etree.XMLSchema(etree.fromstring(text.encode(), parser, base_url=str(SCHEMAS) + "/"))


def schema(version: str) -> etree.XMLSchema:
    """XLIFF 1.2 strict, or XLIFF 2.1 core with the Metadata module presse uses."""
    if version == "1.2":
        return _schema_from((SCHEMAS / "xliff-core-1.2-strict.xsd").read_text("utf-8"))
    wrapper = f"""<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">
      <xs:import namespace="{NS2}" schemaLocation="{SCHEMAS / "xliff_core_2.1.xsd"}"/>
      <xs:import namespace="urn:oasis:names:tc:xliff:metadata:2.0"
                 schemaLocation="{SCHEMAS / "metadata.xsd"}"/>
    </xs:schema>"""
    return _schema_from(wrapper)


def units(root: etree._Element, version: str) -> dict[str, etree._Element]:
    tag = f"{{{NS12}}}trans-unit" if version == "1.2" else f"{{{NS2}}}unit"
    return {u.get("id"): u for u in root.iter(tag)}


def target_of(unit: etree._Element, version: str) -> etree._Element:
    if version == "1.2":
        return unit.find(f"{{{NS12}}}target")
    segment = unit.find(f"{{{NS2}}}segment")
    target = segment.find(f"{{{NS2}}}target")
    if target is None:
        target = etree.SubElement(segment, f"{{{NS2}}}target")
    return target


def translate_as_cat_tool(
    path: Path, version: str, french: dict[str, str], translator: str
) -> None:
    """What memoQ or Trados does: new target text (its inline codes kept: only the text
    nodes are replaced, in order), the state set to translated, the translator named."""
    root = etree.parse(str(path)).getroot()
    found = units(root, version)
    for uid, text in french.items():
        target = target_of(found[uid], version)
        # One piece per text node, in document order: the target's text, then for each
        # code the text inside it (a paired code: bold, link) and the text after it.
        pieces = text.split("|")
        writable: list[tuple[etree._Element, str]] = [(target, "text")]
        for code in target:
            if etree.QName(code).localname in ("g", "pc"):
                writable.append((code, "text"))
            writable.append((code, "tail"))
        assert len(writable) == len(pieces), (uid, len(writable), pieces)
        for (node, attr), piece in zip(writable, pieces, strict=True):
            setattr(node, attr, piece or None)
        if version == "1.2":
            target.set("state", "translated")
            target.attrib.pop("state-qualifier", None)
            target.set("phase-name", "translation")
        else:
            segment = target.getparent()
            segment.set("state", "translated")
            segment.attrib.pop("subState", None)
    if version == "1.2":
        for file in root.iter(f"{{{NS12}}}file"):
            header = file.find(f"{{{NS12}}}header")
            group = etree.Element(f"{{{NS12}}}phase-group")
            etree.SubElement(
                group,
                f"{{{NS12}}}phase",
                {
                    "phase-name": "translation",
                    "process-name": "translation",
                    "contact-name": translator,
                },
            )
            header.insert(0, group)
    else:
        for file in root.iter(f"{{{NS2}}}file"):
            file.set(f"{{{ITS}}}person", translator)
    path.write_bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8"))
