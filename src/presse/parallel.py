"""How many forked worker processes a job gets: the build's gate and its renderer share this."""

from __future__ import annotations

import multiprocessing
import os


def fork_workers(count: int, threshold: int, maximum: int) -> int:
    """One process below ``threshold`` items or where fork is missing; else one a core."""
    if count < threshold or "fork" not in multiprocessing.get_all_start_methods():
        return 1
    try:
        cpus = len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not on Linux
        cpus = os.cpu_count() or 1
    return max(1, min(cpus, maximum))
