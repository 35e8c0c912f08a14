"""The folder listing is the architecture: which package may import which, no circles,
no module over 500 lines. Read from the source (every import, the ones inside functions
and under ``TYPE_CHECKING`` too), so that a new import that breaks the layering fails
here rather than in a reader's head."""

from __future__ import annotations

import ast
from functools import cache
from pathlib import Path

import pytest

SOURCE = Path(__file__).resolve().parent.parent / "src" / "presse"

# Lowest first. A module may import its own package and the packages of lower layers;
# packages in one layer do not import each other.
LAYERS: list[set[str]] = [
    {"errors", ""},  # "" is presse/__init__.py (the version)
    {"store"},
    {"documents"},
    {"glossary"},
    {"checks", "engines"},
    {"site"},
    {"steps"},
    {"web"},
    {"cli"},
]
MAX_LINES = 500


def module_name(path: Path) -> str:
    parts = path.relative_to(SOURCE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


@cache
def modules() -> dict[str, Path]:
    return {module_name(path): path for path in sorted(SOURCE.rglob("*.py"))}


def resolve(node: ast.ImportFrom) -> list[str]:
    """What ``node`` imports from presse, as module names: ``from presse.site import
    layout`` imports the module ``presse.site.layout``, not the package's ``__init__``.
    (presse uses no relative imports; ruff's isort keeps them absolute.)"""
    target = node.module or ""
    if node.level or not target.startswith("presse"):
        return []
    submodules = [f"{target}.{alias.name}" for alias in node.names]
    found = [name for name in submodules if name in modules()]
    return found if len(found) == len(submodules) else [target, *found]


@cache
def imports_of(name: str) -> frozenset[str]:
    tree = ast.parse(modules()[name].read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            found.update(resolve(node))
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.startswith("presse"))
    return frozenset(found - {name})


def package_of(name: str) -> str:
    parts = name.split(".")
    return parts[1] if len(parts) > 1 else ""


def layer_of(package: str) -> int:
    return next(i for i, layer in enumerate(LAYERS) if package in layer)


def test_every_package_has_a_layer() -> None:
    packages = {package_of(name) for name in modules()}
    assert sorted(p for p in packages if not any(p in layer for layer in LAYERS)) == []


def test_imports_point_down_the_layers_only() -> None:
    wrong = []
    for name in modules():
        own = package_of(name)
        for target in sorted(imports_of(name)):
            other = package_of(target)
            if other != own and layer_of(other) >= layer_of(own):
                wrong.append(f"{name} imports {target}")
    assert wrong == []


def test_no_module_imports_itself_round_a_circle() -> None:
    graph = {name: {t for t in imports_of(name) if t in modules()} for name in modules()}
    circles: list[list[str]] = []
    state: dict[str, str] = {}

    def visit(name: str, path: list[str]) -> None:
        state[name] = "open"
        for target in sorted(graph[name]):
            if state.get(target) == "open":
                circles.append([*path[path.index(target) :], target])
            elif target not in state:
                visit(target, [*path, target])
        state[name] = "done"

    for name in sorted(graph):
        if name not in state:
            visit(name, [name])
    assert [" -> ".join(circle) for circle in circles] == []


@pytest.mark.parametrize("name", sorted(modules()))
def test_a_module_stays_small_and_says_what_it_owns(name: str) -> None:
    text = modules()[name].read_text(encoding="utf-8")
    assert len(text.splitlines()) <= MAX_LINES
    assert ast.get_docstring(ast.parse(text)), f"{name} has no docstring"
