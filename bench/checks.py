"""How much the checks can be trusted: false alarms on professional translations, and
recall on errors seeded into them.

Run from the repository root: ``python bench/checks.py`` (``--no-write`` only prints).
It reads the corpus of published DE→FR releases under ``tests/data/professional/``
(with its glossary), runs every check on each aligned pair, and:

- counts, per check, the pairs where it reports something: on professional French each
  of them is a false alarm (an error-level one is a bug, and a test fails on it);
- seeds one error at a time into the pairs (a number changed, an amount changed, a date
  moved, a glossary term replaced by a wrong rendering, a name misspelt; an amount also
  by its scale, "millions" for "milliards") and counts the
  seeded errors that the check meant to find them reports;
- checks that the mistakes the published French really has (``known_errors``) are found.

The table is written into ``docs/checks.md`` between its ``measure`` markers.
``tests/test_checks_professional.py`` runs the same measurement.
"""

from __future__ import annotations

import argparse
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from presse.checks import CHECKS, CheckContext, Finding, run_checks
from presse.checks.dates import french_dates
from presse.checks.names import name_candidates
from presse.checks.numeric import french_numbers, german_numbers
from presse.glossary.load import load_glossary

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "data" / "professional"
DOC = ROOT / "docs" / "checks.md"
START, END = "<!-- measure:start -->", "<!-- measure:end -->"


@dataclass(frozen=True)
class Pair:
    release: str
    de: str
    fr: str
    checks: tuple[str, ...] = ()  # for known errors and by-design pairs: who reports it


@dataclass(frozen=True)
class Corpus:
    pairs: list[Pair]
    known_errors: list[Pair]
    by_design: list[Pair]
    releases: int
    context: CheckContext


def load_corpus(folder: Path = CORPUS) -> Corpus:
    pairs, known, by_design = [], [], []
    releases = 0
    for path in sorted(folder.glob("*.yaml")):
        if path.name == "glossary.yaml":
            continue
        releases += 1
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for section, out in (("pairs", pairs), ("known_errors", known), ("by_design", by_design)):
            for item in data.get(section) or ():
                out.append(Pair(path.stem, item["de"], item["fr"], tuple(item.get("checks", ()))))
    glossary = load_glossary(folder / "glossary.yaml")
    keep = frozenset(t.de for t in glossary.terms if t.keep)
    return Corpus(pairs, known, by_design, releases, CheckContext(glossary, keep))


# --- seeded errors ----------------------------------------------------------------------

#: What is seeded, and which checks are meant to find it.
SEEDS: dict[str, tuple[str, ...]] = {
    "a number changed": ("numbers",),
    "an amount changed": ("numbers", "currency_units"),
    "a date moved": ("dates",),
    "a glossary term replaced": ("glossary",),
    "a name misspelt": ("names",),
}
_UNIT_AFTER = re.compile(r"[ \u00a0\u202f]*(?:%|francs?|euros?|€|CHF|millions?|milliards?)(?!\w)")


def _other_number(text: str) -> str:
    """A different number written like ``text``: the last digit changed."""
    last = int(text[-1])
    return text[:-1] + str((last + 1) % 10 if last != 9 else 8)


_SCALE_SWAP = {"milliards": "millions", "milliard": "million", "millions": "milliards"}


def _numbers(pair: Pair, *, amounts: bool) -> Iterator[str]:
    german = {n.value for n in german_numbers(pair.de)} | {n.base for n in german_numbers(pair.de)}
    for number in french_numbers(pair.fr, german):
        if number.value not in german and number.base not in german:
            continue
        unit = _UNIT_AFTER.match(pair.fr, number.end)
        if (unit is not None) != amounts:
            continue
        yield pair.fr[: number.start] + _other_number(number.text) + pair.fr[number.end :]
        if unit is not None:  # an amount also goes wrong by its scale: millions for milliards
            word = unit[0].strip()
            if word in _SCALE_SWAP:
                start = number.end + unit[0].index(word)
                swapped = _SCALE_SWAP[word]
                yield pair.fr[:start] + swapped + pair.fr[start + len(word) :]
        return


def seed_number(pair: Pair, ctx: CheckContext) -> Iterator[str]:
    return _numbers(pair, amounts=False)


