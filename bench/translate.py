"""What ``presse translate`` bills and how many requests it makes, against DeepL's API.

Run from the repository root: ``.venv/bin/python bench/translate.py``. It builds, in a
temporary folder, a repository of 100 synthetic releases translated by a person, edits
one sentence in each and translates again with the DeepL engine against a
DeepL-compatible server it starts on 127.0.0.1 (the fake server of the tests; it bills
the characters of each text it receives, as DeepL does). It prints:

- billed characters / characters of the changed sentences (presse sends only the
  changed sentence, its paragraph going along as unbilled ``context``);
- the same figure for a tool that sends whole paragraphs (the paragraph lengths);
- the requests for translating 200 new releases, against the minimum (all the
  paragraphs, titles and summaries packed 50 texts a request).

The figures, the machine and the date are written to ``docs/benchmarks-translate.md``
(``--no-write`` to skip). Nothing here reads a real key; a dummy one is set for the
local server only.
"""

from __future__ import annotations

import argparse
import math
import os
import platform
import random
import re
import sys
import tempfile
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests" / "engines"))  # the fake DeepL server, by path

from fake_deepl import FakeDeepL  # noqa: E402

from presse.documents.catalog import entry_id, one_line, release_segments, text_hash  # noqa: E402
from presse.documents.release_files import load_release_files, save_release_files  # noqa: E402
from presse.documents.repository import Repository, now_iso  # noqa: E402
from presse.glossary.load import load_glossary  # noqa: E402
from presse.steps.extract import annotate, extract_files  # noqa: E402
from presse.steps.init import OfficeSetup, init_repository  # noqa: E402
from presse.steps.open import open_repository  # noqa: E402
from presse.steps.translate import translate  # noqa: E402

DUMMY_KEY = "bench-dummy-key:fx"
PLACES = [
    "Halberstadt",
    "Wernigerode",
    "Quedlinburg",
    "Blankenburg",
    "Thale",
    "Ilsenburg",
    "Osterwieck",
    "Harzgerode",
    "Oberharz am Brocken",
    "Ballenstedt",
]
TOPICS = ["Kreisstraße", "Grundschule", "Sporthalle", "Feuerwache", "Bibliothek", "Radweg"]
WEEKDAYS = ["Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag"]
# Every template holds a number, which the edit changes.
TEMPLATES = [
    "Die {topic} in {place} wird ab dem {n}. Oktober für rund {m} Wochen saniert.",
    "Der Landkreis Harz investiert dafür {n}.{m}00 Euro aus eigenen Mitteln.",
    "Am {day} informiert die Kreisverwaltung ab {n} Uhr im Rathaus von {place} über die Pläne.",
    "Bürgerinnen und Bürger können ihre Hinweise bis zum {n}. November schriftlich einreichen.",
    "Während der Arbeiten ist die Zufahrt zur {topic} nur über die Umleitung Nummer {n} möglich.",
    "Seit {year} wurden im Landkreis {n} ähnliche Vorhaben abgeschlossen.",
    "Der Landrat dankte den {n} beteiligten Firmen aus {place} für ihre Arbeit.",
    "Weitere Auskünfte erteilt das Bauamt unter der Rufnummer 03941 {n}{m}.",
    "Die Kosten von {n} Millionen Euro tragen Land und Kreis gemeinsam.",
    "Im vergangenen Jahr besuchten {n}.{m}00 Menschen die {topic} in {place}.",
    "Die Bauarbeiten beginnen am {day}, dem {n}. September, um {m} Uhr.",
    "Nach Abschluss der Arbeiten sollen dort bis zu {n}0 Kinder betreut werden.",
]
TITLES = [
    "{topic} in {place} wird saniert ({n})",
    "Neue {topic} für {place}: Arbeiten beginnen am {day}",
    "Landkreis investiert {n} Millionen Euro in {place}",
]
NUMBER = re.compile(r"\d+")


def fill(template: str, rng: random.Random) -> str:
    return template.format(
        topic=rng.choice(TOPICS),
        place=rng.choice(PLACES),
        day=rng.choice(WEEKDAYS),
        n=rng.randint(2, 98),
        m=rng.randint(1, 9),
        year=rng.randint(1995, 2015),
    )


