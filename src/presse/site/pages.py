"""The HTML pages: release pages, indexes, the language chooser; their contexts and templates.

Each page is described by a context made of plain data (JSON-serialisable, with the
body still in Markdown). The build hashes that context to decide whether the page must
be rendered at all; only then is the body rendered and the template run.

Templates are looked up in the repository's ``templates/`` first, then in the packaged
defaults (``presse/data/templates``): an office overrides one file (a partial, the
style sheet) without copying the rest.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from datetime import datetime
from functools import cached_property
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import babel
import jinja2
from jinja2 import (
    ChoiceLoader,
    Environment,
    FileSystemLoader,
    StrictUndefined,
    select_autoescape,
)
from markupsafe import Markup

from presse import __version__
from presse.documents.french import FrenchRelease, translate_category
from presse.documents.release import Release
from presse.documents.repository import Repository
from presse.site import layout
from presse.site.dates import iso, long_date
from presse.site.labels import LABELS, LANGUAGE_NAMES, OG_LOCALES
from presse.site.layout import DEFAULT_TEMPLATES
from presse.site.model import Publication
from presse.site.typography import french_text

LANGS = ("de", "fr")


@dataclass(frozen=True)
class Entry:
    """A release as published by this build: German always, French when there is one."""

    de: Release
    fr: FrenchRelease | None
    digest: str = field(compare=False)  # pair_digest(de, fr, publication): keys its pages
    publication: Publication | None = None

    @property
    def slug(self) -> str:
        return self.de.slug

    @property
    def withdrawn(self) -> bool:
        """The French was withdrawn: its page is a notice saying so, linked from nowhere."""
        return self.publication is not None and self.publication.withdrawn_at is not None

    @property
    def pending(self) -> str | None:
        """A correction on its way while the last approved French stays online."""
        return self.publication.pending if self.publication is not None else None

    def published(self, lang: str) -> datetime:
        """When the release went out in ``lang``: the French, when it was approved (or
        its embargo ran out), not when the German was."""
        if lang == "de" or self.fr is None:
            return self.de.date
        if self.publication is not None:
            return self.publication.published
        # Without the gate's record, from the file: its approval (or the embargo), but a
        # corrected file does not keep its first approval: the German date stands in.
        if self.fr.corrected_at is not None:
            return self.de.date
        embargo = self.de.embargo
        return max(self.fr.approved_at, embargo) if embargo else self.fr.approved_at

    def modified(self, lang: str) -> datetime:
        """The last change in ``lang``: the French's last correction (or withdrawal)."""
        if lang == "de" or self.fr is None:
            return self.de.date
        if self.publication is not None:
            return self.publication.withdrawn_at or self.publication.modified
        return self.fr.corrected_at or self.published(lang)

    def linked(self, lang: str) -> str | None:
        """The page in ``lang`` that the other language's page links to (a withdrawn
        French is not)."""
        return None if lang == "fr" and self.withdrawn else self.file(lang)

    def file(self, lang: str) -> str | None:
        if lang == "de":
            return layout.release_file("de", self.de.slug)
        return layout.release_file("fr", self.fr.slug) if self.fr is not None else None

    def title(self, lang: str) -> str:
        if lang == "fr" and self.fr is not None:
            return self._french_title
        return self.de.title

    def summary(self, lang: str) -> str | None:
        if lang == "fr":
            return self._french_summary
        return self.de.summary

    # Each asked for by both pages, their JSON-LD, the indexes and the feeds.
    @cached_property
    def _french_title(self) -> str:
        assert self.fr is not None
        return french_text(self.fr.title, after_inline=False)

    @cached_property
    def _french_summary(self) -> str | None:
        if self.fr is None or not self.fr.summary:
            return None
        return french_text(self.fr.summary, after_inline=False)

    def category(self, lang: str) -> str | None:
        if lang == "fr" and self.fr is not None:
            return self.fr.category or translate_category(self.de.category)
        return self.de.category

    def body(self, lang: str) -> str:
        return self.fr.body if lang == "fr" and self.fr is not None else self.de.body


