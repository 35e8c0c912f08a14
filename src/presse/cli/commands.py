"""The subcommands of ``presse``, one module per family; each exposes ``add(group)``.

``WHERE`` says which module holds which top-level command, so that ``presse status``
imports only what status needs (the web server and the engines load when asked for).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable

import click

WHERE = {
    "init": "init",
    "import": "exchange",
    "export": "exchange",
    "segment": "catalogs",
    "extract": "catalogs",
    "status": "catalogs",
    "review": "review",
    "approve": "catalogs",
    "unapprove": "catalogs",
    "check": "catalogs",
    "dismiss": "catalogs",
    "merge": "merging",
    "unmerge": "merging",
    "glossary": "glossary",
    "translate": "translation",
    "usage": "translation",
    "memory": "translation",
    "build": "site",
    "withdraw": "site",
    "serve": "web",
}


def adder(module: str) -> Callable[[click.Group], None]:
    return importlib.import_module(f"presse.cli.{module}").add  # type: ignore[no-any-return]


def all_adders() -> list[Callable[[click.Group], None]]:
    """Every family's ``add``, for a group that wants all commands at once (tests, --help)."""
    return [adder(module) for module in dict.fromkeys(WHERE.values())]