def release_text(index: int, rng: random.Random) -> tuple[str, str]:
    """A slug and a synthetic German release: a title, a summary, 3-6 paragraphs of
    1-4 sentences (no sentence twice in a paragraph)."""
    day = date(2023, 1, 1).toordinal() + index
    when = date.fromordinal(day).isoformat()
    title = fill(rng.choice(TITLES), rng)
    summary = fill(rng.choice(TEMPLATES), rng)
    paragraphs = []
    for _ in range(rng.randint(3, 6)):
        sentences: list[str] = []
        for template in rng.sample(TEMPLATES, rng.randint(1, 4)):
            sentences.append(fill(template, rng))
        paragraphs.append(" ".join(sentences))
    slug = f"{when}-bench-{index:04d}"
    text = (
        f"---\ntitle: '{title}'\ndate: {when}T10:00:00+01:00\nsummary: '{summary}'\n---\n\n"
        + "\n\n".join(paragraphs)
        + "\n"
    )
    return slug, text


def write_releases(repo: Repository, start: int, count: int, rng: random.Random) -> list[str]:
    slugs = []
    for index in range(start, start + count):
        slug, text = release_text(index, rng)
        repo.source_path(slug).write_text(text, encoding="utf-8")
        slugs.append(slug)
    return slugs


def translate_by_hand(repo: Repository, slugs: list[str]) -> None:
    """A person's French for every segment (what ``presse review`` would record)."""
    glossary = load_glossary(repo.glossary_path)
    when = now_iso(repo)
    for slug in slugs:
        files = extract_files(repo, load_release_files(repo, slug), glossary, when)
        for entry in files.catalog.active:
            entry.msgstr = f"FR {entry.msgid}"
            entry.flags = [f for f in entry.flags if f != "fuzzy"]
            record = files.review.record(entry_id(entry))
            record.state, record.by, record.at = "translated", "Bench Person", when
            record.origin = {"person": "Bench Person"}
            record.fr_hash = text_hash(entry.msgstr)
        annotate(files.catalog, files.review, glossary)
        save_release_files(repo, files)


def edit_one_sentence(repo: Repository, slug: str, rng: random.Random) -> tuple[int, int]:
    """Change one number in one body sentence; (length of the new sentence, length of
    its paragraph), as a one-line text."""
    path = repo.source_path(slug)
    text = path.read_text("utf-8")
    files = load_release_files(repo, slug)
    body = [s for s in release_segments(files.release) if s.block_index >= 0]
    segment = rng.choice(body)
    number = NUMBER.search(segment.msgid)
    assert number is not None, segment.msgid
    new_number = str(int(number.group()) + 1)
    new = segment.msgid[: number.start()] + new_number + segment.msgid[number.end() :]
    paragraph = one_line(segment.block_text)
    new_paragraph = paragraph.replace(segment.msgid, new, 1)
    end = text.index("\n---\n", 4) + 5  # edit the body, not a summary that reads the same
    head, body_text = text[:end], text[end:]
    assert segment.msgid in body_text
    path.write_text(head + body_text.replace(segment.msgid, new, 1), encoding="utf-8")
    return len(new), len(new_paragraph)


def count_blocks(repo: Repository, slugs: list[str]) -> int:
    """Paragraphs, titles and summaries: the fewest texts a request can carry them in."""
    total = 0
    for slug in slugs:
        segments = release_segments(load_release_files(repo, slug).release)
        total += len({s.block_index for s in segments})
    return total


