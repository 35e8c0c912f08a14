"""German release files (front matter + Markdown) and slugs."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from click.testing import Result
from tree_helpers import line_number, snapshot

from presse.documents.release import Release, parse_release, render_release
from presse.documents.slug import MAX_SLUG_LENGTH, ascii_words, is_valid_slug, make_slug
from presse.errors import PresseError

RunPresse = Callable[..., Result]
STEM = "2016-09-08-delegation-in-belfort"
GOOD = (
    "---\n"
    "title: Delegation in Belfort\n"
    "date: 2016-09-08T09:53:24+02:00\n"
    "category: Presseinfos\n"
    "---\n"
    "\n"
    "Eine offizielle Delegation war zu Gast.\n"
    "\n"
    "Ein zweiter Absatz.\n"
)


def edit(old: str, new: str, text: str = GOOD) -> str:
    assert old in text, old
    return text.replace(old, new, 1)


def test_parse_a_release() -> None:
    release = parse_release(GOOD, f"releases/de/{STEM}.md")
    assert release.slug == STEM
    assert release.title == "Delegation in Belfort"
    assert release.date == datetime.fromisoformat("2016-09-08T09:53:24+02:00")
    assert release.date.utcoffset() == timedelta(hours=2)
    assert release.category == "Presseinfos"
    assert release.body == "\nEine offizielle Delegation war zu Gast.\n\nEin zweiter Absatz.\n"
    assert release.body_line == 6
    assert release.line_of("category") == 4


def test_optional_fields_and_a_matching_slug() -> None:
    text = edit(
        "category: Presseinfos\n",
        "category: Presseinfos\nsummary: Kurz\nsource_url: https://www.kreis-hz.de/x\n"
        f"embargo: 2016-09-08T12:00:00+02:00\ncontact: Pressestelle\nslug: {STEM}\n",
    )
    release = parse_release(text, f"{STEM}.md")
    assert release.summary == "Kurz"
    assert release.source_url == "https://www.kreis-hz.de/x"
    assert release.embargo == datetime.fromisoformat("2016-09-08T12:00:00+02:00")
    assert release.contact == "Pressestelle"


@pytest.mark.parametrize(
    "title",
    [
        "Landrat: „Wir freuen uns“",
        "#Harz – Belfort",
        "- keine Liste",
        "'Zitat' und \"Zitat\"",
        "Ja",
        "2016",
        "Tagesordnung: 1. Sitzung; Punkt #3 @ Halberstadt",
    ],
)
def test_render_then_parse_keeps_the_title(title: str) -> None:
    release = Release(
        slug=STEM,
        title=title,
        date=datetime.fromisoformat("2016-09-08T09:53:24+02:00"),
        body="Text „mit“ Anführungszeichen.\n",
        category="Presseinfos",
    )
    text = render_release(release)
    again = parse_release(text, f"{STEM}.md")
    assert again.title == title
    assert again.date == release.date
    assert again.body.strip() == release.body.strip()
    assert render_release(again) == text


def test_render_writes_fields_in_a_fixed_order() -> None:
    release = parse_release(GOOD, f"{STEM}.md")
    assert render_release(release) == GOOD


def test_a_byte_order_mark_and_windows_line_ends_are_accepted(
    office_repo: Path, run_presse: RunPresse
) -> None:
    text = "\ufeff" + GOOD.replace("\n", "\r\n")
    (office_repo / "releases" / "de" / f"{STEM}.md").write_bytes(text.encode("utf-8"))
    result = run_presse("--repo", str(office_repo), "status")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0] == f"2016-09-08  {STEM}  Delegation in Belfort"


BAD_RELEASES = [
    pytest.param(
        edit("title: Delegation in Belfort\n", "title: Delegation in Belfort\ntitle: Entwurf\n"),
        STEM,
        "title: Entwurf",
        "'title' is given twice (first on line 2)",
        id="title-given-twice",
    ),
    pytest.param(
        edit("title: Delegation in Belfort", "title: Delegation: in Belfort"),
        STEM,
        "title:",
        "invalid YAML",
        id="front-matter-not-yaml",
    ),
    pytest.param(edit("title: Delegation in Belfort\n", ""), STEM, "---", "'title'", id="no-title"),
    pytest.param(
        edit("date: 2016-09-08T09:53:24+02:00\n", ""), STEM, "---", "'date'", id="no-date"
    ),
    pytest.param(
        edit("2016-09-08T09:53:24", "2016-09-31T09:53:24"),
        STEM,
        "date:",
        "not an ISO 8601 date-time",
        id="date-does-not-parse",
    ),
    pytest.param(
        edit("2016-09-08T09:53:24+02:00", "8. September 2016"),
        STEM,
        "date:",
        "not an ISO 8601 date-time",
        id="date-in-words",
    ),
    pytest.param(
        edit("2016-09-08T09:53:24+02:00", "2016-09-08T09:53:24"),
        STEM,
        "date:",
        "no offset",
        id="date-without-offset",
    ),
    pytest.param(
        edit("2016-09-08T09:53:24+02:00", "2016-09-08"),
        STEM,
        "date:",
        "2016-09-08T00:00:00+02:00",
        id="date-without-time",
    ),
    pytest.param(
        edit("category: Presseinfos\n", "category: Presseinfos\nslug: 2016-09-08-x\n"),
        STEM,
        "slug:",
        "does not match the file name",
        id="slug-differs",
    ),
    pytest.param(
        GOOD,
        "2016-09-07-delegation-in-belfort",
        "date:",
        "release date 2016-09-08",
        id="file-name-date-differs",
    ),
    pytest.param(
        GOOD, "2016-09-08-Delegation_in_Belfort", "---", "not a slug", id="file-name-not-a-slug"
    ),
    pytest.param(
        edit("category: Presseinfos\n", "category: Presseinfos\nautor: Anna\n"),
        STEM,
        "autor:",
        "unknown front matter key 'autor'",
        id="unknown-key",
    ),
    pytest.param(
        edit("title: Delegation in Belfort", "title: [Delegation]"),
        STEM,
        "title:",
        "'title' must be text",
        id="title-not-text",
    ),
    pytest.param(
        edit("category: Presseinfos\n", "category: Presseinfos\nembargo: 2016-09-08T12:00\n"),
        STEM,
        "embargo:",
        "'embargo'",
        id="embargo-without-offset",
    ),
    pytest.param(
        "title: Delegation\n" + GOOD,
        STEM,
        "title: Delegation",
        "front matter",
        id="no-front-matter",
    ),
]


@pytest.mark.parametrize(("text", "stem", "needle", "words"), BAD_RELEASES)
def test_a_bad_release_is_one_line_naming_file_and_line(
    office_repo: Path, run_presse: RunPresse, text: str, stem: str, needle: str, words: str
) -> None:
    path = office_repo / "releases" / "de" / f"{stem}.md"
    path.write_text(text, encoding="utf-8")
    before = snapshot(office_repo)
    result = run_presse("--repo", str(office_repo), "status")
    assert result.exit_code == 1
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1, lines
    assert lines[0].startswith(f"{path}:{line_number(text, needle)}: "), lines[0]
    assert words in lines[0]
    assert snapshot(office_repo) == before


def test_a_release_that_is_not_utf8_names_the_line_of_the_bad_byte(
    office_repo: Path, run_presse: RunPresse
) -> None:
    text = GOOD + "\nGrüße aus dem Harz.\n"
    path = office_repo / "releases" / "de" / f"{STEM}.md"
    path.write_bytes(text.encode("latin-1"))
    before = snapshot(office_repo)
    result = run_presse("--repo", str(office_repo), "status")
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert len(lines) == 1
    assert lines[0].startswith(f"{path}:{line_number(text, 'Grüße')}: "), lines[0]
    assert "UTF-8" in lines[0] and "0xfc" in lines[0]
    assert snapshot(office_repo) == before


def test_one_bad_release_among_good_ones_prints_no_listing(
    office_repo: Path, run_presse: RunPresse
) -> None:
    folder = office_repo / "releases" / "de"
    (folder / f"{STEM}.md").write_text(GOOD, encoding="utf-8")
    (folder / "2016-09-09-kaputt.md").write_text(edit("title: Delegation in Belfort\n", ""))
    result = run_presse("--repo", str(office_repo), "status", "--json")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert len(result.stderr.splitlines()) == 1
    assert "2016-09-09-kaputt.md:1: " in result.stderr


def test_an_unclosed_quote_names_the_line_that_opens_it() -> None:
    text = edit("category: Presseinfos", 'category: "Presseinfos')
    with pytest.raises(PresseError) as caught:
        parse_release(text, f"{STEM}.md")
    assert caught.value.line == line_number(text, "category:")


# Slugs


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        (
            "Eine Delegation aus dem Harz war zu Gast in der Partnerregion Belfort",
            "2016-09-08-eine-delegation-aus-dem-harz-war-zu-gast-in-der-partnerregion-belfort",
        ),
        ("Äpfel, Öl und Übermut", "2016-09-08-aepfel-oel-und-uebermut"),
        (
            "Straßensperrung in der GROẞEN Straße",
            "2016-09-08-strassensperrung-in-der-grossen-strasse",
        ),
        (
            "Café in Montbéliard – Besuch à Belfort",
            "2016-09-08-cafe-in-montbeliard-besuch-a-belfort",
        ),
        ("„Zukunft“: 1.500 Euro für Œuvre!", "2016-09-08-zukunft-1-500-euro-fuer-oeuvre"),
        ("  --- ", "2016-09-08-release"),
    ],
)
def test_make_slug(title: str, slug: str) -> None:
    assert make_slug(title, date(2016, 9, 8)) == slug
    assert is_valid_slug(slug)


def test_a_long_title_is_cut_on_a_word_boundary() -> None:
    title = (
        "Landrat Martin Skiebe empfängt die Delegation aus der französischen Partnerregion "
        "Territoire de Belfort zum Wirtschaftsforum Harz im Schloss Wernigerode"
    )
    slug = make_slug(title, date(2016, 9, 8))
    assert len(slug) <= MAX_SLUG_LENGTH
    assert is_valid_slug(slug)
    words = ascii_words(title)
    kept = slug.removeprefix("2016-09-08-").split("-")
    assert kept == words[: len(kept)]  # whole words, none cut
    assert len(kept) < len(words)
    assert len(slug) + 1 + len(words[len(kept)]) > MAX_SLUG_LENGTH  # the next would not fit
    assert slug == (
        "2016-09-08-landrat-martin-skiebe-empfaengt-die-delegation-aus-der-franzoesischen"
    )


def test_a_single_overlong_word_is_cut_to_the_limit() -> None:
    slug = make_slug("Donaudampfschifffahrts" * 6, date(2016, 9, 8))
    assert len(slug) == MAX_SLUG_LENGTH
    assert is_valid_slug(slug)


@pytest.mark.parametrize(
    "slug",
    [
        "2016-09-08-",
        "2016-9-8-harz",
        "2016-09-08-Harz",
        "2016-09-08-harz--belfort",
        "2016-09-08-harz-",
        "harz-2016-09-08",
    ],
)
def test_invalid_slugs(slug: str) -> None:
    assert not is_valid_slug(slug)
