"""The glossary: what a translator or reviewer notices when terms are matched, checked, exported."""

from __future__ import annotations

import csv
import io
import textwrap
from pathlib import Path

import pytest
from deepl.util import convert_tsv_to_dict
from lxml import etree

from presse.errors import PresseError
from presse.glossary.export import export_csv, export_deepl, export_tbx
from presse.glossary.load import load_glossary, parse_glossary
from presse.glossary.matching import EMPTY_GLOSSARY, Glossary
from presse.glossary.suggest import Candidate, suggest
from presse.glossary.terms import Term

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data" / "glossary"


def glossary(yaml_text: str) -> Glossary:
    return parse_glossary(textwrap.dedent(yaml_text), "glossary.yaml")


@pytest.fixture(scope="module")
def example() -> Glossary:
    return load_glossary(ROOT / "glossary.yaml")


def found(g: Glossary, text: str) -> list[tuple[str, str]]:
    return [(m.text, m.term.de) for m in g.find_german(text)]


# --- German forms ------------------------------------------------------------------------


def test_genitive_s_and_es(example: Glossary) -> None:
    assert found(example, "Der Haushalt des Landkreises Harz steht.") == [
        ("Landkreises Harz", "Landkreis Harz")
    ]
    assert found(example, "Das Büro des Landrats und des Landrates.") == [
        ("Landrats", "Landrat"),
        ("Landrates", "Landrat"),
    ]


def test_dative_and_plural_forms(example: Glossary) -> None:
    assert found(example, "Sie dankte dem Landrat.") == [("Landrat", "Landrat")]
    assert found(example, "Ein Treffen mit den Landräten aus Sachsen-Anhalt.") == [
        ("Landräten", "Landrat")
    ]
    assert found(example, "Alle Kreisverwaltungen schließen früher.") == [
        ("Kreisverwaltungen", "Kreisverwaltung")
    ]
    g = glossary("""
        - de: Wirtschaftsforum
          fr: forum économique
        - de: Hochschule
          fr: école supérieure
    """)
    assert found(g, "An beiden Wirtschaftsforen und den Hochschulen.") == [
        ("Wirtschaftsforen", "Wirtschaftsforum"),
        ("Hochschulen", "Hochschule"),
    ]


def test_adjective_endings(example: Glossary) -> None:
    text = "Studierende der Technischen Universität von Belfort-Montbéliard (UTBM) kamen."
    assert found(example, text) == [
        (
            "Technischen Universität von Belfort-Montbéliard (UTBM)",
            "Technische Universität von Belfort-Montbéliard (UTBM)",
        )
    ]
    g = glossary("""
        - de: Deutsches Rotes Kreuz
          fr: Croix-Rouge allemande
    """)
    assert found(g, "Helfer des Deutschen Roten Kreuzes.") == [
        ("Deutschen Roten Kreuzes", "Deutsches Rotes Kreuz")
    ]


def test_feminine_and_listed_forms(example: Glossary) -> None:
    assert found(example, "Die Landrätin eröffnete die Sitzung.") == [("Landrätin", "Landrat")]
    assert found(example, "Überlebender des Konzentrationslagers Langenstein-Zwieberge") == [
        ("Konzentrationslagers Langenstein-Zwieberge", "KZ Langenstein-Zwieberge")
    ]


def test_multiword_hyphenated_and_coordinated_terms(example: Glossary) -> None:
    assert found(example, "Überlebender des KZ Langenstein-Zwieberge, 1945.") == [
        ("KZ Langenstein-Zwieberge", "KZ Langenstein-Zwieberge")
    ]
    assert found(example, "mit der VHS-Bildungswerk GmbH.") == [
        ("VHS-Bildungswerk GmbH", "VHS-Bildungswerk GmbH")
    ]
    assert found(example, "Vertreter der Industrie- und Handelskammern") == [
        ("Industrie- und Handelskammern", "Industrie- und Handelskammer")
    ]


