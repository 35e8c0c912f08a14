"""What the review page shows: releases for the list, segments with their highlights.

Everything here is pure presentation over the core's results. Texts from releases and
catalogs are escaped before any markup is added around them.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field, replace
from typing import Any

from markupsafe import Markup, escape

from presse.checks.runner import Checker, Problem, segment_problems
from presse.documents.po import Entry
from presse.documents.review_state import DRAFT_STATES
from presse.glossary.matching import Glossary
from presse.steps.review import REOPENED, STATE_LABELS, Segment, state_label, word_diff
from presse.steps.standing import RELEASE_STATES, ReleaseStatus

# The states as the page tells them apart (a reopened French is no machine draft), in
# the order of the progress card and of the state filter.
STATE_KEYS = {"needs-work": REOPENED} | {
    state: STATE_LABELS[state]
    for state in ("untranslated", "machine", "memory", "stale", "translated")
}
SORT_KEYS = ("date", "state", "title")


# ---------------------------------------------------------------- the list of releases


@dataclass
class ReleaseRow:
    status: ReleaseStatus
    total: int
    done: int
    bar: list[dict[str, Any]]
    glossary_findings: int

    @property
    def percent(self) -> int:
        return round(100 * self.done / self.total) if self.total else 0


def release_row(status: ReleaseStatus) -> ReleaseRow:
    total = sum(status.segments.values())
    bar: list[dict[str, Any]] = []
    x = 0.0
    for state in ("translated", "stale", "memory", "machine", "untranslated"):
        count = status.segments.get(state, 0)
        if not count or not total:
            continue
        width = 100.0 * count / total
        bar.append({"state": state, "x": round(x, 3), "width": round(width, 3), "count": count})
        x += width
    glossary = sum(
        1 for items in status.problems.values() for p in items if p.get("check") == "glossary"
    )
    return ReleaseRow(status, total, status.segments.get("translated", 0), bar, glossary)


def list_rows(
    statuses: list[ReleaseStatus], state: str | None, sort: str, descending: bool
) -> list[ReleaseRow]:
    """The rows shown: filtered by release state, sorted by date, state or title."""
    chosen = [s for s in statuses if not state or s.state == state]
    order = {name: index for index, name in enumerate(RELEASE_STATES)}
    keys = {
        "date": lambda s: (s.date, s.slug),
        "state": lambda s: (order.get(s.state, len(order)), s.date, s.slug),
        "title": lambda s: (s.title.casefold(), s.slug),
    }
    chosen.sort(key=keys.get(sort, keys["date"]), reverse=descending)
    return [release_row(s) for s in chosen]


# ---------------------------------------------------------------- highlighting


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    css: str
    title: str


def highlight(text: str, spans: list[Span]) -> Markup:
    """The text escaped, with each (non-overlapping) span wrapped in ``<mark>``."""
    out: list[str] = []
    position = 0
    for span in sorted(spans, key=lambda s: (s.start, -s.end)):
        if span.start < position:
            continue
        out.append(str(escape(text[position : span.start])))
        out.append(
            f'<mark class="{escape(span.css)}" title="{escape(span.title)}">'
            f"{escape(text[span.start : span.end])}</mark>"
        )
        position = span.end
    out.append(str(escape(text[position:])))
    return Markup("".join(out))


def diff_markup(old: str, new: str) -> Markup:
    tags = {"-": "del", "+": "ins"}
    pieces = []
    for op, text in word_diff(old, new):
        if op == "=":
            pieces.append(str(escape(text)))
        else:
            pieces.append(f"<{tags[op]}>{escape(text)}</{tags[op]}>")
    return Markup("".join(pieces))


# ---------------------------------------------------------------- segments


@dataclass
class SegmentView:
    segment: Segment
    number: int
    label: str | None
    german_html: Markup
    french_html: Markup
    problems: list[Problem]
    diff_html: Markup | None
    previous_french: str | None
    previous_by: str | None
    suggestions: list[dict[str, Any]]
    origin: str | None
    french_value: str  # what the textarea holds (the user's text after a refused save)
    expected_hash: str  # the hash of the French the form starts from
    conflict: str | None = None  # the version on disk after a refused save
    error: str | None = None
    terms: list[str] = field(default_factory=list)
    # N:M segments: the number of the segment that covers this one, the numbers of
    # those this one covers, and how many following segments it may take in.
    head_number: int | None = None
    covered_numbers: list[int] = field(default_factory=list)
    merge_choices: list[int] = field(default_factory=list)

    @property
    def id(self) -> str:
        return self.segment.id

    @property
    def state(self) -> str:
        return self.segment.state

    @property
    def state_label(self) -> str:
        return state_label(self.segment)

    @property
    def state_key(self) -> str:
        """The state's name on the page: a CSS class and a filter's value."""
        return "needs-work" if self.state_label == REOPENED else self.state

    @property
    def needs_a_human(self) -> bool:
        return self.segment.needs_a_human

    @property
    def blocking(self) -> bool:
        return any(p.blocking for p in self.problems)


def segment_label(msgctxt: str | None) -> str | None:
    kind = (msgctxt or "").split(" occurrence")[0]
    return {"title": "Title", "summary": "Summary"}.get(kind)


def origin_text(segment: Segment) -> str | None:
    origin = segment.record.origin or {}
    if segment.state == "machine" and not origin.get("person"):
        engine = origin.get("engine")
        return f"draft by {engine}" if engine else None
    if segment.state == "memory":
        source = origin.get("memory") or origin.get("source")
        return f"from the translation memory ({source})" if source else None
    person = origin.get("person")
    if person:
        via = origin.get("via")
        text = f"by {person}" + (f" ({via})" if via else "")
        reopened = origin.get("reopened_by")
        return text + (f", reopened by {reopened}" if reopened else "")
    return None


def segment_view(
    segment: Segment, entry: Entry, number: int, glossary: Glossary, checker: Checker
) -> SegmentView:
    problems = segment_problems(checker, entry, segment.record, german=segment.checked_german)
    # The glossary check may add the term's note to a violation's message: match by prefix.
    glossary_messages = [p.message for p in problems if p.check == "glossary"]

    def explained(message: str) -> str | None:
        return next((m for m in glossary_messages if m.startswith(message)), None)

    violations = []
    if segment.french:
        for violation in glossary.check(segment.german, segment.french):
            message = explained(violation.message)
            if message is not None:
                violations.append(replace(violation, message=message))
    missing = {v.term: v.message for v in violations if v.kind in ("missing", "wrong")}
    german_spans = []
    terms: list[str] = []
    for match in glossary.find_german(segment.german):
        term = match.term
        if term.de not in terms:
            terms.append(term.de)
        if term in missing:
            german_spans.append(Span(match.start, match.end, "term term-missing", missing[term]))
        else:
            target = term.target + (" (stays in German)" if term.keep else "")
            german_spans.append(Span(match.start, match.end, "term", f"→ {target}"))
    avoided = {(v.term, v.found): v.message for v in violations if v.kind in ("avoid", "wrong")}
    french_spans = [
        Span(m.start, m.end, "term term-avoid", avoided[(m.term, m.text)])
        for m in glossary.find_avoided(segment.french)
        if (m.term, m.text) in avoided
    ]
    for match in glossary.find_french(segment.french):
        french_spans.append(Span(match.start, match.end, "term", f"{match.term.de}"))
    # A stale segment, or a draft made for it since (presse translate
    # --retranslate-stale): the German's change and the person's French stay shown.
    changed = segment.state in DRAFT_STATES
    previous = (segment.record.previous or {}) if changed else {}
    diff = None
    old = (segment.previous_german or previous.get("de")) if changed else None
    if old:
        diff = diff_markup(old, segment.german)
    return SegmentView(
        segment=segment,
        number=number,
        label=segment_label(segment.msgctxt),
        german_html=highlight(segment.german, german_spans),
        french_html=highlight(segment.french, french_spans),
        problems=problems,
        diff_html=diff,
        previous_french=previous.get("fr"),
        previous_by=previous.get("by"),
        suggestions=list(segment.record.suggestions or [])[:5],
        origin=origin_text(segment),
        french_value=segment.french,
        expected_hash=segment.french_hash,
        terms=terms,
    )


def progress_of(segments: list[SegmentView]) -> list[tuple[str, str, int]]:
    """(state key, label, count) of each state some segment is in, in a fixed order."""
    counts = Counter(view.state_key for view in segments)
    order = ("translated", "stale", "needs-work", "memory", "machine", "untranslated")
    return [(key, STATE_KEYS[key], counts[key]) for key in order if counts[key]]


def checks_found(segments: list[SegmentView]) -> list[str]:
    """The checks that found something on some segment, for the findings filter."""
    return sorted({p.check for view in segments for p in view.problems})