def seed_amount(pair: Pair, ctx: CheckContext) -> Iterator[str]:
    return _numbers(pair, amounts=True)


def seed_date(pair: Pair, ctx: CheckContext) -> Iterator[str]:
    for mention in french_dates(pair.fr):
        day = mention.value[0]
        if not day or mention.german_form:
            continue
        text = mention.text
        m = re.search(rf"(?<!\d){day}(?:er)?(?!\d)", text)
        if m is None:
            continue
        moved = str(day + 1 if day < 28 else day - 1)
        new = text[: m.start()] + moved + text[m.end() :]
        yield pair.fr[: mention.start] + new + pair.fr[mention.end :]
        return


def seed_term(pair: Pair, ctx: CheckContext) -> Iterator[str]:
    glossary = ctx.glossary
    assert glossary is not None
    for match in glossary.find_german(pair.de):  # type: ignore[attr-defined]
        term = match.term
        if not term.avoid:
            continue
        for form in sorted(glossary.forms_fr(term), key=len, reverse=True):  # type: ignore[attr-defined]
            found = re.search(rf"(?<!\w){re.escape(form)}(?!\w)", pair.fr)
            if found:
                yield pair.fr[: found.start()] + term.avoid[0] + pair.fr[found.end() :]
                return


def _misspelt(name: str) -> str:
    i = len(name) // 2
    swapped = name[: i - 1] + name[i] + name[i - 1] + name[i + 1 :]
    return swapped if swapped != name else name[:i] + name[i] + name[i:]


def seed_name(pair: Pair, ctx: CheckContext) -> Iterator[str]:
    for name in name_candidates(pair.de, ctx.keep_terms):
        if len(name) < 5 or name in ctx.keep_terms:
            continue
        found = re.search(rf"(?<!\w){re.escape(name)}(?!\w)", pair.fr)
        if found:
            yield pair.fr[: found.start()] + _misspelt(name) + pair.fr[found.end() :]
            return


SEEDERS: dict[str, Callable[[Pair, CheckContext], Iterator[str]]] = {
    "a number changed": seed_number,
    "an amount changed": seed_amount,
    "a date moved": seed_date,
    "a glossary term replaced": seed_term,
    "a name misspelt": seed_name,
}


# --- the measurement -----------------------------------------------------------------


@dataclass
class Measurement:
    releases: int = 0
    pairs: int = 0
    #: check -> pairs where it reported something on professional French
    false_alarms: dict[str, list[tuple[Pair, list[Finding]]]] = field(default_factory=dict)
    #: seed -> (seeded, found, the seeded pairs it missed)
    seeded: dict[str, tuple[int, int, list[tuple[Pair, str]]]] = field(default_factory=dict)
    #: known errors: (pair, the checks that reported it)
    known: list[tuple[Pair, set[str]]] = field(default_factory=list)
    by_design: list[tuple[Pair, set[str]]] = field(default_factory=list)

    def errors(self) -> list[tuple[Pair, Finding]]:
        """Every error-level finding on professional French: each one a bug."""
        return [
            (pair, f)
            for found in self.false_alarms.values()
            for pair, findings in found
            for f in findings
            if f.severity == "error"
        ]

    def recall(self, seed: str) -> float:
        seeded, found, _missed = self.seeded[seed]
        return found / seeded if seeded else 0.0


def _new(findings: list[Finding], before: list[Finding], checks: tuple[str, ...]) -> bool:
    old = {(f.check, f.message) for f in before}
    return any(f.check in checks and (f.check, f.message) not in old for f in findings)


