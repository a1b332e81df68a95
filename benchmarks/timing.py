"""Shared timer for the benchmark scripts (run them as `python benchmarks/<script>.py`)."""

from __future__ import annotations

import time
from collections.abc import Callable


def best(fn: Callable[[], object], repeat: int = 3,
         clock: Callable[[], float] = time.perf_counter) -> float:
    """The fastest of `repeat` runs of fn, in seconds (the least disturbed by other load);
    `clock=time.process_time` counts this process's CPU time only (steadier on a shared
    machine)."""
    times = []
    for _ in range(repeat):
        t = clock()
        fn()
        times.append(clock() - t)
    return min(times)
