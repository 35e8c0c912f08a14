"""The extract step: release → segments → catalog, keeping every translation.

``presse extract`` (and every command that needs it) syncs
``locale/fr/LC_MESSAGES/<slug>.po`` with ``releases/de/<slug>.md`` and carries each
segment's review record along (see :mod:`presse.documents.catalog` for the promise).
Running it twice with nothing changed rewrites nothing, and does not even read the
releases again: ``.presse/cache/extract.pickle`` keeps the stats (size, modification
time, inode) of each release's German, catalog and review files as the last run left
them, with a digest of what else a catalog depends on (presse.yaml, the glossary,
presse's version). A release whose three files still have those stats is up to date;
the counts of its segments by review state are kept with them, for ``presse
translate``.
"""

from __future__ import annotations

import hashlib
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from presse import __version__
from presse.checks.runner import Checker, entry_comments, make_checker
from presse.documents.catalog import SourceSegment, entry_id, merge_catalog, release_segments
from presse.documents.merges import covered_by_markers, joined_german
from presse.documents.po import Catalog
from presse.documents.release_files import (
    ReleaseFiles,
    as_saved,
    load_release_files,
    release_fingerprint,
    save_release_files,
)
from presse.documents.repository import Repository, now_iso
from presse.documents.review_state import ReviewState, apply_changes, reconcile
from presse.glossary.load import load_glossary
from presse.glossary.matching import Glossary
from presse.steps.standing import count_states
from presse.store.cache import DerivedCache
from presse.store.disk import read_bytes_if_there
from presse.store.workers import map_in_workers

PO_HEADER_COMMENT = "French translation of {source} ({office})."


@dataclass
class ExtractResult:
    slug: str
    changes: Counter[str] = field(default_factory=Counter)
    written: list[Path] = field(default_factory=list)


def catalog_header(repo: Repository, slug: str, old: dict[str, str]) -> dict[str, str]:
    """The PO header: what editors added is kept; what presse owns is set."""
    header = dict(old)
    header.setdefault("Project-Id-Version", slug)
    header.setdefault("PO-Revision-Date", "YEAR-MO-DA HO:MI+ZONE")
    header.setdefault("Last-Translator", "FULL NAME <EMAIL@ADDRESS>")
    header.setdefault("Language-Team", "French")
    header["Language"] = repo.config.target_language
    header["MIME-Version"] = "1.0"
    # Without the charset GNU msgmerge silently deletes every ä, é and ß.
    header["Content-Type"] = "text/plain; charset=UTF-8"
    header["Content-Transfer-Encoding"] = "8bit"
    header["X-Source-File"] = source_reference(repo, slug)
    return header


def source_reference(repo: Repository, slug: str) -> str:
    return repo.source_path(slug).relative_to(repo.root).as_posix()


def extract_files(
    repo: Repository, files: ReleaseFiles, glossary: Glossary | Checker, when: str
) -> ReleaseFiles:
    """The release's catalog and review state after merging its current segments."""
    source = source_reference(repo, files.slug)
    segments = release_segments(files.release)

    def reference_of(segment: SourceSegment) -> str:
        return f"{source}:{segment.line}"

    merged = merge_catalog(files.catalog, segments, reference_of)
    catalog = merged.catalog
    catalog.header = catalog_header(repo, files.slug, files.catalog.header)
    catalog.header_comments = files.catalog.header_comments or [
        PO_HEADER_COMMENT.format(source=source, office=repo.config.office)
    ]
    review = apply_changes(files.review, catalog, merged.changes, when)
    review = reconcile(catalog, review, None, when)
    annotate(catalog, review, checker_for(repo, glossary))
    changed = Counter(c.kind for c in merged.changes if c.kind != "kept")
    if changed or not files.catalog_exists:
        review.add_event("extracted", when, None, **{k: changed[k] for k in sorted(changed)})
    return ReleaseFiles(files.slug, files.release, files.source_text, catalog, review, True)


def checker_for(repo: Repository, glossary: Glossary | Checker) -> Checker:
    """The repository's checker (its glossary and the check settings of presse.yaml)."""
    if isinstance(glossary, Checker):
        return glossary
    return make_checker(glossary, repo.config)


def annotate(catalog: Catalog, review: ReviewState, glossary: Glossary | Checker) -> None:
    """Regenerate the comments presse writes for translators (terms, findings, memory)."""
    german = joined_german(catalog, covered_by_markers(catalog))
    for entry in catalog.active:
        key = entry_id(entry)
        record = review.segments.get(key)
        entry.extracted_comments = entry_comments(entry, record, glossary, german.get(key))


