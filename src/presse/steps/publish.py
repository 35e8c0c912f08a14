"""The build step: the gate, then the site, unless nothing the build reads has changed.

``presse build`` first asks :mod:`presse.steps.unchanged` whether the last build into the
same folder still stands; only when it does not are the releases read, put through the
gate (:mod:`presse.steps.gate`: only approved French goes out) and the site built
(:mod:`presse.site`). The heavy modules are imported only then, so that a build with
nothing to do costs little more than the stats of the repository's files.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from presse.documents.repository import Repository, now_iso
from presse.errors import PresseError
from presse.site.model import BuildSummary
from presse.steps.open import remember_config
from presse.steps.unchanged import input_fingerprint, remember_build, unchanged_build

if TYPE_CHECKING:
    from presse.site.pages import Site
    from presse.steps.gate import GateResult


@dataclass
class PublishResult:
    summary: BuildSummary
    out: Path
    notes: list[str] = field(default_factory=list)


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
    when = now_iso(repo, clock)
    moment = datetime.fromisoformat(when)
    before = input_fingerprint(repo, out, drafts)
    remember_config(repo)  # a build writes its caches: the settings' among them
    unchanged = unchanged_build(repo, out, drafts, before, moment)
    if unchanged is not None:  # answered from stats alone: no lock needed to read them
        return PublishResult(unchanged, out, [])
    with repo.lock():  # a build reads every file; a writer waits until it is done
        return _build(repo, out, drafts, when, before, clock)


def _build(
    repo: Repository,
    out: Path,
    drafts: bool,
    when: str,
    before: str | None,
    clock: datetime | None,
) -> PublishResult:
    from presse.steps.gate import run_gate

    moment = datetime.fromisoformat(when)
    ready: list[Site] = []

    def ready_the_site() -> None:
        # While the gate's workers read the releases: the site's imports, templates
        # and locale data, which the render's workers then inherit.
        from presse.site.build import prepare_site

        ready.append(prepare_site(repo, drafts))

    built = run_gate(repo, repo.source_slugs(), when, drafts, meanwhile=ready_the_site)
    from presse.site.build import build_site

    pairs = [result.pair for result in built]
    summary = build_site(repo, pairs, out, drafts=drafts, now=clock, site=ready[0])
    notes = [note for result in built for note in result.notes]
    # Remembered only when nothing changed while the build ran.
    if before is not None and input_fingerprint(repo, out, drafts) == before:
        remember_build(repo, out, drafts, before, summary, next_embargo(built, moment))
    return PublishResult(summary, out, notes)


def next_embargo(built: list[GateResult], now: datetime) -> datetime | None:
    """The first embargo still to run out: the build must look again then."""
    waiting = [r.pair.de.embargo for r in built if r.pair.de.embargo and r.pair.de.embargo > now]
    return min(waiting) if waiting else None
