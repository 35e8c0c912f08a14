"""docs/configuration.md is the schema that validates presse.yaml, written out: every
key described with an example, the examples valid settings, the defaults the ones the
engines apply."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import pytest
import yaml

from presse.checks import parse_check_settings
from presse.documents.settings_reference import example, reference
from presse.documents.settings_schema import SCHEMA, Key, Section, as_key
from presse.engines import deepl, libretranslate, translation_memory
from presse.steps.open import parse_config

REFERENCE = Path(__file__).resolve().parent.parent / "docs" / "configuration.md"
REGENERATE = "python -m presse.documents.settings_reference docs/configuration.md"


def keys(schema: Mapping[str, Any], prefix: str = "") -> Iterator[tuple[str, Any]]:
    for name, spec in schema.items():
        if isinstance(spec, Section | Mapping):
            yield f"{prefix}{name}", spec
            yield from keys(spec.keys if isinstance(spec, Section) else spec, f"{prefix}{name}.")
        else:
            yield f"{prefix}{name}", spec


def test_the_committed_reference_is_the_one_the_schema_writes() -> None:
    committed = REFERENCE.read_text(encoding="utf-8")
    assert committed == reference(), f"docs/configuration.md is out of date: run {REGENERATE}"


@pytest.mark.parametrize(("dotted", "spec"), list(keys(SCHEMA)), ids=lambda v: str(v)[:40])
def test_every_key_is_described_with_an_example(dotted: str, spec: Any) -> None:
    if isinstance(spec, Section):
        assert spec.doc, f"section {dotted} has no description"
        return
    assert isinstance(spec, Key), f"{dotted}: write it as a Key with a description and example"
    assert spec.doc, f"{dotted} has no description"
    assert spec.example is not None, f"{dotted} has no example"
    assert f"`{dotted}`" in reference()


def test_the_whole_example_is_valid_settings() -> None:
    text = yaml.safe_dump(example(SCHEMA), allow_unicode=True, sort_keys=False)
    config = parse_config(text, Path("presse.yaml"))
    assert config.office_names.fr == "la Ville de Forchheim"
    assert config.engine_options("deepl")["server_url"] == "https://api.deepl.com"
    parse_check_settings(config.section("checks"), config.path, lambda key: None)
    assert f"```yaml\n{text}```" in reference()


def test_the_defaults_said_are_the_ones_the_engines_apply() -> None:
    engine = SCHEMA["engine"].keys
    memory, remote_deepl, libre = (
        engine["memory"].keys,
        engine["deepl"].keys,
        engine["libretranslate"].keys,
    )
    assert as_key(memory["threshold"]).default == translation_memory.DEFAULT_THRESHOLD
    assert as_key(memory["limit"]).default == translation_memory.DEFAULT_LIMIT
    assert as_key(remote_deepl["retries"]).default == deepl.DEFAULT_RETRIES
    assert as_key(remote_deepl["timeout"]).default == deepl.DEFAULT_TIMEOUT
    assert as_key(remote_deepl["formality"]).allowed == deepl.FORMALITIES
    assert as_key(libre["retries"]).default == libretranslate.DEFAULT_RETRIES
    assert as_key(libre["timeout"]).default == libretranslate.DEFAULT_TIMEOUT


def test_the_readme_links_the_reference() -> None:
    readme = (REFERENCE.parent.parent / "README.md").read_text(encoding="utf-8")
    assert "docs/configuration.md" in readme
