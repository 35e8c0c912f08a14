"""Opening a press-office repository: finding it and reading its ``presse.yaml``.

The settings are checked against the engines presse has. The engines are plug-ins of
a layer above the documents, so it is here, above both, that their names are asked for
and handed to :mod:`presse.documents.config`.
"""

from __future__ import annotations

from pathlib import Path

from presse.documents import config
from presse.documents.config import CONFIG_NAME, Config, find_root
from presse.documents.repository import Repository
from presse.engines import engine_names
from presse.errors import PresseError


def parse_config(text: str, path: Path) -> Config:
    """Validate the text of a ``presse.yaml``; raise every problem at once."""
    return config.parse_config(text, path, engine_names())


def load_config(path: Path) -> Config:
    return config.load_config(path, engine_names())


def open_repository(repo: Path | None = None, start: Path | None = None) -> Repository:
    """The repository named by ``repo``, or the nearest one above ``start`` (the cwd)."""
    if repo is not None:
        root = repo.resolve()
        if not (root / CONFIG_NAME).is_file():
            raise PresseError(f"not a presse repository (no {CONFIG_NAME})", root)
    else:
        root = find_root(start or Path.cwd())
    return Repository(root=root, config=load_config(root / CONFIG_NAME))
