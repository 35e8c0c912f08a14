"""The withdraw step: a person takes a release's French off the web, saying why.

``presse withdraw SLUG --reason TEXT`` is the office's choice for a release whose
French must not stay online, not even while a correction is on its way (see
:mod:`presse.steps.online`): it records a ``withdrawn`` event (who, when, why) in
``releases/fr/<slug>.review.yaml``, for the office to commit. From then on every build
replaces the French page, its kit and its feed entries by a notice saying when and
why it was withdrawn (the URL stays: no partner is left with a dead link), until a
person approves the French again. Only the head of the review file is written again:
the segments, and with them the translators' work, are left as they are.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from presse.documents.release_files import read_review
from presse.documents.repository import Repository, now_iso
from presse.documents.review_state import render_review
from presse.errors import PresseError
from presse.steps.online import WITHDRAWN_EVENT, withdrawal
from presse.store.disk import write_text_atomic


@dataclass(frozen=True)
class Withdrawn:
    slug: str
    by: str
    at: str
    reason: str
    written: Path


def withdraw(
    repo: Repository, slug: str, by: str, reason: str, clock: datetime | None = None
) -> Withdrawn:
    """Record the withdrawal of ``slug``'s French; refused when nothing was approved,
    it is withdrawn already, or no reason is given."""
    slug = repo.require_slug(slug)
    reason = " ".join(reason.split())
    if not reason:
        raise PresseError(
            "say why the French is withdrawn: --reason TEXT (it is shown on the page)"
        )
    path = repo.review_path(slug)
    review = read_review(path, slug)
    if review.approval is None:
        raise PresseError(f"cannot withdraw '{slug}': its French was never approved", path)
    if withdrawal(review.events, review.approval) is not None:
        raise PresseError(f"'{slug}' is withdrawn already", path)
    when = now_iso(repo, clock)
    # The writer is deterministic: a file as presse wrote it changes by this event only.
    review.add_event(WITHDRAWN_EVENT, when, by, reason=reason)
    write_text_atomic(path, render_review(review))
    return Withdrawn(slug, by, when, reason, path)