def test_terms_with_parentheses_match_with_and_without_acronym(example: Glossary) -> None:
    term = "Schule für Technik und Wirtschaft (ESTA)"
    assert found(example, "die Schule für Technik und Wirtschaft (ESTA) in Belfort") == [
        (term, term)
    ]
    assert found(example, "die Schule für Technik und Wirtschaft in Belfort") == [
        ("Schule für Technik und Wirtschaft", term)
    ]
    assert found(example, "Studierende der ESTA.") == [("ESTA", term)]


def test_spaces_of_any_kind(example: Glossary) -> None:
    assert found(example, "im Landkreis\u00a0Harz und im Landkreis\n Harz") == [
        ("Landkreis\u00a0Harz", "Landkreis Harz"),
        ("Landkreis\n Harz", "Landkreis Harz"),
    ]


def test_whole_words_only(example: Glossary) -> None:
    # "Harzer" is another word; a hyphen binds words into one compound
    assert found(example, "die Harzer haben eingeladen") == []
    assert found(example, "aus dem Oberharz und dem Landkreis-Harz-Fonds") == []
    assert found(example, "der Landratswahl") == []
    assert found(example, "Gäste aus dem Harz.") == [("Harz", "Harz")]
    assert found(example, "(Harz)") == [("Harz", "Harz")]


def test_german_matching_is_case_sensitive(example: Glossary) -> None:
    assert found(example, "ein harz-haltiger Stoff") == []


def test_longest_term_wins_where_terms_overlap(example: Glossary) -> None:
    assert found(example, "im Landkreis Harz und im Harz") == [
        ("Landkreis Harz", "Landkreis Harz"),
        ("Harz", "Harz"),
    ]
    assert found(example, "von der Hochschule Harz") == [("Hochschule Harz", "Hochschule Harz")]
    assert found(example, "zum Wirtschaftsforum Harz eingeladen") == [
        ("Wirtschaftsforum Harz", "Wirtschaftsforum Harz")
    ]


def test_matches_carry_positions(example: Glossary) -> None:
    text = "Landrat Martin Skiebe"
    [match] = example.find_german(text)
    assert (match.start, match.end, text[match.start : match.end]) == (0, 7, "Landrat")


def test_example_glossary_matches_every_term_of_the_example_release(example: Glossary) -> None:
    release = (DATA / "release-2016-09-08.de.txt").read_text(encoding="utf-8")
    matched = {m.term.de for m in example.find_german(release)}
    assert matched == {t.de for t in example.terms}


# --- French: presence, elision, apostrophes, capitals, avoid -----------------------------


def test_correct_translation_of_the_example_release_passes(example: Glossary) -> None:
    de = [line for line in (DATA / "release-2016-09-08.de.txt").read_text("utf-8").split("\n")]
    fr = [line for line in (DATA / "release-2016-09-08.fr.txt").read_text("utf-8").split("\n")]
    de = [line for line in de[2:] if line.strip() and line != "Zurück"]
    fr = [line for line in fr if line.strip()]
    assert len(de) == len(fr)
    for german, french in zip(de, fr, strict=True):
        assert example.check(german, french) == [], german


def test_missing_term_is_reported_in_words_a_translator_understands(example: Glossary) -> None:
    # one wrong rendering is one finding that says both what is missing and what to avoid
    [v] = example.check("im Landkreis Harz", "dans le district de Harz, au nord")
    assert (v.kind, v.found) == ("wrong", "district de Harz")
    assert v.message == (
        "'Landkreis Harz' must be rendered 'arrondissement de Harz', "
        "not 'district de Harz' (a wrong rendering)"
    )
    violations = example.check("im Landkreis Harz", "dans la région du Harz")
    assert [(v.kind, v.message) for v in violations] == [
        ("missing", "'Landkreis Harz' must be rendered 'arrondissement de Harz'")
    ]


def test_keep_terms_must_stay_german(example: Glossary) -> None:
    assert example.check("Landrat Martin Skiebe", "le Landrat Martin Skiebe") == []
    assert example.check("des Landrats", "du Landrat") == []
    [v] = example.check("Landrat Martin Skiebe", "le préfet Martin Skiebe")
    assert v.kind == "missing"
    assert v.message == "'Landrat' stays in German: write 'Landrat'"


