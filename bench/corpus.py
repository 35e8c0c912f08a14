"""A synthetic press archive: N German releases, each translated, reviewed and approved.

Run from the repository root::

    .venv/bin/python bench/corpus.py 1000 ../archive-1000

It makes a press-office repository as ``presse init`` does (``presse.yaml``, this
repository's ``glossary.yaml``, ``releases/de``, ``releases/fr``, ``locale``) holding N
German releases of 2,500 to 4,000 characters (a title, a summary, 6 to 8 paragraphs
under one or two headings, umlauts, dates, times, amounts, glossary terms in inflected
forms), and for each its French: a PO catalog with every segment translated, a review
file in which a person confirmed every segment and another approved the release, and
the French release file, so that ``presse status`` says ``approved`` for every release
and ``presse build`` publishes both languages.

The text comes from paired German and French sentence templates with slots (places,
numbers, dates, times, amounts), filled by a seeded RNG: the same N and ``--seed`` give
the same bytes. About a quarter of the sentences are drawn from a pool of a few hundred
filled sentences, as the boilerplate of a real archive recurs from release to release.

The PO and review files are made with presse's own functions (segmentation, merge,
``render_po``, ``render_review``, ``render_french_release``), with the approval hashes
computed as ``presse approve`` computes them; segmentation (SoMaJo) is the slow part,
so releases are made in worker processes (one per CPU).
"""

from __future__ import annotations

import argparse
import hashlib
import multiprocessing
import os
import random
import shutil
import sys
import time
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parent.parent

from presse.checks.runner import Checker  # noqa: E402
from presse.documents.catalog import content_hash, merge_catalog, release_segments, text_hash  # noqa: E402
from presse.documents.french import new_french_release, render_french_release  # noqa: E402
from presse.documents.po import Catalog, render_po  # noqa: E402
from presse.documents.release import Release, parse_release, render_release  # noqa: E402
from presse.documents.release_files import ReleaseFiles  # noqa: E402
from presse.documents.repository import Repository  # noqa: E402
from presse.documents.review_state import (  # noqa: E402
    Approval,
    ReviewState,
    SegmentRecord,
    excerpt,
    render_review,
)
from presse.documents.slug import make_slug  # noqa: E402
from presse.glossary.load import load_glossary  # noqa: E402
from presse.steps.approve import french_texts, pin_files  # noqa: E402
from presse.steps.extract import PO_HEADER_COMMENT, annotate, catalog_header, checker_for  # noqa: E402
from presse.steps.init import OfficeSetup, init_repository  # noqa: E402
from presse.steps.open import open_repository  # noqa: E402
from presse.steps.status import checked_with  # noqa: E402

TRANSLATOR = "Camille Martin"
# The bundled example's office and partner: the archive is the Landkreis Harz's.
HARZ = OfficeSetup(
    "Landkreis Harz",
    "l’arrondissement de Harz",
    partner="Département du Territoire de Belfort",
    licence="CC BY 4.0",
)
APPROVER = "Jana Schulz"
TIMEZONE = ZoneInfo("Europe/Berlin")
FIRST_DAY = date(2006, 1, 2)
DAYS_PER_RELEASE = 1.4  # 5,000 releases cover about 19 years
BOILERPLATE_SIZE = 300
BOILERPLATE_SHARE = 0.25

