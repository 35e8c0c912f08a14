"""PO files: a pure catalog model, a reader (polib) and a writer that wraps like GNU gettext.

GNU gettext, Poedit and Weblate all wrap PO strings at 79 columns at the same break
opportunities (those of Unicode line breaking, as libunistring implements it). presse
writes its catalogs the same way, so that opening and saving a catalog in Poedit
changes only what the translator changed, and running ``presse extract`` twice
rewrites nothing. The writer is a pure function of the model (as in Babel's
``pofile.write_po``); reading uses polib, whose parser reports the line of a syntax
error.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from pathlib import Path

import polib

from presse.errors import PresseError

PAGE_WIDTH = 79
# Characters after which a line may break before a letter (not before a digit).
BREAK_AFTER_BEFORE_LETTER = frozenset("-/.,:;")
# Characters after which a line may always break (unless a closing mark follows).
BREAK_AFTER_ALWAYS = frozenset("!?}|…—–‐")
# Characters before which a line never breaks.
NO_BREAK_BEFORE = frozenset(" )]}!?.,:;…'\"’”“«»‚‘›‹%\u00a0\u202f")
# No break after these, even across spaces (opening brackets and German low quotes).
OPENERS = frozenset("([{„‚")
QUOTES = frozenset("\"'«»“”‘’‹›")
# After a space, a line may break before anything but these (closing marks, punctuation).
NO_BREAK_AFTER_SPACE = frozenset(" )]}!?.,:;/\u00a0\u202f")
ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\t": "\\t", "\r": "\\r"}
UNESCAPES = {"\\": "\\", '"': '"', "n": "\n", "t": "\t", "r": "\r"}
# The translator comment that marks a segment "merged with the previous" (N:M segments).
MERGE_MARKER = "presse: merged with previous"
HEADER_ORDER = (
    "Project-Id-Version",
    "Report-Msgid-Bugs-To",
    "POT-Creation-Date",
    "PO-Revision-Date",
    "Last-Translator",
    "Language-Team",
    "Language",
    "MIME-Version",
    "Content-Type",
    "Content-Transfer-Encoding",
    "Plural-Forms",
)


@dataclass
class Entry:
    """One message: a German segment and its French text, with comments and flags."""

    msgid: str
    msgstr: str = ""
    msgctxt: str | None = None
    flags: list[str] = field(default_factory=list)
    references: list[str] = field(default_factory=list)
    extracted_comments: list[str] = field(default_factory=list)
    translator_comments: list[str] = field(default_factory=list)
    previous_msgid: str | None = None
    previous_msgctxt: str | None = None
    obsolete: bool = False

    @property
    def key(self) -> tuple[str | None, str]:
        return (self.msgctxt, self.msgid)

    @property
    def fuzzy(self) -> bool:
        return "fuzzy" in self.flags

    @property
    def merge_marked(self) -> bool:
        """Whether a translator marked this segment as covered by the French of the one
        before it (see :mod:`presse.documents.merges`)."""
        return any(c.strip().lower() == MERGE_MARKER for c in self.translator_comments)

    def with_fuzzy(self, fuzzy: bool) -> Entry:
        flags = [f for f in self.flags if f != "fuzzy"]
        return replace(self, flags=(["fuzzy", *flags] if fuzzy else flags))


@dataclass
class Catalog:
    """A PO file's content: the header fields and the entries in file order."""

    header: dict[str, str] = field(default_factory=dict)
    header_comments: list[str] = field(default_factory=list)
    entries: list[Entry] = field(default_factory=list)

    @property
    def active(self) -> list[Entry]:
        return [e for e in self.entries if not e.obsolete]

    @property
    def obsolete(self) -> list[Entry]:
        return [e for e in self.entries if e.obsolete]


# ---------------------------------------------------------------- writing


def escape(text: str) -> str:
    return "".join(ESCAPES.get(ch, ch) for ch in text)


def char_before_spaces(text: str, index: int) -> str:
    """The character before the run of spaces that ends at ``index``."""
    while index >= 0 and text[index] == " ":
        index -= 1
    return text[index] if index >= 0 else ""


