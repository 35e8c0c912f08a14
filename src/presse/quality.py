"""What is wrong with a segment's French: glossary violations and the quality checks.

One place that ``status``, the review page, the PO comments and the build gate all
ask, so they always agree. Results are cheap to recompute per segment; the callers
cache them per release by content hash.
"""

from __future__ import annotations

from dataclasses import dataclass

from presse.glossary import Glossary
from presse.po import Entry
from presse.review import SegmentRecord


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


def glossary_problems(glossary: Glossary, de: str, fr: str) -> list[Problem]:
    if not fr:
        return []
    return [Problem("glossary", "error", v.message) for v in glossary.check(de, fr)]


def is_dismissed(problem: Problem, record: SegmentRecord | None) -> bool:
    """A person overrode this finding on this segment, with a reason."""
    if record is None:
        return False
    return any(
        d.get("check") == problem.check and d.get("message") == problem.message
        for d in record.dismissed
    )


def segment_problems(
    glossary: Glossary,
    entry: Entry,
    record: SegmentRecord | None,
    only: tuple[str, ...] | None = None,
) -> list[Problem]:
    """Every finding on a segment that nobody dismissed (``only`` these checks if given)."""
    problems = glossary_problems(glossary, entry.msgid, entry.msgstr)
    if only is not None:
        problems = [p for p in problems if p.check in only]
    return [p for p in problems if not is_dismissed(p, record)]


def entry_comments(entry: Entry, record: SegmentRecord | None, glossary: Glossary) -> list[str]:
    """The ``#.`` comments for translators: the terms, what is wrong, memory suggestions."""
    comments: list[str] = []
    hint = glossary.hint(entry.msgid)
    if hint:
        comments.append(f"terms: {hint}")
    for problem in segment_problems(glossary, entry, record):
        comments.append(f"{problem.check}: {problem.message}")
    for suggestion in (record.suggestions if record else [])[:3]:
        comments.append(f"memory {suggestion.get('score', 0):.0f}%: {suggestion.get('fr', '')}")
    return comments
