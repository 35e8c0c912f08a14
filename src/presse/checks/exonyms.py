"""French exonyms of German place names: knowledge the ``names`` check uses instead of
string distance.

Two sources: the names of every country and territory in German and French from CLDR
(through Babel, which presse already uses for month names), and the reviewed list of
cities, regions, rivers and landscapes in ``presse/data/exonyms.yaml`` (its header says
how it was made). "Straßburg" and "Strasbourg" are the same place, so the French is
right; "Strasbourgh" is a misspelling whose fix is "Strasbourg", never the German.
"""

from __future__ import annotations

from functools import cache
from importlib.resources import files

import yaml
from babel import Locale
from rapidfuzz import fuzz


@cache
def _table() -> dict[str, frozenset[str]]:
    table: dict[str, set[str]] = {}
    german, french = Locale("de").territories, Locale("fr").territories
    for code, name in german.items():
        if code in french and not code.isdigit() and french[code] != name:
            table.setdefault(name, set()).add(french[code])
    text = files("presse").joinpath("data/exonyms.yaml").read_text(encoding="utf-8")
    for name, forms in (yaml.safe_load(text)["exonyms"] or {}).items():
        table.setdefault(str(name), set()).update(
            [forms] if isinstance(forms, str) else [str(f) for f in forms]
        )
    return {name: frozenset(forms) for name, forms in table.items()}


def french_exonyms(german: str) -> frozenset[str]:
    """The French names of the German place ``german`` (empty when it has none)."""
    return _table().get(german, frozenset())


def _same_place(german: str, french: str) -> bool:
    return german == french or french in french_exonyms(german)


def is_exonym(german: str, french: str) -> bool:
    """Whether ``french`` names the place ``german`` names: "Straßburg"/"Strasbourg",
    hyphenated names part by part ("Straßburg-Kehl"/"Strasbourg-Kehl"), or a French
    compound that holds the exonym ("Freiburg"/"Fribourg-en-Brisgau")."""
    if _same_place(german, french):
        return True
    de_parts, fr_parts = german.split("-"), french.split("-")
    if len(de_parts) == len(fr_parts) > 1:
        return all(_same_place(d, f) for d, f in zip(de_parts, fr_parts, strict=True))
    return len(fr_parts) > 1 and any(f in french_exonyms(german) for f in fr_parts)


def exonym_for(german: str, wrong: str) -> str | None:
    """The French exonym of ``german`` closest to a misspelt ``wrong``, if it has any."""
    forms = french_exonyms(german)
    if not forms:
        return None
    return max(sorted(forms), key=lambda form: fuzz.ratio(form, wrong))
