"""Release bodies from Markdown to safe HTML, and to plain text and safe Markdown for the kit.

markdown-it (CommonMark + tables, through markdown-it-pyrs: the Rust port of the same
parser, by markdown-it-py's maintainer, identical output on every body of the bundled
archive and the tests, eight times faster) runs with raw HTML off, so ``<script>`` in a
body comes out as text; its output then goes through nh3 with a fixed list of tags and
attributes, so nothing a body holds can run in a page, a feed or the partner kit.
Headings move so the body's top level is ``h2`` (the page's ``h1`` is the title). French bodies get
French typography on their text nodes.
"""

from __future__ import annotations

import html
import re
from functools import lru_cache
from html.parser import HTMLParser
from typing import TYPE_CHECKING

import markdown_it_pyrs
import nh3

from presse.site.typography import french_html

ALLOWED_TAGS = frozenset(
    {
        "a", "abbr", "blockquote", "br", "code", "em", "h2", "h3", "h4", "h5", "h6", "hr",
        "li", "ol", "p", "pre", "s", "strong", "sub", "sup", "table", "tbody", "td", "th",
        "thead", "tr", "ul", "img",
    }
)  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title", "hreflang"},
    "img": {"src", "alt", "title", "width", "height"},
    "ol": {"start"},
    "th": {"style"},
    "td": {"style"},
    "abbr": {"title"},
}
URL_SCHEMES = frozenset({"http", "https", "mailto", "tel"})

if TYPE_CHECKING:
    from markdown_it import MarkdownIt

# CommonMark's rules without raw HTML (html_block, html_inline), and tables.
BODY_RULES = [
    "blockquote", "code", "fence", "heading", "hr", "lheading", "list", "paragraph",
    "reference", "autolink", "backticks", "emphasis", "entity", "escape", "image", "link",
    "newline", "table",
]  # fmt: skip
# Headings as markdown-it writes them (no attributes); with raw HTML off, a "<h2>" in a
# body's text is written "&lt;h2&gt;", so these match headings only.
_HEADING_TAG = re.compile(r"<(/?)h([1-6])>")


class BodyRenderer:
    """One markdown-it instance and one nh3 cleaner, reused for every body."""

    def __init__(self) -> None:
        self.md = markdown_it_pyrs.MarkdownIt("zero").enable_many(BODY_RULES)
        self._blocks: MarkdownIt | None = None
        self.cleaner = nh3.Cleaner(
            tags=set(ALLOWED_TAGS),
            attributes={k: set(v) for k, v in ALLOWED_ATTRIBUTES.items()},
            url_schemes=set(URL_SCHEMES),
            filter_style_properties={"text-align"},
            link_rel="noopener noreferrer",
            strip_comments=True,
        )

    def html(self, markdown: str, lang: str) -> str:
        """Sanitised HTML of a body; French typography for ``lang == "fr"``."""
        rendered = _headings_from_h2(self.md.render(markdown))
        cleaned = self.cleaner.clean(rendered)
        return french_html(cleaned) if lang == "fr" else cleaned

    def code_lines(self, markdown: str) -> set[int]:
        """0-based line numbers inside fenced or indented code blocks."""
        lines: set[int] = set()
        if "```" not in markdown and "~~~" not in markdown and "    " not in markdown:
            return lines
        if self._blocks is None:
            # Block structure only, with source lines: markdown-it-py's tokens carry them.
            from markdown_it import MarkdownIt

            self._blocks = MarkdownIt("commonmark", {"html": False}).enable("table")
            self._blocks.disable(["inline", "text_join"])
        for token in self._blocks.parse(markdown):
            if token.type in ("fence", "code_block") and token.map:
                lines.update(range(token.map[0], token.map[1]))
        return lines


def _headings_from_h2(rendered: str) -> str:
    """The body's top heading level becomes h2 (the page's h1 is the title)."""
    levels = [int(level) for _, level in _HEADING_TAG.findall(rendered)]
    if not levels or min(levels) == 2:
        return rendered
    shift = 2 - min(levels)

    def moved(match: re.Match[str]) -> str:
        return f"<{match.group(1)}h{min(int(match.group(2)) + shift, 6)}>"

    return _HEADING_TAG.sub(moved, rendered)


