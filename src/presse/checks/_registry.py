"""The registry of checks: what a check is, what it returns, and how it is registered.

Modelled on Babel's ``babel.messages.checkers``: each check is a small plain function,
``check(de, fr, ctx)``, that yields its problems. :mod:`presse.checks` imports every
check module, so importing the package fills :data:`CHECKS`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Literal, Union

Severity = Literal["error", "warning"]
SEVERITIES: tuple[str, ...] = ("error", "warning")


@dataclass(frozen=True)
class Finding:
    """One problem found in a French segment."""

    check: str
    severity: Severity
    message: str
    suggestion: str | None = None


@dataclass(frozen=True)
class Problem:
    """What a check yields: the runner adds the check's name and its severity."""

    message: str
    suggestion: str | None = None


@dataclass(frozen=True)
class CheckContext:
    """What a check may know besides the two texts.

    ``glossary`` is a :class:`presse.glossary.matching.Glossary` (typed loosely so that this
    module never imports it); ``keep_terms`` are German words that legitimately stay
    German in the French; ``kind`` is ``"title"``, ``"summary"`` or ``"sentence"``.
    """

    glossary: object | None = None
    keep_terms: frozenset[str] = frozenset()
    kind: str = "sentence"


#: What a check may yield: a Problem, a bare message, or a Finding (whose check name
#: and severity the runner replaces with the registered ones).
FindingLike = Union[Problem, Finding, str]  # noqa: UP007 - a runtime alias
CheckFunction = Callable[[str, str, CheckContext], Iterable[FindingLike]]


@dataclass(frozen=True)
class RegisteredCheck:
    """A check function and the severity of its findings unless settings say otherwise."""

    function: CheckFunction
    severity: Severity


#: Every check, by name, in the order they run.
CHECKS: dict[str, RegisteredCheck] = {}


def register(name: str, severity: Severity) -> Callable[[CheckFunction], CheckFunction]:
    """Decorator adding ``fn(de, fr, ctx)`` to :data:`CHECKS` under ``name``."""
    if severity not in SEVERITIES:
        raise ValueError(f"severity of check {name!r} must be 'error' or 'warning'")

    def decorator(function: CheckFunction) -> CheckFunction:
        if name in CHECKS and CHECKS[name].function is not function:
            raise ValueError(f"a check named {name!r} is already registered")
        CHECKS[name] = RegisteredCheck(function, severity)
        return function

    return decorator
