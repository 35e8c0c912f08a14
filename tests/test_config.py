"""``presse.yaml``: the settings are checked, and every problem names its line."""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result
from tree_helpers import line_number, snapshot

from presse.documents.repository import Repository
from presse.errors import PresseError
from presse.steps.init import OfficeSetup, config_template
from presse.steps.open import CONFIG_CACHE, load_config, parse_config, remember_config

AN_HOUR_AGO = time.time() - 3600

RunPresse = Callable[..., Result]


# The lines under ``review:`` in the template, replaced as a whole by a scalar.
REVIEW_SECTION_BODY = (
    "  # The name recorded when you approve without --by (default: git's user.name).\n"
    "  # reviewer: Vorname Nachname\n"
    "  # Four eyes: the person who approves a release must not be the last translator of\n"
    "  # any of its segments (false lets a translator approve their own work).\n"
    "  four_eyes: true\n"
)


def edit(text: str, old: str, new: str) -> str:
    assert old in text, old
    return text.replace(old, new, 1)


def run_with_settings(repo: Path, run_presse: RunPresse, text: str) -> tuple[Result, bool]:
    """Write ``text`` as presse.yaml, run ``presse status``; True when nothing changed."""
    (repo / "presse.yaml").write_text(text, encoding="utf-8")
    before = snapshot(repo)
    result = run_presse("--repo", str(repo), "status")
    return result, snapshot(repo) == before


def test_the_template_is_valid_settings() -> None:
    config = parse_config(config_template("Landkreis Harz"), Path("presse.yaml"))
    assert config.office == "Landkreis Harz"
    assert config.timezone == "Europe/Berlin"
    assert config.engine_name == "memory"
    assert config.base_url == "https://example.org/presse/"
    assert config.section("site")["per_page"] == 20
    assert config.engine_options("memory") == {"threshold": 75}


def test_defaults_fill_what_is_left_out() -> None:
    config = parse_config("office: Landkreis Harz\n", Path("presse.yaml"))
    assert (config.source_language, config.target_language) == ("de", "fr")
    assert config.timezone == "Europe/Berlin"
    assert config.section("site")["per_page"] == 20
    assert config.engine_name == "memory"


