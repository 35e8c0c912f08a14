"""Markdown blocks and German sentence segmentation.

A release body is Markdown. :func:`markdown_blocks` parses it (CommonMark, with tables)
and returns the blocks that carry prose: headings, paragraphs, list items and block
quotes, in document order. Code, HTML blocks and tables are left alone. Each block
keeps its inline Markdown *source* (emphasis, links and their targets included), and
:func:`split_sentences` cuts that source into sentences, each a span into it.

Sentence splitting uses SoMaJo (``de_CMC``) and then presse's corrections for German
press text (see ``docs/segmentation.md`` for the measurements):

* Markdown emphasis markers (``*``, ``_``, ``~``) are hidden from SoMaJo, so a sentence
  wrapped in ``*...*`` is still a sentence, and the closing marker stays with it;
* no boundary after an abbreviation that cannot end a sentence ("Prof.", "Dr. med.
  dent.", "z. B.", "u. a.", "bzw.", "Nr.", "Dipl.-Ing." ...), before a lower-case word,
  between an ordinal and a month ("Der 15. April"), or between "Art.", "Sept." ... and
  a number;
* a boundary where SoMaJo misses one after a number or a date abbreviation: before a
  word that starts sentences but never follows an ordinal ("Platz 3. Die Jury ...",
  "Mo. bis Fr. Am Wochenende ..."), and after a number that cannot be an ordinal
  (a phone number "5970-4711.", a date "12.06.");
* boundaries fall only where there is white space, so a URL, an e-mail address, a
  time ("09.00 Uhr") or a number ("1.500") is never cut, and a closing quote („...“,
  «...», »...«) stays with the sentence it ends.

Invariant: the sentences, joined with the original white space between them, give
back the block text (from its first to its last non-space character) exactly.

:func:`rebuild_markdown` puts (translated) block texts back into the Markdown around
them, keeping every other line untouched.
"""

from __future__ import annotations

import functools
import re
import threading
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from somajo import SoMaJo

__all__ = ["Block", "Sentence", "markdown_blocks", "rebuild_markdown", "split_sentences"]


@dataclass(frozen=True)
class Sentence:
    """One sentence: ``text`` is exactly ``block_text[start:end]``."""

    text: str
    start: int
    end: int


@dataclass(frozen=True)
class Block:
    """A block of prose in a Markdown text."""

    kind: str  # "heading" | "paragraph" | "list_item" | "blockquote"
    start_line: int  # 1-based line where the block starts
    end_line: int  # 1-based line, inclusive, where it ends (a setext underline included)
    prefix: str  # the markup before the inline text on its first line: "## ", "- ", "> - "
    text: str  # the inline Markdown source, soft line breaks kept as "\n"
    sentences: tuple[Sentence, ...]


# ---------------------------------------------------------------------------------------
# Sentence splitting


@functools.cache
def _somajo() -> SoMaJo:
    """The one SoMaJo instance of this process, built on first use."""
    from somajo import SoMaJo

    return SoMaJo("de_CMC", split_camel_case=False, split_sentences=True, character_offsets=True)


# Spans where nothing is masked: code spans, link targets, autolinks, bare URLs.
_PROTECTED = re.compile(
    r"`+[^`]*`+"
    r"|\]\((?:[^()\s]|\([^()\s]*\))*(?:\s+(?:\"[^\"]*\"|'[^']*'|\([^()]*\)))?\s*\)"
    r"|<[A-Za-z][A-Za-z0-9+.\-]*:[^\s<>]*>"
    r"|<[^\s<>@]+@[^\s<>]+>"
    r"|(?:https?://|www\.)\S+"
)
# Emphasis delimiters, except inside a word ("Bürger*innen", "snake_case").
_EMPHASIS = re.compile(r"(?<!\\)[*_~]+")
_HARD_BREAK = re.compile(r"\\(?=\n)")
# A backslash escape of ASCII punctuation ("25\\. Juni", written so that Markdown does not
# read a list): SoMaJo must see the punctuation as the author wrote it.
_ESCAPE = re.compile(r"\\(?=[!-/:-@\[-`{-~])")
_TOKEN_START = re.compile(r"\S*$")

