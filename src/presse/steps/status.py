"""The status step: where every release stands, fast enough for a press archive.

Status is computed from the files as they are (German edits not yet extracted and
PO-editor edits included) without writing them. Results are cached per release in
``.presse/cache/status.json``, keyed by a hash of the bytes of the release's files,
the glossary and the check settings, so that a repository of thousands of releases
answers at once when nothing changed.

``presse.steps.extract`` (and with it the quality checks) is imported only where a release
must be computed: importing it takes about a third of the start-up of a command that
the cache answers (a warm status, the glossary check, a build of approved releases).
The gate and ``approve`` follow the same rule.
"""

from __future__ import annotations

import hashlib
import json
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from presse.documents.release_files import (
    ReleaseFiles,
    load_release_files,
    now_iso,
    read_release_cache,
    release_fingerprint,
    write_release_cache,
)
from presse.documents.repository import Repository
from presse.glossary.load import load_glossary
from presse.glossary.matching import Glossary
from presse.steps.standing import (
    ReleaseStatus,
    blockers_of,
    count_states,
    find_problems,
    outdated_glossary_drafts,
    problems_to_dict,
    release_state,
)
from presse.store.workers import map_in_workers

if TYPE_CHECKING:
    from presse.checks.runner import Checker

CACHE_VERSION = "4"


def compute_status(
    repo: Repository, files: ReleaseFiles, glossary: Glossary | Checker
) -> ReleaseStatus:
    """The status of one release from its files, merged in memory as extract would."""
    from presse.steps.extract import checker_for, extract_files  # see the module docstring

    glossary = checker_for(repo, glossary)
    current = extract_files(repo, files, glossary, now_iso(repo))
    counts = count_states(current.catalog, current.review)
    problems = find_problems(current.catalog, current.review, glossary)
    blockers = blockers_of(counts, problems)
    state = release_state(
        current.review, counts, blockers, current.source_hash, current.catalog_hash
    )
    if state == "stale" and current.review.approval:
        approval = current.review.approval
        blockers.insert(0, f"changed after approval by {approval.by} on {approval.at[:10]}")
    return ReleaseStatus(
        slug=files.slug,
        title=files.release.title,
        date=files.release.date.isoformat(),
        state=state,
        segments=counts,
        blockers=blockers,
        problems=problems_to_dict(problems),
        approved_by=current.review.approval.by if current.review.approval else None,
        notes=glossary_notes(current, glossary),
    )


def glossary_notes(files: ReleaseFiles, checker: Checker) -> list[str]:
    outdated = outdated_glossary_drafts(files.review, checker.glossary.checksum)
    if not outdated:
        return []
    return [f"{len(outdated)} draft(s) made with an older glossary: {', '.join(outdated)}"]


def cache_key(repo: Repository, slug: str, shared: bytes) -> str:
    digest = hashlib.blake2b(shared, digest_size=16)
    for path in (repo.source_path(slug), repo.catalog_path(slug), repo.review_path(slug)):
        try:
            digest.update(path.read_bytes())
        except FileNotFoundError:
            digest.update(b"\x00missing")
        digest.update(b"\x00")
    return digest.hexdigest()


def shared_inputs(repo: Repository) -> bytes:
    """What every release's status depends on besides its own files."""
    glossary = repo.glossary_path.read_bytes() if repo.glossary_path.exists() else b""
    checks = json.dumps(repo.config.section("checks"), sort_keys=True).encode()
    return CACHE_VERSION.encode() + glossary + b"\x00" + checks


def cache_path(repo: Repository) -> Path:
    return repo.cache_dir / "status.json"


def read_cache(repo: Repository, shared: str) -> dict[str, Any]:
    """The cached statuses by slug, when they were made with these shared inputs."""
    return read_release_cache(cache_path(repo), shared)


def cached_status(
    repo: Repository, slug: str, hit: Any, shared: bytes, now: float
) -> tuple[ReleaseStatus | None, dict[str, Any]]:
    """The cached status when the release's files are unchanged: by their stats when
    those can be trusted, else by a hash of their bytes. Returns what to remember."""
    stat = release_fingerprint(repo, slug, now)
    if isinstance(hit, dict) and stat is not None and hit.get("stat") == stat:
        return ReleaseStatus(**hit["status"]), hit
    key = cache_key(repo, slug, shared)
    if isinstance(hit, dict) and hit.get("key") == key:
        return ReleaseStatus(**hit["status"]), dict(hit, stat=stat)
    return None, {"key": key, "stat": stat}


