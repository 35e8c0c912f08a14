"""Issue 17: knowledge instead of string distance.

Each test is a false alarm or a miss seen on professional translations: exonyms, titles
taken for names, ranges sharing one unit, the full stop after a date.
"""

from __future__ import annotations

import pytest

from presse.checks import CHECKS, CheckContext, run_checks
from presse.checks.exonyms import french_exonyms

NB = "\u00a0"


def run(name: str, de: str, fr: str) -> list:
    return list(CHECKS[name].function(de, fr, CheckContext()))


# --- exonyms ---------------------------------------------------------------------------

EXONYM_PAIRS = [
    ("Straßburg", "Strasbourg"),
    ("Basel", "Bâle"),
    ("Freiburg im Breisgau", "Fribourg-en-Brisgau"),
    ("Mainz", "Mayence"),
    ("Aachen", "Aix-la-Chapelle"),
    ("Saarbrücken", "Sarrebruck"),
    ("Trier", "Trèves"),
    ("Koblenz", "Coblence"),
    ("Regensburg", "Ratisbonne"),
    ("München", "Munich"),
    ("Köln", "Cologne"),
    ("Braunschweig", "Brunswick"),
    ("Schwaben", "Souabe"),
    ("Bayern", "Bavière"),
    ("Schwarzwald", "Forêt-Noire"),
    ("Wien", "Vienne"),
    ("Genf", "Genève"),
    ("Biel", "Bienne"),
    ("Offenburg", "Offenbourg"),
    ("Finnland", "Finlande"),  # countries come from CLDR (Babel)
    ("Singapur", "Singapour"),
]


@pytest.mark.parametrize(("german", "french"), EXONYM_PAIRS)
def test_the_french_exonym_is_known(german: str, french: str) -> None:
    assert french in french_exonyms(german)


def test_strasbourg_kehl_is_not_a_misspelling_of_strassburg_kehl() -> None:
    de = "Diese hatte mit dem Vorschlag eines „Eurodistrikts Straßburg-Kehl“ den Grundstein gelegt."
    fr = "Celle-ci avait posé les bases avec la proposition d’un « Eurodistrict Strasbourg-Kehl »."
    assert run("names", de, fr) == []


@pytest.mark.parametrize(("german", "french"), EXONYM_PAIRS)
def test_no_exonym_is_reported_as_a_misspelt_name(german: str, french: str) -> None:
    de = f"Die Delegation reiste am Montag nach {german} weiter."
    fr = f"La délégation s’est ensuite rendue lundi à {french}."
    assert run("names", de, fr) == []


def test_a_misspelt_exonym_is_corrected_to_the_french_never_to_the_german() -> None:
    de = "Die Delegation reiste am Montag nach Straßburg weiter."
    fr = "La délégation s’est ensuite rendue lundi à Strasbourgh."
    (problem,) = run("names", de, fr)
    assert problem.suggestion is not None
    assert "Strasbourg." in problem.suggestion
    assert "Straßburg" not in problem.suggestion


def test_a_real_misspelling_of_a_name_is_still_reported() -> None:
    de = "Die Gäste besuchten die Zitadelle von Belfort."
    fr = "Les invités ont visité la citadelle de Belfrot."
    (problem,) = run("names", de, fr)
    assert "Belfrot" in problem.message


# --- titles are not names --------------------------------------------------------------


@pytest.mark.parametrize(
    ("de", "fr"),
    [
        (
            "Frau Bundesrätin Karin Keller-Sutter eröffnete die Konferenz.",
            "La conseillère fédérale Karin Keller-Sutter a ouvert la conférence.",
        ),
        (
            "Herr Bundespräsident Guy Parmelin begrüßte die Gäste.",
            "Le président de la Confédération Guy Parmelin a salué les invités.",
        ),
        (
            "Der Bundesrat hat alt Bundesrätin Simonetta Sommaruga zur Präsidentin ernannt. "
            "Sie verfügt über reiche politische Erfahrung.",
            "La présidence sera assurée par l’ancienne conseillère fédérale Simonetta "
            "Sommaruga qui dispose d’une riche expérience politique.",
        ),
    ],
)
def test_titles_are_translated_as_titles_not_reported_as_missing_names(de: str, fr: str) -> None:
    assert run("names", de, fr) == []


def test_the_name_after_a_compound_title_is_still_required() -> None:
    de = "Bundesrat Albert Rösti vertrat die Schweiz."
    fr = "Le conseiller fédéral Albert Rosti a représenté la Suisse."
    messages = " | ".join(p.message for p in run("names", de, fr))
    assert "'Rösti' is missing" in messages


# --- ranges that share one unit ----------------------------------------------------------


def test_opening_hours_whose_first_range_shares_the_later_uhr() -> None:
    de = "Das Bürgerbüro ist montags von 9 bis 12 sowie donnerstags von 9 bis 16 Uhr geöffnet."
    fr = f"Le bureau est ouvert le lundi de 9{NB}h à 12{NB}h et le jeudi de 9{NB}h à 16{NB}h."
    assert [f for f in run_checks(de, fr) if f.severity == "error"] == []