# Abbreviations after which a sentence never ends (titles, "z. B." ...): they need a
# following word. SoMaJo knows most of them; it splits after some academic titles.
_NEVER_FINAL = (
    r"Prof|Dr|Hr|Hrn|St|Nr|Nrn|Abs|ca|bzw|vgl|inkl|zzgl|Co|geb|gem|lt|sog|"
    r"Dipl\.-[A-ZÄÖÜ][a-zäöü]{1,5}|Dr\.-Ing|Verw\.-Ang|Reg\.-Bez|Mag|"
    r"med|dent|vet|rer\.\s?nat|rer\.\s?pol|rer\.\s?oec|rer\.\s?medic|rer|jur|phil|paed|"
    r"h\.\s?c|z\.\s?B|z\.\s?T|d\.\s?h|u\.\s?a|u\.\s?U|i\.\s?d\.\s?R|i\.\s?V|i\.\s?A|"
    r"v\.\s?a|o\.\s?g"
)
_NEVER_FINAL_END = re.compile(r"(?:^|[\s(\[„“\"«»‚'/*_-])(?:" + _NEVER_FINAL + r")\.$")
# Abbreviations that end a sentence only when no number follows: "Art. 3", "Sept. 2025".
_BEFORE_NUMBER = (
    r"Art|Tel|Fax|Mobil|Bd|Kap|Ziff|Pkt|Str|S|Jan|Feb|Mär|Mrz|Apr|Jun|Jul|Aug|Sep|Sept|Okt|"
    r"Nov|Dez"
)
_BEFORE_NUMBER_END = re.compile(r"(?:^|[\s(\[/-])(?:" + _BEFORE_NUMBER + r")\.$")
_MONTHS = (
    r"Januar|Jänner|Februar|März|April|Mai|Juni|Juli|August|September|Oktober|November|"
    r"Dezember|Jan|Feb|Mär|Mrz|Apr|Jun|Jul|Aug|Sep|Sept|Okt|Nov|Dez"
)
_ORDINAL_END = re.compile(r"(?:^|[\s(\[/–-])\d{1,3}\.$")
_MONTH_START = re.compile(r"(?:" + _MONTHS + r")\b\.?")
_DIGIT_START = re.compile(r"[\d(§]")
_LOWER_START = re.compile(r"[*_~\[(„“‚«»\"']*[a-zäöüß]")
# Words that start German sentences but never follow an ordinal number.
_STARTER_WORDS = (
    "Der Die Das Dem Den Des Ein Eine Einen Einem Einer Eines Er Sie Es Wir Ich Ihr Man "
    "Dies Diese Dieser Dieses Damit Dabei Danach Dann Daher Darum Dazu Doch Denn Deshalb "
    "Auch Außerdem Zudem Ferner Hierbei Hier Dort Da So Nun Jetzt Heute Insgesamt Bereits "
    "Im Am Beim Zum Zur Vom Ins Ans In An Auf Mit Bei Nach Für Seit Von Aus Über Unter "
    "Wer Was Wie Wo Wann Warum Weitere Weiterhin Alle Jeder Jede Jedes Mehr Nähere"
)
_SENTENCE_STARTERS = frozenset(_STARTER_WORDS.split())
_WORD = re.compile(r"[*_~\[(„“‚«»\"']*([A-Za-zÄÖÜäöüß]+)")


def _mask(text: str) -> str:
    """The text with Markdown emphasis markers (and hard-break backslashes) as spaces.

    Same length as ``text``, so SoMaJo's character offsets stay valid for ``text``.
    """
    if not any(c in text for c in "*_~\\"):
        return text
    chars = list(text)
    protected = [m.span() for m in _PROTECTED.finditer(text)]
    pi = 0
    for m in _EMPHASIS.finditer(text):
        start, end = m.span()
        while pi < len(protected) and protected[pi][1] <= start:
            pi += 1
        if pi < len(protected) and protected[pi][0] < end:
            continue
        before = text[start - 1] if start else " "
        after = text[end] if end < len(text) else " "
        if before.isalnum() and after.isalnum():
            continue  # intraword: "Bürger*innen"
        chars[start:end] = " " * (end - start)
    for m in _HARD_BREAK.finditer(text):
        chars[m.start()] = " "
    for m in _ESCAPE.finditer(text):
        if _inside(protected, m.start()):
            continue
        _unescape(chars, text, m.start())
    return "".join(chars)


