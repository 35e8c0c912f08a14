"""Shared fixtures: a fresh press-office repository in a temporary folder."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from presse.cli import cli, register
from presse.commands import ALL

PROJECT_ROOT = Path(__file__).resolve().parent.parent
SHARED_EXAMPLES = PROJECT_ROOT.parent / "shared" / "examples"
TESTS_DATA = Path(__file__).resolve().parent / "data"

register(*ALL)


@pytest.fixture
def run_presse() -> Callable[..., Result]:
    """Run ``presse`` in-process with the given arguments; returns click's Result."""
    runner = CliRunner()

    def run(*args: str, input: str | bytes | None = None) -> Result:
        return runner.invoke(cli, list(args), input=input, catch_exceptions=False)

    return run


@pytest.fixture
def example_export() -> Path:
    """The office's real CMS export of 8 September 2016 (a copy lives in tests/data)."""
    return TESTS_DATA / "cms-export-2016-09-08.txt"


@pytest.fixture
def office_repo(tmp_path: Path, run_presse: Callable[..., Result]) -> Path:
    """A repository made by ``presse init``."""
    root = tmp_path / "office"
    result = run_presse("init", str(root))
    assert result.exit_code == 0, result.output
    return root


@pytest.fixture
def example_repo(tmp_path: Path) -> Path:
    """A copy of this repository's own example content (releases, catalogs, glossary)."""
    root = tmp_path / "example"
    root.mkdir()
    for name in ("presse.yaml", "glossary.yaml"):
        if (PROJECT_ROOT / name).exists():
            shutil.copy(PROJECT_ROOT / name, root / name)
    for folder in ("releases", "locale", "templates"):
        if (PROJECT_ROOT / folder).exists():
            shutil.copytree(PROJECT_ROOT / folder, root / folder)
    return root
