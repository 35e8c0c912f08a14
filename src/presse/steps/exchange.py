"""Work sent to an agency and back: ``presse export xliff`` and ``presse import xliff``.

Export: the releases' segments as XLIFF (:mod:`presse.documents.xliff`), each with its
stable id, its state, the terms and findings as notes, its inline Markdown as XLIFF
codes (through :class:`presse.engines.markup.Protector`, the tags engines see) and the
hashes of the German and of the French as exported.

Import: every file is read and every unit checked before anything is written; a file
that is broken, in another language pair, names a release or a unit this repository
does not have, or loses an inline code, is refused whole with one line naming the file
and the unit. A unit whose German changed since the export is refused (listed) and the
others are taken. A translation a person made in presse after the export is never
overwritten: it stays, and the agency's version is kept beside it as a suggestion the
reviewer sees (as a PO conflict keeps both versions).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from presse import __version__
from presse.documents.catalog import entry_id, text_hash
from presse.documents.merges import covered_by_markers, merge_groups
from presse.documents.po import Entry
from presse.documents.release_files import ReleaseFiles, save_release_files
from presse.documents.repository import Repository, now_iso
from presse.documents.review_state import SegmentRecord
from presse.documents.xliff import VERSIONS, Code, ExportFile, ExportUnit, render_xliff
from presse.documents.xliff_read import Piece, ReturnedDocument, ReturnedUnit, read_xliff
from presse.engines.markup import Protector, escape
from presse.errors import PresseError
from presse.glossary.load import load_glossary
from presse.steps.extract import annotate, checker_for
from presse.steps.review import current_files
from presse.store.disk import read_bytes, write_bytes_atomic

EXPORT_STATES = ("untranslated", "machine", "memory", "stale", "translated", "approved")
_NUMBER = re.compile(r'(<(?:b|em|a|x|k) n=")(\d+)(")')


# ---------------------------------------------------------------- tagged text


def tagged_pair(german: str, french: str) -> tuple[Protector, str, str | None]:
    """The German and French as tagged text whose codes share numbers: the French's
    bold, link or code gets the number of the same code in the German (French may
    reorder them); a code only the French has gets a number of its own."""
    protector = Protector()
    source = protector.protect(german)
    if not french:
        return protector, source, None
    own = Protector()
    target = own.protect(french)
    free = {n: (s.kind, s.raw) for n, s in protector.slots.items()}
    renumber: dict[int, int] = {}
    for n, slot in own.slots.items():
        match = next((g for g, code in free.items() if code == (slot.kind, slot.raw)), None)
        if match is None:
            match = max(protector.slots, default=0) + 1
            protector.slots[match] = slot
        else:
            del free[match]
        renumber[n] = match
    target = _NUMBER.sub(lambda m: f"{m[1]}{renumber[int(m[2])]}{m[3]}", target)
    return protector, source, target


def codes_of(protector: Protector) -> dict[int, Code]:
    return {n: Code(s.kind, s.raw) for n, s in protector.slots.items()}


def markdown_of(pieces: list[Piece], protector: Protector) -> tuple[str, list[str]]:
    """The Markdown of returned pieces, and what is wrong with their codes."""
    parts: list[str] = []
    problems: list[str] = []
    for piece in pieces:
        if isinstance(piece, str):
            parts.append(escape(piece))
            continue
        role, cid = piece
        slot = protector.slots.get(int(cid)) if cid.isdigit() else None
        if slot is None:
            problems.append(f"inline code id {cid!r} is not one of this segment's")
            continue
        if role == "open":
            parts.append(f'<{slot.kind} n="{cid}">')
        elif role == "close":
            parts.append(f"</{slot.kind}>")
        else:
            parts.append(f'<{slot.kind} n="{cid}"/>')
    text, found = protector.restore("".join(parts))
    return text, problems + found


# ---------------------------------------------------------------- export


@dataclass
class XliffExport:
    path: Path
    releases: int
    units: int


def export_state(files: ReleaseFiles, record: SegmentRecord | None, approved: bool) -> str:
    state = record.state if record is not None else "untranslated"
    return "approved" if approved and state == "translated" else state


def is_approved(files: ReleaseFiles) -> bool:
    approval = files.review.approval
    return (
        approval is not None
        and approval.source_hash == files.source_hash
        and approval.catalog_hash == files.catalog_hash
    )


def merge_notes(key: str, covered: dict[str, str], groups: dict[str, list[str]]) -> list[str]:
    """What a CAT tool's translator reads about a merge the unit is part of."""
    if key in covered:
        head = covered[key]
        return [f"merge: merged into {head}; the French of unit {head} translates this German"]
    if key in groups:
        return [f"merge: the French of this unit also translates unit(s) {', '.join(groups[key])}"]
    return []


