"""The YAML that presse writes, read without PyYAML's machinery; anything else is left to it.

Every head of an archive's files (a release's front matter, a review file's approval
and events) is a block of ``key: value`` lines, nested mappings and lists of mappings,
with plain or quoted one-line scalars. PyYAML, even through its C parser, makes a Python
object for every event, node and mark of them: a third of the build's gate on a fresh
clone. :func:`quick_located` reads that subset line by line and gives exactly what
:func:`presse.store.yaml_lines.load_located` gives (the same data, the same line of every
key); on anything outside it (flow collections, anchors, tags, block scalars, a value
spread over lines, a scalar PyYAML would read as anything but a string or a plain
decimal, a key given twice, odd characters) it answers None, and the full reader decides
and reports errors with their lines. ``tests/test_yaml_quick.py`` holds it to that,
on every YAML document of the repository and the tests and on generated ones.
"""

from __future__ import annotations

import re
from typing import Any

# Characters PyYAML's reader refuses, or reads as line breaks (NEL, U+2028, U+2029),
# a tab, a carriage return, a byte order mark: the full reader handles them.
_UNUSUAL_CHARS = re.compile(
    "[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufeff\ufffe\uffff]"
)
_ENTRY = re.compile(r"( *)(- )?([A-Za-z0-9_][A-Za-z0-9_]*(?:-[A-Za-z0-9_]+)*):(?: +(.*))?\Z")
_ITEM = re.compile(r"( *)- +(.*)\Z")
# A plain scalar starts with none of YAML's indicators, holds no ": " or " #", and does
# not end in ":".
_PLAIN_START = frozenset("-?:,[]{}#&*!|>'\"%@`")
_DECIMAL = re.compile(r"(?:0|[1-9][0-9]*)\Z")
_STR = "tag:yaml.org,2002:str"


class _NotQuick(Exception):
    """Outside the subset: the full reader decides."""


def quick_located(text: str, line_offset: int, resolve: Any) -> tuple[Any, dict[str, int]] | None:
    """The data and key lines of a document in presse's subset of YAML, else None.

    ``resolve(value)`` is the tag PyYAML gives a plain scalar (the loader's resolvers)."""
    if _UNUSUAL_CHARS.search(text):
        return None
    lines = _content_lines(text, line_offset)
    if lines is None:
        return None
    if not lines:
        return None, {}
    reader = _Reader(lines, resolve)
    try:
        data = reader.block(lines[0][0], "")
    except _NotQuick:
        return None
    if reader.position != len(lines):
        return None
    return data, reader.key_lines


# One content line: (indent, is a "- " item, key or None, the value's text or None, line).
_Line = tuple[int, bool, str | None, str | None, int]


def _content_lines(text: str, line_offset: int) -> list[_Line] | None:
    out: list[_Line] = []
    for number, raw in enumerate(text.split("\n"), start=1 + line_offset):
        line = raw.rstrip(" ")
        stripped = line.lstrip(" ")
        if not stripped or stripped.startswith("#"):
            continue
        if stripped.startswith(("---", "...", "%")):
            return None  # document markers and directives
        entry = _ENTRY.match(line)
        if entry is not None:
            indent, dash, key, value = entry.groups()
            if dash:  # "- key: value": an item, and the first key of its mapping
                out.append((len(indent), True, None, None, number))
                out.append((len(indent) + 2, False, key, value, number))
            else:
                out.append((len(indent), False, key, value, number))
            continue
        item = _ITEM.match(line)
        if item is None:
            return None
        out.append((len(item.group(1)), True, None, item.group(2), number))
    return out


class _Reader:
    def __init__(self, lines: list[_Line], resolve: Any) -> None:
        self.lines = lines
        self.resolve = resolve
        self.position = 0
        self.key_lines: dict[str, int] = {}

    def block(self, indent: int, prefix: str) -> Any:
        """The mapping or list whose first line is the next one, at ``indent``."""
        if self.lines[self.position][1]:
            return self.sequence(indent, prefix)
        return self.mapping(indent, prefix)

    def mapping(self, indent: int, prefix: str) -> dict[str, Any]:
        result: dict[str, Any] = {}
        lines = self.lines
        while self.position < len(lines):
            at, is_item, key, value, number = lines[self.position]
            if at < indent or (at == indent and is_item):
                break
            if at > indent or key is None:
                raise _NotQuick
            if self.resolve(key) != _STR:
                raise _NotQuick  # "on:", "null:": keys PyYAML reads as other values
            dotted = prefix + key
            if dotted in self.key_lines:
                raise _NotQuick  # given twice: the full reader names both lines
            self.key_lines[dotted] = number
            self.position += 1
            if value is not None:
                result[key] = self.scalar(value)
                continue
            result[key] = self.nested(indent, dotted + ".")
        return result

    def nested(self, indent: int, prefix: str) -> Any:
        """The value of a key with nothing after its colon: the block below, or null."""
        lines = self.lines
        if self.position < len(lines):
            at, is_item = lines[self.position][:2]
            # A list may start at its key's own indentation ("events:" then "- ...").
            if at > indent or (at == indent and is_item):
                return self.block(at, prefix)
        return None

    def sequence(self, indent: int, prefix: str) -> list[Any]:
        result: list[Any] = []
        lines = self.lines
        while self.position < len(lines):
            at, is_item, _, value, number = lines[self.position]
            if at < indent or (at == indent and not is_item):
                break  # the list ends where its parent's next key is
            if at > indent:
                raise _NotQuick
            dotted = f"{prefix}{len(result)}"
            self.key_lines.setdefault(dotted, number)
            self.position += 1
            if value is not None:
                result.append(self.scalar(value))
                continue
            # "- key: value": the mapping's lines follow, two columns in.
            following = lines[self.position] if self.position < len(lines) else None
            if following is None or following[0] != indent + 2 or following[1]:
                raise _NotQuick  # a bare "-" or a list in a list
            result.append(self.mapping(indent + 2, dotted + "."))
        return result

    def scalar(self, value: str) -> Any:
        first = value[0]
        if first == "'":
            inner = value[1:-1]
            if len(value) < 2 or value[-1] != "'" or "'" in inner.replace("''", ""):
                raise _NotQuick
            return inner.replace("''", "'")
        if first == '"':
            inner = value[1:-1]
            if len(value) < 2 or value[-1] != '"' or '"' in inner or "\\" in inner:
                raise _NotQuick
            return inner
        if first in _PLAIN_START or ": " in value or " #" in value or value.endswith(":"):
            raise _NotQuick
        tag = self.resolve(value)
        if tag == _STR:
            return value
        if tag == "tag:yaml.org,2002:int" and _DECIMAL.match(value):
            return int(value)
        raise _NotQuick  # booleans, nulls, floats, octals: as PyYAML reads them
