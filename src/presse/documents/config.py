"""The press office's settings (``presse.yaml``) and where a repository's files live.

A repository is found by walking up from the current directory to the nearest
``presse.yaml`` (or named with ``--repo``). Settings are validated against one schema;
every problem is collected before presse stops, each naming its line, so that the
user can fix them all in one go.
"""

from __future__ import annotations

import zoneinfo
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from presse.errors import ConfigErrors, PresseError
from presse.store.disk import read_text
from presse.store.yaml_lines import load_located

CONFIG_NAME = "presse.yaml"

# The schema: each key maps to (accepted Python types, default) or to a nested schema.
# Sections with free keys (engine options, check severities) are plain mappings.
Schema = Mapping[str, Any]
SCHEMA: Schema = {
    "office": ((str,), None),
    "source_language": ((str,), "de"),
    "target_language": ((str,), "fr"),
    "timezone": ((str,), "Europe/Berlin"),
    "site": {
        "base_url": ((str,), "https://example.org/"),
        "per_page": ((int,), 20),
        "title_de": ((str,), None),
        "title_fr": ((str,), None),
    },
    "partner": {
        "name": ((str,), None),
        "licence": ((str,), None),
        "licence_url": ((str,), None),
    },
    # name: the engine; every other key holds one engine's options (checked below).
    "engine": ((dict,), {}),
    "review": {
        # The name recorded when a person approves or confirms without giving one.
        "reviewer": ((str,), None),
        # Four eyes: the person who approves a release must not be the last translator
        # of any of its segments. ``presse init`` writes ``true``; absent, it is off, so
        # that a repository made before this setting existed approves as it did (an
        # office turns it on by writing it, as every new repository has it written).
        "four_eyes": ((bool,), False),
    },
    "checks": ((dict,), {}),
}
REQUIRED = ("office",)


@dataclass(frozen=True)
class Config:
    """Validated settings; ``raw`` keeps every section for the modules that own them."""

    office: str
    source_language: str
    target_language: str
    timezone: str
    raw: dict[str, Any] = field(default_factory=dict)
    path: Path | None = None

    def section(self, name: str) -> dict[str, Any]:
        value = self.raw.get(name)
        return dict(value) if isinstance(value, dict) else {}

    @property
    def base_url(self) -> str:
        url = str(self.section("site").get("base_url") or "https://example.org/")
        return url if url.endswith("/") else url + "/"

    @property
    def four_eyes(self) -> bool:
        """``review.four_eyes``: whether an approver must be another person than the
        translators of the release."""
        return self.section("review").get("four_eyes") is True

    @property
    def engine_name(self) -> str:
        return str(self.section("engine").get("name") or "memory")

    def engine_options(self, name: str) -> dict[str, Any]:
        options = self.section("engine").get(name)
        return dict(options) if isinstance(options, dict) else {}


def _type_name(types: tuple[type, ...]) -> str:
    names = {str: "a string", int: "a whole number", dict: "a mapping", bool: "true or false"}
    return " or ".join(names.get(t, t.__name__) for t in types)


def _validate(
    data: Mapping[str, Any], schema: Schema, prefix: str, located: Any, path: Path
) -> tuple[dict[str, Any], list[PresseError]]:
    """Check ``data`` against ``schema``; return values with defaults and every problem."""
    errors: list[PresseError] = []
    result: dict[str, Any] = {}
    for key in data:
        if key not in schema:
            known = ", ".join(schema)
            errors.append(
                PresseError(
                    f"unknown key '{prefix}{key}'. Expected one of: {known}",
                    path,
                    located.line_of(f"{prefix}{key}"),
                )
            )
    for key, spec in schema.items():
        value = data.get(key)
        line = located.line_of(f"{prefix}{key}")
        if isinstance(spec, Mapping):
            if value is None:
                value = {}
            if not isinstance(value, Mapping):
                errors.append(
                    PresseError(f"'{prefix}{key}' must be a mapping of settings", path, line)
                )
                continue
            result[key], sub_errors = _validate(value, spec, f"{prefix}{key}.", located, path)
            errors.extend(sub_errors)
            continue
        types, default = spec
        if value is None:
            result[key] = default
        elif (isinstance(value, bool) and bool not in types) or not isinstance(value, types):
            errors.append(
                PresseError(
                    f"'{prefix}{key}': expected {_type_name(types)} but received "
                    f"{type(value).__name__} {value!r}",
                    path,
                    line,
                )
            )
        else:
            result[key] = value
    return result, errors


