"""The press office's settings (``presse.yaml``) and where a repository's files live.

A repository is found by walking up from the current directory to the nearest
``presse.yaml`` (or named with ``--repo``). Settings are validated against one schema
(:mod:`presse.documents.settings_schema`: types, allowed values, checks); every problem
is collected before presse stops, each naming its line and, for a value presse cannot
honour, the values it can, so that the user can fix them all in one go.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from presse.documents.office import OfficeNames
from presse.documents.settings_schema import SCHEMA, Key, Section, as_key, type_name
from presse.errors import PresseError, raise_every
from presse.store.disk import read_text

CONFIG_NAME = "presse.yaml"

# The schema is in settings_schema: SCHEMA (re-exported here), from which
# settings_reference writes docs/configuration.md.
__all__ = ["CONFIG_NAME", "SCHEMA", "Config", "find_root", "load_config", "parse_config"]


@dataclass(frozen=True)
class Config:
    """Validated settings; ``raw`` keeps every section for the modules that own them."""

    office: str
    source_language: str
    target_language: str
    timezone: str
    raw: dict[str, Any] = field(default_factory=dict)
    path: Path | None = None
    office_fr: str | None = None  # with its article: "la Ville de Forchheim"

    @property
    def office_names(self) -> OfficeNames:
        return OfficeNames(self.office, self.office_fr or self.office)

    def section(self, name: str) -> dict[str, Any]:
        value = self.raw.get(name)
        return dict(value) if isinstance(value, dict) else {}

    @property
    def four_eyes(self) -> bool:
        """``review.four_eyes``: whether an approver must be another person than the
        translators of the release."""
        return self.section("review").get("four_eyes") is True

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


@dataclass(frozen=True)
class _Context:
    """What every check of one file needs: its lines, its path and the engines."""

    located: Any
    path: Path
    engine_names: Collection[str]

    def error(self, message: str, dotted: str) -> PresseError:
        """An error on the line of ``dotted``, else of the nearest section around it."""
        parts = dotted.split(".")
        lines = (self.located.line_of(".".join(parts[:n])) for n in range(len(parts), 0, -1))
        return PresseError(message, self.path, next((n for n in lines if n), 1))


def _value(value: Any, key: Key, dotted: str, ctx: _Context) -> tuple[Any, PresseError | None]:
    """The value to use for one key, and what is wrong with it (every rule of its Key)."""
    if value is None or (key.required and value == ""):
        error = ctx.error(f"'{dotted}' is required", dotted) if key.required else None
        return key.default, error
    wrong_type = isinstance(value, bool) and bool not in key.types
    if wrong_type or not isinstance(value, key.types):
        received = f"{type(value).__name__} {value!r}"
        message = f"'{dotted}': expected {type_name(key.types)} but received {received}"
        return key.default, ctx.error(message, dotted)
    if key.allowed and value not in key.allowed:
        message = f"'{dotted}': expected one of: {', '.join(key.allowed)} but received {value!r}"
        return key.default, ctx.error(message, dotted)
    problem = key.check(value) if key.check is not None else None
    if problem is not None:
        return key.default, ctx.error(f"'{dotted}': {problem}", dotted)
    return value, None


def _section(
    data: Mapping[str, Any], section: Section | Mapping[str, Any], prefix: str, ctx: _Context
) -> tuple[dict[str, Any], list[PresseError]]:
    """Check ``data`` against a section; return its values (defaults filled in unless the
    section keeps only what is given) and every problem."""
    keys = section.keys if isinstance(section, Section) else section
    plugins = isinstance(section, Section) and section.plugins
    as_given = isinstance(section, Section) and section.as_given
    errors: list[PresseError] = []
    result: dict[str, Any] = {}
    for name in data:
        if name in keys:
            continue
        dotted = f"{prefix}{name}"
        if plugins and name in ctx.engine_names:  # a plug-in engine reads its own options
            if data[name] is not None and not isinstance(data[name], Mapping):
                errors.append(ctx.error(f"'{dotted}' must be a mapping of options", dotted))
            result[name] = data[name]
            continue
        known = list(keys) + sorted(set(ctx.engine_names) - set(keys) if plugins else [])
        message = f"unknown key '{dotted}'. Expected one of: {', '.join(known)}"
        errors.append(ctx.error(message, dotted))
    for name, spec in keys.items():
        if as_given and name not in data:
            continue
        dotted = f"{prefix}{name}"
        value = data.get(name)
        if isinstance(spec, Section | Mapping):
            given, problems = _subsection(value, spec, dotted, ctx)
            result[name] = given
            errors.extend(problems)
            continue
        result[name], error = _value(value, as_key(spec), dotted, ctx)
        if error is not None:
            errors.append(error)
    return result, errors


def _subsection(
    value: Any, spec: Section | Mapping[str, Any], dotted: str, ctx: _Context
) -> tuple[dict[str, Any], list[PresseError]]:
    shorthand = spec.shorthand if isinstance(spec, Section) else None
    if value is None:
        given, errors = _section({}, spec, f"{dotted}.", ctx)
        # "office" left out altogether: say so, not which of its keys is missing.
        required = [e for e in errors if e.message == f"'{dotted}.{shorthand}' is required"]
        if shorthand and required:
            errors = [ctx.error(f"'{dotted}' is required", dotted)]
        return given, errors
    if shorthand is not None and isinstance(value, str):
        value = {shorthand: value}
    if not isinstance(value, Mapping):
        what = "a name or a mapping of settings" if shorthand else "a mapping of settings"
        message = f"'{dotted}' must be {what}, not {type(value).__name__} {value!r}"
        return {}, [ctx.error(message, dotted)]
    return _section(value, spec, f"{dotted}.", ctx)


def _engine_name_error(values: Mapping[str, Any], ctx: _Context) -> list[PresseError]:
    """``engine.name`` must name an engine presse has (asked at run time: plug-ins)."""
    name = (values.get("engine") or {}).get("name")
    names = sorted(ctx.engine_names)
    if name is None or name in names:
        return []
    message = f"'engine.name': expected one of: {', '.join(names)} but received {name!r}"
    return [ctx.error(message, "engine.name")]


def _memory_threshold_error(values: Mapping[str, Any], ctx: _Context) -> list[PresseError]:
    """A threshold means nothing without the DeepL translation memory it applies to."""
    deepl = (values.get("engine") or {}).get("deepl")
    if not isinstance(deepl, Mapping) or deepl.get("translation_memory_threshold") is None:
        return []
    if deepl.get("translation_memory"):
        return []
    dotted = "engine.deepl.translation_memory_threshold"
    message = f"'{dotted}' needs 'engine.deepl.translation_memory' (the memory's id)"
    return [ctx.error(message, dotted)]


def parse_config(text: str, path: Path, engine_names: Collection[str]) -> Config:
    """Validate the text of a ``presse.yaml``; raise every problem at once.

    ``engine_names`` are the engines presse has: the engines are plug-ins of a higher
    layer, so :mod:`presse.steps.open` asks them and passes their names down."""
    # Imported here: a build with nothing to do takes its settings from a cache
    # (presse.steps.open) and need not load PyYAML.
    from presse.store.yaml_lines import load_located

    located = load_located(text, path)
    data = located.data if located.data is not None else {}
    if not isinstance(data, Mapping):
        raise PresseError("expected a mapping of settings at the top level", path, 1)
    context = _Context(located, path, engine_names)
    values, errors = _section(data, SCHEMA, "", context)
    errors.extend(_engine_name_error(values, context))
    errors.extend(_memory_threshold_error(values, context))
    raise_every(errors, path)
    office = values["office"]
    return Config(
        office=office["name_de"],
        office_fr=office["name_fr"] or office["name_de"],
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
