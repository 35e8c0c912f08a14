"""Property: whatever the office does to the German, no human French is ever lost.

Random sequences of edits to a release's German (insert, delete, change and move
sentences and paragraphs) are interleaved with translators confirming segments and
with extracts. After every step:

(a) no French a person entered that was in the catalog before the step has gone from
    it (as an active or an obsolete msgstr); only a person replacing the French of a
    segment removes the text they replaced;
(b) after every extract (a confirm extracts first, as the review page does), every
    segment whose review state is ``translated`` has a current German sentence as its
    msgid and is not fuzzy, and the review file names no segment the catalog lacks.

Most examples run on the pure level (``merge_catalog`` + ``apply_changes`` +
``reconcile``, each catalog and review state sent through its file format); a few go
through the files of a real repository.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from presse.documents.catalog import (
    SourceSegment,
    entry_id,
    merge_catalog,
    release_segments,
    segment_id,
    text_hash,
)
from presse.documents.po import Catalog, parse_po, render_po
from presse.documents.release import Release, parse_release
from presse.documents.review_state import (
    ReviewState,
    apply_changes,
    parse_review,
    reconcile,
    render_review,
)
from presse.steps.extract import extract
from presse.steps.init import init_repository
from presse.steps.open import open_repository
from presse.steps.review import confirm, current_files, segments_of

SLUG = "2016-10-01-tag-der-offenen-tuer-im-kreishaus"
SOURCE = f"releases/de/{SLUG}.md"
WHEN = "2016-10-01T12:00:00+02:00"

# Simple sentences the segmenter keeps whole: no abbreviations, no numbers, one final ".".
# Parts of very different lengths, so that not every pair of sentences looks alike.
SUBJECTS = ["Er", "Die Kreisverwaltung des Landkreises Harz", "Eine Delegation", "Man", "Das Amt"]
VERBS = ["besucht", "eröffnet feierlich", "lobt", "plant seit langem", "zeigt"]
OBJECTS = ["Kinder", "den neuen Radweg entlang der Bode", "das Museum", "Pläne", "den Markt"]
PLACES = ["heute", "in Wernigerode und Quedlinburg", "dort", "am Montag", "im Sommer am Harzrand"]


def sentence(a: int, b: int, c: int, d: int) -> str:
    return f"{SUBJECTS[a % 5]} {VERBS[b % 5]} {OBJECTS[c % 5]} {PLACES[d % 5]}."


sentences = st.builds(sentence, *(st.integers(0, 4) for _ in range(4)))
paragraphs = st.lists(st.lists(sentences, min_size=1, max_size=3), min_size=1, max_size=3)
# Weighted: translators confirm often, and deletions and extracts are what can lose text.
OPERATIONS = (
    *("insert", "delete", "change", "move sentence", "move paragraph"),
    *("delete paragraph", "split paragraph", "delete", "change"),
    *("confirm", "confirm", "confirm", "extract", "extract"),
)
step = st.tuples(st.sampled_from(OPERATIONS), st.integers(0, 10**6), st.integers(0, 10**6))
steps = st.lists(step, min_size=1, max_size=16)


def release_text(document: list[list[str]]) -> str:
    body = "\n\n".join(" ".join(paragraph) for paragraph in document if paragraph)
    return (
        "---\ntitle: Tag der offenen Tür im Kreishaus\ndate: 2016-10-01T10:00:00+02:00\n"
        f"---\n\n{body}\n"
    )


def edit(document: list[list[str]], operation: str, i: int, j: int) -> None:
    """Apply one of the office's edits to the German, in place (never empties it)."""
    flat = [(p, s) for p, paragraph in enumerate(document) for s in range(len(paragraph))]
    p, s = flat[i % len(flat)]
    if operation == "insert":
        document[p].insert(s, sentence(j, j // 5, j // 25, j // 125))
    elif operation == "delete" and len(flat) > 1:
        del document[p][s]
    elif operation == "change":
        words = document[p][s].removesuffix(".").split(" ")
        words[2 + j % (len(words) - 2)] = ["Ausstellung", "Kita", "Feuerwehr", "Bibliothek"][j % 4]
        document[p][s] = " ".join(words) + "."
    elif operation == "move sentence":
        moved = document[p].pop(s)
        q = j % len(document)
        document[q].insert(j % (len(document[q]) + 1), moved)
    elif operation == "move paragraph":
        document.insert(j % len(document), document.pop(p))
    elif operation == "delete paragraph" and len(document) > 1:
        del document[p]
    elif operation == "split paragraph" and s > 0:
        document.insert(p + 1, document[p][s:])
        del document[p][s:]
    document[:] = [paragraph for paragraph in document if paragraph]


def french_texts(catalog: Catalog) -> set[str]:
    return {e.msgstr for e in catalog.entries if e.msgstr}


# ---------------------------------------------------------------- the pure level


@dataclass
class Office:
    """A release's German, its catalog and review state, on the pure level."""

    document: list[list[str]]
    catalog: Catalog = field(default_factory=Catalog)
    review: ReviewState = field(default_factory=lambda: ReviewState(SLUG))
    human: set[str] = field(default_factory=set)
    confirmed: int = 0

    def release(self) -> Release:
        return parse_release(release_text(self.document), SOURCE)

    def extract(self) -> None:
        segments = release_segments(self.release())

        def reference_of(segment: SourceSegment) -> str:
            return f"{SOURCE}:{segment.line}"

        merged = merge_catalog(self.catalog, segments, reference_of)
        review = apply_changes(self.review, merged.catalog, merged.changes, WHEN)
        review = reconcile(merged.catalog, review, None, WHEN)
        # Through the files' formats, as the next command would read them.
        self.catalog = parse_po(render_po(merged.catalog), "fr.po")
        self.review = parse_review(render_review(review), "fr.review.yaml", SLUG)
        self.review = reconcile(self.catalog, self.review, None, WHEN)

    def confirm(self, choice: int) -> str | None:
        """A translator confirms French for a segment; returns the French it replaced."""
        self.extract()
        entries = self.catalog.active
        entry = entries[choice % len(entries)]
        replaced = entry.msgstr or None
        self.confirmed += 1
        french = f"Traduction numéro {self.confirmed} de « {entry.msgid[:30]} »."
        entry.msgstr = french
        entry.flags = [f for f in entry.flags if f != "fuzzy"]
        entry.previous_msgid = entry.previous_msgctxt = None
        record = self.review.record(entry_id(entry))
        record.state, record.by, record.at = "translated", "Anne Roux", WHEN
        record.fr_hash = text_hash(french)
        self.human.add(french)
        return replaced


def check_translated_segments(office: Office) -> None:
    """Property (b), and: the review file names only segments the catalog has."""
    current = {(s.msgctxt, s.msgid) for s in release_segments(office.release())}
    active = {entry_id(e): e for e in office.catalog.active}
    every = {entry_id(e) for e in office.catalog.entries}
    assert {(e.msgctxt, e.msgid) for e in office.catalog.active} == current
    for key, record in office.review.segments.items():
        assert key in every, f"review names a segment the catalog lacks: {record.text}"
        if record.state == "translated" and not record.obsolete:
            entry = active[key]
            assert (entry.msgctxt, entry.msgid) in current
            assert not entry.fuzzy, entry.msgid
            assert entry.msgstr
    for key in active:
        assert key in office.review.segments


@settings(
    max_examples=40,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(document=paragraphs, plan=steps)
def test_no_human_translation_is_ever_lost(document: list[list[str]], plan: list) -> None:
    office = Office(document)
    office.extract()
    for operation, i, j in plan:
        before = french_texts(office.catalog) & office.human
        replaced = None
        if operation == "confirm":
            replaced = office.confirm(i)
        elif operation == "extract":
            office.extract()
        else:
            edit(office.document, operation, i, j)
        after = french_texts(office.catalog)
        lost = before - after - {replaced}
        assert not lost, f"{operation} lost {lost}"
        if operation in ("confirm", "extract"):
            check_translated_segments(office)
    # And a final extract finds the German and keeps every translation.
    before = french_texts(office.catalog) & office.human
    office.extract()
    assert before <= french_texts(office.catalog)
    check_translated_segments(office)
    # A second extract with no change changes nothing.
    text, review = render_po(office.catalog), render_review(office.review)
    office.extract()
    assert render_po(office.catalog) == text
    assert render_review(office.review) == review


# ---------------------------------------------------------------- through the files


@settings(
    max_examples=6,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(document=paragraphs, plan=st.lists(step, min_size=1, max_size=6))
def test_no_human_translation_is_lost_through_the_files(
    document: list[list[str]], plan: list
) -> None:
    clock = datetime(2016, 10, 1, 12, 0, tzinfo=ZoneInfo("Europe/Berlin"))
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        init_repository(root, "Landkreis Harz")
        repo = open_repository(root)
        source = repo.source_path(SLUG)
        source.write_text(release_text(document), encoding="utf-8")
        extract(repo, clock=clock)
        human: set[str] = set()
        for number, (operation, i, j) in enumerate(plan):
            catalog = parse_po(repo.catalog_path(SLUG).read_text("utf-8"), "fr.po")
            before = french_texts(catalog) & human
            replaced = None
            if operation == "confirm":
                # The segments as the review page shows them: merged with the German.
                segments = segments_of(current_files(repo, SLUG, WHEN))
                segment = segments[i % len(segments)]
                replaced = segment.french or None
                french = f"Traduction numéro {number}."
                confirm(repo, SLUG, segment.id, french, "Anne Roux", clock=clock)
                human.add(french)
            elif operation == "extract":
                extract(repo, clock=clock)
            else:
                edit(document, operation, i, j)
                source.write_text(release_text(document), encoding="utf-8")
            catalog = parse_po(repo.catalog_path(SLUG).read_text("utf-8"), "fr.po")
            assert not before - french_texts(catalog) - {replaced}
        extract(repo, clock=clock)
        catalog = parse_po(repo.catalog_path(SLUG).read_text("utf-8"), "fr.po")
        review = parse_review(
            repo.review_path(SLUG).read_text("utf-8"), repo.review_path(SLUG), SLUG
        )
        current = {(s.msgctxt, s.msgid) for s in release_segments(parse_release(
            source.read_text("utf-8"), source))}  # fmt: skip
        by_id = {entry_id(e): e for e in catalog.active}
        for key, record in review.segments.items():
            if record.state == "translated" and not record.obsolete:
                assert (by_id[key].msgctxt, by_id[key].msgid) in current
                assert not by_id[key].fuzzy
        assert {segment_id(c, m) for c, m in current} <= set(review.segments)
