"""Runs of ``presse extract`` over many releases: what it skips, what it must not skip,
and the same catalogs from worker processes as from one."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest
from click.testing import Result
from release_helpers import many_releases
from tree_helpers import age_files, snapshot

from presse.steps.extract import extract
from presse.steps.open import open_repository

CLOCK = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)
RunPresse = Callable[..., Result]


def extracted_twice(root: Path, run_presse: RunPresse) -> None:
    """Extract, age the files, extract again: the second run remembers the stats."""
    assert run_presse("--repo", str(root), "extract").exit_code == 0
    age_files(root)
    assert run_presse("--repo", str(root), "extract").exit_code == 0


def test_extract_does_not_read_a_release_whose_files_it_left_as_they_are(
    office_repo: Path, run_presse: RunPresse
) -> None:
    slug = many_releases(office_repo, 2)[0]
    extracted_twice(office_repo, run_presse)
    # Same size, same modification time, same inode: to presse the file is unchanged (as
    # to git), so a third run does not read it; without the stats it would fail on it.
    path = office_repo / "releases" / "de" / f"{slug}.md"
    info = path.stat()
    text = path.read_text("utf-8")
    with path.open("r+", encoding="utf-8") as handle:
        handle.write("title: [" + text[len("title: [") :])
    os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns))
    before = snapshot(office_repo, skip_local_state=True)
    result = run_presse("--repo", str(office_repo), "extract")
    assert result.exit_code == 0, result.output
    assert f"{slug}: up to date" in result.output
    assert snapshot(office_repo, skip_local_state=True) == before


def test_an_edit_to_the_german_is_extracted_after_a_remembered_run(
    office_repo: Path, run_presse: RunPresse
) -> None:
    slug = many_releases(office_repo, 2)[1]
    extracted_twice(office_repo, run_presse)
    path = office_repo / "releases" / "de" / f"{slug}.md"
    path.write_text(path.read_text("utf-8").replace("Musik.", "Musik. Es gibt Kuchen."), "utf-8")
    result = run_presse("--repo", str(office_repo), "extract")
    assert f"{slug}: 1 new" in result.output, result.output
    catalog = office_repo / "locale" / "fr" / "LC_MESSAGES" / f"{slug}.po"
    assert "Es gibt Kuchen." in catalog.read_text("utf-8")


def test_a_new_glossary_term_is_annotated_after_a_remembered_run(
    office_repo: Path, run_presse: RunPresse
) -> None:
    slug = many_releases(office_repo, 1)[0]
    extracted_twice(office_repo, run_presse)
    glossary = office_repo / "glossary.yaml"
    glossary.write_text("- de: Kreishaus\n  fr: maison de l’arrondissement\n", "utf-8")
    result = run_presse("--repo", str(office_repo), "extract")
    assert result.exit_code == 0, result.output
    catalog = office_repo / "locale" / "fr" / "LC_MESSAGES" / f"{slug}.po"
    assert "Kreishaus → maison de l’arrondissement" in catalog.read_text("utf-8")


def test_extract_in_workers_writes_what_one_at_a_time_writes(
    office_repo: Path, tmp_path: Path
) -> None:
    slugs = many_releases(office_repo, 60)  # above the threshold for worker processes
    alone = tmp_path / "alone"
    shutil.copytree(office_repo, alone)
    together = extract(open_repository(office_repo), None, CLOCK)
    assert [r.slug for r in together] == slugs and all(r.written for r in together)
    for slug in slugs:
        extract(open_repository(alone), [slug], CLOCK)
    files = {
        p.relative_to(alone): p.read_bytes()
        for p in sorted((alone / "locale").rglob("*.po")) + sorted(alone.rglob("*.review.yaml"))
    }
    assert files == {p: (office_repo / p).read_bytes() for p in files}


@pytest.mark.parametrize("command", ["extract", "status"])
def test_a_run_in_workers_names_the_first_bad_file_and_writes_nothing(
    office_repo: Path, run_presse: RunPresse, command: str
) -> None:
    slugs = many_releases(office_repo, 60)  # above the threshold for worker processes
    for slug in (slugs[50], slugs[20]):
        path = office_repo / "releases" / "de" / f"{slug}.md"
        path.write_text(path.read_text("utf-8").replace("title:", "title: [", 1), "utf-8")
    before = snapshot(office_repo, skip_local_state=True)
    result = run_presse("--repo", str(office_repo), command)
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and f"{slugs[20]}.md:2: invalid YAML" in lines[0], lines
    assert snapshot(office_repo, skip_local_state=True) == before
