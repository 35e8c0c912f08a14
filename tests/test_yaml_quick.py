"""The quick YAML reader gives what PyYAML gives, or leaves the document to it.

``presse.store.yaml_quick`` reads presse's own kind of YAML without PyYAML's machinery.
Whatever it answers must be exactly what the full reader (``load_with_pyyaml``) makes of
the same text: the same values of the same types and the same line for every key; on
anything else it must answer None, so that the full reader decides (and reports errors
with their lines). Checked on every YAML document of the repository and the tests, and
on generated documents full of YAML's traps.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from presse.errors import PresseError
from presse.store.yaml_lines import load_located, load_with_pyyaml, plain_tag
from presse.store.yaml_quick import quick_located

ROOT = Path(__file__).resolve().parent.parent


def same(a: Any, b: Any) -> bool:
    """Equal and of the same types all the way down (1 == True in Python; not here)."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return list(a) == list(b) and all(same(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b, strict=True))
    return bool(a == b)


def full_reading(text: str, offset: int) -> tuple[Any, dict[str, int]] | PresseError:
    try:
        located = load_with_pyyaml(text, "doc.yaml", offset)
    except PresseError as error:
        return error
    return located.data, located.key_lines


def agrees(text: str, offset: int = 0) -> bool | None:
    """True: read quickly, as PyYAML reads it; None: left to PyYAML; False: a mismatch."""
    quick = quick_located(text, offset, plain_tag)
    if quick is None:
        return None
    full = full_reading(text, offset)
    if isinstance(full, PresseError):
        return False
    return same(quick[0], full[0]) and quick[1] == full[1]


def repository_documents() -> list[tuple[str, str, int]]:
    """Every YAML document of the repository and the tests: files, front matter, and the
    heads of review files (what the build's gate reads)."""
    documents = []
    patterns = ("*.yaml", "releases/**/*", "tests/**/*.yaml", "tests/**/*.yml", "tests/**/*.md")
    for pattern in patterns:
        for path in sorted(ROOT.glob(pattern)):
            try:
                text = path.read_text("utf-8")
            except (UnicodeDecodeError, IsADirectoryError):
                continue
            name = str(path.relative_to(ROOT))
            if path.suffix == ".md":
                if text.startswith("---\n") and "\n---\n" in text[3:]:
                    documents.append((name, text[4:].split("\n---\n", 1)[0], 1))
                continue
            documents.append((name, text, 0))
            if name.endswith(".review.yaml"):
                head = re.split(r"^segments:", text, maxsplit=1, flags=re.MULTILINE)[0]
                documents.append((name + " (head)", head, 0))
    return documents


def test_every_document_of_the_repository_is_read_as_pyyaml_reads_it() -> None:
    documents = repository_documents()
    outcomes = {name: agrees(text, offset) for name, text, offset in documents}
    wrong = [name for name, outcome in outcomes.items() if outcome is False]
    assert wrong == []
    # The bundled releases and review files are what the quick reader is for.
    bundled = [n for n in outcomes if n.startswith("releases/")]
    quick = [n for n in bundled if outcomes[n]]
    assert len(bundled) >= 6
    assert len(quick) == len(bundled), sorted(set(bundled) - set(quick))[:5]


def test_presse_settings_are_read_quickly_or_fully_with_the_same_result() -> None:
    text = (ROOT / "presse.yaml").read_text("utf-8")
    assert same(load_located(text, "presse.yaml").data, full_reading(text, 0)[0])  # type: ignore[index]


TRAPS = [
    "yes", "No", "on", "OFF", "~", "null", "Null", "true", "39", "0", "039", "0o17", "0x1F",
    "1_000", "-5", "+5", "3.5", "1e3", ".inf", ".nan", "1:30", "2006-01-02",
    "2006-01-02T13:30:00+01:00", "'quoted'", "'it''s'", "'open", "''", '"dq"', '"a\\"b"',
    '"tab\\t"', '"', "a: b", "a #b", "a#b", "C#", "x:", "- x", "-x", "? x", "[a, b]", "{a: b}",
    "&anchor x", "*alias", "!tag x", "|", ">", "%x", "@x", "`x`", "a, b", "Ä ü «x»",
    "l'arrondissement", "x\u00a0y", "x\u2028y", "x\x85y", "x\ty", "x\u202fy", "30 %",
]  # fmt: skip
KEYS = ["title", "date", "at", "by", "on", "null", "yes", "1", "012", "a-b", "a_b", "_x", "Key"]


