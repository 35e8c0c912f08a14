"""The French release file: parse, render, hand edits, errors with file and line."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from site_fixture import APPROVED, CORRECTED, FIXTURES

from presse.documents.french import (
    body_digest,
    new_french_release,
    parse_french_release,
    read_french_release,
    render_french_release,
    translate_category,
    write_french_release,
)
from presse.documents.release import read_release
from presse.errors import PresseError

OFFICE = FIXTURES / "office"


def fixture_text(slug: str) -> str:
    return (OFFICE / "releases" / "fr" / f"{slug}.md").read_text(encoding="utf-8")


def test_fixture_round_trips_byte_for_byte() -> None:
    for slug in (APPROVED, CORRECTED):
        text = fixture_text(slug)
        fr = parse_french_release(text, Path(f"releases/fr/{slug}.md"))
        assert render_french_release(fr) == text
        assert not fr.edited_by_hand
        assert fr.source_slug == slug and fr.source_language == "de"


def test_fields_are_parsed() -> None:
    fr = parse_french_release(fixture_text(CORRECTED), Path(f"{CORRECTED}.md"))
    assert fr.title == "Une nouvelle ligne de bus dessert les villes du Harz"
    assert fr.date == datetime.fromisoformat("2016-09-01T11:00:00+02:00")
    assert fr.translation_of == f"de/{CORRECTED}"
    assert fr.slug == "2016-09-01-une-nouvelle-ligne-de-bus-relie-les-villes-du-harz"
    assert fr.category == "Communiqués de presse"
    assert fr.approved_by == "Claire Martin"
    assert fr.corrected_at == datetime.fromisoformat("2016-10-03T09:30:00+02:00")
    assert fr.last_modified == fr.corrected_at


def test_a_hand_edit_shows(tmp_path: Path) -> None:
    text = fixture_text(APPROVED).replace("mercredi", "jeudi")
    fr = parse_french_release(text, Path(f"{APPROVED}.md"))
    assert fr.edited_by_hand
    assert not fr.with_body(fr.body).edited_by_hand
    # Line ends and blank lines around the body do not count as an edit.
    crlf = fixture_text(APPROVED).replace("\n", "\r\n") + "\r\n\r\n"
    assert not parse_french_release(crlf, Path(f"{APPROVED}.md")).edited_by_hand


def test_write_and_read(tmp_path: Path) -> None:
    german = read_release(OFFICE / "releases" / "de" / f"{APPROVED}.md")
    approved = datetime.fromisoformat("2016-09-09T14:00:00+02:00")
    fr = new_french_release(
        german,
        title="Titre : essai",
        body="Corps.\n",
        source_hash="ab" * 32,
        catalog_hash="cd" * 32,
        approved_by="Claire Martin",
        approved_at=approved,
    )
    assert fr.category == translate_category("Presseinfos") == "Communiqués de presse"
    assert fr.slug == "2016-09-08-titre-essai" and fr.corrected_at is None
    assert fr.body_hash == body_digest("Corps.")
    path = tmp_path / f"{APPROVED}.md"
    assert write_french_release(path, fr)
    assert not write_french_release(path, fr)
    assert read_french_release(path) == fr
    again = new_french_release(
        german,
        title="Autre titre",
        body="Corps corrigé.\n",
        source_hash="ab" * 32,
        catalog_hash="cd" * 32,
        approved_by="Claire Martin",
        approved_at=datetime.fromisoformat("2016-10-03T09:30:00+02:00"),
        previous=fr,
    )
    assert again.slug == fr.slug and again.corrected_at == again.approved_at


@pytest.mark.parametrize(
    ("change", "message", "line"),
    [
        (("slug: 2016", "slug: 'Not a slug' #"), "is not a slug", 5),
        ((f"translation_of: de/{APPROVED}", "translation_of: de/other"), "file name", 4),
        (("source_hash: a1b2", "source_hash: zz"), "hex digest", 8),
        (("approved_at: 2016-09-09T14:00:00+02:00", "approved_at: 2016-09-09"), "no offset", 11),
        (("approved_by: Claire Martin\n", "approved_by: Claire Martin\nextra: 1\n"), "unknown", 11),
        (("approved_by: Claire Martin\n", ""), "lacks 'approved_by'", 1),
    ],
)
def test_errors_name_file_and_line(change: tuple[str, str], message: str, line: int) -> None:
    text = fixture_text(APPROVED)
    assert change[0] in text
    broken = text.replace(change[0], change[1], 1)
    with pytest.raises(PresseError, match=message) as caught:
        parse_french_release(broken, Path(f"releases/fr/{APPROVED}.md"))
    assert caught.value.line == line
    assert caught.value.path == Path(f"releases/fr/{APPROVED}.md")


def test_missing_front_matter_is_an_error() -> None:
    with pytest.raises(PresseError, match="front matter") as caught:
        parse_french_release("Bonjour\n", Path("x.md"))
    assert caught.value.line == 1


def test_every_problem_of_the_front_matter_is_reported_at_once() -> None:
    text = fixture_text(APPROVED)
    broken = text.replace("source_hash: a1b2", "source_hash: zz", 1).replace(
        "approved_at: 2016-09-09T14:00:00+02:00", "approved_at: 2016-09-09", 1
    )
    with pytest.raises(PresseError) as caught:
        parse_french_release(broken, Path(f"releases/fr/{APPROVED}.md"))
    lines = str(caught.value).splitlines()
    assert [line.split(":")[1] for line in lines] == ["8", "11"]
    assert "hex digest" in lines[0] and "no offset" in lines[1]
