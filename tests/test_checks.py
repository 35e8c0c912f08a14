"""The registry, the runner, the settings and the suggestions of presse.checks."""

from __future__ import annotations

import pytest

from presse import checks
from presse.checks import (
    CHECKS,
    DEFAULT,
    CheckContext,
    CheckSettings,
    Finding,
    parse_check_settings,
    register,
    run_checks,
    settings_key,
)
from presse.checks.typography import apply_french_typography
from presse.errors import ConfigErrors, PresseError

NB = "\u00a0"
NN = "\u202f"

EXPECTED_CHECKS = {
    "numbers": "error",
    "dates": "error",
    "times": "error",
    "currency_units": "error",
    "links": "error",
    "names": "error",
    "typography": "warning",
    "untranslated": "warning",
    "length": "warning",
    "markup": "error",
    "glossary": "error",
    "years": "warning",
}


def test_registry_has_every_check_with_its_severity() -> None:
    assert {name: c.severity for name, c in CHECKS.items()} == EXPECTED_CHECKS


def test_empty_french_is_not_checked() -> None:
    assert run_checks("Es kamen 120 Besucher.", "") == []
    assert run_checks("Es kamen 120 Besucher.", "  ") == []


def test_findings_carry_check_name_severity_and_suggestion() -> None:
    findings = run_checks("Es kamen 120 Besucher.", "150 visiteurs sont venus.")
    assert findings == [
        Finding(
            "numbers",
            "error",
            "the German number '120' is '150' in the French",
            "120 visiteurs sont venus.",
        )
    ]


def test_a_machine_draft_full_of_mistakes() -> None:
    de = "Am 1. Mai um 9.30 Uhr stellt Landrat Martin Skiebe 1,5 Millionen Euro vor."
    fr = "Le 1. Mai à 9.30 Uhr, le Landrat Martin Skibe présente 1,5 Mio. Euro."
    found = {f.check for f in run_checks(de, fr)}
    assert {"dates", "times", "names", "currency_units"} <= found


@pytest.fixture
def broken_check():
    @register("exploding", "warning")
    def exploding(de: str, fr: str, ctx: CheckContext):
        raise ValueError("boom")

    yield "exploding"
    del CHECKS["exploding"]


def test_a_check_that_raises_is_a_finding_not_a_crash(broken_check: str) -> None:
    findings = run_checks("Hallo", "Bonjour")
    assert (
        Finding("exploding", "error", "check 'exploding' failed on this segment: ValueError: boom")
        in findings
    )


def test_a_check_may_yield_plain_messages() -> None:
    @register("plain", "warning")
    def plain(de: str, fr: str, ctx: CheckContext):
        yield "a message"

    try:
        assert Finding("plain", "warning", "a message") in run_checks("a", "b")
    finally:
        del CHECKS["plain"]


def test_registering_a_name_twice_is_refused() -> None:
    with pytest.raises(ValueError):
        register("numbers", "error")(lambda de, fr, ctx: [])


def test_context_carries_the_glossary() -> None:
    seen = []

    @register("spy", "warning")
    def spy(de: str, fr: str, ctx: CheckContext):
        seen.append(ctx.glossary)
        return []

    try:
        glossary = object()
        run_checks("a", "b", CheckContext(glossary=glossary))
        assert seen == [glossary]
    finally:
        del CHECKS["spy"]


def _lines(key: str) -> int | None:
    return {"checks.numbers": 3, "checks.nombres": 4, "checks.length": 5}.get(key)


def test_settings_turn_a_check_off_and_change_a_severity() -> None:
    settings = parse_check_settings(
        {"numbers": "off", "typography": "error"}, "presse.yaml", _lines
    )
    assert settings.severities == {"numbers": "off", "typography": "error"}
    assert run_checks("Es kamen 120 Besucher.", "150 visiteurs sont venus.", None, settings) == []
    findings = run_checks("", "Attention: travaux", None, settings)
    assert [(f.check, f.severity) for f in findings if f.check == "typography"] == [
        ("typography", "error")
    ]


def test_yaml_off_read_as_false_is_off() -> None:
    assert parse_check_settings({"numbers": False}, "presse.yaml", _lines).severities == {
        "numbers": "off"
    }


def test_no_settings_are_the_defaults() -> None:
    assert parse_check_settings(None, "presse.yaml", _lines) is DEFAULT
    assert parse_check_settings({}, "presse.yaml", _lines).severities == {}


def test_unknown_check_name_is_an_error_naming_the_key_and_line() -> None:
    with pytest.raises(PresseError) as info:
        parse_check_settings({"nombres": "error"}, "presse.yaml", _lines)
    assert "checks.nombres" in str(info.value)
    assert info.value.line == 4
    assert str(info.value).startswith("presse.yaml:4:")


def test_bad_value_is_an_error_and_all_errors_come_at_once() -> None:
    with pytest.raises(ConfigErrors) as info:
        parse_check_settings({"nombres": "error", "length": "loud"}, "presse.yaml", _lines)
    assert [e.line for e in info.value.errors] == [4, 5]
    assert "'checks.length': expected error, warning or off" in str(info.value)


def test_settings_key_is_stable_and_follows_the_settings() -> None:
    a = settings_key(CheckSettings({"numbers": "off"}))
    assert a == settings_key(CheckSettings({"numbers": "off"}))
    assert a != settings_key(DEFAULT)
    # Naming the default severity changes nothing.
    assert settings_key(CheckSettings({"numbers": "error"})) == settings_key(DEFAULT)
    assert len(a) == 16


