"""What is wrong with a segment's French: the quality checks, glossary included.

One place that ``status``, ``presse check``, the review page, the PO comments and the
build gate all ask, so they always agree. Findings are cached per segment by the two
texts, the glossary's checksum and the checks' settings, so an archive is checked
once and then only what changed.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property, lru_cache
from types import MappingProxyType
from typing import Any

from presse.checks import (
    CHECKS,
    CheckContext,
    CheckSettings,
    parse_check_settings,
    run_checks,
    settings_key,
)
from presse.documents.catalog import SUMMARY_CONTEXT, TITLE_CONTEXT
from presse.documents.config import Config
from presse.documents.po import Entry
from presse.documents.review_state import SegmentRecord
from presse.glossary.matching import Glossary

CACHE_SIZE = 200_000


@dataclass(frozen=True)
class Problem:
    """One finding on one segment."""

    check: str
    severity: str  # error | warning
    message: str
    suggestion: str | None = None

    @property
    def blocking(self) -> bool:
        return self.severity == "error"


@dataclass(frozen=True)
class Checker:
    """The glossary and the check settings of a repository, ready to check segments."""

    glossary: Glossary
    settings: CheckSettings

    @cached_property
    def key(self) -> str:  # asked for every segment: computed once per checker
        return f"{self.glossary.checksum}:{settings_key(self.settings)}"

    def only(self, names: tuple[str, ...]) -> Checker:
        """This checker with every check but ``names`` switched off."""
        severities = {name: "off" for name in CHECKS if name not in names}
        severities.update({n: s for n, s in self.settings.severities.items() if n in names})
        return _only_checker(self, names, severities)

    def keep_terms(self) -> frozenset[str]:
        return _keep_terms(self.glossary)


@lru_cache(maxsize=64)
def _keep_terms(glossary: Glossary) -> frozenset[str]:
    return frozenset(t.de for t in glossary.terms if t.keep)


def make_checker(glossary: Glossary, config: Config | None = None) -> Checker:
    """A checker with the settings of ``presse.yaml``'s ``checks:`` section."""
    if config is None:
        return Checker(glossary, CheckSettings())
    raw = config.section("checks")
    return Checker(glossary, parse_check_settings(raw, config.path, _line_lookup(config)))


def _line_lookup(config: Config) -> Any:
    """Finds the line of a key in presse.yaml; only read when there is an error to report."""

    def line_of(key: str) -> int | None:
        from presse.store.disk import read_text
        from presse.store.yaml_lines import load_located

        if config.path is None or not config.path.exists():
            return None
        return load_located(read_text(config.path), config.path).line_of(key)

    return line_of


def as_checker(glossary_or_checker: Glossary | Checker) -> Checker:
    """Callers that only have a glossary get the default check settings."""
    if isinstance(glossary_or_checker, Checker):
        return glossary_or_checker
    return Checker(glossary_or_checker, CheckSettings())


_only_checkers: dict[tuple[str, tuple[str, ...]], Checker] = {}


def _only_checker(checker: Checker, names: tuple[str, ...], severities: dict[str, Any]) -> Checker:
    key = (checker.key, names)
    found = _only_checkers.get(key)
    if found is None or found.glossary is not checker.glossary:
        settings = CheckSettings(MappingProxyType(severities))  # type: ignore[arg-type]
        found = _only_checkers[key] = Checker(checker.glossary, settings)
    return found


_cache: dict[tuple[str, str, str, str], tuple[Problem, ...]] = {}


def _kind_of(msgctxt: str | None) -> str:
    context = (msgctxt or "").split(" occurrence")[0]
    return context if context in (TITLE_CONTEXT, SUMMARY_CONTEXT) else "sentence"


def check_texts(checker: Checker, de: str, fr: str, kind: str = "sentence") -> tuple[Problem, ...]:
    """Every finding on one pair of texts (cached)."""
    if not fr:
        return ()
    key = (checker.key, kind, de, fr)
    found = _cache.get(key)
    if found is None:
        context = CheckContext(
            glossary=checker.glossary, keep_terms=checker.keep_terms(), kind=kind
        )
        found = tuple(
            Problem(f.check, f.severity, f.message, f.suggestion)
            for f in run_checks(de, fr, context, checker.settings)
        )
        if len(_cache) > CACHE_SIZE:
            _cache.clear()
        _cache[key] = found
    return found


def is_dismissed(problem: Problem, record: SegmentRecord | None) -> bool:
    """A person overrode this finding on this segment, with a reason."""
    return dismissal_of(problem, record) is not None


def dismissal_of(problem: Problem, record: SegmentRecord | None) -> dict[str, str] | None:
    """The recorded dismissal of this finding on this segment, if a person made one."""
    if record is None:
        return None
    return next(
        (
            d
            for d in record.dismissed
            if d.get("check") == problem.check and d.get("message") == problem.message
        ),
        None,
    )


def segment_problems(
    checker: Checker | Glossary,
    entry: Entry,
    record: SegmentRecord | None,
    only: tuple[str, ...] | None = None,
    german: str | None = None,
) -> list[Problem]:
    """Every finding on a segment that nobody dismissed (``only`` these checks if given).

    ``german``: what the French translates when it covers more than its own segment (a
    merge: its German and that of the segments merged into it, see
    :func:`presse.documents.merges.joined_german`), so that its numbers, dates and names
    are compared with all of the German, not half of it."""
    checker = as_checker(checker)
    if only is not None:
        # Only these checks: the others are not run at all (``presse glossary check``).
        checker = checker.only(tuple(sorted(only)))
    source = entry.msgid if german is None else german
    problems = check_texts(checker, source, entry.msgstr, _kind_of(entry.msgctxt))
    return [
        p for p in problems if (only is None or p.check in only) and not is_dismissed(p, record)
    ]


def entry_comments(
    entry: Entry,
    record: SegmentRecord | None,
    checker: Checker | Glossary,
    german: str | None = None,
) -> list[str]:
    """The ``#.`` comments for translators: the terms, what is wrong, memory suggestions
    (``german``: as for :func:`segment_problems`).

    Every finding is there, so that a translator who works only in a PO editor sees
    what ``presse check`` sees: ``error (numbers): …`` or ``warning (typography): …``.
    A dismissed finding stays, marked ``dismissed`` with who and why: the translator
    then knows it was looked at and need not "correct" a French that is right.
    """
    checker = as_checker(checker)
    comments: list[str] = []
    hint = checker.glossary.hint(entry.msgid)
    if hint:
        comments.append(f"terms: {hint}")
    source = entry.msgid if german is None else german
    for problem in check_texts(checker, source, entry.msgstr, _kind_of(entry.msgctxt)):
        comments.append(finding_comment(problem, dismissal_of(problem, record)))
    for suggestion in (record.suggestions if record else [])[:3]:
        comments.append(f"memory {suggestion.get('score', 0):.0f}%: {suggestion.get('fr', '')}")
    return [one_line(comment) for comment in comments]


def finding_comment(problem: Problem, dismissal: dict[str, str] | None) -> str:
    """One finding as a PO comment, its severity first (or ``dismissed``, by whom, why)."""
    if dismissal is None:
        return f"{problem.severity} ({problem.check}): {problem.message}"
    who = dismissal.get("by") or "someone"
    reason = dismissal.get("reason") or ""
    return f"dismissed ({problem.check}): {problem.message} [by {who}: {reason}]"


def one_line(comment: str) -> str:
    """A comment on one line: a line break inside a ``#.`` comment would end it, and the
    rest would be a line no PO reader accepts (a quoted French, a typed reason)."""
    return " ".join(comment.splitlines())
