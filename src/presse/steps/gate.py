"""The build's gate: only approved French goes out.

For every German release, the gate decides what may be published with it: the French
release file (``releases/fr/<slug>.md``) only when the release is approved and the
approved hashes match the current German and catalog. Everything else is published
in German alone, and the build's summary says why the French was held back.

A release whose German or catalog changed after its approval keeps its last approved
French online, with a note that a correction is pending, while that French file is
the one the approval pinned (:mod:`presse.steps.online`); a withdrawn French is a
notice. The gate hands each French its dates and standing (``PagePair.publication``).

Most releases of an archive are approved and unchanged: the quick gate decides them
from hashes alone (:mod:`presse.steps.quick_gate`). A release the status cache knows, by its
files as they are, to be in a state that does not publish is held back from that
(:func:`held_back`); the full gate merges and checks the rest, and keeps the statuses it
computed in that cache. It writes nothing that git tracks: the build is a pure function
of the repository's files (and of the time, for embargoes).
"""

from __future__ import annotations

import hashlib
import time
import zlib
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from presse.documents.french import (
    FrenchRelease,
    new_french_release,
    read_french_release,
)
from presse.documents.release import Release, parse_release
from presse.documents.release_files import ReleaseFiles, load_release_files
from presse.documents.repository import Repository
from presse.errors import PresseError
from presse.glossary.load import load_glossary
from presse.site.model import PagePair, Publication, pair_digest
from presse.steps.approve import (
    approved_release,
    edited_by_hand,
    french_texts,
)
from presse.steps.online import kept_pair, publication_of
from presse.steps.quick_gate import quick_french, quick_state
from presse.steps.standing import ReleaseStatus, withdrawn_approval
from presse.steps.status import StatusCache, checked_with, compute_status, shared_inputs
from presse.steps.status import status as release_statuses
from presse.store.cache import DerivedCache, files_fingerprint
from presse.store.disk import read_text
from presse.store.workers import fork_workers, forked_pool

if TYPE_CHECKING:
    from presse.checks.runner import Checker

PUBLISHABLE_STATES = frozenset({"approved", "published"})


def approved_french(
    repo: Repository, files: ReleaseFiles, state: str
) -> tuple[FrenchRelease | None, str | None, list[str]]:
    """The French release that may go out, or why none may; and notes for the summary.

    What goes out is the approved catalog's French. When ``releases/fr/<slug>.md`` is
    missing, from an earlier approval or edited by hand, that French is made in memory
    (as ``presse approve`` writes it) and a note says so: a build writes no file that
    git tracks."""
    if state not in PUBLISHABLE_STATES:
        return None, gate_reason(state), []
    approval = files.review.approval
    assert approval is not None  # approved states always have one
    path = repo.target_path(files.slug)
    french = read_french_release(path) if path.exists() else None
    hashes = (approval.source_hash, approval.catalog_hash)
    current = french is not None and (french.source_hash, french.catalog_hash) == hashes
    texts = french_texts(files)
    if current and not edited_by_hand(files, approval, french, texts):  # type: ignore[arg-type]
        return french, None, []
    if french is None:
        why = "is missing"
    elif current:
        why = "was edited by hand (the edit does not go out)"
    else:
        why = "is from an earlier approval"
    note = (
        f"{files.slug}: {path.name} {why}; the approved French went out. "
        f"'presse approve {files.slug}' writes the file again (a hand edit is kept beside it)"
    )
    return approved_release(files, approval, french, texts), None, [note]


def publishing_state(files: ReleaseFiles, state: str) -> str:
    """The state the gate publishes by: a release whose approval a person withdrew
    (``presse unapprove``) without any change to its texts needs approving again, but
    the French it approved stays online meanwhile."""
    if state == "stale" and withdrawn_approval(files.review) is not None:
        approval = files.review.approval
        hashes = (files.source_hash, files.catalog_hash)
        if approval is not None and (approval.source_hash, approval.catalog_hash) == hashes:
            return "published"
    return state


