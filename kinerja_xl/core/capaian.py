"""The capaian (achievement) rules of DESIGN §3, exactly, as pure functions.

The Excel formulas written by `formulas.py` reproduce these step for step (same operation
order), so LibreOffice/Excel and Python agree to the last bit.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from .contract import PREDIKAT_NAMES, NegativeRule, Polarity, Tipe
from .model import Indicator, Plan
from .numbers import Quantity


@dataclass(frozen=True)
class Outcome:
    """A computed capaian: `value` is None when it cannot be computed; `note` says why or how."""

    value: float | None
    note: str = ""


def _points(values: Sequence[Quantity | None], n: int) -> list[float | None]:
    return [None if q is None else q.value for q in values[:n]]


def realisation(tipe: Tipe, realisations: Sequence[Quantity | None], n: int) -> float | None:
    """R up to quarter n, or None when no quarter 1..n has a realisation."""
    filled = [v for v in _points(realisations, n) if v is not None]
    if not filled:
        return None
    if tipe is Tipe.KUMULATIF:
        return sum(filled)
    if tipe is Tipe.NON_KUMULATIF:
        return filled[-1]
    return sum(filled) / len(filled)


def target(tipe: Tipe, annual: Quantity | None, quarters: Sequence[Quantity | None],
           n: int) -> Quantity | None:
    """T up to quarter n: Kumulatif sums T1..Tn when any quarterly target exists; the others
    take Tn when given; otherwise the annual target."""
    if tipe is Tipe.KUMULATIF:
        if any(q is not None for q in quarters):
            lows = [q.low for q in quarters[:n] if q is not None]
            highs = [q.high for q in quarters[:n] if q is not None]
            return Quantity(sum(lows), sum(highs))
        return annual
    tn = quarters[n - 1] if 0 < n <= len(quarters) else None
    return tn if tn is not None else annual


def _formula(r: float, t: float, polarity: Polarity, rule: NegativeRule) -> Outcome:
    if t == 0:
        if polarity is Polarity.NEGATIF and r == 0:
            return Outcome(100.0, "target 0 dan realisasi 0: capaian 100")
        return Outcome(None, "target 0: capaian tidak dapat dihitung")
    q = r / t  # the sheet's formula computes every rule from this one ratio (formulas.py)
    if polarity is Polarity.POSITIF:
        return Outcome(q * 100)
    if rule is NegativeRule.T_OVER_R:
        if r == 0:
            return Outcome(None, "rumus T/R dengan realisasi 0: capaian tidak dapat dihitung")
        try:
            inverse = q ** -1  # T/R = 1/q, as POWER(q, -1) in the sheet
        except OverflowError:  # q below 1/1.8e308: as large as a float goes, like r/t would
            inverse = math.inf
        return Outcome(inverse * 100, "negatif T/R")
    return Outcome((2 - q) * 100, "negatif (2T-R)/T")  # (2T-R)/T = 2 - q


def capaian(r: float, t: Quantity, polarity: Polarity,
            rule: NegativeRule = NegativeRule.TWO_T_MINUS_R, cap: float | None = None) -> Outcome:
    """Capaian (%) of realisation r against target t (a number or a range)."""
    if t.is_range:
        if t.low <= r <= t.high:
            out = Outcome(100.0, "di dalam rentang target")
        else:
            bound = t.low if r < t.low else t.high
            inner = _formula(r, bound, polarity, rule)
            side = "di bawah" if r < t.low else "di atas"
            out = Outcome(inner.value, f"{side} rentang target; {inner.note}".rstrip("; "))
    else:
        out = _formula(r, t.value, polarity, rule)
    if cap is not None and out.value is not None and out.value > cap:
        return Outcome(cap, f"{out.note}; dibatasi maksimum {cap:g}".lstrip("; "))
    return out


def predikat(value: float | None, bands: Sequence[float]) -> str:
    """Predikat for a capaian: ≥ bands[0] Sangat Tinggi … otherwise Sangat Rendah."""
    if value is None:
        return ""
    for limit, name in zip(bands, PREDIKAT_NAMES, strict=False):
        if value >= limit:
            return name
    return PREDIKAT_NAMES[-1]


def indicator_capaian(ind: Indicator, n: int, rule: NegativeRule,
                      cap: float | None) -> tuple[float | None, Outcome]:
    """(R, capaian outcome) of one indicator at quarter n."""
    r = realisation(ind.tipe, ind.realisations, n)
    if r is None:
        return None, Outcome(None, f"belum ada realisasi s.d. TW{n}")
    t = target(ind.tipe, ind.target, ind.quarter_targets, n)
    if t is None:
        return r, Outcome(None, "target kosong: capaian tidak dapat dihitung")
    return r, capaian(r, t, ind.polarity, rule, cap)


def node_capaian(values: Iterable[float | None]) -> float | None:
    """Mean of the computable indicator capaian of a node (None when none is computable)."""
    ok = [v for v in values if v is not None]
    return sum(ok) / len(ok) if ok else None


def serapan(anggaran: float | None, realisasi: float | None) -> float | None:
    """Serapan anggaran (%) = realisasi / anggaran × 100; None when not computable."""
    if anggaran is None or realisasi is None or anggaran == 0:
        return None
    return realisasi / anggaran * 100


def effective_periode(plan: Plan) -> int | None:
    """`Periode` from Pengaturan, else the last quarter with a realisation anywhere."""
    if plan.settings.periode:
        return plan.settings.periode
    last = plan.last_quarter_seen
    for node in plan.nodes():
        for ind in node.indicators:
            for q, value in enumerate(ind.realisations, start=1):
                if value is not None and q > last:
                    last = q
    return last or None
