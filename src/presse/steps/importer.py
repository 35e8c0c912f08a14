"""Readers for what the Landkreis Harz's web CMS exports: plain text and saved HTML pages
(one reader among those of :mod:`presse.steps.readers`, which picks it by the export's
"Kategorie … Uhr |" line), and the inline-Markdown helpers the other readers share.

Each reader takes the export's text and returns a :class:`~presse.documents.release.Release`
(Pelican's reader shape: a reader declares what it reads and returns content and
metadata). The text export looks like::

    BCKategorie 08.09.2016 09:53:24 Uhr | Presseinfos

    <title>

    <paragraph, one per line>
    ...

    Zurück

The first line has a breadcrumb glued to ``Kategorie``, the local date and time and,
after ``|``, the category; the navigation at the end is dropped. The text of the
release is otherwise kept exactly, typographic quotes included.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from urllib.parse import urljoin
from zoneinfo import ZoneInfo

from bs4 import BeautifulSoup, Tag
from bs4.element import NavigableString, PageElement, PreformattedString

from presse.documents.release import Release
from presse.documents.slug import make_slug
from presse.errors import PresseError

HEADER_PATTERN = re.compile(
    r"Kategorie\s+(?P<day>\d{1,2}\.\d{1,2}\.\d{4})\s+(?P<time>\d{1,2}:\d{2}(?::\d{2})?)\s*Uhr"
    r"\s*\|\s*(?P<category>\S.*?)\s*$"
)
# Lines the CMS adds around a release for navigation; never part of the release.
NAVIGATION_LINES = frozenset(
    {"zurück", "zurueck", "nach oben", "drucken", "seite drucken", "teilen", "weiter"}
)
# A paragraph starting like a Markdown block marker would change its meaning when parsed.
BLOCK_MARKER = re.compile(r"^(\d{1,9})([.)])(\s)|^([#>+*-])(\s)|^(=+|-+)$")
# Characters of a web page's text that Markdown would otherwise read as markup.
INLINE_SPECIAL = re.compile(r"([\\`*_\[\]])")
# The elements of an article that hold its text, one Markdown block each.
BLOCK_TAGS = ["p", "h2", "h3", "h4", "h5", "h6", "li"]
# A category is a few words; a longer match means the line was not found on its own.
MAX_CATEGORY_LENGTH = 80


@dataclass(frozen=True)
class Header:
    published: datetime
    category: str


def parse_header(line: str, name: str, timezone: str) -> Header:
    """The date, time and category of the export's first line."""
    match = HEADER_PATTERN.search(line)
    if not match:
        raise PresseError(
            "not a CMS export: the first line should read like "
            "'…Kategorie 08.09.2016 09:53:24 Uhr | Presseinfos'",
            name,
            1,
        )
    time_text = match["time"] if match["time"].count(":") == 2 else match["time"] + ":00"
    try:
        naive = datetime.strptime(f"{match['day']} {time_text}", "%d.%m.%Y %H:%M:%S")
    except ValueError:
        raise PresseError(f"not a valid date: {match['day']} {match['time']}", name, 1) from None
    return Header(naive.replace(tzinfo=ZoneInfo(timezone)), match["category"])


def escape_block_marker(paragraph: str) -> str:
    """Escape a leading ``15. `` or ``- `` so Markdown keeps the line a paragraph."""
    match = BLOCK_MARKER.match(paragraph)
    if not match:
        return paragraph
    if match.group(1):
        return f"{match.group(1)}\\{match.group(2)}{paragraph[match.end(2) :]}"
    return "\\" + paragraph


def strip_navigation(lines: list[str]) -> list[str]:
    """Drop trailing navigation lines (``Zurück``) and blank lines."""
    while lines and (not lines[-1].strip() or lines[-1].strip().lower() in NAVIGATION_LINES):
        lines.pop()
    return lines


def release_from_parts(
    title: str, header: Header, paragraphs: list[str], source_url: str | None = None
) -> Release:
    body = "\n\n".join(paragraphs)
    return Release(
        slug=make_slug(title, header.published.date()),
        title=title,
        date=header.published,
        body=body,
        category=header.category,
        source_url=source_url,
    )


