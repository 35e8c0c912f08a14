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


@dataclass(frozen=True)
class Option:
    """One key of presse.yaml: the types it accepts, its default, what it does and an
    example; ``choices`` or a ``minimum``/``maximum`` narrow the values it takes."""

    types: tuple[type, ...]
    default: Any
    description: str
    example: Any = None
    choices: tuple[str, ...] = ()
    minimum: float | None = None
    maximum: float | None = None


# The schema: each key maps to (accepted Python types, default), to an Option, or to a
# nested schema. Sections with free keys (check severities) are plain mappings.
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
        "reviewer": ((str,), None),
    },
    "checks": ((dict,), {}),
}
REQUIRED = ("office",)

# The options of the engines that have a schema here (``engine.<name>`` in presse.yaml).
# The DeepL key itself is never a setting: it comes from DEEPL_AUTH_KEY.
DEEPL_OPTIONS: Schema = {
    "server_url": Option(
        (str,),
        None,
        "DeepL's API address (or DEEPL_SERVER_URL); the default follows the key "
        "(api-free.deepl.com for keys ending in ':fx', else api.deepl.com). For "
        "DeepL-compatible proxies.",
        "https://api.deepl.com",
    ),
    "formality": Option(
        (str,),
        "prefer_more",
        "How formal the French is: 'prefer_more' (vous) unless DeepL cannot honour it.",
        "prefer_more",
        choices=("default", "more", "less", "prefer_more", "prefer_less"),
    ),
    "model_type": Option(
        (str,),
        "prefer_quality_optimized",
        "DeepL's model, pinned so that drafts do not change with DeepL's default; the "
        "model DeepL used is recorded with each draft (model_type_used).",
        "quality_optimized",
        choices=("quality_optimized", "prefer_quality_optimized", "latency_optimized"),
    ),
    "tag_handling_version": Option(
        (str,),
        "v2",
        "DeepL's XML tag handling, pinned: v2 parses the inline Markdown's tags strictly; "
        "without a pin the account's default depends on when it first used tags.",
        "v2",
        choices=("v1", "v2"),
    ),
    "translation_memory": Option(
        (str,),
        None,
        "The id of a DeepL translation memory (German to French) to translate with; "
        "checked against the memories DeepL reports.",
        "a1b2c3d4-0000-4000-8000-000000000000",
    ),
    "translation_memory_threshold": Option(
        (int,),
        None,
        "The lowest match (in %) DeepL takes from the translation memory (DeepL's "
        "default when unset; 75 or more recommended). Needs translation_memory.",
        80,
        minimum=0,
        maximum=100,
    ),
    "style_rule": Option(
        (str,),
        None,
        "The id of a DeepL style rule list for French to apply to every draft; checked "
        "against the style rules DeepL reports.",
        "f0e1d2c3-0000-4000-8000-000000000000",
    ),
    "price_per_million_characters": Option(
        (int, float),
        None,
        "What the office pays DeepL per million characters, in euros: 'presse translate "
        "--dry-run' then states the cost of a run.",
        25.0,
        minimum=0,
    ),
    "retries": Option(
        (int,), 5, "How often a failed request (429, 5xx, no answer) is tried again.", 5, minimum=0
    ),
    "timeout": Option(
        (int, float), 30, "Seconds to wait for DeepL's answer to one request.", 30, minimum=0
    ),
}
ENGINE_OPTIONS: Mapping[str, Schema] = {"deepl": DEEPL_OPTIONS}


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
    def engine_name(self) -> str:
        return str(self.section("engine").get("name") or "memory")

    def engine_options(self, name: str) -> dict[str, Any]:
        options = self.section("engine").get(name)
        return dict(options) if isinstance(options, dict) else {}


def _type_name(types: tuple[type, ...]) -> str:
    names = {
        str: "a string",
        int: "a whole number",
        float: "a number",
        dict: "a mapping",
        bool: "true or false",
    }
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
        types, default = (spec.types, spec.default) if isinstance(spec, Option) else spec
        if value is None:
            result[key] = default
        elif isinstance(value, bool) or not isinstance(value, types):
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
            if isinstance(spec, Option) and (problem := _out_of_range(spec, value)):
                errors.append(PresseError(f"'{prefix}{key}': {problem}", path, line))
    return result, errors


def _out_of_range(option: Option, value: Any) -> str | None:
    """Why ``value`` (of the right type) is not one ``option`` takes, or None."""
    if option.choices and value not in option.choices:
        return f"expected one of {', '.join(option.choices)} but received {value!r}"
    if option.minimum is not None and value < option.minimum:
        return f"must be at least {option.minimum:g}, not {value!r}"
    if option.maximum is not None and value > option.maximum:
        return f"must be at most {option.maximum:g}, not {value!r}"
    return None


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
        elif value is not None and key in ENGINE_OPTIONS:
            errors.extend(_validate(value, ENGINE_OPTIONS[key], f"engine.{key}.", located, path)[1])
    deepl = engine.get("deepl")
    if (
        isinstance(deepl, Mapping)
        and deepl.get("translation_memory_threshold") is not None
        and not deepl.get("translation_memory")
    ):
        errors.append(
            PresseError(
                "'engine.deepl.translation_memory_threshold' needs "
                "'engine.deepl.translation_memory' (the memory's id)",
                path,
                located.line_of("engine.deepl.translation_memory_threshold"),
            )
        )
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