@pytest.mark.parametrize(
    ("old", "new", "needle", "words"),
    [
        pytest.param(
            "per_page: 20",
            "per_page: 20\n  per_page: 10",
            "per_page: 10",
            ["'per_page' is given twice"],
            id="given-twice",
        ),
        pytest.param(
            "per_page: 20",
            "per_page: many",
            "per_page",
            ["site.per_page", "whole number", "many"],
            id="wrong-type",
        ),
        pytest.param(
            "per_page: 20",
            "per_page: true",
            "per_page",
            ["site.per_page", "whole number"],
            id="bool-is-not-a-number",
        ),
        pytest.param(
            "timezone: Europe/Berlin",
            "timezone: Europe/Berlin\ncolour: blue",
            "colour",
            ["unknown key 'colour'", "timezone"],
            id="unknown-key",
        ),
        pytest.param(
            "  per_page: 20",
            "  per_page: 20\n  theme: dark",
            "theme",
            ["unknown key 'site.theme'", "per_page"],
            id="unknown-nested-key",
        ),
        pytest.param(
            "  name: memory",
            "  name: google",
            "google",
            ["'engine.name': expected one of: deepl, libretranslate, memory but received 'google'"],
            id="unknown-engine",
        ),
        pytest.param(
            "timezone: Europe/Berlin",
            "timezone: Mars/Olympus",
            "timezone",
            ["time zone", "Mars/Olympus"],
            id="bad-time-zone",
        ),
        pytest.param(
            "timezone: Europe/Berlin",
            "timezone: Europe",
            "timezone",
            ["time zone", "'Europe'"],
            id="time-zone-that-is-a-folder",
        ),
        pytest.param(
            "  name_de: Landkreis Harz",
            "  name_de: 5",
            "name_de: 5",
            ["'office.name_de'", "a string"],
            id="office-not-text",
        ),
        pytest.param(
            "target_language: fr",
            "target_language: en",
            "target_language",
            ["'target_language': expected one of: fr but received 'en'"],
            id="language-presse-cannot-translate-into",
        ),
        pytest.param(
            "source_language: de",
            "source_language: nl",
            "source_language",
            ["'source_language': expected one of: de but received 'nl'"],
            id="language-presse-cannot-read",
        ),
        pytest.param(
            "    formality: prefer_more",
            "    formality: casual",
            "casual",
            [
                "'engine.deepl.formality': expected one of: default, more, less, "
                "prefer_more, prefer_less but received 'casual'"
            ],
            id="deepl-formality",
        ),
        pytest.param(
            "  base_url: https://example.org/presse/",
            "  base_url: presse.example.org",
            "base_url",
            ["'site.base_url'", "http:// or https://", "'presse.example.org'"],
            id="site-url-not-an-address",
        ),
        pytest.param(
            "    url: http://127.0.0.1:5000",
            "    url: localhost:5000",
            "localhost:5000",
            ["'engine.libretranslate.url'", "http:// or https://"],
            id="libretranslate-url-not-an-address",
        ),
        pytest.param(
            "    threshold: 75",
            "    threshold: 150",
            "threshold",
            ["'engine.memory.threshold'", "from 0 to 100", "150"],
            id="threshold-out-of-range",
        ),
        pytest.param(
            "per_page: 20",
            "per_page: 0",
            "per_page",
            ["'site.per_page'", "1 or more", "0"],
            id="no-releases-per-page",
        ),
        pytest.param(
            "  deepl:\n",
            "  deepl:\n    server: https://api.deepl.com\n",
            "server:",
            ["unknown key 'engine.deepl.server'", "server_url"],
            id="unknown-engine-option",
        ),
        pytest.param(
            "review:\n" + REVIEW_SECTION_BODY,
            "review: nobody\n",
            "review:",
            ["'review'", "mapping"],
            id="section-not-a-mapping",
        ),
        pytest.param(
            "  name_de: Landkreis Harz",
            "  name_de: Landkreis: Harz",
            "name_de:",
            ["invalid YAML"],
            id="invalid-yaml",
        ),
    ],
)
def test_a_bad_setting_is_one_line_naming_file_and_line(
    office_repo: Path,
    run_presse: RunPresse,
    old: str,
    new: str,
    needle: str,
    words: list[str],
) -> None:
    text = edit(config_template("Landkreis Harz"), old, new)
    result, unchanged = run_with_settings(office_repo, run_presse, text)
    assert result.exit_code == 1
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1, lines
    expected_line = line_number(text, needle)
    assert f"presse.yaml:{expected_line}: " in lines[0]
    for word in words:
        assert word in lines[0]
    assert unchanged


def test_a_missing_office_is_reported(office_repo: Path, run_presse: RunPresse) -> None:
    template = config_template("Landkreis Harz")
    block = template[template.index("office:") : template.index("\n\n", template.index("office:"))]
    text = edit(template, block, "")
    result, unchanged = run_with_settings(office_repo, run_presse, text)
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [f"{office_repo / 'presse.yaml'}:1: 'office' is required"]
    assert unchanged


def test_several_problems_are_reported_at_once_in_line_order(
    office_repo: Path, run_presse: RunPresse
) -> None:
    text = config_template("Landkreis Harz")
    text = edit(text, "per_page: 20", "per_page: many")
    text = edit(text, "timezone: Europe/Berlin", "timezone: Mars/Olympus\ncolour: blue")
    text = edit(text, "  name: memory", "  name: google")
    result, unchanged = run_with_settings(office_repo, run_presse, text)
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    expected = [
        (line_number(text, "Mars/Olympus"), "Mars/Olympus"),
        (line_number(text, "colour"), "unknown key 'colour'"),
        (line_number(text, "per_page"), "site.per_page"),
        (line_number(text, "google"), "engine.name"),
    ]
    assert len(lines) == len(expected), lines
    for line, (number, words) in zip(lines, expected, strict=True):
        assert line.startswith(f"{office_repo / 'presse.yaml'}:{number}: "), line
        assert words in line
    assert unchanged


