"""``presse import``: the CMS's text export and saved HTML pages become release files."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag
from click.testing import Result
from tree_helpers import snapshot

from presse.documents.release import parse_release, read_release
from presse.steps.importer import html_block_to_markdown

RunPresse = Callable[..., Result]
SLUG = "2016-09-08-eine-delegation-aus-dem-harz-war-zu-gast-in-der-partnerregion-belfort"
TITLE = "Eine Delegation aus dem Harz war zu Gast in der Partnerregion Belfort"
DEST = f"releases/de/{SLUG}.md"
HTML_PAGE = Path(__file__).resolve().parent / "data" / "import" / "release-page.html"


def import_into(repo: Path, run_presse: RunPresse, *args: str, **kw: bytes) -> Result:
    return run_presse("--repo", str(repo), "import", *args, **kw)


def export_paragraphs(export: Path) -> list[str]:
    """The paragraphs of the example export as the office wrote them: lines 5 to 11."""
    lines = export.read_text(encoding="utf-8").splitlines()
    assert lines[2] == TITLE and lines[11] == "" and lines[12] == "Zurück"
    return lines[4:11]


def assert_one_error(result: Result, *words: str) -> str:
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert len(lines) == 1, lines
    for word in words:
        assert word in lines[0], lines[0]
    return lines[0]


def test_import_the_example_export(
    office_repo: Path, run_presse: RunPresse, example_export: Path
) -> None:
    result = import_into(office_repo, run_presse, str(example_export))
    assert result.exit_code == 0, result.output
    assert result.stdout == DEST + "\n"
    text = (office_repo / DEST).read_text(encoding="utf-8")
    front, body = text.split("\n---\n", 1)
    assert front.splitlines() == [
        "---",
        f"title: {TITLE}",
        "date: 2016-09-08T09:53:24+02:00",
        "category: Presseinfos",
    ]
    paragraphs = body.strip("\n").split("\n\n")
    assert paragraphs == export_paragraphs(example_export)
    assert len(paragraphs) == 7
    assert "„Ich freue mich" in paragraphs[1] and "unsere Zukunft“, betont" in paragraphs[1]
    assert "Zurück" not in text
    assert read_release(office_repo / DEST).title == TITLE  # the file reads back


def test_import_refuses_to_overwrite_without_force(
    office_repo: Path, run_presse: RunPresse, example_export: Path
) -> None:
    assert import_into(office_repo, run_presse, str(example_export)).exit_code == 0
    dest = office_repo / DEST
    dest.write_text(dest.read_text(encoding="utf-8").replace("Presseinfos", "Bearbeitet"))
    before = snapshot(office_repo)
    result = import_into(office_repo, run_presse, str(example_export))
    assert_one_error(result, SLUG, "--force")
    assert result.stdout == ""
    assert snapshot(office_repo) == before
    forced = import_into(office_repo, run_presse, "--force", str(example_export))
    assert forced.exit_code == 0, forced.output
    assert forced.stdout == DEST + "\n"
    assert "category: Presseinfos" in dest.read_text(encoding="utf-8")


def test_one_existing_release_stops_the_whole_import(
    office_repo: Path, run_presse: RunPresse, example_export: Path, tmp_path: Path
) -> None:
    assert import_into(office_repo, run_presse, str(example_export)).exit_code == 0
    other = tmp_path / "other.txt"
    other.write_text(
        "BCKategorie 15.01.2016 08:00 Uhr | Presseinfos\n\nWinterdienst\n\nEs schneit.\n",
        encoding="utf-8",
    )
    before = snapshot(office_repo)
    result = import_into(office_repo, run_presse, str(other), str(example_export))
    assert_one_error(result, SLUG)
    assert snapshot(office_repo) == before  # other.txt was not written either


def test_the_same_release_twice_in_one_import(
    office_repo: Path, run_presse: RunPresse, example_export: Path
) -> None:
    before = snapshot(office_repo)
    result = import_into(office_repo, run_presse, str(example_export), str(example_export))
    assert_one_error(result, SLUG)
    assert snapshot(office_repo) == before


def test_dry_run_prints_the_markdown_and_writes_nothing(
    office_repo: Path, run_presse: RunPresse, example_export: Path, tmp_path: Path
) -> None:
    before = snapshot(office_repo)
    result = import_into(office_repo, run_presse, "--dry-run", str(example_export))
    assert result.exit_code == 0, result.output
    assert snapshot(office_repo) == before
    release = parse_release(result.stdout, f"{SLUG}.md")
    assert release.title == TITLE
    assert release.body.strip("\n").split("\n\n") == export_paragraphs(example_export)
    assert import_into(office_repo, run_presse, str(example_export)).exit_code == 0
    assert (office_repo / DEST).read_text(encoding="utf-8") == result.stdout


def test_dash_reads_standard_input(
    office_repo: Path, run_presse: RunPresse, example_export: Path
) -> None:
    result = import_into(office_repo, run_presse, "-", input=example_export.read_bytes())
    assert result.exit_code == 0, result.output
    assert result.stdout == DEST + "\n"
    body = read_release(office_repo / DEST).body
    assert body.strip("\n").split("\n\n") == export_paragraphs(example_export)


@pytest.mark.parametrize(
    ("header", "timezone", "date"),
    [
        ("BCKategorie 15.01.2016 08:05 Uhr | Presseinfos", None, "2016-01-15T08:05:00+01:00"),
        ("Kategorie 8.9.2016 09:53:24 Uhr | Presseinfos", None, "2016-09-08T09:53:24+02:00"),
        (
            "Kategorie 08.09.2016 09:53:24 Uhr | Presseinfos",
            "America/New_York",
            "2016-09-08T09:53:24-04:00",
        ),
    ],
)
def test_the_local_time_gets_the_offset_of_the_office_time_zone(
    office_repo: Path,
    run_presse: RunPresse,
    tmp_path: Path,
    header: str,
    timezone: str | None,
    date: str,
) -> None:
    if timezone:
        config = office_repo / "presse.yaml"
        text = config.read_text(encoding="utf-8")
        config.write_text(text.replace("Europe/Berlin", timezone), encoding="utf-8")
    export = tmp_path / "export.txt"
    export.write_text(f"{header}\n\nWinterdienst\n\n15. Januar: Es schneit.\n\nZurück\n")
    result = import_into(office_repo, run_presse, "--dry-run", str(export))
    assert result.exit_code == 0, result.output
    assert f"\ndate: {date}\n" in result.stdout
    assert result.stdout.endswith("\n\n15\\. Januar: Es schneit.\n")  # not a numbered list


def test_a_text_without_a_date_asks_for_one(
    office_repo: Path, run_presse: RunPresse, tmp_path: Path
) -> None:
    # Not the Harz CMS's export (no "Kategorie … Uhr |" line): plain text, which has no date.
    export = tmp_path / "notiz.txt"
    export.write_text("Liebe Kollegen,\n\nbitte veröffentlichen.\n", encoding="utf-8")
    before = snapshot(office_repo)
    result = import_into(office_repo, run_presse, str(export))
    assert_one_error(result, "notiz.txt: ", "no date", "--date")
    assert snapshot(office_repo) == before


def test_an_export_that_is_not_utf8(
    office_repo: Path, run_presse: RunPresse, example_export: Path, tmp_path: Path
) -> None:
    export = tmp_path / "latin1.txt"
    export.write_bytes(example_export.read_text(encoding="utf-8").encode("cp1252"))
    before = snapshot(office_repo)
    result = import_into(office_repo, run_presse, str(export))
    assert_one_error(result, "latin1.txt:5: ", "UTF-8")  # "französischen", first non-ASCII
    assert snapshot(office_repo) == before


def test_an_export_that_does_not_exist(office_repo: Path, run_presse: RunPresse) -> None:
    before = snapshot(office_repo)
    result = import_into(office_repo, run_presse, "nirgends.txt")
    assert_one_error(result, "nirgends.txt", "cannot read")
    assert snapshot(office_repo) == before


# The saved HTML page


def test_import_a_saved_release_page(office_repo: Path, run_presse: RunPresse) -> None:
    result = import_into(office_repo, run_presse, str(HTML_PAGE))
    assert result.exit_code == 0, result.output
    dest = "releases/de/2016-09-08-hochschule-harz-und-belfort-vereinbaren-studentenaustausch.md"
    assert result.stdout == dest + "\n"
    release = read_release(office_repo / dest)
    assert release.title == "Hochschule Harz und Belfort vereinbaren Studentenaustausch"
    assert release.date.isoformat() == "2016-09-08T09:53:24+02:00"
    assert release.category == "Presseinfos"
    assert release.source_url == (
        "https://www.kreis-hz.de/de/presseinfos/hochschule-harz-und-belfort.html"
    )
    assert release.body.strip("\n").split("\n\n") == [
        "Die Hochschule Harz und die *Université de Technologie de Belfort-Montbéliard* "
        "wollen künftig Studierende austauschen. Das vereinbarten beide Hochschulen am Rande "
        "des Besuchs einer Delegation aus dem Landkreis Harz in Belfort.",
        "„Der Austausch von Studenten ist eine Investition in unsere Zukunft“, sagte Landrat "
        "Martin Skiebe. Weitere Informationen gibt es auf der "
        "[Seite des International Office](https://www.hs-harz.de/international/) der Hochschule.",
        "Die Partnerschaft zwischen Belfort und dem Harz besteht seit 1994.",
    ]
    text = (office_repo / dest).read_text(encoding="utf-8")
    for noise in (
        "Bürgerservice",  # menu
        "Startseite",  # breadcrumb
        "Verwaltung im Herzen",  # site header
        "Impressum",  # footer
        "Friedrich-Ebert-Straße",
        "_paq",  # scripts
        "jQuery",
        "font-family",  # styles
        "Kategorie",  # the date line is front matter, not text
        "Uhr",
        "Zurück",
    ):
        assert noise not in text, noise


def test_a_page_without_the_harz_date_line_is_read_as_any_cms_page(
    office_repo: Path, run_presse: RunPresse, tmp_path: Path
) -> None:
    page = tmp_path / "seite.html"
    html = HTML_PAGE.read_text(encoding="utf-8")
    page.write_text(html.replace("Kategorie", "Rubrik"), encoding="utf-8")
    result = import_into(office_repo, run_presse, "--dry-run", str(page))
    assert result.exit_code == 0, result.output
    release = parse_release(result.stdout, "2016-09-08-x.md")
    assert release.title == "Hochschule Harz und Belfort vereinbaren Studentenaustausch"
    assert release.date.date().isoformat() == "2016-09-08"
    assert release.body.count("\n\n") == 2 and "Friedrich-Ebert-Straße" not in release.body


def block(html: str) -> Tag:
    element = BeautifulSoup(html, "lxml").find(["p", "li", "h2", "h3"])
    assert isinstance(element, Tag)
    return element


@pytest.mark.parametrize(
    ("html", "markdown"),
    [
        ("<p>Ein <em>wichtiger</em> Satz.</p>", "Ein *wichtiger* Satz."),
        ("<p>Ein<i> wichtiger </i>Satz.</p>", "Ein *wichtiger* Satz."),
        ("<p>Der <strong>Landrat</strong> spricht.</p>", "Der **Landrat** spricht."),
        (
            '<p>Siehe <a href="https://x.de/a b">die Seite</a>.</p>',
            "Siehe [die Seite](https://x.de/a%20b).",
        ),
        ('<p><a href="#top">Nach oben</a> bitte</p>', "Nach oben bitte"),
        (
            '<p><a href="/de/x.html"><em>Hier</em></a></p>',
            "[*Hier*](https://www.kreis-hz.de/de/x.html)",
        ),
        ("<p>Bürger*innen und [Klammern]</p>", "Bürger\\*innen und \\[Klammern\\]"),
        ("<p>1. FC Harz<br>gewinnt</p>", "1\\. FC Harz gewinnt"),
        ("<p>Text <!-- Kommentar --> weiter</p>", "Text weiter"),
        ("<ul><li>Punkt <em>eins</em></li></ul>", "- Punkt *eins*"),
        ("<h2>Zwischen <em>titel</em></h2>", "## Zwischen *titel*"),
        ("<p>  </p>", None),
    ],
)
def test_html_block_to_markdown(html: str, markdown: str | None) -> None:
    assert html_block_to_markdown(block(html), "https://www.kreis-hz.de/de/presse.html") == markdown
