"""The built pages as a reader and a search engine see them."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from site_fixture import (
    APPROVED,
    CORRECTED,
    EMBARGOED,
    UNAPPROVED,
    XSS,
    Built,
    build,
    load_pairs,
    make_office,
)

from presse.documents.french import read_french_release, write_french_release
from presse.errors import PresseError
from presse.site import PagePair, build_site

BASE = "https://presse.example.org/"


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def jsonld(page: BeautifulSoup) -> dict:
    return json.loads(page.find("script", type="application/ld+json").string)


def alternates(page: BeautifulSoup) -> dict[str, str]:
    return {
        link["hreflang"]: link["href"]
        for link in page.find_all("link", rel="alternate")
        if link.get("hreflang")
    }


def switcher(page: BeautifulSoup):
    nav = page.find("nav", class_="switcher")
    return nav.find("a") if nav else None


def all_html(built: Built) -> list[Path]:
    return sorted(p for p in built.out.rglob("*.html") if "partner" not in p.parts)


def test_approved_release_has_both_pages_linked_both_ways(built: Built) -> None:
    de_path, fr_path = built.page(APPROVED, "de"), built.page(APPROVED, "fr")
    de, fr = soup(de_path), soup(fr_path)
    de_url = f"{BASE}de/{APPROVED}/"
    fr_url = f"{BASE}fr/2016-09-08-le-conseil-de-l-arrondissement-adopte-le-budget-2017/"

    assert de.html["lang"] == "de" and fr.html["lang"] == "fr"
    assert de.find("link", rel="canonical")["href"] == de_url
    assert fr.find("link", rel="canonical")["href"] == fr_url
    expected = {"de": de_url, "fr": fr_url, "x-default": de_url}
    assert alternates(de) == expected
    assert alternates(fr) == expected

    to_fr, to_de = switcher(de), switcher(fr)
    assert (to_fr["hreflang"], to_fr["lang"]) == ("fr", "fr")
    assert (to_de["hreflang"], to_de["lang"]) == ("de", "de")
    assert (de_path.parent / to_fr["href"] / "index.html").resolve() == fr_path.resolve()
    assert (fr_path.parent / to_de["href"] / "index.html").resolve() == de_path.resolve()

    assert de.find("h1").get_text() == "Kreistag beschließt Haushalt 2017"
    assert fr.find("h1").get_text() == "Le conseil de l’arrondissement adopte le budget 2017"
    assert de.find("time").get_text() == "8. September 2016"
    # Each page says when its own language went out: the French when it was approved.
    assert fr.find("time").get_text() == "9 septembre 2016"
    assert de.find(class_="category").get_text() == "Presseinfos"
    assert fr.find(class_="category").get_text() == "Communiqués de presse"


def test_open_graph_and_json_ld(built: Built) -> None:
    de, fr = soup(built.page(APPROVED, "de")), soup(built.page(APPROVED, "fr"))

    def og(page: BeautifulSoup) -> dict[str, str]:
        return {m["property"]: m["content"] for m in page.find_all("meta", property=True)}

    assert og(de)["og:locale"] == "de_DE" and og(de)["og:locale:alternate"] == "fr_FR"
    assert og(fr)["og:locale"] == "fr_FR" and og(fr)["og:locale:alternate"] == "de_DE"
    assert og(fr)["og:type"] == "article"
    assert og(fr)["og:url"] == fr.find("link", rel="canonical")["href"]

    de_ld, fr_ld = jsonld(de), jsonld(fr)
    assert de_ld["@type"] == fr_ld["@type"] == "NewsArticle"
    assert de_ld["headline"] == "Kreistag beschließt Haushalt 2017"
    assert de_ld["datePublished"] == de_ld["dateModified"] == "2016-09-08T09:53:24+02:00"
    # The French went out when it was approved, not with the German.
    assert fr_ld["datePublished"] == fr_ld["dateModified"] == "2016-09-09T14:00:00+02:00"
    assert (de_ld["inLanguage"], fr_ld["inLanguage"]) == ("de", "fr")
    assert de_ld["publisher"]["name"] == de_ld["author"]["name"] == "Landkreis Harz"
    assert fr_ld["publisher"]["name"] == fr_ld["author"]["name"] == "Arrondissement de Harz"
    assert de_ld["workTranslation"]["url"] == fr_ld["url"]
    assert fr_ld["translationOfWork"]["url"] == de_ld["url"]


def test_french_typography_in_title_and_body_but_not_in_times_or_urls(built: Built) -> None:
    fr = soup(built.page(APPROVED, "fr"))
    body = fr.find(class_="body")
    text = body.get_text()
    assert "informations\u00a0: " in text
    assert "10:30" in text
    assert body.find("a")["href"] == "https://www.kreis-hz.de/de/haushalt.html"
    assert "’" in fr.find("h1").get_text()
    corrected = soup(built.page(CORRECTED, "fr")).find(class_="body").get_text()
    assert "Blankenburg\u202f!" in corrected


def test_first_of_the_month_is_1er_and_correction_is_shown(built: Built) -> None:
    de, fr = soup(built.page(CORRECTED, "de")), soup(built.page(CORRECTED, "fr"))
    assert fr.find("time").get_text() == "1er septembre 2016"
    assert de.find("time").get_text() == "1. September 2016"
    assert "Corrigé le 3 octobre 2016" in fr.find(class_="correction").get_text()
    assert "Korrigiert am 3. Oktober 2016" in de.find(class_="correction").get_text()
    assert jsonld(fr)["dateModified"] == "2016-10-03T09:30:00+02:00"
    assert jsonld(fr)["datePublished"] == "2016-09-01T11:00:00+02:00"
    # The French URL stays the one of the first publication.
    assert "relie-les-villes" in str(built.page(CORRECTED, "fr"))


def test_unapproved_release_is_german_only_with_no_french_link(built: Built) -> None:
    assert set(built.summary.pages[UNAPPROVED]) == {"de"}
    assert (UNAPPROVED, "not approved") in built.summary.held_back
    de = soup(built.page(UNAPPROVED, "de"))
    assert alternates(de) == {}
    assert switcher(de) is None
    assert de.find("meta", property="og:locale:alternate") is None
    assert "workTranslation" not in jsonld(de)
    assert not any("fermeture" in p.name for p in (built.out / "fr").iterdir())
    for path in all_html(built):
        assert "fermeture-de-la-route" not in path.read_text(encoding="utf-8")


def test_embargoed_release_is_published_in_neither_language(built: Built) -> None:
    assert EMBARGOED not in built.summary.pages
    assert any(slug == EMBARGOED and "embargo" in why for slug, why in built.summary.held_back)
    for path in built.out.rglob("*"):
        if path.is_file():
            text = path.read_text(encoding="utf-8")
            assert "landratswahl" not in text.lower(), path


def test_indexes_are_paginated_newest_first_with_matching_switchers(built: Built) -> None:
    de1 = soup(built.out / "de" / "index.html")
    titles = [h.get_text() for h in de1.select(".releases h2")]
    assert titles == [
        "Sicherheitshinweis <script>alert(1)</script>",
        "Kreistag beschließt Haushalt 2017",
    ]
    de2 = soup(built.out / "de" / "page" / "2" / "index.html")
    assert [h.get_text() for h in de2.select(".releases h2")] == [
        "Sperrung der Landesstraße L 82",
        "Neue Buslinie verbindet Harzorte",
    ]
    assert switcher(de2)["href"] == "../../../fr/page/2/"
    assert switcher(de1)["href"] == "../fr/"
    assert de1.find("a", rel="next")["href"] == "page/2/"
    fr2 = soup(built.out / "fr" / "page" / "2" / "index.html")
    assert [h.get_text() for h in fr2.select(".releases h2")] == [
        "Une nouvelle ligne de bus dessert les villes du Harz"
    ]
    feed = de1.find("link", type="application/atom+xml")
    assert feed["href"] == "feed.xml"
    root = soup(built.out / "index.html")
    assert {a["hreflang"]: a["href"] for a in root.select(".choices a")} == {
        "de": "de/",
        "fr": "fr/",
    }


def test_office_template_override_is_used(built: Built) -> None:
    footer = soup(built.page(APPROVED, "de")).find("footer", class_="site-footer")
    assert "Impressum" in footer.get_text()


def test_xss_in_title_and_body_is_inert_in_pages(built: Built) -> None:
    for lang in ("de", "fr"):
        page = soup(built.page(XSS, lang))
        assert page.find_all("script", type=lambda t: t != "application/ld+json") == []
        assert page.find("img") is None
        assert not any(attr.startswith("on") for tag in page.find_all(True) for attr in tag.attrs)
        assert not any(
            a.get("href", "").lower().startswith("javascript") for a in page.find_all("a")
        )
        assert "<script>alert(1)</script>" in page.find("h1").get_text()
        assert "alert(1)" in jsonld(page)["headline"]
        raw = built.page(XSS, lang).read_text(encoding="utf-8")
        assert "<script>alert" not in raw and "<img" not in raw


def test_drafts_build_shows_every_draft_with_banner_and_noindex(built_drafts: Built) -> None:
    summary = built_drafts.summary
    assert set(summary.pages[UNAPPROVED]) == {"de", "fr"}
    assert EMBARGOED not in summary.pages
    for path in all_html(built_drafts):
        page = soup(path)
        assert page.find("meta", attrs={"name": "robots"})["content"] == "noindex", path
        assert page.find(class_="draft-banner") is not None, path
    fr = soup(summary.pages[UNAPPROVED]["fr"])
    assert fr.find("h1").get_text() == "Fermeture de la route régionale L 82"
    assert not (built_drafts.out / "sitemap.xml").exists()
    assert not (built_drafts.out / "partner").exists()


def test_published_build_has_no_draft_marks(built: Built) -> None:
    for path in all_html(built):
        page = soup(path)
        assert page.find("meta", attrs={"name": "robots"}) is None
        assert page.find(class_="draft-banner") is None


def test_two_releases_claiming_one_url_is_an_error(tmp_path: Path) -> None:
    repo = make_office(tmp_path)
    corrected = read_french_release(repo.target_path(CORRECTED))
    approved = read_french_release(repo.target_path(APPROVED))
    clash = replace(corrected, slug=approved.slug)
    write_french_release(repo.target_path(CORRECTED), clash)
    pairs = load_pairs(repo)
    out = tmp_path / "out"
    with pytest.raises(PresseError, match="two releases claim the page /fr/") as caught:
        build_site(repo, pairs, out)
    assert caught.value.path is not None and caught.value.path.name == f"{CORRECTED}.md"
    assert not out.exists()


def test_translation_of_another_release_is_an_error(tmp_path: Path) -> None:
    repo = make_office(tmp_path)
    pairs = load_pairs(repo)
    by_slug = {p.de.slug: p for p in pairs}
    wrong = PagePair(de=by_slug[UNAPPROVED].de, fr=by_slug[APPROVED].fr, held_reason=None)
    with pytest.raises(PresseError, match="translation of"):
        build_site(repo, [wrong], tmp_path / "out")


def test_release_without_translation_yet_says_why(tmp_path: Path) -> None:
    built = build(tmp_path)
    pairs = [PagePair(de=p.de, fr=None, held_reason=None) for p in built.pairs]
    summary = build_site(built.repo, pairs, tmp_path / "other")
    assert (APPROVED, "no French translation") in summary.held_back
