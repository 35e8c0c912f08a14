"""PO files as GNU gettext writes them: wrapping, round trips, polib, syntax errors."""

from __future__ import annotations

import random
import shutil
import subprocess
from pathlib import Path

import polib
import pytest

from presse.documents.po import Catalog, Entry, parse_po, render_po
from presse.errors import PresseError

CATALOG_DATA = Path(__file__).resolve().parent / "data" / "catalog"
needs_gettext = pytest.mark.skipif(
    shutil.which("msgcat") is None or shutil.which("msgfmt") is None,
    reason="GNU gettext (msgcat, msgfmt) is not installed",
)

# Sentences as the office and its partner write them: long ones, „…“ and « … » quotes,
# URLs, e-mail addresses, hyphenated compounds, parentheses, dashes, no-break spaces.
GERMAN = [
    "Eine offizielle Delegation aus dem Landkreis Harz war Mitte April zu Gast in der "
    "französischen Partnerregion Belfort.",
    "„Ich freue mich auf die Zusammenarbeit unserer Regionen, die viele Gemeinsamkeiten "
    "aufweisen“, betont Landrat Martin Skiebe.",
    "Vertreter der Industrie- und Handelskammer und Unternehmer aus beiden Regionen führten "
    "intensive Gespräche und ebneten den Weg für eine weiterführende Zusammenarbeit.",
    "Weitere Informationen gibt es unter https://www.kreis-hz.de/de/presseinfos-17000.html"
    "?id=4711&lang=de im Internet.",
    "Die Technische Universität von Belfort-Montbéliard (UTBM) und die Hochschule Harz "
    "(Wernigerode) wollen künftig enger kooperieren.",
    "Der Eintritt kostet 5\u00a0Euro, ermäßigt 2,50\u00a0Euro (für Schüler, Studenten und "
    "Rentner).",
    "Am 15.\u00a0April 2016 um 10:30\u00a0Uhr beginnt die Veranstaltung im Kreishaus, "
    "Friedrich-Ebert-Straße\u00a042, 38820 Halberstadt.",
    "Die Partnerschaft besteht seit 1994 – und wird seit der Kreisfusion vom Landkreis Harz "
    "weitergeführt.",
    "Anmeldungen nimmt das Amt für Kreisentwicklung per E-Mail an presse@kreis-hz.de oder "
    "telefonisch unter 03941\u00a05970-0 entgegen.",
    "Das Motto lautet »Gemeinsam für Europa« und wurde von Schülerinnen und Schülern der "
    "Sekundarschule „Am Gröpertor“ gewählt.",
    "Die Kosten in Höhe von rund 1,2\u00a0Millionen Euro trägt zu 80\u00a0Prozent das Land "
    "Sachsen-Anhalt.",
    "Sie wurde auf Initiative des Belforter Louis Bertrand, Überlebender des KZ "
    "Langenstein-Zwieberge, auf den Weg gebracht.",
    "Ob Wander-, Rad- oder Kulturtourismus: Der Harz bietet für jeden etwas.",
    "Der Landrat dankte allen Beteiligten – insbesondere den Ehrenamtlichen – für ihr Engagement.",
]
FRENCH = [
    "Une délégation officielle de l’arrondissement du Harz était reçue mi-avril dans la "
    "région partenaire française de Belfort.",
    "«\u00a0Je me réjouis de la coopération de nos régions, qui ont beaucoup de points "
    "communs\u00a0», souligne le Landrat Martin Skiebe.",
    "Des représentants de la chambre de commerce et d’industrie et des entrepreneurs des "
    "deux régions ont mené des entretiens approfondis.",
    "Plus d’informations sur https://www.territoiredebelfort.fr/actualites/harz-2016"
    "?source=presse&lang=fr en ligne.",
    "L’Université de technologie de Belfort-Montbéliard (UTBM) et la Hochschule Harz "
    "(Wernigerode) veulent coopérer plus étroitement.",
    "L’entrée coûte 5\u00a0euros, tarif réduit 2,50\u00a0euros (pour les élèves, étudiants "
    "et retraités).",
    "Le 15\u00a0avril 2016 à 10\u00a0h\u00a030, la manifestation commence à la maison de "
    "l’arrondissement, 42\u00a0Friedrich-Ebert-Straße, 38820 Halberstadt.",
    "Le partenariat existe depuis 1994 — et il est poursuivi par l’arrondissement du Harz "
    "depuis la fusion.",
    "Est-ce possible\u202f? Oui\u00a0: les inscriptions sont reçues par courriel à "
    "presse@kreis-hz.de\u00a0!",
    "La devise est «\u00a0Ensemble pour l’Europe\u00a0» (choisie par les élèves du collège "
    "«\u00a0Am Gröpertor\u00a0»).",
    "Le coût d’environ 1,2\u00a0million d’euros est pris en charge à 80\u00a0% par le Land "
    "de Saxe-Anhalt.",
    "Qu’il s’agisse de randonnée, de vélo ou de culture\u00a0: le Harz offre quelque chose "
    "pour chacun.",
]
SOURCE = "releases/de/2016-09-08-eine-delegation-aus-dem-harz-war-zu-gast-in-der-partnerregion-belfort.md"


