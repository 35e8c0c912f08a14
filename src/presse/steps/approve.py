"""The approve step: a person approves a ready release; presse writes its French file.

``presse approve SLUG --by NAME`` records who approved which exact German and French
text (their hashes) and writes ``releases/fr/<slug>.md``, the French release assembled
from the approved catalog. Whether it may is the one rule of
:mod:`presse.steps.approval_rule`. ``presse unapprove SLUG --reason`` withdraws an
approval (:func:`unapprove`).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path
from typing import Any

from presse.documents.catalog import release_segments
from presse.documents.french import (
    FrenchRelease,
    new_french_release,
    read_french_release,
    render_french_release,
)
from presse.documents.merges import covered_by_markers
from presse.documents.po import render_po
from presse.documents.release import Release
from presse.documents.release_files import (
    ReleaseFiles,
    load_release_files,
    save_release_files,
)
from presse.documents.repository import Repository, now_iso
from presse.documents.review_state import Approval, render_review
from presse.documents.segment import markdown_blocks, rebuild_markdown
from presse.errors import PresseError
from presse.steps.approval_rule import ApprovalRefused, approved_message, current_verdict
from presse.steps.standing import withdrawn_approval
from presse.steps.status import checked_with
from presse.store.disk import write_text_atomic

# The French title, summary and body of a release, as :func:`french_texts` assembles them.
FrenchTexts = tuple[str, str | None, str]


def french_texts(files: ReleaseFiles) -> FrenchTexts:
    """The French title, summary and body assembled from the catalog's translations
    (a segment merged into the one before it adds nothing: that one's French covers it)."""
    translations = {(e.msgctxt, e.msgid): e.msgstr for e in files.catalog.active}
    covered = covered_by_markers(files.catalog)
    by_block: dict[int, list[tuple[str, bool]]] = {}
    title, summary = "", None
    for segment in release_segments(files.release):
        french = translations.get((segment.msgctxt, segment.msgid), "")
        if segment.block_index == -2:
            title = french
        elif segment.block_index == -1:
            summary = french
        elif segment.id in covered:
            by_block.setdefault(segment.block_index, [])
        else:
            by_block.setdefault(segment.block_index, []).append((french, segment.breaks_after))
    blocks = markdown_blocks(files.release.body)
    replacements = {blocks[i].start_line: french_block(texts) for i, texts in by_block.items()}
    return title, summary, rebuild_markdown(files.release.body, replacements)


# The German's hard line breaks (an address block) are newlines in the messages; a
# newline in the French becomes a Markdown hard break again, so the page keeps the lines.
_ANY_BREAK = re.compile(r"[ \t]*\\?\n[ \t]*")


def french_block(sentences: list[tuple[str, bool]]) -> str:
    """A block's French from its sentences, each with whether a line break follows it."""
    parts: list[str] = []
    for index, (french, breaks_after) in enumerate(sentences):
        parts.append(french.strip())
        if index < len(sentences) - 1:
            parts.append("\n" if breaks_after else " ")
    return _ANY_BREAK.sub("\\\\\n", "".join(parts).strip())


def previous_french(path: Path) -> FrenchRelease | None:
    return read_french_release(path) if path.exists() else None


def french_as_approved(
    french: FrenchRelease,
    release: Release,
    approval: Approval,
    catalog: tuple[str, str | None],
    corrected: bool,
) -> bool:
    """True when a French release file says what presse wrote for this approval.

    Its hashes are the approval's, its body is the one presse wrote (``body_hash``), and
    its title, summary, category, dates and approver are what the approved catalog
    (``catalog``: its title and summary translations), the German and the approval give
    (``corrected``: the approval corrects an earlier publication). A hand edit of any of
    them would otherwise go out unapproved. Only the slug is taken from the file: once
    published, a URL never moves."""
    title, summary = catalog
    expected = new_french_release(
        release,
        title=title,
        body=french.body,
        source_hash=approval.source_hash,
        catalog_hash=approval.catalog_hash,
        approved_by=approval.by,
        approved_at=datetime.fromisoformat(approval.at),
        summary=summary.strip() or None if summary else None,
        previous=french,  # its slug is kept (and no new one made from the title)
    )
    if not corrected:
        expected = replace(expected, corrected_at=None)
    return not french.edited_by_hand and expected == french


def edited_by_hand(
    files: ReleaseFiles,
    approval: Approval,
    french: FrenchRelease,
    texts: FrenchTexts | None = None,
) -> bool:
    """A French file changed by hand: its body, or (while it claims this approval) any
    field the approved catalog gives (``texts``: its :func:`french_texts`, when the
    caller has them already)."""
    if french.edited_by_hand:
        return True
    if (french.source_hash, french.catalog_hash) != (approval.source_hash, approval.catalog_hash):
        return False  # an earlier approval's file, out of date rather than edited
    title, summary, _ = texts if texts is not None else french_texts(files)
    corrected = corrects_a_publication(files.review.events, approval, files.release.embargo)
    return not french_as_approved(french, files.release, approval, (title, summary), corrected)


def keep_hand_edit(path: Path, edited: bool) -> Path | None:
    """A French file edited by hand is kept beside it for a person to move into the catalog."""
    if not edited:
        return None
    kept = path.with_name(path.stem + ".hand-edit.md")
    write_text_atomic(kept, path.read_text("utf-8"))
    return kept


def corrects_a_publication(
    events: list[dict[str, Any]], approval: Approval, embargo: datetime | None = None
) -> bool:
    """True when another French text of this release went out before this approval
    (``events`` of its review file; ``embargo``: the German release's), so that the new
    one is a correction. Writing the approved file again (after a hand edit, say) is not.

    Builds write nothing into the repository, so "went out" is derived from what is
    recorded: an earlier approval of another text went out as soon as it was approved,
    or when its embargo ran out, since every build publishes an approved text. A
    "published" event (written by builds of presse before 0.2) says so too."""
    return any(isinstance(e, dict) and _went_out_before(e, approval, embargo) for e in events)


def _went_out_before(event: dict[str, Any], approval: Approval, embargo: datetime | None) -> bool:
    other_text = event.get("catalog_hash") not in (None, approval.catalog_hash)
    if not other_text:
        return False
    if event.get("event") == "published":
        return True
    if event.get("event") != "approved":
        return False
    try:
        approved_at = datetime.fromisoformat(str(event.get("at")))
        out_at = max(approved_at, embargo) if embargo is not None else approved_at
        return out_at <= datetime.fromisoformat(approval.at)
    except (TypeError, ValueError):  # a hand-written time: not evidence of a publication
        return False


def approved_release(
    files: ReleaseFiles,
    approval: Approval,
    previous: FrenchRelease | None,
    texts: FrenchTexts | None = None,
) -> FrenchRelease:
    """The French release of an approval (``texts``: the :func:`french_texts` of
    ``files``, when the caller has them already). Only after a first publication is a
    new approval a correction (same URL, "corrected on" note)."""
    title, summary, body = texts if texts is not None else french_texts(files)
    return new_french_release(
        files.release,
        title=title,
        body=body,
        source_hash=approval.source_hash,
        catalog_hash=approval.catalog_hash,
        approved_by=approval.by,
        approved_at=datetime.fromisoformat(approval.at),
        summary=summary,
        previous=previous
        if corrects_a_publication(files.review.events, approval, files.release.embargo)
        else None,
    )


@dataclass(frozen=True)
class ApprovedFrench:
    """The French of one approval, assembled and rendered once: approving pins the hash
    of ``text`` and then writes ``text`` itself, so both are of the same bytes."""

    previous: FrenchRelease | None  # the French file there before, if any
    texts: FrenchTexts  # the approved catalog's title, summary and body
    text: str  # the French release file as presse writes it


def render_approved_french(files: ReleaseFiles, approval: Approval, path: Path) -> ApprovedFrench:
    """Assemble and render the French of an approval, ``path`` being its French file."""
    previous = previous_french(path)
    texts = french_texts(files)
    french = approved_release(files, approval, previous, texts)
    return ApprovedFrench(previous, texts, render_french_release(french))


def keep_hand_edit_aside(
    repo: Repository, files: ReleaseFiles, approval: Approval, french: ApprovedFrench
) -> Path | None:
    """Before ``releases/fr/<slug>.md`` is written again from the approved catalog: a
    hand edit of it is kept beside it, for a person to move into the catalog."""
    previous = french.previous
    edited = previous is not None and edited_by_hand(files, approval, previous, french.texts)
    return keep_hand_edit(repo.target_path(files.slug), edited)


def pin_files(approval: Approval, catalog_text: str, french_text: str) -> Approval:
    """The approval with the hashes of the PO and French files as presse writes them."""
    return replace(
        approval,
        catalog_file=hashlib.sha256(catalog_text.encode("utf-8")).hexdigest(),
        french_file=hashlib.sha256(french_text.encode("utf-8")).hexdigest(),
    )


@dataclass(frozen=True)
class ApproveResult:
    """What ``approve`` did: the approval that holds, the files it wrote, and whether
    that approval was there already (then only a missing or hand-edited French file is
    written again). Unpacks as ``approval, written``."""

    approval: Approval
    written: list[Path]
    already: bool = False

    def __iter__(self) -> Iterator[Any]:
        return iter((self.approval, self.written))

    @property
    def message(self) -> str:
        return approved_message(self.approval, self.already, self.written)


def approve(repo: Repository, slug: str, by: str, clock: datetime | None = None) -> ApproveResult:
    """Record the approval of a ready release and write its French release file.

    Refused (:class:`ApprovalRefused`) by the one rule of :mod:`presse.steps.approval_rule`.
    A release already approved as it is keeps its approval (who and when): only a French
    file that is missing or edited by hand is written again."""
    when = now_iso(repo, clock)
    files, verdict = current_verdict(repo, slug, by, when)
    if not verdict.allowed:
        raise ApprovalRefused(verdict)
    if verdict.already is not None:
        return write_approved(repo, files, verdict.already, already=True)
    # What the checks ran with is recorded: the gate checks again only when it changes.
    approval = Approval(
        by, when, files.source_hash, files.catalog_hash, checked_with=checked_with(repo)
    )
    if files.review.approval and files.review.approval != approval:
        files.review.add_event("approval superseded", when, files.review.approval.by)
    files.review.add_event(
        "approved",
        when,
        by,
        source_hash=approval.source_hash[:12],
        catalog_hash=approval.catalog_hash,  # which text it was: see corrects_a_publication
    )
    return write_approved(repo, files, approval)


def write_approved(
    repo: Repository, files: ReleaseFiles, approval: Approval, already: bool = False
) -> ApproveResult:
    """Write the French of ``approval`` and pin its files in the review file; a file
    that would not change is not written. ``already``: the approval is the one recorded;
    while its French file is as presse wrote it, nothing at all is written."""
    # Rendered once, for both the pinned hash and the file: nothing below changes what it
    # depends on (the French file is not written before, and the events added are not
    # publications, see corrects_a_publication).
    path = repo.target_path(files.slug)
    french = render_approved_french(files, approval, path)
    if already and holds_text(path, french.text):
        return ApproveResult(approval, [], already=True)
    catalog_text = render_po(files.catalog)  # the events are in the review file
    pinned = pin_files(approval, catalog_text, french.text)
    files.review.approval = pinned
    kept = keep_hand_edit_aside(repo, files, pinned, french)
    # The catalog, the review file and the French release change as one unit.
    french_file = (repo.target_path(files.slug), french.text)
    written = save_release_files(repo, files, catalog_text, also=[french_file])
    return ApproveResult(pinned, written + ([kept] if kept else []), already)


def holds_text(path: Path, text: str) -> bool:
    try:
        return path.read_bytes() == text.encode("utf-8")
    except OSError:
        return False


def unapprove(
    repo: Repository, slug: str, by: str, reason: str, clock: datetime | None = None
) -> str:
    """Withdraw a release's approval, saying who, when and why: the release needs
    approving again (status: ``stale``). The approval stays recorded, as the French it
    approved stays published until a person approves the French again (withdrawing
    the French from the site is another command). Only the review file changes; the
    time recorded is returned."""
    if not reason.strip():
        raise PresseError("say why the approval is withdrawn (a reason is required)")
    slug = repo.require_slug(slug)
    files = load_release_files(repo, slug)
    approval = files.review.approval
    if approval is None:
        raise PresseError(f"'{slug}' has no approval to withdraw", repo.review_path(slug))
    withdrawn = withdrawn_approval(files.review)
    if withdrawn is not None:
        raise PresseError(
            f"the approval of '{slug}' was withdrawn already, by {withdrawn.get('by')} "
            f"on {str(withdrawn.get('at'))[:10]}",
            repo.review_path(slug),
        )
    when = now_iso(repo, clock)
    files.review.add_event(
        "unapproved",
        when,
        by,
        reason=" ".join(reason.split()),
        approved_by=approval.by,
        catalog_hash=approval.catalog_hash,
    )
    write_text_atomic(repo.review_path(slug), render_review(files.review))
    return when
