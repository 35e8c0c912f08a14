"""``presse init``, ``presse status``, finding the repository, and usage errors."""

from __future__ import annotations

import json
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from click.testing import Result
from tree_helpers import snapshot

from presse.documents.settings_schema import SCHEMA, Section
from presse.steps.open import load_config

RunPresse = Callable[..., Result]
SLUG = "2016-09-08-eine-delegation-aus-dem-harz-war-zu-gast-in-der-partnerregion-belfort"
TITLE = "Eine Delegation aus dem Harz war zu Gast in der Partnerregion Belfort"


def git(root: Path, *args: str) -> str:
    done = subprocess.run(["git", *args], cwd=root, capture_output=True, text=True, check=True)
    return done.stdout


def write_release(root: Path, slug: str, title: str, date: str) -> None:
    text = f"---\ntitle: {title}\ndate: {date}\n---\n\nText.\n"
    (root / "releases" / "de" / f"{slug}.md").write_text(text, encoding="utf-8")


FORCHHEIM = (
    "--office",
    "Stadt Forchheim",
    "--office-fr",
    "la Ville de Forchheim",
    "--partner",
    "Ville du Perreux-sur-Marne",
    "--site-url",
    "https://presse.forchheim.example/",
    "--licence",
    "CC BY-SA 4.0",
)


def test_init_creates_a_repository_of_the_office_given(
    tmp_path: Path, run_presse: RunPresse
) -> None:
    root = tmp_path / "forchheim"
    result = run_presse("init", str(root), *FORCHHEIM)
    assert result.exit_code == 0, result.output
    for folder in ("releases/de", "releases/fr", "locale/fr/LC_MESSAGES", "templates"):
        assert (root / folder).is_dir(), folder
    config = load_config(root / "presse.yaml")
    assert config.office_names.de == "Stadt Forchheim"
    assert config.office_names.fr == "la Ville de Forchheim"
    assert config.base_url == "https://presse.forchheim.example/"
    assert config.section("partner") == {
        "name": "Ville du Perreux-sur-Marne",
        "licence": "CC BY-SA 4.0",
        "licence_url": "https://creativecommons.org/licenses/by-sa/4.0/deed.fr",
    }
    assert (config.source_language, config.target_language) == ("de", "fr")
    assert yaml.safe_load((root / "glossary.yaml").read_text(encoding="utf-8")) == []
    ignored = (root / ".gitignore").read_text(encoding="utf-8").splitlines()
    assert {".presse/", "site/"} <= set(ignored)
    assert "Harz" not in (root / "presse.yaml").read_text(encoding="utf-8")


def test_init_starts_a_git_repository_that_ignores_caches_and_site(
    tmp_path: Path, run_presse: RunPresse
) -> None:
    root = tmp_path / "forchheim"
    result = run_presse("init", str(root), *FORCHHEIM)
    assert result.exit_code == 0, result.output
    assert "git init" in result.stdout
    assert (root / ".git").is_dir()
    for name in (".presse/cache/x.pickle", "site/index.html", "site-drafts/index.html"):
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text("x", encoding="utf-8")
    untracked = git(root, "status", "--porcelain", "--untracked-files=all").splitlines()
    listed = {line[3:] for line in untracked}
    assert "presse.yaml" in listed and ".gitignore" in listed
    assert not any(name.startswith((".presse/", "site/", "site-drafts/")) for name in listed)


def test_init_adds_the_derived_folders_to_an_existing_gitignore(
    tmp_path: Path, run_presse: RunPresse
) -> None:
    root = tmp_path / "forchheim"
    root.mkdir()
    (root / ".gitignore").write_text("*.bak\nsite/", encoding="utf-8")
    assert run_presse("init", str(root), *FORCHHEIM, "--no-git").exit_code == 0
    lines = (root / ".gitignore").read_text(encoding="utf-8").splitlines()
    assert lines == ["*.bak", "site/", ".presse/", "site-drafts/", ".*.tmp"]


def test_init_inside_a_git_repository_starts_none(tmp_path: Path, run_presse: RunPresse) -> None:
    git(tmp_path, "init", "--quiet")
    root = tmp_path / "presse"
    result = run_presse("init", str(root), *FORCHHEIM)
    assert result.exit_code == 0, result.output
    assert "inside a git repository already" in result.stdout
    assert not (root / ".git").exists()


def test_init_without_git_says_so_and_goes_on(
    tmp_path: Path, run_presse: RunPresse, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path / "no-programs-here"))
    root = tmp_path / "forchheim"
    result = run_presse("init", str(root), *FORCHHEIM)
    assert result.exit_code == 0, result.output
    assert "git is not installed" in result.stdout
    assert load_config(root / "presse.yaml").office == "Stadt Forchheim"


def test_init_asks_at_a_terminal_for_what_the_options_leave_out(
    tmp_path: Path, run_presse: RunPresse, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("presse.cli.init.can_ask", lambda: True)
    root = tmp_path / "forchheim"
    answers = "Stadt Forchheim\nla Ville de Forchheim\nVille du Perreux-sur-Marne\n\n\n"
    result = run_presse("init", str(root), "--no-git", input=answers)
    assert result.exit_code == 0, result.output
    assert "The office's name in German" in result.stdout
    config = load_config(root / "presse.yaml")
    assert config.office_names.fr == "la Ville de Forchheim"
    assert config.section("partner")["name"] == "Ville du Perreux-sur-Marne"
    assert config.section("partner")["licence"] == "CC BY 4.0"  # the default offered
    assert config.base_url == "https://example.org/presse/"
    assert not (root / ".git").exists()


def test_init_without_a_terminal_needs_the_office(tmp_path: Path, run_presse: RunPresse) -> None:
    root = tmp_path / "forchheim"
    result = run_presse("init", str(root))
    assert result.exit_code == 2
    assert "--office" in result.stderr
    assert not root.exists()


def test_init_refuses_a_site_url_that_is_no_address(tmp_path: Path, run_presse: RunPresse) -> None:
    root = tmp_path / "forchheim"
    result = run_presse("init", str(root), "--office", "Stadt Forchheim", "--site-url", "forchheim")
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert len(lines) == 1, lines
    assert "'site.base_url'" in lines[0] and "'forchheim'" in lines[0]
    assert not root.exists()


def test_init_sets_four_eyes_once_presse_has_it(tmp_path: Path, run_presse: RunPresse) -> None:
    root = tmp_path / "forchheim"
    assert run_presse("init", str(root), *FORCHHEIM, "--no-git").exit_code == 0
    review = load_config(root / "presse.yaml").section("review")
    review_schema = SCHEMA["review"]
    assert isinstance(review_schema, Section)
    if "four_eyes" in review_schema.keys:  # the setting of #14, once it is merged
        assert review["four_eyes"] is True
    else:
        assert "four_eyes" not in (root / "presse.yaml").read_text(encoding="utf-8")


def test_init_refuses_an_existing_repository(office_repo: Path, run_presse: RunPresse) -> None:
    config = office_repo / "presse.yaml"
    config.write_text(config.read_text(encoding="utf-8").replace("per_page: 20", "per_page: 5"))
    before = snapshot(office_repo)
    result = run_presse("init", str(office_repo), "--office", "Stadt Forchheim")
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
        ("init", "a"),  # no office, and no terminal to ask at
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
