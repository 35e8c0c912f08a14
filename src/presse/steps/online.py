"""What of a release's French is online, derived from what the repository records.

A build writes nothing that git tracks (see :mod:`presse.steps.gate`), so how a
release's French stands is derived from its review file (the approval and the events),
the German release's embargo and the approved French file ``releases/fr/<slug>.md``:

* it **first went out** at its first approval, or when the embargo ran out if later;
  it was **last corrected** at the ``corrected_at`` of its French file;
* a **correction is pending** when the German or the catalog changed after an approval:
  the last approved French stays online, unchanged, while the French file is byte for
  byte the one that approval pinned (``french_file``, its SHA-256), so that a fresh
  clone verifies it without the old catalog. An approval made before presse pinned
  the file cannot be verified that way: its French is held back, as before;
* it is **withdrawn** after a ``withdrawn`` event later than the approval (``presse
  withdraw SLUG --reason``): the page is a notice saying when and why, until a person
  approves the French again.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from presse.documents.french import FrenchRelease, parse_french_release
from presse.documents.release import Release
from presse.documents.repository import Repository
from presse.documents.review_state import Approval
from presse.errors import PresseError
from presse.site.model import PagePair, Publication, pair_digest
from presse.store.disk import decode_utf8, read_bytes

WITHDRAWN_EVENT = "withdrawn"


def _moment(value: Any) -> datetime | None:
    try:
        moment = datetime.fromisoformat(str(value))
    except (TypeError, ValueError):
        return None
    return moment if moment.tzinfo is not None else None


def _events_named(events: list[dict[str, Any]], name: str) -> list[tuple[datetime, dict[str, Any]]]:
    found = []
    for event in events:
        if isinstance(event, dict) and event.get("event") == name:
            moment = _moment(event.get("at"))
            if moment is not None:
                found.append((moment, event))
    return found


def first_out(
    events: list[dict[str, Any]], approval: Approval, embargo: datetime | None
) -> datetime:
    """When the French first went out: its first approval (of any text), or the end of
    the embargo if that came later."""
    approved = [moment for moment, _ in _events_named(events, "approved")]
    current = _moment(approval.at)
    if current is not None:
        approved.append(current)
    first = min(approved)
    return max(first, embargo) if embargo is not None else first


@dataclass(frozen=True)
class Withdrawal:
    at: datetime
    by: str | None
    reason: str


def withdrawal(events: list[dict[str, Any]], approval: Approval | None) -> Withdrawal | None:
    """The withdrawal in force: the last ``withdrawn`` event, unless the French was
    approved again after it. By the order of the history, which presse appends to (two
    commands can run within one second)."""
    last: tuple[int, dict[str, Any]] | None = None
    approved_after = False
    for index, event in enumerate(events):
        if not isinstance(event, dict):
            continue
        if event.get("event") == WITHDRAWN_EVENT and _moment(event.get("at")) is not None:
            last, approved_after = (index, event), False
        elif event.get("event") == "approved" and last is not None:
            approved_after = True
    if last is None or approved_after or approval is None:
        return None
    event = last[1]
    at = _moment(event.get("at"))
    assert at is not None
    by = event.get("by")
    return Withdrawal(at, str(by) if by else None, str(event.get("reason") or ""))


def german_updated(events: list[dict[str, Any]], approval: Approval) -> datetime | None:
    """When the German changed after the approval, as ``presse extract`` recorded it
    (None when it has not run since: the note then gives no date)."""
    approved_at = _moment(approval.at)
    after = [
        moment
        for moment, _ in _events_named(events, "extracted")
        if approved_at is None or moment > approved_at
    ]
    return min(after) if after else None


def kept_french(repo: Repository, slug: str, approval: Approval) -> FrenchRelease | None:
    """The approved French file, when it is byte for byte the one the approval pinned and
    says it is that approval's; None otherwise (missing, edited, from another approval,
    or an approval that pinned no file)."""
    if approval.french_file is None:
        return None
    path = repo.target_path(slug)
    try:
        data = read_bytes(path)
        if hashlib.sha256(data).hexdigest() != approval.french_file:
            return None
        french = parse_french_release(decode_utf8(data, path), path)
    except (PresseError, FileNotFoundError):
        return None
    pinned = (french.source_hash, french.catalog_hash) == (
        approval.source_hash,
        approval.catalog_hash,
    )
    return french if pinned and not french.edited_by_hand and french.source_slug == slug else None


def publication_of(
    release: Release,
    french: FrenchRelease,
    approval: Approval,
    events: list[dict[str, Any]],
    pending: str | None = None,
) -> Publication:
    """The dates and standing of ``french`` (approved by ``approval``); ``pending``:
    ``"german"`` or ``"french"`` when a correction is on its way."""
    published = first_out(events, approval, release.embargo)
    modified = max(french.corrected_at, published) if french.corrected_at else published
    withdrawn = withdrawal(events, approval)
    return Publication(
        published=published,
        modified=modified,
        pending=None if withdrawn else pending,
        german_updated=german_updated(events, approval) if pending == "german" else None,
        withdrawn_at=withdrawn.at if withdrawn else None,
        withdrawn_reason=withdrawn.reason if withdrawn else None,
    )


def pending_cause(release_source_hash: str, approval: Approval) -> str:
    """Why the approved French is no longer current: the German changed, or only the
    translation."""
    return "german" if release_source_hash != approval.source_hash else "french"


def source_hash_of(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def correction_pending(
    repo: Repository,
    slug: str,
    release: Release,
    source_text: str,
    approval: Approval,
    events: list[dict[str, Any]],
) -> tuple[FrenchRelease, Publication] | None:
    """For a release whose German or catalog changed after its approval: the last
    approved French, kept online with its standing; None when it cannot be verified."""
    french = kept_french(repo, slug, approval)
    if french is None:
        return None
    cause = pending_cause(source_hash_of(source_text), approval)
    return french, publication_of(release, french, approval, events, cause)


def kept_pair(
    repo: Repository,
    release: Release,
    source_text: str,
    approval: Approval | None,
    events: list[dict[str, Any]],
) -> tuple[PagePair, list[str]] | None:
    """A stale release's last approved French, kept online while a correction is
    pending (or its withdrawal notice); None when it cannot be verified."""
    if approval is None:
        return None
    kept = correction_pending(repo, release.slug, release, source_text, approval, events)
    if kept is None:
        notice = withdrawal_notice_of(repo, release, approval, events)
        if notice is None:
            return None
        kept = notice
    french, publication = kept
    if publication.withdrawn_at is not None:
        note = f"{release.slug}: the French is withdrawn; its page says so"
    else:
        note = (
            f"{release.slug}: changed after approval; the approved French stays online with "
            "a note until the new French is approved"
        )
    return _pair(release, french, publication), [note]


def withdrawal_notice_of(
    repo: Repository, release: Release, approval: Approval, events: list[dict[str, Any]]
) -> tuple[FrenchRelease, Publication] | None:
    """A withdrawn French that cannot be verified any more still has its page, a notice:
    at the URL of its file, under the German title (no unverified French goes out)."""
    if withdrawal(events, approval) is None:
        return None
    path = repo.target_path(release.slug)
    try:
        french = parse_french_release(decode_utf8(read_bytes(path), path), path)
    except (PresseError, FileNotFoundError):
        return None  # no French page was ever made from it
    notice = replace(french, title=release.title, summary=None).with_body("")
    return notice, publication_of(release, notice, approval, events)


def _pair(release: Release, french: FrenchRelease, publication: Publication) -> PagePair:
    digest = pair_digest(release, french, publication)
    return PagePair(release, french, None, None, digest, publication)
