"""Packing texts into requests: at most 50 texts and under 128 KiB a request.

Sizes are measured as the texts appear in a JSON body (``json.dumps`` with its default
ASCII escaping, which is what ``requests`` sends), plus a reserve for the other
parameters, so a request stays under the limit whatever the characters.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from typing import TypeVar

MAX_TEXTS = 50
MAX_REQUEST_BYTES = 128 * 1024
# Room for everything in the body but the texts and the context: languages, formality,
# tag handling, tag lists, glossary id, JSON punctuation.
RESERVE_BYTES = 4 * 1024

T = TypeVar("T")


def json_size(text: str) -> int:
    """Bytes ``text`` takes in a JSON request body, with the comma after it."""
    return len(json.dumps(text)) + 2


def text_budget(context: str | None = None, limit: int = MAX_REQUEST_BYTES) -> int:
    """Bytes left for texts in one request carrying ``context``."""
    return limit - RESERVE_BYTES - (json_size(context) if context else 0)


def pack(
    items: Iterable[T],
    size: Callable[[T], int],
    *,
    max_items: int = MAX_TEXTS,
    budget: int | None = None,
) -> Iterator[list[T]]:
    """Consecutive groups of ``items`` of at most ``max_items`` and ``budget`` bytes.

    An item larger than the budget on its own is yielded alone; callers check
    :func:`fits` first.
    """
    limit = text_budget() if budget is None else budget
    group: list[T] = []
    used = 0
    for item in items:
        n = size(item)
        if group and (len(group) >= max_items or used + n > limit):
            yield group
            group, used = [], 0
        group.append(item)
        used += n
    if group:
        yield group


def fits(text: str, context: str | None = None) -> bool:
    return json_size(text) <= text_budget(context)
