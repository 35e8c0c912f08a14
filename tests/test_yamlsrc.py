"""Reading YAML with the line of every key: the quick builder against PyYAML's own."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from presse.errors import PresseError
from presse.store.yaml_lines import StringTimestampLoader, _collect_key_lines, load_located


def _by_pyyaml(text: str, offset: int = 0) -> tuple[Any, dict[str, int]]:
    """What PyYAML's constructor makes of ``text``, and the key lines from its nodes."""
    data = yaml.load(text, Loader=StringTimestampLoader)  # a safe loader
    node = yaml.compose(text, Loader=StringTimestampLoader)
    lines: dict[str, int] = {}
    if node is not None:
        _collect_key_lines(node, "", lines, offset, "x.yaml")
    return data, lines


_SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=False),
    st.text(max_size=12),
    st.sampled_from(["2026-11-25", "2026-11-25T10:00:00+01:00", "yes", "No", "~", "0x1f", "1e3"]),
)
# Keys of one type: a 0 and a '0' in one mapping are the same key to a reader (and
# to presse, which refuses the pair as a key given twice).
_KEYS = st.text(min_size=1, max_size=8)
_DATA = st.recursive(
    _SCALARS,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(_KEYS, inner, max_size=4)),
    max_leaves=20,
)


@given(
    data=st.dictionaries(st.text(min_size=1, max_size=8), _DATA, max_size=6),
    flow=st.booleans(),
    offset=st.integers(0, 3),
)
@settings(max_examples=300, deadline=None)
def test_documents_read_as_pyyaml_reads_them(data: dict[str, Any], flow: bool, offset: int) -> None:
    text = yaml.safe_dump(data, allow_unicode=True, default_flow_style=flow)
    located = load_located(text, "x.yaml", line_offset=offset)
    expected_data, expected_lines = _by_pyyaml(text, offset)
    assert located.data == expected_data
    assert located.key_lines == expected_lines


@pytest.mark.parametrize(
    "text",
    [
        # anchors and aliases: one value, shared
        "a: &x {b: 1, c: [1, 2]}\nd: *x\n",
        # merge keys
        "base: &b {x: 1, y: 2}\nmine:\n  <<: *b\n  y: 3\n",
        # explicit tags
        "when: !!timestamp 2026-11-25\nn: !!str 12\nf: !!float 1\n",
        # empty values, a document with nothing in it
        "a:\nb: ''\n",
        "",
        "# only a comment\n",
        "- a\n- b: 1\n  c: [x, y]\n",
        "plain scalar\n",
    ],
)
def test_unusual_documents_read_as_pyyaml_reads_them(text: str) -> None:
    located = load_located(text, "x.yaml")
    expected_data, expected_lines = _by_pyyaml(text)
    assert located.data == expected_data
    assert located.key_lines == expected_lines


def test_an_alias_is_one_shared_value() -> None:
    data = load_located("a: &x {b: 1}\nd: *x\n", "x.yaml").data
    assert data["a"] is data["d"]


def test_a_key_given_twice_names_both_lines(tmp_path: Path) -> None:
    with pytest.raises(PresseError) as raised:
        load_located("title: A\nbody: x\nnested:\n  k: 1\n  k: 2\n", tmp_path / "r.md", 1)
    assert raised.value.line == 6
    assert "'k' is given twice (first on line 5)" in str(raised.value)


def test_an_unknown_tag_is_an_error_with_its_line() -> None:
    with pytest.raises(PresseError) as raised:
        load_located("a: 1\nb: !!python/object:os.system x\n", "x.yaml")
    assert raised.value.line == 2


def test_merge_keys_merge() -> None:
    data = load_located("base: &b {x: 1, y: 2}\nmine:\n  <<: *b\n  y: 3\n", "x.yaml").data
    assert data["mine"] == {"x": 1, "y": 3}


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("? [a, b]\n: pair\n", 1, "unhashable key"),
        ("a: 1\nb: &l [1, *l]\n", 2, "an anchor (&) is used inside itself"),
        ("a: 1\nb: &m {c: *m}\n", 2, "an anchor (&) is used inside itself"),
        ("a: 1\nb: &m {c: !!str *m}\n", 2, "invalid YAML"),
    ],
)
def test_documents_presse_cannot_read_are_one_line_errors(
    text: str, line: int, message: str
) -> None:
    with pytest.raises(PresseError) as raised:
        load_located(text, "x.yaml")
    assert raised.value.line == line
    assert message in str(raised.value)


def alias_bomb(levels: int = 9) -> str:
    """A few lines whose aliases stand for 9**levels values (a "billion laughs")."""
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for level in range(1, levels):
        aliases = ", ".join([f"*a{level - 1}"] * 9)
        lines.append(f"a{level}: &a{level} [{aliases}]")
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("tail", ["", "<<: {x: 1}\n"], ids=["plain", "merge-key"])
def test_aliases_that_expand_without_end_are_refused_with_their_line(tail: str) -> None:
    with pytest.raises(PresseError, match="anchors and aliases") as refused:
        load_located(alias_bomb() + tail, "releases/fr/x.review.yaml")
    assert str(refused.value.path) == "releases/fr/x.review.yaml"
    assert refused.value.line is not None and refused.value.line <= 9


def test_a_few_aliases_still_read_as_yaml_says() -> None:
    text = "base: &base {a: 1}\none: *base\ntwo:\n  <<: *base\n  b: 2\n"
    assert load_located(text, "x.yaml").data == yaml.safe_load(text)