def markdown_report(figures: dict[str, object]) -> str:
    f = figures
    return f"""## Translation: billed characters and requests (`bench/translate.py`)

Measured on {f["date"]} on {f["platform"]}, {f["cpus"]} CPUs, Python {f["python"]}, with
the real `deepl` client (deepl-python) against the DeepL-compatible test server on
127.0.0.1, which bills the characters of every text it receives (tags included).
Run it again with `.venv/bin/python bench/translate.py`.

**One edited sentence per release.** {f["edited_releases"]} synthetic releases translated
by a person; one sentence (one number) changed in each; `presse translate --engine deepl`.

| approach | characters billed | per changed character |
| --- | ---: | ---: |
| presse (the changed sentence; its paragraph as unbilled `context`) | {f["billed"]:,} | {f["ratio"]:.3f} |
| sending whole paragraphs | {f["paragraph_characters"]:,} | {f["paragraph_ratio"]:.3f} |

Changed sentences: {f["changed_characters"]:,} characters; presse made {f["edit_requests"]}
request(s) ({f["edit_seconds"]:.1f} s): one per paragraph of which only a part changed
(DeepL takes one `context` per request); changed one-sentence paragraphs, titles and
summaries are packed together.

**New releases.** {f["new_releases"]} new releases ({f["blocks"]:,} paragraphs, titles and
summaries; {f["new_segments"]:,} sentences, {f["new_characters"]:,} characters):
{f["new_requests"]} requests against a minimum of {f["min_requests"]} (the texts packed
50 a request), {f["new_billed"]:,} characters billed, {f["new_seconds"]:.1f} s. A whole
paragraph goes as one text with its sentences tagged (`<s n="0">…</s>`); the test server
bills those tags, which is why more characters are billed than the German has.
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--edited", type=int, default=100, help="translated releases to edit")
    parser.add_argument("--new", type=int, default=200, help="new releases to translate")
    parser.add_argument("--no-write", action="store_true", help="do not write the docs page")
    args = parser.parse_args()
    rng = random.Random(42)

    server = FakeDeepL(DUMMY_KEY).start()
    os.environ["DEEPL_AUTH_KEY"] = DUMMY_KEY
    os.environ["DEEPL_SERVER_URL"] = server.url
    try:
        with tempfile.TemporaryDirectory(prefix="presse-bench-") as folder:
            root = Path(folder) / "office"
            root.mkdir()
            init_repository(root, OfficeSetup("Landkreis Harz", "l’arrondissement de Harz"))
            repo = open_repository(root)
            print(f"building {args.edited} translated releases...", flush=True)
            slugs = write_releases(repo, 0, args.edited, rng)
            translate_by_hand(repo, slugs)
            changed = paragraphs = 0
            for slug in slugs:
                sentence, paragraph = edit_one_sentence(repo, slug, rng)
                changed += sentence
                paragraphs += paragraph
            edited = translate(repo, engine_name="deepl")
            assert edited.filled == args.edited, (edited.filled, edited.notes)

            print(f"translating {args.new} new releases...", flush=True)
            new_slugs = write_releases(repo, 10_000, args.new, rng)
            blocks = count_blocks(repo, new_slugs)
            fresh = translate(repo, new_slugs, engine_name="deepl")
            assert fresh.left == 0, fresh.notes
    finally:
        server.stop()
        os.environ.pop("DEEPL_AUTH_KEY", None)
        os.environ.pop("DEEPL_SERVER_URL", None)

    figures: dict[str, object] = {
        "date": date.today().isoformat(),
        "platform": platform.platform(),
        "cpus": os.cpu_count(),
        "python": platform.python_version(),
        "edited_releases": args.edited,
        "changed_characters": changed,
        "billed": edited.billed_characters,
        "ratio": edited.billed_characters / changed,
        "paragraph_characters": paragraphs,
        "paragraph_ratio": paragraphs / changed,
        "edit_requests": edited.requests,
        "edit_seconds": edited.seconds,
        "new_releases": args.new,
        "blocks": blocks,
        "new_segments": fresh.sent,
        "new_characters": fresh.characters,
        "new_requests": fresh.requests,
        "min_requests": math.ceil(blocks / 50),
        "new_billed": fresh.billed_characters,
        "new_seconds": fresh.seconds,
    }
    print(
        f"one edited sentence in each of {args.edited} releases: "
        f"billed / changed characters = {figures['ratio']:.3f} "
        f"({edited.billed_characters:,} / {changed:,}); "
        f"whole paragraphs: {figures['paragraph_ratio']:.3f} ({paragraphs:,} / {changed:,})"
    )
    print(
        f"{args.new} new releases: {fresh.requests} requests, minimum "
        f"{figures['min_requests']} ({blocks:,} paragraphs / 50)"
    )
    if not args.no_write:
        target = ROOT / "docs" / "benchmarks-translate.md"
        target.write_text(markdown_report(figures), encoding="utf-8")
        print(f"wrote {target.relative_to(ROOT).as_posix()}")


if __name__ == "__main__":
    main()
