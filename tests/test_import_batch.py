"""``presse import`` of bad input, of folders and globs, and what an import carries on
to the French page and the kit (no damage on the way in)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import polib
import pytest
from click.testing import Result
from import_fixtures import inputs, sources, write_docx
from tree_helpers import snapshot

from presse.documents.release import read_release

RunPresse = Callable[..., Result]
GOOD_TEXT = (
    "Pressemitteilung\n\n25.06.2020\n\nStadtrat tagt im Rathaus\n\n"
    "Der Stadtrat tagt am Donnerstag um 18 Uhr im Rathaus.\n"
)
EMPTY_PAGE = (
    "<!DOCTYPE html><html lang='de'><head><title>Seite nicht gefunden</title></head><body>"
    "<nav><ul><li><a href='/'>Startseite</a></li><li><a href='/presse'>Presse</a></li></ul></nav>"
    "<footer><a href='/impressum'>Impressum</a></footer></body></html>"
)


def run_import(repo: Path, run_presse: RunPresse, *args: str) -> Result:
    return run_presse("--repo", str(repo), "import", *args)


def one_error(result: Result, *words: str) -> str:
    assert result.exit_code == 1, result.output
    lines = result.stderr.splitlines()
    assert len(lines) == 1, lines
    for word in words:
        assert word in lines[0], lines[0]
    return lines[0]


@pytest.mark.parametrize(
    ("name", "content", "words"),
    [
        ("foto.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", ("PNG image",)),
        ("daten.txt", b"Titel\n\n\x00\x01\x02\x03 Text\n", ("binary",)),
        ("alt.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64, (".docx",)),
        ("kaputt.docx", b"Das ist kein Word-Dokument.", ("not a Word document",)),
        (
            "ansi.txt",
            "Stadtrat tagt\n\nDer Bürgermeister lädt ein.\n".encode("cp1252"),
            (":3:", "UTF-8"),
        ),
        ("leer.txt", b"", ("empty",)),
        ("leer.md", b"  \n\n\t\n", ("empty",)),
        ("404.html", EMPTY_PAGE.encode(), ("no article",)),
        (
            "termin.md",
            "---\ntitle: Stadtrat tagt\ndate: nächste Woche\n---\n\nText.\n".encode(),
            ("termin.md:3:", "'date'", "not a date"),
        ),
        ("ohne-datum.txt", b"Stadtrat tagt\n\nDer Stadtrat tagt.\n", ("--date",)),
    ],
)
def test_bad_input_is_one_line_and_nothing_written(
    office_repo: Path,
    run_presse: RunPresse,
    tmp_path: Path,
    name: str,
    content: bytes,
    words: tuple[str, ...],
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    before = snapshot(office_repo)
    line = one_error(run_import(office_repo, run_presse, str(path)), name, *words)
    assert line.startswith(str(path)), line
    assert snapshot(office_repo) == before


def test_a_date_that_cannot_be_read_is_refused_before_any_file(
    office_repo: Path, run_presse: RunPresse, tmp_path: Path
) -> None:
    path = tmp_path / "rat.txt"
    path.write_text(GOOD_TEXT, encoding="utf-8")
    before = snapshot(office_repo)
    one_error(run_import(office_repo, run_presse, "--date", "31.02.2020", str(path)), "--date")
    assert snapshot(office_repo) == before


def test_the_options_fill_the_front_matter(
    office_repo: Path, run_presse: RunPresse, tmp_path: Path
) -> None:
    path = tmp_path / "rat.txt"
    path.write_text("Der Stadtrat tagt am Donnerstag.\n", encoding="utf-8")
    result = run_import(
        office_repo,
        run_presse,
        "--title",
        "Stadtrat tagt",
        "--date",
        "2020-06-25T18:00",
        "--category",
        "Stadtrat",
        "--source-url",
        "https://www.forchheim.de/stadtrat",
        str(path),
    )
    assert result.exit_code == 0, result.output
    release = read_release(office_repo / result.stdout.strip())
    assert (release.title, release.date.isoformat()) == (
        "Stadtrat tagt",
        "2020-06-25T18:00:00+02:00",
    )
    assert (release.category, release.source_url) == (
        "Stadtrat",
        "https://www.forchheim.de/stadtrat",
    )
    assert release.body.strip() == "Der Stadtrat tagt am Donnerstag."  # --title: line 1 is text


def batch_folder(tmp_path: Path) -> Path:
    """A folder as an office has one: good files of each kind, bad ones and a photo."""
    folder = tmp_path / "eingang"
    (folder / "word").mkdir(parents=True)
    for kind, index in (("markdown", 2), ("text", 3), ("typo3", 4)):
        path = inputs(kind)[index][0]
        (folder / path.name).write_bytes(path.read_bytes())
    write_docx(sources()[6], 6, folder / "word" / "haushalt.docx")
    (folder / "word" / "~$haushalt.docx").write_bytes(b"\x00lock")  # Word's lock file
    (folder / "leer.txt").write_bytes(b"")
    (folder / "404.html").write_text(EMPTY_PAGE, encoding="utf-8")
    (folder / "foto.jpg").write_bytes(b"\xff\xd8\xff\xe0JFIF")
    return folder


def test_a_folder_imports_the_good_files_and_lists_the_rest(
    office_repo: Path, run_presse: RunPresse, tmp_path: Path
) -> None:
    folder = batch_folder(tmp_path)
    there = run_import(office_repo, run_presse, str(inputs("markdown")[2][0]))
    assert there.exit_code == 0, there.output
    before = snapshot(office_repo)
    dry = run_import(office_repo, run_presse, "--dry-run", str(folder))
    assert dry.exit_code == 1
    assert snapshot(office_repo) == before
    assert dry.stdout.count("would create") == 3
    result = run_import(office_repo, run_presse, str(folder))
    assert result.exit_code == 1
    refused = result.stderr.splitlines()
    assert len(refused) == 2
    assert any("leer.txt: the file is empty" in line for line in refused)
    assert any("404.html: no article found" in line for line in refused)
    lines = result.stdout.splitlines()
    created = [line.split()[1] for line in lines if line.startswith("created")]
    titles = {read_release(office_repo / path).title for path in created}
    assert titles == {sources()[i]["title"] for i in (3, 4, 6)}
    assert next(line for line in lines if line.startswith("skipped")).split()[1] == (
        there.stdout.strip()
    )
    assert lines[-1].startswith("6 inputs: 3 created, 1 skipped, 2 refused")
    assert lines[-1].endswith("1 other files not read (foto.jpg)")
    again = run_import(office_repo, run_presse, str(folder / "*.md"))
    assert again.exit_code == 0, again.output
    assert again.stdout.splitlines()[0].startswith("skipped")
    assert "1 inputs: 0 created, 1 skipped, 0 refused" in again.stdout


def test_files_named_one_by_one_are_imported_all_or_none(
    office_repo: Path, run_presse: RunPresse, tmp_path: Path
) -> None:
    good = tmp_path / "rat.txt"
    good.write_text(GOOD_TEXT, encoding="utf-8")
    empty = tmp_path / "leer.txt"
    empty.write_bytes(b"")
    before = snapshot(office_repo)
    one_error(run_import(office_repo, run_presse, str(good), str(empty)), "leer.txt", "empty")
    assert snapshot(office_repo) == before


PASTED = """Pressemitteilung

