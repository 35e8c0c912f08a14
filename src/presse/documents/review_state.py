"""Review state: who translated or confirmed each segment, when and from where.

The PO catalog holds the text; ``releases/fr/<slug>.review.yaml`` holds who, when and
why: a small block per segment (its state, who and when, the origin of its text, a
hash of the French as presse last saw it) and the release's history of events
(extracted, translated by an engine, approved, withdrawn, published). The file is sorted and
written the same way every time, so that git diffs and merges stay small.

Segment states: ``untranslated``; ``machine`` and ``memory`` (drafts, fuzzy in the PO);
``stale`` (the German changed after the French was written: fuzzy, previous German
kept); ``translated`` (a person wrote or confirmed it). A segment covered by the French
of the one before it (``merged_into``, see :mod:`presse.documents.merges`) is
``translated`` with an empty French: a person said the head's French covers it.

Edits made in a PO editor are noticed by comparing each msgstr and its fuzzy flag
with what presse last recorded: clearing the fuzzy flag in Poedit counts as a person
confirming the segment, attributed to the PO's ``Last-Translator``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import yaml

from presse.documents.catalog import Change, entry_id, text_hash
from presse.documents.merges import consecutive_problems, covered_by_markers
from presse.documents.po import Catalog, Entry
from presse.documents.review_schema import approval_problems, check_review, event_problems
from presse.errors import PresseError, raise_every
from presse.store.yaml_lines import Located, dump_document, load_located

STATES = ("untranslated", "machine", "memory", "stale", "translated")
DRAFT_STATES = frozenset({"machine", "memory", "stale"})
EXCERPT_LENGTH = 60
UNKNOWN_PERSON = "unknown"
CONFLICT_MARKER = re.compile(r"^(<{7}|={7}|>{7})( |$)", re.MULTILINE)


def has_conflict_marker(text: str) -> bool:
    """Whether git left a merge conflict in the text. A plain substring test first: the
    build's gate asks this of every review file of the archive."""
    if "<<<<<<<" not in text and "=======" not in text and ">>>>>>>" not in text:
        return False
    return CONFLICT_MARKER.search(text) is not None


@dataclass
class SegmentRecord:
    """The review state of one segment."""

    state: str = "untranslated"
    text: str = ""  # the start of the German, so a person reading the file knows which one
    by: str | None = None
    at: str | None = None
    origin: dict[str, Any] = field(default_factory=dict)
    fr_hash: str | None = None
    previous: dict[str, str] | None = None  # the German and French before the German changed
    dismissed: list[dict[str, str]] = field(default_factory=list)
    suggestions: list[dict[str, Any]] = field(default_factory=list)
    obsolete: bool = False
    merged_into: str | None = None  # the segment whose French covers this one's German

    @property
    def expects_fuzzy(self) -> bool:
        return self.state in DRAFT_STATES


@dataclass(frozen=True)
class Approval:
    """Who approved which German (``source_hash``) and which French (``catalog_hash``:
    the catalog's active messages), and when.

    ``catalog_file`` and ``french_file`` are the SHA-256 of the PO file and of the French
    release file exactly as presse wrote them on approval: while both files are
    unchanged, the build's gate knows their content without reading it closely.
    ``checked_with`` is a digest of what the checks ran with when the release was
    approved (the glossary and the check settings): while it still holds, the gate
    need not run the checks again."""

    by: str
    at: str
    source_hash: str
    catalog_hash: str
    catalog_file: str | None = None
    french_file: str | None = None
    checked_with: str | None = None


@dataclass
class ReviewState:
    """Everything recorded about one release's French, apart from the text itself."""

    slug: str
    segments: dict[str, SegmentRecord] = field(default_factory=dict)
    events: list[dict[str, Any]] = field(default_factory=list)
    approval: Approval | None = None
    lines: dict[str, int] = field(default_factory=dict, compare=False, repr=False)

    def record(self, segment: str) -> SegmentRecord:
        return self.segments.setdefault(segment, SegmentRecord())

    def add_event(self, event: str, at: str, by: str | None = None, **details: Any) -> None:
        item: dict[str, Any] = {"event": event, "at": at}
        if by:
            item["by"] = by
        item.update({k: v for k, v in details.items() if v not in (None, {}, [])})
        self.events.append(item)