def test_capital_or_lowercase_first_letter(example: Glossary) -> None:
    assert example.check("Landkreis Harz", "Arrondissement de Harz : le bilan") == []
    assert example.check("Zitadelle von Belfort", "La Citadelle de Belfort") == []
    esta = "Schule für Technik und Wirtschaft (ESTA)"
    ecole = "supérieure des technologies et des affaires (ESTA)"
    assert example.check(esta, f"l’École {ecole}") == []
    assert example.check(esta, f"l’Ecole {ecole}") == []  # accent dropped on the capital
    # only the first letter is free
    assert example.check("Landkreis Harz", "ARRONDISSEMENT DE HARZ") != []


def test_elision_and_both_apostrophes(example: Glossary) -> None:
    iut = "Universität Institut für Technologie (IUT)"
    for french in (
        "à l'Institut universitaire de technologie (IUT) Belfort-Montbéliard",
        "à l’Institut universitaire de technologie (IUT) Belfort-Montbéliard",
    ):
        assert example.check(iut, french) == [], french
    for french in (
        "de la Chambre de commerce et d'industrie",
        "de la Chambre de commerce et d’industrie",
        "de la chambre de commerce et d’industrie (CCI)",
    ):
        assert example.check("der Industrie- und Handelskammer", french) == [], french
    assert example.check("Kreisverwaltung", "l’administration de l’arrondissement") == []
    assert example.check("Landkreis Harz", "les élus d’arrondissement de Harz") == []


def test_no_break_spaces_count_as_spaces(example: Glossary) -> None:
    assert example.check("Landkreis Harz", "l’arrondissement\u00a0de\u202fHarz") == []


def test_acronym_rules(example: Glossary) -> None:
    full = "Technische Universität von Belfort-Montbéliard (UTBM)"
    # the German had the acronym: the French needs the full target
    [v] = example.check(full, "l’Université de technologie de Belfort-Montbéliard")
    assert v.message == (
        f"'{full}' must be rendered 'Université de technologie de Belfort-Montbéliard (UTBM)'"
    )
    # the German had the name only: the name alone is enough
    assert (
        example.check(
            "der Technischen Universität von Belfort-Montbéliard",
            "de l’Université de technologie de Belfort-Montbéliard",
        )
        == []
    )
    # the bare acronym: the French acronym is enough
    assert example.check("an der UTBM", "à l’UTBM") == []
    assert example.check("die IHK", "la CCI") == []


def test_avoid_form_flagged_even_with_the_right_form(example: Glossary) -> None:
    de = "Technische Universität von Belfort-Montbéliard (UTBM)"
    fr = (
        "l’Université de technologie de Belfort-Montbéliard (UTBM), "
        "ou Université technique de Belfort-Montbéliard"
    )
    [v] = example.check(de, fr)
    assert v.kind == "avoid"
    assert v.found == "Université technique de Belfort-Montbéliard"
    assert "wrong rendering" in v.message and "Université de technologie" in v.message
    # also without any German term, and with a lower-case first letter
    [v] = example.check("Ein Satz.", "dans le district du Harz")
    assert (v.kind, v.found) == ("avoid", "district du Harz")


def test_avoid_form_inside_the_right_form_is_not_flagged() -> None:
    g = glossary("""
        - de: Stadtrat
          fr: conseil municipal de Halberstadt
          avoid: [conseil municipal]
    """)
    assert g.check("Stadtrat", "le conseil municipal de Halberstadt") == []
    violations = g.check("Stadtrat", "le conseil municipal")
    assert [(v.kind, v.found) for v in violations] == [("wrong", "conseil municipal")]


def test_find_french_and_find_avoided(example: Glossary) -> None:
    text = "Le Landrat de l’arrondissement de Harz et le district du Harz."
    assert [(m.text, m.term.de) for m in example.find_french(text)] == [
        ("Landrat", "Landrat"),
        ("arrondissement de Harz", "Landkreis Harz"),
        ("Harz", "Harz"),
    ]
    assert [(m.text, m.term.de) for m in example.find_avoided(text)] == [
        ("district du Harz", "Landkreis Harz")
    ]


