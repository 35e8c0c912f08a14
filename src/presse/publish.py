"""The build step and its gate: only approved French goes out.

For every German release, the gate decides what may be published with it: the French
release file (``releases/fr/<slug>.md``) only when the release is approved and the
approved hashes match the current German and catalog. Everything else is published
in German alone, and the build's summary says why the French was held back. The
site itself is built by :mod:`presse.site`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from presse.approve import french_texts, write_french
from presse.errors import PresseError
from presse.extract import checker_for, extract_files
from presse.french import (
    FrenchRelease,
    new_french_release,
    read_french_release,
)
from presse.glossary import load_glossary
from presse.quality import Checker
from presse.repository import Repository
from presse.site import build_site
from presse.site.model import BuildSummary, PagePair
from presse.status import compute_status
from presse.store import ReleaseFiles, load_release_files, now_iso, save_release_files

PUBLISHABLE_STATES = frozenset({"approved", "published"})


@dataclass
class PublishResult:
    summary: BuildSummary
    out: Path
    notes: list[str] = field(default_factory=list)


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


def build(
    repo: Repository,
    out: Path | None = None,
    *,
    drafts: bool = False,
    clock: datetime | None = None,
) -> PublishResult:
    """Build the site into ``out`` (``site/``, or ``site-drafts/`` for a drafts preview)."""
    out = out or repo.root / ("site-drafts" if drafts else "site")
    if drafts and out.resolve() == (repo.root / "site").resolve():
        raise PresseError("a drafts preview never goes into site/; choose another --out")
    checker = checker_for(repo, load_glossary(repo.glossary_path))
    when = now_iso(repo, clock)
    built = [page_pair(repo, slug, checker, when, drafts) for slug in repo.source_slugs()]
    summary = build_site(repo, [pair for pair, _, _ in built], out, drafts=drafts, now=clock)
    if not drafts:
        for pair, files, _ in built:
            if pair.fr is not None and "fr" in summary.pages.get(pair.de.slug, {}):
                record_published(repo, files, when)
    notes = [note for _, _, ns in built for note in ns]
    return PublishResult(summary, out, notes)
