"""Per-check tables: what each check must catch, and correct French it must accept.

Each case is (German, French, expected): ``None`` when the check must stay silent,
else a fragment of the expected finding's message (the first finding is compared).
"""

from __future__ import annotations

import pytest

from presse.checks import CHECKS, CheckContext

NB = "\u00a0"
NN = "\u202f"

BELFORT_DE = (
    "Der 15. April stand ganz im Zeichen des Tourismus: bei einem Besuch der Altstadt und "
    "der Zitadelle von Belfort konnten die Gäste aus dem Harz die Partnerregion näher "
    "kennenlernen."
)
BELFORT_FR = (
    "La journée du 15 avril a été placée sous le signe du tourisme\u00a0: lors d'une visite "
    "de la vieille ville et de la citadelle de Belfort, les invités venus du Harz ont pu "
    "mieux découvrir la région partenaire."
)
PARTNER_DE = (
    "Die Partnerschaft zwischen Belfort und dem Altlandkreis Halberstadt besteht seit 1994 "
    "und wird seit der Kreisfusion vom Landkreis Harz weitergeführt."
)
PARTNER_FR = (
    "Le partenariat entre Belfort et l'ancien arrondissement de Halberstadt existe depuis "
    "1994 et se poursuit, depuis la fusion des arrondissements, avec l'arrondissement de "
    "Harz."
)
HUMAN = [(BELFORT_DE, BELFORT_FR, None), (PARTNER_DE, PARTNER_FR, None)]


def run(name: str, de: str, fr: str, ctx: CheckContext | None = None) -> list:
    return list(CHECKS[name].function(de, fr, ctx or CheckContext()))


def assert_case(name: str, de: str, fr: str, expected: str | None) -> None:
    found = run(name, de, fr)
    if expected is None:
        assert found == [], f"{name} cried wolf on {fr!r}: {found}"
    else:
        assert found, f"{name} missed {expected!r} in {fr!r}"
        messages = " | ".join(p.message for p in found)
        assert expected in messages, messages


NUMBERS = [
    *HUMAN,
    ("Es kamen 120 Besucher.", "150 visiteurs sont venus.", "'120' is '150'"),
    ("Es kamen 120 Besucher.", "Des visiteurs sont venus.", "'120' is missing"),
    ("Der Kreis investiert 1.500 Euro.", f"L'arrondissement investit 1{NN}500 euros.", None),
    ("Der Kreis investiert 1.500 Euro.", f"L'arrondissement investit 1{NB}500 euros.", None),
    ("Der Kreis investiert 1.500 Euro.", "L'arrondissement investit 1 500 euros.", None),
    ("Der Kreis investiert 1.500 Euro.", "L'arrondissement investit 1500 euros.", None),
    ("Der Kreis investiert 1.500 Euro.", "L'arrondissement investit 1.500 euros.", "German way"),
    ("Die Quote liegt bei 45,1 Prozent.", f"Le taux est de 45,1{NB}%.", None),
    ("Die Quote liegt bei 45,1 Prozent.", f"Le taux est de 45,7{NB}%.", "'45,1' is '45,7'"),
    ("Die Kosten steigen um 3,5 Prozent.", "Les coûts augmentent de 3,5 %.", None),
    ("Das Land gibt 2.000.000 Euro.", f"Le Land verse 2{NN}000{NN}000 euros.", None),
    ("Das Land gibt 1,5 Millionen Euro.", "Le Land verse 1,5 million d'euros.", None),
    ("Das Land gibt 1,5 Millionen Euro.", "Le Land verse 1 500 000 euros.", None),
    ("Das Land gibt 1,5 Millionen Euro.", "Le Land verse 1,5 euro.", "'1,5 Millionen' is '1,5'"),
    (
        "Das Land gibt 1,5 Millionen Euro.",
        "Le Land verse 2,5 millions d'euros.",
        "'1,5 Millionen' is '2,5 millions'",
    ),
    ("Die Sitzung am 15. April 2016 um 9.30 Uhr.", "La séance du 15 avril 2016 à 9 h 30.", None),
    ("Zwei Kinder und 3 Erwachsene.", "2 enfants et trois adultes.", None),
    ("Im Jahr 2016 kamen 120 Gäste.", "En 2016, 150 invités sont venus.", "'120' is '150'"),
    ("Das 3. Treffen findet statt.", "La 3e rencontre a lieu.", None),
    ("Alle 12 Gemeinden.", "Les 12 communes, soit 40 000 habitants.", "'40 000'"),
    ("Infos: www.kreis-hz.de/2016/04", "Infos : www.kreis-hz.de/2016/04", None),
    ("Tel. 03941 5970-0", "Tél. : 03941 5970-0", None),
    ("Die Straße ist 2,4 km lang.", "La route mesure 2,4 km.", None),
    (
        "Gefördert mit 250.000 Euro.",
        "Subventionné à hauteur de 25 000 euros.",
        "'250.000' is '25 000'",
    ),
]