def _inside(spans: list[tuple[int, int]], position: int) -> bool:
    return any(start <= position < end for start, end in spans)


def _unescape(chars: list[str], text: str, backslash: int) -> None:
    """Hide the backslash at ``backslash`` and keep the length: the word before it moves
    one place right ("25\\." is seen as " 25."), so its punctuation touches it again."""
    match = _TOKEN_START.search(text, 0, backslash)
    begin = match.start() if match else backslash
    chars[begin + 1 : backslash + 1] = chars[begin:backslash]
    chars[begin] = " "


_SOMAJO_LOCK = threading.Lock()  # SoMaJo does not promise to be thread-safe


def _somajo_starts(masked: str) -> list[int]:
    """Where SoMaJo starts each sentence after the first (offsets into ``masked``)."""
    somajo = _somajo()
    with _SOMAJO_LOCK:
        sentences = list(somajo.tokenize_text([masked]))
    starts = []
    for index, sentence in enumerate(sentences):
        if index and sentence:
            offset = sentence[0].character_offset
            if offset is not None:
                starts.append(offset[0])
    return starts


def _boundary_at(text: str, masked: str, pos: int) -> tuple[int, int] | None:
    """The white-space gap ``(end, start)`` that separates sentences at ``pos``, if any.

    Markup hidden from SoMaJo just before ``pos`` goes to the sentence it closes (when
    written before the white space) or opens (when written after it).
    """
    a = pos
    while a > 0 and (masked[a - 1].isspace()):
        a -= 1
    if a == pos:
        return None
    end = a
    while end < pos and not text[end].isspace():
        end += 1
    if end == pos:
        return None  # no white space at all: "Ende.*Neu" stays one sentence
    start = end
    while start < pos and text[start].isspace():
        start += 1
    return end, start


def _keep_boundary(before: str, after: str) -> bool:
    """presse's rules against SoMaJo's boundaries: False when this is not a boundary."""
    before = before.rstrip("*_~")
    if before.endswith("."):
        if _NEVER_FINAL_END.search(before):
            return False
        if _LOWER_START.match(after):
            return False
        if _ORDINAL_END.search(before) and _MONTH_START.match(after):
            return False  # "Der 15. April"
        if _BEFORE_NUMBER_END.search(before) and _DIGIT_START.match(after):
            return False  # "Art. 3", "im Sept. 2025"
    return True


_NUMBER_TOKEN = re.compile(r"(?:^|\s)[(\[]?([\d.,/\-–]*\d)\.$")


def _extra_boundary(before: str, after: str) -> bool:
    """True where SoMaJo missed a boundary: "Platz 3. Die Jury", "Tel. 5970-11. Anfragen".

    Candidates are a number, a month or a weekday abbreviation with a full stop before
    a capitalised word ("Mo. bis Fr. Am Wochenende ...").
    """
    before = before.rstrip("*_~")
    word = _WORD.match(after)
    if word is None or _MONTH_START.match(word.group(1)):
        return False
    if word.group(1) in _SENTENCE_STARTERS:
        return True  # these never follow an ordinal number or a date abbreviation
    number = _NUMBER_TOKEN.search(before)
    if number is None:
        return False
    digits = number.group(1)
    # Not an ordinal: a phone number, a decimal, a date, a grouped or long number.
    return any(c in digits for c in ",/-–.") or len(digits) >= 5


