"""Word documents (``.docx``), read with python-docx.

python-docx reads the document's XML the way Word wrote it: paragraphs and tables in
order, each paragraph's style ("Heading 2", "List Bullet", "Title"), its runs with bold
and italic, hyperlinks with their address, and line breaks (Shift+Enter) inside a
paragraph. Each Word paragraph is a paragraph of the release, read as
:mod:`~presse.steps.readers.text` reads pasted text: a styled heading or a short
paragraph without a final full stop before prose is a subheading, consecutive short
lines (an address typed one paragraph per line) stay one block with their lines.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from presse.errors import PresseError
from presse.steps.importer import markdown_link, wrap_inline
from presse.steps.readers.common import Found, ImportOptions, escape_text, unescape
from presse.steps.readers.text import (
    CLOSING,
    SHORT_LINE,
    Paragraph,
    body_markdown,
    take_front,
)

if TYPE_CHECKING:
    from docx.table import Table
    from docx.text.paragraph import Paragraph as WordParagraph


def _run_markdown(text: str, bold: bool, italic: bool) -> str:
    lines = [escape_text(part) for part in text.replace("\t", " ").split("\n")]
    marked = []
    for line in lines:
        if italic:
            line = wrap_inline(line, "*", "*")
        if bold:
            line = wrap_inline(line, "**", "**")
        marked.append(line)
    return "\n".join(marked)


def _inline(paragraph: WordParagraph) -> list[str]:
    """The paragraph's text as lines of inline Markdown (a line break starts a line)."""
    from docx.text.hyperlink import Hyperlink

    pieces: list[str] = []
    for item in paragraph.iter_inner_content():
        if isinstance(item, Hyperlink):
            inner = "".join(_run_markdown(r.text, bool(r.bold), bool(r.italic)) for r in item.runs)
            pieces.append(markdown_link(inner, item.address or None, ""))
        else:
            pieces.append(_run_markdown(item.text, bool(item.bold), bool(item.italic)))
    lines = [" ".join(line.split()) for line in "".join(pieces).split("\n")]
    return [line.replace("****", "") for line in lines if line]


def _style(paragraph: WordParagraph) -> tuple[str, int]:
    name = (paragraph.style.name if paragraph.style is not None else "") or ""
    lowered = name.lower()
    if lowered == "title":
        return "title", 1
    for prefix in ("heading ", "überschrift "):
        if lowered.startswith(prefix) and lowered[len(prefix) :].isdigit():
            return "heading", min(max(int(lowered[len(prefix) :]), 2), 6)  # "#" is the title
    if "list number" in lowered:
        return "ordered", 0
    p_pr = paragraph._p.pPr
    if "list" in lowered or (p_pr is not None and p_pr.numPr is not None):
        return "list", 0
    return "", 0


def _all_bold(paragraph: WordParagraph) -> bool:
    runs = [run for run in paragraph.runs if run.text.strip()]
    return bool(runs) and all(run.bold for run in runs)


def _table_markdown(table: Table) -> str:
    rows = [
        [" ".join(cell.text.split()).replace("|", "\\|") for cell in row.cells]
        for row in table.rows
    ]
    if not rows:
        return ""
    width = max(len(row) for row in rows)
    rows = [row + [""] * (width - len(row)) for row in rows]
    lines = ["| " + " | ".join(rows[0]) + " |", "|" + "---|" * width]
    lines += ["| " + " | ".join(row) + " |" for row in rows[1:]]
    return "\n".join(lines)


def _paragraphs(document: Any) -> list[Paragraph]:
    from docx.table import Table

    paragraphs: list[Paragraph] = []
    for item in document.iter_inner_content():
        if isinstance(item, Table):
            table = _table_markdown(item)
            if table:
                paragraphs.append(Paragraph([table], style="table"))
            continue
        lines = _inline(item)
        if not lines:
            continue
        style, level = _style(item)
        if style == "" and _all_bold(item) and len(lines) == 1 and len(lines[0]) <= 100:
            style, level = "heading", 2
            lines = [lines[0].strip("*")]
        if style in ("list", "ordered"):
            previous = paragraphs[-1] if paragraphs else None
            if previous is not None and previous.style == style:
                previous.items.append(" ".join(lines))
                continue
            paragraphs.append(Paragraph(lines, style=style, items=[" ".join(lines)]))
            continue
        paragraphs.append(Paragraph(lines, style=style, level=level or 2))
    return _group_short_lines(paragraphs)


def _is_line(paragraph: Paragraph) -> bool:
    """A paragraph that may be one line of an address: short, and not a sentence's end
    (a colon may end it: "Kontakt:")."""
    line = paragraph.lines[0]
    return (
        paragraph.style == ""
        and len(paragraph.lines) == 1
        and len(line) <= SHORT_LINE
        and not line.rstrip(CLOSING).endswith((".", "!", "?"))
    )


def _group_short_lines(paragraphs: list[Paragraph]) -> list[Paragraph]:
    """Consecutive one-line short paragraphs (an address typed line by line): one block."""
    grouped: list[Paragraph] = []
    for paragraph in paragraphs:
        previous = grouped[-1] if grouped else None
        if (
            previous is not None
            and _is_line(paragraph)
            and previous.style == ""
            and (len(previous.lines) > 1 or _is_line(previous))
            and all(len(line) <= SHORT_LINE for line in previous.lines)
        ):
            previous.lines.extend(paragraph.lines)
            continue
        grouped.append(
            Paragraph(list(paragraph.lines), paragraph.style, paragraph.level, paragraph.items)
        )
    return grouped


def read_docx(data: bytes, name: str, options: ImportOptions) -> Found:
    """A release from a Word document (see the module's docstring)."""
    import docx  # python-docx: loaded only when a .docx is imported

    try:
        document = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise PresseError(f"not a Word document (.docx) that can be read: {exc}", name) from None
    paragraphs = _paragraphs(document)
    found = Found()
    styled = None  # a paragraph in Word's "Title" style is the title
    if paragraphs and paragraphs[0].style == "title":
        styled = unescape(" ".join(paragraphs.pop(0).lines))
    take_front(paragraphs, replace(options, title=options.title or styled), found)
    found.title = found.title or styled or (document.core_properties.title or "").strip() or None
    found.body = body_markdown(paragraphs)
    return found
