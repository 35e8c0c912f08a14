"""The status step: where every release stands, fast enough for a press archive.

Status is computed from the files as they are (German edits not yet extracted and
PO-editor edits included) without writing them. Results are cached per release in
``.presse/cache/status.pickle``, by the stats of the release's files or a hash of their bytes,
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
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from presse.documents.catalog import entry_id
from presse.documents.release_files import (
    ReleaseFiles,
    load_release_files,
    read_review,
    release_fingerprint,
)
from presse.documents.repository import Repository, now_iso
from presse.glossary.load import load_glossary
from presse.glossary.matching import Glossary
from presse.steps.online import kept_french, withdrawal
from presse.steps.standing import (
    ReleaseStatus,
    blockers_of,
    count_reopened,
    count_states,
    dismissals_of,
    find_problems,
    outdated_glossary_drafts,
    problems_to_dict,
    release_state,
    stale_note,
)
from presse.store.cache import DerivedCache
from presse.store.disk import read_bytes_if_there
from presse.store.workers import map_in_workers

if TYPE_CHECKING:
    from presse.checks.runner import Checker

CACHE_VERSION = "10"  # 9: merged segments (N:M); 10: reopened drafts told apart


def compute_status(
    repo: Repository, files: ReleaseFiles, glossary: Glossary | Checker
) -> ReleaseStatus:
    """The status of one release from its files, merged in memory as extract would."""
    from presse.steps.extract import checker_for, extract_files  # see the module docstring

    glossary = checker_for(repo, glossary)
    current = extract_files(repo, files, glossary, now_iso(repo))
    counts = count_states(current.catalog, current.review)
    problems = find_problems(current.catalog, current.review, glossary)
    blockers = blockers_of(counts, problems, count_reopened(current.catalog, current.review))
    state = release_state(
        current.review, counts, blockers, current.source_hash, current.catalog_hash
    )
    note = stale_note(current.review) if state == "stale" else None
    if note:
        blockers.insert(0, note)
    notes = glossary_notes(current, glossary) + redrafted_notes(current)
    withdrawn = withdrawal(files.review.events, files.review.approval)
    if withdrawn is not None:
        who = f" by {withdrawn.by}" if withdrawn.by else ""
        notes.insert(0, f"French withdrawn{who} on {withdrawn.at.date()}: {withdrawn.reason}")
    return ReleaseStatus(
        slug=files.slug,
        title=files.release.title,
        date=files.release.date.isoformat(),
        state=state,
        segments=counts,
        blockers=blockers,
        problems=problems_to_dict(problems, current.catalog),
        approved_by=current.review.approval.by if current.review.approval else None,
        notes=notes,
        embargo=files.release.embargo.isoformat() if files.release.embargo else None,
        dismissals=dismissals_of(current.catalog, current.review),
        publication="withdrawn" if withdrawn is not None else None,
    )


def glossary_notes(files: ReleaseFiles, checker: Checker) -> list[str]:
    outdated = outdated_glossary_drafts(files.review, checker.glossary.checksum)
    if not outdated:
        return []
    return [f"{len(outdated)} draft(s) made with an older glossary: {', '.join(outdated)}"]


def redrafted_notes(files: ReleaseFiles) -> list[str]:
    """Drafts made for a changed German over a person's French (``presse translate
    --retranslate-stale``): that French is kept as the previous version, and the review
    page shows it with the German's change."""
    active = {entry_id(e) for e in files.catalog.active}
    found = sorted(
        key
        for key, record in files.review.segments.items()
        if key in active
        and record.state in ("machine", "memory")
        and (record.previous or {}).get("by")
    )
    if not found:
        return []
    return [
        f"{len(found)} draft(s) for a changed German, a person's earlier French kept "
        f"beside them: {', '.join(found)}"
    ]


def cache_key(repo: Repository, slug: str, shared: bytes) -> str:
    """A digest of the bytes of a release's files (and the shared inputs): the status
    cache answers by it when the files' stats moved but not their bytes."""
    digest = hashlib.blake2b(shared, digest_size=16)
    for path in (repo.source_path(slug), repo.catalog_path(slug), repo.review_path(slug)):
        data = read_bytes_if_there(path)
        digest.update(b"\x00missing" if data is None else data)
        digest.update(b"\x00")
    return digest.hexdigest()


