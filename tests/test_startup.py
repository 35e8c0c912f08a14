"""What a command loads: answering from the cache must not load what only changes need."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from process_helpers import presse_in_a_process

# Loaded by merging catalogs, running the quality checks, taking the lock or
# translating: none of it is needed to answer from the cache.
HEAVY = ["presse.steps.extract", "presse.checks.runner", "presse.checks", "rapidfuzz", "asyncio",
         "presse.engines.base", "multiprocessing.pool"]  # fmt: skip


AN_HOUR_AGO = time.time() - 3600


def make_old(folder: Path) -> None:
    """Every file an hour old (the same hour each time, so that stats compare equal)."""
    for path in folder.rglob("*"):
        os.utime(path, (AN_HOUR_AGO, AN_HOUR_AGO))


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


# A build with nothing changed is answered from the stats of the repository's files: it
# needs neither the catalogs and review files (release_files, po, catalog), nor the
# gate, nor the lock (filelock), nor Jinja.
NOT_FOR_AN_UNCHANGED_BUILD = [
    "presse.documents.release_files", "presse.documents.po", "presse.documents.catalog",
    "presse.steps.gate", "presse.site.build", "filelock", "jinja2", "yaml", *HEAVY,
]  # fmt: skip


def test_a_build_with_nothing_changed_loads_only_what_compares_stats(
    example_repo: Path, tmp_path: Path
) -> None:
    out = str(tmp_path / "site")
    first = loaded_by("--repo", str(example_repo), "build", "--out", out)
    assert "presse.steps.gate" in first  # the first build did the work
    make_old(tmp_path)  # files younger than 2 s are never trusted by their stats
    loaded_by("--repo", str(example_repo), "build", "--out", out)  # remembers the inputs
    make_old(tmp_path)
    again = loaded_by("--repo", str(example_repo), "build", "--out", out)
    assert "presse.steps.publish" in again
    assert sorted(m for m in NOT_FOR_AN_UNCHANGED_BUILD if m in again) == []
