"""The approve step: a person approves a ready release; presse writes its French file.

``presse approve SLUG --by NAME`` records who approved which exact German and French
text (their hashes) and writes ``releases/fr/<slug>.md``, the French release assembled
from the approved catalog. It is refused, with the reasons, when the release is not
``ready``.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from presse.catalog import release_segments
from presse.errors import PresseError
from presse.extract import checker_for, extract_files
from presse.french import (
    FrenchRelease,
    new_french_release,
    read_french_release,
    render_french_release,
)
from presse.glossary import load_glossary
from presse.repository import Repository
from presse.review import Approval
from presse.segment import markdown_blocks, rebuild_markdown
from presse.status import compute_status
from presse.storage import write_text_atomic
from presse.store import ReleaseFiles, load_release_files, now_iso, save_release_files


def french_texts(files: ReleaseFiles) -> tuple[str, str | None, str]:
    """The French title, summary and body assembled from the catalog's translations."""
    translations = {(e.msgctxt, e.msgid): e.msgstr for e in files.catalog.active}
    by_block: dict[int, list[str]] = {}
    title, summary = "", None
    for segment in release_segments(files.release):
        french = translations.get((segment.msgctxt, segment.msgid), "")
        if segment.block_index == -2:
            title = french
        elif segment.block_index == -1:
            summary = french
        else:
            by_block.setdefault(segment.block_index, []).append(french)
    blocks = markdown_blocks(files.release.body)
    replacements = {blocks[i].start_line: " ".join(texts) for i, texts in by_block.items()}
    return title, summary, rebuild_markdown(files.release.body, replacements)


def previous_french(path: Path) -> FrenchRelease | None:
    return read_french_release(path) if path.exists() else None


def keep_hand_edit(path: Path, previous: FrenchRelease | None) -> Path | None:
    """A French file edited by hand is kept beside it for a person to move into the catalog."""
    if previous is None or not previous.edited_by_hand:
        return None
    kept = path.with_name(path.stem + ".hand-edit.md")
    write_text_atomic(kept, path.read_text("utf-8"))
    return kept


def was_published(files: ReleaseFiles) -> bool:
    return any(e.get("event") == "published" for e in files.review.events)


def approved_release(
    files: ReleaseFiles, approval: Approval, previous: FrenchRelease | None
) -> FrenchRelease:
    """The French release of an approval. Only after a first publication is a new
    approval a correction (same URL, "corrected on" note)."""
    title, summary, body = french_texts(files)
    return new_french_release(
        files.release,
        title=title,
        body=body,
        source_hash=approval.source_hash,
        catalog_hash=approval.catalog_hash,
        approved_by=approval.by,
        approved_at=datetime.fromisoformat(approval.at),
        summary=summary,
        previous=previous if was_published(files) else None,
    )


def write_french(repo: Repository, files: ReleaseFiles, approval: Approval) -> list[Path]:
    """Write ``releases/fr/<slug>.md`` from the approved catalog; a hand edit is kept aside."""
    path = repo.target_path(files.slug)
    previous = previous_french(path)
    kept = keep_hand_edit(path, previous)
    french = approved_release(files, approval, previous)
    written = [path] if write_text_atomic(path, render_french_release(french)) else []
    return written + ([kept] if kept else [])


def approve(
    repo: Repository, slug: str, by: str, clock: datetime | None = None
) -> tuple[Approval, list[Path]]:
    """Record the approval of a ready release and write its French release file."""
    slug = repo.require_slug(slug)
    glossary = checker_for(repo, load_glossary(repo.glossary_path))
    when = now_iso(repo, clock)
    files = extract_files(repo, load_release_files(repo, slug), glossary, when)
    current = compute_status(repo, files, glossary)
    if current.state not in ("ready", "stale", "approved", "published") or (
        current.state == "stale" and current.blockers[1:]
    ):
        reasons = "; ".join(current.blockers) or current.state
        raise PresseError(f"cannot approve '{slug}' (it is {current.state}): {reasons}")
    approval = Approval(by, when, files.source_hash, files.catalog_hash)
    if files.review.approval and files.review.approval != approval:
        files.review.add_event("approval superseded", when, files.review.approval.by)
    files.review.approval = approval
    files.review.add_event("approved", when, by, source_hash=approval.source_hash[:12])
    written = save_release_files(repo, files)
    return approval, written + write_french(repo, files, approval)