@st.composite
def documents(draw: st.DrawFn) -> str:
    """Lines of YAML-like text: keys, items, nesting at random indents, trap values."""
    value = st.one_of(
        st.sampled_from(TRAPS),
        st.text(alphabet="ab :#'\"-?[]{},&*!|>%@`\t\u00a0é«»\\~.0123456789", max_size=12),
    )
    lines = []
    for _ in range(draw(st.integers(1, 12))):
        indent = " " * draw(st.sampled_from([0, 0, 0, 2, 2, 4, 1, 3]))
        key = draw(st.sampled_from(KEYS))
        form = draw(st.sampled_from(["kv", "kv", "k", "dash-kv", "dash-v", "dash", "#", ""]))
        text = draw(value)
        spacing = draw(st.sampled_from([" ", " ", "  ", ""]))
        lines.append(
            {
                "kv": f"{indent}{key}:{spacing}{text}",
                "k": f"{indent}{key}:",
                "dash-kv": f"{indent}- {key}:{spacing}{text}",
                "dash-v": f"{indent}- {text}",
                "dash": f"{indent}-",
                "#": f"{indent}# {text}",
                "": indent,
            }[form]
        )
    return "\n".join(lines) + draw(st.sampled_from(["\n", "", "\n\n"]))


@settings(max_examples=800, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents(), st.integers(0, 3))
def test_generated_documents_are_read_as_pyyaml_reads_them_or_left_to_it(
    text: str, offset: int
) -> None:
    assert agrees(text, offset) is not False, text


@settings(max_examples=500, deadline=None)
@given(st.dictionaries(st.sampled_from(KEYS), st.sampled_from(TRAPS), min_size=1))
def test_what_presse_writes_is_read_back_the_same(fields: dict[str, str]) -> None:
    """Values written with presse's scalar writer, read back quickly or fully, are the
    strings written, YAML's own line breaks (NEL, U+2028, U+2029) included."""
    from presse.store.yaml_lines import dump_scalar

    text = "".join(f"{key}: {dump_scalar(value)}\n" for key, value in fields.items())
    assert agrees(text) is not False
    data = load_located(text, "doc.yaml").data
    assert {str(k): v for k, v in data.items()} == fields or not all(
        isinstance(k, str) for k in data
    )


def render_tree(draw: st.DrawFn, value: Any, indent: int) -> list[str]:
    """Lines of block YAML for a tree, in the layouts people and presse write."""
    pad = " " * indent
    lines: list[str] = []
    if isinstance(value, dict):
        for key, item in value.items():
            if isinstance(item, dict | list) and item:
                lines.append(f"{pad}{key}:")
                deeper = draw(st.sampled_from([2, 2, 4])) if isinstance(item, dict) else 0
                lines += render_tree(draw, item, indent + (deeper or draw(st.sampled_from([0, 2]))))
            else:
                lines.append(f"{pad}{key}: {draw(scalar_text(item))}")
        return lines
    for item in value:
        if isinstance(item, dict) and item:
            inner = render_tree(draw, item, indent + 2)
            lines.append(f"{pad}- {inner[0].lstrip(' ')}")
            lines += inner[1:]
        else:
            lines.append(f"{pad}- {draw(scalar_text(item))}")
    return lines


def scalar_text(value: Any) -> st.SearchStrategy[str]:
    text = str(value)
    quoted = "'" + text.replace("'", "''") + "'"
    return st.sampled_from([text, text, quoted, f'"{text}"'])


@st.composite
def trees(draw: st.DrawFn) -> str:
    scalars = st.one_of(
        st.sampled_from(TRAPS),
        st.from_regex(r"[a-zé][a-zé «».:'-]{0,10}[a-z0-9]", fullmatch=True),
        st.from_regex(r"[a-zé][a-zé «».:'-]{0,10}[a-z0-9]", fullmatch=True),
        st.integers(0, 999),
    ).filter(lambda v: v != "")
    tree = draw(
        st.recursive(
            st.dictionaries(st.sampled_from(KEYS), scalars, min_size=1, max_size=4),
            lambda inner: st.one_of(
                st.dictionaries(st.sampled_from(KEYS), inner, min_size=1, max_size=4),
                st.lists(st.one_of(inner, scalars), min_size=1, max_size=3),
            ),
            max_leaves=12,
        )
    )
    if not isinstance(tree, dict):
        tree = {"top": tree}
    return "\n".join(render_tree(draw, tree, 0)) + "\n"


@settings(max_examples=800, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(trees(), st.integers(0, 3))
def test_generated_trees_are_read_as_pyyaml_reads_them_or_left_to_it(
    text: str, offset: int
) -> None:
    assert agrees(text, offset) is not False, text


def test_a_translators_previous_french_with_yaml_line_breaks_survives_the_review_file() -> None:
    """What a person wrote is kept as the previous version, every character of it: YAML
    reads NEL, U+2028 and U+2029 as line breaks, and PyYAML wrote them where a NEL came
    back as a space."""
    from presse.documents.review_state import (
        ReviewState,
        SegmentRecord,
        parse_review,
        render_review,
    )

    french = "Ligne un\x85ligne deux\u2028et trois\u2029fin, l'été."
    record = SegmentRecord(
        state="stale", text="Zeile", by="Camille Martin", previous={"de": "Zeile", "fr": french}
    )
    review = ReviewState(slug="2016-01-01-x", segments={"0a1b2c3d4e5f": record})
    text = render_review(review)
    back = parse_review(text, "x.review.yaml", "2016-01-01-x")
    assert back.segments["0a1b2c3d4e5f"].previous == {"de": "Zeile", "fr": french}