def test_hint_and_keep_spans(example: Glossary) -> None:
    de = "Landrat Martin Skiebe besuchte den Landkreis Harz und sprach mit dem Landrat."
    assert example.hint(de) == "Landrat → Landrat (keep); Landkreis Harz → arrondissement de Harz"
    assert example.hint("Ein Satz ohne Begriffe.") is None
    assert [(m.start, m.text) for m in example.keep_spans(de)] == [
        (0, "Landrat"),
        (de.rindex("Landrat"), "Landrat"),
    ]


def test_term_target() -> None:
    assert Term("Landrat", None, keep=True).target == "Landrat"
    assert Term("Landkreis Harz", "arrondissement de Harz").target == "arrondissement de Harz"


# --- reading the file: errors name file and line -----------------------------------------


def error(yaml_text: str) -> str:
    with pytest.raises(PresseError) as info:
        glossary(yaml_text)
    return str(info.value)


def test_invalid_yaml() -> None:
    assert error("- de: Landrat\n  keep: [true\n").startswith("glossary.yaml:")
    assert "invalid YAML" in error("- de: Landrat\n  keep: [true\n")


def test_not_a_list() -> None:
    assert error("de: Landrat\n") == (
        "glossary.yaml:1: the glossary must be a list of terms, each starting with '- de: …'"
    )


def test_missing_fr_without_keep() -> None:
    assert error("- de: Landrat\n  kind: title\n") == (
        "glossary.yaml:1: 'Landrat' needs 'fr:' (its French form) or 'keep: true'"
    )


def test_both_fr_and_keep() -> None:
    text = "- de: Landrat\n  keep: true\n  fr: préfet\n"
    assert error(text) == "glossary.yaml:3: a term has either 'fr:' or 'keep: true', not both"


def test_empty_term() -> None:
    assert error("- de: ''\n  fr: x\n") == "glossary.yaml:1: de is empty"
    assert error("- de: Landrat\n  fr: '  '\n") == "glossary.yaml:2: fr is empty"
    assert error("- fr: préfet\n") == "glossary.yaml:1: missing 'de:' (the German term)"


def test_unknown_key() -> None:
    text = "- de: Landrat\n  keep: true\n  fren: préfet\n"
    assert error(text) == (
        "glossary.yaml:3: unknown key 'fren'; the keys are "
        "de, fr, keep, de_forms, fr_forms, avoid, kind, note"
    )


def test_a_key_given_twice() -> None:
    text = "- de: Landrat\n  fr: préfet\n  fr: président\n"
    assert error(text) == "glossary.yaml:3: 'fr' is given twice (first on line 2); keep one"


def test_bad_kind() -> None:
    text = "- de: Landrat\n  keep: true\n  kind: person\n"
    assert error(text) == (
        "glossary.yaml:3: kind must be one of institution, title, place, event, other, not 'person'"
    )


def test_bad_types() -> None:
    assert error("- de: Landrat\n  keep: yes please\n") == (
        "glossary.yaml:2: keep must be true or false"
    )
    assert "avoid must be a list of texts" in error("- de: A\n  fr: b\n  avoid: c\n")
    assert error("- de: 1994\n  fr: b\n") == "glossary.yaml:1: de must be text"
    assert error("- Landrat\n") == (
        "glossary.yaml:1: each term must be a mapping with 'de:' and 'fr:' (or 'keep: true')"
    )


def test_same_german_term_twice_names_both_lines() -> None:
    text = """\
        - de: Landrat
          keep: true
        - de: Landkreis Harz
          fr: arrondissement de Harz
        - de: Landrat
          fr: préfet
    """
    assert error(text) == "glossary.yaml:5: 'Landrat' is also the term at line 1"