PLACES = [
    "Halberstadt", "Wernigerode", "Quedlinburg", "Blankenburg", "Thale", "Ilsenburg",
    "Osterwieck", "Harzgerode", "Ballenstedt", "Falkenstein", "Oberharz am Brocken",
    "Schwanebeck", "Gernrode", "Elbingerode", "Benneckenstein", "Hasselfelde",
]  # fmt: skip
# (German noun, French with article, French after "de", French after "à")
TOPICS = [
    ("Grundschule", "l'école primaire", "de l'école primaire", "à l'école primaire"),
    ("Sporthalle", "le gymnase", "du gymnase", "au gymnase"),
    ("Feuerwache", "la caserne des pompiers", "de la caserne des pompiers", "à la caserne des pompiers"),
    ("Bibliothek", "la bibliothèque", "de la bibliothèque", "à la bibliothèque"),
    ("Kreisstraße", "la route départementale", "de la route départementale", "à la route départementale"),
    ("Brücke", "le pont", "du pont", "au pont"),
    ("Kindertagesstätte", "la crèche", "de la crèche", "à la crèche"),
    ("Musikschule", "l'école de musique", "de l'école de musique", "à l'école de musique"),
    ("Rettungswache", "le poste de secours", "du poste de secours", "au poste de secours"),
    ("Berufsschule", "le lycée professionnel", "du lycée professionnel", "au lycée professionnel"),
]  # fmt: skip
WEEKDAYS = [
    ("Montag", "lundi"), ("Dienstag", "mardi"), ("Mittwoch", "mercredi"),
    ("Donnerstag", "jeudi"), ("Freitag", "vendredi"), ("Samstag", "samedi"),
]  # fmt: skip
MONTHS = [
    ("Januar", "janvier"), ("Februar", "février"), ("März", "mars"), ("April", "avril"),
    ("Mai", "mai"), ("Juni", "juin"), ("Juli", "juillet"), ("August", "août"),
    ("September", "septembre"), ("Oktober", "octobre"), ("November", "novembre"),
    ("Dezember", "décembre"),
]  # fmt: skip
HEADS = [
    ("Landrat Thomas Balcerowski", "le Landrat Thomas Balcerowski"),
    ("Landrätin Anke Berger", "la Landrätin Anke Berger"),
]
CATEGORIES = ["Presseinfos", "Verkehr", "Bildung", "Kultur", "Wirtschaft", "Soziales", "Umwelt"]

