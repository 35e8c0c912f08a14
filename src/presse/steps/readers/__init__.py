"""The readers of ``presse import``: what an office has, as a release.

Pelican's reader shape: each reader declares what it reads (:data:`READERS`, by file
name suffix, and a test of the content for standard input or an unknown suffix) and
returns what it found, front matter and a Markdown body, which :func:`finish` makes a
release with the command line's options over it. The readers:

- Markdown with YAML (or TOML) front matter, by hand, Hugo, Jekyll, Netlify CMS;
- plain text as pasted from a word processor;
- Word documents (``.docx``);
- web pages saved from any CMS (the article found by trafilatura or a CSS selector);
- the Landkreis Harz CMS's text export and release pages (:mod:`presse.steps.importer`).

Bad input is refused with one line naming the file: a binary file, text that is not
UTF-8 (a web page may declare its encoding), an empty file, a page without an article,
a date that cannot be read.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from presse.documents.slug import make_slug
from presse.errors import PresseError
from presse.steps import importer
from presse.steps.readers.common import Found, Imported, ImportOptions, finish, parse_date
from presse.store.disk import decode_utf8

__all__ = ["READ_SUFFIXES", "ImportOptions", "Imported", "read_input"]

_ZIP = b"PK\x03\x04"
_BINARY_SIGNATURES = {
    b"%PDF": "a PDF file",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"\xd0\xcf\x11\xe0": "an old Word (.doc) or Excel file; save it as .docx",
    b"{\\rtf": "an RTF file; save it as .docx or plain text",
    _ZIP: "a ZIP archive",
}
# The Harz CMS's date line, in a page's text with the tags taken out.
_HARZ_LINE = re.compile(
    r"Kategorie\s+\d{1,2}\.\d{1,2}\.\d{4}\s+\d{1,2}:\d{2}(?::\d{2})?\s*Uhr\s*\|"
)
_TAG = re.compile(r"<[^>]*>")
_DECLARED_CHARSET = re.compile(rb"<meta[^>]+charset=[\"']?([A-Za-z0-9_-]+)", re.IGNORECASE)


@dataclass(frozen=True)
class Reader:
    """One format: the suffixes it reads, a test of its text, and the reader itself."""

    name: str
    suffixes: tuple[str, ...]
    recognises: Callable[[str], bool]
    read: Callable[[str, str, ImportOptions], Found]


def _markdown(text: str, name: str, options: ImportOptions) -> Found:
    from presse.steps.readers.markdown import looks_like_front_matter, read_markdown

    if looks_like_front_matter(text):
        return read_markdown(text, name, options)
    return _markdown_without_front_matter(text, options)


def _markdown_without_front_matter(text: str, options: ImportOptions) -> Found:
    """A Markdown file without front matter: its first ``# `` heading is the title."""
    lines = text.strip("\n").split("\n")
    found = Found(body="\n".join(lines))
    if options.title is None and lines and lines[0].startswith("# "):
        found.title = lines[0][2:].strip()
        found.body = "\n".join(lines[1:])
    return found


def _html(text: str, name: str, options: ImportOptions) -> Found:
    from presse.steps.readers.html import read_html

    return read_html(text, name, options)


def _text(text: str, name: str, options: ImportOptions) -> Found:
    from presse.steps.readers.text import read_plain_text

    return read_plain_text(text, name, options)


def _is_front_matter(text: str) -> bool:
    return text.split("\n", 1)[0].strip() in ("---", "+++")


READERS = (
    Reader("markdown", (".md", ".markdown", ".mdown"), _is_front_matter, _markdown),
    Reader("html", (".html", ".htm", ".xhtml"), importer.looks_like_html, _html),
    Reader("text", (".txt", ".text", ""), lambda text: True, _text),
)
READ_SUFFIXES = frozenset(s for r in READERS for s in r.suffixes if s) | {".docx"}


def _binary_kind(data: bytes) -> str | None:
    for signature, kind in _BINARY_SIGNATURES.items():
        if data.startswith(signature):
            return kind
    if b"\x00" in data[:8192]:
        return "a binary file, not text"
    return None


def decode(data: bytes, name: str, html: bool) -> str:
    """The text of an input: UTF-8 (or UTF-16 with its mark), or the encoding a web page
    declares; anything else is refused rather than guessed."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    try:
        return decode_utf8(data, name)
    except PresseError:
        declared = _DECLARED_CHARSET.search(data[:4096]) if html else None
        if declared is None:
            raise
        try:
            return data.decode(declared.group(1).decode("ascii"))
        except (LookupError, UnicodeDecodeError):
            raise PresseError(
                f"not in the encoding the page declares ({declared.group(1).decode()})", name
            ) from None


def _reader_for(name: str, text: str) -> Reader:
    suffix = Path(name).suffix.lower()
    for reader in READERS:
        if suffix in reader.suffixes and suffix:
            return reader
    return next(reader for reader in READERS if reader.recognises(text))


def _harz(text: str, name: str, options: ImportOptions, html: bool) -> Imported | None:
    """The Harz CMS's exports, recognised by their 'Kategorie … Uhr | …' line."""
    first = text.lstrip().split("\n", 1)[0]
    if html:
        if not _HARZ_LINE.search(" ".join(_TAG.sub(" ", text).split())):
            return None
        release = importer.read_html_export(text, name, options.timezone)
    elif importer.HEADER_PATTERN.search(first):
        release = importer.read_text_export(text, name, options.timezone)
    else:
        return None
    title = options.title or release.title
    published = release.date
    if options.date:
        published = parse_date(options.date, options.timezone, "--date", name)
    return Imported(
        replace(
            release,
            title=title,
            date=published,
            slug=make_slug(title, published.date()),
            category=options.category or release.category,
            source_url=options.source_url or release.source_url,
        )
    )


def read_input(data: bytes, name: str, options: ImportOptions) -> Imported:
    """The release in one input's bytes; ``name`` (a file name or ``<stdin>``) picks the
    reader by its suffix and names the input in errors."""
    if not data.strip():
        raise PresseError("the file is empty", name)
    suffix = Path(name).suffix.lower()
    if suffix == ".docx" or (data.startswith(_ZIP) and suffix not in READ_SUFFIXES):
        if not data.startswith(_ZIP):
            raise PresseError("not a Word document (.docx): it is not a ZIP archive", name)
        from presse.steps.readers.word import read_docx

        return finish(read_docx(data, name, options), options, name)
    binary = _binary_kind(data)
    if binary is not None:
        raise PresseError(f"{binary}, not a release presse can read", name)
    text = decode(
        data, name, html=suffix in (".html", ".htm", ".xhtml") or b"<html" in data[:2048].lower()
    )
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\ufeff", "")
    if not text.strip():
        raise PresseError("the file is empty", name)
    reader = _reader_for(name, text)
    harz = _harz(text, name, options, reader.name == "html") if reader.name != "markdown" else None
    if harz is not None:
        return harz
    return finish(reader.read(text, name, options), options, name)
