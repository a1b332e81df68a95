"""Atasan chains: which officials sit on a loop of Atasan links, in linear time.

Each official has at most one Atasan, so the links form a functional graph: every walk ends
outside the table, at an empty Atasan, or in a loop. One iterative pass with a state per
official finds every loop (no recursion, no re-walking a chain already seen), so a chain
10,000 deep costs 10,000 steps, not 10,000².
"""

from __future__ import annotations

from collections.abc import Mapping

from .model import Official

# A loop is shown from each member, clipped to 120 characters by the messages: its first
# members are enough (each ID takes at least 1 character plus " → ").
SHOWN = 64


def atasan_cycles(officials: Mapping[str, Official]) -> dict[str, list[str]]:
    """For each official on an Atasan loop: the loop from them back to them
    (`[id, atasan, …, id]`, at most SHOWN + 1 IDs). Officials leading into a loop without
    being on it are not included."""
    done: set[str] = set()
    out: dict[str, list[str]] = {}
    for start in officials:
        if start in done:
            continue
        path: list[str] = []
        at: dict[str, int] = {}
        cur: str | None = start
        while cur is not None and cur not in done and cur not in at:
            at[cur] = len(path)
            path.append(cur)
            boss = officials[cur].atasan
            cur = boss if boss and boss in officials else None
        if cur is not None and cur in at:  # closed a new loop on this path
            loop = path[at[cur]:]
            for i, member in enumerate(loop):
                shown = [loop[(i + k) % len(loop)] for k in range(min(len(loop), SHOWN))]
                out[member] = [*shown, member] if len(loop) <= SHOWN else shown
        done.update(path)
    return out
