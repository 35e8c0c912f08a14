"""The ``untranslated`` and ``length`` checks: German left in, sentences cut or padded.

``untranslated`` warns when the French is the German, or keeps German function words
("und", "der", "mit", "für", "wird", ...) outside names and the glossary's keep terms.
Only lower-case words count, so a capitalised "Die" (a town in the Drôme) is not one;
words shared with French ("des", "an", "in") are not in the list, and "mit" (a French
verb too) counts only together with another German word.

``length`` warns when the French is much shorter or longer than the German would
suggest: French runs about 15-30 % longer than German, so a ratio (French characters /
German characters, of the visible text) below 0.7 or above 2.0 is suspicious, for a
German segment of 40 characters or more.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from presse.checks._registry import CheckContext, Problem, register
from presse.checks._text import mask, visible_text, word_set, words
from presse.checks.names import name_candidates

GERMAN_FUNCTION_WORDS = word_set(
    """und oder aber sondern denn weil dass ob wenn als der die das dem den einer eines
    einem einen eine ein kein keine keinen mit für nicht wird werden wurde wurden ist
    sind war waren hat haben hatte hatten auf von vom zum zur im ins bei beim nach über
    unter auch sich sowie noch nur schon sehr wie wir sie ihr ihre ihren seine
    seinen dieser diese dieses durch gegen ohne zwischen während wieder bereits
    können kann soll sollen muss müssen"""
)
AMBIGUOUS = frozenset({"mit"})  # also a French word (the verb "mettre")
_PARTICLES = frozenset({"von", "van", "zu", "vom", "zum", "zur"})
_ARTICLES = frozenset({"der", "dem", "den"})

MIN_LENGTH = 40
MIN_RATIO = 0.7
MAX_RATIO = 2.0


def _strip_terms(text: str, terms: list[str]) -> str:
    for term in sorted(terms, key=len, reverse=True):
        text = re.sub(rf"(?<!\w){re.escape(term)}(?!\w)", " ", text)
    return text


def _name_particle(tokens: list[tuple[int, int, str]], i: int) -> bool:
    """Whether word ``i`` is part of a name: "von der Leyen", "Walther von der Vogelweide"."""
    ahead = [w for _, _, w in tokens[i + 1 : i + 3]]
    word = tokens[i][2]
    if word in _PARTICLES:
        if ahead[:1] and ahead[0][:1].isupper():
            return True
        return len(ahead) == 2 and ahead[0] in _ARTICLES and ahead[1][:1].isupper()
    if word in _ARTICLES and i > 0 and tokens[i - 1][2] in _PARTICLES:
        return bool(ahead[:1]) and ahead[0][:1].isupper()
    return False


def german_words_left(de: str, fr: str, keep_terms: frozenset[str]) -> list[str]:
    """German function words in the French, outside keep terms and names."""
    text = _strip_terms(mask(fr), [*keep_terms, *name_candidates(de, keep_terms)])
    tokens = words(text)
    found = []
    for i, (_, _, word) in enumerate(tokens):
        if word not in GERMAN_FUNCTION_WORDS:
            continue
        if _name_particle(tokens, i):
            continue
        found.append(word)
    if found and all(w in AMBIGUOUS for w in found):
        return []
    return list(dict.fromkeys(found))


@register("untranslated", "warning")
def check_untranslated(de: str, fr: str, ctx: CheckContext) -> Iterator[Problem]:
    """The French is not the German, and keeps no German function words."""
    if de.strip() == fr.strip():
        if (
            german_words_left(de, de, ctx.keep_terms)
            or len([w for _, _, w in words(mask(de)) if w.islower() and len(w) > 2]) >= 2
        ):
            yield Problem("the French is identical to the German: is it translated?")
        return
    left = german_words_left(de, fr, ctx.keep_terms)
    if left:
        shown = ", ".join(f"'{w}'" for w in left)
        yield Problem(f"German words left in the French: {shown}")


@register("length", "warning")
def check_length(de: str, fr: str, ctx: CheckContext) -> Iterator[Problem]:
    """The French is neither much shorter nor much longer than the German suggests."""
    de_len = len(visible_text(de).strip())
    fr_len = len(visible_text(fr).strip())
    if de_len < MIN_LENGTH:
        return
    ratio = fr_len / de_len
    if ratio < MIN_RATIO:
        yield Problem(
            f"the French is much shorter than the German ({fr_len} characters for "
            f"{de_len}): is a part missing?"
        )
    elif ratio > MAX_RATIO:
        yield Problem(
            f"the French is much longer than the German ({fr_len} characters for "
            f"{de_len}): is something added or repeated?"
        )
