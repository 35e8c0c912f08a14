"""The sitemap: every release page with its language alternates (``xhtml:link``).

Each ``<url>`` of a release published in both languages lists both versions and
itself, plus ``x-default`` (the German), as search engines ask. The language indexes
are listed too.
"""

from __future__ import annotations

from xml.sax.saxutils import escape, quoteattr

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
    return [
        (
            e.file("de"),
            e.file("fr"),
            iso(e.fr.corrected_at if e.fr and e.fr.corrected_at else e.de.date),
        )
        for e in entries
    ]


def _url(loc: str, lastmod: str | None, alternates: list[tuple[str, str]]) -> str:
    lines = ["<url>", f"<loc>{escape(loc)}</loc>"]
    if lastmod:
        lines.append(f"<lastmod>{lastmod}</lastmod>")
    for hreflang, href in alternates:
        lines.append(
            f'<xhtml:link rel="alternate" hreflang={quoteattr(hreflang)} href={quoteattr(href)}/>'
        )
    lines.append("</url>")
    return "\n".join(lines) + "\n"


def render_sitemap(site: Site, entries: list[Entry]) -> str:
    parts = [HEADER]
    for lang in LANGS:
        parts.append(_url(site.url(layout.index_file(lang, 1)), None, []))
    for entry in entries:
        de_url = site.url(entry.file("de") or "")
        fr_rel = entry.file("fr")
        alternates: list[tuple[str, str]] = []
        if fr_rel is not None:
            alternates = [("de", de_url), ("fr", site.url(fr_rel)), ("x-default", de_url)]
        de_modified = iso(entry.de.date)
        parts.append(_url(de_url, de_modified, alternates))
        if fr_rel is not None:
            assert entry.fr is not None
            fr_modified = iso(entry.fr.corrected_at or entry.de.date)
            parts.append(_url(site.url(fr_rel), fr_modified, alternates))
    parts.append("</urlset>\n")
    return "".join(parts)