def test_one_form_claimed_by_two_entries_names_both_lines() -> None:
    text = """\
        - de: Landrat
          keep: true
        - de: Landrats
          fr: conseil
    """
    assert error(text) == (
        "glossary.yaml:3: 'Landrats' (a form of 'Landrats') is also a form of 'Landrat' at line 1"
    )
    text = """\
        - de: Hochschule Harz
          keep: true
          de_forms: [HS Harz]
        - de: Harzer Hochschule
          fr: école
          de_forms: [HS Harz]
    """
    assert error(text) == (
        "glossary.yaml:4: 'HS Harz' (a form of 'Harzer Hochschule') is also a form of "
        "'Hochschule Harz' at line 1"
    )


def test_terms_containing_one_another_are_fine() -> None:
    g = glossary("""
        - de: Landkreis Harz
          fr: arrondissement de Harz
        - de: Harz
          keep: true
    """)
    assert len(g.terms) == 2


def test_avoid_equal_to_target() -> None:
    text = "- de: Landrat\n  fr: préfet\n  avoid: [préfet]\n"
    assert error(text) == "glossary.yaml:3: 'préfet' is both the form to use and a form to avoid"


def test_several_errors_are_reported_together() -> None:
    text = "- de: A\n  kind: x\n  fr: a\n- de: B\n"
    message = error(text)
    assert "glossary.yaml:2: kind must be one of" in message
    assert "glossary.yaml:4: 'B' needs 'fr:'" in message


def test_missing_and_empty_files(tmp_path: Path) -> None:
    assert load_glossary(tmp_path / "glossary.yaml") is EMPTY_GLOSSARY
    assert parse_glossary("", "glossary.yaml").terms == ()
    assert EMPTY_GLOSSARY.find_german("Landkreis Harz") == []
    assert EMPTY_GLOSSARY.check("Landkreis Harz", "x") == []
    assert EMPTY_GLOSSARY.hint("Landkreis Harz") is None


def test_load_glossary_names_the_file(tmp_path: Path) -> None:
    path = tmp_path / "glossary.yaml"
    path.write_text("- de: Landrat\n", encoding="utf-8")
    with pytest.raises(PresseError) as info:
        load_glossary(path)
    assert info.value.path == path and info.value.line == 1


def test_fixture_with_errors() -> None:
    text = (DATA / "bad.yaml").read_text(encoding="utf-8")
    with pytest.raises(PresseError) as info:
        parse_glossary(text, "bad.yaml")
    lines = str(info.value).splitlines()
    assert lines == [
        "bad.yaml:6: unknown key 'note_fr'; the keys are de, fr, keep, de_forms, fr_forms, "
        "avoid, kind, note",
        "bad.yaml:7: 'Landrat' needs 'fr:' (its French form) or 'keep: true'",
        "bad.yaml:11: 'Landkreis Harz' is also the term at line 2",
    ]


# --- checksum ----------------------------------------------------------------------------


def test_checksum_is_stable_and_order_independent() -> None:
    a = "- de: Landrat\n  keep: true\n- de: Harz\n  keep: true\n"
    b = "# reordered\n- de: Harz\n  keep: true\n\n- de: Landrat\n  keep: true\n"
    assert glossary(a).checksum == glossary(b).checksum
    assert glossary(a).checksum == glossary(a).checksum
    assert len(glossary(a).checksum) == 64


def test_checksum_changes_when_a_term_changes() -> None:
    base = glossary("- de: Landkreis Harz\n  fr: arrondissement de Harz\n").checksum
    for changed in (
        "- de: Landkreis Harz\n  fr: district du Harz\n",
        "- de: Landkreis Harz\n  fr: arrondissement de Harz\n  note: x\n",
        "- de: Landkreis Harz\n  fr: arrondissement de Harz\n  avoid: [district]\n",
        "- de: Landkreis Harz\n  keep: true\n",
    ):
        assert glossary(changed).checksum != base


# --- exports read back with real parsers -------------------------------------------------