def human_french(record: SegmentRecord) -> bool:
    """Whether the segment's current French is a person's (written, confirmed or edited
    in a PO editor), not an engine's draft."""
    if record.origin.get("engine"):
        return False
    return bool(record.by) or bool(record.origin.get("person"))


def excerpt(text: str) -> str:
    return text if len(text) <= EXCERPT_LENGTH else text[: EXCERPT_LENGTH - 1].rstrip() + "…"


# ---------------------------------------------------------------- reconciling with the PO


def reconcile(
    catalog: Catalog, review: ReviewState, translator: str | None, when: str
) -> ReviewState:
    """The review state as the PO file now says it is (edits in a PO editor included)."""
    result = ReviewState(review.slug, {}, list(review.events), review.approval)
    covered = covered_by_markers(catalog)
    person = translator or UNKNOWN_PERSON
    for entry in catalog.entries:
        key = entry_id(entry)
        previous = review.segments.get(key)
        if key in covered and not entry.obsolete:
            record = covered_record(entry, previous, covered[key], person, when)
        else:
            record = reconcile_entry(entry, left_merge(entry, previous), person, when)
        result.segments[key] = record
    return result


def covered_record(
    entry: Entry, record: SegmentRecord | None, head: str, translator: str, when: str
) -> SegmentRecord:
    """A segment the French of ``head`` covers: complete, with an empty French."""
    record = replace(record) if record else SegmentRecord()
    record.text = excerpt(entry.msgid)
    record.obsolete = False
    if record.merged_into == head and record.state == "translated":
        return record
    # Marked in a PO editor (presse records the merges it makes itself first).
    if record.merged_into is None:
        record.by, record.at = translator, when
        record.origin = {"person": translator, "via": "PO editor"}
    record.state, record.merged_into = "translated", head
    record.fr_hash, record.previous, record.suggestions = None, None, []
    return record


def left_merge(entry: Entry, record: SegmentRecord | None) -> SegmentRecord | None:
    """A segment the PO no longer marks as covered (the marker removed, or French of
    its own written): it is judged by its own French again (a French that presse
    recorded, as an XLIFF import does, keeps who wrote it)."""
    if record is None or record.merged_into is None:
        return record
    if entry.msgstr and record.fr_hash == text_hash(entry.msgstr):
        return replace(record, merged_into=None)
    return replace(record, merged_into=None, state="untranslated", by=None, at=None, origin={})


def reconcile_entry(
    entry: Entry, record: SegmentRecord | None, translator: str, when: str
) -> SegmentRecord:
    record = replace(record) if record else SegmentRecord()
    record.text = excerpt(entry.msgid)
    record.obsolete = entry.obsolete
    if not entry.msgstr:
        if record.state != "untranslated" or record.fr_hash:
            record = replace(record, state="untranslated", fr_hash=None, by=None, at=None)
            record.origin = {}
        return record
    current = text_hash(entry.msgstr)
    if current == record.fr_hash and entry.fuzzy == record.expects_fuzzy:
        return record
    # The French or its fuzzy flag changed outside presse: a person did it in a PO editor.
    record.fr_hash = current
    record.by, record.at = translator, when
    record.origin = {"person": translator, "via": "PO editor"}
    if not entry.fuzzy:
        record.state = "translated"
        record.previous = None
    elif record.state not in DRAFT_STATES:
        record.state = "stale" if entry.previous_msgid is not None else "machine"
    return record


# ---------------------------------------------------------------- reading and writing


REVIEW_HEADER = (
    "# Review state of the French translation, written by presse.\n"
    "# The text is in the PO catalog; this file records who, when and where from.\n"
)


def _dump(data: dict[str, Any]) -> str:
    return dump_document(data, width=1000)


def _head(slug: str, approval: Approval | None, events: list[dict[str, Any]]) -> dict[str, Any]:
    data: dict[str, Any] = {"release": slug}
    if approval:
        data["approval"] = {k: v for k, v in sorted(vars(approval).items()) if v is not None}
    data["events"] = events
    return data


def render_review(review: ReviewState) -> str:
    """The review file's text: the approval and history first, then one block per segment
    (sorted), so that the build's gate reads the head of the file only."""
    data = _head(review.slug, review.approval, review.events)
    data["segments"] = {key: record_to_dict(r) for key, r in sorted(review.segments.items())}
    return REVIEW_HEADER + _dump(data)