def no_break_after_spaces(text: str, index: int) -> bool:
    """Unicode line breaking: no break in ``( x``, ``» (`` or ``— —``, spaces or not."""
    previous = char_before_spaces(text, index)
    following = text[index + 1]
    return (
        previous in OPENERS
        or (previous in QUOTES and following in OPENERS)
        or (previous == following == "—")
    )


def break_allowed(text: str, index: int) -> bool:
    """May a line break between ``text[index]`` and ``text[index + 1]``?"""
    before, after = text[index], text[index + 1]
    if before == " ":
        return after not in NO_BREAK_AFTER_SPACE and not no_break_after_spaces(text, index)
    if after in NO_BREAK_BEFORE:
        return False
    if after == "—" and before != "—":
        return True  # an em dash may start a line (Unicode class B2)
    if before in BREAK_AFTER_BEFORE_LETTER:
        return after.isalpha() or (before in ".,:;" and after in "([")
    if before in BREAK_AFTER_ALWAYS:
        return True
    return before in ")]" and after in OPENERS


def split_chunks(text: str) -> list[str]:
    """The unescaped text cut at every break opportunity."""
    chunks: list[str] = []
    start = 0
    for index in range(len(text) - 1):
        if text[index] == "\n" or break_allowed(text, index):
            chunks.append(text[start : index + 1])
            start = index + 1
    chunks.append(text[start:])
    return [c for c in chunks if c]


def wrap_escaped(chunks: list[str], width: int) -> list[str]:
    """Greedy first-fit wrapping of escaped chunks into lines of at most ``width`` columns."""
    lines: list[str] = []
    current = ""
    for chunk in chunks:
        piece = escape(chunk)
        if current and len(current) + len(piece) > width:
            lines.append(current)
            current = ""
        current += piece
        if chunk.endswith("\n"):
            lines.append(current)
            current = ""
    if current or not lines:
        lines.append(current)
    return lines


def render_field(keyword: str, text: str, prefix: str = "") -> list[str]:
    """``msgid "..."`` as GNU gettext writes it: one line when it fits, else wrapped."""
    escaped = escape(text)
    single = f'{prefix}{keyword} "{escaped}"'
    has_inner_newline = "\n" in text[:-1]
    if len(single) <= PAGE_WIDTH and not has_inner_newline:
        return [single]
    chunks = split_chunks(text)
    if len(chunks) == 1:
        return [single]  # GNU gettext leaves a string with no break opportunity whole
    lines = wrap_escaped(chunks, PAGE_WIDTH - len(prefix) - 2)
    return [f'{prefix}{keyword} ""', *(f'{prefix}"{line}"' for line in lines)]


def render_comments(entry: Entry) -> list[str]:
    lines = [f"# {c}".rstrip() for c in entry.translator_comments]
    lines += [f"#. {c}".rstrip() for c in entry.extracted_comments]
    if not entry.obsolete:  # like msgmerge: an obsolete message points nowhere
        lines += [f"#: {ref}" for ref in entry.references]
    # GNU gettext drops the fuzzy flag of an untranslated message; so do we.
    flags = [f for f in entry.flags if f != "fuzzy" or entry.msgstr]
    if flags:
        lines.append("#, " + ", ".join(flags))
    return lines


def render_entry(entry: Entry) -> list[str]:
    lines = render_comments(entry)
    prefix = "#~ " if entry.obsolete else ""
    previous_prefix = "#~| " if entry.obsolete else "#| "
    if entry.previous_msgctxt is not None:
        lines += render_field("msgctxt", entry.previous_msgctxt, previous_prefix)
    if entry.previous_msgid is not None:
        lines += render_field("msgid", entry.previous_msgid, previous_prefix)
    if entry.msgctxt is not None:
        lines += render_field("msgctxt", entry.msgctxt, prefix)
    lines += render_field("msgid", entry.msgid, prefix)
    lines += render_field("msgstr", entry.msgstr, prefix)
    return lines


def header_text(header: dict[str, str]) -> str:
    known = [k for k in HEADER_ORDER if k in header]
    others = [k for k in header if k not in HEADER_ORDER]
    return "".join(f"{key}: {header[key]}\n" for key in known + others)


