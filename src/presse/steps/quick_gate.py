"""The quick gate: an approved, unchanged release decided from hashes alone.

An approval pins the exact German (its SHA-256), the exact catalog (the hash of its
active messages) and the bytes of the PO and French files presse wrote for it. When the
German file's hash and the catalog's equal the approval's, the release is ``approved``
(or ``published``) as the full gate would find, without the segmenter or the checks;
while the PO and French files are those very bytes, neither is read closely. A French
file that differs must still say what the approved catalog says (a hand edit goes to the
full gate, which publishes the approved catalog's French instead). Anything else answers
None, and the full gate of :mod:`presse.steps.gate` decides and reports errors with
their lines.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from presse.documents.catalog import SUMMARY_CONTEXT, TITLE_CONTEXT, content_hash, one_line
from presse.documents.french import FrenchRelease, parse_french_release
from presse.documents.po import parse_po
from presse.documents.release import Release, parse_release
from presse.documents.repository import Repository
from presse.documents.review_state import Approval, quick_review
from presse.errors import PresseError
from presse.steps.approve import corrects_a_publication, french_as_approved
from presse.store.disk import decode_utf8, read_bytes, read_text


@dataclass
class QuickGate:
    """What the quick gate found for one release (None: the full gate decides)."""

    release: Release
    approval: Approval
    state: str
    events: list[dict[str, Any]]
    catalog_text: str
    catalog_path: Path
    pinned: bool  # the PO file is, byte for byte, the one approved
    # The catalog's translations with a context (title, summary) by (context, msgid),
    # when it was read closely (it is not while it is the very file approved).
    contexts: dict[tuple[str, str], str] | None = None


def read_catalog_closely(text: str, path: Path) -> tuple[str, dict[tuple[str, str], str]] | None:
    """The content hash of a PO file's active messages and its translations with a
    context, through the one PO reader; None when it cannot be read (the full gate then
    reports where)."""
    try:
        catalog = parse_po(text, path)
    except PresseError:
        return None
    contexts = {(e.msgctxt, e.msgid): e.msgstr for e in catalog.active if e.msgctxt is not None}
    return content_hash(catalog), contexts


def quick_state(repo: Repository, slug: str) -> QuickGate | None:
    """The quick gate for one release; None when the full gate must decide."""
    try:
        source_path = repo.source_path(slug)
        source_text = read_text(source_path)
        release = parse_release(source_text, source_path)
        review_path = repo.review_path(slug)
        review = quick_review(read_text(review_path), review_path)
        catalog_path = repo.catalog_path(slug)
        catalog_bytes = read_bytes(catalog_path)
        catalog_text = decode_utf8(catalog_bytes, catalog_path)
    except PresseError:
        return None
    if review is None or review[0] is None:
        return None
    approval, events = review
    pinned = approval.catalog_file == hashlib.sha256(catalog_bytes).hexdigest()
    contexts = None
    if pinned:
        catalog_hash = approval.catalog_hash  # the very file approved: no need to read it
    else:
        catalog = read_catalog_closely(catalog_text, catalog_path)
        if catalog is None:
            return None
        catalog_hash, contexts = catalog
    source_hash = hashlib.sha256(source_text.encode("utf-8")).hexdigest()
    if (approval.source_hash, approval.catalog_hash) != (source_hash, catalog_hash):
        return None
    published = any(
        e.get("event") == "published" and e.get("catalog_hash") == catalog_hash
        for e in events
        if isinstance(e, dict)
    )
    state = "published" if published else "approved"
    return QuickGate(release, approval, state, events, catalog_text, catalog_path, pinned, contexts)


def quick_french(repo: Repository, gate: QuickGate) -> FrenchRelease | None:
    """The French release file, when it is the one presse wrote for this approval."""
    path = repo.target_path(gate.release.slug)
    try:
        data = read_bytes(path)
        french = parse_french_release(decode_utf8(data, path), path)
    except PresseError:
        return None
    if gate.pinned and gate.approval.french_file == hashlib.sha256(data).hexdigest():
        return french  # the very file written on approval, with the very catalog
    translations = gate.contexts
    if translations is None:
        catalog = read_catalog_closely(gate.catalog_text, gate.catalog_path)
        if catalog is None:
            return None
        translations = catalog[1]
    release = gate.release
    title = translations.get((TITLE_CONTEXT, one_line(release.title)), "")
    summary = translations.get((SUMMARY_CONTEXT, one_line(release.summary or "")))
    approved_text = (title, summary if release.summary else None)
    corrected = corrects_a_publication(gate.events, gate.approval, release.embargo)
    if french_as_approved(french, release, gate.approval, approved_text, corrected):
        return french
    return None
