"""Protecting inline Markdown and ``keep`` terms as XML tags, and restoring them.

A machine translation engine sees each sentence as XML: ``**strong**`` becomes
``<b n="1">…</b>``, ``*em*`` ``<em n="2">…</em>``, a link ``<a n="3">text</a>`` (the URL
stays here), code, images, inline HTML and escapes an empty ``<x n="4"/>``, and a glossary
term to keep ``<k n="5">Landkreis Harz</k>`` (an ignored tag; its content is put back
from the German whatever the engine returns). Every tag carries a number unique within one
text, so the answer can be checked and mapped back even when French reorders it.

A whole paragraph is sent as one text by wrapping each sentence in ``<s n="…">``;
:func:`split_sentences` trusts the answer only when every sentence tag is there exactly
once, in order, and nothing but white space lies outside them.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Protocol

# Tags presse writes; any other tag in an answer makes it untrustworthy.
SENTENCE_TAG = "s"
KEEP_TAG = "k"
INLINE_TAGS = ("b", "em", "a", "x", KEEP_TAG)
ALL_TAGS = (SENTENCE_TAG, *INLINE_TAGS)

_CODE = re.compile(r"(`+)(?!`)(.+?)(?<!`)\1(?!`)", re.S)
_IMAGE = re.compile(r"!\[[^\]\n]*\]\([^)\n]*\)")
_LINK = re.compile(r"\[((?:[^\[\]\n]|\[[^\]\n]*\])*)\]\(([^)\s]*(?:\s+\"[^\"\n]*\")?)\)")
_AUTOLINK = re.compile(r"<(?:https?://|mailto:)[^>\s]+>")
_HTML = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>")
_ESCAPE = re.compile(r"\\[\\`*_{}\[\]()#+\-.!<>|~]")
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9]*)((?:\s+[^<>]*?)?)\s*(/?)>")
_NUMBER = re.compile(r"""\bn\s*=\s*["'](\d+)["']""")


class Span(Protocol):
    """A glossary term found in a German sentence (``presse.glossary.terms.TermMatch``)."""

    @property
    def start(self) -> int: ...

    @property
    def end(self) -> int: ...


def escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


@dataclass
class _Slot:
    kind: str  # "b", "em", "a", "x", "k"
    raw: str  # marker (b/em), "(url)" (a), the original text (x/k)


@dataclass
class Protector:
    """Turns sentences into tagged text and back; one instance per text sent.

    ``keep_attributes`` is added to every keep tag (LibreTranslate needs
    ``translate="no"``; DeepL is told through ``ignore_tags``).
    """

    keep_attributes: str = ""
    slots: dict[int, _Slot] = field(default_factory=dict)

    def _new(self, kind: str, raw: str) -> int:
        number = len(self.slots) + 1
        self.slots[number] = _Slot(kind, raw)
        return number

    # --- Markdown -> XML -------------------------------------------------------------

    def protect(self, text: str, keep: Sequence[Span] = ()) -> str:
        """The sentence as XML; ``keep`` spans are offsets into ``text``."""
        spans = sorted((s.start, s.end) for s in keep if 0 <= s.start < s.end <= len(text))
        return self._inline(text, 0, spans)

    def _inline(self, s: str, base: int, spans: list[tuple[int, int]]) -> str:
        out: list[str] = []
        literal_start = 0
        i = 0

        def flush(upto: int) -> None:
            if upto > literal_start:
                out.append(self._text(s[literal_start:upto], base + literal_start, spans))

        while i < len(s):
            ch = s[i]
            piece: str | None = None
            end = i
            if ch == "`":
                m = _CODE.match(s, i)
                if m:
                    piece, end = self._opaque(m.group(0)), m.end()
            elif ch == "!":
                m = _IMAGE.match(s, i)
                if m:
                    piece, end = self._opaque(m.group(0)), m.end()
            elif ch == "[":
                m = _LINK.match(s, i)
                if m:
                    number = self._new("a", f"({m.group(2)})")
                    inner = self._inline(m.group(1), base + i + 1, spans)
                    piece, end = f'<a n="{number}">{inner}</a>', m.end()
            elif ch == "<":
                m = _AUTOLINK.match(s, i) or _HTML.match(s, i)
                if m:
                    piece, end = self._opaque(m.group(0)), m.end()
            elif ch == "\\":
                m = _ESCAPE.match(s, i)
                if m:
                    piece, end = self._opaque(m.group(0)), m.end()
            elif ch in "*_":
                found = self._emphasis(s, i)
                if found:
                    kind, marker, close = found
                    number = self._new(kind, marker)
                    inner_start = i + len(marker)
                    inner = self._inline(s[inner_start:close], base + inner_start, spans)
                    piece, end = f'<{kind} n="{number}">{inner}</{kind}>', close + len(marker)
            if piece is None:
                i += 1
                continue
            flush(i)
            out.append(piece)
            i = literal_start = end
        flush(len(s))
        return "".join(out)

    def _emphasis(self, s: str, i: int) -> tuple[str, str, int] | None:
        """(tag, marker, index of the closing marker) for emphasis opening at ``i``."""
        if i > 0 and s[i - 1] == "\\":
            return None
        for marker, kind in ((s[i] * 2, "b"), (s[i], "em")):
            if not s.startswith(marker, i):
                continue
            start = i + len(marker)
            if start >= len(s) or s[start].isspace() or s.startswith(s[i], start):
                continue
            if marker[0] == "_" and i > 0 and s[i - 1].isalnum():
                continue
            j = start
            while True:
                j = s.find(marker, j + 1)
                if j < 0:
                    break
                if len(marker) == 1 and s.startswith(marker * 2, j):
                    j += 1  # a strong marker inside emphasis: skip it
                    continue
                after = j + len(marker)
                if s[j - 1].isspace():
                    continue
                if marker[0] == "_" and after < len(s) and s[after].isalnum():
                    continue
                return kind, marker, j
        return None

    def _opaque(self, raw: str) -> str:
        return f'<x n="{self._new("x", raw)}"/>'

    def _text(self, s: str, base: int, spans: list[tuple[int, int]]) -> str:
        """Literal text, with the keep spans lying wholly inside it tagged."""
        out: list[str] = []
        cursor = 0
        for start, end in spans:
            start, end = start - base, end - base
            if start < cursor or end > len(s):
                continue
            out.append(escape(s[cursor:start]))
            term = s[start:end]
            number = self._new(KEEP_TAG, term)
            attributes = f" {self.keep_attributes}" if self.keep_attributes else ""
            out.append(f'<{KEEP_TAG} n="{number}"{attributes}>{escape(term)}</{KEEP_TAG}>')
            cursor = end
        out.append(escape(s[cursor:]))
        return "".join(out)

    # --- XML -> Markdown -------------------------------------------------------------

    def restore(self, xml: str, numbers: Sequence[int] | None = None) -> tuple[str, list[str]]:
        """The Markdown for a translated text, and what went wrong (empty when nothing).

        ``numbers`` are the slots expected in this text (default: all of them). A tag
        the engine lost is reported; its words stay, its markup goes.
        """
        expected = set(self.slots if numbers is None else numbers)
        seen: dict[int, int] = {}
        problems: list[str] = []
        # The stack holds (tag, number, parts collected inside it).
        stack: list[tuple[str, int | None, list[str]]] = [("", None, [])]
        pos = 0
        for m in _TAG.finditer(xml):
            stack[-1][2].append(html.unescape(xml[pos : m.start()]))
            pos = m.end()
            closing, name, attributes, self_closing = m.groups()
            name = name.lower()
            if name not in INLINE_TAGS:
                problems.append(f"unexpected tag <{name}> in the answer (dropped)")
                continue
            found = _NUMBER.search(attributes or "")
            number = int(found.group(1)) if found else None
            if closing and name == "x":
                continue  # <x n="1"></x>: an empty element written out in full
            if closing:
                if len(stack) > 1 and stack[-1][0] == name:
                    tag, num, parts = stack.pop()
                    stack[-1][2].append(self._render(tag, num, "".join(parts)))
                else:
                    problems.append(f"stray </{name}> in the answer (dropped)")
                continue
            if number is None or number not in self.slots or self.slots[number].kind != name:
                problems.append(f"unknown <{name}> in the answer (dropped)")
                continue
            seen[number] = seen.get(number, 0) + 1
            if self_closing or name == "x":
                stack[-1][2].append(self._render(name, number, ""))
            else:
                stack.append((name, number, []))
        stack[-1][2].append(html.unescape(xml[pos:]))
        while len(stack) > 1:  # unclosed tags: keep their words
            tag, num, parts = stack.pop()
            problems.append(f"<{tag}> not closed in the answer")
            stack[-1][2].append(self._render(tag, num, "".join(parts)))
        for number in sorted(expected):
            if number not in seen:
                problems.append(f"{self._describe(number)} lost in translation")
            elif seen[number] > 1:
                problems.append(f"{self._describe(number)} repeated in translation")
        return "".join(stack[0][2]), problems

    def _render(self, tag: str, number: int | None, inner: str) -> str:
        slot = self.slots.get(number) if number is not None else None
        if slot is None:
            return inner
        if tag == "x":
            return slot.raw
        if tag == KEEP_TAG:
            return slot.raw
        stripped = inner.strip()
        if not stripped:
            return inner
        lead = inner[: len(inner) - len(inner.lstrip())]
        trail = inner[len(inner.rstrip()) :]
        if tag == "a":
            return f"{lead}[{stripped}]{slot.raw}{trail}"
        return f"{lead}{slot.raw}{stripped}{slot.raw}{trail}"

    def _describe(self, number: int) -> str:
        slot = self.slots[number]
        names = {"b": "bold", "em": "emphasis", "a": "link", "x": "code or markup", "k": "term"}
        what = names.get(slot.kind, slot.kind)
        if slot.kind in ("x", "k"):
            return f"{what} {slot.raw!r}"
        if slot.kind == "a":
            return f"{what} {slot.raw[1:-1]!r}"
        return what


def wrap_sentences(parts: Sequence[str], separators: Sequence[str]) -> str:
    """One paragraph text: each (already protected) sentence in ``<s n="i">``.

    ``separators[i]`` is the (escaped) text between sentence i and i+1.
    """
    out: list[str] = []
    for i, part in enumerate(parts):
        out.append(f'<{SENTENCE_TAG} n="{i}">{part}</{SENTENCE_TAG}>')
        if i < len(separators):
            out.append(separators[i])
    return "".join(out)


def split_sentences(xml: str, count: int) -> list[str] | None:
    """The inner XML of sentences 0..count-1, or None when the answer cannot be trusted.

    Untrusted: a sentence tag missing, doubled, nested, out of order or not closed, or
    words outside the sentence tags.
    """
    result: list[str] = []
    depth = 0
    start = 0
    outside: list[str] = []
    pos = 0
    for m in _TAG.finditer(xml):
        closing, name, attributes, self_closing = m.groups()
        if name.lower() != SENTENCE_TAG:
            continue
        if self_closing:
            return None
        if not closing:
            if depth:
                return None
            found = _NUMBER.search(attributes or "")
            if not found or int(found.group(1)) != len(result):
                return None
            outside.append(xml[pos : m.start()])
            depth, start = 1, m.end()
        else:
            if not depth:
                return None
            result.append(xml[start : m.start()])
            depth, pos = 0, m.end()
    outside.append(xml[pos:])
    if depth or len(result) != count:
        return None
    if any(html.unescape(_TAG.sub("", text)).strip() for text in outside):
        return None
    return result
