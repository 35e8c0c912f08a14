"""Helpers of the review-page tests: the example office, its catalog, forms."""

from __future__ import annotations

import re
from pathlib import Path

import polib
import yaml

from presse.documents.repository import Repository

REVIEWER = "Jana Beispiel"


def set_reviewer(root: Path, name: str = REVIEWER) -> None:
    """Name the reviewer in presse.yaml, so nothing depends on the machine's git."""
    config = root / "presse.yaml"
    text = config.read_text("utf-8")
    text = re.sub(r"^review:.*$", f"review:\n  reviewer: {name}", text, count=1, flags=re.M)
    config.write_text(text, "utf-8")


def only_slug(repo: Repository) -> str:
    return repo.source_slugs()[0]


def po(repo: Repository, slug: str) -> polib.POFile:
    return polib.pofile(str(repo.catalog_path(slug)), wrapwidth=79)


def active_entries(catalog: polib.POFile) -> list[polib.POEntry]:
    return [e for e in catalog if not e.obsolete]


def change_entry(
    repo: Repository,
    slug: str,
    index: int,
    msgstr: str | None = None,
    fuzzy: bool | None = None,
) -> polib.POEntry:
    """Edit one message of the PO file as a PO editor would."""
    catalog = po(repo, slug)
    entry = active_entries(catalog)[index]
    if msgstr is not None:
        entry.msgstr = msgstr
    if fuzzy is True and "fuzzy" not in entry.flags:
        entry.flags.insert(0, "fuzzy")
    if fuzzy is False and "fuzzy" in entry.flags:
        entry.flags.remove("fuzzy")
    catalog.save()
    return entry


def msgstr_of(repo: Repository, slug: str, index: int) -> str:
    return active_entries(po(repo, slug))[index].msgstr


def review_data(repo: Repository, slug: str) -> dict:
    return yaml.safe_load(repo.review_path(slug).read_text("utf-8"))


def write_release(root: Path, slug: str, title: str, body: str, date: str) -> None:
    text = f"---\ntitle: {title}\ndate: {date}\n---\n\n{body}\n"
    (root / "releases" / "de" / f"{slug}.md").write_text(text, "utf-8")


def hidden(html: str, segment_id: str, name: str) -> str:
    """The value of a hidden field in one segment's form."""
    section = html.split(f'id="seg-{segment_id}"', 1)[1].split("</section>", 1)[0]
    match = re.search(rf'name="{name}" value="([^"]*)"', section)
    assert match, f"no {name} in segment {segment_id}"
    return match.group(1)


def textarea(html: str, segment_id: str) -> str:
    section = html.split(f'id="seg-{segment_id}"', 1)[1].split("</section>", 1)[0]
    match = re.search(r"<textarea[^>]*>(.*?)</textarea>", section, re.S)
    assert match
    return match.group(1)