def read_text_export(text: str, name: str, timezone: str) -> Release:
    """A release from the CMS's plain-text export."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    header = parse_header(lines[0], name, timezone)
    rest = strip_navigation(lines[1:])
    content = [(number, line.strip()) for number, line in enumerate(rest, start=2) if line.strip()]
    if not content:
        raise PresseError("the export has no title after the first line", name, 2)
    title = content[0][1]
    paragraphs = [escape_block_marker(line) for _, line in content[1:]]
    if not paragraphs:
        raise PresseError("the export has a title but no text", name, content[0][0])
    return release_from_parts(title, header, paragraphs)


def escape_inline(text: str) -> str:
    """Text of the page with the characters Markdown would read as markup escaped."""
    return INLINE_SPECIAL.sub(r"\\\1", text)


def wrap_inline(inner: str, opening: str, closing: str) -> str:
    """``opening`` + inner + ``closing``, the white space around ``inner`` kept outside."""
    core = inner.strip()
    if not core:
        return inner
    lead = inner[: len(inner) - len(inner.lstrip())]
    trail = inner[len(inner.rstrip()) :]
    return f"{lead}{opening}{core}{closing}{trail}"


def markdown_link(inner: str, href: str | None, base_url: str) -> str:
    """A Markdown link; anchors, scripts and links without text stay plain text."""
    target = (href or "").strip()
    if not target or target.startswith(("#", "javascript:")) or not inner.strip():
        return inner
    target = urljoin(base_url, target) if base_url else target
    for char, code in ((" ", "%20"), ("(", "%28"), (")", "%29")):
        target = target.replace(char, code)
    return wrap_inline(inner, "[", f"]({target})")


def inline_markdown(node: PageElement, base_url: str = "", br: str = " ") -> str:
    """The inline content of ``node`` as Markdown: emphasis, strong text, links and code
    kept; a ``<br>`` becomes ``br`` (a space in the CMS's pages; the readers of other
    pages keep it as a line break)."""
    if isinstance(node, PreformattedString):  # comments, CDATA, doctype
        return ""
    if isinstance(node, NavigableString):
        return escape_inline(str(node))
    if not isinstance(node, Tag):
        return ""
    if node.name == "br":
        return br
    inner = "".join(inline_markdown(child, base_url, br) for child in node.children)
    if node.name in {"em", "i"}:
        return wrap_inline(inner, "*", "*")
    if node.name in {"strong", "b"}:
        return wrap_inline(inner, "**", "**")
    if node.name == "a":
        return markdown_link(inner, node.get("href"), base_url)  # type: ignore[arg-type]
    if node.name == "code":
        return wrap_inline(inner.replace("\\", ""), "`", "`")
    return inner


def html_block_to_markdown(element: Tag, base_url: str = "") -> str | None:
    """One block element of the article as a line of Markdown (emphasis and links kept)."""
    text = " ".join(inline_markdown(element, base_url).split())
    if not text:
        return None
    if element.name in {"h2", "h3", "h4", "h5", "h6"}:
        return "#" * int(element.name[1]) + " " + text
    if element.name == "li":
        return "- " + text
    return escape_block_marker(text)


def find_html_header(soup: Tag, name: str, timezone: str) -> Header:
    """The page's "Kategorie 08.09.2016 09:53:24 Uhr | Presseinfos" line, taken out of it."""
    for string in soup.find_all(string=re.compile("Kategorie")):
        element = string.parent
        while isinstance(element, Tag) and element.name not in {"body", "html"}:
            match = HEADER_PATTERN.search(" ".join(element.get_text(" ").split()))
            if match and len(match["category"]) <= MAX_CATEGORY_LENGTH:
                header = parse_header(match.group(0), name, timezone)
                element.decompose()
                return header
            element = element.parent
    raise PresseError(
        "not a CMS release page: no line like 'Kategorie 08.09.2016 09:53:24 Uhr | Presseinfos'",
        name,
    )


def page_url(soup: BeautifulSoup) -> str | None:
    """The page's own address (``<link rel="canonical">``), when the saved page has one."""
    link = soup.find("link", rel="canonical", href=True)
    if not isinstance(link, Tag):
        return None
    return str(link["href"]).strip() or None


def is_navigation(element: Tag) -> bool:
    """True for the CMS's links around a release ("Zurück", "Drucken"...)."""
    return " ".join(element.get_text(" ").split()).lower() in NAVIGATION_LINES


def article_blocks(article: Tag) -> list[Tag]:
    """The outermost text blocks of the article (a ``<p>`` inside an ``<li>`` is the li's)."""
    blocks = article.find_all(BLOCK_TAGS)
    return [b for b in blocks if b.find_parent(BLOCK_TAGS) is None and not is_navigation(b)]


def read_html_export(text: str, name: str, timezone: str) -> Release:
    """A release from a CMS page saved as HTML: the main heading and the article."""
    soup = BeautifulSoup(text, "lxml")
    for unwanted in soup(["script", "style", "nav", "noscript", "template", "form", "iframe"]):
        unwanted.decompose()
    article = soup.find("article") or soup.find("main")
    heading = (article.find("h1") if article else None) or soup.find("h1")
    if not isinstance(heading, Tag) or not isinstance(article, Tag):
        raise PresseError("not a CMS release page: no <h1> heading and <article> found", name)
    title = " ".join(heading.get_text(" ", strip=True).split())
    header = find_html_header(soup, name, timezone)
    url = page_url(soup)
    heading.decompose()
    for footer in article(["header", "footer", "aside"]):
        footer.decompose()
    markdown = (html_block_to_markdown(b, url or "") for b in article_blocks(article))
    lines = [line for line in markdown if line]
    if not lines:
        raise PresseError("the release page's article has no text", name)
    return release_from_parts(title, header, lines, url)


def looks_like_html(text: str) -> bool:
    head = text.lstrip()[:512].lower()
    return head.startswith("<") or "<html" in head or "<!doctype" in head
