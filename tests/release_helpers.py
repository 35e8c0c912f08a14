"""Helpers the tests share: many releases made from one, for runs in worker processes."""

from __future__ import annotations

from pathlib import Path

OPEN_DAY = (
    Path(__file__).resolve().parent
    / "data"
    / "catalog"
    / ("2016-10-01-tag-der-offenen-tuer-im-kreishaus.md")
)


def many_releases(root: Path, count: int) -> list[str]:
    """``count`` releases made from the open-day release, each with its own day and text."""
    text = OPEN_DAY.read_text("utf-8")
    slugs = []
    for number in range(count):
        day = f"2016-11-{number % 28 + 1:02d}"
        slug = f"{day}-tag-der-offenen-tuer-{number}"
        release = text.replace("2016-10-01", day).replace("zehn Uhr", f"{number % 12 + 1} Uhr")
        (root / "releases" / "de" / f"{slug}.md").write_text(release, "utf-8")
        slugs.append(slug)
    return sorted(slugs)
