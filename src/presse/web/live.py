"""The review page of one release, whole or in parts.

:func:`page_context` is what the page is rendered from. After a change (a save, a
dismissal, segments confirmed together), :func:`fresh_parts` renders again, with the
same templates, the parts that change: the progress card (figures, blockers) and the
changed segments (state, findings, glossary highlights). The page's script puts them
in place, so what a reader sees after a save is what a reload would show.
"""

from __future__ import annotations

from typing import Any

from flask import render_template

from presse.documents.release_files import ReleaseFiles
from presse.documents.repository import Repository
from presse.glossary.load import load_glossary
from presse.steps.extract import checker_for
from presse.steps.merge import merge_room
from presse.steps.review import Segment, segments_of
from presse.steps.status import status
from presse.web import present


def segment_views(repo: Repository, files: ReleaseFiles) -> list[present.SegmentView]:
    checker = checker_for(repo, load_glossary(repo.glossary_path))
    views = [
        present.segment_view(segment, entry, number, checker.glossary, checker)
        for number, (segment, entry) in enumerate(
            zip(segments_of(files), files.catalog.active, strict=True), start=1
        )
    ]
    number = {v.id: v.number for v in views}
    room = merge_room(files)
    for view in views:
        segment = view.segment
        if segment.merged_into:
            view.head_number = number.get(segment.merged_into)
        view.covered_numbers = [number[key] for key in segment.covers if key in number]
        # A merge already made is widened by choosing more than it covers.
        view.merge_choices = list(range(len(segment.covers) + 1, room.get(view.id, 0) + 1))
    return views


def merge_group(files: ReleaseFiles, segment_id: str) -> list[str]:
    """The segments of the merge ``segment_id`` is part of (its first one, then those it
    covers), or the segment alone: what a merge or an unmerge changes on the page."""
    segments: dict[str, Segment] = {s.id: s for s in segments_of(files)}
    own = segments.get(segment_id)
    head = segments.get(own.merged_into or segment_id) if own else None
    if head is None:
        return [segment_id]
    return [head.id, *head.covers]


def page_context(
    repo: Repository, slug: str, files: ReleaseFiles, views: list[present.SegmentView]
) -> dict[str, Any]:
    """What the release page and its parts are rendered from."""
    current = status(repo, [slug])[0]
    return {
        "slug": slug,
        "release": files.release,
        "status": current,
        "row": present.release_row(current),
        "segments": views,
        "todo": sum(1 for v in views if v.needs_a_human),
        "progress": present.progress_of(views),
        "state_choices": list(present.STATE_KEYS.items()),
        "checks_found": present.checks_found(views),
        "approval": files.review.approval,
    }


def next_to_review(views: list[present.SegmentView], after: str) -> str | None:
    """The next segment after ``after`` that needs a person (wrapping round), if any."""
    ids = [v.id for v in views]
    start = ids.index(after) + 1 if after in ids else 0
    for view in views[start:] + views[:start]:
        if view.needs_a_human and view.id != after:
            return view.id
    return None


def fresh_parts(
    repo: Repository, slug: str, files: ReleaseFiles, changed: list[str]
) -> dict[str, Any]:
    """After a change to the ``changed`` segments: the parts of the page to put in place,
    and the figures the script needs (the next segment to review among them)."""
    views = segment_views(repo, files)
    context = page_context(repo, slug, files, views)
    by_id = {v.id: v for v in views}
    current = context["status"]
    return {
        "summary_html": render_template("review/summary.html", **context),
        "segments_html": {
            key: render_template("review/segment.html", v=by_id[key], slug=slug)
            for key in changed
            if key in by_id
        },
        "next": next_to_review(views, changed[-1]) if changed else None,
        "release_state": current.state,
        "todo": context["todo"],
        "blockers": current.blockers,
    }