def test_a_changed_hour_in_such_a_range_is_still_found() -> None:
    de = "Das Bürgerbüro ist montags von 9 bis 12 sowie donnerstags von 9 bis 16 Uhr geöffnet."
    fr = f"Le bureau est ouvert le lundi de 9{NB}h à 11{NB}h et le jeudi de 9{NB}h à 16{NB}h."
    messages = " | ".join(p.message for p in run("times", de, fr))
    assert "12.00" in messages


def test_an_amount_range_shares_its_unit() -> None:
    de = "Der Eintritt kostet 5 bis 10 Euro."
    fr = f"L’entrée coûte de 5 à 10{NB}euros."
    assert [f for f in run_checks(de, fr) if f.severity == "error"] == []


def test_a_date_range_shares_its_month() -> None:
    de = "Das Fest findet vom 3. bis 5. Mai statt."
    fr = "La fête a lieu du 3 au 5 mai."
    assert [f for f in run_checks(de, fr) if f.severity == "error"] == []


def test_a_moved_day_in_a_date_range_is_found() -> None:
    de = "Das Fest findet vom 3. bis 5. Mai statt."
    fr = "La fête a lieu du 3 au 6 mai."
    assert run("dates", de, fr)


# --- the date suggestion keeps the sentence's full stop ---------------------------------


def test_the_date_suggestion_keeps_the_final_full_stop() -> None:
    de = "Die Ausstellung endet am 19. Juni."
    fr = "L’exposition se termine le 19. Juni."
    (problem,) = run("dates", de, fr)
    assert problem.suggestion == "L’exposition se termine le 19 juin."


# --- the glossary: French inflection, compounds, one finding per mistake ----------------

GLOSSARY_YAML = """\
- de: Bürgermeister
  fr: maire
  de_forms: [Bürgermeisterin, Bürgermeisterinnen]
  kind: title
- de: Präfekt
  fr: préfet
  de_forms: [Präfektin]
  kind: title
- de: Präsident des Kreistages
  fr: président du conseil d'arrondissement
  de_forms: [Präsidentin des Kreistages]
  kind: title
- de: Industrie- und Handelskammer (IHK)
  fr: chambre de commerce et d'industrie (CCI)
  kind: institution
- de: Eurodistrikt
  fr: Eurodistrict
  kind: institution
- de: Kreistag
  fr: conseil d'arrondissement
  avoid: [diète de district]
  kind: institution
"""


@pytest.fixture
def glossary(tmp_path):
    from presse.glossary.load import load_glossary

    path = tmp_path / "glossary.yaml"
    path.write_text(GLOSSARY_YAML, encoding="utf-8")
    return load_glossary(path)


def glossary_messages(glossary, de: str, fr: str) -> list[str]:
    return [v.message for v in glossary.check(de, fr)]


@pytest.mark.parametrize(
    ("de", "fr"),
    [
        ("Die Bürgermeister der Region trafen sich.", "Les maires de la région se sont réunis."),
        ("Die Bürgermeisterin sprach.", "La maire a pris la parole."),
        ("Die Präfektin kam.", "La préfète est venue."),
        ("Die Präfekten kamen.", "Les préfets sont venus."),
        (
            "Die Präsidentin des Kreistages sprach.",
            "La présidente du conseil d'arrondissement a pris la parole.",
        ),
    ],
)
def test_regular_french_plurals_and_feminines_are_accepted(glossary, de: str, fr: str) -> None:
    assert glossary_messages(glossary, de, fr) == []


def test_a_wrong_french_word_is_still_a_finding(glossary) -> None:
    assert glossary_messages(glossary, "Die Präfektin kam.", "La directrice est venue.")


@pytest.mark.parametrize(
    ("de", "term"),
    [
        ("Der IHK-Präsident eröffnete die Messe.", "Industrie- und Handelskammer (IHK)"),
        ("Das Eurodistrikt-Büro in Kehl ist geschlossen.", "Eurodistrikt"),
        ("Die Kreistags- und Gemeinderatswahlen finden im Juni statt.", "Kreistag"),
    ],
)
def test_a_term_starting_a_hyphenated_or_truncated_compound_is_found(
    glossary, de: str, term: str
) -> None:
    assert term in [m.term.de for m in glossary.find_german(de)]


def test_a_closed_compound_is_another_word(glossary) -> None:
    assert glossary.find_german("Die Kreistagsabgeordnete sprach.") == []


def test_one_wrong_rendering_gives_one_finding_saying_both(glossary) -> None:
    (violation,) = glossary.check("Der Kreistag tagt.", "La diète de district siège.")
    assert "conseil d'arrondissement" in violation.message
    assert "diète de district" in violation.message


def test_au_sein_de_is_french() -> None:
    de = "Die Kommission arbeitet im Rahmen des Rates."
    fr = "La commission travaille au sein du Conseil."
    assert run("untranslated", de, fr) == []
