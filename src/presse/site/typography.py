"""French typography on rendered HTML: only text nodes, never tags, attributes, URLs or code.

The spacing is :mod:`presse.documents.french_typography`'s, shared with the
``typography`` check: a no-break space (U+00A0) before ``:`` and inside « », a narrow
no-break space (U+202F) before ``;``, ``!`` and ``?``, each only where the mark ends a
word (so ``10:30``, ``3,5`` and ``index.php?id=1`` stay as they are), and one no-break
space of either kind that the translator typed is kept where one belongs.

This module owns what is the site's own: walking the text nodes of an HTML fragment
(the contents of ``code``, ``pre``, ``kbd``, ``samp``, ``script``, ``style`` and
``textarea`` are left untouched), skipping URLs, e-mail addresses and HTML entities as
they appear in HTML text, reading no-break spaces written as entities, and typographic
apostrophes (``l'eau`` → ``l’eau``). It also counts a full stop, a comma or an ellipsis
after a mark as closing, and spaces no sign right after ``(``, ``[`` or ``«``.

The check (:mod:`presse.checks.typography`) suggests more to translators (« » for
straight quotes, digit groups, a no-break space before % and €), which the site does
not apply on its own: quotation marks and digits go out as approved. A text fixed as
the check suggests goes out as it is (a property test holds this for generated
sentences).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from itertools import pairwise

from presse.documents.french_typography import (
    COLON_SPACE,
    GUILLEMET_SPACE,
    NBSP,
    NNBSP,
    NO_BREAK_SPACES,
    SIGN_SPACE,
    SIGNS,
    SP,
    SPACES,
    word_end,
)

# Pieces of text that are never touched: URLs, www. hosts, e-mail addresses, entities.
_PROTECTED = re.compile(
    r"(?:[a-zA-Z][a-zA-Z0-9+.-]*://[^\s<>\"]+"
    r"|www\.[^\s<>\"]+"
    r"|[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
    r"|&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[a-zA-Z][a-zA-Z0-9]*);)"
)
# What may follow a spaced mark: besides the shared closers, the site's own closing
# marks and the closers as the sanitiser writes them (&quot;, &#39;, &nbsp;).
_END = word_end(".,…", r"&(?:quot|#39|nbsp);")
_COLON = re.compile(SP + r"*:" + _END)
_SIGNS = re.compile(SP + rf"*([{SIGNS}]+)" + _END)
_OPEN_GUILLEMET = re.compile(r"«" + SP + r"*")
_CLOSE_GUILLEMET = re.compile(SP + r"*»")
# A mark right after one of these (or at a line's start) follows no word: left alone.
_NOT_AFTER_COLON = ("\n", ":")
_NOT_AFTER_SIGN = ("\n", "(", "[", "«", NBSP)

_SPACE_ENTITIES = {
    "&nbsp;": NBSP,
    "&#160;": NBSP,
    "&#xa0;": NBSP,
    "&#8239;": NNBSP,
    "&#x202f;": NNBSP,
}
_SPACE_ENTITY = re.compile("|".join(re.escape(e) for e in _SPACE_ENTITIES), re.IGNORECASE)

# A text with none of these has nothing for the rules to do.
_TRIGGERS = re.compile(rf"['«»:{SIGNS}&]")
# Every piece _PROTECTED skips holds one of these: a text without them is all plain.
_PROTECTED_MARKS = ("&", "@", "://", "www.")

_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)[^>]*>|<!--.*?-->", re.DOTALL)
_SKIP_ELEMENTS = frozenset({"code", "pre", "kbd", "samp", "script", "style", "textarea"})


def _plain(segment: str, word_before: bool) -> str:
    # Each rule runs only where its sign occurs: most text nodes have few or none.
    if "'" in segment:
        segment = _apostrophes(segment)
    if "«" in segment:
        segment = _OPEN_GUILLEMET.sub(_SPACED_OPENING, segment)
    if "»" in segment:
        segment = _CLOSE_GUILLEMET.sub(_SPACED_CLOSING, segment)
    if ":" in segment:
        spacer = _spacer(segment, word_before, COLON_SPACE, _NOT_AFTER_COLON)
        segment = _COLON.sub(spacer, segment)
    # The SIGNS, one by one: three substring tests are quicker than a search.
    if ";" in segment or "!" in segment or "?" in segment:
        spacer = _spacer(segment, word_before, SIGN_SPACE, _NOT_AFTER_SIGN)
        segment = _SIGNS.sub(spacer, segment)
    return segment


def _is_word(char: str) -> bool:
    """What ``\\w`` matches in a str pattern: a letter, a digit or numeral, or ``_``."""
    return char.isalnum() or char == "_"


def _apostrophes(segment: str) -> str:
    """Every ``'`` between two word characters (``(?<=\\w)'(?=\\w)``) becomes ``’``.

    Found by splitting at each ``'`` rather than with that pattern: its lookbehind makes
    the regular expression engine try every position of the text, and French text
    nodes are long and full of apostrophes (a third of the page's typography time)."""
    parts = segment.split("'")
    out = [parts[0]]
    for before, after in pairwise(parts):
        between_words = bool(before) and bool(after) and _is_word(before[-1])
        out.append("’" if between_words and _is_word(after[0]) else "'")
        out.append(after)
    return "".join(out)


_Replace = Callable[[re.Match[str]], str]


def _guillemet_spacer(spaced: str) -> _Replace:
    """The replacement for a guillemet and the spaces inside it: ``spaced``, unless the
    translator already put one no-break space of either kind there."""

    def replace(match: re.Match[str]) -> str:
        return match.group(0) if match.group(0).strip("«»") in NO_BREAK_SPACES else spaced

    return replace


_SPACED_OPENING = _guillemet_spacer("«" + GUILLEMET_SPACE)
_SPACED_CLOSING = _guillemet_spacer(GUILLEMET_SPACE + "»")


def _spacer(segment: str, word_before: bool, space: str, not_after: tuple[str, ...]) -> _Replace:
    """The replacement for a sign found by a pattern: ``space`` + the sign itself, unless
    one no-break space of either kind is already there (as the check accepts)."""

    def replace(match: re.Match[str]) -> str:
        sign = match.group(0).lstrip(SPACES)
        if match.group(0)[: -len(sign)] in NO_BREAK_SPACES:
            return match.group(0)
        if match.start() == 0 and not word_before:
            return match.group(0)
        before = segment[match.start() - 1] if match.start() > 0 else ""
        if before in not_after:
            return match.group(0)
        return space + sign

    return replace


def french_text(text: str, *, after_inline: bool = True) -> str:
    """Apply the rules to plain text (a title, a summary), skipping URLs and entities.

    ``after_inline``: whether a sign at the very start follows a word (text that starts
    right after an inline element such as ``</strong>``).
    """
    if not text:
        return text
    # No-break spaces a translator typed may arrive as entities (the sanitiser writes
    # them so); as characters they count as the spaces the rules would add.
    if not _TRIGGERS.search(text):
        return text
    if "&" in text:
        # The sanitiser writes every no-break space as &nbsp;: with those turned back
        # into characters, most French text nodes have nothing left to skip.
        text = _SPACE_ENTITY.sub(lambda m: _SPACE_ENTITIES[m.group(0).lower()], text)
    if not any(mark in text for mark in _PROTECTED_MARKS):
        return _plain(text, after_inline)  # most text nodes: no URL, address or entity
    out: list[str] = []
    position = 0
    for match in _PROTECTED.finditer(text):
        out.append(_plain(text[position : match.start()], after_inline or position > 0))
        out.append(match.group(0))
        position = match.end()
    out.append(_plain(text[position:], after_inline or position > 0))
    return "".join(out)


_BLOCK_START = frozenset(
    {"p", "li", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "br", "div", "dd"}
)


def french_html(html: str) -> str:
    """Apply the rules to the text nodes of an HTML fragment."""
    out: list[str] = []
    skip_depth = 0
    position = 0
    after_inline = False
    for match in _TAG.finditer(html):
        text = html[position : match.start()]
        if text:
            out.append(text if skip_depth else french_text(text, after_inline=after_inline))
        out.append(match.group(0))
        closing, name = match.group(1), (match.group(2) or "").lower()
        if name in _SKIP_ELEMENTS:
            skip_depth = max(0, skip_depth - 1) if closing else skip_depth + 1
        # A sign at the start of the next text follows a word only after an inline element.
        after_inline = bool(name) and name not in _BLOCK_START and bool(closing)
        position = match.end()
    tail = html[position:]
    if tail:
        out.append(tail if skip_depth else french_text(tail, after_inline=after_inline))
    return "".join(out)
