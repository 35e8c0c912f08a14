"""Shared fixtures: a fresh press-office repository in a temporary folder."""

from __future__ import annotations

import contextlib
import shutil
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from presse.cli.commands import all_adders
from presse.cli.main import cli, register

PROJECT_ROOT = Path(__file__).resolve().parent.parent
SHARED_EXAMPLES = PROJECT_ROOT.parent / "shared" / "examples"
TESTS_DATA = Path(__file__).resolve().parent / "data"

register(*all_adders())

# presse init's answers for the bundled example's office (as its presse.yaml has them).
HARZ_INIT = (
    "--office",
    "Landkreis Harz",
    "--office-fr",
    "l’arrondissement de Harz",
    "--partner",
    "Département du Territoire de Belfort",
    "--licence",
    "CC BY 4.0",
    "--no-git",
)


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
    """A repository made by ``presse init`` for the Landkreis Harz and its partner."""
    root = tmp_path / "office"
    result = run_presse("init", str(root), *HARZ_INIT)
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


CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",  # the machines have no internet
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
)


def require_chromium() -> None:
    """Browser tests are never skipped: scripts/test installs Chromium before they run."""
    if not (CHROMIUM.exists() and CHROMEDRIVER.exists()):
        pytest.fail("needs Debian's chromium and chromium-driver: run scripts/debian-packages")


@pytest.fixture
def make_browser(tmp_path: Path) -> Iterator[Callable[..., object]]:
    """A factory of headless Chromium drivers with a fresh profile; all quit at the end."""
    drivers: list[object] = []

    def make(window: str = "1100,1000", lang: str = "de-DE") -> object:
        require_chromium()
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service

        options = webdriver.ChromeOptions()
        options.binary_location = str(CHROMIUM)
        profile = tmp_path / f"chromium-profile-{len(drivers)}"
        for argument in (
            *CHROMIUM_FLAGS,
            f"--user-data-dir={profile}",
            f"--window-size={window}",
            f"--lang={lang}",
        ):
            options.add_argument(argument)
        driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
        drivers.append(driver)
        return driver

    yield make
    for driver in drivers:
        driver.quit()  # type: ignore[attr-defined]


@pytest.fixture
def serving() -> Callable[[Any, str], contextlib.AbstractContextManager[str]]:
    """``with serving(server, url) as url:`` runs a server in a thread for a test."""
    return _serving


@contextlib.contextmanager
def _serving(server: Any, url: str) -> Iterator[str]:
    """Run a socketserver-style server (http.server, werkzeug) in a thread; yield its URL."""
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield url
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
