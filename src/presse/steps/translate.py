"""The translate step: catalog → engine → drafts.

``presse translate`` merges each release's catalog with its current German (as
``extract`` does; a release ``extract`` left as it is, with nothing to send, is not read
again), sends the segments that still need a French text (review state
``untranslated`` or ``stale``; never one a person translated, never a draft already
there, and not a stale one whose French, or previous French, a person wrote unless
asked with ``retranslate_stale``: machine text never replaces a person's text
unasked) to an engine, and saves every finished batch at once: the draft goes into the PO
file as a fuzzy ``msgstr`` and the review file records where it came from (state
``machine`` or ``memory``, the engine and its settings, the glossary checksum). An engine
error or an interruption mid-run keeps what was saved; running again sends only what is
still missing.

Before sending, an engine with a character quota (DeepL) is asked what is left of it:
only the sentences that fit are sent, whole and in document order, and the rest is
listed in the summary. When the quota runs out all the same (HTTP 456 halfway), the
engine sends the refused request's texts again in smaller requests, so that every
sentence that fits is translated and saved before the run stops. Each draft records
its share of the billed characters and the model DeepL used.

The default engine, ``memory``, works on the repository's translation memory, built once
per run (see :mod:`presse.steps.memory`).

Units sent to an engine are keyed ``<slug>:<segment id>``, so that the same sentence in
two releases stays two units and the engines' notes name the release.

The caller holds the repository lock; this module never prints.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any

from presse.documents.catalog import SourceSegment, entry_id, one_line, release_segments, text_hash
from presse.documents.po import Entry
from presse.documents.release_files import (
    ReleaseFiles,
    save_release_files,
)
from presse.documents.repository import Repository, now_iso
from presse.documents.review_state import ReviewState, SegmentRecord, human_french
from presse.engines import BatchResult, Engine, EngineError, Unit, engine_class, get_engine
from presse.glossary.load import load_glossary
from presse.glossary.matching import Glossary
from presse.steps.extract import ExtractCache, annotate, checker_for, merge_releases
from presse.steps.memory import build_memory
from presse.steps.translate_summary import ReleaseSummary, TranslateSummary

__all__ = ["ReleaseSummary", "TranslateSummary", "share", "translate", "units_of"]

SEND_STATES = frozenset({"untranslated", "stale"})

Progress = Callable[[int, int], None]  # (segments done, segments in the run)


# ---------------------------------------------------------------- choosing the units


@dataclass
class _Target:
    """One release of the run: its merged files and the units it sends."""

    files: ReleaseFiles
    summary: ReleaseSummary
    entries: dict[str, Entry] = field(default_factory=dict)  # segment id -> active entry
    units: list[Unit] = field(default_factory=list)
    event: dict[str, Any] | None = None
    dirty: bool = False


def unit_key(slug: str, segment: str) -> str:
    return f"{slug}:{segment}"


def state_of(review: ReviewState, segment: str) -> str:
    record = review.segments.get(segment)
    return record.state if record is not None else "untranslated"


def keeps_human_french(review: ReviewState, segment: str) -> bool:
    """A segment to send whose French, or previous French, a person wrote: it is sent
    only when asked (``retranslate_stale``), so that no machine text replaces it unasked."""
    record = review.segments.get(segment)
    return (
        record is not None
        and record.state in SEND_STATES
        and (human_french(record) or bool((record.previous or {}).get("by")))
    )


def to_send(files: ReleaseFiles, retranslate_stale: bool = False) -> set[str]:
    """The active segments of a merged release that go to the engine."""
    return {
        s
        for s in (entry_id(e) for e in files.catalog.active)
        if state_of(files.review, s) in SEND_STATES
        and (retranslate_stale or not keeps_human_french(files.review, s))
    }


def units_of(files: ReleaseFiles, retranslate_stale: bool = False) -> list[Unit]:
    """The units of a merged release: every active segment still untranslated or stale
    (those with a person's French only with ``retranslate_stale``), with its block as
    paragraph (complete when the whole block is being sent)."""
    active = {entry_id(e) for e in files.catalog.active}
    sending = to_send(files, retranslate_stale)
    segments = [s for s in release_segments(files.release) if s.id in active]
    blocks: dict[int, list[SourceSegment]] = {}
    for segment in segments:
        blocks.setdefault(segment.block_index, []).append(segment)
    units = []
    for segment in segments:
        if segment.id not in sending:
            continue
        block = blocks[segment.block_index]
        units.append(
            Unit(
                key=unit_key(files.slug, segment.id),
                text=segment.msgid,
                paragraph_key=f"{files.slug}#{segment.block_index}",
                paragraph=one_line(segment.block_text),
                paragraph_complete=all(s.id in sending for s in block),
            )
        )
    return units


def make_engine(repo: Repository, name: str) -> Engine:
    """The engine ``name`` set up from presse.yaml (the memory engine with the memory)."""
    if name == "memory":
        from presse.engines.memory import MemoryEngine

        options = repo.config.engine_options("memory")
        memory = build_memory(repo, options)
        options.pop("tmx", None)  # read by build_memory, under the repository's own pairs
        return MemoryEngine.from_config(options, repo.root, memory=memory)
    return get_engine(name, repo.config)


# ---------------------------------------------------------------- applying a batch


def share(total: int, weights: list[int]) -> list[int]:
    """``total`` split in proportion to ``weights`` (largest remainder; sums to total)."""
    from presse.engines.base import split_in_proportion  # the engines' own, loaded to translate

    return split_in_proportion(total, weights)


def within_quota(
    units: list[Unit], left: int, cost: Callable[[Unit], int]
) -> tuple[list[Unit], list[Unit]]:
    """The units that fit in ``left`` characters (each costing ``cost(unit)`` at most),
    whole and in order, and the rest. A paragraph cut by the limit is no longer
    complete: its sentences that go are sent one by one with the paragraph as context."""
    fitting: list[Unit] = []
    used = 0
    for unit in units:
        if used + cost(unit) > left:
            break
        fitting.append(unit)
        used += cost(unit)
    rest = units[len(fitting) :]
    cut = {u.paragraph_key for u in rest}
    fitting = [
        replace(u, paragraph_complete=False) if u.paragraph_key in cut else u for u in fitting
    ]
    return fitting, rest


class _Run:
    """One translate run over its targets; applies and saves each batch."""

    def __init__(
        self,
        repo: Repository,
        targets: list[_Target],
        engine: Engine,
        glossary: Glossary,
        when: str,
        summary: TranslateSummary,
    ) -> None:
        self.repo = repo
        self.targets = targets
        self.engine = engine
        self.glossary = glossary
        self.when = when
        self.summary = summary
        self.state = "memory" if engine.name == "memory" else "machine"
        self.settings: dict[str, object] = {}  # read with each batch: after the glossary sync
        self.index: dict[str, tuple[_Target, str]] = {}
        self.units: dict[str, Unit] = {}
        for target in targets:
            for unit in target.units:
                self.index[unit.key] = (target, unit.key.split(":", 1)[1])
                self.units[unit.key] = unit

    def apply(self, result: BatchResult) -> int:
        """Put one batch's drafts and suggestions into the files and save them."""
        touched: dict[str, _Target] = {}
        weights: dict[str, int] = {}
        done = 0
        self.settings = self.engine.settings()
        self.summary.settings = dict(self.settings)
        for key, draft in result.translations.items():
            if key not in self.index:
                continue
            target, segment = self.index[key]
            done += 1
            if not draft.strip():
                self.summary.notes.append(f"segment {key}: the engine returned no text")
                continue
            self.fill(target, segment, draft, result.details.get(key, {}))
            target.summary.filled += 1
            touched[target.files.slug] = target
            weights[target.files.slug] = weights.get(target.files.slug, 0) + len(
                self.units[key].text
            )
        for key, suggestions in result.suggestions.items():
            if key not in self.index or key in result.translations:
                continue
            target, segment = self.index[key]
            done += 1
            record = target.files.review.record(segment)
            offered = [{"fr": s.fr, "de": s.de, "score": round(s.score, 1)} for s in suggestions]
            target.summary.suggested += 1 if offered else 0
            if record.suggestions != offered:
                record.suggestions = offered
                target.dirty = True
        self.summary.notes.extend(result.notes)
        self.summary.requests += result.requests
        self.summary.billed_characters += result.billed_characters
        slugs = list(weights)
        for slug, billed in zip(
            slugs, share(result.billed_characters, [weights[s] for s in slugs]), strict=True
        ):
            target = touched[slug]
            target.summary.billed_characters += billed
            target.summary.requests += result.requests
            self.record_event(target, billed, result.requests)
        for target in self.targets:
            if target.dirty or target.files.slug in touched:
                annotate(target.files.catalog, target.files.review, self.glossary)
                save_release_files(self.repo, target.files)
                target.dirty = False
        return done

    def fill(self, target: _Target, segment: str, draft: str, detail: dict[str, object]) -> None:
        entry = target.entries[segment]
        record = target.files.review.record(segment)
        keep_as_previous(record, entry.previous_msgid or entry.msgid, entry.msgstr)
        entry.msgstr = draft
        entry.flags = ["fuzzy", *(f for f in entry.flags if f != "fuzzy")]
        record.state = self.state
        record.by = None
        record.at = self.when
        record.origin = {
            "engine": self.engine.name,
            "settings": dict(self.settings),
            "glossary": self.glossary.checksum,
            **detail,  # billed_characters, model_type_used: what the service said of it
        }
        record.fr_hash = text_hash(draft)
        if self.state == "memory":
            record.suggestions = []
        target.dirty = True

    def record_event(self, target: _Target, billed: int, requests: int) -> None:
        """One ``translated`` event per release and run, updated with every batch."""
        if target.event is None:
            review = target.files.review
            details: dict[str, Any] = {"engine": self.engine.name, "segments": 0}
            if self.state == "machine":
                details.update(billed_characters=0, requests=0)
            review.add_event("translated", self.when, None, **details)
            target.event = review.events[-1]
        event = target.event
        event["segments"] = target.summary.filled
        if self.state == "machine":
            event["billed_characters"] = event.get("billed_characters", 0) + billed
            event["requests"] = event.get("requests", 0) + requests


def keep_as_previous(record: SegmentRecord, german: str, french: str) -> None:
    """Before a draft replaces a person's French (asked for with ``retranslate_stale``):
    that French becomes the segment's previous version, beside the German it translated
    (a draft's French replaces nothing there: the person's stays)."""
    if not french or not human_french(record) or (record.previous or {}).get("fr") == french:
        return
    record.previous = {"de": german, "fr": french, "by": str(record.by)}


# ---------------------------------------------------------------- the step


def load_targets(
    repo: Repository,
    slugs: Iterable[str] | None,
    glossary: Glossary,
    when: str,
    retranslate_stale: bool = False,
) -> tuple[list[_Target], list[ReleaseSummary]]:
    """The releases of the run with something to send, merged with their current German,
    oldest first; and a summary for every release of the run. A release whose files are
    as ``presse extract`` left them, with no segment to send, is not read again (see
    :class:`presse.steps.extract.ExtractCache`). Everything is read before anything is sent:
    a bad file stops the run at once."""
    wanted = sorted({repo.require_slug(s) for s in slugs}) if slugs else repo.source_slugs()
    extracted = ExtractCache(repo)
    summaries = {slug: ReleaseSummary(slug) for slug in wanted}
    todo = []
    for slug in wanted:
        states = extracted.states_of(slug)
        if states is None or any(states.get(state, 0) for state in SEND_STATES):
            todo.append(slug)
    checker = checker_for(repo, glossary)
    targets = []
    for files in merge_releases(repo, todo, checker, when):
        target = _Target(files, summaries[files.slug])
        target.entries = {entry_id(e): e for e in files.catalog.active}
        target.units = units_of(files, retranslate_stale)
        target.summary.sent = len(target.units)
        target.summary.characters = sum(len(u.text) for u in target.units)
        targets.append(target)
    return targets, list(summaries.values())


def count_left(target: _Target) -> None:
    """What is still to translate after the run, and what was kept for a person."""
    review = target.files.review
    left = [s for s in target.entries if state_of(review, s) in SEND_STATES]
    kept = sum(1 for s in left if keeps_human_french(review, s))
    target.summary.left, target.summary.kept = len(left) - kept, kept


def translate(
    repo: Repository,
    slugs: Iterable[str] | None = None,
    engine_name: str | None = None,
    dry_run: bool = False,
    clock: datetime | None = None,
    progress: Progress | None = None,
    retranslate_stale: bool = False,
) -> TranslateSummary:
    """Send what still needs a French text to the engine; save each batch as it comes.

    ``slugs``: the releases (all when none given). ``engine_name``: default
    ``engine.name`` of presse.yaml. ``dry_run``: send and write nothing; the summary
    says what would be sent. ``retranslate_stale``: send the stale segments whose French
    a person wrote too (that French is kept as the previous version). An :class:`EngineError` or a KeyboardInterrupt mid-run is
    raised again after the finished batches are saved.
    """
    started = time.monotonic()
    name = engine_name or repo.config.engine_name
    glossary = load_glossary(repo.glossary_path)
    when = now_iso(repo, clock)
    targets, releases = load_targets(repo, slugs, glossary, when, retranslate_stale)
    summary = TranslateSummary(name, dry_run, releases)
    price = repo.config.engine_options(name).get("price_per_million_characters")
    summary.price_per_million_characters = float(price) if price is not None else None
    units = [u for t in targets for u in t.units]
    if dry_run or not units:
        if units and name != "memory":
            summary.requests = engine_class(name).requests_for(units, glossary)
        for target in targets:
            count_left(target)
        summary.seconds = time.monotonic() - started
        return summary
    engine = make_engine(repo, name)
    units = hold_beyond_quota(engine, units, glossary, targets, summary)
    run = _Run(repo, targets, engine, glossary, when, summary)
    done = 0
    if progress is not None:
        progress(0, len(units))
    try:
        for result in engine.translate(units, glossary):
            done += run.apply(result)
            if progress is not None:
                progress(min(done, len(units)), len(units))
    except EngineError as error:
        finish(summary, targets, started, str(error.message))
        if not summary.settings:
            summary.settings = engine.settings()
        raise type(error)(
            f"{error.message} ({summary.filled} segment(s) saved in this run, "
            f"{summary.left} still to translate; running again sends only those)",
            error.path,
            error.line,
        ) from None
    except KeyboardInterrupt:
        finish(summary, targets, started, "interrupted")
        raise
    if progress is not None:
        progress(len(units), len(units))
    finish(summary, targets, started, None)
    if not summary.settings:
        summary.settings = engine.settings()
    return summary


def hold_beyond_quota(
    engine: Engine,
    units: list[Unit],
    glossary: Glossary,
    targets: list[_Target],
    summary: TranslateSummary,
) -> list[Unit]:
    """The units that fit in what the engine's quota has left (all when it has none);
    the others are listed in their release's summary as held."""
    quota_left = getattr(engine, "quota_left", None)
    left = quota_left() if callable(quota_left) else None
    summary.quota_left = left
    if left is None:
        return units
    billable = getattr(engine, "billable", None)
    cost: Callable[[Unit], int] = (
        (lambda u: billable(u, glossary)) if callable(billable) else (lambda u: len(u.text))
    )
    fitting, rest = within_quota(units, left, cost)
    by_slug = {t.files.slug: t for t in targets}
    for unit in rest:
        slug, segment = unit.key.split(":", 1)
        held = by_slug[slug].summary
        held.held.append(segment)
        held.sent -= 1
        held.characters -= len(unit.text)
    return fitting


def finish(
    summary: TranslateSummary, targets: list[_Target], started: float, stopped: str | None
) -> None:
    for target in targets:
        count_left(target)
    summary.seconds = time.monotonic() - started
    summary.stopped = stopped
