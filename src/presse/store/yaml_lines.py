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
from presse.store.yaml_quick import quick_located


class StringTimestampLoader(_BaseLoader):  # type: ignore[misc,valid-type]
    """A safe loader that keeps ISO dates and times as the strings the user wrote."""

    def resolve(self, kind: type, value: Any, implicit: tuple[bool, bool]) -> str:
        """PyYAML's tag for a node; a short scalar's is remembered.

        Keys and short values (``at``, ``by``, ``approved``, a date) recur in every
        file of an archive, and PyYAML works each one's tag out again in Python.
        Without path resolvers (this loader has none) a scalar's tag depends on its
        text and quoting alone."""
        if kind is not yaml.ScalarNode or self.yaml_path_resolvers:
            return str(super().resolve(kind, value, implicit))
        return _remembered_tag(super().resolve, value, implicit)


_SHORT = 32
_RESOLVED_MAX = 20_000
_RESOLVED: dict[tuple[str, tuple[bool, bool]], str] = {}
_PLAIN = (True, False)  # the "implicit" of a plain scalar


def _remembered_tag(resolve: Any, value: str, implicit: tuple[bool, bool]) -> str:
    key = (value, implicit)
    tag = _RESOLVED.get(key)
    if tag is None:
        tag = str(resolve(yaml.ScalarNode, value, implicit))
        if len(value) <= _SHORT and len(_RESOLVED) < _RESOLVED_MAX:
            _RESOLVED[key] = tag
    return tag


class _ScalarResolver(yaml.resolver.BaseResolver):
    """PyYAML's resolution of scalars, with the loader's resolvers (set below)."""


def plain_tag(value: str) -> str:
    """The tag the loader gives a plain scalar (for the quick reader), by PyYAML's own
    resolution and from the loader's memory of tags."""
    return _remembered_tag(_SCALAR_RESOLVER.resolve, value, _PLAIN)


StringTimestampLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in _BaseLoader.yaml_implicit_resolvers.items()
}
_ScalarResolver.yaml_implicit_resolvers = StringTimestampLoader.yaml_implicit_resolvers
_SCALAR_RESOLVER = _ScalarResolver()


@dataclass(frozen=True)
class Located:
    """A parsed YAML document and the line (1-based) of every mapping key, by dotted path."""

    data: Any
    key_lines: dict[str, int]

    def line_of(self, dotted_key: str, default: int | None = None) -> int | None:
        return self.key_lines.get(dotted_key, default)


def load_located(text: str, path: Path | str, line_offset: int = 0) -> Located:
    """Parse YAML text; errors name ``path`` and the line (shifted by ``line_offset``)."""
    quick = quick_located(text, line_offset, plain_tag)
    if quick is not None:  # presse's own kind of YAML, read as PyYAML would
        return Located(*quick)
    return load_with_pyyaml(text, path, line_offset)


def load_with_pyyaml(text: str, path: Path | str, line_offset: int = 0) -> Located:
    """:func:`load_located` through PyYAML alone (any YAML; errors with their lines)."""
    loader = StringTimestampLoader(text)
    try:
        # One parse: the node tree gives the lines, and the data is built from it.
        node = loader.get_single_node()
        key_lines: dict[str, int] = {}
        if node is None:
            return Located(None, key_lines)
        try:
            data = _Builder(loader, key_lines, line_offset, path).value(node, "")
        except _Unusual:
            # Tags, merge keys, keys that are not scalars: PyYAML's own constructor,
            # after the lines are read (its merging rewrites the nodes it merges).
            key_lines.clear()
            _collect_key_lines(node, "", key_lines, line_offset, path, seen=set())
            data = loader.construct_document(node)
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
    return Located(data, key_lines)


_STR = "tag:yaml.org,2002:str"
_MAP = "tag:yaml.org,2002:map"
_SEQ = "tag:yaml.org,2002:seq"
_PLAIN_SCALARS = frozenset(
    {
        "tag:yaml.org,2002:null",
        "tag:yaml.org,2002:bool",
        "tag:yaml.org,2002:int",
        "tag:yaml.org,2002:float",
    }
)


# Anchors and aliases let a few lines stand for an exponential number of values (a
# "billion laughs"). presse's files never need many, so the values an alias stands for
# are capped: each time an alias is used, every value under it counts. Values written
# out count nothing (a file's size, capped on reading, bounds them).
MAX_ALIASED_VALUES = 10_000


class _Budget:
    """How many more values aliases may stand for in one document."""

    def __init__(self, path: Path | str, offset: int) -> None:
        self.left = MAX_ALIASED_VALUES
        self.path = path
        self.offset = offset

    def spend(self, node: yaml.Node) -> None:
        self.left -= 1
        if self.left < 0:
            raise PresseError(
                f"anchors and aliases (&, *) stand for more than {MAX_ALIASED_VALUES:,} "
                "values; write the values out",
                self.path,
                node.start_mark.line + 1 + self.offset,
            )


class _Unusual(Exception):
    """A document the quick builder leaves to PyYAML's constructor."""