def _semantic_errors(
    data: Mapping[str, Any],
    values: dict[str, Any],
    engine_names: Collection[str],
    located: Any,
    path: Path,
) -> list[PresseError]:
    errors: list[PresseError] = []
    for key in REQUIRED:
        if data.get(key) in (None, ""):  # a value of the wrong type is reported already
            errors.append(PresseError(f"'{key}' is required", path, 1))
    tz = values.get("timezone")
    if isinstance(tz, str):
        try:
            zoneinfo.ZoneInfo(tz)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError, OSError):  # "Europe" is a folder
            errors.append(
                PresseError(
                    f"'timezone': unknown time zone {tz!r} (e.g. Europe/Berlin)",
                    path,
                    located.line_of("timezone"),
                )
            )
    errors.extend(_engine_errors(values.get("engine") or {}, engine_names, located, path))
    return errors


def _all_errors(errors: list[PresseError], path: Path) -> ConfigErrors:
    """Every problem, in the order of the file's lines, as one error naming the file."""
    error = ConfigErrors(sorted(errors, key=lambda e: e.line or 0))
    error.path = path  # so the command line prints the lines as they are, unprefixed
    return error


def _engine_errors(
    engine: Mapping[str, Any], engine_names: Collection[str], located: Any, path: Path
) -> list[PresseError]:
    """``engine.name`` and each ``engine.<name>`` section must name an engine presse has."""
    names = sorted(engine_names)
    errors: list[PresseError] = []
    for key, value in engine.items():
        line = located.line_of(f"engine.{key}")
        if key == "name":
            if value is not None and value not in names:
                errors.append(
                    PresseError(
                        f"'engine.name': expected one of: {', '.join(names)} but received {value!r}",
                        path,
                        line,
                    )
                )
        elif key not in names:
            errors.append(
                PresseError(
                    f"unknown key 'engine.{key}'. Expected one of: name, {', '.join(names)}",
                    path,
                    line,
                )
            )
        elif value is not None and not isinstance(value, Mapping):
            errors.append(PresseError(f"'engine.{key}' must be a mapping of options", path, line))
    return errors


def parse_config(text: str, path: Path, engine_names: Collection[str]) -> Config:
    """Validate the text of a ``presse.yaml``; raise every problem at once.

    ``engine_names`` are the engines presse has: the engines are plug-ins of a higher
    layer, so :mod:`presse.steps.open` asks them and passes their names down."""
    located = load_located(text, path)
    data = located.data if located.data is not None else {}
    if not isinstance(data, Mapping):
        raise PresseError("expected a mapping of settings at the top level", path, 1)
    values, errors = _validate(data, SCHEMA, "", located, path)
    errors.extend(_semantic_errors(data, values, engine_names, located, path))
    if len(errors) == 1:
        raise errors[0]
    if errors:
        raise _all_errors(errors, path)
    return Config(
        office=values["office"],
        source_language=values["source_language"],
        target_language=values["target_language"],
        timezone=values["timezone"],
        raw=values,
        path=path,
    )


def load_config(path: Path, engine_names: Collection[str]) -> Config:
    return parse_config(read_text(path), path, engine_names)


def find_root(start: Path) -> Path:
    """The nearest folder at or above ``start`` holding a ``presse.yaml``."""
    current = start.resolve()
    for folder in (current, *current.parents):
        if (folder / CONFIG_NAME).is_file():
            return folder
    raise PresseError(
        f"no {CONFIG_NAME} here or in any parent folder; run 'presse init' or pass --repo DIR",
        start,
    )