@pytest.mark.parametrize(("de", "fr", "expected"), NUMBERS)
def test_numbers(de: str, fr: str, expected: str | None) -> None:
    assert_case("numbers", de, fr, expected)


DATES = [
    *HUMAN,
    ("am 3. Oktober", "le 3 octobre", None),
    ("am 1. Mai", "le 1er mai", None),
    ("am 1. Mai", "le 1 mai", "'1er'"),
    ("am 15. April 2016", "le 15 avril 2016", None),
    # A year left out is the ``years`` warning now, not a dates error (issue 17).
    ("am 15. April 2016", "le 15 avril", None),
    ("am 15. April 2016", "le 16 avril 2016", "is '16 avril 2016' in the French"),
    ("am 15. April 2016", "le 15 April 2016", "German way"),
    ("am 15. April", "le 15. April", "German way"),
    ("am 15. April", "le 15 avril", None),
    ("am 08.09.2016", "le 8 septembre 2016", None),
    ("am 08.09.2016", "le 08/09/2016", None),
    ("am 08.09.2016", "le 08.09.2016", "German way"),
    ("Mitte April wird gebaut.", "Les travaux auront lieu à la mi-avril.", None),
    ("vom 15. bis 17. Mai", "du 15 au 17 mai", None),
    ("vom 15. bis 17. Mai", "du 15 au 18 mai", "'17. Mai'"),
    ("Die Messe findet im April 2016 statt.", "Le salon a lieu en April 2016.", "German way"),
    ("Bis zum 31. Dezember", "Jusqu'au 31 décembre", None),
    ("Am Freitag, 4. März, tagt der Kreistag.", "Le vendredi 4 mars, le conseil se réunit.", None),
    ("Am 4. März tagt der Kreistag.", "Le conseil se réunit.", "missing"),
]


@pytest.mark.parametrize(("de", "fr", "expected"), DATES)
def test_dates(de: str, fr: str, expected: str | None) -> None:
    assert_case("dates", de, fr, expected)


YEARS = [
    *HUMAN,
    ("am 15. April 2016", "le 15 avril 2016", None),
    ("am 15. April 2016", "le 15 avril", "year of the date '15. April 2016'"),
    ("in diesem Jahr", "en 2016", "the year '2016'"),
    ("seit 1994", "depuis 1996", None),  # a changed year is the numbers check's
]


@pytest.mark.parametrize(("de", "fr", "expected"), YEARS)
def test_years(de: str, fr: str, expected: str | None) -> None:
    assert_case("years", de, fr, expected)


TIMES = [
    *HUMAN,
    ("um 09.00 Uhr", f"à 9{NB}h", None),
    ("um 9:30 Uhr", "à 9 h 30", None),
    ("um 14 Uhr", "à 14 h", None),
    ("um 9.30 Uhr", "à 09 h 30", None),
    ("um 9.00 Uhr", "à 9 h 00", None),
    ("um 09.00 Uhr", "à 09.00 Uhr", "German way"),
    ("um 14 Uhr", "à 14 Uhr", "German way"),
    ("um 14 Uhr", "à 15 h", "'15 h' in the French"),
    ("um 14 Uhr", "dans l'après-midi", "missing"),
    ("von 9 bis 12 Uhr", "de 9 h à 12 h", None),
    ("von 9 bis 12 Uhr", "de 9 à 12 h", None),
    ("um 12 Uhr", "à midi", None),
    ("Die Führung dauert 2 Stunden.", "La visite dure 2 heures.", None),
    ("Die Fläche misst 14 Hektar.", "La surface est de 14 hectares.", None),
    ("Beginn: 18 Uhr", "Début : 18 h, fin : 20 h", "not in the German"),
    ("Die Uhr am Rathaus.", "L'Uhr de la mairie.", "'Uhr' is left"),
]