def gate_reason(state: str) -> str:
    reasons = {
        "stale": "approved text is stale: the German or French changed after approval, "
        "and the approved French file is not the one the approval pinned",
        "ready": "ready, but not approved yet",
    }
    return reasons.get(state, f"not approved ({state})")


def draft_french(files: ReleaseFiles) -> FrenchRelease | None:
    """The current French draft, for a --drafts preview (None when nothing is translated)."""
    title, summary, body = french_texts(files)
    if not title and not body.strip():
        return None
    return new_french_release(
        files.release,
        title=title or files.release.title,
        body=body,
        source_hash="0" * 16,
        catalog_hash=files.catalog_hash,
        approved_by="(draft)",
        approved_at=files.release.date,
        summary=summary,
    )


def page_pair(
    repo: Repository, slug: str, checker: Checker, when: str, drafts: bool, checks_now: str
) -> tuple[PagePair, ReleaseFiles, list[str], ReleaseStatus]:
    """One release through the full gate (``checks_now``: :func:`checked_with` of the
    repository, worked out once per build)."""
    from presse.steps.extract import extract_files  # see presse.steps.status

    recorded = load_release_files(repo, slug)
    # The events as committed (extracting adds one, at the time of this build).
    events = recorded.review.events
    files = extract_files(repo, recorded, checker, when)
    status = compute_status(repo, files, checker)
    french, reason, notes = approved_french(repo, files, publishing_state(files, status.state))
    approval = files.review.approval
    draft = draft_french(files) if drafts else None
    if french is not None and approval is not None:
        notes += recheck_notes(slug, approval.checked_with, checks_now, status)
        publication = publication_of(files.release, french, approval, events)
        pair = PagePair(files.release, french, reason, draft, None, publication)
        return pair, files, notes, status
    if status.state == "stale":
        kept = kept_pair(repo, files.release, files.source_text, approval, events)
        if kept is not None:
            return replace(kept[0], draft_fr=draft), files, notes + kept[1], status
    return PagePair(files.release, french, reason, draft), files, notes, status


def recheck_notes(
    slug: str, approved_with: str | None, current: str, status: ReleaseStatus
) -> list[str]:
    """What the checks find now in a release approved with another glossary or other
    check settings. Its approved French stays online: the approval was of this text."""
    if approved_with in (None, current) or not status.blockers:
        return []
    found = "; ".join(status.blockers)
    return [
        f"{slug}: approved with another glossary or check settings, the checks now find: "
        f"{found}; 'presse check {slug}' lists them (the approved French stays online)"
    ]


def recheck(repo: Repository, results: list[GateResult], current: str) -> None:
    """The checks again, for the releases that passed the quick gate with an approval
    made under another glossary or other check settings: findings are computed only
    for releases whose inputs changed since their approval (from the status cache when
    it knows them)."""
    again = [r for r in results if r.checked_with not in (None, current)]
    if not again:
        return
    found_now = release_statuses(repo, [r.slug for r in again])
    for result, found in zip(again, found_now, strict=True):
        result.notes.extend(recheck_notes(result.slug, result.checked_with, current, found))


def held_back(repo: Repository, slug: str, known: StatusCache, now: float) -> GateResult | None:
    """A release the status cache knows to be in a state that does not publish (in
    translation, ready, stale): its German page only, without merging or checking it
    again. None when the cache does not know its files, or knows them publishable (the
    gate's own checks of the approval decide those)."""
    state = known.state(slug, now)
    if state is None or state in PUBLISHABLE_STATES or state == "stale":
        # A stale release may still publish its approved French: an approval withdrawn
        # without a change (publishing_state), a correction pending (steps/online).
        return None
    path = repo.source_path(slug)
    try:
        release = parse_release(read_text(path), path)
    except PresseError:
        return None  # the full gate reports it, with its line
    return GateResult(slug, PagePair(release, None, gate_reason(state), None), None, [])