# (German, French): one sentence each; the slots are filled alike on both sides.
SENTENCES = [
    ("Die {topic} in {place} wird ab dem {date} für rund {n} Wochen saniert.",
     "Les travaux de rénovation {topic_de} de {place} commencent le {date} et dureront environ {n} semaines."),
    ("Der Landkreis Harz investiert dafür {amount} aus eigenen Mitteln.",
     "L'arrondissement de Harz y consacre {amount} sur ses fonds propres."),
    ("Am {weekday}, dem {date}, informiert die Kreisverwaltung ab {time} im Rathaus von {place} über die Pläne.",
     "Le {weekday} {date}, l'administration de l'arrondissement présentera les projets à partir de {time} à la mairie de {place}."),
    ("Bürgerinnen und Bürger können ihre Hinweise bis zum {date} schriftlich einreichen.",
     "Les habitants peuvent envoyer leurs remarques par écrit jusqu'au {date}."),
    ("Während der Arbeiten ist die Zufahrt zur {topic} nur über eine Umleitung möglich.",
     "Pendant les travaux, l'accès {topic_a} se fait uniquement par une déviation."),
    ("Seit {year} wurden im Landkreis Harz {n} ähnliche Vorhaben abgeschlossen.",
     "Depuis {year}, {n} projets similaires ont été menés à bien dans l'arrondissement de Harz."),
    ("{head} dankte den {n} beteiligten Firmen aus {place} für ihre Arbeit.",
     "{Head} a remercié les {n} entreprises de {place} pour leur travail."),
    ("Unter der Rufnummer 03941 {n}{m}{m} erteilt die Kreisverwaltung weitere Auskünfte.",
     "L'administration de l'arrondissement donne plus d'informations au 03941 {n}{m}{m}."),
    ("Die Kosten von {amount} tragen das Land Sachsen-Anhalt und der Landkreis Harz gemeinsam.",
     "Le Land de Saxe-Anhalt et l'arrondissement de Harz se partagent le coût de {amount}."),
    ("Im vergangenen Jahr besuchten {big} Menschen die {topic} in {place}.",
     "L'an dernier, {big} personnes ont fréquenté {topic_fr} de {place}."),
    ("Die Bauarbeiten beginnen am {weekday}, dem {date}, um {time}.",
     "Les travaux commencent le {weekday} {date} à {time}."),
    ("Nach Abschluss der Arbeiten sollen dort bis zu {n}0 Kinder betreut werden.",
     "Une fois les travaux terminés, jusqu'à {n}0 enfants pourront y être accueillis."),
    ("Die Industrie- und Handelskammer unterstützt das Vorhaben mit {n} Ausbildungsplätzen.",
     "La Chambre de commerce et d'industrie (CCI) soutient le projet avec {n} places d'apprentissage."),
    ("Vertreter der IHK und der Hochschule Harz stellten am {date} ihre Ergebnisse vor.",
     "Des représentants de la Chambre de commerce et d'industrie (CCI) et de la Hochschule Harz ont présenté leurs résultats le {date}."),
    ("Der Kreistag des Landkreises Harz hat dem Vorhaben mit {n} Stimmen zugestimmt.",
     "Le conseil de l'arrondissement de Harz (Kreistag) a approuvé le projet par {n} voix."),
    ("Die Partnerschaft mit der Partnerregion Belfort besteht seit {year} und wird weiter gepflegt.",
     "Le partenariat avec la région partenaire de Belfort existe depuis {year} et se poursuit."),
    ("Eine Delegation aus {place} reist am {date} für {n} Tage in die Partnerregion Belfort.",
     "Une délégation de {place} se rendra le {date} pour {n} jours dans la région partenaire de Belfort."),
    ("Beim Wirtschaftsforum Harz werden in diesem Jahr {n} Aussteller erwartet.",
     "Le Wirtschaftsforum Harz, le forum économique du Harz, attend cette année {n} exposants."),
    ("Die Sprechstunde der Kreisverwaltung in {place} findet jeden {weekday} von {time} bis {time2} statt.",
     "La permanence de l'administration de l'arrondissement à {place} a lieu chaque {weekday} de {time} à {time2}."),
    ("Für das Projekt stehen Fördermittel in Höhe von {amount} bereit.",
     "Des subventions de {amount} sont disponibles pour le projet."),
    ("„Wir freuen uns, dass die {topic} in {place} bald wieder genutzt werden kann“, sagte {head}.",
     "«\u00a0Nous nous réjouissons que {topic_fr} de {place} puisse bientôt rouvrir\u00a0», a déclaré {head}."),
    ("Der Anteil stieg im Vergleich zum Vorjahr um {n} Prozent.",
     "La part a augmenté de {n}\u00a0% par rapport à l'année précédente."),
    ("Die Veranstaltung ist kostenfrei, eine Anmeldung ist bis zum {date} erforderlich.",
     "La manifestation est gratuite, l'inscription est obligatoire jusqu'au {date}."),
    ("Insgesamt wurden {big} Anträge bearbeitet, davon {n} aus {place}.",
     "Au total, {big} demandes ont été traitées, dont {n} venant de {place}."),
    ("Die Jugendlichen aus {place} arbeiten {n} Tage lang gemeinsam mit Gästen aus der Partnerregion Belfort.",
     "Pendant {n} jours, les jeunes de {place} travaillent avec des invités de la région partenaire de Belfort."),
    ("Die Ausstellung in {place} ist bis zum {date} täglich von {time} bis {time2} geöffnet.",
     "L'exposition de {place} est ouverte tous les jours de {time} à {time2} jusqu'au {date}."),
    ("Die KoBa Jobcenter Harz vermittelte im {month} {n} junge Menschen in eine Ausbildung.",
     "En {month}, le KoBa Jobcenter Harz a placé {n} jeunes en formation."),
    ("Rund {n} Ehrenamtliche aus dem Landkreis Harz halfen beim Aufbau in {place}.",
     "Environ {n} bénévoles de l'arrondissement de Harz ont aidé au montage à {place}."),
    ("Die Landräte der Nachbarkreise waren zum Auftakt am {date} nach {place} gekommen.",
     "Les Landräte des arrondissements voisins étaient venus à {place} pour le lancement, le {date}."),
    ("Die Kreisverwaltung bittet alle Verkehrsteilnehmer in {place} um Verständnis.",
     "L'administration de l'arrondissement remercie les usagers de la route de {place} de leur compréhension."),
    ("Mit dem Umbau der {topic} in {place} wird ein Beschluss des Kreistages aus dem Jahr {year} umgesetzt.",
     "La transformation {topic_de} de {place} met en œuvre une décision du Kreistag de {year}."),
    ("Schülerinnen und Schüler der Hochschule Harz begleiten das Projekt seit {n} Monaten.",
     "Des étudiants de la Hochschule Harz accompagnent le projet depuis {n} mois."),
]  # fmt: skip
HEADINGS = [
    ("Hintergrund", "Contexte"),
    ("Termine im Überblick", "Les dates en bref"),
    ("Finanzierung", "Financement"),
    ("Stimmen aus {place}", "Réactions à {place}"),
    ("Zahlen und Fakten", "Chiffres clés"),
    ("Ausblick auf das Jahr {year}", "Perspectives pour {year}"),
]
TITLES = [
    ("Die {topic} in {place} wird ab dem {date} saniert",
     "Rénovation {topic_de} de {place} à partir du {date}"),
    ("Landkreis Harz investiert {amount} in {place}",
     "L'arrondissement de Harz investit {amount} à {place}"),
    ("Delegation aus {place} zu Gast in der Partnerregion Belfort ({n} Teilnehmer)",
     "Une délégation de {place} en visite dans la région partenaire de Belfort ({n} participants)"),
    ("Wirtschaftsforum Harz am {date} in {place}",
     "Le Wirtschaftsforum Harz le {date} à {place}"),
    ("Neue Sprechzeiten der Kreisverwaltung in {place} ab dem {date}",
     "Nouveaux horaires de l'administration de l'arrondissement à {place} à partir du {date}"),
]  # fmt: skip
# Sentences every archive repeats word for word.
FIXED = [
    ("Die Kreisverwaltung bittet alle Verkehrsteilnehmer um Verständnis.",
     "L'administration de l'arrondissement remercie les usagers de la route de leur compréhension."),
    ("Weitere Informationen gibt es auf der Internetseite des Landkreises Harz.",
     "Plus d'informations sur le site internet de l'arrondissement de Harz."),
    ("Der Eintritt ist frei.", "L'entrée est libre."),
    ("Die Pressestelle des Landkreises Harz steht für Rückfragen zur Verfügung.",
     "Le service de presse de l'arrondissement de Harz se tient à disposition pour toute question."),
]  # fmt: skip


