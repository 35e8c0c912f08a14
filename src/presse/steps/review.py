"""What a reviewer does to a segment: confirm or edit its French, or dismiss a finding.

The terminal review (``presse review``) and the review page call these same
functions, so the PO file and the review file are always written the same way.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from datetime import datetime

from presse.documents.catalog import entry_id, text_hash
from presse.documents.merges import covered_by_markers, joined_german, merge_groups, with_marker
from presse.documents.po import Entry
from presse.documents.release_files import (
    ReleaseFiles,
    load_release_files,
    now_iso,
    save_release_files,
)
from presse.documents.repository import Repository
from presse.documents.review_state import DRAFT_STATES, SegmentRecord
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
    # Fold line breaks and runs of ordinary spaces, but keep no-break spaces: they are
    # French typography, not noise.
    french = re.sub(r"[ \t\r\n]+", " ", french).strip()
    when = now_iso(repo, clock)
    files = current_files(repo, slug, when)
    entry = find_entry(files, segment_id)
    existing = files.review.segments.get(segment_id)
    if not french and existing is not None and existing.merged_into is not None:
        return files  # merged into the segment before: complete as it is
    if not french:
        raise PresseError("an empty translation cannot be confirmed")
    if expected_hash is not None and text_hash(entry.msgstr) != expected_hash:
        raise ConcurrentEdit(
            "the French of this segment changed since you opened it; your text is kept, "
            "compare it with the version on disk",
            entry.msgstr,
        )
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
    find_entry(files, segment_id)
    record = files.review.record(segment_id)
    record.dismissed.append(
        {"check": check, "message": message, "reason": reason.strip(), "by": by, "at": when}
    )
    annotate(files.catalog, files.review, checker_for(repo, load_glossary(repo.glossary_path)))
    save_release_files(repo, files)
    return files


def dismiss_findings(
    repo: Repository, slug: str, segment_id: str, check: str, reason: str, by: str
) -> int:
    """Dismiss every current finding of ``check`` on a segment; returns how many."""
    from presse.checks.runner import segment_problems

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
