"""The forms a glossary term takes: German inflection, acronyms, accepted French forms.

A term such as ``Technische Universität von Belfort-Montbéliard (UTBM)`` is expanded into
the forms it takes in a sentence: the head noun (the first noun, or the noun after
``Industrie- und``) gets -s/-es (genitive), -e/-en/-n (plural, dative plural), -um→-en;
adjectives in front of it take -e/-en/-er/-es/-em ("der Technischen Universität");
everything after the head stays as written. A term ending in an acronym in parentheses
also matches without the acronym and as the bare acronym; each form says how much of the
term it names (``FULL``, ``NAME``, ``ACRONYM``), so the French must name as much. The
French target gets its regular plural ("maires", "conseils départementaux") and, for a
term of kind ``title``, its feminine forms ("la maire", "préfète", "présidente"); an
irregular form still goes into ``fr_forms``.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from presse.glossary.terms import Term

# How much of a term the German text had; the French must match at least as much.
FULL, NAME, ACRONYM = 0, 1, 2

_ACRONYM_IN_PARENS = re.compile(r"\s*\((?P<acronym>[^()\s]*[A-ZÄÖÜ][^()\s]*)\)")
_BARE_ACRONYM = re.compile(r"^[A-ZÄÖÜ0-9][A-ZÄÖÜ0-9&-]*[A-ZÄÖÜ0-9]$")
_ADJECTIVE_STEM = re.compile(r"(isch|sch|lich|ig|bar|sam|haft|los|iv|al|ell|är)$")
_SHORT_ADJECTIVES = frozenset(
    [
        "neu",
        "alt",
        "groß",
        "klein",
        "hoh",
        "hoch",
        "ober",
        "unter",
        "nieder",
        "mittler",
        "erst",
        "zweit",
        "dritt",
        "rot",
        "grün",
    ]
)
_FEMININE = ("ung", "heit", "keit", "schaft", "tät", "ion", "ik", "ei", "enz", "anz")
_COORDINATORS = frozenset(("und", "oder", "bzw.", "sowie"))


def split_acronym(text: str) -> tuple[str, str | None]:
    """``("Technische Universität …", "UTBM")`` for a term with one acronym in parentheses."""
    found = list(_ACRONYM_IN_PARENS.finditer(text))
    if len(found) != 1 or found[0].start() == 0:
        return text, None
    m = found[0]
    return " ".join((text[: m.start()] + " " + text[m.end() :]).split()), m["acronym"]


def _capitalised(word: str) -> bool:
    return word[:1].isupper()


def _adjective_stem(word: str, following: str | None) -> str | None:
    if not _capitalised(word) or following is None or not _capitalised(following):
        return None
    for ending in ("en", "er", "es", "em", "e"):
        if word.endswith(ending) and len(word) > len(ending) + 1:
            stem = word[: -len(ending)]
            low = stem.lower()
            if _ADJECTIVE_STEM.search(low) or low in _SHORT_ADJECTIVES:
                return stem
            return None
    return None


def _noun_forms(word: str) -> list[str]:
    prefix, hyphen, last = word.rpartition("-")
    if not last:
        return [word]
    low = last.lower()
    if last.isupper() or not any(c.islower() for c in last):
        endings = ["s"]  # abbreviations: "des KZs"
    elif low.endswith("in"):
        endings = ["nen"]  # Landrätin, Landrätinnen
    elif low.endswith("ie"):
        endings = ["n"]  # Industrien
    elif low.endswith(_FEMININE):
        endings = ["en"]  # no genitive -s: "Verwaltungs-" is a compound, not a form
    elif low.endswith("e"):
        endings = ["n", "s"]
    elif low.endswith(("el", "er")):
        endings = ["s", "n"]
    elif low.endswith("en"):
        endings = ["s"]
    elif low.endswith("nis"):
        endings = ["se", "ses", "sen"]
    elif low.endswith(("s", "ß", "x", "z")):
        endings = ["es", "e", "en"]
    elif low.endswith("um"):
        # Forums; the plural replaces -um: Foren, Museen, Gymnasien
        return [prefix + hyphen + f for f in (last, last + "s", last[:-2] + "en")]
    elif low[-1] in "aiouyé":
        endings = ["s"]
    else:
        endings = ["s", "es", "e", "en"]
    return [prefix + hyphen + f for f in [last, *(last + e for e in endings)]]


def inflect(name: str) -> list[str]:
    """The forms a German term without acronym takes in running text, dictionary form first."""
    words = name.split(" ")
    start = 0
    for i, word in enumerate(words[:-2]):
        if word.endswith("-") and words[i + 1] in _COORDINATORS:
            start = i + 2  # "Industrie- und Handelskammer": the head is "Handelskammer"
    stems: dict[int, str] = {}
    head: int | None = None
    for i in range(start, len(words)):
        word = words[i]
        if not _capitalised(word) or word.startswith("("):
            continue
        stem = _adjective_stem(word, words[i + 1] if i + 1 < len(words) else None)
        if stem is not None:
            stems[i] = stem
            continue
        head = i
        break
    # adjectives agree with each other: "Deutsches Rotes Kreuz", "des Deutschen Roten Kreuzes"
    adjective_sets = [words] + [
        [stems[i] + ending if i in stems else w for i, w in enumerate(words)]
        for ending in ("e", "en", "er", "es", "em")
    ]
    heads = _noun_forms(words[head]) if head is not None else [None]
    forms = []
    for variant, noun in itertools.product(adjective_sets, heads):
        if noun is not None:
            variant = [*variant[:head], noun, *variant[head + 1 :]]
        forms.append(" ".join(variant))
    return list(dict.fromkeys(forms))


def german_forms(term: Term) -> dict[str, int]:
    """Every German form of ``term`` with how much of the term it says.

    FULL: the name with its acronym; NAME: the name without one; ACRONYM: the bare acronym.
    """
    forms: dict[str, int] = {}
    name, acronym = split_acronym(term.de)
    if acronym is not None:
        if term.de.endswith(")"):
            forms.update((f"{form} ({acronym})", FULL) for form in inflect(name))
        forms.setdefault(term.de, FULL)
    for form in inflect(name):
        forms.setdefault(form, NAME)
    if acronym is not None and _BARE_ACRONYM.match(acronym):
        forms.setdefault(acronym, ACRONYM)
    for form in term.de_forms:
        if _BARE_ACRONYM.match(form):
            forms.setdefault(form, ACRONYM)
        else:
            forms.setdefault(form, FULL if split_acronym(form)[1] else NAME)
    return forms


# --- French: regular plurals and, for titles, feminine forms ----------------------------

# Where the noun group of a French term ends: its complement is not inflected
# ("président du conseil départemental" -> "présidents du conseil départemental").
_FR_COMPLEMENT = frozenset(("de", "du", "des", "d", "à", "au", "aux", "en", "pour", "sur", "et"))
_AL_PLURAL_S = frozenset(("bal", "carnaval", "festival", "final", "naval", "récital", "chacal"))
_FEMININE_ENDINGS = (
    ("eur", "rice"),  # directeur -> directrice (the -teur titles; -eur others take -euse)
    ("ier", "ière"), ("er", "ère"),  # conseiller -> conseillère
    ("et", "ète"),  # préfet -> préfète
    ("ien", "ienne"), ("on", "onne"), ("el", "elle"),
    ("f", "ve"),
)  # fmt: skip


def _french_plural(word: str) -> str:
    low = word.lower()
    if low.endswith(("s", "x", "z")):
        return word
    if low.endswith("al") and low not in _AL_PLURAL_S:
        return word[:-2] + "aux"  # départemental -> départementaux
    if low.endswith(("eau", "au", "eu")) and low not in ("bleu", "pneu"):
        return word + "x"
    return word + "s"


def _french_feminine(word: str) -> str:
    low = word.lower()
    if low.endswith("e"):
        return word  # maire, ministre, secrétaire: "la maire"
    if low.endswith("teur"):
        return word[:-3] + "rice"
    if low.endswith("eur"):
        return word[:-1] + "se"  # chercheur -> chercheuse
    for ending, feminine in _FEMININE_ENDINGS:
        if low.endswith(ending):
            return word[: -len(ending)] + feminine
    return word + "e"  # président -> présidente, adjoint -> adjointe, délégué -> déléguée


def _noun_group(words: list[str]) -> int:
    """How many leading words of a French term agree with its head noun."""
    for i, word in enumerate(words):
        base = word.split("'")[0].split("’")[0].lower()
        if i and (base in _FR_COMPLEMENT or not word[:1].isalpha()):
            return i
    return len(words)


def french_inflections(text: str, *, feminine: bool) -> list[str]:
    """Regular plural (and, for a title, feminine and feminine plural) forms of a French
    term: its leading noun group agrees, its complement does not."""
    words = text.split(" ")
    n = _noun_group(words)
    if n == 0 or any(not w[:1].isalpha() for w in words[:n]):
        return []

    def agree(change: Callable[[str], str]) -> str:
        return " ".join([*(change(w) for w in words[:n]), *words[n:]])

    forms = [agree(_french_plural)]
    if feminine:
        forms += [agree(_french_feminine), agree(lambda w: _french_plural(_french_feminine(w)))]
    return [f for f in dict.fromkeys(forms) if f != text]


def french_forms(term: Term) -> dict[str, int]:
    """Every accepted French form of ``term`` with the least German it answers (FULL first):
    the target, its regular plural and, for titles, its feminine forms, and ``fr_forms``."""
    if term.keep or term.fr is None:
        forms = dict(german_forms(term))
    else:
        forms = {term.fr: FULL}
        name, acronym = split_acronym(term.fr)
        if acronym:
            forms.setdefault(name, NAME)
            forms.setdefault(acronym, ACRONYM)
        for form in french_inflections(name, feminine=term.kind == "title"):
            forms.setdefault(form, NAME if acronym else FULL)
    for form in term.fr_forms:
        forms[form] = FULL
    return forms