def _amount(rng: random.Random) -> tuple[str, str]:
    if rng.random() < 0.5:
        whole, tenth = rng.randint(1, 9), rng.randint(1, 9)
        return f"{whole},{tenth} Millionen Euro", f"{whole},{tenth} millions d'euros"
    thousands, hundreds = rng.randint(12, 950), rng.randint(1, 9)
    return f"{thousands}.{hundreds}00 Euro", f"{thousands}\u202f{hundreds}00 euros"


def slots(rng: random.Random, year: int) -> dict[str, tuple[str, str]]:
    """One value per slot, in German and in French."""
    topic = rng.choice(TOPICS)
    weekday = rng.choice(WEEKDAYS)
    month = rng.choice(MONTHS)
    day = rng.randint(2, 28)
    month_de, month_fr = rng.choice(MONTHS)
    hour, minute = rng.randint(8, 17), rng.choice([0, 0, 30])
    time_de = f"{hour} Uhr" if not minute else f"{hour}:{minute:02d} Uhr"
    time_fr = f"{hour} h" if not minute else f"{hour} h {minute:02d}"
    head = rng.choice(HEADS)
    place = rng.choice(PLACES)
    n = str(rng.randint(2, 98))
    m = str(rng.randint(1, 9))
    thousands = rng.randint(1, 9)
    hundreds = rng.randint(100, 999)
    amount = _amount(rng)
    return {
        "topic": (topic[0], topic[1]),
        "topic_fr": (topic[0], topic[1]),
        "topic_de": (topic[0], topic[2]),
        "topic_a": (topic[0], topic[3]),
        "weekday": weekday,
        "month": month,
        "date": (f"{day}. {month_de} {year}", f"{day} {month_fr} {year}"),
        "time": (time_de, time_fr),
        "time2": (f"{hour + 2} Uhr", f"{hour + 2} h"),
        "head": (head[0], head[1]),
        "Head": (head[0], head[1][0].upper() + head[1][1:]),
        "place": (place, place),
        "n": (n, n),
        "m": (m, m),
        "year": (str(year - rng.randint(0, 12)), ""),
        "big": (f"{thousands}.{hundreds}", f"{thousands}\u202f{hundreds}"),
        "amount": amount,
    }


def fill(pair: tuple[str, str], rng: random.Random, year: int) -> tuple[str, str]:
    values = slots(rng, year)
    values["year"] = (values["year"][0], values["year"][0])
    de = pair[0].format(**{k: v[0] for k, v in values.items()})
    fr = pair[1].format(**{k: v[1] for k, v in values.items()})
    return de, fr


def boilerplate(seed: int) -> list[tuple[str, str]]:
    """The pool of recurring sentences: a few fixed ones and filled templates."""
    rng = random.Random(f"boilerplate:{seed}")
    pool = list(FIXED)
    seen = {de for de, _ in pool}
    while len(pool) < BOILERPLATE_SIZE:
        pair = fill(rng.choice(SENTENCES), rng, rng.randint(2008, 2024))
        if pair[0] not in seen:
            seen.add(pair[0])
            pool.append(pair)
    return pool


