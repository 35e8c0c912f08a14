"""What a reviewer does to a segment: confirm, edit or reopen its French, confirm the
segments read in one go, or dismiss a finding; and what a reviewer sees of a segment
(its findings, its glossary terms, how its state reads).

The terminal review (``presse review``) and the review page call these same
functions, so the PO file and the review file are always written the same way.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from datetime import datetime

from presse.checks.runner import Problem, segment_problems
from presse.documents.catalog import entry_id, text_hash
from presse.documents.merges import covered_by_markers, joined_german, merge_groups, with_marker
from presse.documents.po import Entry
from presse.documents.release_files import (
    ReleaseFiles,
    load_release_files,
    save_release_files,
)
from presse.documents.repository import Repository, now_iso
from presse.documents.review_state import DRAFT_STATES, SegmentRecord, reopened_by_a_person
from presse.errors import PresseError
from presse.glossary.load import load_glossary
from presse.steps.extract import annotate, checker_for, extract_files

NEEDS_A_HUMAN = frozenset({"untranslated", *DRAFT_STATES})


class ConcurrentEdit(PresseError):
    """The French changed on disk since the reviewer loaded it."""

    def __init__(self, message: str, current: str) -> None:
        super().__init__(message)
        self.current = current


@dataclass(frozen=True)
class Segment:
    """One segment as a reviewer sees it."""

    id: str
    msgctxt: str | None
    german: str
    french: str
    record: SegmentRecord
    previous_german: str | None
    covers: tuple[str, ...] = ()  # the segments merged into this one, in order
    checked_german: str | None = None  # its German and theirs, when it covers some

    @property
    def merged_into(self) -> str | None:
        """The segment whose French covers this one's German (a merge), if any."""
        return self.record.merged_into

    @property
    def state(self) -> str:
        return self.record.state

    @property
    def needs_a_human(self) -> bool:
        return self.state in NEEDS_A_HUMAN

    @property
    def french_hash(self) -> str:
        return text_hash(self.french)


def current_files(repo: Repository, slug: str, when: str) -> ReleaseFiles:
    """The release's files, merged with the current German (as ``extract`` would)."""
    slug = repo.require_slug(slug)
    checker = checker_for(repo, load_glossary(repo.glossary_path))
    return extract_files(repo, load_release_files(repo, slug), checker, when)


def segments_of(files: ReleaseFiles) -> list[Segment]:
    segments: list[Segment] = []
    covered = covered_by_markers(files.catalog)
    groups, german = merge_groups(covered), joined_german(files.catalog, covered)
    for entry in files.catalog.active:
        key = entry_id(entry)
        record = files.review.segments.get(key) or SegmentRecord()
        merge = (tuple(groups.get(key, ())), german.get(key))
        segments.append(
            Segment(
                key, entry.msgctxt, entry.msgid, entry.msgstr, record, entry.previous_msgid, *merge
            )
        )
    return segments


STATE_LABELS = {
    "untranslated": "untranslated",
    "machine": "machine draft",
    "memory": "from memory",
    "stale": "stale",
    "translated": "translated",
}
REOPENED = "needs work"
MERGED = "merged"


def state_label(segment: Segment) -> str:
    """How a segment's state reads to a person. A draft whose French a person wrote (a
    segment reopened here or marked "needs work" in a PO editor) is no machine draft."""
    if segment.merged_into:
        return MERGED  # complete with no French of its own: the segment before covers it
    if reopened_by_a_person(segment.record):
        return REOPENED
    return STATE_LABELS.get(segment.state, segment.state)


@dataclass(frozen=True)
class ReviewItem:
    """A segment with what a reviewer must see beside it: its findings (those status
    counts) and the glossary terms its German contains."""

    segment: Segment
    number: int
    problems: tuple[Problem, ...]
    terms: tuple[str, ...]  # "Landrat → Landrat (keep)", as the PO comments say it

    @property
    def blocking(self) -> bool:
        return any(p.blocking for p in self.problems)

    @property
    def needs_attention(self) -> bool:
        """A person must act: confirm the French, or fix or dismiss a blocking finding."""
        return self.segment.needs_a_human or self.blocking