def test_settings_that_are_not_utf8_name_the_line(office_repo: Path, run_presse: RunPresse) -> None:
    text = config_template(OfficeSetup("Landkreis Harz", partner="Département du Territoire"))
    data = text.encode("utf-8").replace("Département".encode(), "Département".encode("latin-1"))
    (office_repo / "presse.yaml").write_bytes(data)
    before = snapshot(office_repo)
    result = run_presse("--repo", str(office_repo), "status")
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert len(lines) == 1
    assert f"presse.yaml:{line_number(text, 'Département')}: " in lines[0]
    assert "UTF-8" in lines[0]
    assert snapshot(office_repo) == before


def test_parse_config_raises_every_problem() -> None:
    text = "office: 5\nsite: {per_page: many}\nsurprise: 1\n"
    with pytest.raises(PresseError) as caught:
        parse_config(text, Path("presse.yaml"))
    assert str(caught.value).splitlines() == [
        "presse.yaml:1: 'office' must be a name or a mapping of settings, not int 5",
        "presse.yaml:2: 'site.per_page': expected a whole number but received str 'many'",
        "presse.yaml:3: unknown key 'surprise'. Expected one of: office, source_language, "
        "target_language, timezone, site, partner, engine, review, checks, import",
    ]


def test_values_presse_cannot_honour_are_refused_together_with_what_it_can(
    office_repo: Path, run_presse: RunPresse
) -> None:
    text = config_template("Stadt Forchheim")
    text = edit(text, "target_language: fr", "target_language: en")
    text = edit(text, "  base_url: https://example.org/presse/", "  base_url: www.forchheim.de")
    text = edit(text, "    formality: prefer_more", "    formality: du")
    result, unchanged = run_with_settings(office_repo, run_presse, text)
    assert result.exit_code == 1
    path = office_repo / "presse.yaml"
    assert result.stderr.splitlines() == [
        f"{path}:{line_number(text, 'target_language')}: 'target_language': expected one of: "
        "fr but received 'en'",
        f"{path}:{line_number(text, 'base_url')}: 'site.base_url': expected an http:// or "
        "https:// address but received 'www.forchheim.de'",
        f"{path}:{line_number(text, 'formality')}: 'engine.deepl.formality': expected one "
        "of: default, more, less, prefer_more, prefer_less but received 'du'",
    ]
    assert unchanged


def test_the_html_selector_of_the_import_is_checked() -> None:
    text = "office: Stadt Forchheim\nimport:\n  html_selector: 'div.news-text-wrap'\n"
    assert parse_config(text, Path("presse.yaml")).section("import") == {
        "html_selector": "div.news-text-wrap"
    }
    with pytest.raises(PresseError) as caught:
        parse_config(text.replace("div.news-text-wrap", "div[class"), Path("presse.yaml"))
    assert str(caught.value).startswith("presse.yaml:3: 'import.html_selector': not a CSS selector")


def test_settings_read_from_the_cache_follow_every_edit(tmp_path: Path) -> None:
    # Every command reads presse.yaml; its settings as checked are kept by the file's
    # stats. An edit, even one made an hour back in time, is read again, and an edit
    # that breaks the file is reported although the last settings were cached.
    path = tmp_path / "presse.yaml"
    path.write_text(config_template("Landkreis Harz"), encoding="utf-8")
    os.utime(path, (AN_HOUR_AGO, AN_HOUR_AGO))
    repo = Repository(root=tmp_path, config=load_config(path))
    assert not (tmp_path / ".presse").exists()  # only a build writes it
    remember_config(repo)
    assert (tmp_path / ".presse" / "cache" / CONFIG_CACHE).is_file()
    assert load_config(path) == repo.config
    path.write_text(config_template("Stadt Forchheim"), encoding="utf-8")
    os.utime(path, (AN_HOUR_AGO, AN_HOUR_AGO))
    assert load_config(path).office == "Stadt Forchheim"
    remember_config(Repository(root=tmp_path, config=load_config(path)))
    path.write_text(edit(path.read_text("utf-8"), "timezone:", "zeitzone:"), "utf-8")
    os.utime(path, (AN_HOUR_AGO + 1, AN_HOUR_AGO + 1))  # the same size, another mtime
    with pytest.raises(PresseError):
        load_config(path)