def status(repo: Repository, slugs: list[str] | None = None) -> list[ReleaseStatus]:
    """The status of the given releases (all when none given), from the cache when it can."""
    targets = [repo.require_slug(s) for s in slugs] if slugs else repo.source_slugs()
    shared = shared_inputs(repo)
    shared_digest = hashlib.blake2b(shared, digest_size=16).hexdigest()
    cache = read_cache(repo, shared_digest)
    found: dict[str, ReleaseStatus] = {}
    remembered: dict[str, dict[str, Any]] = {}
    now = time.time()
    for slug in targets:
        result, remember = cached_status(repo, slug, cache.get(slug), shared, now)
        remembered[slug] = remember
        if result is not None:
            found[slug] = result
    missing = [slug for slug in targets if slug not in found]
    for slug, result in zip(missing, compute_statuses(repo, missing), strict=True):
        remembered[slug]["status"] = result.to_dict()
        found[slug] = result
    dirty = any(remembered[slug] != cache.get(slug) for slug in targets)
    if dirty:
        _write_cache(repo, shared_digest, cache, remembered)
    return [found[slug] for slug in targets]


def _write_cache(
    repo: Repository, shared_digest: str, cache: dict[str, Any], new: dict[str, Any]
) -> None:
    cache.update(new)
    write_release_cache(cache_path(repo), shared_digest, cache)


class KnownStates:
    """The status cache as the build's gate asks it: what state a release is in, when
    the cache knows its files as they are. The gate trusts it only to hold a release
    back (a French text goes out only through its own checks of the approval), so a
    build of an archive with many releases in translation does not segment and check
    each of them again, and what the gate had to compute is kept for the next build
    and for ``presse status``. The cache is read on the first question, in the process
    that asks it (a forked worker of the gate reads its own copy)."""

    def __init__(self, repo: Repository) -> None:
        self.repo = repo
        self.shared = shared_inputs(repo)
        self.digest = hashlib.blake2b(self.shared, digest_size=16).hexdigest()
        self._cache: dict[str, Any] | None = None
        self._missing: dict[str, dict[str, Any]] = {}

    def state(self, slug: str, now: float) -> str | None:
        """The release's state, or None when the cache does not know its files."""
        if self._cache is None:
            self._cache = read_cache(self.repo, self.digest)
        result, remember = cached_status(self.repo, slug, self._cache.get(slug), self.shared, now)
        if result is None:
            self._missing[slug] = remember
            return None
        return result.state

    def computed(self, slug: str, found: ReleaseStatus) -> dict[str, Any] | None:
        """The cache entry for a status the gate computed after :meth:`state` said None."""
        remember = self._missing.pop(slug, None)
        return None if remember is None else dict(remember, status=found.to_dict())

    def store(self, entries: dict[str, dict[str, Any]]) -> None:
        """Keep entries made by :meth:`computed` (in this process or a worker)."""
        if entries:
            _write_cache(self.repo, self.digest, read_cache(self.repo, self.digest), entries)


# Computing a status segments and checks the whole release: on an archive whose cache is
# cold (a fresh clone, a new glossary) that is most of a minute per thousand releases,
# so it is spread over one forked worker per core.
STATUS_WORKERS_THRESHOLD = 40  # releases to compute before worker processes pay for themselves


def compute_statuses(repo: Repository, slugs: list[str]) -> list[ReleaseStatus]:
    """The statuses of ``slugs``, in their order; the first bad file (in that order)
    raises its error, as one process going through them would."""
    checker: Checker | None = None  # made once in each process that computes

    def one(slug: str) -> ReleaseStatus:
        nonlocal checker
        if checker is None:
            from presse.steps.extract import checker_for  # see the module docstring

            checker = checker_for(repo, load_glossary(repo.glossary_path))
        return compute_status(repo, load_release_files(repo, slug), checker)

    return map_in_workers(one, slugs, STATUS_WORKERS_THRESHOLD)
