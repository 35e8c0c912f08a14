"""How many forked worker processes a job gets: the build's gate and its renderer share this."""

from __future__ import annotations

import contextlib
import gc
import multiprocessing
import os
from collections.abc import Iterator
from typing import TYPE_CHECKING

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
