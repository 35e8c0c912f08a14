"""The glossary's terms: what one entry of ``glossary.yaml`` holds.

The file is a YAML **list** at the top level (no ``terms:`` wrapper), one mapping per term::

    - de: Landkreis Harz                # German dictionary form (nominative singular)
      fr: arrondissement de Harz        # the one French form to use ...
      avoid: [district du Harz]         # French renderings to flag as wrong
      kind: institution                 # institution | title | place | event | other
      note: Why this rendering.         # shown to translators
    - de: Landrat
      keep: true                        # ... or keep the German term as it is
      de_forms: [Landräte, Landräten, Landrätin]   # forms the automatic ones miss
      fr_forms: [Landräte]              # further accepted French forms

An empty file is an empty glossary. Every mistake is a :class:`PresseError` naming the file
and line; when several entries are wrong, they are all reported at once.

Reading the file is :mod:`presse.glossary.load`; finding terms in a text is
:mod:`presse.glossary.matching`.
"""

from __future__ import annotations

from dataclasses import dataclass

KINDS = ("institution", "title", "place", "event", "other")
KEYS = ("de", "fr", "keep", "de_forms", "fr_forms", "avoid", "kind", "note")


@dataclass(frozen=True)
class Term:
    """One entry of the glossary; ``line`` is where it starts in the file."""

    de: str
    fr: str | None
    keep: bool = False
    de_forms: tuple[str, ...] = ()
    fr_forms: tuple[str, ...] = ()
    avoid: tuple[str, ...] = ()
    kind: str = "other"
    note: str | None = None
    line: int = 0

    @property
    def target(self) -> str:
        """The form the French must use: ``fr``, or the German term itself when kept."""
        return self.de if self.keep or self.fr is None else self.fr


@dataclass(frozen=True)
class TermMatch:
    """A span of a German or French text where a term (or one of its forms) stands."""

    term: Term
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Violation:
    """A term the French does not render as the glossary says."""

    term: Term
    kind: str  # "missing" | "avoid" | "wrong" (missing, with an avoided form in its place)
    message: str
    found: str | None = None