def test_deepl_export(example: Glossary) -> None:
    tsv = export_deepl(example)
    entries = convert_tsv_to_dict(tsv)  # DeepL's own reader: rejects duplicates, bad chars
    assert all(line.count("\t") == 1 for line in tsv.splitlines())
    assert entries["Landkreis Harz"] == "arrondissement de Harz"
    assert entries["Landkreises Harz"] == "arrondissement de Harz"
    assert entries["Landrat"] == "Landrat"
    assert entries["Landrats"] == "Landrat"
    assert entries["Landräte"] == "Landräte"
    assert entries["Industrie- und Handelskammer"] == "Chambre de commerce et d'industrie"
    assert entries["IHK"] == "CCI"
    assert entries["UTBM"] == "UTBM"
    utbm = "Technische Universität von Belfort-Montbéliard (UTBM)"
    assert entries[utbm] == "Université de technologie de Belfort-Montbéliard (UTBM)"
    assert {t.de for t in example.terms} <= set(entries)


def test_weblate_csv_export(example: Glossary) -> None:
    rows = list(csv.DictReader(io.StringIO(export_csv(example))))
    assert [r["source"] for r in rows] == [t.de for t in example.terms]
    by_source = {r["source"]: r for r in rows}
    assert by_source["Landkreis Harz"]["target"] == "arrondissement de Harz"
    assert by_source["Landkreis Harz"]["context"] == "institution"
    assert "district du Harz" in by_source["Landkreis Harz"]["developer_comments"]
    assert by_source["Landrat"]["target"] == "Landrat"
    assert "Keep the German term" in by_source["Landrat"]["developer_comments"]


def test_tbx_export(example: Glossary) -> None:
    root = etree.fromstring(export_tbx(example).encode("utf-8"))
    assert root.tag == "martif"
    xml_lang = "{http://www.w3.org/XML/1998/namespace}lang"
    entries = root.findall("text/body/termEntry")
    assert len(entries) == len(example.terms)
    read = {}
    for entry in entries:
        langs = {ls.get(xml_lang): ls for ls in entry.findall("langSet")}
        assert set(langs) == {"de", "fr"}
        de = langs["de"].findtext("tig/term")
        statuses = {
            tig.findtext("term"): tig.findtext("termNote[@type='administrativeStatus']")
            for tig in langs["fr"].findall("tig")
        }
        read[de] = (
            entry.findtext("descrip[@type='subjectField']"),
            entry.findtext("note"),
            statuses,
        )
    kind, note, statuses = read["Landkreis Harz"]
    assert kind == "institution" and "arrondissements" in note
    assert statuses["arrondissement de Harz"] == "preferredTerm-admn-sts"
    assert statuses["district du Harz"] == "deprecatedTerm-admn-sts"
    assert read["Landrat"][2] == {"Landrat": "preferredTerm-admn-sts"}


# --- suggestions -------------------------------------------------------------------------


def test_suggest_finds_names_the_glossary_lacks(example: Glossary) -> None:
    release = (DATA / "release-2016-09-08.de.txt").read_text(encoding="utf-8")
    names = {c.text: c for c in suggest([release], example)}
    assert names["Martin Skiebe"].count == 3
    assert "Florian Bouquet" in names
    assert "Prof. Dr. Westermann" in names
    # nothing the glossary already has, no sentence-initial function word
    assert not any("Landkreis Harz" in n or n.startswith(("Der ", "Die ")) for n in names)
    assert "Mögliche Ansatzpunkte" not in names


def test_suggest_acronyms_and_ranking() -> None:
    texts = [
        "Gäste der Hochschule für Angewandte Wissenschaften (HAW) und der Stadtwerke.",
        "Die Hochschule für Angewandte Wissenschaften (HAW) lädt ein. Peter Müller kam.",
        "Peter Müller und Anna Schmidt sprachen.",
    ]
    result = suggest(texts, EMPTY_GLOSSARY, limit=2)
    assert result[0] == Candidate(
        "Hochschule für Angewandte Wissenschaften (HAW)",
        2,
        "Gäste der Hochschule für Angewandte Wissenschaften (HAW) und der Stadtwerke.",
    )
    assert result[1].text == "Peter Müller" and result[1].count == 2
