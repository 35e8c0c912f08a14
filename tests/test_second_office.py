"""An office that is not the Landkreis Harz, from ``presse init`` to its published site:
its own names in both languages on every page, feed, kit file and schema.org record,
and nothing of the bundled example anywhere."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import polib
import pytest
from bs4 import BeautifulSoup
from click.testing import Result

RunPresse = Callable[..., Result]

SITE = "https://presse.forchheim.example/"
SLUG = "2024-05-14-forchheim-und-le-perreux-sur-marne-feiern-30-jahre-partnerschaft"
RELEASE = """\
---
title: Forchheim und Le Perreux-sur-Marne feiern 30 Jahre Partnerschaft
date: 2024-05-14T10:00:00+02:00
category: Kultur
summary: Eine Delegation aus Le Perreux-sur-Marne besucht Forchheim.
---

Eine Delegation aus Le Perreux-sur-Marne ist vom 16. bis 19. Mai 2024 zu Gast in \
Forchheim. Oberbürgermeister Uwe Kirschstein empfängt die Gäste im Rathaus.

Die Städtepartnerschaft besteht seit 1994. Jedes Jahr besuchen sich Schulklassen \
beider Städte.
"""
HUGO_RELEASE = """\
---
title: "Stadtfest in der Altstadt"
date: 2023-07-01T09:00:00+02:00
draft: false
tags: [Kultur]
---

Das Stadtfest findet am 8. Juli in der Altstadt statt.
"""
# What the translator writes in her PO editor, sentence by sentence.
FRENCH = {
    "Forchheim und Le Perreux-sur-Marne feiern 30 Jahre Partnerschaft": (
        "Forchheim et Le Perreux-sur-Marne fêtent 30 ans de jumelage"
    ),
    "Eine Delegation aus Le Perreux-sur-Marne besucht Forchheim.": (
        "Une délégation du Perreux-sur-Marne en visite à Forchheim."
    ),
    "Eine Delegation aus Le Perreux-sur-Marne ist vom 16. bis 19. Mai 2024 zu Gast in Forchheim.": (
        "Une délégation du Perreux-sur-Marne est accueillie à Forchheim du 16 au 19 mai 2024."
    ),
    "Oberbürgermeister Uwe Kirschstein empfängt die Gäste im Rathaus.": (
        "Le maire, Uwe Kirschstein, reçoit les invités à l’hôtel de ville."
    ),
    "Die Städtepartnerschaft besteht seit 1994.": "Le jumelage des deux villes existe depuis 1994.",
    "Jedes Jahr besuchen sich Schulklassen beider Städte.": (
        "Chaque année, des classes des deux villes se rendent visite."
    ),
}
FR_SLUG = "2024-05-14-forchheim-et-le-perreux-sur-marne-fetent-30-ans-de-jumelage"


def presse(run_presse: RunPresse, root: Path, *args: str) -> Result:
    result = run_presse("--repo", str(root), *args)
    assert result.exit_code == 0, result.output
    return result


def translate_in_a_po_editor(root: Path) -> None:
    path = root / "locale" / "fr" / "LC_MESSAGES" / f"{SLUG}.po"
    catalog = polib.pofile(str(path), wrapwidth=79)
    for entry in catalog:
        if not entry.obsolete:
            entry.msgstr = FRENCH[entry.msgid]
            entry.flags = [f for f in entry.flags if f != "fuzzy"]
    catalog.metadata["Last-Translator"] = "Claire Dubois <c.dubois@example.org>"
    catalog.metadata["PO-Revision-Date"] = "2024-05-14 15:00+0200"
    catalog.save()


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Stadt Forchheim's repository from presse init, one release approved and built."""
    from click.testing import CliRunner

    from presse.cli.main import cli

    runner = CliRunner()

    def run(*args: str) -> Result:
        return runner.invoke(cli, list(args), catch_exceptions=False)

    root = tmp_path_factory.mktemp("forchheim") / "pressestelle"
    init = run(
        "init",
        str(root),
        "--office",
        "Stadt Forchheim",
        "--office-fr",
        "la Ville de Forchheim",
        "--partner",
        "Ville du Perreux-sur-Marne",
        "--site-url",
        SITE,
        "--licence",
        "CC BY 4.0",
    )
    assert init.exit_code == 0, init.output
    # The release as the office has it: pasted from a word processor into a text file.
    pasted = root.parent / "partnerschaft.txt"
    pasted.write_text(RELEASE.split("---\n", 2)[2].lstrip(), encoding="utf-8")
    title = "Forchheim und Le Perreux-sur-Marne feiern 30 Jahre Partnerschaft"
    when = ("--date", "2024-05-14T10:00:00+02:00", "--category", "Kultur")
    presse(run, root, "import", "--title", title, *when, str(pasted))
    assert (root / "releases" / "de" / f"{SLUG}.md").is_file()
    # And an older one from the office's former Hugo site, brought in with its folder.
    hugo = root.parent / "alte-website"
    hugo.mkdir()
    (hugo / "stadtfest.md").write_text(HUGO_RELEASE, encoding="utf-8")
    imported = presse(run, root, "import", f"{hugo}/")
    assert "1 created" in imported.output, imported.output
    presse(run, root, "extract")
    presse(run, root, "translate")  # the memory of a new office is empty: nothing filled
    translate_in_a_po_editor(root)
    presse(run, root, "check")
    presse(run, root, "approve", SLUG, "--by", "Anna Weber")
    presse(run, root, "build")
    return root / "site"


