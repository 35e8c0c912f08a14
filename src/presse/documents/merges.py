"""N:M segments: one French text that covers several consecutive German segments.

A translator often renders two German sentences as one French sentence. The French
then stands in the first segment (the *head*), and each following segment it covers
keeps an empty French and is marked "merged with the previous": in the PO file by the
translator comment :data:`MERGE_MARKER` (a comment is what a PO editor such as Poedit
lets a translator write besides the French), in the review file by
``merged_into: <id of the head>`` on the covered segment, with who marked it and when.

The PO marker says *whether* a segment is covered (so a merge made in Poedit counts,
and so does one undone there); the review file says into *which* segment and who did
it. A covered segment must come right after its head or after another segment covered
by the same head, in document order, and its French must be empty: a French text of
its own is a translation, never dropped, so it ends the merge.

Splitting needs nothing of this: a segment's French may hold several sentences.
"""

from __future__ import annotations

from collections.abc import Iterable

from presse.documents.catalog import SUMMARY_CONTEXT, TITLE_CONTEXT, entry_id
from presse.documents.po import MERGE_MARKER, Catalog, Entry


def with_marker(entry: Entry, marked: bool) -> None:
    """Add or remove the marker among the entry's translator comments (the others stay)."""
    comments = [c for c in entry.translator_comments if c.strip().lower() != MERGE_MARKER]
    entry.translator_comments = [*comments, MERGE_MARKER] if marked else comments


def is_sentence(entry: Entry) -> bool:
    """Body sentences merge; a title or a summary stands alone."""
    return (entry.msgctxt or "").split(" occurrence")[0] not in (TITLE_CONTEXT, SUMMARY_CONTEXT)


def covered_by_markers(catalog: Catalog) -> dict[str, str]:
    """Each covered segment's id and the id of its head, as the PO markers say.

    A marked entry is covered when its French is empty and a body sentence precedes it;
    a marked entry with French of its own is not covered (its text counts) and heads
    the entries marked after it."""
    covered: dict[str, str] = {}
    head: str | None = None
    for entry in catalog.active:
        key = entry_id(entry)
        if not is_sentence(entry):
            head = None
            continue
        if head is not None and entry.merge_marked and not entry.msgstr:
            covered[key] = head
            continue
        head = key
    return covered


def merge_groups(covered: dict[str, str]) -> dict[str, list[str]]:
    """Each head's covered segments, in document order (``covered``: id -> head id, in
    document order, as :func:`covered_by_markers` gives it)."""
    groups: dict[str, list[str]] = {}
    for key, head in covered.items():
        groups.setdefault(head, []).append(key)
    return groups


def joined_german(catalog: Catalog, covered: dict[str, str]) -> dict[str, str]:
    """The German a head's French translates: its own and that of every segment it
    covers, joined by a space (only for heads that cover something)."""
    german = {entry_id(e): e.msgid for e in catalog.active}
    return {
        head: " ".join([german[head], *(german[k] for k in keys)])
        for head, keys in merge_groups(covered).items()
    }


def consecutive_problems(
    order: Iterable[str], merged_into: dict[str, str]
) -> list[tuple[str, str]]:
    """(covered segment, message) for each ``merged_into`` that names no segment of
    ``order`` (the catalog's ids, in document order) or one it does not follow."""
    ids = list(order)
    position = {key: index for index, key in enumerate(ids)}
    problems: list[tuple[str, str]] = []
    for key, head in merged_into.items():
        if key not in position:
            continue  # a record of a segment the catalog lacks is reported elsewhere
        if head not in position:
            problems.append((key, f"segment {key}: 'merged_into' names {head}, no segment here"))
            continue
        between = ids[position[head] + 1 : position[key]]
        if position[head] >= position[key] or any(merged_into.get(b) != head for b in between):
            problems.append(
                (
                    key,
                    f"segment {key}: 'merged_into' {head} is not the segment before it "
                    "nor the head of the segments merged between them",
                )
            )
    return problems
