"""Reading YAML with line numbers, for error messages that point at the line to fix.

PyYAML's C loader is used where present (it is several times faster on large
repositories). Timestamps are left as strings: presse parses dates itself, so that an
offset is never silently dropped.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

try:
    from yaml import CSafeLoader as _BaseLoader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _BaseLoader  # type: ignore[assignment]

from presse.errors import PresseError


class StringTimestampLoader(_BaseLoader):  # type: ignore[misc,valid-type]
    """A safe loader that keeps ISO dates and times as the strings the user wrote."""


StringTimestampLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in _BaseLoader.yaml_implicit_resolvers.items()
}


@dataclass(frozen=True)
class Located:
    """A parsed YAML document and the line (1-based) of every mapping key, by dotted path."""

    data: Any
    key_lines: dict[str, int]

    def line_of(self, dotted_key: str, default: int | None = None) -> int | None:
        return self.key_lines.get(dotted_key, default)


def load_located(text: str, path: Path | str, line_offset: int = 0) -> Located:
    """Parse YAML text; errors name ``path`` and the line (shifted by ``line_offset``)."""
    loader = StringTimestampLoader(text)
    try:
        # One parse: the node tree gives the lines, and the data is constructed from it.
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as exc:
        # An unclosed quote or bracket is reported where the parser gave up; the line
        # to fix is the one that opened it.
        opened = (exc.context or "").startswith(("while scanning a quoted", "while parsing a flow"))
        mark = (exc.context_mark if opened else None) or exc.problem_mark or exc.context_mark
        line = mark.line + 1 + line_offset if mark else None
        problem = exc.problem or exc.context or "invalid YAML"
        raise PresseError(f"invalid YAML: {problem}", path, line) from None
    except yaml.YAMLError as exc:
        raise PresseError(f"invalid YAML: {exc}", path) from None
    finally:
        loader.dispose()
    key_lines: dict[str, int] = {}
    if node is not None:
        _collect_key_lines(node, "", key_lines, line_offset, path)
    return Located(data, key_lines)


def _collect_key_lines(
    node: yaml.Node, prefix: str, out: dict[str, int], offset: int, path: Path | str
) -> None:
    """The line of every key; a key given twice in one mapping is an error (YAML would
    silently keep the last, and the first is usually the one the writer meant)."""
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            key = f"{prefix}{key_node.value}"
            line = key_node.start_mark.line + 1 + offset
            if key in out:
                raise PresseError(
                    f"'{key_node.value}' is given twice (first on line {out[key]}); keep one",
                    path,
                    line,
                )
            out[key] = line
            _collect_key_lines(value_node, key + ".", out, offset, path)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            key = f"{prefix}{index}"
            out.setdefault(key, item.start_mark.line + 1 + offset)
            _collect_key_lines(item, key + ".", out, offset, path)


def dump_scalar(value: str) -> str:
    """One YAML scalar on one line, quoted only where YAML needs it."""
    dumped = yaml.safe_dump(value, allow_unicode=True, width=10**9, default_flow_style=True)
    return dumped.removesuffix("\n...\n").removesuffix("\n")
