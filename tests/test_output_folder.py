"""A site built into a folder that does not exist yet appears whole or not at all: it is
made under a hidden name beside it and renamed when done; a build killed before that
leaves no half site under the real name, and the next build clears what it left."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from presse.site.output import STAGING_MARK
from presse.steps.open import open_repository
from presse.steps.publish import build

KILLED_AT_THE_RENAME = """
import os, signal, sys
from presse.cli.main import cli
def rename(source, target):
    os.kill(os.getpid(), signal.SIGKILL)  # just before the staged site takes its name
os.rename = rename
cli.main(args=sys.argv[1:], prog_name="presse", standalone_mode=False)
"""


def files_of(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }


def test_a_new_site_is_staged_then_renamed_whole(example_repo: Path, tmp_path: Path) -> None:
    out = tmp_path / "public" / "site"
    result = build(open_repository(example_repo), out)
    assert result.summary.written and all(path.is_file() for path in result.summary.written)
    assert [p.name for p in out.parent.iterdir()] == ["site"]  # no staging folder left
    build(open_repository(example_repo), tmp_path / "again")
    assert files_of(out) == files_of(tmp_path / "again")


def test_a_build_killed_before_the_rename_leaves_no_site_and_the_next_clears_up(
    example_repo: Path, tmp_path: Path
) -> None:
    out = tmp_path / "site"
    killed = subprocess.run(
        [sys.executable, "-c", KILLED_AT_THE_RENAME, "--repo", str(example_repo), "build", "--out", str(out)],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert killed.returncode == -9, killed.stderr
    assert not out.exists()  # nobody sees half a site
    left = [p for p in tmp_path.iterdir() if STAGING_MARK in p.name]
    assert len(left) == 1 and any(left[0].rglob("index.html"))
    build(open_repository(example_repo), out)
    assert [p.name for p in tmp_path.iterdir() if p.name != "example"] == ["site"]
    assert any(out.rglob("index.html"))


def test_an_existing_site_is_updated_in_place(example_repo: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    out.mkdir()
    (out / "robots-of-the-host.txt").write_text("kept\n", "utf-8")  # not presse's: stays
    build(open_repository(example_repo), out)
    assert (out / "robots-of-the-host.txt").read_text("utf-8") == "kept\n"
    assert any(out.rglob("index.html"))
