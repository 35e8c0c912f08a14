"""Merging segments: one French text for several consecutive German sentences, and back.

``presse merge SLUG SEGMENT --with-next N`` says that the French of SEGMENT covers the
German of the N segments after it; ``presse unmerge SLUG SEGMENT`` undoes the merge
SEGMENT belongs to. Both write the PO marker and the review file together (see
:mod:`presse.documents.merges`), with who did it and when, and an event in the
release's history. The terminal review and the review page call these same functions.
"""

from __future__ import annotations

from datetime import datetime

from presse.documents.catalog import entry_id, release_segments
from presse.documents.merges import covered_by_markers, is_sentence, merge_groups, with_marker
from presse.documents.po import Entry
from presse.documents.release_files import ReleaseFiles, save_release_files
from presse.documents.repository import Repository, now_iso
from presse.errors import PresseError
from presse.glossary.load import load_glossary
from presse.steps.extract import annotate, checker_for
from presse.steps.review import current_files

# Drafts an engine or the memory made: merging a segment away may clear them (they can
# be made again); a person's French is never cleared.
CLEARABLE_STATES = frozenset({"untranslated", "machine", "memory"})


def merge(
    repo: Repository,
    slug: str,
    segment_id: str,
    count: int,
    by: str,
    clock: datetime | None = None,
) -> ReleaseFiles:
    """The French of ``segment_id`` covers the German of the ``count`` segments after it
    (in the same paragraph): those become complete with an empty French."""
    if count < 1:
        raise PresseError("--with-next takes the number of following segments (1 or more)")
    when = now_iso(repo, clock)
    files = current_files(repo, slug, when)
    entries = files.catalog.active
    ids = [entry_id(e) for e in entries]
    if segment_id not in ids:
        raise PresseError(f"no segment {segment_id} in this release", files.slug)
    start = ids.index(segment_id)
    head = covered_by_markers(files.catalog).get(segment_id)
    if head is not None:
        raise PresseError(f"segment {segment_id} is merged into {head} already: merge from there")
    paragraph = paragraphs(files)
    if not is_sentence(entries[start]) or paragraph.get(segment_id) is None:
        raise PresseError("a title or summary is not merged with other segments")
    following = entries[start + 1 : start + 1 + count]
    if len(following) < count or any(
        paragraph.get(entry_id(e)) != paragraph.get(segment_id) for e in following
    ):
        raise PresseError(
            f"segment {segment_id} has fewer than {count} segment(s) after it in its paragraph"
        )
    for entry in following:
        refuse_own_french(files, entry)
    for entry in following:
        cover(files, entry, segment_id, by, when)
    files.review.add_event("merged", when, by, segment=segment_id, covers=count)
    return save(repo, files)


def unmerge(
    repo: Repository, slug: str, segment_id: str, by: str, clock: datetime | None = None
) -> ReleaseFiles:
    """Undo the merge ``segment_id`` belongs to (as its first segment or a covered one):
    every segment it covered is its own again, untranslated."""
    when = now_iso(repo, clock)
    files = current_files(repo, slug, when)
    covered = covered_by_markers(files.catalog)
    head = covered.get(segment_id, segment_id)
    group = merge_groups(covered).get(head)
    if not group:
        raise PresseError(f"segment {segment_id} is not part of a merge", files.slug)
    by_id = {entry_id(e): e for e in files.catalog.active}
    for key in group:
        with_marker(by_id[key], False)
        record = files.review.record(key)
        record.merged_into = None
        record.state, record.by, record.at, record.origin = "untranslated", None, None, {}
    files.review.add_event("unmerged", when, by, segment=head, covers=len(group))
    return save(repo, files)


def merge_room(files: ReleaseFiles) -> dict[str, int]:
    """How many segments after each one :func:`merge` can take into it: those of its
    paragraph (0 for a title, a summary, or a segment covered by another). Whether
    their French may go is :func:`merge`'s to say, with its reason."""
    covered = covered_by_markers(files.catalog)
    paragraph = paragraphs(files)
    entries = files.catalog.active
    ids = [entry_id(e) for e in entries]
    room: dict[str, int] = {}
    for index, key in enumerate(ids):
        own = paragraph.get(key)
        if key in covered or own is None or not is_sentence(entries[index]):
            room[key] = 0
            continue
        after = 0
        for later in ids[index + 1 :]:
            if paragraph.get(later) != own:
                break
            after += 1
        room[key] = after
    return room


def paragraphs(files: ReleaseFiles) -> dict[str, int | None]:
    """Each segment's paragraph (None for the title and summary)."""
    return {
        s.id: (s.block_index if s.block_index >= 0 else None)
        for s in release_segments(files.release)
    }


def refuse_own_french(files: ReleaseFiles, entry: Entry) -> None:
    """A person's French is never dropped by a merge."""
    record = files.review.segments.get(entry_id(entry))
    state = record.state if record else "untranslated"
    if entry.msgstr and state not in CLEARABLE_STATES:
        raise PresseError(
            f"segment {entry_id(entry)} has French of its own ({state}); move it into the "
            "first segment and empty it before merging"
        )


def cover(files: ReleaseFiles, entry: Entry, head: str, by: str, when: str) -> None:
    """Mark one segment as covered by ``head`` in the PO and the review file."""
    entry.msgstr = ""
    entry.flags = [f for f in entry.flags if f != "fuzzy"]
    entry.previous_msgid = entry.previous_msgctxt = None
    with_marker(entry, True)
    record = files.review.record(entry_id(entry))
    record.state, record.merged_into, record.by, record.at = "translated", head, by, when
    record.origin = {"person": by, "merged_into": head}
    record.fr_hash, record.previous, record.suggestions = None, None, []


def save(repo: Repository, files: ReleaseFiles) -> ReleaseFiles:
    annotate(files.catalog, files.review, checker_for(repo, load_glossary(repo.glossary_path)))
    save_release_files(repo, files)
    return files