def measure(corpus: Corpus | None = None) -> Measurement:
    corpus = corpus or load_corpus()
    ctx = corpus.context
    result = Measurement(corpus.releases, len(corpus.pairs))
    result.false_alarms = {name: [] for name in CHECKS}
    baseline: dict[Pair, list[Finding]] = {}
    for pair in corpus.pairs:
        findings = run_checks(pair.de, pair.fr, ctx)
        baseline[pair] = findings
        for name in CHECKS:
            mine = [f for f in findings if f.check == name]
            if mine:
                result.false_alarms[name].append((pair, mine))
    for seed, seeder in SEEDERS.items():
        checks = SEEDS[seed]
        seeded = found = 0
        missed: list[tuple[Pair, str]] = []
        for pair in corpus.pairs:
            for wrong in seeder(pair, ctx):
                seeded += 1
                if _new(run_checks(pair.de, wrong, ctx), baseline[pair], checks):
                    found += 1
                else:
                    missed.append((pair, wrong))
        result.seeded[seed] = (seeded, found, missed)
    for pairs, out in ((corpus.known_errors, result.known), (corpus.by_design, result.by_design)):
        for pair in pairs:
            out.append((pair, {f.check for f in run_checks(pair.de, pair.fr, ctx)}))
    return result


def _percent(part: int, whole: int) -> str:
    return f"{100 * part / whole:.1f} %" if whole else "–"


def table(result: Measurement) -> str:
    """The markdown written into docs/checks.md."""
    seeds_of = {check: [s for s, checks in SEEDS.items() if check in checks] for check in CHECKS}
    lines = [
        f"Measured by `python bench/checks.py` on {result.pairs} aligned sentence pairs of "
        f"{result.releases} published releases (`tests/data/professional/`, with its "
        "glossary). A false alarm is a pair of professional French on which the check "
        "reports something; recall is the share of errors seeded into those pairs that "
        "the check reports.",
        "",
        "| check | severity | false alarms (pairs) | rate | seeded errors | found | recall |",
        "| --- | --- | --- | --- | --- | --- | --- |",
    ]
    for name, registered in CHECKS.items():
        alarms = len(result.false_alarms[name])
        seeded = sum(result.seeded[s][0] for s in seeds_of[name] if len(SEEDS[s]) == 1)
        found = sum(result.seeded[s][1] for s in seeds_of[name] if len(SEEDS[s]) == 1)
        seeded_cell = f"{seeded}" if seeded else "–"
        lines.append(
            f"| {name} | {registered.severity} | {alarms} | {_percent(alarms, result.pairs)} "
            f"| {seeded_cell} | {found if seeded else '–'} | "
            f"{_percent(found, seeded) if seeded else '–'} |"
        )
    lines += [
        "",
        "| seeded error | checks meant to find it | seeded | found | recall |",
        "| --- | --- | --- | --- | --- |",
    ]
    for seed, checks in SEEDS.items():
        seeded, found, _missed = result.seeded[seed]
        lines.append(
            f"| {seed} | {', '.join(checks)} | {seeded} | {found} | {_percent(found, seeded)} |"
        )
    found_known = sum(1 for pair, checks in result.known if set(pair.checks) <= checks)
    lines += [
        "",
        f"The published French has {len(result.known)} real mistakes in the corpus "
        f"(`known_errors`: a date left in German form, dates dropped or different, a "
        f"speaker's name dropped); the checks report {found_known} of them. "
        f"{len(result.by_design)} pairs are acceptable French that a documented rule "
        "reports (`by_design`: a pronoun or a synonym standing for a glossary term, which "
        "the glossary check requires). Typography warnings are an upper bound: the stored "
        "copies of the pages may have lost their no-break spaces.",
    ]
    return "\n".join(lines)


def write_doc(text: str, doc: Path = DOC) -> None:
    content = doc.read_text(encoding="utf-8")
    before, rest = content.split(START, 1)
    _old, after = rest.split(END, 1)
    doc.write_text(f"{before}{START}\n{text}\n{END}{after}", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-write", action="store_true", help="print only")
    parser.add_argument("-v", "--verbose", action="store_true", help="list every finding")
    args = parser.parse_args()
    result = measure()
    text = table(result)
    print(text)
    if args.verbose:
        for name, found in result.false_alarms.items():
            for pair, findings in found:
                for f in findings:
                    print(f"{name}: {pair.release}: {f.message}")
        for seed, (_s, _f, missed) in result.seeded.items():
            for pair, wrong in missed:
                print(f"missed {seed}: {pair.release}: {wrong}")
    errors = result.errors()
    for pair, finding in errors:
        print(f"ERROR on professional French ({pair.release}): {finding.message}")
    if not args.no_write:
        write_doc(text)
        print(f"written to {DOC.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