def release_day(index: int) -> date:
    return FIRST_DAY + timedelta(days=int(index * DAYS_PER_RELEASE))


def compose(index: int, seed: int, pool: list[tuple[str, str]]) -> dict:
    """One release's German and French: title, summary, blocks of sentences."""
    rng = random.Random(f"release:{seed}:{index}")
    day = release_day(index)
    year = day.year
    title = fill(rng.choice(TITLES), rng, year)
    summary = fill(rng.choice(SENTENCES), rng, year)
    blocks: list[tuple[str, list[tuple[str, str]]]] = []  # (kind, sentences)
    paragraphs = rng.randint(6, 8)
    heading_at = sorted(rng.sample(range(2, paragraphs), rng.randint(1, 2)))
    for number in range(paragraphs):
        if number in heading_at:
            blocks.append(("heading", [fill(rng.choice(HEADINGS), rng, year)]))
        sentences: list[tuple[str, str]] = []
        for _ in range(rng.randint(3, 5)):
            pair = (
                rng.choice(pool)
                if rng.random() < BOILERPLATE_SHARE
                else fill(rng.choice(SENTENCES), rng, year)
            )
            if all(pair[0] != de for de, _ in sentences):
                sentences.append(pair)
        blocks.append(("paragraph", sentences))
    # 2,500 to 4,000 characters of body: add or drop sentences until it fits.
    target = rng.randint(2600, 3900)
    paragraphs_only = [b for b in blocks if b[0] == "paragraph"]
    while _length(blocks) < target:
        rng.choice(paragraphs_only)[1].append(fill(rng.choice(SENTENCES), rng, year))
    while _length(blocks) > 4000:
        longest = max(paragraphs_only, key=lambda b: len(b[1]))
        longest[1].pop()
    return {"day": day, "title": title, "summary": summary, "blocks": blocks, "rng": rng}


def _length(blocks: list[tuple[str, list[tuple[str, str]]]]) -> int:
    return sum(sum(len(de) + 1 for de, _ in sentences) + 2 for _, sentences in blocks)


def joined(msgid: str, blocks: list[tuple[str, list[tuple[str, str]]]]) -> str | None:
    """The French of a segment made of several template sentences (the segmenter kept
    two sentences together, as it does after a name with a full stop)."""
    for _, sentences in blocks:
        for start in range(len(sentences)):
            for end in range(start + 2, len(sentences) + 1):
                if " ".join(de for de, _ in sentences[start:end]) == msgid:
                    return " ".join(fr for _, fr in sentences[start:end])
    return None


def body_of(blocks: list[tuple[str, list[tuple[str, str]]]], lang: int) -> str:
    parts = []
    for kind, sentences in blocks:
        text = " ".join(pair[lang] for pair in sentences)
        parts.append(f"## {text}" if kind == "heading" else text)
    return "\n\n".join(parts) + "\n"


