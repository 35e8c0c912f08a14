"""Catalogs: one PO catalog per release, kept in step with the German text.

This module is pure: it turns a release into source segments and merges them into
the catalog that was there before, keeping the promise to translators:

- an unchanged sentence keeps its translation and state, wherever it moved;
- a changed sentence keeps the closest old translation as a ``stale`` draft (fuzzy,
  with the previous German as ``#|``), matched by similarity sentence by sentence,
  the way msgmerge matches messages; the old pair is also kept as an obsolete entry;
- a deleted sentence's entry becomes obsolete (``#~``), still in the file;
- a new sentence is untranslated.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace

from presse.documents.po import Catalog, Entry
from presse.documents.release import Release
from presse.documents.segment import markdown_blocks

# msgmerge counts two messages as the same one edited above a similarity of 0.6.
FUZZY_MATCH_THRESHOLD = 60.0
TITLE_CONTEXT = "title"
SUMMARY_CONTEXT = "summary"


def segment_id(msgctxt: str | None, msgid: str) -> str:
    """A stable id of a segment: the same context and German always give the same id."""
    key = f"{msgctxt or ''}\x04{msgid}"
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:12]


def entry_id(entry: Entry) -> str:
    return segment_id(entry.msgctxt, entry.msgid)


@dataclass(frozen=True)
class SourceSegment:
    """A German sentence of a release, where it is, and the paragraph around it."""

    msgctxt: str | None
    msgid: str
    line: int
    block_index: int
    block_text: str
    block_start_line: int
    breaks_after: bool = False  # a hard line break follows it in the German

    @property
    def id(self) -> str:
        return segment_id(self.msgctxt, self.msgid)


# A Markdown hard line break: a backslash (or two spaces and more) before a newline.
_HARD_BREAK = re.compile(r"(?:\\| {2,})\n")


def one_line(text: str) -> str:
    """A sentence as the translator sees it: soft line breaks of the Markdown source
    become spaces, a hard break (an address block's ``\\`` at a line's end) a newline."""
    lines = _HARD_BREAK.split(text.strip())
    return "\n".join(" ".join(line.split()) for line in lines)


_SPACES_BREAK = re.compile(r" {2,}\n")


def _backslash_break_after(block_text: str, end: int) -> bool:
    return block_text.endswith("\\", 0, end) and block_text.startswith("\n", end)


def breaks_after(block_text: str, end: int) -> bool:
    """True when the sentence ending at ``end`` of its block ends a line with a hard
    break (a backslash, or two spaces, before the newline)."""
    return _backslash_break_after(block_text, end) or bool(_SPACES_BREAK.match(block_text, end))


def sentence_source(block_text: str, start: int, end: int) -> str:
    """A sentence's German as its message: a hard break after it is not part of it."""
    if _backslash_break_after(block_text, end):
        end -= 1
    return one_line(block_text[start:end])


def release_segments(release: Release) -> list[SourceSegment]:
    """The title, the summary and every sentence of the body, in document order."""
    found: list[tuple[str | None, str, int, int, str, int, bool]] = [
        (
            TITLE_CONTEXT,
            one_line(release.title),
            release.line_of("title"),
            -2,
            release.title,
            0,
            False,
        )
    ]
    if release.summary:
        summary = one_line(release.summary)
        found.append((SUMMARY_CONTEXT, summary, release.line_of("summary"), -1, summary, 0, False))
    for index, block in enumerate(markdown_blocks(release.body)):
        block_line = release.body_line + block.start_line - 1
        for sentence in block.sentences:
            line = block_line + block.text.count("\n", 0, sentence.start)
            text = sentence_source(block.text, sentence.start, sentence.end)
            breaks = breaks_after(block.text, sentence.end)
            found.append((None, text, line, index, block.text, block_line, breaks))
    return disambiguate(found)


def disambiguate(
    found: Iterable[tuple[str | None, str, int, int, str, int, bool]],
) -> list[SourceSegment]:
    """Give a repeated sentence a context (``occurrence 2``...) so each is its own message."""
    seen: dict[tuple[str | None, str], int] = {}
    segments: list[SourceSegment] = []
    for context, text, line, block_index, block_text, block_line, breaks in found:
        if not text:
            continue
        count = seen.get((context, text), 0) + 1
        seen[(context, text)] = count
        if count > 1:
            context = f"{context} occurrence {count}" if context else f"occurrence {count}"
        segments.append(
            SourceSegment(context, text, line, block_index, block_text, block_line, breaks)
        )
    return segments


# ---------------------------------------------------------------- merging


@dataclass(frozen=True)
class Change:
    """What happened to one message in a merge; ``old_id`` names where its text came from."""

    kind: str  # kept | moved | revived | changed | new | obsoleted | dropped
    new_id: str | None
    old_id: str | None


@dataclass
class MergeResult:
    catalog: Catalog
    changes: list[Change]


def fresh_entry(segment: SourceSegment, reference: str) -> Entry:
    return Entry(msgid=segment.msgid, msgctxt=segment.msgctxt, references=[reference])


def carry_over(old: Entry, segment: SourceSegment, reference: str) -> Entry:
    """An old entry under the segment's (maybe new) context, pointing at its new line."""
    return replace(old, msgctxt=segment.msgctxt, references=[reference], obsolete=False)


def stale_entry(old: Entry, segment: SourceSegment, reference: str) -> Entry:
    """The closest old translation offered for a changed sentence, marked fuzzy."""
    entry = Entry(
        msgid=segment.msgid,
        msgctxt=segment.msgctxt,
        msgstr=old.msgstr,
        references=[reference],
        translator_comments=list(old.translator_comments),
        previous_msgid=old.previous_msgid if old.previous_msgid is not None else old.msgid,
        previous_msgctxt=old.msgctxt if old.msgctxt != segment.msgctxt else None,
    )
    return entry.with_fuzzy(True)