def record_to_dict(record: SegmentRecord) -> dict[str, Any]:
    out: dict[str, Any] = {"state": record.state, "text": record.text}
    names = ("by", "at", "fr_hash", "origin", "previous", "dismissed", "suggestions")
    for name in (*names, "merged_into"):
        value = getattr(record, name)
        if value not in (None, {}, []):
            out[name] = value
    if record.obsolete:
        out["obsolete"] = True
    return out


def parse_review(text: str, path: Path | str, slug: str) -> ReviewState:
    """Read a review file; a merge conflict or a malformed block names its line."""
    conflict = CONFLICT_MARKER.search(text)
    if conflict:
        line = text.count("\n", 0, conflict.start()) + 1
        raise PresseError(
            "unresolved git merge conflict; keep one side of each block, then run 'presse extract'",
            path,
            line,
        )
    located = load_located(text, path)
    data = located.data or {}
    check_review(data, located, path, STATES)
    segments = parse_segments(data.get("segments") or {}, located, path)
    events = data.get("events") or []
    if not isinstance(events, list):
        raise PresseError("'events' must be a list", path, located.line_of("events"))
    approval = parse_approval(data.get("approval"), located, path)
    lines = {key: located.line_of(f"segments.{key}") or 1 for key in segments}
    return ReviewState(str(data.get("release") or slug), segments, events, approval, lines)


def parse_segments(raw: Any, located: Located, path: Path | str) -> dict[str, SegmentRecord]:
    if not isinstance(raw, dict):
        raise PresseError("'segments' must be a mapping", path, located.line_of("segments"))
    records: dict[str, SegmentRecord] = {}
    for key, block in raw.items():
        line = located.line_of(f"segments.{key}")
        if not isinstance(block, dict):
            raise PresseError(f"segment {key}: expected a mapping", path, line)
        state = block.get("state")
        if state not in STATES:
            raise PresseError(
                f"segment {key}: state {state!r} is not one of {', '.join(STATES)}", path, line
            )
        known = set(SegmentRecord.__dataclass_fields__)
        unknown = set(block) - known
        if unknown:
            raise PresseError(f"segment {key}: unknown key {sorted(unknown)[0]!r}", path, line)
        records[str(key)] = SegmentRecord(**block)
    return records


def parse_approval(raw: Any, located: Located, path: Path | str) -> Approval | None:
    if raw is None:
        return None
    fields = ("by", "at", "source_hash", "catalog_hash")
    if not isinstance(raw, dict) or any(not isinstance(raw.get(f), str) for f in fields):
        raise PresseError(
            "'approval' needs by, at, source_hash and catalog_hash",
            path,
            located.line_of("approval"),
        )
    pins = ("catalog_file", "french_file", "checked_with")
    for key in raw:
        if key not in fields + pins:
            raise PresseError(
                f"unknown key '{key}' in 'approval'", path, located.line_of(f"approval.{key}")
            )
        if key in pins and not isinstance(raw[key], str):
            raise PresseError(
                f"'approval.{key}' must be text", path, located.line_of(f"approval.{key}")
            )
    return Approval(**{f: raw[f] for f in fields + pins if f in raw})


def check_segments_exist(review: ReviewState, catalog: Catalog, path: Path) -> None:
    """A review file that refers to segments the catalog does not have is rejected."""
    known = {entry_id(e) for e in catalog.entries}
    for key in review.segments:
        if key not in known:
            raise PresseError(
                f"refers to segment {key}, which is not in the catalog "
                "(was the PO file replaced or edited by hand?)",
                path,
                review.lines.get(key),
            )


def check_merges(review: ReviewState, catalog: Catalog, path: Path) -> None:
    """Every ``merged_into`` names a segment of the catalog that comes before, with only
    segments merged into it in between (every problem at once, with its line)."""
    merged_into = {k: r.merged_into for k, r in review.segments.items() if r.merged_into}
    if not merged_into:
        return
    order = [entry_id(e) for e in catalog.active]
    problems = consecutive_problems(order, merged_into)
    raise_every([PresseError(m, path, review.lines.get(k)) for k, m in problems], path)


