"""The one approval rule: when a release may be approved, and the messages that say so.

``presse approve``, the review page's Approve button and the terminal review all ask
:func:`judge` (``approve`` itself does, the others may ask it first to show what still
blocks approval), so they never disagree with each other or with ``presse status``:

- whatever the release's history (new, published, approved before), every blocker
  ``presse status`` lists refuses the approval; only the note that says why a ``stale``
  release's approval no longer holds is not one, since approving again is what it asks
  for;
- a release approved for exactly its current German and French is *already approved*:
  approving it again changes nothing (no new approver, no new date);
- with ``review.four_eyes: true`` the approver must be another person than the last
  translator of every segment.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from presse.documents.catalog import entry_id
from presse.documents.release_files import ReleaseFiles, load_release_files
from presse.documents.repository import Repository, now_iso
from presse.documents.review_state import UNKNOWN_PERSON, Approval
from presse.errors import PresseError
from presse.glossary.load import load_glossary
from presse.steps.standing import ReleaseStatus, stale_note
from presse.steps.status import compute_status

APPROVABLE_STATES = frozenset({"ready", "stale", "approved", "published"})
ALREADY_APPROVED_STATES = frozenset({"approved", "published"})
SEGMENTS_NAMED = 8  # a refusal names this many segments, then says how many more


@dataclass(frozen=True)
class Verdict:
    """What the rule says about approving one release (by one person, when known)."""

    slug: str
    state: str
    reasons: list[str] = field(default_factory=list)  # why it is refused; empty: allowed
    already: Approval | None = None  # the approval that already covers these texts

    @property
    def allowed(self) -> bool:
        return not self.reasons

    @property
    def message(self) -> str:
        """The one line every interface prints when the approval is refused."""
        return f"cannot approve '{self.slug}' (it is {self.state}): {'; '.join(self.reasons)}"


class ApprovalRefused(PresseError):
    """An approval the rule refuses; ``verdict`` holds the reasons."""

    def __init__(self, verdict: Verdict) -> None:
        super().__init__(verdict.message)
        self.verdict = verdict


def blockers(files: ReleaseFiles, status: ReleaseStatus) -> list[str]:
    """What ``presse status`` lists as blocking publication, but the note of a ``stale``
    release (why its approval no longer holds)."""
    note = stale_note(files.review) if status.state == "stale" else None
    return [reason for reason in status.blockers if reason != note]


def same_person(a: str, b: str) -> bool:
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


def translated_by(files: ReleaseFiles, person: str) -> list[str]:
    """The segments (``number (id)``, in document order) whose French ``person`` was the
    last to write or confirm. A PO editor's edit without a Last-Translator is by
    ``unknown``, which is nobody in particular."""
    found = []
    for number, entry in enumerate(files.catalog.active, start=1):
        record = files.review.segments.get(entry_id(entry))
        if record is None or not record.by or record.by == UNKNOWN_PERSON:
            continue
        if record.origin.get("engine"):  # an engine's draft carries no person
            continue
        if same_person(record.by, person):
            found.append(f"{number} ({entry_id(entry)})")
    return found


def four_eyes_reason(files: ReleaseFiles, by: str) -> str | None:
    """Why ``by`` may not approve under four eyes, naming the segments; None if they may."""
    own = translated_by(files, by)
    if not own:
        return None
    named = ", ".join(own[:SEGMENTS_NAMED])
    if len(own) > SEGMENTS_NAMED:
        named += f" and {len(own) - SEGMENTS_NAMED} more"
    return (
        f"{by} is the last translator of segment(s) {named}; with review.four_eyes "
        "another person must approve"
    )


def already_approved(files: ReleaseFiles, status: ReleaseStatus) -> Approval | None:
    """The release's approval when it covers exactly its current German and French, and
    its French was not withdrawn since (approving again is how a withdrawal ends)."""
    if status.publication == "withdrawn":
        return None
    return files.review.approval if status.state in ALREADY_APPROVED_STATES else None


def judge(files: ReleaseFiles, status: ReleaseStatus, by: str | None, four_eyes: bool) -> Verdict:
    """The rule for approving the release of ``files`` (merged with its German, as
    ``status`` was computed from them) by ``by`` (None: whoever it will be; the four
    eyes are then not asked)."""
    reasons = blockers(files, status)
    if status.state not in APPROVABLE_STATES and not reasons:
        reasons = [f"it is {status.state}"]
    already = already_approved(files, status)
    # Every reason at once; but approving again what is approved as it is changes
    # nothing, whoever asks.
    if four_eyes and by is not None and (reasons or already is None):
        reason = four_eyes_reason(files, by)
        if reason:
            reasons.append(reason)
    return Verdict(files.slug, status.state, reasons, None if reasons else already)


def current_verdict(
    repo: Repository, slug: str, by: str | None, when: str | None = None
) -> tuple[ReleaseFiles, Verdict]:
    """The release's files merged with its German, and the rule's verdict on approving
    them by ``by`` (None: whoever it will be), for a command or page that wants to say
    what still blocks approval before anyone approves."""
    from presse.steps.extract import checker_for, extract_files  # see presse.steps.status

    slug = repo.require_slug(slug)
    checker = checker_for(repo, load_glossary(repo.glossary_path))
    files = extract_files(repo, load_release_files(repo, slug), checker, when or now_iso(repo))
    status = compute_status(repo, files, checker)
    return files, judge(files, status, by, repo.config.four_eyes)


def approved_message(approval: Approval, already: bool, written: list[Path]) -> str:
    """What every interface says after ``approve`` succeeded (``already``: the approval
    was there; ``written``: the files written)."""
    if not already:
        return f"Approved by {approval.by} at {approval.at}."
    if not written:
        return f"Already approved by {approval.by} at {approval.at}: nothing changed."
    return (
        f"Already approved by {approval.by} at {approval.at}: the French release file "
        "was missing or edited by hand, and is written again."
    )


def unapproved_message(by: str, at: str) -> str:
    return (
        f"Approval withdrawn by {by} at {at}: the release needs approving again; "
        "the French already published stays online."
    )