_CANDIDATE = re.compile(
    r"(?:\d|\b(?:Jan|Feb|Mär|Mrz|Apr|Jun|Jul|Aug|Sep|Sept|Okt|Nov|Dez|Mo|Di|Mi|Do|Fr|Sa|So))"
    r"\.(?:\*\*|\*|__|_)?"
    r"(?=\s+[*_\[(„“‚«»\"']*[A-ZÄÖÜ])"
)


def _split_spans(text: str) -> tuple[tuple[int, int], ...]:
    first = len(text) - len(text.lstrip())
    last = len(text.rstrip())
    if first >= last:
        return ()
    masked = _mask(text)
    gaps: dict[int, int] = {}
    for pos in _somajo_starts(masked):
        gap = _boundary_at(text, masked, pos)
        if gap is None:
            continue
        end, start = gap
        if first < end and start < last and _keep_boundary(text[first:end], text[start:last]):
            gaps[end] = start
    for m in _CANDIDATE.finditer(text):
        end = start = m.end()
        while start < last and text[start].isspace():
            start += 1
        if end not in gaps and _extra_boundary(text[first:end], text[start:last]):
            gaps[end] = start
    spans = []
    begin = first
    for end in sorted(gaps):
        spans.append((begin, end))
        begin = gaps[end]
    spans.append((begin, last))
    return tuple(spans)


@functools.lru_cache(maxsize=65536)
def _cached_spans(text: str) -> tuple[tuple[int, int], ...]:
    return _split_spans(text)


def split_sentences(text: str) -> list[Sentence]:
    """The sentences of one block's inline text, as spans into it.

    Leading and trailing white space belongs to no sentence; between two sentences
    there is only white space. Results are cached per text.
    """
    return [Sentence(text[s:e], s, e) for s, e in _cached_spans(text)]


def clear_cache() -> None:
    """Forget the cached segmentations (for benchmarks)."""
    _cached_spans.cache_clear()


# ---------------------------------------------------------------------------------------
# Markdown blocks


@functools.cache
def _markdown_parser() -> MarkdownIt:
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark").enable("table")


_NEWLINES = re.compile(r"\r\n?|\n")
_PREFIX_CHARS = re.compile(r"[ \t>*+\-#0-9.)]*")
_ATX_TAIL = re.compile(r"[ \t]*(?:#+[ \t]*)?")


@dataclass(frozen=True)
class _Layout:
    """How a block's text sits in its lines, for :func:`rebuild_markdown`."""

    block: Block
    first: int  # 0-based index of the first text line
    count: int  # number of text lines (a setext underline follows them)
    continuation: tuple[str, ...]  # the markup before each following text line
    tail: str  # what follows the text on its last line (ATX closing "##", spaces)
    exact: bool  # False when the source lines could not be matched to the text


def _locate(source: str, content: str, heading: bool) -> tuple[str, str] | None:
    """Split a source line into ``(markup before, rest after)`` around ``content``."""
    stripped = source.rstrip()
    want = content.rstrip()
    if not want:
        return None
    k = stripped.find(want)
    while k != -1:
        before = stripped[:k]
        after = source[k + len(want) :]
        if _PREFIX_CHARS.fullmatch(before) and (
            not after.strip() or (heading and _ATX_TAIL.fullmatch(after))
        ):
            return before, after
        k = stripped.find(want, k + 1)
    return None


def _default_continuation(prefix: str) -> str:
    """The markup that continues a block on its next line: "> - " gives ">   "."""
    return re.sub(r"[-*+]|\d+[.)]", lambda m: " " * len(m.group()), prefix)


def _layouts(markdown: str) -> list[_Layout]:
    lines = _NEWLINES.split(markdown)
    tokens = _markdown_parser().parse(markdown)
    layouts: list[_Layout] = []
    containers: list[str] = []
    table_depth = 0
    pending: tuple[str, list[int]] | None = None
    for token in tokens:
        kind = token.type
        if kind == "table_open":
            table_depth += 1
        elif kind == "table_close":
            table_depth -= 1
        elif kind in ("list_item_open", "blockquote_open"):
            containers.append(kind[: -len("_open")])
        elif kind in ("list_item_close", "blockquote_close"):
            containers.pop()
        elif kind == "heading_open" and token.map:
            pending = ("heading", token.map)
        elif kind == "paragraph_open" and token.map:
            pending = (containers[-1] if containers else "paragraph", token.map)
        elif kind == "inline" and pending is not None and not table_depth:
            block_kind, (begin, end) = pending
            pending = None
            layout = _layout(lines, block_kind, begin, end, token.content, token.map)
            if layout is not None:
                layouts.append(layout)
        elif kind in ("heading_close", "paragraph_close"):
            pending = None
    return layouts


