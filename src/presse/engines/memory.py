"""The default engine: the translation memory, offline and without a key.

An exact match fills the unit; otherwise the close matches (rapidfuzz score at or above
the threshold) come back as suggestions and the unit stays untranslated. Nothing is billed.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from presse.engines.base import BatchResult, GlossaryLike, Unit
from presse.engines.translation_memory import (
    DEFAULT_LIMIT,
    DEFAULT_THRESHOLD,
    TranslationMemory,
    import_tmx,
)
from presse.errors import PresseError

BATCH_SIZE = 200


class MemoryEngine:
    name = "memory"

    def __init__(
        self,
        memory: TranslationMemory | None = None,
        *,
        threshold: float = DEFAULT_THRESHOLD,
        limit: int = DEFAULT_LIMIT,
    ) -> None:
        self.memory = memory if memory is not None else TranslationMemory()
        self.threshold = threshold
        self.limit = limit

    @classmethod
    def from_config(
        cls, options: dict[str, Any], root: Path | None, memory: TranslationMemory | None = None
    ) -> MemoryEngine:
        """Options: ``threshold`` (0-100), ``limit``, ``tmx`` (files relative to the
        repository, imported into the memory)."""
        threshold = options.get("threshold", DEFAULT_THRESHOLD)
        limit = options.get("limit", DEFAULT_LIMIT)
        if isinstance(threshold, bool) or not isinstance(threshold, int | float):
            raise PresseError(f"'engine.memory.threshold' must be a number, not {threshold!r}")
        if not 0 <= threshold <= 100:
            raise PresseError(f"'engine.memory.threshold' must be 0-100, not {threshold}")
        if isinstance(limit, bool) or not isinstance(limit, int) or limit < 0:
            raise PresseError(f"'engine.memory.limit' must be a whole number, not {limit!r}")
        memory = memory if memory is not None else TranslationMemory()
        files = options.get("tmx") or []
        if isinstance(files, str):
            files = [files]
        for name in files:
            path = (root / name) if root is not None else Path(name)
            for de, fr in import_tmx(path):
                memory.add(de, fr, f"tmx:{name}")
        return cls(memory, threshold=threshold, limit=limit)

    def settings(self) -> dict[str, object]:
        return {"engine": self.name, "threshold": self.threshold, "entries": len(self.memory)}

    def translate(
        self, units: Sequence[Unit], glossary: GlossaryLike | None = None
    ) -> Iterator[BatchResult]:
        units = list(units)
        for start in range(0, len(units), BATCH_SIZE):
            result = BatchResult(translations={})
            for unit in units[start : start + BATCH_SIZE]:
                found = self.memory.exact(unit.text)
                if found is not None:
                    result.translations[unit.key] = found
                    continue
                suggestions = self.memory.fuzzy(unit.text, self.threshold, self.limit)
                if suggestions:
                    result.suggestions[unit.key] = suggestions
            yield result


ENGINE = MemoryEngine