@pytest.mark.parametrize(("de", "fr", "expected"), TIMES)
def test_times(de: str, fr: str, expected: str | None) -> None:
    assert_case("times", de, fr, expected)


CURRENCY = [
    *HUMAN,
    ("Es kostet 1.500 Euro.", "Cela coûte 1 500 euros.", None),
    ("Es kostet 1.500 Euro.", f"Cela coûte 1 500{NB}€.", None),
    ("Es kostet 1.500 Euro.", "Cela coûte 1 500 Euro.", "write '1 500\u00a0euros'"),
    ("Es kostet 1.500 Euro.", "Cela coûte 1 500 euro.", "euros"),
    ("Es kostet 1.500 Euro.", "Cela coûte 1 500.", "no 'euros'"),
    ("Es kostet 1.500 €.", "Cela coûte € 1 500.", "after the amount"),
    ("Es kostet 1 Euro.", "Cela coûte 1 euro.", None),
    ("1,5 Millionen Euro", "1,5 million d'euros", None),
    ("1,5 Millionen Euro", "1,5 million d’euros", None),
    ("2 Millionen Euro", "2 millions d'euros", None),
    ("2 Millionen Euro", "2 million d'euros", "takes an 's'"),
    ("1,5 Mio. Euro", "1,5 Mio. d'euros", "'Mio.' is German"),
    ("1,5 Millionen Euro", "1,5 million euros", "d’euros"),
    ("3,5 Prozent", f"3,5{NB}%", None),
    ("3,5 Prozent", "3,5 pour cent", None),
    ("3,5 Prozent", "3,5 Prozent", "'Prozent' is German"),
    ("um 3,5 Prozent", "de 3,5", "no '%'"),
    ("Die Euroregion wächst.", "L'eurorégion grandit.", None),
    ("Die Fußball-EM 2016.", "L'Euro 2016 de football.", None),
]


@pytest.mark.parametrize(("de", "fr", "expected"), CURRENCY)
def test_currency_units(de: str, fr: str, expected: str | None) -> None:
    assert_case("currency_units", de, fr, expected)


LINKS = [
    *HUMAN,
    (
        "Infos unter [www.kreis-hz.de](https://www.kreis-hz.de/).",
        "Infos sur [www.kreis-hz.de](https://www.kreis-hz.de/).",
        None,
    ),
    ("Infos unter https://www.kreis-hz.de.", "Infos sur https://www.kreis-hz.de.", None),
    ("Infos unter https://www.kreis-hz.de/", "Infos sur www.kreis-hz.de", None),
    ("Kontakt: presse@kreis-hz.de", "Contact : presse@kreis-hz.de", None),
    ("Kontakt: presse@kreis-hz.de", "Contact : prese@kreis-hz.de", "did you mean"),
    ("Kontakt: presse@kreis-hz.de", "Contact : le service de presse", "missing"),
    (
        "Siehe [hier](https://www.kreis-hz.de/a).",
        "Voir [ici](https://www.kreis-hz.de/b).",
        "is 'https://www.kreis-hz.de/b' in the French",
    ),
    ("Siehe [hier](https://www.kreis-hz.de/a).", "Voir ici.", "missing"),
    ("Mehr dazu.", "Plus sur https://example.org.", "not in the German"),
    (
        "Formular: <https://www.kreis-hz.de/formular>",
        "Formulaire : https://www.kreis-hz.de/formular",
        None,
    ),
    ("Mail an [uns](mailto:info@kreis-hz.de).", "Écrivez-[nous](mailto:info@kreis-hz.de).", None),
]


@pytest.mark.parametrize(("de", "fr", "expected"), LINKS)
def test_links(de: str, fr: str, expected: str | None) -> None:
    assert_case("links", de, fr, expected)