# ---------------------------------------------------------------- applying a merge


def apply_changes(
    review: ReviewState, catalog: Catalog, changes: list[Change], when: str
) -> ReviewState:
    """Carry each segment's record to its new id after a merge (see catalog.merge_catalog)."""
    old = review.segments
    by_id = {entry_id(e): e for e in catalog.entries}
    records: dict[str, SegmentRecord] = {}
    for change in changes:
        carried = replace(old[change.old_id]) if change.old_id in old else SegmentRecord()
        if change.kind in ("kept", "moved", "revived") and change.new_id:
            carried.obsolete = False
            records[change.new_id] = carried
        elif change.kind == "changed" and change.new_id:
            records[change.new_id] = stale_record(carried, by_id[change.new_id], when)
            if change.old_id in old:
                records[change.old_id] = replace(carried, obsolete=True)
        elif change.kind == "new" and change.new_id:
            records[change.new_id] = SegmentRecord()
        elif change.kind == "obsoleted" and change.old_id:
            records[change.old_id] = replace(carried, obsolete=True)
    for key, record in old.items():  # obsolete entries that stayed obsolete
        if key not in records and key in by_id and by_id[key].obsolete:
            records[key] = record
    follow_heads(records, changes)
    return ReviewState(review.slug, records, list(review.events), review.approval)


def follow_heads(records: dict[str, SegmentRecord], changes: list[Change]) -> None:
    """A merge follows its head to the head's new id (who merged and when are kept);
    a merge whose head is gone ends (``reconcile`` then judges the segment alone)."""
    moved = {c.old_id: c.new_id for c in changes if c.old_id and c.new_id}
    for record in records.values():
        if record.merged_into is not None and not record.obsolete:
            record.merged_into = moved.get(record.merged_into)
            if record.merged_into is None:
                record.state, record.by, record.at, record.origin = "untranslated", None, None, {}


def stale_record(old: SegmentRecord, entry: Entry, when: str) -> SegmentRecord:
    """The German under a translation changed: keep the French and say what it translated.
    Under a draft that replaced a person's French (``presse translate
    --retranslate-stale``), the person's French stays the previous version."""
    if old.previous and old.previous.get("by") and not human_french(old):
        previous = dict(old.previous)
    else:
        previous = {"de": entry.previous_msgid or "", "fr": entry.msgstr}
        if old.by:
            previous["by"] = old.by
    return SegmentRecord(
        state="stale",
        by=old.by,
        at=old.at,
        origin=dict(old.origin),
        fr_hash=text_hash(entry.msgstr),
        previous=previous,
        dismissed=[],
    )


def reopened_by_a_person(record: SegmentRecord) -> bool:
    """A draft whose French a person wrote: reopened in review, or marked "needs work"
    in a PO editor. It counts as a draft, but no machine made it."""
    origin = record.origin or {}
    return record.state == "machine" and bool(origin.get("person")) and not origin.get("engine")


class _NoLines:
    """Stands in for a located YAML document: the quick gate reports no errors (on any,
    the full gate reads the file again and names the line)."""

    def line_of(self, dotted_key: str, default: int | None = None) -> int | None:
        return default


SEGMENTS_KEY = re.compile(r"^segments:", re.MULTILINE)


def quick_review(text: str, path: Path) -> tuple[Approval | None, list[dict[str, Any]]] | None:
    """The approval and events of a review file, read from its head; None when unusual.

    presse writes the segments last, so the head up to ``segments:`` is all the build's
    gate needs; a file in another order, a merge conflict or anything odd goes to the
    full reader, which names the line of a problem.
    """
    if has_conflict_marker(text):
        return None
    found = SEGMENTS_KEY.search(text)
    head = text[: found.start()] if found else text
    try:
        # As the full reader does (a key given twice is refused there too).
        data = load_located(head, path).data
        if not isinstance(data, dict) or (found is None and "segments" in data):
            return None
        events = data.get("events") or []
        approval = parse_approval(data.get("approval"), _NoLines(), path)
    except (yaml.YAMLError, PresseError, TypeError, ValueError):
        return None
    if not isinstance(events, list) or (found and not data.get("release")):
        return None
    if approval_problems(data.get("approval")) or event_problems(events):
        return None  # the full reader reports them, with their lines
    return approval, events
