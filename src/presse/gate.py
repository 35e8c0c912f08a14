"""The build's gate: only approved French goes out.

For every German release, the gate decides what may be published with it: the French
release file (``releases/fr/<slug>.md``) only when the release is approved and the
approved hashes match the current German and catalog. Everything else is published
in German alone, and the build's summary says why the French was held back.

Most releases of an archive are approved and unchanged: the quick gate decides them
from hashes alone (see :func:`quick_state`); the full gate merges and checks the rest.
It also records each publication in the release's review file.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import multiprocessing
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from presse.approve import french_texts, write_french
from presse.errors import PresseError
from presse.extract import checker_for, extract_files
from presse.french import (
    FrenchRelease,
    new_french_release,
    read_french_release,
)
from presse.glossary import load_glossary
from presse.parallel import fork_workers
from presse.po import quick_catalog_hash
from presse.quality import Checker
from presse.release import Release, parse_release
from presse.repository import Repository
from presse.review import (
    Approval,
    quick_review,
    with_event,
)
from presse.site.model import PagePair
from presse.status import compute_status, shared_inputs
from presse.storage import read_text, write_text_atomic
from presse.store import (
    ReleaseFiles,
    load_release_files,
    release_fingerprint,
    save_release_files,
)

PUBLISHABLE_STATES = frozenset({"approved", "published"})


def approved_french(
    repo: Repository, files: ReleaseFiles, state: str
) -> tuple[FrenchRelease | None, str | None, list[str]]:
    """The French release that may go out, or why none may; and notes for the summary."""
    if state not in PUBLISHABLE_STATES:
        return None, gate_reason(state), []
    approval = files.review.approval
    assert approval is not None  # approved states always have one
    path = repo.target_path(files.slug)
    french = read_french_release(path) if path.exists() else None
    hashes = (approval.source_hash, approval.catalog_hash)
    current = french is not None and not french.edited_by_hand
    if current and (french.source_hash, french.catalog_hash) == hashes:  # type: ignore[union-attr]
        return french, None, []
    # Missing, out of date or edited by hand: written again from the approved catalog.
    written = write_french(repo, files, approval)
    notes = [
        f"{files.slug}: {path.name} was edited by hand; presse wrote it again from the "
        f"approved catalog and kept the edit in {kept.name} for a person to move into "
        "the catalog"
        for kept in written
        if kept != path
    ]
    return read_french_release(path), None, notes


def gate_reason(state: str) -> str:
    reasons = {
        "stale": "approved text is stale: the German or French changed after approval",
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
    repo: Repository, slug: str, checker: Checker, when: str, drafts: bool
) -> tuple[PagePair, ReleaseFiles, list[str]]:
    files = extract_files(repo, load_release_files(repo, slug), checker, when)
    state = compute_status(repo, files, checker).state
    french, reason, notes = approved_french(repo, files, state)
    draft = draft_french(files) if drafts else None
    return PagePair(files.release, french, reason, draft), files, notes


# ---------------------------------------------------------------- the quick gate
#
# Most releases of an archive are approved and unchanged since. Their state does not
# need the segmenter or the checks: an approval pins the exact German (its SHA-256) and
# the exact catalog (the hash of its active messages), and presse's own catalog for that
# German is what was approved. So when the German file's hash and the PO file's message
# hash both equal the approval's, the release is ``approved`` (or ``published``), as the
# full gate would find. Anything else (no approval, a change, a file presse did not write
# in its usual form, an error) goes the full way, which also reports errors with their
# line. Results are remembered in ``.presse/cache/gate.json`` by the files' size and
# modification time, so a build with nothing changed reads no catalog or review file.

GATE_CACHE_VERSION = "1"
GATE_WORKERS_THRESHOLD = 200  # releases to check before worker processes pay for themselves


@dataclass
class QuickGate:
    """What the quick gate found for one release (None: the full gate decides)."""

    release: Release
    approval: Approval
    state: str


def quick_state(
    repo: Repository, slug: str, cached: dict[str, Any] | None
) -> tuple[QuickGate | None, dict[str, Any] | None]:
    """The quick gate for one release, and what to remember of it."""
    try:
        source_path = repo.source_path(slug)
        source_text = read_text(source_path)
        release = parse_release(source_text, source_path)
    except PresseError:
        return None, None
    if cached is not None:
        approval = Approval(**cached["approval"])
        return QuickGate(release, approval, cached["state"]), cached
    review_path = repo.review_path(slug)
    catalog_path = repo.catalog_path(slug)
    try:
        review = quick_review(read_text(review_path), review_path)
        catalog = quick_catalog_hash(read_text(catalog_path))
    except PresseError:
        return None, None
    if review is None or catalog is None:
        return None, None
    approval, events = review
    catalog_hash, _ = catalog
    if approval is None:
        return None, None
    source_hash = hashlib.sha256(source_text.encode("utf-8")).hexdigest()
    if (approval.source_hash, approval.catalog_hash) != (source_hash, catalog_hash):
        return None, None
    published = any(
        e.get("event") == "published" and e.get("catalog_hash") == catalog_hash
        for e in events
        if isinstance(e, dict)
    )
    state = "published" if published else "approved"
    remembered = {"state": state, "approval": vars(approval).copy()}
    return QuickGate(release, approval, state), remembered


def quick_french(repo: Repository, gate: QuickGate) -> FrenchRelease | None:
    """The French release file, when it is the one presse wrote for this approval."""
    path = repo.target_path(gate.release.slug)
    try:
        french = read_french_release(path)
    except (FileNotFoundError, PresseError):
        return None
    if french.edited_by_hand:
        return None
    if (french.source_hash, french.catalog_hash) != (
        gate.approval.source_hash,
        gate.approval.catalog_hash,
    ):
        return None
    return french


def gate_cache_path(repo: Repository) -> Path:
    return repo.cache_dir / "gate.json"


def read_gate_cache(repo: Repository, shared: str) -> dict[str, Any]:
    try:
        data = json.loads(gate_cache_path(repo).read_text("utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict) or data.get("shared") != shared:
        return {}
    releases = data.get("releases")
    return releases if isinstance(releases, dict) else {}


@dataclass
class GateResult:
    """One release through the gate: its pages, and (full gate only) its files."""

    slug: str
    pair: PagePair
    files: ReleaseFiles | None
    notes: list[str]
    state: str
    remember: dict[str, Any] | None = None


_GATE_JOB: dict[str, Any] = {}


def gate_one(slug: str) -> GateResult:
    """One release through the quick gate, else the full one (``_GATE_JOB`` holds the rest)."""
    job = _GATE_JOB
    repo: Repository = job["repo"]
    drafts: bool = job["drafts"]
    now: float = job["now"]
    if not drafts:
        stat = release_fingerprint(repo, slug, now)
        hit = job["cache"].get(slug)
        cached = (
            hit if isinstance(hit, dict) and stat is not None and hit.get("stat") == stat else None
        )
        gate, remember = quick_state(repo, slug, cached)
        if gate is not None:
            french = quick_french(repo, gate)
            if french is not None:
                if remember is not None:
                    remember = dict(remember, stat=stat) if stat is not None else None
                return GateResult(
                    slug, PagePair(gate.release, french, None, None), None, [], gate.state, remember
                )
    checker = job.get("checker")
    if checker is None:
        checker = job["checker"] = checker_for(repo, load_glossary(repo.glossary_path))
    pair, files, notes = page_pair(repo, slug, checker, job["when"], drafts)
    state = "published" if pair.fr is not None and _published(files) else "-"
    return GateResult(slug, pair, files, notes, state)


def _published(files: ReleaseFiles) -> bool:
    approval = files.review.approval
    return approval is not None and any(
        e.get("event") == "published" and e.get("catalog_hash") == approval.catalog_hash
        for e in files.review.events
    )


def _gate_chunk(slugs: list[str]) -> list[GateResult]:
    return [gate_one(slug) for slug in slugs]


def _gate_workers(count: int) -> int:
    return fork_workers(count, GATE_WORKERS_THRESHOLD, 4)


def run_gate(repo: Repository, slugs: list[str], when: str, drafts: bool) -> list[GateResult]:
    """Every release through the gate, in worker processes when the archive is large."""
    shared = hashlib.blake2b(
        shared_inputs(repo) + GATE_CACHE_VERSION.encode(), digest_size=16
    ).hexdigest()
    cache = {} if drafts else read_gate_cache(repo, shared)
    _GATE_JOB.clear()
    _GATE_JOB.update(repo=repo, drafts=drafts, now=time.time(), cache=cache, when=when)
    try:
        # Only releases the cache does not answer are worth sending to other processes.
        workers = _gate_workers(len(slugs) - len(cache))
        if workers == 1:
            results = [gate_one(slug) for slug in slugs]
        else:
            size = max(1, -(-len(slugs) // (workers * 8)))
            chunks = [slugs[i : i + size] for i in range(0, len(slugs), size)]
            with multiprocessing.get_context("fork").Pool(workers) as pool:
                results = [r for chunk in pool.map(_gate_chunk, chunks) for r in chunk]
    finally:
        _GATE_JOB.clear()
    if not drafts:
        remembered = {r.slug: r.remember for r in results if r.remember is not None}
        if remembered != cache:
            text = json.dumps({"shared": shared, "releases": remembered}, ensure_ascii=False)
            with contextlib.suppress(OSError):
                write_text_atomic(gate_cache_path(repo), text, durable=False)
    return results


def append_published(repo: Repository, result: GateResult, when: str) -> bool:
    """Record a publication by adding the event to the head of the review file only."""
    french = result.pair.fr  # the quick gate checked its hashes against the approval
    if french is None:
        return False
    path = repo.review_path(result.slug)
    event = {"event": "published", "at": when, "catalog_hash": french.catalog_hash}
    text = with_event(read_text(path), path, result.slug, event)
    if text is None:
        return False
    write_text_atomic(path, text)
    return True


def record_published(repo: Repository, files: ReleaseFiles, when: str) -> None:
    """Remember that this approved text went out (the release becomes ``published``)."""
    approval = files.review.approval
    if approval is None:
        return
    already = any(
        e.get("event") == "published" and e.get("catalog_hash") == approval.catalog_hash
        for e in files.review.events
    )
    if not already:
        files.review.add_event("published", when, None, catalog_hash=approval.catalog_hash)
        save_release_files(repo, files)
