"""The translation memory of a repository: every human translation in its catalogs and TMX files.

Built once per ``presse translate`` run with the memory engine, oldest release first,
after the TMX files (those named in ``engine.memory.tmx`` and every ``memory/*.tmx``), so
that the office's own translations win. ``presse memory import FILE.tmx`` merges a TMX
file into ``memory/imported.tmx``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape as xml_escape

from presse.documents.catalog import entry_id
from presse.documents.po import Catalog
from presse.documents.release_files import po_edit_time, read_catalog, read_review, translator_of
from presse.documents.repository import Repository
from presse.documents.review_state import ReviewState, reconcile
from presse.engines.translation_memory import TranslationMemory, import_tmx, normalise
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
    for obsolete in (True, False):
        for entry in catalog.entries:
            if entry.obsolete != obsolete or not entry.msgstr or entry.fuzzy:
                continue
            record = review.segments.get(entry_id(entry))
            if record is not None and record.state == "translated":
                yield entry.msgid, entry.msgstr


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


# ---------------------------------------------------------------- presse memory import


@dataclass
class MemoryImport:
    path: Path  # the repository's imported TMX
    read: int  # pairs in the file imported
    added: int  # pairs whose German was not in the imported memory yet
    total: int  # pairs in the imported memory now


def render_tmx(pairs: Iterable[tuple[str, str]], source: str, target: str) -> str:
    """A TMX 1.4 file of (source, target) pairs."""
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<tmx version="1.4">',
        f'  <header creationtool="presse" creationtoolversion="1" segtype="sentence" '
        f'o-tmf="presse" adminlang="en" srclang="{xml_escape(source)}" datatype="plaintext"/>',
        "  <body>",
    ]
    for de, fr in pairs:
        lines += [
            "    <tu>",
            f'      <tuv xml:lang="{xml_escape(source)}"><seg>{xml_escape(de)}</seg></tuv>',
            f'      <tuv xml:lang="{xml_escape(target)}"><seg>{xml_escape(fr)}</seg></tuv>',
            "    </tu>",
        ]
    lines += ["  </body>", "</tmx>", ""]
    return "\n".join(lines)


def import_memory(repo: Repository, path: Path) -> MemoryImport:
    """Merge a TMX file's pairs into ``memory/imported.tmx`` (same German: the new wins)."""
    source, target = repo.config.source_language, repo.config.target_language
    new = import_tmx(path, source, target)
    stored = repo.root / MEMORY_DIR / IMPORTED_TMX
    pairs: dict[str, tuple[str, str]] = {}
    if stored.exists():
        for de, fr in import_tmx(stored, source, target):
            pairs[normalise(de)] = (de, fr)
    before = len(pairs)
    for de, fr in new:
        pairs[normalise(de)] = (de, fr)
    write_text_atomic(stored, render_tmx(pairs.values(), source, target))
    return MemoryImport(stored, len(new), len(pairs) - before, len(pairs))
