"""The sitemap: every release page with its language alternates (``xhtml:link``).

Each ``<url>`` of a release published in both languages lists both versions and
itself, plus ``x-default`` (the German), as search engines ask. The language indexes
are listed too. A French page's ``lastmod`` is the French's last correction (or its
approval), not the German's date.
"""

from __future__ import annotations

from html import escape

from presse.site import layout
from presse.site.dates import iso
from presse.site.pages import LANGS, Entry, Site

HEADER = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"'
    ' xmlns:xhtml="http://www.w3.org/1999/xhtml">\n'
)


def sitemap_inputs(entries: list[Entry]) -> list[tuple[str | None, str | None, str]]:
    """The plain data the sitemap is made from (hashed to skip an unchanged sitemap)."""
    return [(e.file("de"), e.linked("fr"), iso(e.modified("fr"))) for e in entries]


def _url(loc: str, lastmod: str | None, alternates: str) -> str:
    """One ``<url>``; ``loc`` and ``alternates`` already escaped."""
    modified = f"<lastmod>{lastmod}</lastmod>\n" if lastmod else ""
    return f"<url>\n<loc>{loc}</loc>\n{modified}{alternates}</url>\n"


def _alternates(de_url: str, fr_url: str) -> str:
    return "".join(
        f'<xhtml:link rel="alternate" hreflang="{hreflang}" href="{href}"/>\n'
        for hreflang, href in (("de", de_url), ("fr", fr_url), ("x-default", de_url))
    )


def render_sitemap(site: Site, entries: list[Entry]) -> str:
    # Each URL is escaped once (html.escape with quote=True escapes what XML needs in
    # text and in "..." attributes): a sitemap of an archive lists 10,000 of them.
    parts = [HEADER]
    for lang in LANGS:
        parts.append(_url(escape(site.url(layout.index_file(lang, 1))), None, ""))
    for entry in entries:
        de_url = escape(site.url(entry.file("de") or ""))
        fr_rel = entry.linked("fr")  # a withdrawn French page is a notice, not listed
        if fr_rel is None:
            parts.append(_url(de_url, iso(entry.de.date), ""))
            continue
        assert entry.fr is not None
        fr_url = escape(site.url(fr_rel))
        alternates = _alternates(de_url, fr_url)
        parts.append(_url(de_url, iso(entry.de.date), alternates))
        parts.append(_url(fr_url, iso(entry.modified("fr")), alternates))
    parts.append("</urlset>\n")
    return "".join(parts)
