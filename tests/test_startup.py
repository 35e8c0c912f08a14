"""What a command loads: answering from the cache must not load what only changes need."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

# Loaded by merging catalogs, running the quality checks, taking the lock or
# translating: none of it is needed to answer from the cache.
HEAVY = ["presse.extract", "presse.quality", "presse.checks", "rapidfuzz", "asyncio",
         "presse.engines.base", "multiprocessing.pool"]  # fmt: skip

PROGRAM = """
import json, sys
from presse.cli import cli
try:
    cli.main(args=sys.argv[1:], prog_name="presse", standalone_mode=False)
finally:
    print(json.dumps(sorted(sys.modules)), file=sys.stderr)
"""


def loaded_by(*args: str) -> set[str]:
    result = subprocess.run(
        [sys.executable, "-c", PROGRAM, *args], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    return set(json.loads(result.stderr.strip().splitlines()[-1]))


@pytest.mark.parametrize("command", [["status"], ["glossary", "check"], ["check"]])
def test_a_command_answered_from_the_cache_loads_no_checks(
    example_repo: Path, command: list[str]
) -> None:
    loaded_by("--repo", str(example_repo), "status")  # fills the cache
    loaded = loaded_by("--repo", str(example_repo), *command)
    assert "presse.status" in loaded  # the command did run
    assert sorted(m for m in HEAVY if m in loaded) == []


def test_a_cold_status_loads_the_checks_it_runs(example_repo: Path) -> None:
    assert "presse.quality" in loaded_by("--repo", str(example_repo), "status")
