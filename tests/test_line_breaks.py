"""What import writes survives segmentation: escaped punctuation and hard line breaks."""

from __future__ import annotations

from datetime import UTC, datetime

from presse.checks._text import mask
from presse.documents.catalog import release_segments
from presse.documents.release import Release
from presse.documents.segment import split_sentences
from presse.site.render import plain_text
from presse.steps.approve import french_block

ADDRESS = "Kontakt:\\\nStadt Forchheim\\\nBirkenfelder Straße 2\\\n91301 Forchheim"


def release(body: str) -> Release:
    return Release("2020-06-25-test", "Test", datetime(2020, 6, 25, tzinfo=UTC), body)


def test_an_escaped_ordinal_at_a_paragraph_start_is_not_cut() -> None:
    text = "25\\. Juni 2020 – Der Kreistag tagt im Rathaus. Er beschließt den Haushalt."
    assert [s.text for s in split_sentences(text)] == [
        "25\\. Juni 2020 – Der Kreistag tagt im Rathaus.",
        "Er beschließt den Haushalt.",
    ]
    assert [s.text for s in split_sentences("3\\. Platz für die Feuerwehr Hasselfelde.")] == [
        "3\\. Platz für die Feuerwehr Hasselfelde."
    ]


def test_the_checks_read_an_escaped_date_as_a_date() -> None:
    assert mask("25\\. Juni 2020") == " 25. Juni 2020"


def test_an_address_block_is_one_message_with_its_lines() -> None:
    segments = release_segments(release(ADDRESS))
    assert [s.msgid for s in segments[1:]] == [
        "Kontakt:\nStadt Forchheim\nBirkenfelder Straße 2\n91301 Forchheim"
    ]


def test_a_line_break_between_sentences_stays_out_of_them() -> None:
    segments = release_segments(release("Der Satz endet hier.\\\nDer nächste folgt."))
    assert [(s.msgid, s.breaks_after) for s in segments[1:]] == [
        ("Der Satz endet hier.", True),
        ("Der nächste folgt.", False),
    ]


def test_a_break_of_two_spaces_is_a_line_break_too() -> None:
    segments = release_segments(release("Der Satz endet hier.  \nDer nächste folgt."))
    assert [(s.msgid, s.breaks_after) for s in segments[1:]] == [
        ("Der Satz endet hier.", True),
        ("Der nächste folgt.", False),
    ]
    address = release_segments(release("Stadt Forchheim  \nRathaus"))
    assert [s.msgid for s in address[1:]] == ["Stadt Forchheim\nRathaus"]


def test_the_french_block_gets_its_hard_breaks_back() -> None:
    address = "Contact :\nVille de Forchheim\n91301 Forchheim"
    assert french_block([(address, False)]) == (
        "Contact :\\\nVille de Forchheim\\\n91301 Forchheim"
    )
    assert french_block([("La phrase finit ici.", True), ("La suivante.", False)]) == (
        "La phrase finit ici.\\\nLa suivante."
    )
    assert french_block([("Un.", False), ("Deux.", False)]) == "Un. Deux."


def test_the_kit_text_keeps_the_lines_of_an_address() -> None:
    html = "<p>Contact :<br>\nVille de Forchheim<br>\n91301 Forchheim</p>"
    assert plain_text(html) == "Contact :\nVille de Forchheim\n91301 Forchheim\n"