# ---------------------------------------------------------------- the quick gate
#
# Most releases are decided by presse.steps.quick_gate from hashes alone; anything it
# does not answer goes the full way, which also reports errors with their line. What the
# quick gate found is remembered in ``.presse/cache/gate/`` by the stats (size,
# modification time, inode) of the release's four files, the German and French releases
# as parsed included: a build after one change reads and parses only that release.

GATE_CACHE_VERSION = "5"
GATE_WORKERS_THRESHOLD = 200  # releases to check before worker processes pay for themselves


@dataclass
class Remembered:
    """What the gate's cache keeps of one release that passed the quick gate, valid
    while its German, catalog, review and French files keep their stats."""

    release: Release
    french: FrenchRelease
    digest: str  # pair_digest(release, french, publication)
    checked_with: str | None  # the approval's (see presse.steps.status.checked_with)
    publication: Publication | None = None


# The cache is kept in shards (by a hash of the slug), so that a build after one change
# writes back one small file, not the whole archive's; each worker writes its own shards.
GATE_SHARDS = 64


def gate_shard(slug: str) -> int:
    return zlib.crc32(slug.encode("utf-8")) % GATE_SHARDS


def gate_cache_dir(repo: Repository) -> Path:
    return repo.cache_dir / "gate"


def gate_shards(repo: Repository, shared: str) -> dict[int, DerivedCache]:
    """The gate's cache, one :class:`presse.store.cache.DerivedCache` per shard."""
    folder = gate_cache_dir(repo)
    return {n: DerivedCache(folder / f"{n:02d}.pickle", shared) for n in range(GATE_SHARDS)}


def gate_stats(folders: tuple[str, str, str], slug: str, now: float) -> str | None:
    """The stats of a release's German, catalog, review and French files (None: racy).

    Plain strings rather than paths: this runs for every release of the archive."""
    source, catalogs, target = folders
    paths = (
        f"{source}/{slug}.md",
        f"{catalogs}/{slug}.po",
        f"{target}/{slug}.review.yaml",
        f"{target}/{slug}.md",
    )
    return files_fingerprint(paths, now)


@dataclass
class GateResult:
    """One release through the gate: its pages, and (full gate only) its files."""

    slug: str
    pair: PagePair
    files: ReleaseFiles | None
    notes: list[str]
    remember: Remembered | None = None
    stat: str | None = None  # the stats ``remember`` holds for
    checked_with: str | None = None  # the quick gate's approval's
    known: tuple[Any, ...] | None = None  # a status the full gate computed, for the cache


_GATE_JOB: dict[str, Any] = {}


def gate_one(slug: str) -> GateResult:
    """One release through the quick gate, else the full one (``_GATE_JOB`` holds the rest)."""
    job = _GATE_JOB
    repo: Repository = job["repo"]
    drafts: bool = job["drafts"]
    known: StatusCache | None = job.get("known")
    if not drafts:
        quick = _quick_result(repo, slug, job)
        if quick is not None:
            return quick
        held = held_back(repo, slug, known, job["now"]) if known is not None else None
        if held is not None:
            return held
    checker = job.get("checker")
    if checker is None:
        from presse.steps.extract import checker_for  # see presse.steps.status

        checker = job["checker"] = checker_for(repo, load_glossary(repo.glossary_path))
    pair, files, notes, status = page_pair(
        repo, slug, checker, job["when"], drafts, job["checked_with"]
    )
    entry = known.computed(slug, status) if known is not None else None
    return GateResult(slug, pair, files, notes, known=entry)


