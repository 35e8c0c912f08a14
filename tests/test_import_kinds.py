"""``presse import`` of what offices have: Markdown from other tools, pasted plain text,
two CMS layouts other than the Harz one, and Word documents; 16 releases each.

Every input is imported into a fresh repository and the release written is compared
with the release it was made from (tests/data/imports/releases.yaml): title, date,
front matter, every block, its line breaks and its links.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result
from import_fixtures import KINDS, expected, inputs, options, render, sources, write_docx

from presse.documents.release import Release, read_release
from presse.errors import display_path

RunPresse = Callable[..., Result]
LINK = re.compile(r"\]\(([^)\s]+)\)")
CASES = [(kind, index) for kind in KINDS for index in range(len(sources()))]


def input_file(kind: str, index: int, tmp_path: Path) -> Path:
    if kind == "docx":
        path = tmp_path / f"{index + 1:02d}-pressemitteilung.docx"
        write_docx(sources()[index], index, path)
        return path
    return inputs(kind)[index][0]


def imported(office_repo: Path, run_presse: RunPresse, path: Path, *args: str) -> Release:
    result = run_presse("--repo", str(office_repo), "import", *args, str(path))
    assert result.exit_code == 0, result.output
    written = office_repo / result.stdout.strip()
    assert written.parent == office_repo / "releases" / "de", result.stdout
    return read_release(written)


def blocks(body: str) -> list[str]:
    return [block for block in body.strip("\n").split("\n\n") if block.strip()]


@pytest.mark.parametrize(("kind", "index"), CASES, ids=[f"{k}-{i + 1:02d}" for k, i in CASES])
def test_import_gives_the_release_it_was_made_from(
    office_repo: Path, run_presse: RunPresse, tmp_path: Path, kind: str, index: int
) -> None:
    source = sources()[index]
    want: dict[str, Any] = expected(source, kind, index)
    path = input_file(kind, index, tmp_path)
    release = imported(office_repo, run_presse, path, *options(source, kind))
    assert release.title == want["title"]
    assert release.date == want["date"]
    assert release.date.utcoffset() is not None
    assert release.category == want["category"]
    assert release.summary == want["summary"]
    assert release.source_url == want["source_url"]
    got = blocks(release.body)
    assert got == want["blocks"]
    assert [b.count("\\\n") for b in got] == [b.count("\\\n") for b in want["blocks"]]
    assert LINK.findall(release.body) == LINK.findall("\n\n".join(want["blocks"]))


def test_there_are_fifteen_inputs_of_each_kind_at_least() -> None:
    assert len(sources()) >= 15
    for kind in ("markdown", "text", "typo3", "wordpress"):
        files = [path for path, _, _ in inputs(kind)]
        assert all(path.is_file() for path in files), kind


@pytest.mark.parametrize("kind", ["markdown", "text", "typo3", "wordpress"])
def test_the_committed_inputs_are_those_the_fixtures_make(kind: str) -> None:
    # python tests/import_fixtures.py writes them again after releases.yaml changed.
    for path, source, index in inputs(kind):
        assert path.read_bytes() == render(kind, source, index).encode("utf-8"), path


def test_front_matter_fields_presse_does_not_keep_are_named(
    office_repo: Path, run_presse: RunPresse
) -> None:
    hugo = inputs("markdown")[0][0]  # Hugo: draft, tags, images, a second category
    result = run_presse("--repo", str(office_repo), "import", str(hugo))
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines() == [
        f"{display_path(hugo)}: not kept: publishDate, draft, tags, images, categories[1:]"
    ]


def test_a_css_selector_in_presse_yaml_finds_the_article(
    office_repo: Path, run_presse: RunPresse
) -> None:
    config = office_repo / "presse.yaml"
    text = config.read_text("utf-8")
    config.write_text(text + "import:\n  html_selector: div.news-text-wrap\n", "utf-8")
    path, source, index = inputs("typo3")[0]
    release = imported(office_repo, run_presse, path)
    want = expected(source, "typo3", index)
    assert (release.title, release.date) == (want["title"], want["date"])
    assert blocks(release.body) == want["blocks"]


def test_a_css_selector_that_finds_nothing_is_one_line(
    office_repo: Path, run_presse: RunPresse
) -> None:
    config = office_repo / "presse.yaml"
    text = config.read_text("utf-8")
    config.write_text(text + "import:\n  html_selector: div.entry-content\n", "utf-8")
    path = inputs("typo3")[0][0]
    result = run_presse("--repo", str(office_repo), "import", str(path))
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"{display_path(path)}: no article: nothing in the page matches "
        "import.html_selector 'div.entry-content'"
    ]
    assert not list((office_repo / "releases" / "de").glob("*.md"))


def test_a_page_in_the_encoding_it_declares(
    office_repo: Path, run_presse: RunPresse, tmp_path: Path
) -> None:
    path, source, index = inputs("typo3")[4]
    page = path.read_text("utf-8").replace(
        '<meta charset="utf-8">', '<meta charset="windows-1252">'
    )
    old = tmp_path / "alt-cms.html"
    old.write_bytes(page.encode("cp1252"))
    release = imported(office_repo, run_presse, old)
    want = expected(source, "typo3", index)
    assert (
        release.title == want["title"] == "Görlitz und Amiens feiern 30 Jahre Städtepartnerschaft"
    )
    assert blocks(release.body) == want["blocks"]