def test_settings_key_changes_when_a_check_is_registered() -> None:
    before = settings_key()
    register("newcomer", "warning")(lambda de, fr, ctx: [])
    try:
        assert settings_key() != before
    finally:
        del CHECKS["newcomer"]


@pytest.mark.parametrize(
    ("text", "fixed"),
    [
        ("Attention: travaux", f"Attention{NB}: travaux"),
        ("Vraiment ? Oui!", f"Vraiment{NN}? Oui{NN}!"),
        ('Le "Tag der offenen Tür"', f"Le «{NB}Tag der offenen Tür{NB}»"),
        ("Le „Harz“", f"Le «{NB}Harz{NB}»"),
        ("45,1% et 1 500 €", f"45,1{NB}% et 1{NN}500{NB}€"),
        ("l'ancien", "l’ancien"),
        ("à 10:30 sur https://x.de/?a=1", "à 10:30 sur https://x.de/?a=1"),
        ('Voir [ici](https://x.de "titre")!', f'Voir [ici](https://x.de "titre"){NN}!'),
        ("`a: b`", "`a: b`"),
        ("Prof. Dr. Westermann", "Prof. Dr. Westermann"),
    ],
)
def test_apply_french_typography(text: str, fixed: str) -> None:
    assert apply_french_typography(text) == fixed
    assert apply_french_typography(fixed) == fixed


def test_typography_suggestion_is_the_fixed_segment() -> None:
    [finding] = [f for f in run_checks("", "Attention: travaux") if f.check == "typography"]
    assert finding.severity == "warning"
    assert finding.suggestion == f"Attention{NB}: travaux"


@pytest.mark.parametrize(
    ("de", "fr", "check", "suggestion"),
    [
        ("am 15. April", "le 15 April", "dates", "le 15 avril"),
        ("am 1. Mai", "le 1 mai", "dates", "le 1er mai"),
        ("um 09.00 Uhr", "à 09.00 Uhr", "times", f"à 9{NB}h"),
        ("um 9.30 Uhr", "à 9.30 Uhr.", "times", f"à 9{NB}h{NB}30."),
        ("1.500 Euro", "1.500 euros", "numbers", f"1{NN}500 euros"),
        ("3,5 Prozent", "3,5 Prozent", "currency_units", f"3,5{NB}%"),
        ("presse@kreis-hz.de", "prese@kreis-hz.de", "links", "presse@kreis-hz.de"),
    ],
)
def test_suggestions(de: str, fr: str, check: str, suggestion: str) -> None:
    found = [f for f in run_checks(de, fr) if f.check == check]
    assert found and found[0].suggestion == suggestion, found


PAIRS = [
    (
        "Der 15. April stand ganz im Zeichen des Tourismus: bei einem Besuch der Altstadt "
        "und der Zitadelle von Belfort konnten die Gäste aus dem Harz die Partnerregion "
        "näher kennenlernen.",
        "La journée du 15 avril a été placée sous le signe du tourisme\u00a0: lors d'une "
        "visite de la vieille ville et de la citadelle de Belfort, les invités venus du "
        "Harz ont pu mieux découvrir la région partenaire.",
    ),
    (
        "Die Partnerschaft zwischen Belfort und dem Altlandkreis Halberstadt besteht seit "
        "1994 und wird seit der Kreisfusion vom Landkreis Harz weitergeführt.",
        "Le partenariat entre Belfort et l'ancien arrondissement de Halberstadt existe "
        "depuis 1994 et se poursuit, depuis la fusion des arrondissements, avec "
        "l'arrondissement de Harz.",
    ),
    (
        "Der Kreistag hat für 2017 Investitionen von 1,5 Millionen Euro beschlossen, "
        "3,5 Prozent mehr als im Vorjahr.",
        f"Le conseil d'arrondissement a décidé pour 2017 des investissements de 1,5{NB}"
        f"million d'euros, soit 3,5{NB}% de plus que l'année précédente.",
    ),
    (
        "Die Sitzung beginnt am 1. Mai um 9.30 Uhr im Kreishaus in Halberstadt.",
        f"La séance commence le 1er mai à 9{NB}h{NB}30 à la maison de l'arrondissement, "
        "à Halberstadt.",
    ),
    (
        "Anmeldungen bitte bis zum 08.09.2016 an presse@kreis-hz.de oder unter "
        "[www.kreis-hz.de](https://www.kreis-hz.de/).",
        "Inscriptions jusqu'au 8 septembre 2016 à presse@kreis-hz.de ou sur "
        "[www.kreis-hz.de](https://www.kreis-hz.de/).",
    ),
    (
        "Landrat Martin Skiebe begrüßte **120 Gäste** aus Belfort.",
        "Le Landrat Martin Skiebe a accueilli **120 invités** venus de Belfort.",
    ),
    (
        "Von 9 bis 12 Uhr ist das Bürgerbüro geöffnet; danach ab 14 Uhr.",
        f"Le bureau des citoyens est ouvert de 9{NB}h à 12{NB}h{NN}; ensuite à partir de 14{NB}h.",
    ),
]


@pytest.mark.parametrize(("de", "fr"), PAIRS)
def test_careful_translations_have_no_findings(de: str, fr: str) -> None:
    ctx = CheckContext(keep_terms=frozenset({"Landrat"}))
    assert run_checks(de, fr, ctx) == []


def test_the_package_exports() -> None:
    assert checks.CheckContext().kind == "sentence"