MARKUP = [
    *HUMAN,
    ("Das ist **wichtig**.", "C'est **important**.", None),
    ("Das ist **wichtig**.", "C'est important.", "bold spans"),
    ("Das ist *neu*.", "C'est *nouveau*.", None),
    ("Das ist *neu*.", "C'est _nouveau_.", None),
    ("Das ist *neu*.", "C'est **nouveau**.", "emphasis spans"),
    ("Siehe [hier](https://x.de).", "Voir [ici](https://x.de).", None),
    ("Siehe [hier](https://x.de).", "Voir ici (https://x.de).", "links: 1 in the German, 0"),
    ("Befehl `presse`", "Commande `presse`", None),
    ("Befehl `presse`", "Commande presse", "code spans"),
    (
        "Bürger*innen und Mitarbeiter*innen sind eingeladen.",
        "Les citoyens et agents sont invités.",
        None,
    ),
    ("Siehe https://x.de/a_b_c.", "Voir https://x.de/a_b_c.", None),
]


@pytest.mark.parametrize(("de", "fr", "expected"), MARKUP)
def test_markup(de: str, fr: str, expected: str | None) -> None:
    assert_case("markup", de, fr, expected)


NAMES = [
    *HUMAN,
    (
        "Landrat Martin Skiebe begrüßte die Gäste.",
        "Le Landrat Martin Skiebe a accueilli les invités.",
        None,
    ),
    (
        "Landrat Martin Skiebe begrüßte die Gäste.",
        "Martin Skibe a accueilli les invités.",
        "did you mean 'Skiebe'",
    ),
    (
        "Landrat Martin Skiebe begrüßte die Gäste.",
        "L'administrateur a accueilli les invités.",
        "'Martin' is missing",
    ),
    (
        "Heute empfing der Landrat Gäste aus Belfort.",
        "Aujourd'hui, l'administrateur a reçu des invités de Belfort.",
        None,
    ),
    (
        "Heute empfing Landrat Skiebe Gäste aus Belfort.",
        "Aujourd'hui, M. Skiebe a reçu des invités de Belfort.",
        None,
    ),
    ("Gäste aus Belfort kamen.", "Des invités de Belfrot sont venus.", "misspelling of 'Belfort'"),
    ("Bürgermeisterin Westermann sagte", "la maire Westermann a dit", None),
    ("Bürgermeisterin Westermann sagte", "la maire Westerman a dit", "did you mean 'Westermann'"),
    ("Frau Dr. med. Anke Westermann aus Magdeburg", "Mme Anke Westermann, de Magdebourg", None),
    ("Eine Frau Mitte 40 kam.", "Une femme d'une quarantaine d'années est venue.", None),
    ("Die Wernigeröder Altstadt", "La vieille ville de Wernigerode", None),
    ("Der Freistaat Sachsen und Brandenburg", "L'État libre de Saxe et le Brandebourg", None),
    ("Die Europäische Union und Europa", "L'Union européenne et l'Europe", None),
    ("Hans-Peter Müller wurde geehrt.", "Hans-Peter Müller a été honoré.", None),
    ("Hans-Peter Müller wurde geehrt.", "Hans-Peter Muller a été honoré.", "Müller"),
]


@pytest.mark.parametrize(("de", "fr", "expected"), NAMES)
def test_names(de: str, fr: str, expected: str | None) -> None:
    assert_case("names", de, fr, expected)


def test_names_keep_terms() -> None:
    ctx = CheckContext(keep_terms=frozenset({"Landrat"}))
    de = "Landrat Martin Skiebe sprach."
    assert run("names", de, "Le Landrat Martin Skiebe a parlé.", ctx) == []
    found = run("names", de, "L'administrateur Martin Skiebe a parlé.", ctx)
    assert "'Landrat' is missing" in found[0].message