def export_units(files: ReleaseFiles, states: frozenset[str] | None) -> list[ExportUnit]:
    approved = is_approved(files)
    covered = covered_by_markers(files.catalog)
    groups = merge_groups(covered)
    units: list[ExportUnit] = []
    for entry in files.catalog.active:
        key = entry_id(entry)
        record = files.review.segments.get(key)
        state = export_state(files, record, approved)
        if states is not None and state not in states:
            continue
        protector, source, target = tagged_pair(entry.msgid, entry.msgstr)
        units.append(
            ExportUnit(
                id=key,
                msgctxt=entry.msgctxt,
                source=source,
                target=target,
                state=state,
                source_hash=text_hash(entry.msgid),
                target_hash=text_hash(entry.msgstr) if entry.msgstr else None,
                codes=codes_of(protector),
                notes=[*merge_notes(key, covered, groups), *entry.extracted_comments],
                merged_into=covered.get(key),
            )
        )
    return units


def export_xliff(
    repo: Repository,
    slugs: list[str] | None,
    states: list[str] | None,
    out_dir: Path,
    version: str = "1.2",
    clock: datetime | None = None,
) -> XliffExport:
    """One XLIFF file in ``out_dir`` with a ``<file>`` per release (those with units)."""
    if version not in VERSIONS:
        raise PresseError(
            f"XLIFF version {version} is not written; use one of {', '.join(VERSIONS)}"
        )
    unknown = sorted(set(states or ()) - set(EXPORT_STATES))
    if unknown:
        raise PresseError(
            f"unknown state {unknown[0]!r}; the states are {', '.join(EXPORT_STATES)}"
        )
    when = now_iso(repo, clock)
    wanted = frozenset(states) if states else None
    exported: list[ExportFile] = []
    for slug in slugs or repo.source_slugs():
        files = current_files(repo, slug, when)
        units = export_units(files, wanted)
        if units:
            original = repo.source_path(files.slug).relative_to(repo.root).as_posix()
            exported.append(ExportFile(files.slug, original, units))
    if not exported:
        raise PresseError("nothing to export: no segment in the releases and states asked for")
    source, target = repo.config.source_language, repo.config.target_language
    data = render_xliff(exported, source, target, version, __version__)
    stamp = datetime.fromisoformat(when).strftime("%Y-%m-%d")
    name = exported[0].slug if len(exported) == 1 else f"presse-{stamp}"
    path = out_dir / f"{name}.{source}-{target}.xliff{version}.xlf"
    write_bytes_atomic(path, data)
    return XliffExport(path, len(exported), sum(len(f.units) for f in exported))


# ---------------------------------------------------------------- import


@dataclass
class XliffImport:
    updated: list[str] = field(default_factory=list)  # "slug segment" taken
    confirmed: list[str] = field(default_factory=list)  # drafts the agency confirmed as they were
    unchanged: int = 0
    refused: list[str] = field(default_factory=list)  # German changed since the export
    conflicts: list[str] = field(default_factory=list)  # a person's later French kept
    translators: list[str] = field(default_factory=list)


@dataclass
class _Change:
    files: ReleaseFiles
    entry: Entry
    french: str
    by: str
    origin: str
    conflict: bool


def import_xliff(
    repo: Repository, paths: list[Path], by: str | None = None, clock: datetime | None = None
) -> XliffImport:
    """Bring an agency's translations back (see the module's docstring)."""
    documents = [read_xliff(read_bytes(path), path) for path in paths]
    for document in documents:
        check_files(repo, document)
    when = now_iso(repo, clock)
    result = XliffImport()
    with repo.lock():
        loaded: dict[str, ReleaseFiles] = {}
        changes: list[_Change] = []
        for document in documents:
            for file in document.files:
                if file.slug not in loaded:
                    loaded[file.slug] = current_files(repo, file.slug, when)
                ours = exported_from_here(loaded[file.slug], file.units)
                for unit in file.units:
                    change = plan_unit(loaded[file.slug], unit, document.path, by, result, ours)
                    if change is not None:
                        changes.append(change)
        touched = apply_changes(changes, when, result)
        checker = checker_for(repo, load_glossary(repo.glossary_path))
        for slug in touched:
            files = loaded[slug]
            annotate(files.catalog, files.review, checker)
            save_release_files(repo, files)
    result.translators = sorted({c.by for c in changes if not c.conflict})
    return result


def check_files(repo: Repository, document: ReturnedDocument) -> None:
    """Refuse a document for another language pair or naming a release not here."""
    source, target = repo.config.source_language, repo.config.target_language
    known = set(repo.source_slugs())
    if not document.files:
        raise PresseError("no <file> in this XLIFF file", document.path, 1)
    for file in document.files:
        if (file.source_language, file.target_language) != (source, target):
            raise PresseError(
                f"release {file.slug}: the file translates {file.source_language or '?'} → "
                f"{file.target_language or '?'}, this repository {source} → {target}",
                document.path,
                file.line,
            )
        if file.slug not in known:
            raise PresseError(
                f"<file> {file.slug!r} is no release of this repository", document.path, file.line
            )
        for unit in file.units:
            if unit.target_language not in (None, target):
                raise PresseError(
                    f"unit {unit.id} ({file.slug}): the target is in {unit.target_language}, "
                    f"not {target}",
                    document.path,
                    unit.line,
                )


