"""Tests of presse.documents.segment: German sentence splitting and Markdown blocks."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from presse.documents.segment import (
    Block,
    Sentence,
    clear_cache,
    markdown_blocks,
    rebuild_markdown,
    split_sentences,
)

SCORING_PATH = Path(__file__).parent / "data" / "segmentation" / "scoring.py"


def _load_scoring() -> ModuleType:
    name = "presse_segmentation_scoring"
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, SCORING_PATH)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


scoring = _load_scoring()
GOLD = scoring.load_gold()


def texts(text: str) -> list[str]:
    return [sentence.text for sentence in split_sentences(text)]


def presse_boundaries(text: str) -> frozenset[int]:
    return scoring.boundaries_from_starts(text, [s.start for s in split_sentences(text)[1:]])


# ---------------------------------------------------------------------------------------
# What must never be split. Each text is two sentences; the first holds the hard case.

NEVER_SPLIT = {
    "ordinal date": (
        "Der 15. April stand ganz im Zeichen des Tourismus: Gäste kamen aus ganz Europa.",
        "Danach wurde gefeiert.",
    ),
    "ordinal date at the end of a clause": (
        "Die Ausstellung öffnet am 2. Oktober im Kreisarchiv.",
        "Der Eintritt ist frei.",
    ),
    "title chain": (
        "Herr Prof. Dr. Westermann stellte die Studie vor.",
        "Die Gäste stellten viele Fragen.",
    ),
    "Frau Dr. med.": (
        "Frau Dr. med. Sommerfeld leitet das Amt.",
        "Sie ist seit Januar im Dienst.",
    ),
    "academic titles": (
        "Es sprachen Dr. med. dent. Sommerfeld, Dr. phil. Lindemann und Dr. rer. pol. Krause.",
        "Die Diskussion leitete Dr. med. vet. Albrecht.",
    ),
    "Nrn.": ("Betroffen sind die Häuser Nrn. 3 bis 7.", "Die Anwohner sind informiert."),
    "Art. before a number": ("Es gilt Art. 63 der Verordnung.", "Sie ist seit 2021 in Kraft."),
    "z. B.": ("Gefördert werden z. B. Schulen und Kitas.", "Anträge sind formlos."),
    "u. a. before a noun": (
        "Es spielen Werke von Bach, Händel u. a. Komponisten des Barock.",
        "Der Eintritt ist frei.",
    ),
    "u. a.": ("Betroffen sind u. a. Ilsenburg und Thale.", "Die Abfuhr verschiebt sich."),
    "bzw.": ("Die Gäste kommen aus Niedersachsen bzw. Sachsen.", "Viele bleiben länger."),
    "ca.": ("Es kamen ca. 200 Gäste.", "Der Landrat begrüßte sie."),
    "Nr. 7": ("Gesperrt ist die Brücke Nr. 7 über die Oder.", "Eine Umleitung ist ausgeschildert."),
    "St.": ("Das Konzert ist in St. Andreasberg.", "Beginn ist um 17 Uhr."),
    "Dipl.-Ing.": ("Die Bauleitung hat Dipl.-Ing. Karin Vogelsang.", "Sie ist erfahren."),
    "Abs.": ("Maßgeblich ist § 5 Abs. 2 der Satzung.", "Sie gilt seit 2020."),
    "Sept. before a year": (
        "Die Konferenz ist am 3. Sept. 2026 geplant.",
        "Gäste sind willkommen.",
    ),
    "Sept. before a word": (
        "Das Semester beginnt am 8. Sept. mit 300 Kursen.",
        "Anmeldung online.",
    ),
    "company form": (
        "Beauftragt ist die Muster Bau GmbH & Co. KG aus Wernigerode.",
        "Die Arbeiten beginnen im Mai.",
    ),
    "time": ("Die Sitzung beginnt um 09.00 Uhr im Kreishaus.", "Sie ist öffentlich."),
    "number with thousands": (
        "Der Eintritt kostet 1.500 Euro je Gruppe.",
        "Schulen zahlen nichts.",
    ),
    "URL": (
        "Die Studie steht unter https://www.kreis-hz.example/studie.pdf bereit.",
        "Sie ist kostenlos.",
    ),
    "URL at the end": ("Infos unter www.kreis-hz.example.", "Fragen beantwortet das Amt."),
    "e-mail": (
        "Anfragen gehen an presse@kreis-hz.example oder per Post.",
        "Wir antworten schnell.",
    ),
    "e-mail at the end": ("Schreiben Sie an presse@kreis-hz.example.", "Wir antworten schnell."),
    "Markdown link": (
        "Mehr dazu [hier](https://www.kreis-hz.example/a.html?x=1&y=2) im Netz.",
        "Das Formular ist [online](https://www.kreis-hz.example/f.pdf).",
    ),
}


@pytest.mark.parametrize("case", sorted(NEVER_SPLIT))
def test_never_split(case: str) -> None:
    first, second = NEVER_SPLIT[case]
    assert texts(f"{first} {second}") == [first, second]


@pytest.mark.parametrize("case", sorted(NEVER_SPLIT))
def test_never_split_alone(case: str) -> None:
    first, _ = NEVER_SPLIT[case]
    assert texts(first) == [first]


# ---------------------------------------------------------------------------------------
# Quotes


def test_closing_quote_then_comma_is_one_sentence() -> None:
    assert texts("„Ich freue mich.“, betont er.") == ["„Ich freue mich.“, betont er."]


def test_closing_quote_belongs_to_the_sentence_before() -> None:
    assert texts("„Das ist gut.“ Danach ging es weiter.") == [
        "„Das ist gut.“",
        "Danach ging es weiter.",
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("«Das ist gut.» Danach ging es weiter.", ["«Das ist gut.»", "Danach ging es weiter."]),
        ("»Das ist gut.« Danach ging es weiter.", ["»Das ist gut.«", "Danach ging es weiter."]),
        ("«Vorsorge hilft», sagt sie.", ["«Vorsorge hilft», sagt sie."]),
        (
            "Er sagte: „Wir kommen wieder!“ Dann ging er.",
            ["Er sagte: „Wir kommen wieder!“", "Dann ging er."],
        ),
        (
            "„Weiter so!“, rief er. „Wann geht es los?“, fragte sie.",
            ["„Weiter so!“, rief er.", "„Wann geht es los?“, fragte sie."],
        ),
        (
            "Der Wettbewerb „Unser Dorf hat Zukunft“ startet. Bewerbungen sind möglich.",
            ["Der Wettbewerb „Unser Dorf hat Zukunft“ startet.", "Bewerbungen sind möglich."],
        ),
    ],
)
def test_quotes(text: str, expected: list[str]) -> None:
    assert texts(text) == expected


# ---------------------------------------------------------------------------------------
# Where presse corrects SoMaJo


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Die Sprechstunde entfällt. **Der nächste Termin ist der 10. Juni.** Bitte kommen Sie.",
            [
                "Die Sprechstunde entfällt.",
                "**Der nächste Termin ist der 10. Juni.**",
                "Bitte kommen Sie.",
            ],
        ),
        (
            "Das Kreishaus ist zu. *Die Notdienste bleiben erreichbar.* Danke.",
            ["Das Kreishaus ist zu.", "*Die Notdienste bleiben erreichbar.*", "Danke."],
        ),
        ("_Das ist gut._ Danach ging es weiter.", ["_Das ist gut._", "Danach ging es weiter."]),
        ("Er belegte Platz 3. Die Jury lobte ihn.", ["Er belegte Platz 3.", "Die Jury lobte ihn."]),
        (
            "Auskunft unter 03941 5970-4711. Anfragen auch per Post.",
            ["Auskunft unter 03941 5970-4711.", "Anfragen auch per Post."],
        ),
        (
            "Die Siegerehrung ist am 12.06. Alle Eltern sind eingeladen.",
            ["Die Siegerehrung ist am 12.06.", "Alle Eltern sind eingeladen."],
        ),
        (
            "Die Frist endet am 30. Sept. Danach ist es zu spät.",
            ["Die Frist endet am 30. Sept.", "Danach ist es zu spät."],
        ),
        (
            "Geöffnet ist Mo. bis Fr. Am Wochenende ist geschlossen.",
            ["Geöffnet ist Mo. bis Fr.", "Am Wochenende ist geschlossen."],
        ),
        # abbreviations that can end a sentence when no number follows
        ("Das ist eine neue Art. Der Landrat kam.", ["Das ist eine neue Art.", "Der Landrat kam."]),
        (
            "Sie erreichen uns per Fax. Die Nummer steht unten.",
            ["Sie erreichen uns per Fax.", "Die Nummer steht unten."],
        ),
        (
            "Maßgeblich ist § 71 Abs. 3 Satz 1. Die Formulare gibt es online.",
            ["Maßgeblich ist § 71 Abs. 3 Satz 1.", "Die Formulare gibt es online."],
        ),
    ],
)
def test_corrections(text: str, expected: list[str]) -> None:
    assert texts(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Sie feierte ihren 100. Geburtstag im Kreise der Familie.",
        "Am 1. Advent spricht der 2. Bürgermeister.",
        "Die Gender-Schreibweise Bürger*innen bleibt ein Wort.",
        "Die Datei heißt plan_2025_final.pdf und liegt bereit.",
    ],
)
def test_no_spurious_split(text: str) -> None:
    assert texts(text) == [text]


# ---------------------------------------------------------------------------------------
# Spans and the exact-join invariant


def test_spans_index_the_text() -> None:
    text = "  Der erste Satz.\nDer zweite Satz!  Der dritte?  \n"
    sentences = split_sentences(text)
    assert [s.text for s in sentences] == ["Der erste Satz.", "Der zweite Satz!", "Der dritte?"]
    for sentence in sentences:
        assert sentence == Sentence(
            text[sentence.start : sentence.end], sentence.start, sentence.end
        )
    assert sentences[0].start == 2
    assert sentences[-1].end == len(text.rstrip())


@pytest.mark.parametrize("text", ["", " ", "\n\t "])
def test_blank_text_has_no_sentences(text: str) -> None:
    assert split_sentences(text) == []


def test_soft_line_break_between_sentences() -> None:
    text = "Die Veranstaltung ist am 1. Mai.\nAnmeldung bis 20. April."
    sentences = split_sentences(text)
    assert [s.text for s in sentences] == [
        "Die Veranstaltung ist am 1. Mai.",
        "Anmeldung bis 20. April.",
    ]
    assert text[sentences[0].end : sentences[1].start] == "\n"


def test_cached_result_is_not_shared() -> None:
    clear_cache()
    first = split_sentences("Ein Satz. Noch einer.")
    first.clear()
    assert texts("Ein Satz. Noch einer.") == ["Ein Satz.", "Noch einer."]


def _assert_exact_join(text: str, sentences: list[Sentence]) -> None:
    assert sentences, text
    rebuilt = text[: sentences[0].start]
    for previous, sentence in zip([None, *sentences], sentences, strict=False):
        if previous is not None:
            gap = text[previous.end : sentence.start]
            assert gap and not gap.strip(), (text, previous, sentence)
            rebuilt += gap
        assert sentence.text == text[sentence.start : sentence.end]
        assert sentence.text and sentence.text == sentence.text.strip()
        rebuilt += sentence.text
    rebuilt += text[sentences[-1].end :]
    assert rebuilt == text
    assert not text[: sentences[0].start].strip() and not text[sentences[-1].end :].strip()


GOLD_SENTENCES = [sentence for paragraph in GOLD for sentence in paragraph.sentences]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.tuples(st.sampled_from(GOLD_SENTENCES), st.sampled_from([" ", "\n", "  ", " \n  "])),
        min_size=1,
        max_size=8,
    )
)
def test_sentences_join_back_to_the_text(parts: list[tuple[str, str]]) -> None:
    text = "".join(sentence + space for sentence, space in parts).rstrip()
    sentences = split_sentences(text)
    _assert_exact_join(text, sentences)
    # gold sentences are never cut inside
    boundaries = {s.start for s in sentences}
    position = 0
    for sentence, space in parts:
        for offset in range(position + 1, position + len(sentence)):
            assert offset not in boundaries or text[offset - 1].isspace(), (text, offset)
        position += len(sentence) + len(space)


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab AB.!?\n*_„“«»()[]0123456789-:")), max_size=60))
def test_any_text_joins_back(text: str) -> None:
    sentences = split_sentences(text)
    if not text.strip():
        assert sentences == []
    else:
        _assert_exact_join(text, sentences)


# ---------------------------------------------------------------------------------------
# The gold set


def test_gold_set_is_large_enough() -> None:
    assert len(GOLD_SENTENCES) >= 100
    for paragraph in GOLD:
        assert paragraph.text == " ".join(paragraph.sentences)


def test_f1_on_the_gold_set() -> None:
    clear_cache()
    result = scoring.score(GOLD, presse_boundaries)
    assert result.f1 >= 0.98, "\n".join(scoring.errors(GOLD, presse_boundaries))


# ---------------------------------------------------------------------------------------
# Markdown blocks

BODY = """\
Landkreis Harz
==============