def press_text(rng: random.Random, pool: list[str]) -> str:
    """One to four sentences of ``pool`` run together, sometimes with a tail."""
    text = " ".join(rng.sample(pool, rng.choice([1, 1, 2, 2, 3, 4])))
    if rng.random() < 0.2:
        text += " " + rng.choice(["Tel. 03941/5970-0.", "(Stand: 8.\u00a0September 2016)"])
    return text


def generated_catalog(seed: int, size: int) -> Catalog:
    """A catalog of ``size`` press messages with every kind of entry presse writes."""
    rng = random.Random(seed)
    catalog = Catalog(
        header={
            "Project-Id-Version": "harz",
            "Language": "fr",
            "MIME-Version": "1.0",
            "Content-Type": "text/plain; charset=UTF-8",
            "Content-Transfer-Encoding": "8bit",
            "X-Source-File": SOURCE,
        },
        header_comments=["French translation of a release (Landkreis Harz)."],
    )
    for number in range(size):
        entry = Entry(
            msgid=f"{press_text(rng, GERMAN)} ({number})",
            msgstr=press_text(rng, FRENCH) if rng.random() < 0.7 else "",
            references=[f"{SOURCE}:{number + 7}"],
        )
        if number % 10 == 0:
            entry.msgctxt = ["title", "summary", "occurrence 2"][number % 3]
        if entry.msgstr and rng.random() < 0.3:
            entry = entry.with_fuzzy(True)
            entry.previous_msgid = press_text(rng, GERMAN)
        if rng.random() < 0.2:
            entry.extracted_comments = ["terms: Landrat → Landrat (keep)"]
        if entry.msgstr and rng.random() < 0.15:
            entry.obsolete = True
            entry.references = []
        catalog.entries.append(entry)
    return catalog


def run_gettext(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, capture_output=True, text=True, check=False, timeout=60)


# ---------------------------------------------------------------- like GNU gettext


@needs_gettext
@pytest.mark.parametrize("seed", [1, 2])
def test_msgcat_leaves_our_catalog_byte_for_byte_unchanged(tmp_path: Path, seed: int) -> None:
    catalog = generated_catalog(seed, 300)
    text = render_po(catalog)
    assert text.count("\n#~ msgid") > 10 and text.count("\n#| msgid") > 10
    assert max(len(line) for line in text.splitlines() if not line.startswith("#:")) <= 79
    path = tmp_path / "messages.po"
    path.write_bytes(text.encode("utf-8"))
    result = run_gettext("msgcat", str(path))
    assert result.returncode == 0, result.stderr
    assert result.stdout == text


@needs_gettext
def test_msgfmt_check_accepts_our_catalog(tmp_path: Path) -> None:
    path = tmp_path / "messages.po"
    path.write_bytes(render_po(generated_catalog(3, 300)).encode("utf-8"))
    result = run_gettext("msgfmt", "--check", "-o", str(tmp_path / "messages.mo"), str(path))
    assert result.returncode == 0, result.stderr


@needs_gettext
def test_a_catalog_written_by_gnu_gettext_is_read_and_written_unchanged(tmp_path: Path) -> None:
    # msgcat rewraps a hand-written catalog; reading its output and writing it again
    # must give GNU gettext's bytes back (as after a save in Poedit).
    source = CATALOG_DATA / "hand-wrapped.po"
    result = run_gettext("msgcat", str(source))
    assert result.returncode == 0, result.stderr
    gnu = result.stdout
    assert gnu != source.read_text("utf-8")  # msgcat did rewrap it
    assert render_po(parse_po(gnu, "gnu.po")) == gnu


def test_parse_and_render_round_trip_of_a_generated_catalog() -> None:
    text = render_po(generated_catalog(4, 200))
    assert render_po(parse_po(text, "messages.po")) == text


def test_a_short_message_stays_on_one_line_and_a_long_one_is_wrapped() -> None:
    text = render_po(Catalog(entries=[Entry("Kurz.", "Court."), Entry(GERMAN[0], FRENCH[0])]))
    assert 'msgid "Kurz."\nmsgstr "Court."\n' in text
    assert (
        'msgid ""\n"Eine offizielle Delegation aus dem Landkreis Harz war Mitte April zu Gast in '
        '"\n"der französischen Partnerregion Belfort."\n'
    ) in text


# ---------------------------------------------------------------- polib reads what we write


