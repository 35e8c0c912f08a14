"""``presse init``, ``presse status``, finding the repository, and usage errors."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from click.testing import Result
from tree_helpers import snapshot

from presse.steps.open import load_config

RunPresse = Callable[..., Result]
SLUG = "2016-09-08-eine-delegation-aus-dem-harz-war-zu-gast-in-der-partnerregion-belfort"
TITLE = "Eine Delegation aus dem Harz war zu Gast in der Partnerregion Belfort"


def write_release(root: Path, slug: str, title: str, date: str) -> None:
    text = f"---\ntitle: {title}\ndate: {date}\n---\n\nText.\n"
    (root / "releases" / "de" / f"{slug}.md").write_text(text, encoding="utf-8")


def test_init_creates_a_repository_that_loads(tmp_path: Path, run_presse: RunPresse) -> None:
    root = tmp_path / "harz"
    result = run_presse("init", str(root))
    assert result.exit_code == 0, result.output
    for folder in ("releases/de", "releases/fr", "locale/fr/LC_MESSAGES", "templates"):
        assert (root / folder).is_dir(), folder
    config = load_config(root / "presse.yaml")
    assert config.office == "Landkreis Harz"
    assert (config.source_language, config.target_language) == ("de", "fr")
    assert config.timezone == "Europe/Berlin"
    assert yaml.safe_load((root / "glossary.yaml").read_text(encoding="utf-8")) == []


def test_init_names_the_office(tmp_path: Path, run_presse: RunPresse) -> None:
    root = tmp_path / "harz"
    result = run_presse("init", str(root), "--office", "Landkreis Harz: Pressestelle")
    assert result.exit_code == 0, result.output
    assert load_config(root / "presse.yaml").office == "Landkreis Harz: Pressestelle"


def test_init_without_directory_uses_the_current_one(
    tmp_path: Path, run_presse: RunPresse, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert run_presse("init").exit_code == 0
    assert load_config(tmp_path / "presse.yaml").office == "Landkreis Harz"
    assert (tmp_path / "releases" / "de").is_dir()


def test_init_refuses_an_existing_repository(office_repo: Path, run_presse: RunPresse) -> None:
    config = office_repo / "presse.yaml"
    config.write_text(config.read_text(encoding="utf-8").replace("per_page: 20", "per_page: 5"))
    before = snapshot(office_repo)
    result = run_presse("init", str(office_repo))
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert len(lines) == 1
    assert "presse.yaml" in lines[0] and "already" in lines[0]
    assert snapshot(office_repo) == before
    assert "per_page: 5" in config.read_text(encoding="utf-8")


def test_status_lists_date_slug_and_title(office_repo: Path, run_presse: RunPresse) -> None:
    write_release(office_repo, SLUG, TITLE, "2016-09-08T09:53:24+02:00")
    write_release(
        office_repo, "2016-01-15-winterdienst", "Winterdienst", "2016-01-15T08:00:00+01:00"
    )
    result = run_presse("--repo", str(office_repo), "status")
    assert result.exit_code == 0, result.output
    headlines = [line for line in result.stdout.splitlines() if not line.startswith(" ")]
    assert headlines == [
        "2016-01-15  2016-01-15-winterdienst  Winterdienst",
        f"2016-09-08  {SLUG}  {TITLE}",
    ]


def test_status_json(office_repo: Path, run_presse: RunPresse) -> None:
    write_release(office_repo, SLUG, TITLE, "2016-09-08T09:53:24+02:00")
    result = run_presse("--repo", str(office_repo), "status", "--json")
    assert result.exit_code == 0, result.output
    listed = json.loads(result.stdout)
    assert [(r["slug"], r["date"], r["title"]) for r in listed] == [
        (SLUG, "2016-09-08T09:53:24+02:00", TITLE)
    ]


def test_status_of_an_empty_repository(office_repo: Path, run_presse: RunPresse) -> None:
    result = run_presse("--repo", str(office_repo), "status", "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == []


def test_the_repository_is_found_from_a_subfolder(
    office_repo: Path, run_presse: RunPresse, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_release(office_repo, SLUG, TITLE, "2016-09-08T09:53:24+02:00")
    monkeypatch.chdir(office_repo / "locale" / "fr" / "LC_MESSAGES")
    result = run_presse("status")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0] == f"2016-09-08  {SLUG}  {TITLE}"


def test_no_repository_above_is_one_line_and_exit_1(
    tmp_path: Path, run_presse: RunPresse, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = run_presse("status")
    assert result.exit_code == 1
    assert len(result.stderr.splitlines()) == 1
    assert "presse.yaml" in result.stderr and "--repo" in result.stderr


def test_repo_option_naming_a_folder_without_settings(
    tmp_path: Path, run_presse: RunPresse
) -> None:
    result = run_presse("--repo", str(tmp_path), "status")
    assert result.exit_code == 1
    assert len(result.stderr.splitlines()) == 1
    assert "not a presse repository" in result.stderr


@pytest.mark.parametrize(
    "args",
    [
        ("publish-everything",),  # unknown subcommand
        ("import",),  # missing argument
        ("status", "--colour"),  # unknown option
        ("init", "a", "b"),  # one argument too many
    ],
)
def test_usage_errors_exit_with_2(
    args: tuple[str, ...], run_presse: RunPresse, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = run_presse(*args)
    assert result.exit_code == 2
    assert "Usage:" in result.stderr
    assert list(tmp_path.iterdir()) == []
