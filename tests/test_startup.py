"""What a command loads: answering from the cache must not load what only changes need."""

from __future__ import annotations

from pathlib import Path

import pytest
from process_helpers import presse_in_a_process

# Loaded by merging catalogs, running the quality checks, taking the lock or
# translating: none of it is needed to answer from the cache.
HEAVY = ["presse.steps.extract", "presse.checks.runner", "presse.checks", "rapidfuzz", "asyncio",
         "presse.engines.base", "multiprocessing.pool"]  # fmt: skip


def loaded_by(*args: str) -> set[str]:
    return presse_in_a_process(*args).modules


@pytest.mark.parametrize("command", [["status"], ["glossary", "check"], ["check"]])
def test_a_command_answered_from_the_cache_loads_no_checks(
    example_repo: Path, command: list[str]
) -> None:
    loaded_by("--repo", str(example_repo), "status")  # fills the cache
    loaded = loaded_by("--repo", str(example_repo), *command)
    assert "presse.steps.status" in loaded  # the command did run
    assert sorted(m for m in HEAVY if m in loaded) == []


def test_a_cold_status_loads_the_checks_it_runs(example_repo: Path) -> None:
    assert "presse.checks.runner" in loaded_by("--repo", str(example_repo), "status")