@lru_cache(maxsize=1)
def renderer() -> BodyRenderer:
    return BodyRenderer()


_CODE_SPAN = re.compile(r"(`+)(?:(?!\1).)+?\1")
_BAD_SCHEME = r"<?\s*(?:javascript|vbscript|data|file):"
_BAD_LINK = re.compile(r"\]\(\s*" + _BAD_SCHEME + r"(?:[^()\n]|\([^()\n]*\))*\)", re.IGNORECASE)
_BAD_DEFINITION = re.compile(r"^ {0,3}\[[^\]]+\]:\s*" + _BAD_SCHEME, re.IGNORECASE)


def _neutralise(text: str) -> str:
    """No raw HTML, no script links: ``<`` becomes ``&lt;``, ``](javascript:…)`` goes."""
    return _BAD_LINK.sub("]", text.replace("<", "&lt;"))


def safe_markdown(markdown: str) -> str:
    """Markdown whose raw HTML cannot run in a CMS that passes HTML through.

    ``<`` outside code is written ``&lt;`` (which Markdown shows as ``<``), and links to
    ``javascript:``, ``vbscript:``, ``data:`` or ``file:`` URLs lose their target.
    """
    code = renderer().code_lines(markdown)
    out: list[str] = []
    for number, line in enumerate(markdown.split("\n")):
        if number in code:
            out.append(line)
            continue
        if _BAD_DEFINITION.match(line):
            continue
        pieces: list[str] = []
        position = 0
        for match in _CODE_SPAN.finditer(line):
            pieces.append(_neutralise(line[position : match.start()]))
            pieces.append(match.group(0))
            position = match.end()
        pieces.append(_neutralise(line[position:]))
        out.append("".join(pieces))
    return "\n".join(out)


class _TextMaker(HTMLParser):
    """Sanitised body HTML to readable plain text: paragraphs, list items, link targets."""

    BLOCKS = frozenset({"p", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "table", "hr"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.href: str | None = None
        self.lists: list[list[int]] = []
        self.in_pre = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.BLOCKS:
            self.parts.append("\n\n")
            self.in_pre = self.in_pre or tag == "pre"
        elif tag in ("ul", "ol"):
            start = dict(attrs).get("start")
            self.lists.append([int(start) if start and start.isdigit() else 1, tag == "ol"])
            self.parts.append("\n")
        elif tag == "li":
            bullet = "- "
            if self.lists and self.lists[-1][1]:
                bullet = f"{self.lists[-1][0]}. "
                self.lists[-1][0] += 1
            self.parts.append("\n" + "  " * max(0, len(self.lists) - 1) + bullet)
        elif tag == "br" or tag == "tr":
            self.parts.append("\n")
        elif tag in ("td", "th"):
            self.parts.append(" | ")
        elif tag == "a":
            self.href = dict(attrs).get("href")
        elif tag == "img":
            alt = dict(attrs).get("alt")
            if alt:
                self.parts.append(f"[{alt}]")

    def handle_endtag(self, tag: str) -> None:
        if tag == "pre":
            self.in_pre = False
        elif tag in ("ul", "ol") and self.lists:
            self.lists.pop()
            self.parts.append("\n")
        elif tag == "a" and self.href:
            if not self.href.startswith("mailto:"):
                self.parts.append(f" <{self.href}>")
            self.href = None

    def handle_data(self, data: str) -> None:
        if self.in_pre:
            self.parts.append(data)
            return
        text = data.replace("\n", " ")
        if self.parts and self.parts[-1] == "\n":
            text = text.lstrip()  # the line after a <br> (an address block) starts flush
        self.parts.append(text)

    def text(self) -> str:
        joined = "".join(self.parts)
        joined = re.sub(r"[ \t]+\n", "\n", joined)
        joined = re.sub(r"\n{3,}", "\n\n", joined)
        return joined.strip() + "\n"


@lru_cache(maxsize=64)  # the kit's .txt and its ninjs file each want the same release's
def plain_text(body_html: str) -> str:
    """Plain text of sanitised HTML (for the kit's ``.txt`` and ninjs)."""
    maker = _TextMaker()
    maker.feed(body_html)
    maker.close()
    return maker.text()


def escape(text: str) -> str:
    return html.escape(text, quote=True)
