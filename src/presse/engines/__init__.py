"""Machine-translation engines behind one small interface.

``get_engine(name, config)`` finds the engine in the module of that name in this package
(each engine module names its class in ``ENGINE``), so a new engine is one new module:
``presse.yaml`` validation asks :func:`engine_names` which engines exist.
"""

from __future__ import annotations

import importlib
import pkgutil
from typing import TYPE_CHECKING, Any

from presse.errors import PresseError

if TYPE_CHECKING:
    from presse.documents.config import Config
    from presse.engines.base import (
        BatchEngine,
        BatchResult,
        Engine,
        EngineError,
        EngineUnavailable,
        GlossaryLike,
        KeyRejected,
        QuotaExceeded,
        Unit,
    )

__all__ = [
    "BatchEngine",
    "BatchResult",
    "Engine",
    "EngineError",
    "EngineUnavailable",
    "GlossaryLike",
    "KeyRejected",
    "QuotaExceeded",
    "Unit",
    "engine_class",
    "engine_names",
    "get_engine",
]

_SHARED = {"base", "markup", "batching", "translation_memory"}  # modules, not engines


def __getattr__(name: str) -> Any:
    """The interface's names, from :mod:`presse.engines.base` when first asked for.

    Every command checks ``engine:`` in presse.yaml against :func:`engine_names`; that
    should not load the engines' shared code (the memory engine's fuzzy matching among
    it), which only translating needs."""
    if name in __all__ and name not in ("engine_class", "engine_names", "get_engine"):
        from presse.engines import base

        return getattr(base, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def engine_names() -> list[str]:
    return sorted(
        m.name for m in pkgutil.iter_modules(__path__) if m.name not in _SHARED and not m.ispkg
    )


def engine_class(name: str) -> type:
    """The class of the engine ``name`` (not set up: no key needed)."""
    names = engine_names()
    if name not in names:
        raise PresseError(f"unknown engine {name!r}; expected one of: {', '.join(names)}")
    return importlib.import_module(f"{__name__}.{name}").ENGINE  # type: ignore[no-any-return]


def get_engine(name: str, config: Config | None = None, **kwargs: Any) -> Engine:
    """The engine ``name`` set up from ``config`` (its ``engine.<name>`` options).

    Extra keyword arguments go to the engine's ``from_config`` (e.g. ``memory=`` a
    :class:`presse.engines.translation_memory.TranslationMemory` for the memory engine).
    """
    cls = engine_class(name)
    options = config.engine_options(name) if config is not None else {}
    root = config.path.parent if config is not None and config.path is not None else None
    if name != "memory" and config is not None:
        kwargs.setdefault("source_language", config.source_language)
        kwargs.setdefault("target_language", config.target_language)
    return cls.from_config(options, root, **kwargs)  # type: ignore[no-any-return]