def page(site: Path, lang: str, slug: str) -> BeautifulSoup:
    return BeautifulSoup((site / lang / slug / "index.html").read_text("utf-8"), "html.parser")


def jsonld(soup: BeautifulSoup) -> dict:
    return json.loads(soup.find("script", type="application/ld+json").string)


def test_the_german_page_carries_the_german_name(site: Path) -> None:
    german = page(site, "de", SLUG)
    record = jsonld(german)
    assert record["author"]["name"] == record["publisher"]["name"] == "Stadt Forchheim"
    assert german.find("footer").get_text(" ", strip=True) == "Stadt Forchheim"
    assert german.title.string.endswith("Pressemitteilungen – Stadt Forchheim")


def test_the_french_page_carries_the_french_name(site: Path) -> None:
    french = page(site, "fr", FR_SLUG)
    record = jsonld(french)
    assert record["author"]["name"] == record["publisher"]["name"] == "Ville de Forchheim"
    assert record["url"] == f"{SITE}fr/{FR_SLUG}/"
    assert french.find("footer").get_text(" ", strip=True) == "Ville de Forchheim"
    assert french.title.string.endswith("Communiqués de presse de la Ville de Forchheim")
    assert "Stadt Forchheim" not in str(french)
    index = (site / "fr" / "index.html").read_text("utf-8")
    assert "Ville de Forchheim" in index and "Stadt Forchheim" not in index


def test_each_feed_names_the_office_in_its_language(site: Path) -> None:
    german, french = (site / lang / "feed.xml" for lang in ("de", "fr"))
    assert "<name>Stadt Forchheim</name>" in german.read_text("utf-8")
    french_feed = french.read_text("utf-8")
    assert "<name>Ville de Forchheim</name>" in french_feed
    assert "Stadt Forchheim" not in french_feed
    partner = (site / "partner" / "feed.xml").read_text("utf-8")
    assert "Ville du Perreux-sur-Marne" in partner
    assert "Communiqué de la Ville de Forchheim" in partner
    assert "<name>Ville de Forchheim</name>" in partner


def test_the_kit_is_a_communique_de_la_ville(site: Path) -> None:
    attribution = "Communiqué de la Ville de Forchheim, traduit de l’allemand"
    for ext in ("html", "md", "txt"):
        text = (site / "partner" / f"{FR_SLUG}.{ext}").read_text("utf-8")
        assert attribution in text, ext
        assert "Communiqué du" not in text, ext
    record = json.loads((site / "partner" / f"{FR_SLUG}.json").read_text("utf-8"))
    assert record["attribution"] == attribution
    assert record["partner"] == "Ville du Perreux-sur-Marne"
    assert record["licence"] == "CC BY 4.0"
    assert record["canonical_url"] == f"{SITE}fr/{FR_SLUG}/"


def test_nothing_of_the_bundled_example_is_in_the_site(site: Path) -> None:
    files = [path for path in site.rglob("*") if path.is_file()]
    assert len(files) >= 10  # both pages, indexes, feeds, the kit, the sitemap
    for path in files:
        text = path.read_text("utf-8").lower()
        for word in ("harz", "landkreis", "belfort", "presse.example.org"):
            assert word not in text, f"{word!r} in {path.relative_to(site)}"


def test_the_release_imported_with_its_folder_is_published_in_german(site: Path) -> None:
    german = page(site, "de", "2023-07-01-stadtfest-in-der-altstadt")
    assert "Das Stadtfest findet am 8. Juli in der Altstadt statt." in german.get_text()
    assert german.find("footer").get_text(" ", strip=True) == "Stadt Forchheim"