class Merger:
    """Merges a release's current segments into the catalog that was there before."""

    def __init__(self, old: Catalog, reference_of: Callable[[SourceSegment], str]) -> None:
        self.reference_of = reference_of
        self.active = {e.key: e for e in old.active}
        self.obsolete = {e.key: e for e in old.obsolete}
        self.unused = dict(self.active)
        self.changes: list[Change] = []

    def take_exact(self, segment: SourceSegment) -> Entry | None:
        key = (segment.msgctxt, segment.msgid)
        for pool, kind in ((self.unused, "kept"), (self.obsolete, "revived")):
            old = pool.pop(key, None)
            if old is not None:
                self.changes.append(Change(kind, segment.id, entry_id(old)))
                return carry_over(old, segment, self.reference_of(segment))
        return None

    def take_moved(self, segment: SourceSegment) -> Entry | None:
        """The same German under another context (a repeated sentence renumbered)."""
        for key, old in list(self.unused.items()):
            if old.msgid == segment.msgid and self.is_plain_sentence(old, segment):
                del self.unused[key]
                self.changes.append(Change("moved", segment.id, entry_id(old)))
                return carry_over(old, segment, self.reference_of(segment))
        return None

    @staticmethod
    def is_plain_sentence(old: Entry, segment: SourceSegment) -> bool:
        """Titles and summaries never trade places with body sentences."""
        kind_of = lambda ctx: (ctx or "").split(" occurrence")[0] or None  # noqa: E731
        return kind_of(old.msgctxt) == kind_of(segment.msgctxt)

    def merge(self, segments: list[SourceSegment]) -> list[Entry | None]:
        placed: list[Entry | None] = []
        for segment in segments:
            placed.append(self.take_exact(segment))
        for index, segment in enumerate(segments):
            if placed[index] is None:
                placed[index] = self.take_moved(segment)
        self.match_changed(segments, placed)
        return placed

    def match_changed(self, segments: list[SourceSegment], placed: list[Entry | None]) -> None:
        """Pair changed sentences with the closest unused old translations, best first."""
        # Imported here: only a merge with changed sentences needs it, and reading
        # catalogs (every build and status) should not pay for loading it.
        from rapidfuzz import fuzz

        candidates = [(k, e) for k, e in self.unused.items() if e.msgstr]
        open_slots = [i for i, entry in enumerate(placed) if entry is None]
        scored = sorted(
            (
                (fuzz.ratio(segments[i].msgid, old.msgid), i, key)
                for i in open_slots
                for key, old in candidates
                if self.is_plain_sentence(old, segments[i])
            ),
            key=lambda item: (-item[0], item[1]),
        )
        for score, index, key in scored:
            if score < FUZZY_MATCH_THRESHOLD:
                break
            if placed[index] is not None or key not in self.unused:
                continue
            old = self.unused.pop(key)
            segment = segments[index]
            placed[index] = stale_entry(old, segment, self.reference_of(segment))
            self.changes.append(Change("changed", segment.id, entry_id(old)))
            self.retire(old, changed=True)

    def retire(self, old: Entry, changed: bool = False) -> None:
        """Keep an old translation as an obsolete entry; untranslated ones just go."""
        if not old.msgstr:
            self.changes.append(Change("dropped", None, entry_id(old)))
            return
        retired = replace(old, obsolete=True, references=[], extracted_comments=[])
        retired = retired.with_fuzzy(old.fuzzy)
        if retired.key in self.obsolete and self.obsolete[retired.key].msgstr != retired.msgstr:
            retired = replace(retired, msgctxt=unique_context(retired, self.obsolete))
        self.obsolete[retired.key] = retired
        if not changed:
            self.changes.append(Change("obsoleted", None, entry_id(old)))

    def finish(self, segments: list[SourceSegment], placed: list[Entry | None]) -> list[Entry]:
        entries: list[Entry] = []
        for segment, entry in zip(segments, placed, strict=True):
            if entry is None:
                entry = fresh_entry(segment, self.reference_of(segment))
                self.changes.append(Change("new", segment.id, None))
            entries.append(entry)
        for old in list(self.unused.values()):
            self.retire(old)
        self.unused.clear()
        return entries + list(self.obsolete.values())


def unique_context(entry: Entry, taken: dict[tuple[str | None, str], Entry]) -> str:
    """A context that keeps a second obsolete translation of one sentence apart."""
    number = 2
    while True:
        context = f"{entry.msgctxt or ''} superseded {number}".strip()
        if (context, entry.msgid) not in taken:
            return context
        number += 1


def merge_catalog(
    old: Catalog, segments: list[SourceSegment], reference_of: Callable[[SourceSegment], str]
) -> MergeResult:
    """The new catalog for ``segments``, keeping every translation ``old`` had."""
    merger = Merger(old, reference_of)
    placed = merger.merge(segments)
    entries = merger.finish(segments, placed)
    catalog = Catalog(header=dict(old.header), header_comments=list(old.header_comments))
    catalog.entries = entries
    return MergeResult(catalog, merger.changes)


def content_hash(catalog: Catalog) -> str:
    """A hash of what a reader sees: every active message's context, German and French,
    and whether an empty one is merged into the one before (so an approval does not hold
    once a merge is undone; a catalog without merges hashes as it always did)."""
    digest = hashlib.sha256()
    for entry in catalog.active:
        for part in (entry.msgctxt or "", entry.msgid, entry.msgstr):
            digest.update(part.encode("utf-8") + b"\x00")
        if not entry.msgstr and entry.merge_marked:
            digest.update(b"merged\x00")
    return digest.hexdigest()


def text_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]
