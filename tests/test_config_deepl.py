"""The DeepL options of presse.yaml (``engine.deepl``): each checked offline when presse
starts, every problem naming its line, all at once."""

from __future__ import annotations

from pathlib import Path

import pytest

from presse.documents.config import parse_config
from presse.documents.settings_schema import DEEPL_OPTIONS, Key
from presse.errors import ConfigErrors, PresseError

ENGINES = ("deepl", "libretranslate", "memory")


def config(deepl: str) -> str:
    return "office: Landkreis Harz\nengine:\n  name: deepl\n  deepl:\n" + deepl


def test_the_new_options_are_accepted(tmp_path: Path) -> None:
    text = config(
        "    model_type: quality_optimized\n"
        "    tag_handling_version: v2\n"
        "    translation_memory: 3f2a\n"
        "    translation_memory_threshold: 80\n"
        "    style_rule: 9b1c\n"
        "    price_per_million_characters: 25.5\n"
    )
    parsed = parse_config(text, tmp_path / "presse.yaml", ENGINES)
    options = parsed.engine_options("deepl")
    assert options["model_type"] == "quality_optimized"
    assert options["translation_memory_threshold"] == 80
    assert options["price_per_million_characters"] == 25.5


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("    model_type: fastest\n", "'engine.deepl.model_type': expected one of: quality"),
        ("    tag_handling_version: v3\n", "'engine.deepl.tag_handling_version': expected one"),
        ("    formality: very\n", "'engine.deepl.formality': expected one of: default"),
        (
            "    translation_memory: x\n    translation_memory_threshold: 101\n",
            "'engine.deepl.translation_memory_threshold': expected a number from 0 to 100 but received 101",
        ),
        ("    price_per_million_characters: -1\n", "expected 0 or more but received -1"),
        ("    price_per_million_characters: cheap\n", "expected a number but received str 'cheap'"),
        ("    style_rule: 12\n", "'engine.deepl.style_rule': expected a string"),
        ("    modell_type: quality_optimized\n", "unknown key 'engine.deepl.modell_type'"),
        (
            "    translation_memory_threshold: 80\n",
            "'engine.deepl.translation_memory_threshold' needs 'engine.deepl.translation_memory'",
        ),
    ],
)
def test_a_wrong_option_names_its_line(tmp_path: Path, line: str, message: str) -> None:
    path = tmp_path / "presse.yaml"
    with pytest.raises(PresseError) as caught:
        parse_config(config(line), path, ENGINES)
    assert message in caught.value.message
    assert caught.value.line == len(config(line).splitlines())  # the option's (last) line


def test_every_problem_at_once(tmp_path: Path) -> None:
    text = config("    model_type: fastest\n    style_rule: 12\n")
    with pytest.raises(ConfigErrors) as caught:
        parse_config(text, tmp_path / "presse.yaml", ENGINES)
    assert [e.line for e in caught.value.errors] == [5, 6]


def test_every_option_says_what_it_does_with_a_default_and_an_example() -> None:
    for key, option in DEEPL_OPTIONS.items():
        assert isinstance(option, Key), key
        assert len(option.doc) > 20, key
        assert option.example is not None, key
        assert not option.allowed or option.default in (*option.allowed, None), key