def extract(
    repo: Repository, slugs: list[str] | None = None, clock: datetime | None = None
) -> list[ExtractResult]:
    """Sync the catalogs of the given releases (all when none given)."""
    glossary = make_checker(load_glossary(repo.glossary_path), repo.config)
    when = now_iso(repo, clock)
    targets = [repo.require_slug(s) for s in slugs] if slugs else repo.source_slugs()
    cache = ExtractCache(repo)
    todo = [slug for slug in targets if not cache.up_to_date(slug)]
    # Load and merge everything first: a bad file stops the run before anything is written.
    merged = map_in_workers(
        lambda slug: _merge_for_saving(repo, slug, glossary, when), todo, EXTRACT_WORKERS_THRESHOLD
    )
    results = {slug: ExtractResult(slug) for slug in targets}
    states: dict[str, dict[str, int]] = {}
    for slug, files, counts, counted in merged:
        states[slug] = counted
        if files is not None:
            written = save_release_files(repo, files)
            results[slug] = ExtractResult(slug, counts if written else Counter(), written)
    cache.save(states, present=None if slugs else targets)
    return [results[slug] for slug in targets]


def _merge_for_saving(
    repo: Repository, slug: str, checker: Checker, when: str
) -> tuple[str, ReleaseFiles | None, Counter[str], dict[str, int]]:
    """A release merged: its files when saving them would change something (else None:
    an archive's releases are mostly up to date, and holding every one of them until
    the last is merged took 630 MB for 5,000), what the merge changed, and its segments
    by state."""
    before = load_release_files(repo, slug)
    after = extract_files(repo, before, checker, when)
    counted = count_states(after.catalog, after.review)
    changed = after if not as_saved(repo, after) else None
    return slug, changed, run_counts(before, after), counted


# Merging segments and checks every release: on an archive that is most of a minute per
# thousand releases, spread over one forked worker per core (as presse status does).
EXTRACT_WORKERS_THRESHOLD = 40  # releases before worker processes pay for themselves


def merge_releases(
    repo: Repository, slugs: list[str], checker: Checker, when: str
) -> list[ReleaseFiles]:
    """Each release merged in memory, in order; the first bad file in that order raises
    its error, as one process going through them would."""

    def one(slug: str) -> ReleaseFiles:
        return extract_files(repo, load_release_files(repo, slug), checker, when)

    return map_in_workers(one, slugs, EXTRACT_WORKERS_THRESHOLD)


# Bump when what extract writes for the same files changes (a release version bump does too).
EXTRACT_CACHE_VERSION = "5"  # 3: hard line breaks are newlines; 4: warnings in the PO comments; 5: merged segments (N:M)


class ExtractCache:
    """The counts of each release's segments by review state, valid while its three
    files are as the last extract left them (a :class:`presse.store.cache.DerivedCache`):
    ``presse translate`` skips a release that is up to date with nothing to send."""

    def __init__(self, repo: Repository) -> None:
        self.repo = repo
        self.now = time.time()
        self.cache = DerivedCache(repo.cache_dir / "extract.pickle", self._shared_digest())

    def _shared_digest(self) -> str:
        digest = hashlib.blake2b(f"{EXTRACT_CACHE_VERSION}\0{__version__}\0".encode())
        for path in (self.repo.root / "presse.yaml", self.repo.glossary_path):
            digest.update(read_bytes_if_there(path) or b"")
            digest.update(b"\0")
        return digest.hexdigest()

    def up_to_date(self, slug: str) -> bool:
        return self.states_of(slug) is not None

    def states_of(self, slug: str) -> dict[str, int] | None:
        """The release's segments by review state, when its files are as extract left
        them; else None."""
        states = self.cache.get(slug, release_fingerprint(self.repo, slug, self.now))
        return states if isinstance(states, dict) else None

    def save(self, done: dict[str, dict[str, int]], present: list[str] | None) -> None:
        """Remember the releases this run went through, as it left them, with their
        segments by state (a file written in the last two seconds is not trusted: the
        next run reads that release). ``present``: every release of the repository,
        when the run went through all of them (the others are forgotten)."""
        now = time.time()
        for slug, states in done.items():
            self.cache.put(slug, release_fingerprint(self.repo, slug, now), states)
        if present is not None:
            self.cache.keep_only(present)
        self.cache.save()


def run_counts(before: ReleaseFiles, after: ReleaseFiles) -> Counter[str]:
    """What this run changed: the counts of the ``extracted`` event it added (if any).

    Not the last such event in the history: a run that only rewrites the files (an edit
    made in a PO editor) must not report an earlier run's changes as its own.
    """
    added = after.review.events[len(before.review.events) :]
    return Counter(
        {
            key: value
            for event in added
            if event.get("event") == "extracted"
            for key, value in event.items()
            if isinstance(value, int)
        }
    )
