"""Issue 17: the checks on real, published DE→FR translations (tests/data/professional).

A professional translator's French must get no error-level finding: each one would be
a false alarm that blocks a correct release. Errors seeded into the same French must be
found: every changed number, amount and date, every replaced glossary term.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def bench():
    spec = importlib.util.spec_from_file_location("bench_checks", ROOT / "bench" / "checks.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["bench_checks"] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def result(bench):
    return bench.measure()


def test_the_corpus_is_at_least_twenty_releases_aligned_by_sentence(result) -> None:
    assert result.releases >= 20
    assert result.pairs >= 150


def test_no_error_level_finding_on_professional_french(result) -> None:
    errors = [f"{pair.release}: {f.check}: {f.message}" for pair, f in result.errors()]
    assert errors == []


@pytest.mark.parametrize(
    "seed", ["a number changed", "an amount changed", "a date moved", "a glossary term replaced"]
)
def test_every_seeded_error_of_numbers_amounts_dates_and_terms_is_found(result, seed) -> None:
    seeded, found, missed = result.seeded[seed]
    assert seeded > 0
    assert found == seeded, [wrong for _pair, wrong in missed]


def test_misspelt_names_are_found(result) -> None:
    seeded, found, _missed = result.seeded["a name misspelt"]
    assert seeded > 0 and found / seeded >= 0.9


def test_the_real_mistakes_of_the_published_french_are_found(result) -> None:
    for pair, reported in result.known:
        assert set(pair.checks) <= reported, (pair.release, pair.fr)


def test_the_measured_table_is_in_docs_checks_md(bench, result) -> None:
    text = (ROOT / "docs" / "checks.md").read_text(encoding="utf-8")
    assert bench.table(result) in text, "run `python bench/checks.py` to update docs/checks.md"