class Maker:
    """Writes releases into one repository (one per worker process)."""

    def __init__(self, root: Path, seed: int) -> None:
        self.repo: Repository = open_repository(root)
        self.checker: Checker = checker_for(self.repo, load_glossary(self.repo.glossary_path))
        self.seed = seed
        self.pool = boilerplate(seed)

    def slug_for(self, index: int, title: str, day: date) -> str:
        # The index keeps slugs unique however the titles fall.
        return make_slug(f"{title} {index}", day)

    def make(self, index: int) -> str:
        parts = compose(index, self.seed, self.pool)
        day: date = parts["day"]
        rng: random.Random = parts["rng"]
        moment = datetime(
            day.year,
            day.month,
            day.day,
            rng.randint(8, 15),
            rng.choice([0, 15, 30, 45]),
            tzinfo=TIMEZONE,
        )
        title_de, title_fr = parts["title"]
        summary_de, summary_fr = parts["summary"]
        slug = self.slug_for(index, title_de, day)
        release = Release(
            slug=slug,
            title=title_de,
            date=moment,
            body=body_of(parts["blocks"], 0),
            category=rng.choice(CATEGORIES),
            summary=summary_de,
        )
        source_path = self.repo.source_path(slug)
        source_text = render_release(release)
        release = parse_release(source_text, source_path)

        french_of = {title_de: title_fr, summary_de: summary_fr}
        for _, sentences in parts["blocks"]:
            french_of.update(dict(sentences))
        source = source_path.relative_to(self.repo.root).as_posix()
        merged = merge_catalog(Catalog(), release_segments(release), lambda s: f"{source}:{s.line}")
        catalog = merged.catalog
        translated_at = moment + timedelta(days=1, hours=1)
        approved_at = translated_at + timedelta(hours=3)
        catalog.header = catalog_header(
            self.repo,
            slug,
            {
                "PO-Revision-Date": translated_at.strftime("%Y-%m-%d %H:%M%z"),
                "Last-Translator": TRANSLATOR,
            },
        )
        catalog.header_comments = [
            PO_HEADER_COMMENT.format(source=source, office=self.repo.config.office)
        ]
        review = ReviewState(slug)
        at = translated_at.isoformat()
        for entry in catalog.entries:
            french = french_of.get(entry.msgid) or joined(entry.msgid, parts["blocks"])
            if french is None:
                raise SystemExit(f"{slug}: segment not from one template sentence: {entry.msgid!r}")
            entry.msgstr = french
            review.segments[_id(entry)] = SegmentRecord(
                state="translated",
                text=excerpt(entry.msgid),
                by=TRANSLATOR,
                at=at,
                fr_hash=text_hash(french),
                origin={"person": TRANSLATOR},
            )
        annotate(catalog, review, self.checker)
        review.add_event("extracted", moment.isoformat(), None, new=len(catalog.entries))
        source_hash = hashlib.sha256(source_text.encode("utf-8")).hexdigest()
        approval = Approval(
            APPROVER,
            approved_at.isoformat(),
            source_hash,
            content_hash(catalog),
            checked_with=checked_with(self.repo),
        )
        files = ReleaseFiles(slug, release, source_text, catalog, review, True)
        title, summary, body = french_texts(files)
        french = new_french_release(
            release,
            title=title,
            body=body,
            source_hash=approval.source_hash,
            catalog_hash=approval.catalog_hash,
            approved_by=APPROVER,
            approved_at=approved_at,
            summary=summary,
            category=None,
        )
        catalog_text, french_text = render_po(catalog), render_french_release(french)
        # As `presse approve` does: the approval pins the files it approved.
        review.approval = pin_files(approval, catalog_text, french_text)
        review.add_event(
            "approved",
            approval.at,
            APPROVER,
            source_hash=source_hash[:12],
            catalog_hash=approval.catalog_hash,
        )
        _write(source_path, source_text)
        _write(self.repo.catalog_path(slug), catalog_text)
        _write(self.repo.review_path(slug), render_review(review))
        _write(self.repo.target_path(slug), french_text)
        return slug


def _id(entry) -> str:  # type: ignore[no-untyped-def]
    from presse.documents.catalog import entry_id

    return entry_id(entry)


def _write(path: Path, text: str) -> None:
    # A corpus is scratch data: plain writes, no fsync.
    path.write_text(text, "utf-8")


_MAKER: Maker | None = None


def _init_worker(root: str, seed: int) -> None:
    global _MAKER
    _MAKER = Maker(Path(root), seed)


def _make(index: int) -> str:
    assert _MAKER is not None
    return _MAKER.make(index)


def make_corpus(count: int, folder: Path, seed: int = 1, workers: int | None = None) -> list[str]:
    """Create the archive in ``folder`` (which must not exist or be empty)."""
    if folder.exists() and any(folder.iterdir()):
        raise SystemExit(f"{folder} is not empty")
    folder.mkdir(parents=True, exist_ok=True)
    init_repository(folder, HARZ)
    shutil.copyfile(ROOT / "glossary.yaml", folder / "glossary.yaml")
    workers = workers or len(os.sched_getaffinity(0))
    if workers <= 1 or count < 50:
        _init_worker(str(folder), seed)
        return [_make(i) for i in range(count)]
    with multiprocessing.get_context("fork").Pool(
        workers, initializer=_init_worker, initargs=(str(folder), seed)
    ) as pool:
        return pool.map(_make, range(count), chunksize=16)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", type=int, help="number of releases")
    parser.add_argument("folder", type=Path, help="where to create the repository")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    start = time.perf_counter()
    slugs = make_corpus(args.count, args.folder, args.seed)
    seconds = time.perf_counter() - start
    print(f"{len(slugs):,} approved releases in {args.folder} ({seconds:.1f} s)", file=sys.stderr)


if __name__ == "__main__":
    main()