def review_items(repo: Repository, files: ReleaseFiles) -> list[ReviewItem]:
    """Every active segment of the release, numbered, with its findings and terms."""
    checker = checker_for(repo, load_glossary(repo.glossary_path))
    items: list[ReviewItem] = []
    for number, (segment, entry) in enumerate(
        zip(segments_of(files), files.catalog.active, strict=True), start=1
    ):
        # A merge's first segment is checked against the German of all it covers.
        german = segment.checked_german
        problems = tuple(segment_problems(checker, entry, segment.record, german=german))
        hint = checker.glossary.hint(segment.german)
        terms = tuple(hint.split("; ")) if hint else ()
        items.append(ReviewItem(segment, number, problems, terms))
    return items


def find_entry(files: ReleaseFiles, segment_id: str) -> Entry:
    for entry in files.catalog.active:
        if entry_id(entry) == segment_id:
            return entry
    raise PresseError(f"no segment {segment_id} in this release", files.slug)


def confirm(
    repo: Repository,
    slug: str,
    segment_id: str,
    french: str,
    by: str,
    *,
    expected_hash: str | None = None,
    clock: datetime | None = None,
) -> ReleaseFiles:
    """A person wrote or confirmed the French of a segment: it becomes ``translated``.

    With ``expected_hash`` (the hash of the French the person started from), the save is
    refused when someone else changed that French meanwhile.
    """
    french = folded(french)
    when = now_iso(repo, clock)
    files = current_files(repo, slug, when)
    entry = find_entry(files, segment_id)
    existing = files.review.segments.get(segment_id)
    if not french and existing is not None and existing.merged_into is not None:
        return files  # merged into the segment before: complete as it is
    if not french:
        raise PresseError("an empty translation cannot be confirmed")
    refuse_if_changed(entry, expected_hash)
    mark_confirmed(files, segment_id, entry, french, by, when)
    annotate(files.catalog, files.review, checker_for(repo, load_glossary(repo.glossary_path)))
    save_release_files(repo, files)
    return files


def folded(french: str) -> str:
    """The French with line breaks and runs of ordinary spaces folded; no-break spaces
    are kept: they are French typography, not noise."""
    return re.sub(r"[ \t\r\n]+", " ", french).strip()


def refuse_if_changed(entry: Entry, expected_hash: str | None) -> None:
    if expected_hash is not None and text_hash(entry.msgstr) != expected_hash:
        raise ConcurrentEdit(
            "the French of this segment changed since you opened it; your text is kept, "
            "compare it with the version on disk",
            entry.msgstr,
        )


def mark_confirmed(
    files: ReleaseFiles, segment_id: str, entry: Entry, french: str, by: str, when: str
) -> None:
    entry.msgstr = french
    with_marker(entry, False)  # French of its own: it is no longer merged into another
    entry.flags = [f for f in entry.flags if f != "fuzzy"]
    entry.previous_msgid = entry.previous_msgctxt = None
    record = files.review.record(segment_id)
    record.state, record.by, record.at = "translated", by, when
    record.origin = {"person": by}
    record.merged_into = None
    record.fr_hash = text_hash(french)
    record.suggestions = []
    files.catalog.header["Last-Translator"] = by
    files.catalog.header["PO-Revision-Date"] = datetime.fromisoformat(when).strftime(
        "%Y-%m-%d %H:%M%z"
    )


def confirm_read(
    repo: Repository,
    slug: str,
    read: dict[str, str],
    by: str,
    clock: datetime | None = None,
) -> ReleaseFiles:
    """A person read these segments (id: the hash of the French they read) and confirms
    their French as it is, in one write. Refused as a whole, nothing written, when one
    of them is empty or changed since it was read."""
    if not read:
        raise PresseError("select the segments you have read first")
    when = now_iso(repo, clock)
    files = current_files(repo, slug, when)
    entries = {segment_id: find_entry(files, segment_id) for segment_id in read}
    for segment_id, entry in entries.items():
        if not entry.msgstr.strip():
            raise PresseError(f"segment {segment_id} has no French to confirm")
        refuse_if_changed(entry, read[segment_id])
    for segment_id, entry in entries.items():
        mark_confirmed(files, segment_id, entry, entry.msgstr, by, when)
    annotate(files.catalog, files.review, checker_for(repo, load_glossary(repo.glossary_path)))
    save_release_files(repo, files)
    return files


