"""The translation memory of a repository: every human translation in its catalogs and TMX files.

Built once per ``presse translate`` run with the memory engine, oldest release first,
after the TMX files (those named in ``engine.memory.tmx`` and every ``memory/*.tmx``), so
that the office's own translations win. ``presse memory import FILE.tmx`` merges a TMX
file into ``memory/imported.tmx``; ``presse memory export FILE.tmx`` writes the
repository's approved pairs.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from presse import __version__
from presse.documents.catalog import entry_id
from presse.documents.merges import covered_by_markers, joined_german
from presse.documents.po import Catalog
from presse.documents.release_files import po_edit_time, read_catalog, read_review, translator_of
from presse.documents.repository import Repository
from presse.documents.review_state import ReviewState, reconcile
from presse.engines.translation_memory import (
    TmxUnit,
    TranslationMemory,
    import_tmx,
    normalise,
    read_tmx,
    render_tmx,
)
from presse.errors import PresseError
from presse.store.disk import write_text_atomic

MEMORY_DIR = "memory"
IMPORTED_TMX = "imported.tmx"

# ---------------------------------------------------------------- the memory


def tmx_files(repo: Repository, options: dict[str, Any]) -> list[Path]:
    """The TMX files of the memory: ``engine.memory.tmx``, then ``memory/*.tmx``."""
    named = options.get("tmx") or []
    if isinstance(named, str):
        named = [named]
    if not isinstance(named, list) or not all(isinstance(n, str) for n in named):
        raise PresseError(
            f"'engine.memory.tmx' must be a file name or a list of them, not {named!r}",
            repo.config.path,
        )
    paths = [repo.root / n for n in named]
    folder = repo.root / MEMORY_DIR
    if folder.is_dir():
        paths += sorted(p for p in folder.glob("*.tmx") if p not in paths)
    return paths


def human_pairs(catalog: Catalog, review: ReviewState) -> Iterator[tuple[str, str]]:
    """(German, French) of every segment a person translated: the previous French of
    changed sentences first, then obsolete entries, then the active ones."""
    for entry in catalog.entries:
        record = review.segments.get(entry_id(entry))
        previous = record.previous if record is not None else None
        if previous and previous.get("by") and previous.get("de") and previous.get("fr"):
            yield previous["de"], previous["fr"]
    german = merged_german(catalog)
    for obsolete in (True, False):
        for entry in catalog.entries:
            if entry.obsolete != obsolete or not entry.msgstr or entry.fuzzy:
                continue
            record = review.segments.get(entry_id(entry))
            if record is not None and record.state == "translated":
                yield german.get(entry_id(entry), entry.msgid), entry.msgstr


def merged_german(catalog: Catalog) -> dict[str, str]:
    """The German that a French covering several segments translates (a merge): the
    memory pairs it with all of them, never with the first alone."""
    return joined_german(catalog, covered_by_markers(catalog))


def repository_pairs(repo: Repository) -> Iterator[tuple[str, str, str]]:
    """Every human translation of the repository, oldest release first (name order)."""
    folder = repo.catalog_dir
    if not folder.is_dir():
        return
    for path in sorted(folder.glob("*.po")):
        if path.name.startswith("."):
            continue
        slug = path.stem
        catalog = read_catalog(path)
        if catalog is None:
            continue
        review = read_review(repo.review_path(slug), slug)
        review = reconcile(
            catalog, review, translator_of(catalog), po_edit_time(repo, catalog, path)
        )
        for de, fr in human_pairs(catalog, review):
            yield de, fr, slug


def build_memory(repo: Repository, options: dict[str, Any] | None = None) -> TranslationMemory:
    """The translation memory of a run: the TMX files first, then the repository's own
    human translations (which win for the same German), oldest release first."""
    options = repo.config.engine_options("memory") if options is None else options
    memory = TranslationMemory()
    source, target = repo.config.source_language, repo.config.target_language
    for path in tmx_files(repo, options):
        origin = f"tmx:{path.relative_to(repo.root).as_posix()}"
        for de, fr in import_tmx(path, source, target):
            memory.add(de, fr, origin)
    for de, fr, slug in repository_pairs(repo):
        memory.add(de, fr, slug)
    return memory


# ---------------------------------------------------------------- presse memory import / export


@dataclass
class MemoryImport:
    path: Path  # the repository's imported TMX
    read: int  # units in the file imported
    added: int  # units whose German (in its context) was not in the imported memory yet
    total: int  # units in the imported memory now


def _key(unit: TmxUnit) -> tuple[str | None, str]:
    return unit.context, normalise(unit.de)


def import_memory(repo: Repository, path: Path) -> MemoryImport:
    """Merge a TMX file's units into ``memory/imported.tmx`` (the same German in the same
    context: the new unit wins), keeping every character, the context and the dates."""
    source, target = repo.config.source_language, repo.config.target_language
    new = read_tmx(path, source, target)
    if not new:
        raise PresseError(
            f"no translation unit with both {source} and {target} text: "
            "is it a memory of another language pair?",
            path,
        )
    stored = repo.root / MEMORY_DIR / IMPORTED_TMX
    units: dict[tuple[str | None, str], TmxUnit] = {}
    if stored.exists():
        for unit in read_tmx(stored, source, target):
            units[_key(unit)] = unit
    before = len(units)
    for unit in new:
        units[_key(unit)] = unit
    write_text_atomic(stored, render_tmx(units.values(), source, target, __version__))
    return MemoryImport(stored, len(new), len(units) - before, len(units))


def tmx_date(when: str | None) -> str | None:
    """An ISO date-time of the review file as TMX writes it (UTC, 20160912T133000Z)."""
    if not when:
        return None
    try:
        moment = datetime.fromisoformat(when)
    except ValueError:
        return None
    if moment.tzinfo is None:
        return None
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def approved_units(repo: Repository) -> list[TmxUnit]:
    """Every segment a person translated, as the catalogs now hold it, with who and
    when; for the same German in the same context the newest release's wins."""
    units: dict[tuple[str | None, str], TmxUnit] = {}
    folder = repo.catalog_dir
    for path in sorted(folder.glob("*.po")) if folder.is_dir() else []:
        catalog = read_catalog(path)
        if path.name.startswith(".") or catalog is None:
            continue
        review = read_review(repo.review_path(path.stem), path.stem)
        review = reconcile(
            catalog, review, translator_of(catalog), po_edit_time(repo, catalog, path)
        )
        german = merged_german(catalog)
        for entry in catalog.active:
            record = review.segments.get(entry_id(entry))
            if record is None or record.state != "translated" or not entry.msgstr or entry.fuzzy:
                continue
            date, person = tmx_date(record.at), record.by or None
            de = german.get(entry_id(entry), entry.msgid)
            unit = TmxUnit(de, entry.msgstr, entry.msgctxt, date, person, date, person)
            units[_key(unit)] = unit
    return list(units.values())


def export_memory(repo: Repository, path: Path) -> int:
    """Write the repository's approved pairs to ``path`` as TMX 1.4b; how many."""
    units = approved_units(repo)
    source, target = repo.config.source_language, repo.config.target_language
    write_text_atomic(path, render_tmx(units, source, target, __version__))
    return len(units)