class Site:
    """The settings of one build, read once from ``presse.yaml``."""

    def __init__(self, repo: Repository, drafts: bool) -> None:
        config = repo.config
        site = config.section("site")
        partner = config.section("partner")
        self.repo = repo
        self.drafts = drafts
        self.base_url = config.base_url
        self.host = urlsplit(self.base_url).hostname or "localhost"
        self.office = config.office
        self.names = config.office_names  # the French one with its article
        per_page = site.get("per_page")
        self.per_page = per_page if isinstance(per_page, int) and per_page > 0 else 20
        self.titles = {
            "de": site.get("title_de") or f"{LABELS['de']['site_title']} – {self.office}",
            "fr": site.get("title_fr") or f"{LABELS['fr']['site_title']} {self.names.fr_of}",
        }
        self.partner = {
            "name": partner.get("name"),
            "licence": partner.get("licence"),
            "licence_url": partner.get("licence_url"),
        }
        self.env = make_environment(repo.templates_dir)
        self.templates_digest = templates_digest(repo.templates_dir)

    def url(self, rel: str) -> str:
        return layout.absolute_url(self.base_url, rel)

    def salt(self) -> str:
        """Everything besides a page's own context that changes its output."""
        settings = {
            "base_url": self.base_url,
            "office": [self.names.de, self.names.fr],
            "titles": self.titles,
            "per_page": self.per_page,
            "partner": self.partner,
            "drafts": self.drafts,
            "labels": LABELS,
            "templates": self.templates_digest,
            "format": FORMAT_VERSION,
            # Pages are keyed by the releases as read: what turns them into text counts.
            "versions": [__version__, babel.__version__, jinja2.__version__],
        }
        return json.dumps(settings, sort_keys=True)

    def render(self, template: str, context: dict[str, Any]) -> str:
        return self.env.get_template(template).render(context)


# Bump when the code that makes pages changes what it outputs, to invalidate the cache.
FORMAT_VERSION = 3


