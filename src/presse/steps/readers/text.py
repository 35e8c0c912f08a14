"""Plain text as pasted from a word processor, and the paragraphs of a ``.docx``.

Blank lines separate paragraphs; the lines of a paragraph are joined. A short line
without a final full stop followed by a paragraph (or a list) is a subheading. A block of short
lines (an address, a contact) stays one block, its lines kept by hard breaks. Lines
that all start with a bullet (``-``, ``•``, ``–``) or a number are a list. Before the
title, a label such as "Pressemitteilung" and a line with the date are taken out (the
date is kept); the first line left is the title unless ``--title`` is given, and a
dateline opening the text ("Forchheim, 25.06.2020 –") gives the date when none else did.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from zoneinfo import ZoneInfo

from presse.steps.readers.common import (
    Found,
    ImportOptions,
    escape_line_start,
    escape_text,
    find_dateline,
    hard_break_lines,
    unescape,
)

# A line this short is an address or contact line, or a subheading; prose runs longer.
SHORT_LINE = 60
HEADING_LINE = 90
_FINAL_PUNCTUATION = ".!?:;,…"
CLOSING = "“”\"'»«)*_"
_BULLET = re.compile(r"^(?:[-–•·▪●]|\\\*|(?P<number>\d{1,2})[.)])\s+")
_LABEL = re.compile(
    r"^(?:presse(?:mitteilung|information|meldung|info)|medien(?:information|mitteilung))"
    r"(?:\s+(?:nr\.?\s*)?[\w/.-]+)?$",
    re.IGNORECASE,
)


@dataclass
class Paragraph:
    """One paragraph: its lines as Markdown, and what the document said it is."""

    lines: list[str]
    style: str = ""  # "", "heading", "list", "ordered", "title" (from a .docx's styles)
    level: int = 2  # of a heading
    items: list[str] = field(default_factory=list)  # of a list


def ends_a_sentence(line: str) -> bool:
    return line.rstrip(CLOSING).endswith(tuple(_FINAL_PUNCTUATION))


def is_short_block(paragraph: Paragraph) -> bool:
    return len(paragraph.lines) > 1 and all(len(line) <= SHORT_LINE for line in paragraph.lines)


def is_prose(paragraph: Paragraph) -> bool:
    return paragraph.style == "" and not is_short_block(paragraph) and not is_list(paragraph)


def is_list(paragraph: Paragraph) -> bool:
    if paragraph.style in ("list", "ordered"):
        return True
    return len(paragraph.lines) > 1 and all(_BULLET.match(line) for line in paragraph.lines)


def is_subheading(paragraph: Paragraph, following: Paragraph | None) -> bool:
    if paragraph.style == "heading":
        return True
    if paragraph.style or len(paragraph.lines) != 1 or following is None:
        return False
    line = paragraph.lines[0]
    # Before prose or a list; a short line before an address block is its first line.
    return (
        len(line) <= HEADING_LINE
        and not ends_a_sentence(line)
        and (is_prose(following) or is_list(following))
    )


def list_markdown(paragraph: Paragraph) -> str:
    if paragraph.items:
        if paragraph.style == "ordered":
            return "\n".join(f"{n}. {item}" for n, item in enumerate(paragraph.items, start=1))
        return "\n".join(f"- {item}" for item in paragraph.items)
    items = []
    for line in paragraph.lines:
        match = _BULLET.match(line)
        assert match is not None
        marker = f"{match['number']}." if match["number"] else "-"
        items.append(f"{marker} {line[match.end() :]}")
    return "\n".join(items)


def paragraph_markdown(paragraph: Paragraph, following: Paragraph | None) -> str:
    """One paragraph as a Markdown block."""
    if is_subheading(paragraph, following):
        return "#" * paragraph.level + " " + " ".join(paragraph.lines)
    if is_list(paragraph):
        return list_markdown(paragraph)
    if is_short_block(paragraph):
        return hard_break_lines(paragraph.lines)
    return escape_line_start(" ".join(paragraph.lines))


def body_markdown(paragraphs: list[Paragraph]) -> str:
    blocks = []
    for index, paragraph in enumerate(paragraphs):
        following = paragraphs[index + 1] if index + 1 < len(paragraphs) else None
        blocks.append(paragraph_markdown(paragraph, following))
    return "\n\n".join(block for block in blocks if block.strip())


def take_front(paragraphs: list[Paragraph], options: ImportOptions, found: Found) -> None:
    """Take the label, a date line and the title off the front of ``paragraphs``."""
    while paragraphs and paragraphs[0].lines:
        first = paragraphs[0].lines[0]
        plain = unescape(first).strip()
        dated = find_dateline(plain)
        if _LABEL.match(plain) or (dated and len(plain) <= 40):
            if dated and found.date is None:
                found.date = datetime.combine(*dated).replace(tzinfo=ZoneInfo(options.timezone))
            _drop_first_line(paragraphs)
            continue
        break
    if options.title is None and paragraphs:
        found.title = unescape(paragraphs[0].lines[0])
        _drop_first_line(paragraphs)
    if found.date is None and paragraphs and paragraphs[0].lines:
        dated = find_dateline(unescape(" ".join(paragraphs[0].lines)))
        if dated:
            found.date = datetime.combine(*dated).replace(tzinfo=ZoneInfo(options.timezone))


def _drop_first_line(paragraphs: list[Paragraph]) -> None:
    paragraphs[0].lines.pop(0)
    if not paragraphs[0].lines:
        paragraphs.pop(0)
    elif paragraphs[0].style == "title":
        paragraphs[0].style = ""


def split_paragraphs(text: str) -> list[Paragraph]:
    """Paragraphs of plain text: blank lines between them, each line escaped for Markdown."""
    paragraphs: list[Paragraph] = []
    current: list[str] = []
    for raw in text.split("\n"):
        line = " ".join(raw.split())
        if line:
            current.append(escape_text(line))
        elif current:
            paragraphs.append(Paragraph(current))
            current = []
    if current:
        paragraphs.append(Paragraph(current))
    return paragraphs


def read_plain_text(text: str, name: str, options: ImportOptions) -> Found:
    """A release from plain text (see the module's docstring)."""
    paragraphs = split_paragraphs(text)
    found = Found()
    take_front(paragraphs, options, found)
    found.body = body_markdown(paragraphs)
    return found