def check_inputs(repo: Repository) -> bytes:
    """What the checks run with besides the texts: the glossary and the check settings."""
    glossary = read_bytes_if_there(repo.glossary_path) or b""
    checks = json.dumps(repo.config.section("checks"), sort_keys=True).encode()
    return glossary + b"\x00" + checks


def shared_inputs(repo: Repository) -> bytes:
    """What every release's status depends on besides its own files."""
    return CACHE_VERSION.encode() + check_inputs(repo)


def checked_with(repo: Repository) -> str:
    """A digest of :func:`check_inputs`: an approval records it, and the gate checks a
    release again only when it no longer holds. Cheap: no check is loaded to compute it."""
    return hashlib.sha256(check_inputs(repo)).hexdigest()[:16]


def cache_path(repo: Repository) -> Path:
    return repo.cache_dir / "status.pickle"


class StatusCache:
    """Each release's status, valid while its three files are the same: by their stats,
    or by their bytes when the stats moved (a :class:`presse.store.cache.DerivedCache`).

    The build's gate asks it too (:meth:`state`), and trusts it only to hold a release
    back (a French text goes out only through its own checks of the approval): a build
    of an archive with many releases in translation does not segment and check each of
    them again, and what the gate computed is kept for the next build and for ``presse
    status``. Read on the first question, in the process that asks (a forked worker of
    the gate reads its own copy and sends back what it computed: :meth:`computed`)."""

    def __init__(self, repo: Repository) -> None:
        self.repo = repo
        self.shared = shared_inputs(repo)
        digest = hashlib.blake2b(self.shared, digest_size=16).hexdigest()
        self.cache = DerivedCache(cache_path(repo), digest)
        self._missing: dict[str, tuple[str | None, str]] = {}  # slug: (stats, bytes digest)

    def lookup(self, slug: str, now: float) -> ReleaseStatus | None:
        """The release's status when the cache knows its files as they are, else None."""
        inputs = release_fingerprint(self.repo, slug, now)
        content: list[str] = []

        def content_digest() -> str:
            if not content:
                content.append(cache_key(self.repo, slug, self.shared))
            return content[0]

        found = self.cache.get(slug, inputs, content_digest)
        if found is None:
            self._missing[slug] = (inputs, content_digest())
            return None
        return ReleaseStatus(**found)

    def state(self, slug: str, now: float) -> str | None:
        """The release's state, or None when the cache does not know its files."""
        found = self.lookup(slug, now)
        return None if found is None else found.state

    def computed(self, slug: str, found: ReleaseStatus) -> tuple[Any, ...] | None:
        """What to keep of a status computed after :meth:`lookup` said None."""
        missing = self._missing.pop(slug, None)
        return None if missing is None else (slug, *missing, found.to_dict())

    def store(self, entries: list[tuple[Any, ...]]) -> None:
        """Keep what :meth:`computed` gave (in this process or a worker) and save."""
        for slug, inputs, content, value in entries:
            self.cache.put(slug, inputs, value, content)
        self.cache.save()


def status(repo: Repository, slugs: list[str] | None = None) -> list[ReleaseStatus]:
    """The status of the given releases (all when none given), from the cache when it can."""
    targets = [repo.require_slug(s) for s in slugs] if slugs else repo.source_slugs()
    cache = StatusCache(repo)
    found: dict[str, ReleaseStatus] = {}
    now = time.time()
    for slug in targets:
        result = cache.lookup(slug, now)
        if result is not None:
            found[slug] = result
    missing = [slug for slug in targets if slug not in found]
    computed = []
    for slug, result in zip(missing, compute_statuses(repo, missing), strict=True):
        computed.append(cache.computed(slug, result))
        found[slug] = result
    cache.store([entry for entry in computed if entry is not None])
    moment = datetime.now(UTC)
    return [online_as_of(repo, found[slug].as_of(moment), moment) for slug in targets]


def online_as_of(repo: Repository, found: ReleaseStatus, now: datetime) -> ReleaseStatus:
    """A stale release whose last approved French stays online (its file the one the
    approval pinned, its embargo run out) is "published, correction pending". Asked of
    stale releases only, outside the cache: it reads the French file, which the
    status cache does not watch."""
    if found.state != "stale" or found.publication is not None:
        return found
    if found.embargo is not None and datetime.fromisoformat(found.embargo) > now:
        return found
    review = read_review(repo.review_path(found.slug), found.slug)
    if review.approval is None or kept_french(repo, found.slug, review.approval) is None:
        return found
    return replace(found, publication="correction pending")


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
