"""The ``typography`` check and :func:`apply_french_typography`: French spacing and quotes.

The spacing is :mod:`presse.documents.french_typography`'s, shared with the published
site: a no-break space (U+00A0) before ":" and inside « », a narrow no-break space
(U+202F) before ";", "!" and "?", where the mark ends a word; either kind of no-break
space is accepted where one is expected.

This module owns what is the check's own, on catalog text (inline Markdown): URLs,
e-mails, code spans, link targets (:func:`presse.checks._text.protected_spans`) and
clock times ("10:30") are never touched; a mark is also spaced before Markdown's
emphasis markers, "“", "!" and "?"; and it checks more than the site applies: a
no-break space between a number and "%" or "€", digits grouped with a narrow no-break
space ("1 500"), quotation marks « » (not "…" or „…“), and straight and typographic
apostrophes not mixed in one segment. It reports findings with the fix.

:func:`apply_french_typography` makes every fix (and turns straight apostrophes between
letters into ’): it is the suggestion a translator may accept, and it is idempotent.
The site does not apply it: :mod:`presse.site.typography` sets the shared spacing of
published French on HTML text nodes (with typographic apostrophes) and leaves quotation
marks and digits as the translator approved them. A text fixed as this check suggests
goes out unchanged.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from presse.checks._registry import CheckContext, Problem, register
from presse.checks._text import protected_spans
from presse.documents.french_typography import (
    COLON_SPACE,
    GUILLEMET_SPACE,
    NBSP,
    NNBSP,
    NO_BREAK_SPACES,
    SIGN_SPACE,
    SIGNS,
    word_end,
)

_PUA = 0xF0000  # supplementary private use area: placeholders for protected spans
_NB = "".join(NO_BREAK_SPACES)
_TIME = re.compile(r"(?<![\d:])\d{1,2}:\d{2}(?![\d:])")


def _protect(text: str) -> tuple[str, list[str]]:
    spans = protected_spans(text) + [m.span() for m in _TIME.finditer(text)]
    spans = sorted(spans)
    kept: list[str] = []
    out: list[str] = []
    pos = 0
    for start, end in spans:
        if start < pos:
            continue
        out.append(text[pos:start])
        out.append(chr(_PUA + len(kept)))
        kept.append(text[start:end])
        pos = end
    out.append(text[pos:])
    return "".join(out), kept


def _restore(text: str, kept: list[str]) -> str:
    return re.sub(r"[\U000f0000-\U000ffffd]", lambda m: kept[ord(m[0]) - _PUA], text)


@dataclass(frozen=True)
class Rule:
    name: str
    description: str
    pattern: re.Pattern[str]
    replacement: str | Callable[[re.Match[str]], str]


# What may follow a spaced mark: besides the shared closers, Markdown's emphasis
# markers, and "“", "!" and "?" (the check's own: ":!" is spaced, the site leaves it).
_AFTER_PUNCT = word_end("*_“!?")
_SPACED_OPENING = f"«{GUILLEMET_SPACE}"
_SPACED_CLOSING = f"{GUILLEMET_SPACE}»"
RULES: tuple[Rule, ...] = (
    Rule(
        "quotes",
        "French quotation marks are « » with no-break spaces inside",
        re.compile(r"[\"“„](?P<q>[^\"“”„\n]+?)[\"“”]"),
        lambda m: f"{_SPACED_OPENING}{m['q'].strip()}{_SPACED_CLOSING}",
    ),
    Rule(
        "guillemets",
        "a no-break space belongs inside « »",
        re.compile(rf"«[ \t]*(?![{_NB}])|(?<![{_NB}])[ \t]*»"),
        lambda m: _SPACED_OPENING if m[0].startswith("«") else _SPACED_CLOSING,
    ),
    Rule(
        "colon",
        "a no-break space belongs before ':'",
        re.compile(rf"(?<=[^\s{_NB}:])[ \t]*:{_AFTER_PUNCT}"),
        f"{COLON_SPACE}:",
    ),
    Rule(
        "punctuation",
        "a narrow no-break space belongs before ';', '!' and '?'",
        re.compile(rf"(?<=[^\s{_NB}{SIGNS}])[ \t]*(?P<p>[{SIGNS}]){_AFTER_PUNCT}"),
        lambda m: f"{SIGN_SPACE}{m['p']}",
    ),
    Rule(
        "units",
        "a no-break space belongs between a number and '%' or '€'",
        re.compile(r"(?<=\d)[ \t]*(?=[%€])"),
        NBSP,
    ),
    Rule(
        "digit groups",
        "digit groups are separated by a narrow no-break space, which does not break",
        re.compile(r"(?<![\d,.])(\d{1,3})[ ](?=\d{3}(?![\d,.]\d))"),
        rf"\1{NNBSP}",
    ),
)
_APOSTROPHE = re.compile(r"(?<=[^\W\d_])'(?=[^\W\d_])")
_CURLY_APOSTROPHE = re.compile(r"(?<=[^\W\d_])’(?=[^\W\d_])")


def apply_french_typography(text: str) -> str:
    """``text`` with French spacing, « » quotes and ’ apostrophes; idempotent."""
    work, kept = _protect(text)
    for rule in RULES:
        work = rule.pattern.sub(rule.replacement, work)
    work = _APOSTROPHE.sub("’", work)
    return _restore(work, kept)


def _context(work: str, kept: list[str], m: re.Match[str]) -> str:
    """The offending spot: the word before the match, the match, the next word."""
    before = re.search(r"\S*\s?$", work[: m.start()])
    after = re.match(r"\s?\S*", work[m.end() :])
    start = before.start() if before else m.start()
    end = m.end() + (after.end() if after else 0)
    fragment = _restore(work[start:end], kept).strip()
    return fragment.replace(NBSP, " ").replace(NNBSP, " ")


@register("typography", "warning")
def check_typography(de: str, fr: str, ctx: CheckContext) -> Iterator[Problem]:
    """French spacing, quotation marks and apostrophes (the fix is suggested)."""
    work, kept = _protect(fr)
    fixed = apply_french_typography(fr)
    step = work
    for rule in RULES:
        hits = list(rule.pattern.finditer(step))
        if hits:
            shown = ", ".join(f"'{_context(step, kept, m)}'" for m in hits[:3])
            yield Problem(f"{rule.description}: {shown}", fixed)
        step = rule.pattern.sub(rule.replacement, step)
    straight = _APOSTROPHE.search(step)
    if straight and _CURLY_APOSTROPHE.search(step):
        yield Problem(
            "straight (') and typographic (’) apostrophes are mixed: "
            f"'{_context(step, kept, straight)}'",
            fixed,
        )
