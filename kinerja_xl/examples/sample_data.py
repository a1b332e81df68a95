"""Sample numbers for the example workbooks: rencana aksi, realisations TW1–TW2 and budgets.

Deterministic (a seeded generator per node), so rebuilding the examples gives the same files.
Everything here is made up and the workbooks say so ("data contoh").
"""

from __future__ import annotations

import random
import zlib
from collections.abc import Mapping

from ..core.contract import Level, Polarity, Tipe
from ..core.model import QUARTERS, Indicator, Node, Plan
from ..core.numbers import Quantity

SAMPLE_NOTE = ("DATA CONTOH — target, rencana aksi, realisasi TW1–TW2, anggaran, serta nama, NIP "
               "dan pangkat pejabat adalah contoh, bukan data resmi. Ganti dengan data Anda.")
FILLED_QUARTERS = 2
_BUDGETS_JT = (12.5, 18, 24, 30, 36, 45, 60, 75, 90, 120, 150)


def rng_for(seed: str, *parts: object) -> random.Random:
    """A generator that depends only on seed and parts (not on Python's hash salt)."""
    key = ":".join([seed, *map(str, parts)]).encode()
    return random.Random(zlib.crc32(key))


def split_target(total: float) -> tuple[float, ...]:
    """Rencana aksi: the annual target spread over TW1–TW4, early quarters first
    (12 -> 3,3,3,3; 6 -> 2,2,1,1; 1 -> 1,0,0,0)."""
    if total.is_integer() and total >= 0:
        base, rem = divmod(int(total), QUARTERS)
        return tuple(float(base + (1 if q < rem else 0)) for q in range(QUARTERS))
    part = round(total / QUARTERS, 2)
    return (part, part, part, round(total - 3 * part, 2))


def _num(x: float, integer: bool) -> float:
    return float(round(x)) if integer else round(x, 2)


def _realisations(ind: Indicator, tw: tuple[float, ...] | None, rng: random.Random,
                  ) -> list[float]:
    assert ind.target is not None
    target = ind.target.value
    integer = target.is_integer() and ind.satuan not in ("%", "indeks")
    out = []
    for q in range(FILLED_QUARTERS):
        if ind.tipe is Tipe.KUMULATIF and tw is not None:
            f = rng.choice((0.8, 0.9, 1.0, 1.0, 1.0)) if ind.polarity is Polarity.POSITIF \
                else rng.choice((0.6, 0.8, 1.0))
            out.append(_num(tw[q] * f, integer))
        elif ind.polarity is Polarity.NEGATIF:
            out.append(_num(target * rng.uniform(0.8, 1.1), integer))
        elif integer:
            out.append(float(target) if q or rng.random() < 0.6 else float(max(target - 1, 0)))
        else:
            low, high = ((0.86, 0.97), (0.93, 1.0))[q]
            out.append(_num(target * rng.uniform(low, high), False))
    return out


def fill_sample(plan: Plan, seed: str,
                fixed: Mapping[str, tuple[float | None, ...] | None] | None = None) -> None:
    """Add rencana aksi (Kumulatif), realisations TW1–TW2 and Sub Kegiatan budgets.

    fixed: code -> realisations to use instead (None: nothing realised yet). Indicators
    without a target are left alone; budgets already set are kept.
    """
    fixed = fixed or {}
    for node in plan.nodes():
        rng = rng_for(seed, node.level.value, node.code)
        for ind in node.indicators:
            if ind.target is None or ind.target.is_range:
                continue
            tw = None
            if ind.tipe is Tipe.KUMULATIF:
                tw = split_target(ind.target.value)
                ind.quarter_targets = tuple(Quantity.point(v) for v in tw)
            if node.code in fixed:
                given = fixed[node.code]
                reals: list[float | None] = list(given) if given is not None else []
            else:
                reals = list(_realisations(ind, tw, rng))
            reals += [None] * (QUARTERS - len(reals))
            ind.realisations = tuple(None if v is None else Quantity.point(float(v))
                                     for v in reals[:QUARTERS])
        if node.level is Level.SUB_KEGIATAN:
            _budget(node, rng)


def _budget(node: Node, rng: random.Random) -> None:
    if node.anggaran is None:
        node.anggaran = rng.choice(_BUDGETS_JT) * 1_000_000
    if node.realisasi_anggaran is None:
        node.realisasi_anggaran = float(round(node.anggaran * rng.uniform(0.38, 0.52), -3))
