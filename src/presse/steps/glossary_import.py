"""``presse glossary import FILE.tbx|.csv``: a term base merged into ``glossary.yaml``.

Plans the merge (:mod:`presse.glossary.term_base`), checks that the result is a valid
glossary, and writes it atomically only when asked to: the command shows the diff
first. Conflicting French is refused, all conflicts at once, unless the term base is
preferred.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from pathlib import Path

from presse.documents.repository import Repository
from presse.errors import ConfigErrors, PresseError
from presse.glossary.load import load_glossary, parse_glossary
from presse.glossary.term_base import Merge, merge, read_csv, read_tbx
from presse.glossary.terms import Term
from presse.store.disk import decode_utf8, read_bytes, read_text, write_text_atomic


@dataclass
class GlossaryImport:
    path: Path  # glossary.yaml
    merge: Merge
    diff: str

    @property
    def changes(self) -> bool:
        return bool(self.diff)


def read_term_base(repo: Repository, path: Path) -> list[Term]:
    source, target = repo.config.source_language, repo.config.target_language
    data = read_bytes(path)
    if path.suffix.lower() == ".csv":
        return read_csv(decode_utf8(data, path), path)
    if path.suffix.lower() in (".tbx", ".xml"):
        return read_tbx(data, path, source, target)
    raise PresseError("a term base is a .tbx or a .csv file", path)


def plan_import(repo: Repository, path: Path, prefer_import: bool = False) -> GlossaryImport:
    """What importing ``path`` would make of the glossary; conflicts refused."""
    new_terms = read_term_base(repo, path)
    target = repo.glossary_path
    text = read_text(target) if target.exists() else ""
    old_terms = list(load_glossary(target).terms)
    planned = merge(text, old_terms, new_terms, path, prefer_import)
    if planned.conflicts:
        hint = "; --prefer-import takes the term base's French"
        errors = [PresseError(e.message + hint, e.path, e.line) for e in planned.conflicts]
        raise errors[0] if len(errors) == 1 else ConfigErrors(errors)
    parse_glossary(planned.text, target)  # the result must be a glossary presse reads
    diff = "".join(
        difflib.unified_diff(
            text.splitlines(keepends=True),
            planned.text.splitlines(keepends=True),
            "glossary.yaml",
            f"glossary.yaml (with {path.name})",
        )
    )
    return GlossaryImport(target, planned, diff)


def write_import(planned: GlossaryImport) -> None:
    write_text_atomic(planned.path, planned.merge.text)
