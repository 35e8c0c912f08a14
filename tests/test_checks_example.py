"""The approved example translation against every check, and one injected mistake per kind.

A press officer would notice each of these mistakes in a published page; the checks must
find exactly the one that was made, and nothing in the careful human translation.
"""

from __future__ import annotations

import json
from pathlib import Path

import polib
import pytest

from presse.checks.runner import check_texts, make_checker
from presse.glossary.load import load_glossary

PROJECT_ROOT = Path(__file__).resolve().parent.parent

CATALOG = next((PROJECT_ROOT / "locale" / "fr" / "LC_MESSAGES").glob("*.po"))


def example_pairs() -> list[tuple[str, str]]:
    return [(e.msgid, e.msgstr) for e in polib.pofile(str(CATALOG)) if not e.obsolete]


@pytest.fixture(scope="module")
def checker():  # type: ignore[no-untyped-def]
    return make_checker(load_glossary(PROJECT_ROOT / "glossary.yaml"))


def test_the_approved_example_passes_every_error_level_check(checker) -> None:  # type: ignore[no-untyped-def]
    errors = [
        (de, p)
        for de, fr in example_pairs()
        for p in check_texts(checker, de, fr)
        if p.severity == "error"
    ]
    assert errors == []


def pair_with(fragment: str) -> tuple[str, str]:
    return next((de, fr) for de, fr in example_pairs() if fragment in de)


# (German fragment that picks the segment, French text replaced, replacement, the check)
MISTAKES = [
    ("seit 1994", "depuis 1994", "depuis 1996", "numbers"),
    ("Der 15. April", "15 avril", "15 April", "dates"),
    ("Landrat Martin Skiebe verwies", "Martin Skiebe", "Martin Skibe", "names"),
    ("Technische Universität", "Université de technologie", "Université technique", "glossary"),
    (
        "Im Fokus des Treffens",
        "les échanges et l'amorce",
        "der Austausch und die Anbahnung",
        "untranslated",
    ),
    (
        "Vertreter der Industrie",
        " ont mené des entretiens approfondis et ouvert la voie à une coopération durable",
        "",
        "length",
    ),
    ("Bereits Ende des Jahres", "\u00a0:", " :", "typography"),
]


@pytest.mark.parametrize(("fragment", "old", "new", "check"), MISTAKES)
def test_one_injected_mistake_gives_exactly_that_finding(
    checker,
    fragment: str,
    old: str,
    new: str,
    check: str,  # type: ignore[no-untyped-def]
) -> None:
    de, fr = pair_with(fragment)
    assert old in fr
    wrong = fr.replace(old, new, 1)
    found = {p.check for p in check_texts(checker, de, wrong)}
    assert found == {check}


def test_presse_check_reports_an_injected_mistake(example_repo: Path, run_presse) -> None:  # type: ignore[no-untyped-def]
    catalog = next((example_repo / "locale" / "fr" / "LC_MESSAGES").glob("*.po"))
    po = polib.pofile(str(catalog))
    entry = next(e for e in po if "seit 1994" in e.msgid)
    entry.msgstr = entry.msgstr.replace("1994", "1996")
    po.save(str(catalog))
    result = run_presse("--repo", str(example_repo), "check", "--json")
    assert result.exit_code == 1
    problems = json.loads(result.stdout)[catalog.stem]
    assert [p["check"] for ps in problems.values() for p in ps] == ["numbers"]
    status = json.loads(run_presse("--repo", str(example_repo), "status", "--json").stdout)[0]
    assert status["state"] == "stale"  # approved before; the French changed since