class _Builder:
    """The data of a node tree of plain mappings, lists and scalars, with the line of
    every key, in one walk.

    PyYAML's constructor does the same work through generic machinery (a generator per
    collection, a dispatch per node), about half of the time it takes to read the front
    matter of an archive's releases. Scalars are made by PyYAML's own methods, so the
    values are the same; anything else raises :class:`_Unusual`."""

    def __init__(
        self, loader: Any, key_lines: dict[str, int], offset: int, path: Path | str
    ) -> None:
        self.loader = loader
        self.key_lines = key_lines
        self.offset = offset
        self.path = path
        self.made: dict[int, Any] = {}  # an anchored node, made once and shared
        self.open: set[int] = set()
        self.budget = _Budget(path, offset)

    def value(self, node: yaml.Node, prefix: str) -> Any:
        tag = node.tag
        if tag == _STR and isinstance(node, yaml.ScalarNode):
            return node.value
        if isinstance(node, yaml.ScalarNode):
            if tag not in _PLAIN_SCALARS:
                raise _Unusual
            return self.loader.construct_object(node)
        made = self.made.get(id(node))
        if made is not None:  # an alias: the same value, its keys' lines under this key
            _collect_key_lines(
                node, prefix, self.key_lines, self.offset, self.path, budget=self.budget
            )
            return made
        if id(node) in self.open:
            raise _contains_itself(node, self.offset, self.path)
        self.open.add(id(node))
        if tag == _MAP and isinstance(node, yaml.MappingNode):
            result: Any = self.mapping(node, prefix)
        elif tag == _SEQ and isinstance(node, yaml.SequenceNode):
            result = self.sequence(node, prefix)
        else:
            raise _Unusual
        self.open.discard(id(node))
        self.made[id(node)] = result
        return result

    def mapping(self, node: yaml.MappingNode, prefix: str) -> dict[Any, Any]:
        result: dict[Any, Any] = {}
        lines = self.key_lines
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag not in (
                _STR,
                *_PLAIN_SCALARS,
            ):
                raise _Unusual  # merge keys (<<), keys that are lists or mappings
            dotted = f"{prefix}{key_node.value}"
            line = key_node.start_mark.line + 1 + self.offset
            if dotted in lines:
                raise PresseError(
                    f"'{key_node.value}' is given twice (first on line {lines[dotted]}); keep one",
                    self.path,
                    line,
                )
            lines[dotted] = line
            key = key_node.value if key_node.tag == _STR else self.value(key_node, prefix)
            result[key] = self.value(value_node, dotted + ".")
        return result

    def sequence(self, node: yaml.SequenceNode, prefix: str) -> list[Any]:
        lines = self.key_lines
        result = []
        for index, item in enumerate(node.value):
            dotted = f"{prefix}{index}"
            lines.setdefault(dotted, item.start_mark.line + 1 + self.offset)
            result.append(self.value(item, dotted + "."))
        return result


def _collect_key_lines(
    node: yaml.Node,
    prefix: str,
    out: dict[str, int],
    offset: int,
    path: Path | str,
    inside: frozenset[int] = frozenset(),
    budget: _Budget | None = None,
    seen: set[int] | None = None,
) -> None:
    """The line of every key; a key given twice in one mapping is an error (YAML would
    silently keep the last, and the first is usually the one the writer meant).

    Under an alias (``seen`` None) every value spends the budget; from the root
    (``seen`` the nodes met so far) a node met a second time is an alias's."""
    budget = budget or _Budget(path, offset)
    if seen is None or id(node) in seen:
        budget.spend(node)
        seen = None
    else:
        seen.add(id(node))
    if isinstance(node, yaml.MappingNode | yaml.SequenceNode):
        if id(node) in inside:
            raise _contains_itself(node, offset, path)
        inside = inside | {id(node)}
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
            _collect_key_lines(value_node, key + ".", out, offset, path, inside, budget, seen)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            key = f"{prefix}{index}"
            out.setdefault(key, item.start_mark.line + 1 + offset)
            _collect_key_lines(item, key + ".", out, offset, path, inside, budget, seen)


def _contains_itself(node: yaml.Node, offset: int, path: Path | str) -> PresseError:
    return PresseError(
        "invalid YAML: an anchor (&) is used inside itself; write the value out",
        path,
        node.start_mark.line + 1 + offset,
    )


def dump_scalar(value: str) -> str:
    """One YAML scalar on one line, quoted only where YAML needs it (see
    :class:`LosslessDumper` for YAML's own line breaks)."""
    dumped = yaml.dump(
        value, Dumper=LosslessDumper, allow_unicode=True, width=10**9, default_flow_style=True
    )
    return dumped.removesuffix("\n...\n").removesuffix("\n")


# YAML reads NEL (U+0085), U+2028 and U+2029 as line breaks. PyYAML writes them raw in
# plain and single-quoted scalars, where a NEL comes back as a space; in double quotes it
# escapes them (\N, \L, \P), and they come back as they were.
_YAML_LINE_BREAKS = ("\x85", "\u2028", "\u2029")


class LosslessDumper(yaml.SafeDumper):
    """PyYAML's safe dumper, writing a string with YAML's own line breaks in double
    quotes so that no character of a translator's text is lost on reading it back."""


def _represent_str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    if any(mark in value for mark in _YAML_LINE_BREAKS):
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style='"')
    return dumper.represent_str(value)


LosslessDumper.add_representer(str, _represent_str)


def dump_document(data: Any, width: int) -> str:
    """Block YAML of plain data, every string read back as written."""
    return yaml.dump(
        data,
        Dumper=LosslessDumper,
        allow_unicode=True,
        sort_keys=False,
        width=width,
        default_flow_style=False,
    )