def _layout(
    lines: list[str],
    kind: str,
    begin: int,
    end: int,
    content: str,
    inline_map: list[int] | None,
) -> _Layout | None:
    if not content.strip():
        return None
    text_lines = content.split("\n")
    heading = kind == "heading"
    count = (inline_map[1] - inline_map[0]) if inline_map else end - begin
    found = [
        _locate(lines[begin + i], text_lines[i], heading and i == 0)
        if begin + i < len(lines) and i < count
        else None
        for i in range(len(text_lines))
    ]
    exact = len(text_lines) == count and all(f is not None for f in found)
    if found[0] is not None:
        prefix = found[0][0]
    else:
        first = lines[begin] if begin < len(lines) else ""
        prefix = first[: len(first) - len(first.lstrip(" \t>*+-#0123456789.)"))]
    continuation = tuple(f[0] if f is not None else "" for f in found[1:])
    last = found[-1]
    tail = last[1] if last is not None else ""
    block = Block(
        kind=kind,
        start_line=begin + 1,
        end_line=end,
        prefix=prefix,
        text=content,
        sentences=tuple(split_sentences(content)),
    )
    return _Layout(block, begin, count, continuation, tail, exact)


def markdown_blocks(markdown: str) -> list[Block]:
    """The prose blocks of a Markdown text (a release body), in document order.

    Headings (ATX and setext), paragraphs, list items' and block quotes' paragraphs;
    code, HTML blocks and tables are skipped, as are empty blocks.
    """
    return [layout.block for layout in _layouts(markdown)]


def _render(layout: _Layout, replacement: str) -> list[str]:
    block = layout.block
    if block.kind == "heading" and layout.count == 1:
        replacement = " ".join(replacement.split("\n"))
    parts = replacement.split("\n")
    default = _default_continuation(block.prefix)
    out = [block.prefix + parts[0]]
    for i, part in enumerate(parts[1:]):
        cont = layout.continuation[i] if i < len(layout.continuation) else default
        out.append(cont + part)
    out[-1] += layout.tail
    return out


def rebuild_markdown(markdown: str, replacements: dict[int, str]) -> str:
    """The Markdown with the text of some blocks replaced.

    ``replacements`` maps a block's ``start_line`` to its new inline text (usually one
    line). The block's lines become ``block.prefix`` + the new text; blank lines, code,
    tables, a setext underline and every other block stay as they were. Replacing each
    block by its own text gives back the original Markdown.
    """
    if not replacements:
        return markdown
    pieces = re.split(r"(\r\n?|\n)", markdown)
    lines = pieces[0::2]
    endings = [*pieces[1::2], ""]
    layouts = {layout.block.start_line: layout for layout in _layouts(markdown)}
    unknown = sorted(set(replacements) - set(layouts))
    if unknown:
        raise KeyError(f"no block starts on line {unknown[0]}")
    eol = endings[0] if endings[0] else "\n"
    for start_line in sorted(replacements, reverse=True):
        layout = layouts[start_line]
        replacement = replacements[start_line]
        first, count = layout.first, layout.count
        if replacement == layout.block.text and not layout.exact:
            continue  # unchanged, and not safely rebuildable: keep the lines as written
        new_lines = _render(layout, replacement)
        last_ending = endings[first + count - 1]
        lines[first : first + count] = new_lines
        inner = [endings[first + i] if i < count - 1 else eol for i in range(len(new_lines) - 1)]
        endings[first : first + count] = [*inner, last_ending]
    return "".join(line + ending for line, ending in zip(lines, endings, strict=True))
