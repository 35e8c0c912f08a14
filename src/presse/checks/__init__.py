"""Quality checks of French segments against their German source.

Each check is a small plain function in a registry (the shape of Babel's
``babel.messages.checkers``): ``check(de, fr, ctx)`` yields what is wrong with the
French. :func:`run_checks` runs every enabled check on one segment and never crashes:
a check that raises becomes an error finding. ``presse.yaml``'s ``checks:`` section
switches checks off or changes their severity (:func:`parse_check_settings`).

The checks are pure (no disk, no network) and understand both locales' ways of writing
numbers, dates, times and amounts; see ``docs/checks.md``.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Literal

# Importing the check modules registers their checks (in this order).
from presse.checks import (
    dates,
    glossary,
    links,
    names,
    numeric,
    typography,
    untranslated,
    years,
)
from presse.checks._registry import (
    CHECKS,
    SEVERITIES,
    CheckContext,
    CheckFunction,
    Finding,
    FindingLike,
    Problem,
    RegisteredCheck,
    Severity,
    register,
)
from presse.errors import ConfigErrors, PresseError

__all__ = [
    "CHECKS",
    "DEFAULT",
    "CheckContext",
    "CheckFunction",
    "CheckSettings",
    "Finding",
    "FindingLike",
    "Problem",
    "RegisteredCheck",
    "Setting",
    "Severity",
    "dates",
    "glossary",
    "links",
    "names",
    "numeric",
    "parse_check_settings",
    "register",
    "run_checks",
    "settings_key",
    "typography",
    "untranslated",
    "years",
]

Setting = Literal["error", "warning", "off"]
SETTINGS_VALUES: tuple[str, ...] = (*SEVERITIES, "off")

#: Bumped whenever a check changes what it reports, so that cached results are redone.
CHECKS_VERSION = (
    3  # 2: knowledge instead of string distance; 3: escaped punctuation read as written
)


@dataclass(frozen=True)
class CheckSettings:
    """Per-check severity overrides; a check not named keeps its registered severity."""

    severities: Mapping[str, Setting] = field(default_factory=lambda: MappingProxyType({}))

    def effective(self, name: str) -> Setting:
        """The severity of ``name``'s findings, or ``"off"``."""
        setting = self.severities.get(name)
        if setting is not None:
            return setting
        return CHECKS[name].severity


DEFAULT = CheckSettings()


def parse_check_settings(
    mapping: Mapping[str, object] | None,
    path: str | os.PathLike[str] | None,
    line_of: Callable[[str], int | None],
) -> CheckSettings:
    """Validate ``presse.yaml``'s ``checks:`` section: ``{check_name: error|warning|off}``.

    Every problem is reported at once (a :class:`ConfigErrors` when there are several),
    each naming the key ``checks.<name>`` and its line. YAML 1.1 reads an unquoted
    ``off`` as ``false``; that is accepted as ``off``.
    """
    if mapping is None:
        return DEFAULT
    errors: list[PresseError] = []
    if not isinstance(mapping, Mapping):
        raise PresseError(
            "'checks' must be a mapping of check names to error, warning or off",
            path,
            line_of("checks"),
        )
    severities: dict[str, Setting] = {}
    known = ", ".join(CHECKS)
    for key, value in mapping.items():
        dotted = f"checks.{key}"
        if key not in CHECKS:
            errors.append(
                PresseError(
                    f"unknown check '{dotted}'. Expected one of: {known}", path, line_of(dotted)
                )
            )
            continue
        if value is False:
            value = "off"
        if not isinstance(value, str) or value not in SETTINGS_VALUES:
            errors.append(
                PresseError(
                    f"'{dotted}': expected error, warning or off but received {value!r}",
                    path,
                    line_of(dotted),
                )
            )
            continue
        severities[str(key)] = value  # type: ignore[assignment]
    if len(errors) == 1:
        raise errors[0]
    if errors:
        raise ConfigErrors(errors)
    return CheckSettings(MappingProxyType(severities))


def _to_finding(name: str, severity: Severity, item: FindingLike) -> Finding:
    if isinstance(item, str):
        return Finding(name, severity, item)
    if isinstance(item, Problem):
        return Finding(name, severity, item.message, item.suggestion)
    if isinstance(item, Finding):
        return Finding(name, severity, item.message, item.suggestion)
    raise TypeError(f"a check must yield a Problem, a Finding or a message, not {item!r}")


def run_checks(
    de: str, fr: str, ctx: CheckContext | None = None, settings: CheckSettings = DEFAULT
) -> list[Finding]:
    """Run every enabled check on one segment; an untranslated segment has no findings.

    A check that raises is reported as an error finding naming the check, never as a
    crash, so that one bad check cannot stop a review.
    """
    if not fr or not fr.strip():
        return []
    ctx = ctx if ctx is not None else CheckContext()
    findings: list[Finding] = []
    for name, registered in list(CHECKS.items()):
        severity = settings.effective(name)
        if severity == "off":
            continue
        try:
            found = [_to_finding(name, severity, item) for item in registered.function(de, fr, ctx)]
        except Exception as exc:  # a faulty check must not stop the review
            findings.append(
                Finding(
                    name,
                    "error",
                    f"check '{name}' failed on this segment: {type(exc).__name__}: {exc}",
                )
            )
            continue
        findings.extend(found)
    return findings


def settings_key(settings: CheckSettings = DEFAULT) -> str:
    """A stable hash of the effective settings, for caches keyed by (de, fr, settings).

    It covers every registered check, so registering a new check changes it too.
    """
    effective = {name: settings.effective(name) for name in sorted(CHECKS)}
    unknown = {k: v for k, v in settings.severities.items() if k not in CHECKS}
    payload = json.dumps(
        {"version": CHECKS_VERSION, "checks": effective, "other": unknown},
        sort_keys=True,
        ensure_ascii=True,
    )
    return hashlib.sha256(payload.encode("ascii")).hexdigest()[:16]