def test_polib_reads_every_field_we_write() -> None:
    catalog = Catalog(
        header={"Content-Type": "text/plain; charset=UTF-8", "Language": "fr"},
        entries=[
            Entry(
                msgid="Eine Delegation aus dem Harz war zu Gast in der Partnerregion Belfort",
                msgstr="Une délégation du Harz était reçue dans la région partenaire de Belfort",
                msgctxt="title",
                references=[f"{SOURCE}:2"],
                extracted_comments=["terms: Partnerregion → région partenaire"],
                translator_comments=["Titre validé par la préfecture."],
            ),
            Entry(
                msgid="Der Landrat kam „mit großer Freude“ nach Belfort.",
                msgstr="Le Landrat est venu «\u00a0avec grand plaisir\u00a0» à Belfort.",
                flags=["fuzzy"],
                previous_msgid="Der Landrat kam gern nach Belfort.",
                previous_msgctxt="occurrence 2",
                references=[f"{SOURCE}:7"],
            ),
            Entry(
                msgid="Die Partnerschaft besteht seit 1994.",
                msgstr="Le partenariat existe depuis 1994.",
                msgctxt="occurrence 2",
                obsolete=True,
            ),
        ],
    )
    parsed = polib.pofile(render_po(catalog))
    assert parsed.metadata["Content-Type"] == "text/plain; charset=UTF-8"
    assert parsed.metadata["Language"] == "fr"
    title, changed = parsed[0], parsed[1]
    assert (title.msgctxt, title.msgid, title.msgstr) == (
        "title",
        catalog.entries[0].msgid,
        catalog.entries[0].msgstr,
    )
    assert title.occurrences == [(SOURCE, "2")]
    assert title.comment == "terms: Partnerregion → région partenaire"
    assert title.tcomment == "Titre validé par la préfecture."
    assert changed.flags == ["fuzzy"] and changed.fuzzy
    assert changed.previous_msgid == "Der Landrat kam gern nach Belfort."
    assert changed.previous_msgctxt == "occurrence 2"
    assert changed.msgstr == catalog.entries[1].msgstr
    obsolete = parsed.obsolete_entries()
    assert [(e.msgctxt, e.msgid, e.msgstr) for e in obsolete] == [
        (
            "occurrence 2",
            "Die Partnerschaft besteht seit 1994.",
            "Le partenariat existe depuis 1994.",
        )
    ]
    # And our reader gives back the model we wrote.
    assert parse_po(render_po(catalog), "x.po").entries == catalog.entries


def test_a_catalog_saved_by_polib_reads_back_the_same() -> None:
    catalog = generated_catalog(5, 60)
    saved = polib.pofile(render_po(catalog), wrapwidth=79).__unicode__()
    reread = parse_po(saved, "saved.po")
    assert [(e.msgctxt, e.msgid, e.msgstr, e.fuzzy, e.obsolete) for e in reread.entries] == [
        (e.msgctxt, e.msgid, e.msgstr, e.fuzzy, e.obsolete)
        for e in [*catalog.active, *catalog.obsolete]
    ]


# ---------------------------------------------------------------- broken PO files


HEADER = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'


@pytest.mark.parametrize(
    ("body", "line", "words"),
    [
        ('msgid "Hallo."\nmsgstr "Bonjour.\n', 6, "unterminated"),
        ('msgid "Hallo."\nmsgstr Bonjour."\n', 6, "unterminated"),
        ('msgid "Hallo."\nmsgstr "Bon\\qjour."\n', 6, "escape"),
        ('msgid "Hallo."\nmsgstr "Bonjour."\nBonsoir\n', 7, "not a PO line"),
        ('msgid "Hallo."\n\nmsgid "Tschüss."\nmsgstr "Salut."\n', 7, "syntax"),
        ('#~ msgid "Alt."\n#~ msgstr "Ancien.\n', 6, "unterminated"),
    ],
)
def test_a_broken_po_file_names_its_line(body: str, line: int, words: str) -> None:
    with pytest.raises(PresseError) as caught:
        parse_po(HEADER + body, "fr.po")
    assert caught.value.line == line
    assert words in caught.value.message
    assert str(caught.value).startswith(f"fr.po:{line}: broken PO file")


def test_an_unterminated_string_is_not_silently_shortened() -> None:
    # polib alone would read "Bonjour." as "Bonjour" and the next save would lose the dot.
    with pytest.raises(PresseError):
        parse_po(HEADER + 'msgid "Hallo."\nmsgstr "Bonjour.\n', "fr.po")


def test_a_duplicate_message_is_an_error() -> None:
    body = 'msgid "Hallo."\nmsgstr "Bonjour."\n\nmsgid "Hallo."\nmsgstr "Salut."\n'
    with pytest.raises(PresseError, match="already exists"):
        parse_po(HEADER + body, "fr.po")
