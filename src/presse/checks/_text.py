"""Helpers shared by the checks: the parts of inline Markdown that are not prose.

URLs, e-mail addresses, link targets and code spans are "protected": no check reads
numbers or words in them, and typography never changes them. :func:`protected_spans`
finds them; :func:`mask` blanks them out (keeping every other character at its place).
The kinds of space (NBSP, NNBSP, SPACES, SP) are :mod:`presse.documents.french_typography`'s.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from presse.documents.french_typography import SPACES

CODE_RE = re.compile(r"(`+)(?:(?!\1).)+?\1", re.S)
# [text](target "title"): the target part, from "](" to the closing parenthesis.
LINK_RE = re.compile(
    r"\[(?P<text>(?:[^\[\]\\]|\\.|\[[^\]]*\])*)\]"
    r"\(\s*<?(?P<target>[^\s<>()]*(?:\([^\s()]*\)[^\s<>()]*)*)>?"
    r"(?:\s+(?:\"[^\"]*\"|'[^']*'|\([^)]*\)))?\s*\)"
)
AUTOLINK_RE = re.compile(r"<(?P<target>(?:https?://|mailto:)[^<>\s]+|[^<>\s@]+@[^<>\s]+)>")
URL_RE = re.compile(r"(?:(?<![\w@/.])(?:https?://|www\.))[^\s<>\[\]\"«»„“”]+", re.I)
EMAIL_RE = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,}(?![\w-])")
URL_TRAILING = ".,;:!?'’*_)"


def _trim_url(text: str, start: int, end: int) -> int:
    """The end of a bare URL without its trailing punctuation (a ')' only if unbalanced)."""
    while end > start and text[end - 1] in URL_TRAILING:
        if text[end - 1] == ")" and text[start:end].count("(") >= text[start:end].count(")"):
            break
        end -= 1
    return end


def bare_urls(text: str) -> list[tuple[int, int]]:
    """Spans of bare URLs (``https://…``, ``www.…``) outside Markdown link targets."""
    spans = []
    for m in URL_RE.finditer(text):
        end = _trim_url(text, m.start(), m.end())
        if end > m.start():
            spans.append((m.start(), end))
    return spans


def protected_spans(text: str) -> list[tuple[int, int]]:
    """Sorted, non-overlapping spans of code, link targets, autolinks, URLs and e-mails."""
    spans: list[tuple[int, int]] = []
    spans += [m.span() for m in CODE_RE.finditer(text)]
    # Only the "(target)" part of a Markdown link: its text is prose.
    spans += [(m.start("target") - 1, m.end()) for m in LINK_RE.finditer(text)]
    spans += [m.span() for m in AUTOLINK_RE.finditer(text)]
    spans += bare_urls(text)
    spans += [m.span() for m in EMAIL_RE.finditer(text)]
    return merge_spans(spans)


def merge_spans(spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def blank(text: str, spans: Iterable[tuple[int, int]], fill: str = " ") -> str:
    """``text`` with every span replaced by ``fill`` characters (same length)."""
    chars = list(text)
    for start, end in spans:
        for i in range(start, end):
            if chars[i] != "\n":
                chars[i] = fill
    return "".join(chars)


# A Markdown backslash escape of punctuation: "25\\. Juni" at a paragraph's start.
ESCAPE_RE = re.compile(r"\\(?=[!-/:-@\[-`{-~])")


def unescape_in_place(text: str) -> str:
    """``text`` as read, its escape backslashes hidden and every character kept in place
    but the word before a backslash, moved right by one ("25\\. Juni" reads " 25. Juni")."""
    if "\\" not in text:
        return text
    chars = list(text)
    for m in ESCAPE_RE.finditer(text):
        begin = m.start()
        while begin > 0 and not text[begin - 1].isspace():
            begin -= 1
        chars[begin + 1 : m.start() + 1] = chars[begin : m.start()]
        chars[begin] = " "
    return "".join(chars)


def mask(text: str) -> str:
    """``text`` with URLs, e-mails, link targets and code blanked out, escapes hidden."""
    return unescape_in_place(blank(text, protected_spans(text)))


def visible_text(text: str) -> str:
    """The text a reader sees: link text kept, targets and emphasis markers dropped."""
    text = LINK_RE.sub(lambda m: m.group("text"), text)
    text = AUTOLINK_RE.sub(lambda m: m.group("target"), text)
    text = re.sub(r"(?<![\\\w])[*_]+|[*_]+(?![\w])", "", text)
    return text.replace("`", "")


WORD_RE = re.compile(r"[^\W\d_]+(?:[-‐][^\W\d_]+)*")


def words(text: str) -> list[tuple[int, int, str]]:
    """Words (letters, hyphenated words kept whole) with their spans; apostrophes split."""
    return [(m.start(), m.end(), m.group()) for m in WORD_RE.finditer(text)]


def is_capitalised(word: str) -> bool:
    return word[:1].isupper() and not word.isupper()


def sentence_initial(text: str, start: int) -> bool:
    """Whether the word at ``start`` begins the text, a sentence, a quotation or a list."""
    before = text[:start].rstrip(SPACES + "*_([")
    return not before or before[-1] in '.!?:;«"„“”‹—–-•\n' or before.endswith("...")


def fold(word: str) -> str:
    """Lower case without diacritics; ß as ss."""
    word = word.lower().replace("ß", "ss")
    decomposed = unicodedata.normalize("NFD", word)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def word_set(text: str) -> frozenset[str]:
    """The whitespace-separated words of ``text``, for word lists kept as prose."""
    return frozenset(text.split())
