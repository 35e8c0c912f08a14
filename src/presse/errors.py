"""The one error type presse raises for bad input, and how it names the file and line.

Every problem a user can fix (a malformed release, a broken PO file, a bad glossary,
an unknown release) is a :class:`PresseError`. The command line prints it as a single
line, ``path:line: message``, and exits with code 1.
"""

from __future__ import annotations

import os
from pathlib import Path


def display_path(path: str | os.PathLike[str]) -> str:
    """The path as a user would type it: relative to the current directory when inside it."""
    p = Path(path)
    try:
        return str(p.resolve().relative_to(Path.cwd().resolve()))
    except (ValueError, OSError):
        return str(p)


class PresseError(Exception):
    """A problem with the user's input, reported as ``file:line: message``."""

    def __init__(
        self,
        message: str,
        path: str | os.PathLike[str] | None = None,
        line: int | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.path = Path(path) if path is not None else None
        self.line = line

    def __str__(self) -> str:
        if self.path is None:
            return self.message
        where = display_path(self.path)
        if self.line is not None:
            where = f"{where}:{self.line}"
        return f"{where}: {self.message}"


class ConfigErrors(PresseError):
    """Several problems found in one file at once, so the user fixes them in one go."""

    def __init__(self, errors: list[PresseError]) -> None:
        super().__init__("\n".join(str(e) for e in errors))
        self.errors = errors

    def __str__(self) -> str:
        return "\n".join(str(e) for e in self.errors)


def raise_every(errors: list[PresseError], path: str | os.PathLike[str]) -> None:
    """Raise what was found wrong in one file: the one problem, or all of them (in the
    order of their lines) as one :class:`ConfigErrors`. Nothing when the list is empty."""
    if len(errors) == 1:
        raise errors[0]
    if errors:
        every = ConfigErrors(sorted(errors, key=lambda e: e.line or 0))
        every.path = Path(path)  # each line names the file already: printed as they are
        raise every