TYPOGRAPHY = [
    *HUMAN,
    ("", f"Attention{NB}: travaux", None),
    ("", f"Attention{NN}: travaux", None),
    ("", "Attention: travaux", "before ':'"),
    ("", "Attention : travaux", "before ':'"),
    ("", f"Vraiment{NN}? Oui{NN}! Non{NN}; peut-être.", None),
    ("", "Vraiment? Oui! Non; peut-être.", "narrow no-break space"),
    ("", f"Le «{NB}Tag der offenen Tür{NB}» a lieu.", None),
    ("", '"Tag der offenen Tür" a lieu.', "« »"),
    ("", "„Tag der offenen Tür“ a lieu.", "« »"),
    ("", "« Tag der offenen Tür » a lieu.", "inside « »"),
    ("", "Rendez-vous à 10:30 sur https://www.kreis-hz.de/?a=1&b=2.", None),
    ("", "Prof. Dr. Anke Westermann", None),
    ("", "Le taux de 45,1 % et l'ancien.", "between a number and '%'"),
    ("", "l'ancien et l’autre", "mixed"),
    ("", "l'ancien et l'autre", None),
    ("", "l’ancien et l’autre", None),
    ("", "Commande `a: b` ici", None),
    ("", "Infos par e-mail : presse@kreis-hz.de !", "narrow no-break space"),
]


@pytest.mark.parametrize(("de", "fr", "expected"), TYPOGRAPHY)
def test_typography(de: str, fr: str, expected: str | None) -> None:
    assert_case("typography", de, fr, expected)


UNTRANSLATED = [
    *HUMAN,
    ("Der Kreistag tagt morgen.", "Der Kreistag tagt morgen.", "identical"),
    ("Martin Skiebe", "Martin Skiebe", None),
    ("www.kreis-hz.de", "www.kreis-hz.de", None),
    ("Der Kreistag tagt.", "Le conseil und der Kreistag se réunit.", "'und', 'der'"),
    ("Die Sitzung ist öffentlich.", "La séance ist publique.", "'ist'"),
    ("Das Haus der Generationen öffnet.", "La maison Haus der Generationen ouvre.", "'der'"),
    ("Ursula von der Leyen kommt.", "Ursula von der Leyen vient.", None),
    ("Er setzte ein Zeichen.", "Il mit fin au débat.", None),
    ("Der Ort Die liegt in Frankreich.", "La commune de Die est en France.", None),
    ("Er kommt mit dem Bus.", "Il vient des environs.", None),
    ("Der Kreistag tagt.", "Le conseil tagt mit die Bürger.", "'mit', 'die'"),
]


@pytest.mark.parametrize(("de", "fr", "expected"), UNTRANSLATED)
def test_untranslated(de: str, fr: str, expected: str | None) -> None:
    assert_case("untranslated", de, fr, expected)


def test_untranslated_keep_terms() -> None:
    ctx = CheckContext(keep_terms=frozenset({"Haus der Generationen"}))
    de = "Das Haus der Generationen öffnet."
    assert run("untranslated", de, "La maison Haus der Generationen ouvre.", ctx) == []


LENGTH = [
    *HUMAN,
    ("Kreistag tagt", "Le conseil d'arrondissement se réunit longuement", None),
    ("Der Kreistag tagt am Montag im Sitzungssaal der Kreisverwaltung.", "Le conseil.", "shorter"),
    (
        "Der Kreistag tagt am Montag im Sitzungssaal der Kreisverwaltung.",
        "Le conseil d'arrondissement se réunit lundi dans la salle des séances de "
        "l'administration.",
        None,
    ),
    (
        "Der Kreistag tagt am Montag im Sitzungssaal.",
        "Le conseil d'arrondissement se réunit lundi dans la salle des séances. Le conseil "
        "d'arrondissement se réunit lundi dans la salle des séances.",
        "longer",
    ),
    (
        "Der Kreistag tagt am Montag im [Sitzungssaal](https://www.kreis-hz.de/saal).",
        "Le conseil se réunit lundi dans la [salle](https://www.kreis-hz.de/saal).",
        None,
    ),
    ("Die Sitzung ist öffentlich und beginnt pünktlich.", "Séance publique.", "shorter"),
    (
        "Die Sitzung ist öffentlich und beginnt pünktlich.",
        "La séance est publique et commence à l'heure.",
        None,
    ),
    ("Landrat Martin Skiebe", "Martin Skiebe", None),
    (
        "Bürgerinnen und Bürger sind herzlich eingeladen.",
        "Les citoyens sont cordialement invités.",
        None,
    ),
    ("Weitere Informationen gibt es im Internet.", "Plus d'informations sur Internet.", None),
]


@pytest.mark.parametrize(("de", "fr", "expected"), LENGTH)
def test_length(de: str, fr: str, expected: str | None) -> None:
    assert_case("length", de, fr, expected)
