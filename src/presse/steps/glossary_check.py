"""The glossary check over releases: every segment's French against the glossary.

``presse glossary check`` asks what ``presse status`` already knows (the same quality
module, the same cache by file stats and hashes), keeps the glossary's findings, and
reads the texts of only the releases that have one. A whole archive answers in the time
of a warm status.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from presse.documents.catalog import entry_id
from presse.documents.repository import Repository, now_iso
from presse.steps.status import status


@dataclass(frozen=True)
class GlossaryFinding:
    slug: str
    segment: str
    german: str
    french: str
    message: str


def glossary_messages(problems: dict[str, list[dict[str, Any]]]) -> dict[str, list[str]]:
    """The glossary findings of a release's status, by segment."""
    found = {
        segment: [p["message"] for p in items if p["check"] == "glossary"]
        for segment, items in problems.items()
    }
    return {segment: messages for segment, messages in found.items() if messages}


def release_findings(
    repo: Repository, slug: str, messages: dict[str, list[str]]
) -> list[GlossaryFinding]:
    """The findings with the German and French they are about."""
    from presse.steps.review import current_files

    files = current_files(repo, slug, now_iso(repo))
    texts = {entry_id(e): (e.msgid, e.msgstr) for e in files.catalog.active}
    return [
        GlossaryFinding(slug, segment, *texts[segment], message)
        for segment, items in messages.items()
        if segment in texts
        for message in items
    ]


def check_glossary(repo: Repository, slugs: list[str] | None = None) -> list[GlossaryFinding]:
    """Every glossary violation in the given releases' translations (all when none given)."""
    findings: list[GlossaryFinding] = []
    for result in status(repo, slugs):
        messages = glossary_messages(result.problems)
        if messages:
            findings.extend(release_findings(repo, result.slug, messages))
    return findings


def german_texts(repo: Repository) -> list[str]:
    """The German sentences of every release, for ``presse glossary suggest``; the
    releases are segmented in one worker per core (SoMaJo takes most of a minute per
    thousand releases)."""
    from presse.documents.catalog import release_segments
    from presse.documents.release import read_release
    from presse.store.workers import map_in_workers

    def sentences(slug: str) -> list[str]:
        return [s.msgid for s in release_segments(read_release(repo.source_path(slug)))]

    found = map_in_workers(sentences, repo.source_slugs(), SEGMENT_WORKERS_THRESHOLD)
    return [sentence for release in found for sentence in release]


SEGMENT_WORKERS_THRESHOLD = 40  # releases before worker processes pay for themselves