def make_environment(templates_dir: Path) -> Environment:
    """One Jinja environment for a build: the office's templates, then the defaults."""
    loaders = []
    if templates_dir.is_dir():
        loaders.append(FileSystemLoader(str(templates_dir)))
    loaders.append(FileSystemLoader(str(DEFAULT_TEMPLATES)))
    return Environment(
        loader=ChoiceLoader(loaders),
        autoescape=select_autoescape(
            enabled_extensions=("html", "htm", "xml"), default_for_string=True, default=False
        ),
        undefined=StrictUndefined,
        auto_reload=False,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def templates_digest(templates_dir: Path) -> str:
    """A digest of every template the build can see, so editing one invalidates the cache."""
    digest = hashlib.sha256()
    for label, folder in (("office", templates_dir), ("default", DEFAULT_TEMPLATES)):
        if not folder.is_dir():
            continue
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            digest.update(f"{label}:{path.relative_to(folder).as_posix()}\0".encode())
            digest.update(path.read_bytes())
            digest.update(b"\0")
    return digest.hexdigest()


def json_for_script(data: Any) -> str:
    """JSON safe inside ``<script>``: no ``<``, ``>`` or ``&`` can end the element."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _organisation(site: Site, lang: str) -> dict[str, Any]:
    return {"@type": "GovernmentOrganization", "name": site.names.name(lang), "url": site.base_url}


def release_jsonld(site: Site, entry: Entry, lang: str) -> str:
    own = entry.file(lang)
    assert own is not None
    url = site.url(own)
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "@id": url,
        "url": url,
        "mainEntityOfPage": url,
        "headline": entry.title(lang),
        "datePublished": iso(entry.published(lang)),
        "dateModified": iso(entry.modified(lang)),
        "inLanguage": lang,
        "author": _organisation(site, lang),
        "publisher": _organisation(site, lang),
    }
    if entry.category(lang):
        data["articleSection"] = entry.category(lang)
    if entry.summary(lang):
        data["description"] = entry.summary(lang)
    other = "de" if lang == "fr" else "fr"
    other_file = entry.linked(other)
    if other_file is not None:
        counterpart = {
            "@type": "NewsArticle",
            "@id": site.url(other_file),
            "url": site.url(other_file),
            "headline": entry.title(other),
            "inLanguage": other,
        }
        data["translationOfWork" if lang == "fr" else "workTranslation"] = counterpart
    return json_for_script(data)


def _common(site: Site, lang: str, own: str) -> dict[str, Any]:
    return {
        "lang": lang,
        "site_title": site.titles[lang],
        "office": site.names.name(lang),
        "draft": site.drafts,
        "robots": "noindex" if site.drafts else None,
        "css_href": layout.relative_href(own, layout.CSS_FILE),
        "home_href": layout.relative_href(own, layout.index_file(lang, 1)),
        "root_href": layout.relative_href(own, layout.ROOT_FILE),
        "feed": None
        if site.drafts
        else {
            "href": layout.relative_href(own, layout.feed_file(lang)),
            "title": f"{site.titles[lang]} ({LABELS[lang]['feed']})",
        },
        "canonical": site.url(own),
        "alternates": [],
        "switcher": None,
        "page_file": own,
    }


def release_context(site: Site, entry: Entry, lang: str) -> dict[str, Any]:
    """Everything the release template shows, as plain data (the body still Markdown)."""
    own = entry.file(lang)
    assert own is not None
    other = "de" if lang == "fr" else "fr"
    other_file = entry.linked(other)
    context = _common(site, lang, own)
    title = entry.title(lang)
    og = [
        ("og:type", "article"),
        ("og:title", title),
        ("og:url", site.url(own)),
        ("og:site_name", site.titles[lang]),
        ("og:locale", OG_LOCALES[lang]),
        ("article:published_time", iso(entry.published(lang))),
    ]
    if entry.summary(lang):
        og.append(("og:description", entry.summary(lang) or ""))
    if other_file is not None:
        og.append(("og:locale:alternate", OG_LOCALES[other]))
        context["alternates"] = [
            {"hreflang": "de", "href": site.url(entry.file("de") or "")},
            {"hreflang": "fr", "href": site.url(entry.file("fr") or "")},
            {"hreflang": "x-default", "href": site.url(entry.file("de") or "")},
        ]
        context["switcher"] = {
            "href": layout.relative_href(own, other_file),
            "lang": other,
            "name": LANGUAGE_NAMES[other],
            "label": LABELS[lang]["switch"],
        }
    corrected = None
    if entry.fr is not None and entry.fr.corrected_at is not None and not entry.withdrawn:
        corrected = {
            "display": long_date(entry.fr.corrected_at, lang),
            "iso": iso(entry.fr.corrected_at),
            "which": LABELS[lang]["corrected_fr"],
        }
        og.append(("article:modified_time", iso(entry.fr.corrected_at)))
    withdrawn = withdrawal_notice(entry) if lang == "fr" else None
    if withdrawn is not None:
        context["robots"] = "noindex"  # a notice, not the release: kept out of search
    context.update(
        {
            "kind": "release",
            "slug": entry.slug,
            "title": title,
            "date_display": long_date(entry.published(lang), lang),
            "date_iso": iso(entry.published(lang)),
            "category": entry.category(lang),
            "summary": None if withdrawn else entry.summary(lang),
            "contact": entry.de.contact,
            "corrected": corrected,
            "pending": pending_note(entry) if lang == "fr" else None,
            "withdrawn": withdrawn,
            "only_german": lang == "de" and other_file is None,
            "og": og,
            "jsonld": release_jsonld(site, entry, lang),
            "body_markdown": "" if withdrawn else entry.body(lang),
        }
    )
    return context


def pending_note(entry: Entry) -> str | None:
    """The note on a French page whose correction is on its way, in French; None when
    none is."""
    publication = entry.publication
    if publication is None or publication.pending is None or entry.withdrawn:
        return None
    labels = LABELS["fr"]
    if publication.pending == "french":
        return labels["pending_french"]
    if publication.german_updated is None:
        return labels["pending_german_undated"]
    return labels["pending_german"].format(date=long_date(publication.german_updated, "fr"))


def withdrawal_notice(entry: Entry) -> dict[str, str] | None:
    """What replaces a withdrawn French page: when, and why (``presse withdraw``)."""
    publication = entry.publication
    if publication is None or publication.withdrawn_at is None:
        return None
    when = publication.withdrawn_at
    return {
        "display": long_date(when, "fr"),
        "iso": iso(when),
        "text": LABELS["fr"]["withdrawn"].format(date=long_date(when, "fr")),
        "reason": french_text(publication.withdrawn_reason or "", after_inline=False),
        "original_href": layout.relative_href(entry.file("fr") or "", entry.file("de") or ""),
    }


def index_chunks(site: Site, entries: list[Entry]) -> list[list[Entry]]:
    """One language's releases cut into index pages (newest first, ``per_page`` each)."""
    chunks = [entries[i : i + site.per_page] for i in range(0, len(entries), site.per_page)]
    return chunks or [[]]


def index_context(
    site: Site, chunk: list[Entry], lang: str, number: int, pages: int, other_pages: int
) -> dict[str, Any]:
    """The context of index page ``number`` of ``pages`` (``chunk``: its releases)."""
    other = "de" if lang == "fr" else "fr"
    own = layout.index_file(lang, number)
    context = _common(site, lang, own)
    items = []
    for entry in chunk:
        page = entry.file(lang)
        assert page is not None
        items.append(
            {
                "title": entry.title(lang),
                "href": layout.relative_href(own, page),
                "date_display": long_date(entry.published(lang), lang),
                "date_iso": iso(entry.published(lang)),
                "category": entry.category(lang),
                "summary": entry.summary(lang),
            }
        )
    target = min(number, max(other_pages, 1))
    context["switcher"] = {
        "href": layout.relative_href(own, layout.index_file(other, target)),
        "lang": other,
        "name": LANGUAGE_NAMES[other],
        "label": LABELS[lang]["switch_index"],
    }
    context.update(
        {
            "kind": "index",
            "entries": items,
            "page": number,
            "pages": pages,
            "newer_href": layout.relative_href(own, layout.index_file(lang, number - 1))
            if number > 1
            else None,
            "older_href": layout.relative_href(own, layout.index_file(lang, number + 1))
            if number < pages
            else None,
        }
    )
    return context


def root_context(site: Site) -> dict[str, Any]:
    own = layout.ROOT_FILE
    context = _common(site, "de", own)
    context.update(
        {
            "kind": "root",
            "feed": None,
            "title": site.office,
            "choices": [
                {
                    "lang": lang,
                    "name": LANGUAGE_NAMES[lang],
                    "title": site.titles[lang],
                    "href": layout.relative_href(own, layout.index_file(lang, 1)),
                }
                for lang in LANGS
            ],
        }
    )
    return context


def render_page(site: Site, context: dict[str, Any], body_html: str | None = None) -> str:
    """Run a page's template; ``body_html`` is the sanitised body of a release page."""
    values = dict(context)
    values["t"] = LABELS[context["lang"]]
    template = {"release": "release.html", "index": "index.html", "root": "root.html"}[
        context["kind"]
    ]
    if context["kind"] == "release":
        values["body_html"] = Markup(body_html or "")
        values["jsonld"] = Markup(context["jsonld"])
    return site.render(template, values)