def _quick_result(repo: Repository, slug: str, job: dict[str, Any]) -> GateResult | None:
    """The release from the cache when its files have not changed, else from the quick
    gate; None when the full gate must decide."""
    stat = gate_stats(job["folders"], slug, job["now"])
    hit = job["shards"][gate_shard(slug)].get(slug, stat)
    if isinstance(hit, Remembered):
        pair = PagePair(hit.release, hit.french, None, None, hit.digest, hit.publication)
        return GateResult(slug, pair, None, [], hit, stat, hit.checked_with)
    gate = quick_state(repo, slug)
    french = quick_french(repo, gate) if gate is not None else None
    if gate is None or french is None:
        return None
    publication = publication_of(gate.release, french, gate.approval, gate.events)
    digest = pair_digest(gate.release, french, publication)
    remember = None
    if stat is not None:
        # Without its path (only errors name it; a Path costs much to unpickle).
        kept = replace(french, path=None)
        remember = Remembered(gate.release, kept, digest, gate.approval.checked_with, publication)
    pair = PagePair(gate.release, french, None, None, digest, publication)
    checked = gate.approval.checked_with
    return GateResult(slug, pair, None, [], remember, stat, checked)


def _gate_shard(task: tuple[int, list[str]]) -> list[GateResult]:
    """The releases of one cache shard through the gate; the shard's cache written back
    when it changed (``_GATE_JOB`` holds the rest)."""
    shard, slugs = task
    job = _GATE_JOB
    results = [gate_one(slug) for slug in slugs]
    if not job["drafts"]:
        cache: DerivedCache = job["shards"][shard]
        for result in results:
            if result.remember is not None:
                cache.put(result.slug, result.stat, result.remember)
        cache.keep_only(r.slug for r in results if r.remember is not None)
        cache.save()
    # What a worker remembered is written; only the results go back to the build.
    return [replace(r, remember=None) if r.remember is not None else r for r in results]


def _gate_workers(count: int) -> int:
    return fork_workers(count, GATE_WORKERS_THRESHOLD, 4)


def run_gate(
    repo: Repository,
    slugs: list[str],
    when: str,
    drafts: bool,
    meanwhile: Callable[[], None] | None = None,
) -> list[GateResult]:
    """Every release through the gate, in worker processes when the archive is large.

    ``meanwhile`` runs in this process while the workers work (the build readies the
    site there: its imports, templates and locale data), or first when there are none."""
    shared = hashlib.blake2b(
        shared_inputs(repo) + GATE_CACHE_VERSION.encode(), digest_size=16
    ).hexdigest()
    shards: dict[int, list[str]] = {number: [] for number in range(GATE_SHARDS)}
    for slug in slugs:
        shards[gate_shard(slug)].append(slug)
    checks_now = checked_with(repo)
    # Read before the workers fork, so that each finds its shards read.
    caches = gate_shards(repo, shared)
    cached = 0 if drafts else sum(len(cache.entries) for cache in caches.values())
    folders = (str(repo.source_dir), str(repo.catalog_dir), str(repo.target_dir))
    known = StatusCache(repo)
    _GATE_JOB.clear()
    _GATE_JOB.update(
        repo=repo,
        drafts=drafts,
        now=time.time(),
        shards=caches,
        when=when,
        folders=folders,
        known=None if drafts else known,
        checked_with=checks_now,
    )
    tasks = sorted(shards.items())
    try:
        # Only releases the cache does not answer are worth sending to other processes.
        workers = _gate_workers(len(slugs) - cached)
        if workers == 1:
            if meanwhile is not None:
                meanwhile()
            found = [result for task in tasks for result in _gate_shard(task)]
        else:
            with forked_pool(workers) as pool:
                parts = pool.map_async(_gate_shard, tasks, 1)
                if meanwhile is not None:
                    meanwhile()
                found = [result for part in parts.get() for result in part]
    finally:
        _GATE_JOB.clear()
    if not drafts:
        known.store([r.known for r in found if r.known is not None])
        recheck(repo, found, checks_now)
    by_slug = {result.slug: result for result in found}
    return [by_slug[slug] for slug in slugs]
