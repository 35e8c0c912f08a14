"""Web pages saved from any CMS: the article found, then read as Markdown.

The article is the element ``import.html_selector`` of ``presse.yaml`` selects, or else
what trafilatura finds: a maintained content-extraction library (it scores the page's
blocks and drops navigation, cookie banners, teasers of other articles and footers),
which works offline. Its Markdown output turns a ``<br>`` into a new paragraph, so its
HTML output is read by :mod:`~presse.steps.readers.html_markdown` instead.

The title is the article's ``<h1>`` (else the page's, else ``og:title``); the date
is the page's ``article:published_time``, a ``<time datetime>`` or the date
trafilatura finds; the page's address is its canonical link (or ``og:url``).
"""

from __future__ import annotations

import re
from datetime import datetime

from bs4 import BeautifulSoup, Tag

from presse.errors import PresseError
from presse.steps.readers.common import NUMERIC_DATE, WORDED_DATE, Found, ImportOptions, parse_date
from presse.steps.readers.html_markdown import article_markdown

UNWANTED = ["script", "style", "noscript", "template", "form", "iframe", "nav", "button", "svg"]
# A line under the title that only says when and in what category: not the release's text.
_META_LINE = re.compile(r"(?i)^(?:veröffentlicht|erstellt|datum|stand|kategorie|rubrik|\|)")
MAX_META_LINE = 90
# Less text than this is a page's leftovers (a footer's links), not a release.
MIN_ARTICLE = 80


def _meta(soup: BeautifulSoup, *keys: str) -> str | None:
    for key in keys:
        tag = soup.find("meta", attrs={"property": key}) or soup.find("meta", attrs={"name": key})
        if isinstance(tag, Tag) and str(tag.get("content") or "").strip():
            return str(tag["content"]).strip()
    return None


def page_url(soup: BeautifulSoup) -> str | None:
    link = soup.find("link", rel="canonical", href=True)
    if isinstance(link, Tag) and str(link["href"]).strip():
        return str(link["href"]).strip()
    return _meta(soup, "og:url")


def _extracted(text: str, name: str) -> Tag:
    """The main article, as trafilatura finds it."""
    import trafilatura  # loaded only when a page without a configured selector is imported

    xml = trafilatura.extract(
        text,
        output_format="xml",
        include_formatting=True,
        include_links=True,
        include_tables=True,
        include_comments=False,
        include_images=False,
    )
    main = BeautifulSoup(xml, "lxml-xml").find("main") if xml else None
    if not isinstance(main, Tag) or len(" ".join(main.get_text(" ").split())) < MIN_ARTICLE:
        raise PresseError(
            "no article found in the page (set import.html_selector in presse.yaml)", name
        )
    return as_html(main)


# trafilatura's XML (TEI's names) keeps what its HTML output loses: a list's kind.
_HTML_NAMES = {"item": "li", "lb": "br", "row": "tr", "quote": "blockquote", "main": "div"}
_EMPHASIS = {"#b": "strong", "#i": "em", "#t": "code"}


def as_html(main: Tag) -> Tag:
    """trafilatura's XML as the HTML it stands for, for the Markdown walk."""
    for tag in main.find_all(True):
        rend = str(tag.get("rend") or "")
        if tag.name == "list":
            tag.name = "ol" if rend == "ol" else "ul"
        elif tag.name == "head":
            tag.name = rend if rend in ("h1", "h2", "h3", "h4", "h5", "h6") else "h2"
        elif tag.name == "hi":
            tag.name = _EMPHASIS.get(rend, "span")
        elif tag.name == "ref":
            tag.name, tag.attrs = "a", {"href": tag.get("target", "")}
        elif tag.name == "cell":
            tag.name = "th" if tag.get("role") == "head" else "td"
        else:
            tag.name = _HTML_NAMES.get(tag.name, tag.name)
    main.name = "div"
    return main


def _selected(soup: BeautifulSoup, selector: str, name: str) -> Tag:
    article = soup.select_one(selector)
    if article is None or not article.get_text(strip=True):
        raise PresseError(
            f"no article: nothing in the page matches import.html_selector {selector!r}", name
        )
    return article


def _page_date(
    soup: BeautifulSoup, text: str, options: ImportOptions, name: str
) -> datetime | None:
    value = _meta(
        soup, "article:published_time", "og:published_time", "date", "dcterms.date", "DC.date"
    )
    if value is None:
        stamp = soup.find("time", datetime=True)
        value = str(stamp["datetime"]) if isinstance(stamp, Tag) else None
    if value is not None:
        return parse_date(value, options.timezone, "the page's date", name)
    for line in soup.get_text("\n").split("\n")[:400]:
        match = NUMERIC_DATE.search(line) or WORDED_DATE.search(line)
        if match and _META_LINE.search(line.strip()):
            return parse_date(match.group(0), options.timezone, "the page's date", name)
    import trafilatura

    metadata = trafilatura.extract_metadata(text)
    if metadata is not None and metadata.date:
        return parse_date(metadata.date, options.timezone, "the page's date", name)
    return None


def _title(article: Tag, soup: BeautifulSoup) -> str | None:
    heading = article.find("h1") or soup.find("h1")
    if isinstance(heading, Tag) and heading.get_text(strip=True):
        return " ".join(heading.get_text(" ").split())
    return _meta(soup, "og:title")


def _drop_title_and_meta(article: Tag, title: str | None) -> None:
    """The title and the date line under it are the front matter's, not the text's."""
    for heading in article.find_all("h1"):
        heading.decompose()
    for element in article.find_all(["p", "div", "span", "time"], limit=6):
        if not isinstance(element, Tag) or element.parent is None:
            continue
        words = " ".join(element.get_text(" ").split())
        if (
            element.name == "time"
            or (
                len(words) <= MAX_META_LINE
                and _META_LINE.search(words)
                and element.find(["p", "div"]) is None
            )
            or (title and words == title)
        ):
            element.decompose()


def read_html(text: str, name: str, options: ImportOptions) -> Found:
    """A release from a saved web page (see the module's docstring)."""
    soup = BeautifulSoup(text, "lxml")
    for unwanted in soup(UNWANTED):
        unwanted.decompose()
    url = page_url(soup)
    found = Found(source_url=url, category=_meta(soup, "article:section"))
    if options.html_selector:
        article = _selected(soup, options.html_selector, name)
    else:
        article = _extracted(str(soup), name)  # without the navigation and forms
    found.title = _title(article, soup)
    if options.date is None:
        found.date = _page_date(soup, text, options, name)
    _drop_title_and_meta(article, found.title)
    found.body = article_markdown(article, url or options.source_url or "")
    if not found.body.strip():
        raise PresseError("no article found in the page: it has no text", name)
    return found
