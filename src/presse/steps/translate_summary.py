"""What a translate run reports: per release and over the run, what was sent, filled,
held back for the quota and left, the requests, the billed characters and their cost.

The data of :mod:`presse.steps.translate`'s summary, printed by ``presse translate``
(and as JSON with ``--json``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class ReleaseSummary:
    """What one run did to one release."""

    slug: str
    sent: int = 0  # segments sent to the engine (or that would be, in a dry run)
    characters: int = 0  # characters of their German
    filled: int = 0  # segments that received a draft
    suggested: int = 0  # segments left without a draft but with memory suggestions
    left: int = 0  # segments still untranslated or stale after the run (but those kept)
    kept: int = 0  # stale segments not sent: a person's French is there (see units_of)
    billed_characters: int = 0  # this release's share of the billed characters
    requests: int = 0  # requests that carried some of its segments
    held: list[str] = field(default_factory=list)  # segments not sent: beyond the quota left

    def to_dict(self) -> dict[str, Any]:
        return dict(vars(self))


@dataclass
class TranslateSummary:
    """What a run sent, what it filled and what is left, over all its releases."""

    engine: str
    dry_run: bool = False
    releases: list[ReleaseSummary] = field(default_factory=list)
    requests: int = 0
    billed_characters: int = 0
    seconds: float = 0.0
    notes: list[str] = field(default_factory=list)
    settings: dict[str, object] = field(default_factory=dict)
    stopped: str | None = None  # why the run stopped early (an engine error, an interrupt)
    quota_left: int | None = None  # characters the engine's quota had left before the run
    price_per_million_characters: float | None = None  # presse.yaml, for the cost

    @property
    def held(self) -> int:
        return sum(len(r.held) for r in self.releases)

    @property
    def cost(self) -> float | None:
        """What the characters of the run cost at the office's price (None: no price)."""
        if self.price_per_million_characters is None:
            return None
        characters = self.characters if self.dry_run else self.billed_characters
        return round(characters * self.price_per_million_characters / 1_000_000, 4)

    @property
    def sent(self) -> int:
        return sum(r.sent for r in self.releases)

    @property
    def characters(self) -> int:
        return sum(r.characters for r in self.releases)

    @property
    def filled(self) -> int:
        return sum(r.filled for r in self.releases)

    @property
    def suggested(self) -> int:
        return sum(r.suggested for r in self.releases)

    @property
    def left(self) -> int:
        return sum(r.left for r in self.releases)

    @property
    def kept(self) -> int:
        return sum(r.kept for r in self.releases)

    @property
    def next_step(self) -> str | None:
        """What to do about the segments still left, in one line."""
        if self.dry_run or not self.left:
            return None
        if self.held:
            return (
                f"{self.held} segment(s) were not sent: they do not fit in the "
                f"{self.quota_left or 0:,} characters left of the quota; running again "
                "when it renews sends only those"
            )
        if self.engine == "memory":
            return (
                f"{self.left} segment(s) still need a translator or DeepL: "
                "presse translate --engine deepl"
            )
        return f"{self.left} segment(s) still need a translation: presse translate"

    def to_dict(self) -> dict[str, Any]:
        return {
            "engine": self.engine,
            "dry_run": self.dry_run,
            "sent": self.sent,
            "characters": self.characters,
            "filled": self.filled,
            "suggested": self.suggested,
            "left": self.left,
            "kept": self.kept,
            "billed_characters": self.billed_characters,
            "requests": self.requests,
            "seconds": round(self.seconds, 3),
            "notes": list(self.notes),
            "settings": dict(self.settings),
            "stopped": self.stopped,
            "quota_left": self.quota_left,
            "held": self.held,
            "cost": self.cost,
            "price_per_million_characters": self.price_per_million_characters,
            "next_step": self.next_step,
            "releases": [r.to_dict() for r in self.releases],
        }
