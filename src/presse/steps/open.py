"""Opening a press-office repository: finding it and reading its ``presse.yaml``.

The settings are checked against the engines presse has. The engines are plug-ins of
a layer above the documents, so it is here, above both, that their names are asked for
and handed to :mod:`presse.documents.config`.

The settings as validated are kept in ``.presse/cache/config.pickle`` (a
:class:`presse.store.cache.DerivedCache`, by the stats of ``presse.yaml``): every
command reads them, and parsing them needs PyYAML, whose import is a fifth of the
start-up of a build with nothing to do. Every command reads that cache; only a build,
which writes its own caches anyway, writes it (:func:`remember_config`): a command that
fails changes nothing, not even under ``.presse/``.
"""

from __future__ import annotations

import time
from pathlib import Path

from presse import __version__
from presse.documents import config
from presse.documents.config import CONFIG_NAME, Config, find_root
from presse.documents.repository import Repository, cache_folder
from presse.engines import engine_names
from presse.errors import PresseError
from presse.store.cache import DerivedCache, stat_fingerprint

CONFIG_CACHE = "config.pickle"

# What load_config parsed in this process, with the stats the file had before it was
# read: (path, stats, settings), for remember_config.
_PARSED: list[tuple[Path, str | None, Config]] = []


def parse_config(text: str, path: Path) -> Config:
    """Validate the text of a ``presse.yaml``; raise every problem at once."""
    return config.parse_config(text, path, engine_names())


def _config_cache(path: Path, names: list[str]) -> DerivedCache:
    return DerivedCache(
        cache_folder(path.parent) / CONFIG_CACHE, f"{__version__}\0{','.join(names)}"
    )


def load_config(path: Path) -> Config:
    """The settings of ``path``: from the cache while the file keeps its stats."""
    names = engine_names()
    stats = stat_fingerprint(path, time.time())
    settings = _config_cache(path, names).get(str(path), stats)
    if isinstance(settings, Config):
        return settings
    settings = config.load_config(path, names)
    _PARSED[:] = [(path, stats, settings)]
    return settings


def remember_config(repo: Repository) -> None:
    """Keep the repository's settings for the next command, when they were parsed here."""
    for path, stats, settings in _PARSED:
        if settings is repo.config:
            cache = _config_cache(path, engine_names())
            cache.put(str(path), stats, settings)
            cache.save()


def open_repository(repo: Path | None = None, start: Path | None = None) -> Repository:
    """The repository named by ``repo``, or the nearest one above ``start`` (the cwd)."""
    if repo is not None:
        root = repo.resolve()
        if not (root / CONFIG_NAME).is_file():
            raise PresseError(f"not a presse repository (no {CONFIG_NAME})", root)
    else:
        root = find_root(start or Path.cwd())
    return Repository(root=root, config=load_config(root / CONFIG_NAME))
