"""Atom feeds: one per language and one for the partner region.

Each feed holds the newest :data:`FEED_SIZE` releases with their full (sanitised)
content, ``xml:lang`` on the feed, and one ``alternate`` link per language the release
exists in (its own language first). Ids are tag URIs made of the base host, the
release's date and its German slug, so they never change, even when a French title
(and with it the French URL) is corrected. Nothing in a feed depends on the time of the
build, so an unchanged feed is byte for byte the same.

A French entry's ``published`` is when the French first went out and its ``updated``
its last correction (or its withdrawal), not the German's dates. While a correction is
pending, its content starts with the note the page shows; a withdrawn French is an
entry saying so, without the text.

The XML is written with the standard library rather than feedgen: feedgen 1.0.0 drops
``rel``, ``type`` and ``hreflang`` from entry links (``FeedEntry.atom_entry`` shadows the
link dict with the new element), and the per-language alternates are the point here.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Callable
from datetime import UTC, datetime
from html import escape

from presse.site import layout
from presse.site.dates import iso
from presse.site.labels import LABELS
from presse.site.pages import Entry, Site, pending_note, withdrawal_notice

FEED_SIZE = 50


def entry_id(site: Site, entry: Entry, scope: str) -> str:
    """``tag:<host>,<YYYY-MM-DD>:<scope>/<german-slug>`` (RFC 4151)."""
    return f"tag:{site.host},{entry.de.date.date().isoformat()}:{scope}/{entry.slug}"


def _updated(entry: Entry, lang: str) -> datetime:
    return entry.modified(lang)


def status_html(entry: Entry) -> str:
    """What a French entry says before its text: a pending correction, or (instead of
    the text) its withdrawal."""
    notice = withdrawal_notice(entry)
    if notice is not None:
        reason = (
            f" {LABELS['fr']['withdrawn_reason']} {notice['reason']}" if notice["reason"] else ""
        )
        return f'<p class="presse-withdrawn">{escape(notice["text"] + reason)}</p>'
    note = pending_note(entry)
    return f'<p class="presse-correction-pending">{escape(note)}</p>' if note else ""


def entry_title(entry: Entry, lang: str) -> str:
    if lang == "fr" and entry.withdrawn:
        return f"{LABELS['fr']['withdrawn_title']}\u202f: {entry.title(lang)}"
    return entry.title(lang)


def feed_inputs(site: Site, entries: list[Entry], lang: str) -> dict[str, object]:
    """The plain data a language feed is made from (hashed to skip unchanged feeds)."""
    return {
        "lang": lang,
        "entries": [
            {
                "slug": e.slug,
                "title": entry_title(e, lang),
                "date": iso(e.published(lang)),
                "updated": iso(_updated(e, lang)),
                "status": status_html(e) if lang == "fr" else "",
                "summary": e.summary(lang),
                "category": e.category(lang),
                "files": [e.file("de"), e.linked("fr")],
                "body": e.body(lang),
            }
            for e in entries[:FEED_SIZE]
        ],
    }


ATOM_NS = "http://www.w3.org/2005/Atom"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
ET.register_namespace("", ATOM_NS)


def _el(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    element = ET.SubElement(parent, f"{{{ATOM_NS}}}{tag}", attrs)
    if text is not None:
        element.text = text
    return element


def _author(parent: ET.Element, site: Site, lang: str, with_uri: bool = False) -> None:
    author = _el(parent, "author")
    _el(author, "name", site.names.name(lang))
    if with_uri:
        _el(author, "uri", site.base_url)


def _feed(site: Site, lang: str, feed_rel: str, home_rel: str, title: str) -> ET.Element:
    feed = ET.Element(f"{{{ATOM_NS}}}feed", {XML_LANG: lang})
    _el(feed, "id", site.url(feed_rel))
    _el(feed, "title", title)
    _author(feed, site, lang, with_uri=True)
    _el(feed, "link", href=site.url(feed_rel), rel="self", type="application/atom+xml")
    _el(feed, "link", href=site.url(home_rel), rel="alternate", type="text/html", hreflang=lang)
    _el(feed, "generator", "presse")
    return feed


def _finish(feed: ET.Element, entries: list[Entry], updated: Callable[[Entry], datetime]) -> str:
    latest = max((updated(e) for e in entries), default=datetime(2000, 1, 1, tzinfo=UTC))
    # Atom sets no order; <updated> goes next to <id> and <title> for readers of the XML.
    element = ET.Element(f"{{{ATOM_NS}}}updated")
    element.text = iso(latest)
    feed.insert(2, element)
    ET.indent(feed)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, "unicode") + "\n"


def _entry_head(feed: ET.Element, entry_id: str, title: str, entry: Entry, lang: str) -> ET.Element:
    element = _el(feed, "entry")
    _el(element, "id", entry_id)
    _el(element, "title", title, type="text")
    _el(element, "published", iso(entry.published(lang)))
    _el(element, "updated", iso(_updated(entry, lang)))
    return element


def language_feed(
    site: Site, entries: list[Entry], lang: str, body_html: Callable[[Entry, str], str]
) -> str:
    """The Atom feed of one language; ``body_html(entry, lang)`` gives sanitised bodies."""
    feed_rel = layout.feed_file(lang)
    feed = _feed(site, lang, feed_rel, layout.index_file(lang, 1), site.titles[lang])
    chosen = entries[:FEED_SIZE]
    for entry in chosen:
        title = entry_title(entry, lang)
        element = _entry_head(feed, entry_id(site, entry, lang), title, entry, lang)
        _el(
            element,
            "link",
            href=site.url(entry.file(lang) or ""),
            rel="alternate",
            type="text/html",
            hreflang=lang,
        )
        other = "fr" if lang == "de" else "de"
        other_rel = entry.linked(other)
        if other_rel is not None:
            # The counterpart's type carries its charset: readers that take the first
            # alternate and feedparser (which takes the last plain text/html one) both
            # make the entry's own-language page its link.
            _el(
                element,
                "link",
                href=site.url(other_rel),
                rel="alternate",
                type="text/html; charset=utf-8",
                hreflang=other,
            )
        _author(element, site, lang)
        category = entry.category(lang)
        if category:
            _el(element, "category", term=category)
        summary = None if entry.withdrawn and lang == "fr" else entry.summary(lang)
        if summary:
            _el(element, "summary", summary, type="text")
        if lang == "fr" and entry.withdrawn:
            _el(element, "content", status_html(entry), type="html")
        else:
            before = status_html(entry) if lang == "fr" else ""
            _el(element, "content", before + body_html(entry, lang), type="html")
    return _finish(feed, chosen, lambda e: _updated(e, lang))


def partner_feed(site: Site, entries: list[Entry], fragment: Callable[[Entry], str]) -> str:
    """The partner's Atom feed: French releases as kit fragments, with licence and source."""
    feed = _feed(
        site,
        "fr",
        layout.PARTNER_FEED_FILE,
        layout.index_file("fr", 1),
        f"{site.titles['fr']} – {site.partner.get('name') or 'partenaires'}",
    )
    licence = site.partner.get("licence")
    licence_url = site.partner.get("licence_url")
    if licence:
        _el(feed, "rights", f"{licence} ({licence_url})" if licence_url else licence)
    chosen = [e for e in entries if e.fr is not None][:FEED_SIZE]
    for entry in chosen:
        element = _entry_head(
            feed, entry_id(site, entry, "partner"), entry_title(entry, "fr"), entry, "fr"
        )
        fr_rel = entry.file("fr")
        assert fr_rel is not None
        _el(
            element, "link", href=site.url(fr_rel), rel="alternate", type="text/html", hreflang="fr"
        )
        _el(
            element,
            "link",
            href=site.url(entry.file("de") or ""),
            rel="via",
            type="text/html",
            hreflang="de",
        )
        if licence_url:
            _el(element, "link", href=licence_url, rel="license")
        _author(element, site, "fr")
        if licence:
            _el(element, "rights", licence)
        _el(element, "content", fragment(entry), type="html")
    return _finish(feed, chosen, lambda e: _updated(e, "fr"))
