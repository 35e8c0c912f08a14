"""Forked worker processes: how many a job gets, and running one task over many releases.

The build's gate and renderer, a cold ``presse status`` and ``presse extract`` share this.
"""

from __future__ import annotations

import contextlib
import gc
import multiprocessing
import os
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar

from presse.errors import PresseError

if TYPE_CHECKING:  # the pool module is loaded by the first pool, not by every command
    import multiprocessing.pool


def fork_workers(count: int, threshold: int, maximum: int) -> int:
    """One process below ``threshold`` items or where fork is missing; else one a core."""
    if count < threshold or "fork" not in multiprocessing.get_all_start_methods():
        return 1
    try:
        cpus = len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not on Linux
        cpus = os.cpu_count() or 1
    return max(1, min(cpus, maximum))


@contextlib.contextmanager
def forked_pool(workers: int) -> Iterator[multiprocessing.pool.Pool]:
    """A pool of forked workers that share the parent's objects without copying them.

    The objects alive at the fork are frozen out of the garbage collector first: a
    collection in a worker would otherwise visit every one of them and so write to
    every page of the inherited heap, which the kernel then copies, page by page, into
    each worker (``gc.freeze`` is documented for exactly this)."""
    gc.freeze()
    try:
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            yield pool
    finally:
        gc.unfreeze()


Item = TypeVar("Item")
Result = TypeVar("Result")


@dataclass
class _Failed:
    error: PresseError


# The task of the running map: forked workers inherit it (a closure cannot be pickled).
_TASK: Callable[[Any], Any] | None = None


def map_in_workers(
    task: Callable[[Item], Result], items: Sequence[Item], threshold: int, maximum: int = 4
) -> list[Result]:
    """``task(item)`` for every item, in order, in forked workers from ``threshold`` items
    on. The first bad input in the items' order raises its error, as one process going
    through them would: each worker stops a chunk at its first error."""
    global _TASK
    if not items:
        return []
    workers = fork_workers(len(items), threshold, maximum)
    _TASK = task
    try:
        if workers == 1:
            outcomes = _run_chunk(list(items))
        else:
            size = max(1, -(-len(items) // (workers * 8)))
            chunks = [list(items[i : i + size]) for i in range(0, len(items), size)]
            with forked_pool(workers) as pool:
                outcomes = [o for part in pool.map(_run_chunk, chunks, 1) for o in part]
    finally:
        _TASK = None
    for outcome in outcomes:
        if isinstance(outcome, _Failed):
            raise outcome.error
    return outcomes


def _run_chunk(items: list[Any]) -> list[Any]:
    assert _TASK is not None
    outcomes: list[Any] = []
    for item in items:
        try:
            outcomes.append(_TASK(item))
        except PresseError as error:
            outcomes.append(_Failed(error))
            break
    return outcomes