def find_segment(files: ReleaseFiles, unit: ReturnedUnit) -> tuple[Entry | None, bool]:
    """The active entry of the unit, or (None, whether the id is one this release had:
    an obsolete entry or record, i.e. its German changed or went since the export)."""
    for entry in files.catalog.entries:
        if entry_id(entry) == unit.id:
            return (None, True) if entry.obsolete else (entry, True)
    return None, unit.id in files.review.segments


def exported_from_here(files: ReleaseFiles, units: list[ReturnedUnit]) -> bool:
    """Whether a <file>'s units are this release's: some unit's id is one it has or had.
    Then a unit whose id it no longer knows is a sentence whose German changed or went
    since the export (an untranslated sentence leaves no obsolete entry behind)."""
    return any(find_segment(files, unit)[1] for unit in units if unit.translatable)


def plan_unit(
    files: ReleaseFiles,
    unit: ReturnedUnit,
    path: Path,
    by: str | None,
    result: XliffImport,
    ours: bool,
) -> _Change | None:
    """What the unit changes, if anything; a PresseError for a unit that cannot be right
    (``ours``: see :func:`exported_from_here`)."""

    def fail(message: str) -> PresseError:
        return PresseError(f"unit {unit.id} ({files.slug}): {message}", path, unit.line)

    if not unit.translatable:
        result.unchanged += 1  # exported as covered by a merge: nothing to take from it
        return None
    entry, known = find_segment(files, unit)
    if entry is None and not (known or ours):
        raise fail("no segment with this id in the release (was this file exported from here?)")
    changed = f"{path.name}:{unit.line}: unit {unit.id} ({files.slug}): the German changed since the export"
    if entry is None:
        result.refused.append(changed if known else changed + " (or the sentence went)")
        return None
    protector, _, _ = tagged_pair(entry.msgid, entry.msgstr)
    source, _ = markdown_of(unit.source, protector)
    german_now = text_hash(entry.msgid)
    if (unit.source_hash or text_hash(source)) != german_now:
        result.refused.append(changed)
        return None
    if unit.target is None or unit.progress == "open":
        result.unchanged += 1
        return None
    french, problems = markdown_of(unit.target, protector)
    if problems:
        raise fail(problems[0])
    record = files.review.segments.get(unit.id) or SegmentRecord()
    if french == entry.msgstr and (record.state == "translated" or unit.progress != "done"):
        result.unchanged += 1
        return None
    translator = by or unit.translator
    if not translator:
        raise fail(
            "the file names no translator (a <phase contact-name> in XLIFF 1.2, its:person "
            "in 2.x); give --by NAME"
        )
    person_since = record.state == "translated" and text_hash(entry.msgstr) != unit.target_hash
    conflict = person_since and french != entry.msgstr
    return _Change(files, entry, french, translator, f"XLIFF {path.name}", conflict)


def apply_changes(changes: list[_Change], when: str, result: XliffImport) -> list[str]:
    """Write the planned changes into the loaded files; the slugs touched."""
    touched: list[str] = []
    for change in changes:
        files, entry = change.files, change.entry
        key = entry_id(entry)
        record = files.review.record(key)
        label = f"{files.slug} {key}"
        if change.conflict:
            offered = {"fr": change.french, "de": entry.msgid, "score": 100.0, "by": change.by}
            offered["via"] = change.origin
            if offered not in record.suggestions:
                record.suggestions = [offered, *record.suggestions]
            result.conflicts.append(
                f"{label}: {record.by or 'someone'} changed the French after the export; "
                f"theirs is kept, {change.by}'s version is offered beside it"
            )
        else:
            (result.updated if change.french != entry.msgstr else result.confirmed).append(label)
            entry.msgstr = change.french
            entry.flags = [f for f in entry.flags if f != "fuzzy"]
            entry.previous_msgid = entry.previous_msgctxt = None
            record.state, record.by, record.at = "translated", change.by, when
            record.origin = {"person": change.by, "via": change.origin}
            record.fr_hash = text_hash(change.french)
            record.previous = None
            record.suggestions = []
            files.catalog.header["Last-Translator"] = change.by
            files.catalog.header["PO-Revision-Date"] = datetime.fromisoformat(when).strftime(
                "%Y-%m-%d %H:%M%z"
            )
        if files.slug not in touched:
            touched.append(files.slug)
    for slug in touched:
        files = next(c.files for c in changes if c.files.slug == slug)
        taken = [c for c in changes if c.files.slug == slug and not c.conflict]
        if taken:
            files.review.add_event(
                "imported",
                when,
                ", ".join(sorted({c.by for c in taken})),
                format="xliff",
                segments=len(taken),
            )
    return touched
