"""``docs/configuration.md``, written from the schema that validates ``presse.yaml``.

Every key of :data:`presse.documents.settings_schema.SCHEMA` is listed with its type,
default, the values allowed, its rule and an example, and the examples make up one
whole ``presse.yaml`` at the end (which the tests validate). Regenerate the file after
changing the schema::

    python -m presse.documents.settings_reference docs/configuration.md

``tests/test_settings_reference.py`` fails while the committed file differs.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import yaml

from presse.documents.settings_schema import SCHEMA, Key, Section, as_key, type_name
from presse.store.disk import write_text_atomic

INTRO = """\
# presse.yaml: every setting

<!-- Written by `python -m presse.documents.settings_reference docs/configuration.md`
from the schema in src/presse/documents/settings_schema.py; edit that, not this file. -->

`presse.yaml`, at the top of a press office's repository, holds its settings; `presse
init` writes one. presse checks the file against the schema this page is made from
when any command starts: an unknown key, a value of the wrong type or a value presse
cannot honour is refused, every problem at once, each as `presse.yaml:LINE: message`
with the values allowed (`'target_language': expected one of: fr but received 'en'`).
A key left out takes its default. API keys are never settings: they come from the
environment.
"""


def _inline(value: Any) -> str:
    """A value as it is written in YAML, on one line, in backticks."""
    if value is None:
        return "none"
    dumped = yaml.safe_dump(value, allow_unicode=True, default_flow_style=True, width=10**6)
    return f"`{dumped.removesuffix(chr(10)).removesuffix(chr(10) + '...')}`"


def _entries(
    schema: Mapping[str, Any], prefix: str = ""
) -> Iterator[tuple[str, Key | Section | Mapping[str, Any]]]:
    for name, spec in schema.items():
        dotted = f"{prefix}{name}"
        if isinstance(spec, Section | Mapping):
            yield dotted, spec
            keys = spec.keys if isinstance(spec, Section) else spec
            yield from _entries(keys, f"{dotted}.")
        else:
            yield dotted, as_key(spec)


def _heading(dotted: str) -> str:
    """``##`` for a top-level key, one more ``#`` for each level below."""
    return "#" * (2 + dotted.count("."))


def _key_text(dotted: str, key: Key) -> list[str]:
    facts = [f"*{type_name(key.types)}*"]
    if key.required:
        facts.append("required")
    else:
        facts.append(f"default: {key.default_doc or _inline(key.default)}")
    if key.allowed:
        facts.append("one of: " + ", ".join(f"`{value}`" for value in key.allowed))
    if key.check is not None:
        facts.append(key.check.rule)
    if key.example is not None:
        facts.append(f"example: {_inline(key.example)}")
    lines = [f"{_heading(dotted)} `{dotted}`", "", " · ".join(facts), ""]
    if key.doc:
        lines += [key.doc, ""]
    return lines


def _section_text(dotted: str, spec: Section | Mapping[str, Any]) -> list[str]:
    lines = [f"{_heading(dotted)} `{dotted}`", ""]
    if isinstance(spec, Section):
        lines += [spec.doc, ""]
        if spec.plugins:
            lines += ["An engine added to presse as a plug-in takes its options here too.", ""]
    return lines


def example(schema: Mapping[str, Any]) -> dict[str, Any]:
    """The examples of every key, as one whole ``presse.yaml``."""
    result: dict[str, Any] = {}
    for name, spec in schema.items():
        if isinstance(spec, Section | Mapping):
            result[name] = example(spec.keys if isinstance(spec, Section) else spec)
        else:
            key = as_key(spec)
            result[name] = key.example if key.example is not None else key.default
    return result


def reference(schema: Mapping[str, Any] = SCHEMA) -> str:
    lines = [INTRO]
    for dotted, spec in _entries(schema):
        if isinstance(spec, Key):
            lines += _key_text(dotted, spec)
        else:
            lines += _section_text(dotted, spec)
    whole = yaml.safe_dump(example(schema), allow_unicode=True, sort_keys=False, width=88)
    lines += ["## A whole example", "", "```yaml", whole.rstrip("\n"), "```", ""]
    return "\n".join(lines)


def main(argv: list[str]) -> None:
    text = reference()
    if argv:
        write_text_atomic(Path(argv[0]), text)
    else:
        sys.stdout.write(text)


if __name__ == "__main__":  # pragma: no cover
    main(sys.argv[1:])