def reopen(
    repo: Repository, slug: str, segment_id: str, by: str, clock: datetime | None = None
) -> ReleaseFiles:
    """A person wants a segment looked at again: its French stays, marked as needing work
    (fuzzy in the PO, as Poedit's "needs work"), so status counts it as a draft again."""
    when = now_iso(repo, clock)
    files = current_files(repo, slug, when)
    entry = find_entry(files, segment_id)
    if not entry.msgstr:
        raise PresseError(f"segment {segment_id} has no French yet: nothing to reopen")
    record = files.review.record(segment_id)
    if record.state in DRAFT_STATES:
        return files  # a draft already: nothing changes, nothing is written
    if "fuzzy" not in entry.flags:
        entry.flags = ["fuzzy", *entry.flags]
    record.state = "machine"  # the draft state of a French nobody confirmed (see the label)
    record.origin = {**record.origin, "person": record.by or by, "reopened_by": by}
    record.at = when
    annotate(files.catalog, files.review, checker_for(repo, load_glossary(repo.glossary_path)))
    save_release_files(repo, files)
    return files


def dismiss(
    repo: Repository,
    slug: str,
    segment_id: str,
    check: str,
    message: str,
    reason: str,
    by: str,
    clock: datetime | None = None,
) -> ReleaseFiles:
    """A person overrides one finding on one segment, with a reason the file records."""
    if not reason.strip():
        raise PresseError("say why the finding does not apply (a reason is required)")
    when = now_iso(repo, clock)
    files = current_files(repo, slug, when)
    entry = find_entry(files, segment_id)
    checker = checker_for(repo, load_glossary(repo.glossary_path))
    record = files.review.segments.get(segment_id)
    # The findings as shown: a merge's first segment against the German it covers.
    german = joined_german(files.catalog, covered_by_markers(files.catalog)).get(segment_id)
    found = segment_problems(checker, entry, record, german=german)
    current = [(p.check, p.message) for p in found]
    if (check, message) not in current:
        raise PresseError(
            f"segment {segment_id} has no such finding of '{check}' now "
            "(fixed or dismissed meanwhile): nothing was dismissed"
        )
    record = files.review.record(segment_id)
    record.dismissed.append(
        {"check": check, "message": message, "reason": reason.strip(), "by": by, "at": when}
    )
    annotate(files.catalog, files.review, checker)
    save_release_files(repo, files)
    return files


def dismiss_findings(
    repo: Repository, slug: str, segment_id: str, check: str, reason: str, by: str
) -> int:
    """Dismiss every current finding of ``check`` on a segment; returns how many."""
    files = current_files(repo, slug, now_iso(repo))
    entry = find_entry(files, segment_id)
    checker = checker_for(repo, load_glossary(repo.glossary_path))
    record = files.review.segments.get(segment_id)
    german = joined_german(files.catalog, covered_by_markers(files.catalog)).get(segment_id)
    found = segment_problems(checker, entry, record, german=german)
    messages = [p.message for p in found if p.check == check]
    if not messages:
        raise PresseError(f"no finding of '{check}' on segment {segment_id} to dismiss")
    for message in messages:
        dismiss(repo, slug, segment_id, check, message, reason, by)
    return len(messages)


WORD = re.compile(r"\w+|[^\w\s]+|\s+")


def word_diff(old: str, new: str) -> list[tuple[str, str]]:
    """A word-level diff: (``=``, ``-`` or ``+``, text) pieces that rebuild both texts."""
    old_words, new_words = WORD.findall(old), WORD.findall(new)
    pieces: list[tuple[str, str]] = []
    matcher = difflib.SequenceMatcher(a=old_words, b=new_words, autojunk=False)
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            pieces.append(("=", "".join(old_words[a1:a2])))
            continue
        if a2 > a1:
            pieces.append(("-", "".join(old_words[a1:a2])))
        if b2 > b1:
            pieces.append(("+", "".join(new_words[b1:b2])))
    return pieces
