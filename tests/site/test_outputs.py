"""Feeds, sitemap and the partner kit, read the way their consumers read them."""

from __future__ import annotations

import json

import feedparser
from bs4 import BeautifulSoup
from lxml import etree
from site_fixture import APPROVED, CORRECTED, EMBARGOED, UNAPPROVED, XSS, Built

BASE = "https://presse.example.org/"
SITEMAP_NS = {
    "s": "http://www.sitemaps.org/schemas/sitemap/0.9",
    "x": "http://www.w3.org/1999/xhtml",
}


def assert_inert(html: str) -> None:
    fragment = BeautifulSoup(html, "html.parser")
    assert fragment.find("script") is None
    assert fragment.find("img") is None
    for tag in fragment.find_all(True):
        assert not any(attr.startswith("on") for attr in tag.attrs), tag
        assert not tag.get("href", "").lower().startswith("javascript"), tag


def test_language_feeds_parse_with_entries_languages_and_alternates(built: Built) -> None:
    de = feedparser.parse(built.read("de/feed.xml"))
    fr = feedparser.parse(built.read("fr/feed.xml"))
    assert de.bozo == 0 and fr.bozo == 0
    assert de.feed.language == "de" and fr.feed.language == "fr"
    assert len(de.entries) == 4 and len(fr.entries) == 3
    assert de.entries[0].title == "Sicherheitshinweis <script>alert(1)</script>"
    entry = next(e for e in fr.entries if e.id.endswith(APPROVED))
    assert entry.id == f"tag:presse.example.org,2016-09-08:fr/{APPROVED}"
    links = {link.hreflang: link.href for link in entry.links if link.rel == "alternate"}
    assert links == {
        "fr": f"{BASE}fr/2016-09-08-le-conseil-de-l-arrondissement-adopte-le-budget-2017/",
        "de": f"{BASE}de/{APPROVED}/",
    }
    assert entry.link == links["fr"]
    assert "budget 2017" in entry.content[0].value
    german_only = next(e for e in de.entries if e.id.endswith(UNAPPROVED))
    assert [link.hreflang for link in german_only.links] == ["de"]
    assert not any(e.id.endswith(EMBARGOED) for e in de.entries)
    corrected = next(e for e in fr.entries if e.id.endswith(CORRECTED))
    assert corrected.updated == "2016-10-03T09:30:00+02:00"


def test_feeds_keep_markup_inert(built: Built) -> None:
    for rel in ("de/feed.xml", "fr/feed.xml", "partner/feed.xml"):
        tree = etree.fromstring(built.read(rel).encode("utf-8"))
        for content in tree.iter("{http://www.w3.org/2005/Atom}content"):
            assert content.get("type") == "html"
            assert_inert(content.text)
        for title in tree.iter("{http://www.w3.org/2005/Atom}title"):
            assert title.get("type") in (None, "text")


def test_sitemap_lists_every_version_with_alternates(built: Built) -> None:
    tree = etree.fromstring(built.read("sitemap.xml").encode("utf-8"))
    urls = {
        u.findtext("s:loc", namespaces=SITEMAP_NS): {
            link.get("hreflang"): link.get("href")
            for link in u.findall("x:link", namespaces=SITEMAP_NS)
        }
        for u in tree.findall("s:url", namespaces=SITEMAP_NS)
    }
    de_url = f"{BASE}de/{APPROVED}/"
    fr_url = f"{BASE}fr/2016-09-08-le-conseil-de-l-arrondissement-adopte-le-budget-2017/"
    expected = {"de": de_url, "fr": fr_url, "x-default": de_url}
    assert urls[de_url] == expected and urls[fr_url] == expected
    assert urls[f"{BASE}de/{UNAPPROVED}/"] == {}
    assert not any("landratswahl" in loc for loc in urls)
    assert len(urls) == 2 + 4 + 3


def test_partner_kit_carries_attribution_licence_and_canonical(built: Built) -> None:
    slug = "2016-09-08-le-conseil-de-l-arrondissement-adopte-le-budget-2017"
    canonical = f"{BASE}fr/{slug}/"
    original = f"{BASE}de/{APPROVED}/"
    fragment = BeautifulSoup(built.read(f"partner/{slug}.html"), "html.parser")
    article = fragment.find("article")
    assert article["lang"] == "fr" and article["data-canonical-url"] == canonical
    assert fragment.find("html") is None and fragment.find("header") is None
    attribution = fragment.find("footer").get_text(" ")
    assert "Communiqué de l’arrondissement de Harz, traduit de l’allemand" in attribution
    assert fragment.find("a", hreflang="de")["href"] == original
    assert fragment.find("a", rel="license")["href"].startswith("https://creativecommons.org/")
    markdown = built.read(f"partner/{slug}.md")
    assert f'canonical_url: "{canonical}"' in markdown and original in markdown
    assert "CC BY 4.0" in markdown
    text = built.read(f"partner/{slug}.txt")
    assert text.startswith("Le conseil de l’arrondissement adopte le budget 2017\n")
    assert canonical in text and original in text and "CC BY 4.0" in text
    record = json.loads(built.read(f"partner/{slug}.json"))
    assert record["canonical_url"] == canonical and record["original_url"] == original
    assert record["licence"] == "CC BY 4.0" and record["translation_of"] == f"de/{APPROVED}"
    feed = feedparser.parse(built.read("partner/feed.xml"))
    assert feed.bozo == 0 and len(feed.entries) == 3
    assert "CC BY 4.0" in feed.feed.rights
    assert all("traduit de l’allemand" in e.content[0].value for e in feed.entries)
    assert not (built.out / "partner" / f"{UNAPPROVED}.html").exists()


def test_partner_kit_is_inert(built: Built) -> None:
    slug = "2016-09-10-avis-de-securite-script-alert-1-script"
    assert_inert(built.read(f"partner/{slug}.html"))
    markdown = built.read(f"partner/{slug}.md")
    assert "<script" not in markdown and "<img" not in markdown
    assert "](javascript:" not in markdown
    raw_json = built.read(f"partner/{slug}.json")
    assert "<script" not in raw_json and "<img" not in raw_json
    record = json.loads(built.read(f"partner/{slug}.json"))
    assert record["title"] == "Avis de sécurité <script>alert(1)</script>"
    assert_inert(record["content_html"])
    assert XSS in record["translation_of"]
