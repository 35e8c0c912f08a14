"""A build with nothing changed is answered from file stats, and never misses a change."""

from __future__ import annotations

import os
import time
from datetime import datetime, timedelta
from pathlib import Path

from presse.steps.open import open_repository
from presse.steps.publish import build
from presse.steps.unchanged import CACHE_FILE

APPROVED = "2016-09-08-eine-delegation-aus-dem-harz-war-zu-gast-in-der-partnerregion-belfort"


# Files look an hour old, as they are between two builds of a real office (a file
# modified in the last two seconds is never trusted by its stats).
AN_HOUR_AGO = time.time() - 3600


def age(path: Path, when: float = AN_HOUR_AGO) -> None:
    os.utime(path, (when, when))


def settled_build(root: Path, clock: datetime | None = None):  # type: ignore[no-untyped-def]
    """A build after which every file of the repository and the site looks an hour old."""
    result = build(open_repository(root), clock=clock)
    for path in root.rglob("*"):
        if path.is_file():
            age(path)
    return result


def test_nothing_changed_is_answered_without_reading_the_releases(example_repo: Path) -> None:
    first = settled_build(example_repo)
    remembered = settled_build(example_repo)  # this one remembers what it read
    assert (example_repo / ".presse" / "cache" / CACHE_FILE).is_file()
    # A release file that cannot be parsed any more, with its old stats: only an answer
    # from the fingerprint gets past it (the releases are not read at all).
    source = example_repo / "releases" / "de" / f"{APPROVED}.md"
    stats = source.stat()
    source.write_bytes(source.read_bytes().replace(b"title:", b"titel:", 1))
    os.utime(source, ns=(stats.st_atime_ns, stats.st_mtime_ns))
    answered = build(open_repository(example_repo))
    assert answered.summary.written == []
    assert answered.summary.unchanged == len(first.summary.written)
    assert answered.summary.pages == remembered.summary.pages == first.summary.pages
    assert answered.summary.held_back == first.summary.held_back


def test_a_changed_template_is_not_missed(example_repo: Path) -> None:
    settled_build(example_repo)
    settled_build(example_repo)
    footer = example_repo / "templates" / "partials" / "footer.html"
    footer.write_text(footer.read_text("utf-8") + "\n<p>Neue Fußzeile</p>\n", "utf-8")
    age(footer, AN_HOUR_AGO + 1)
    result = build(open_repository(example_repo))
    assert result.summary.written
    page = example_repo / "site" / "de" / APPROVED / "index.html"
    assert "Neue Fußzeile" in page.read_text("utf-8")


def test_a_deleted_output_is_written_again(example_repo: Path) -> None:
    settled_build(example_repo)
    settled_build(example_repo)
    page = example_repo / "site" / "de" / APPROVED / "index.html"
    page.unlink()
    result = build(open_repository(example_repo))
    assert page in result.summary.written


def test_an_embargo_that_runs_out_is_not_missed(example_repo: Path) -> None:
    source = (
        example_repo
        / "releases"
        / "de"
        / (
            "2016-10-05-franzoesische-jugendliche-aus-der-partnerregion-belfort-zu-gast-im-landkreis-harz.md"
        )
    )
    source.write_text(
        source.read_text("utf-8").replace(
            "category: Presseinfos\n", "category: Presseinfos\nembargo: 2030-01-01T10:00:00+01:00\n"
        ),
        "utf-8",
    )
    before = datetime.fromisoformat("2029-12-31T10:00:00+01:00")
    after = before + timedelta(days=2)
    settled_build(example_repo, before)
    held = settled_build(example_repo, before)
    assert build(open_repository(example_repo), clock=before).summary.written == []
    assert any(slug == source.stem for slug, _ in held.summary.held_back)
    released = build(open_repository(example_repo), clock=after)
    assert source.stem in released.summary.pages
