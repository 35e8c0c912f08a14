"""Where a release stands: segments by state, what blocks publication, its release state.

Release states, derived from the segments and the recorded events: ``new``, ``in
translation``, ``in review``, ``ready`` (every segment translated, no blocking check
failing), ``approved`` (a person approved this exact German and French, and it is
under an embargo that has not run out), ``published`` (approved, and no embargo holds
it back: every build publishes it; see :meth:`ReleaseStatus.as_of`); and ``stale``
when a change to either text came after an approval, or a person withdrew the
approval (``presse unapprove``; the approval stays in the history).

Beside the state, ``publication`` says what readers see of a release's French when
that is not what the state alone says: ``correction pending`` (stale, and the last
approved French stays online, see :mod:`presse.steps.online`) or ``withdrawn``
(``presse withdraw``). :attr:`ReleaseStatus.label` puts the two together.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import TYPE_CHECKING, Any

from presse.documents.catalog import entry_id
from presse.documents.merges import covered_by_markers, joined_german
from presse.documents.po import Catalog
from presse.documents.review_state import STATES, ReviewState, reopened_by_a_person
from presse.glossary.matching import Glossary

if TYPE_CHECKING:
    from presse.checks.runner import Checker, Problem

RELEASE_STATES = ("new", "in translation", "in review", "ready", "approved", "published", "stale")


@dataclass
class ReleaseStatus:
    slug: str
    title: str
    date: str
    state: str
    segments: dict[str, int]
    blockers: list[str] = field(default_factory=list)
    problems: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    approved_by: str | None = None
    notes: list[str] = field(default_factory=list)
    embargo: str | None = None  # the German release's, ISO 8601
    dismissals: list[dict[str, str]] = field(default_factory=list)  # see dismissals_of
    publication: str | None = None  # "correction pending", "withdrawn" or None

    @property
    def label(self) -> str:
        """The state as ``presse status`` shows it: "published, correction pending"
        while the last approved French stays online, "withdrawn" (and what it is now)."""
        if self.publication == "withdrawn":
            return (
                "withdrawn"
                if self.state in ("approved", "published")
                else f"withdrawn, {self.state}"
            )
        if self.publication == "correction pending":
            return "published, correction pending"
        return self.state

    def to_dict(self) -> dict[str, Any]:
        return {
            "slug": self.slug,
            "title": self.title,
            "date": self.date,
            "state": self.state,
            "segments": self.segments,
            "blockers": self.blockers,
            "problems": self.problems,
            "approved_by": self.approved_by,
            "notes": self.notes,
            "embargo": self.embargo,
            "dismissals": self.dismissals,
            "publication": self.publication,
        }

    def as_of(self, now: datetime) -> ReleaseStatus:
        """The status at ``now``: an approved release is ``published`` once its embargo
        (if any) has run out, since every build then publishes it. Builds record
        nothing, so this is derived, not read (a "published" event of an older presse
        says so too: :func:`release_state`)."""
        if self.state != "approved":
            return self
        if self.embargo is not None and datetime.fromisoformat(self.embargo) > now:
            return self
        return replace(self, state="published")


def count_states(catalog: Catalog, review: ReviewState) -> dict[str, int]:
    counts = Counter(
        review.segments[entry_id(e)].state if entry_id(e) in review.segments else "untranslated"
        for e in catalog.active
    )
    return {state: counts.get(state, 0) for state in STATES}


def count_reopened(catalog: Catalog, review: ReviewState) -> int:
    """Drafts a person reopened (see :func:`reopened_by_a_person`)."""
    records = (review.segments.get(entry_id(e)) for e in catalog.active)
    return sum(1 for record in records if record is not None and reopened_by_a_person(record))


def find_problems(
    catalog: Catalog, review: ReviewState, glossary: Glossary | Checker
) -> dict[str, list[Problem]]:
    from presse.checks.runner import segment_problems  # see presse.steps.status

    found: dict[str, list[Problem]] = {}
    german = joined_german(catalog, covered_by_markers(catalog))  # merged segments
    for entry in catalog.active:
        key = entry_id(entry)
        record = review.segments.get(key)
        problems = segment_problems(glossary, entry, record, german=german.get(key))
        if problems:
            found[key] = problems
    return found


def outdated_glossary_drafts(review: ReviewState, checksum: str) -> list[str]:
    """Drafts an engine made with an older glossary: worth a second look after a change."""
    return sorted(
        key
        for key, record in review.segments.items()
        if record.state in ("machine", "memory")
        and not record.obsolete
        and record.origin.get("glossary") not in (None, checksum)
    )


def blockers_of(
    counts: dict[str, int], problems: dict[str, list[Problem]], reopened: int = 0
) -> list[str]:
    """Why a release is not ready. ``reopened``: of the ``machine`` drafts, those a
    person reopened (their French is a person's, which needs work, not a machine's)."""
    machine = counts.get("machine", 0) - reopened
    reasons = [
        f"{count} segment(s) {label}"
        for count, label in (
            (counts.get("untranslated", 0), "untranslated"),
            (machine, "with a machine draft to review"),
            (reopened, "marked needs work"),
            (counts.get("memory", 0), "filled from memory, to review"),
            (counts.get("stale", 0), "stale: the German changed"),
        )
        if count
    ]
    errors = sum(1 for items in problems.values() for p in items if p.blocking)
    if errors:
        reasons.append(f"{errors} blocking finding(s) (glossary or checks)")
    return reasons


def segment_stage(counts: dict[str, int], blockers: list[str]) -> str:
    total = sum(counts.values())
    if total and not blockers:
        return "ready"
    if total and counts["untranslated"] == 0:
        return "in review"
    if counts["untranslated"] < total:
        return "in translation"
    return "new"


def withdrawn_approval(review: ReviewState) -> dict[str, Any] | None:
    """The ``unapproved`` event that withdrew the release's approval, when nobody has
    approved it again since (see :func:`presse.steps.approve.unapprove`)."""
    for event in reversed(review.events):
        if not isinstance(event, dict):
            continue
        if event.get("event") == "approved":
            return None
        if event.get("event") == "unapproved":
            return event
    return None


def stale_note(review: ReviewState) -> str | None:
    """What status lists first for a ``stale`` release: why its approval no longer holds.
    Approving again is what it asks for, so the approval rule does not count it as a
    blocker (:func:`presse.steps.approval_rule.blockers`)."""
    approval = review.approval
    if approval is None:
        return None
    withdrawn = withdrawn_approval(review)
    if withdrawn is not None:
        who, when = withdrawn.get("by") or "someone", str(withdrawn.get("at") or "")[:10]
        return f"approval withdrawn by {who} on {when}: {withdrawn.get('reason') or 'no reason'}"
    return f"changed after approval by {approval.by} on {approval.at[:10]}"


def release_state(
    review: ReviewState,
    counts: dict[str, int],
    blockers: list[str],
    source_hash: str,
    catalog_hash: str,
) -> str:
    approval = review.approval
    if approval and (approval.source_hash, approval.catalog_hash) == (source_hash, catalog_hash):
        if withdrawn_approval(review) is not None:
            return "stale"  # a person withdrew it: it needs approving again
        published = [
            e
            for e in review.events
            if e.get("event") == "published" and e.get("catalog_hash") == catalog_hash
        ]
        return "published" if published else "approved"
    if approval:
        return "stale"
    return segment_stage(counts, blockers)


def problems_to_dict(
    problems: dict[str, list[Problem]], catalog: Catalog
) -> dict[str, list[dict[str, Any]]]:
    """The findings by segment, each with the segment's German (``source``) and current
    French (``target``): ``presse check`` shows what a finding is about, and whoever
    dismisses it decides without opening the catalog."""
    texts = {entry_id(e): e for e in catalog.active} if problems else {}
    return {
        key: [
            {"check": p.check, "severity": p.severity, "message": p.message}
            | ({"suggestion": p.suggestion} if p.suggestion else {})
            | {"source": texts[key].msgid, "target": texts[key].msgstr}
            for p in items
        ]
        for key, items in problems.items()
    }


def dismissals_of(catalog: Catalog, review: ReviewState) -> list[dict[str, str]]:
    """Every finding a person dismissed on the release's current segments, in document
    order: the segment, the check, its message, who, when, why, and the German."""
    found: list[dict[str, str]] = []
    for entry in catalog.active:
        key = entry_id(entry)
        record = review.segments.get(key)
        for dismissal in record.dismissed if record else ():
            found.append(
                {"segment": key}
                | {name: _text(dismissal.get(name)) for name in DISMISSAL_FIELDS}
                | {"source": entry.msgid}
            )
    return found


DISMISSAL_FIELDS = ("check", "message", "by", "at", "reason")


def _text(value: object) -> str:
    """A field of a review file as text (a hand-edited file may hold a number or nothing)."""
    return "" if value is None else str(value)
