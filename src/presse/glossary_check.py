"""The glossary check over releases: every segment's French against the glossary.

``presse glossary check`` and ``presse status`` ask the same question through
:mod:`presse.quality`; this module runs it over the catalogs as they are on disk,
fast enough for a whole archive (one compiled matcher, catalogs read once).
"""

from __future__ import annotations

from dataclasses import dataclass

from presse.catalog import entry_id
from presse.glossary import Glossary, load_glossary
from presse.quality import segment_problems
from presse.repository import Repository
from presse.store import load_release_files


@dataclass(frozen=True)
class GlossaryFinding:
    slug: str
    segment: str
    german: str
    french: str
    message: str


def check_release(repo: Repository, slug: str, glossary: Glossary) -> list[GlossaryFinding]:
    files = load_release_files(repo, slug)
    findings: list[GlossaryFinding] = []
    for entry in files.catalog.active:
        record = files.review.segments.get(entry_id(entry))
        for problem in segment_problems(glossary, entry, record, only=("glossary",)):
            findings.append(
                GlossaryFinding(slug, entry_id(entry), entry.msgid, entry.msgstr, problem.message)
            )
    return findings


def check_glossary(repo: Repository, slugs: list[str] | None = None) -> list[GlossaryFinding]:
    """Every glossary violation in the given releases' translations (all when none given)."""
    glossary = load_glossary(repo.glossary_path)  # the glossary check alone, at its default
    targets = [repo.require_slug(s) for s in slugs] if slugs else repo.source_slugs()
    return [f for slug in targets for f in check_release(repo, slug, glossary)]


def german_texts(repo: Repository) -> list[str]:
    """The German sentences of every release, for ``presse glossary suggest``."""
    from presse.catalog import release_segments
    from presse.release import read_release

    return [
        s.msgid
        for slug in repo.source_slugs()
        for s in release_segments(read_release(repo.source_path(slug)))
    ]