def render_po(catalog: Catalog) -> str:
    """The PO file text of a catalog, wrapped as GNU gettext wraps it."""
    blocks: list[list[str]] = []
    head = [f"# {c}".rstrip() for c in catalog.header_comments]
    head += ['msgid ""', *render_field("msgstr", header_text(catalog.header))[0:]]
    blocks.append(head)
    blocks += [render_entry(e) for e in catalog.entries if not e.obsolete]
    blocks += [render_entry(e) for e in catalog.entries if e.obsolete]
    return "\n\n".join("\n".join(block) for block in blocks) + "\n"


# ---------------------------------------------------------------- reading

POLIB_LINE = re.compile(r"line (\d+)")
PO_KEYWORD = re.compile(r"(msgctxt|msgid_plural|msgid|msgstr(\[\d+\])?)(?=[\s\"])")
PO_STRING_LINE = re.compile(
    r'(?:(?:msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?)\s+)?"((?:[^"\\]|\\.)*)"\s*'
)
# The escapes polib understands; GNU msgfmt rejects most others ("invalid control sequence").
PO_ESCAPE = re.compile(r"\\(.)")
KNOWN_ESCAPES = frozenset('\\ntrvbf"')
OBSOLETE_PREVIOUS = re.compile(r"^#~\|", re.MULTILINE)


def entry_from_polib(item: polib.POEntry) -> Entry:
    return Entry(
        msgid=item.msgid,
        msgstr=item.msgstr,
        msgctxt=item.msgctxt,
        flags=list(item.flags),
        references=[f"{path}:{line}" if line else path for path, line in item.occurrences],
        extracted_comments=item.comment.split("\n") if item.comment else [],
        translator_comments=item.tcomment.split("\n") if item.tcomment else [],
        previous_msgid=item.previous_msgid,
        previous_msgctxt=item.previous_msgctxt,
        obsolete=bool(item.obsolete),
    )


def string_line(line: str) -> str | None:
    """The part of a line that must be a quoted PO string (``None`` for comments)."""
    stripped = line.strip()
    if stripped.startswith(("#~", "#|")):
        rest = stripped[2:].lstrip("|").strip()
        return rest if rest.startswith('"') or PO_KEYWORD.match(rest) else None
    if not stripped or stripped.startswith("#"):
        return None
    return stripped


def string_problem(content: str) -> str | None:
    """What is wrong with one ``msgid "..."`` or ``"..."`` line, or None."""
    match = PO_STRING_LINE.fullmatch(content)
    if match is None:
        if content.count('"') % 2 == 1 or content.endswith('\\"'):
            return 'unterminated string (a closing " is missing)'
        return f"not a PO line: {content[:40]!r}"
    for escape_match in PO_ESCAPE.finditer(match.group(1)):
        if escape_match.group(1) not in KNOWN_ESCAPES:
            return f"invalid escape \\{escape_match.group(1)} in a string"
    return None


def polib_readable(text: str) -> str:
    """The text with ``#~|`` lines as ``#|``: polib skips the previous msgid of an obsolete
    message (which GNU msgmerge writes), and would drop it on the next save."""
    return OBSOLETE_PREVIOUS.sub("#|", text)


def check_syntax(text: str, path: Path | str) -> None:
    """Reject what polib would silently misread (an unterminated string loses a letter)."""
    for number, line in enumerate(text.split("\n"), start=1):  # not splitlines: U+2028
        content = string_line(line)
        problem = string_problem(content) if content is not None else None
        if problem:
            raise PresseError(f"broken PO file: {problem}", path, number)


def parse_po(text: str, path: Path | str) -> Catalog:
    """Read a PO file's text; a syntax error names the file and line."""
    check_syntax(text, path)
    try:
        parsed = polib.pofile(polib_readable(text), wrapwidth=PAGE_WIDTH, check_for_duplicates=True)
    except (OSError, ValueError) as exc:
        message = str(exc)
        match = POLIB_LINE.search(message)
        line = int(match.group(1)) if match else None
        detail = "syntax error" if "Syntax error" in message else message
        raise PresseError(f"broken PO file: {detail}", path, line) from None
    header_comments = parsed.header.split("\n") if parsed.header else []
    return Catalog(
        header=dict(parsed.metadata),
        header_comments=header_comments,
        entries=[entry_from_polib(item) for item in parsed],
    )
