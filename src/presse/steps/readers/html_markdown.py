"""An article's HTML as Markdown: headings, paragraphs, line breaks, lists, tables,
block quotes, links and emphasis.

Our own walk over the tree (Beautiful Soup) rather than an HTML-to-Markdown converter:
the blocks must come out as presse segments them, a ``<br>`` as a hard break (an
address keeps its lines), text escaped so that it reads back as written ("25\\. Juni"
at a paragraph's start), and links resolved against the page's address.
"""

from __future__ import annotations

from bs4 import Tag
from bs4.element import PageElement

from presse.steps.importer import escape_block_marker, inline_markdown

HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
BLOCKS = frozenset(
    (
        *HEADINGS,
        "p",
        "div",
        "section",
        "article",
        "main",
        "ul",
        "ol",
        "li",
        "table",
        "blockquote",
        "figure",
        "figcaption",
        "header",
        "footer",
        "aside",
        "dl",
        "dt",
        "dd",
        "pre",
        "address",
    )
)
_BREAK = "\x00"  # a <br> until the white space of the text is normalised


def inline(node: PageElement, base_url: str) -> str:
    """The inline content of ``node`` as Markdown; ``<br>`` as :data:`_BREAK`."""
    return inline_markdown(node, base_url, br=_BREAK)


def text_lines(inner: str) -> list[str]:
    """Inline Markdown split at its ``<br>``, each line's white space normalised."""
    lines = [" ".join(part.split()) for part in inner.split(_BREAK)]
    return [line for line in lines if line]


def paragraph(inner: str) -> str | None:
    lines = [escape_block_marker(line) for line in text_lines(inner)]
    return "\\\n".join(lines) if lines else None


def _cell(cell: Tag, base_url: str) -> str:
    return " ".join(text_lines(inline(cell, base_url))).replace("|", "\\|")


def table(element: Tag, base_url: str) -> str | None:
    rows = []
    for row in element.find_all("tr"):
        if row.find_parent("table") is element:
            rows.append([_cell(c, base_url) for c in row.find_all(("td", "th"), recursive=False)])
    rows = [row for row in rows if any(row)]
    if not rows:
        return None
    width = max(len(row) for row in rows)
    rows = [row + [""] * (width - len(row)) for row in rows]
    lines = ["| " + " | ".join(rows[0]) + " |", "|" + "---|" * width]
    return "\n".join(lines + ["| " + " | ".join(row) + " |" for row in rows[1:]])


def list_block(element: Tag, base_url: str, depth: int = 0) -> str | None:
    items = []
    number = int(str(element.get("start") or 1)) if element.name == "ol" else 0
    indent = "   " * depth if element.name == "ol" else "  " * depth
    for item in element.find_all("li", recursive=False):
        nested = [child for child in item.find_all(("ul", "ol"), recursive=False)]
        for child in nested:
            child.extract()
        text = " ".join(text_lines(inline(item, base_url)))
        marker = f"{number}." if element.name == "ol" else "-"
        number += 1
        if text:
            items.append(f"{indent}{marker} {text}")
        for child in nested:
            sub = list_block(child, base_url, depth + 1)
            if sub:
                items.append(sub)
    return "\n".join(items) if items else None


def blocks(element: Tag, base_url: str) -> list[str]:
    """The Markdown blocks of an element, in document order."""
    out: list[str] = []
    pending = ""  # inline content not inside a block element (text directly in a <div>)

    def flush() -> None:
        nonlocal pending
        block = paragraph(pending)
        if block:
            out.append(block)
        pending = ""

    for child in element.children:
        if not isinstance(child, Tag) or child.name not in BLOCKS:
            pending += inline(child, base_url)
            continue
        flush()
        out.extend(block_of(child, base_url))
    flush()
    return out


def block_of(child: Tag, base_url: str) -> list[str]:
    if child.name in HEADINGS:
        text = " ".join(text_lines(inline(child, base_url)))
        return [f"{'#' * max(2, int(child.name[1]))} {text}"] if text else []
    if child.name in ("ul", "ol"):
        block = list_block(child, base_url)
        return [block] if block else []
    if child.name == "table":
        block = table(child, base_url)
        return [block] if block else []
    if child.name == "blockquote":
        return ["\n".join("> " + line for line in b.split("\n")) for b in blocks(child, base_url)]
    if child.name == "p" or not child.find(BLOCKS):
        block = paragraph(inline(child, base_url))
        return [block] if block else []
    return blocks(child, base_url)


def article_markdown(article: Tag, base_url: str = "") -> str:
    """The article as a Markdown body: its blocks separated by blank lines."""
    return "\n\n".join(blocks(article, base_url))