Der 15. April stand ganz im Zeichen des Tourismus: Rund 120 Gäste kamen ins Kreishaus.
Herr Prof. Dr. Westermann stellte die *neue* Studie vor. Sie steht
[hier](https://www.kreis-hz.example/studie_2025.pdf?x=1) bereit.

## Die wichtigsten Ergebnisse ##

- Ca. 40 Prozent der Gäste kommen aus Niedersachsen.
- Gefragt sind u. a. Wanderwege. Auch Radrouten sind beliebt.
  Familien wünschen sich mehr Angebote.
1. Erstens.

> „Der Harz ist ein Ganzjahresziel.“ Das sagte Landrat Beispielmann.
> - Zitierte Liste.

```
Code. Wird nicht segmentiert.
```

    Eingerückter Code. Auch nicht.

<div class="box">HTML. Auch nicht.</div>

| Jahr | Gäste |
| --- | --- |
| 2024. | 1.500. |

Kontakt: **Pressestelle**, presse@kreis-hz.example, Tel. 03941 5970-210.
"""


def test_markdown_blocks_kinds_lines_and_prefixes() -> None:
    blocks = markdown_blocks(BODY)
    summary = [(b.kind, b.start_line, b.end_line, b.prefix) for b in blocks]
    assert summary == [
        ("heading", 1, 2, ""),
        ("paragraph", 4, 6, ""),
        ("heading", 8, 8, "## "),
        ("list_item", 10, 10, "- "),
        ("list_item", 11, 12, "- "),
        ("list_item", 13, 13, "1. "),
        ("blockquote", 15, 15, "> "),
        ("list_item", 16, 16, "> - "),
        ("paragraph", 30, 30, ""),
    ]
    assert all(isinstance(b, Block) for b in blocks)


def test_markdown_blocks_text_and_sentences() -> None:
    blocks = markdown_blocks(BODY)
    assert blocks[0].text == "Landkreis Harz"
    assert blocks[2].text == "Die wichtigsten Ergebnisse"
    paragraph = blocks[1]
    assert [s.text for s in paragraph.sentences] == [
        "Der 15. April stand ganz im Zeichen des Tourismus: Rund 120 Gäste kamen ins Kreishaus.",
        "Herr Prof. Dr. Westermann stellte die *neue* Studie vor.",
        "Sie steht\n[hier](https://www.kreis-hz.example/studie_2025.pdf?x=1) bereit.",
    ]
    assert [s.text for s in blocks[4].sentences] == [
        "Gefragt sind u. a. Wanderwege.",
        "Auch Radrouten sind beliebt.",
        "Familien wünschen sich mehr Angebote.",
    ]
    assert [s.text for s in blocks[6].sentences] == [
        "„Der Harz ist ein Ganzjahresziel.“",
        "Das sagte Landrat Beispielmann.",
    ]
    assert [s.text for s in blocks[8].sentences] == [
        "Kontakt: **Pressestelle**, presse@kreis-hz.example, Tel. 03941 5970-210."
    ]
    for block in blocks:
        _assert_exact_join(block.text, list(block.sentences))


def test_code_html_and_tables_are_skipped() -> None:
    joined = "\n".join(block.text for block in markdown_blocks(BODY))
    for skipped in ("Code.", "HTML.", "Jahr", "2024."):
        assert skipped not in joined


def test_nested_list_item_paragraphs() -> None:
    markdown = "- Erster Absatz.\n\n  Zweiter Absatz im Punkt.\n- - Verschachtelt.\n"
    blocks = markdown_blocks(markdown)
    assert [(b.kind, b.start_line, b.prefix, b.text) for b in blocks] == [
        ("list_item", 1, "- ", "Erster Absatz."),
        ("list_item", 3, "  ", "Zweiter Absatz im Punkt."),
        ("list_item", 4, "- - ", "Verschachtelt."),
    ]


def test_rebuild_with_own_text_gives_back_the_original() -> None:
    replacements = {block.start_line: block.text for block in markdown_blocks(BODY)}
    assert rebuild_markdown(BODY, replacements) == BODY
    assert rebuild_markdown(BODY, {}) == BODY


def test_rebuild_keeps_crlf_and_odd_layouts() -> None:
    markdown = "# Titel #  \r\n\r\nZeile eins\r\n   Zeile zwei.\r\n\r\n> faul\nweiter.\r\n"
    replacements = {block.start_line: block.text for block in markdown_blocks(markdown)}
    assert rebuild_markdown(markdown, replacements) == markdown


def test_rebuild_with_translations() -> None:
    blocks = markdown_blocks(BODY)
    french = {block.start_line: f"FR {block.text.replace(chr(10), ' ')}" for block in blocks}
    rebuilt = rebuild_markdown(BODY, french)
    again = markdown_blocks(rebuilt)
    assert [(b.kind, b.prefix) for b in again] == [(b.kind, b.prefix) for b in blocks]
    assert [b.text for b in again] == [french[b.start_line] for b in blocks]
    # everything that is not a block's text is untouched
    assert "```\nCode. Wird nicht segmentiert.\n```" in rebuilt
    assert "| 2024. | 1.500. |" in rebuilt
    assert rebuilt.startswith("FR Landkreis Harz\n==============\n\nFR Der 15. April")
    assert "## FR Die wichtigsten Ergebnisse ##" in rebuilt
    assert "> - FR Zitierte Liste." in rebuilt


def test_rebuild_one_block() -> None:
    markdown = "# Titel\n\nEin Absatz.\nZwei Zeilen.\n\n- Punkt\n"
    assert rebuild_markdown(markdown, {3: "Un paragraphe."}) == (
        "# Titel\n\nUn paragraphe.\n\n- Punkt\n"
    )


def test_rebuild_multi_line_replacement_keeps_the_container() -> None:
    markdown = "- Punkt eins.\n\n> Zitat.\n"
    rebuilt = rebuild_markdown(markdown, {1: "Point un.\nSuite.", 3: "Citation.\nSuite."})
    assert rebuilt == "- Point un.\n  Suite.\n\n> Citation.\n> Suite.\n"
    assert [(b.kind, b.text) for b in markdown_blocks(rebuilt)] == [
        ("list_item", "Point un.\nSuite."),
        ("blockquote", "Citation.\nSuite."),
    ]


def test_rebuild_unknown_line() -> None:
    with pytest.raises(KeyError):
        rebuild_markdown("# Titel\n", {2: "x"})


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["", "- ", "> ", "1. ", "## ", "  ", "    ", "> - ", "\t", "==="]),
            st.sampled_from(["", *GOLD_SENTENCES[:20], "```", "| a | b |", "|---|---|"]),
        ).map("".join),
        max_size=12,
    ),
    st.sampled_from(["\n", "\r\n"]),
)
def test_rebuild_round_trip_property(lines: list[str], eol: str) -> None:
    markdown = eol.join(lines)
    replacements = {block.start_line: block.text for block in markdown_blocks(markdown)}
    assert rebuild_markdown(markdown, replacements) == markdown
