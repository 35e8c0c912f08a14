"""The extract step: release → segments → catalog, keeping every translation.

``presse extract`` (and every command that needs it) syncs
``locale/fr/LC_MESSAGES/<slug>.po`` with ``releases/de/<slug>.md`` and carries each
segment's review record along (see :mod:`presse.catalog` for the promise).
Running it twice with nothing changed rewrites nothing.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from presse.catalog import SourceSegment, entry_id, merge_catalog, release_segments
from presse.glossary import Glossary, load_glossary
from presse.po import Catalog
from presse.quality import Checker, entry_comments, make_checker
from presse.repository import Repository
from presse.review import ReviewState, apply_changes, reconcile
from presse.store import ReleaseFiles, load_release_files, now_iso, save_release_files

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
    for entry in catalog.active:
        record = review.segments.get(entry_id(entry))
        entry.extracted_comments = entry_comments(entry, record, glossary)


def extract(
    repo: Repository, slugs: list[str] | None = None, clock: datetime | None = None
) -> list[ExtractResult]:
    """Sync the catalogs of the given releases (all when none given)."""
    glossary = make_checker(load_glossary(repo.glossary_path), repo.config)
    when = now_iso(repo, clock)
    targets = [repo.require_slug(s) for s in slugs] if slugs else repo.source_slugs()
    # Load and merge everything first: a bad file stops the run before anything is written.
    loaded = [load_release_files(repo, s) for s in targets]
    updated = [extract_files(repo, files, glossary, when) for files in loaded]
    results: list[ExtractResult] = []
    for before, files in zip(loaded, updated, strict=True):
        written = save_release_files(repo, files)
        counts = run_counts(before, files)
        results.append(ExtractResult(files.slug, counts if written else Counter(), written))
    return results


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
