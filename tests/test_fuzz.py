"""Randomly mutated files of every kind presse reads: never a traceback, never a hang,
never a file changed by a refused command. Seeded, so a failure is a trial anyone can
replay (``bench/fuzz.py --kind KIND --seed N``); ``bench/fuzz.py`` runs many more."""

from __future__ import annotations

from pathlib import Path

import pytest
from fuzz_helpers import KINDS, run_trial

TRIALS_PER_KIND = 6


@pytest.mark.parametrize("seed", range(TRIALS_PER_KIND))
@pytest.mark.parametrize("kind", sorted(KINDS))
def test_a_mutated_file_is_read_or_refused_cleanly(tmp_path: Path, kind: str, seed: int) -> None:
    outcome = run_trial(tmp_path, KINDS[kind], seed)
    assert outcome.problem is None, outcome.problem