25.06.2020

Sommerfest im Rathaushof

25. Juni 2020 – Die Stadt lädt alle Bürgerinnen und Bürger zum Sommerfest in den
Rathaushof ein. Es spielt die Stadtkapelle.

Pressekontakt:
Stadt Forchheim
Birkenfelder Straße 2
91301 Forchheim
"""
FRENCH = {
    "Sommerfest im Rathaushof": "Fête d’été dans la cour de l’hôtel de ville",
    "25\\. Juni 2020 – Die Stadt lädt alle Bürgerinnen und Bürger zum Sommerfest in den "
    "Rathaushof ein.": "25 juin 2020 – La ville invite tous les habitants à la fête d’été "
    "dans la cour de l’hôtel de ville.",
    "Es spielt die Stadtkapelle.": "La fanfare municipale joue.",
    "Pressekontakt:\nStadt Forchheim\nBirkenfelder Straße 2\n91301 Forchheim": (
        "Contact presse\u00a0:\nVille de Forchheim\nBirkenfelder Straße 2\n91301 Forchheim"
    ),
}


def test_what_is_imported_reaches_the_french_page_and_the_kit_undamaged(
    run_presse: RunPresse, tmp_path: Path
) -> None:
    office_repo = tmp_path / "forchheim"  # an office that is not the Landkreis Harz
    office = ("--office", "Stadt Forchheim", "--office-fr", "la Ville de Forchheim")
    partner = ("--partner", "Ville du Perreux-sur-Marne", "--licence", "CC BY 4.0")
    assert run_presse("init", str(office_repo), *office, *partner, "--no-git").exit_code == 0
    pasted = tmp_path / "sommerfest.txt"
    pasted.write_text(PASTED, encoding="utf-8")
    url = "https://www.forchheim.de/aktuelles/sommerfest"
    imported = run_import(office_repo, run_presse, "--source-url", url, str(pasted))
    assert imported.exit_code == 0, imported.output
    release = read_release(office_repo / imported.stdout.strip())
    assert release.source_url == url
    repo = ["--repo", str(office_repo)]
    assert run_presse(*repo, "extract").exit_code == 0
    po_path = office_repo / "locale" / "fr" / "LC_MESSAGES" / f"{release.slug}.po"
    catalog = polib.pofile(str(po_path))
    # The date at the paragraph's start is one sentence; the address is one message.
    assert sorted(e.msgid for e in catalog) == sorted(FRENCH)
    catalog.metadata["Last-Translator"] = "Marie Dupont <marie.dupont@example.fr>"
    for entry in catalog:
        entry.msgstr = FRENCH[entry.msgid]
        if "fuzzy" in entry.flags:
            entry.flags.remove("fuzzy")
    catalog.save()
    approved = run_presse(*repo, "approve", release.slug, "--by", "Paul Martin")
    assert approved.exit_code == 0, approved.output
    assert run_presse(*repo, "build").exit_code == 0
    pages = list((office_repo / "site" / "fr").glob("*/index.html"))
    assert len(pages) == 1
    page = pages[0].read_text("utf-8")
    assert "Contact presse\u00a0:<br>\nVille de Forchheim<br>\nBirkenfelder Straße 2<br>" in page
    assert "\\" not in page
    kit = next((office_repo / "site" / "partner").glob("*.txt")).read_text("utf-8")
    assert (
        "Contact presse\u00a0:\nVille de Forchheim\nBirkenfelder Straße 2\n91301 Forchheim" in kit
    )
    assert "25 juin 2020 – La ville invite" in kit


def dry_run(repo: Path, run_presse: RunPresse, path: Path, *args: str) -> str:
    result = run_import(repo, run_presse, "--dry-run", *args, str(path))
    assert result.exit_code == 0, result.output
    return result.stdout


def test_pasted_text_keeps_what_markdown_would_read_as_markup_as_text(
    office_repo: Path, run_presse: RunPresse, tmp_path: Path
) -> None:
    path = tmp_path / "verein.txt"
    path.write_text(
        "Ehrenamtspreis 2024\t \n\n"
        "Die Stadt ehrt Bürger*innen, die sich für Kinder <6 Jahre einsetzen,\u00a0und\n"
        "den 1. FC Forchheim für seine Jugendarbeit [siehe Anlage].\n\n"
        "- Verleihung im Rathaus\n- Empfang im Foyer\n\n"
        "Kontakt:\n1. Bürgermeisterin\n# Zimmer 12\nStadt Forchheim\n",
        encoding="utf-8",
    )
    text = dry_run(office_repo, run_presse, path, "--date", "2024-03-01")
    assert text.split("---\n", 2)[2].strip().split("\n\n") == [
        "Die Stadt ehrt Bürger\\*innen, die sich für Kinder <6 Jahre einsetzen, und den "
        "1. FC Forchheim für seine Jugendarbeit \\[siehe Anlage\\].",
        "- Verleihung im Rathaus\n- Empfang im Foyer",
        "Kontakt:\\\n1\\. Bürgermeisterin\\\n\\# Zimmer 12\\\nStadt Forchheim",
    ]
    assert "title: Ehrenamtspreis 2024\n" in text


def test_markdown_takes_embargo_and_contact_and_names_the_rest(
    office_repo: Path, run_presse: RunPresse, tmp_path: Path
) -> None:
    path = tmp_path / "haushalt.md"
    path.write_text(
        "---\ntitle: Haushalt 2025\ndate: 2024-12-12 18:00\nembargo: 2024-12-12T20:00\n"
        "contact: Pressestelle, Telefon 09191 714-0\nauthor: Pressestelle\nweight: 3\n---\n\n"
        "Der Stadtrat hat den Haushalt beschlossen.\n",
        encoding="utf-8",
    )
    result = run_import(office_repo, run_presse, str(path))
    assert result.exit_code == 0, result.output
    release = read_release(office_repo / result.stdout.strip())
    assert release.date.isoformat() == "2024-12-12T18:00:00+01:00"
    assert (
        release.embargo is not None and release.embargo.isoformat() == "2024-12-12T20:00:00+01:00"
    )
    assert release.contact == "Pressestelle, Telefon 09191 714-0"
    assert result.stderr.strip().endswith("not kept: author, weight")


def test_markdown_without_front_matter_takes_its_heading_as_title(
    office_repo: Path, run_presse: RunPresse, tmp_path: Path
) -> None:
    path = tmp_path / "notiz.md"
    path.write_text("# Freibad öffnet\n\nDas Freibad öffnet am *1. Mai*.\n", encoding="utf-8")
    text = dry_run(office_repo, run_presse, path, "--date", "25.04.2024")
    assert "title: Freibad öffnet\ndate: 2024-04-25T00:00:00+02:00\n" in text
    assert text.endswith("\n\nDas Freibad öffnet am *1. Mai*.\n")


def test_a_page_without_canonical_link_resolves_links_against_source_url(
    office_repo: Path, run_presse: RunPresse, tmp_path: Path
) -> None:
    path = tmp_path / "seite.html"
    path.write_text(
        "<html><body><main><article><h1>Neue Kita eröffnet</h1>"
        "<time datetime='2024-09-02T10:00:00+02:00'>2. September 2024</time>"
        "<div>Die Stadt hat am Montag die Kita Sonnenschein eröffnet.<br>Sie bietet "
        "80 Plätze für Kinder ab einem Jahr und hat einen großen Garten mit Spielplatz.</div>"
        "<blockquote><p>„Jeder Platz zählt“, sagte die Bürgermeisterin.</p></blockquote>"
        "<ul><li>Krippe<ul><li>zwei Gruppen</li></ul></li><li>Kindergarten</li></ul>"
        "<p>Anmeldung über <a href='/kita/anmeldung'>das Kita-Portal</a>.</p>"
        "</article></main><footer>Impressum</footer></body></html>",
        encoding="utf-8",
    )
    text = dry_run(office_repo, run_presse, path, "--source-url", "https://www.forchheim.de/x")
    assert "date: 2024-09-02T10:00:00+02:00\n" in text
    assert text.split("---\n", 2)[2].strip().split("\n\n") == [
        "Die Stadt hat am Montag die Kita Sonnenschein eröffnet.\\\nSie bietet 80 Plätze für "
        "Kinder ab einem Jahr und hat einen großen Garten mit Spielplatz.",
        "> „Jeder Platz zählt“, sagte die Bürgermeisterin.",
        "- Krippe\n  - zwei Gruppen\n- Kindergarten",
        "Anmeldung über [das Kita-Portal](https://www.forchheim.de/kita/anmeldung).",
    ]
