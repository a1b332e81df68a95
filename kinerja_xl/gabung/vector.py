"""Capaian for a whole frame at once: the rules of `core.capaian`, as numpy array operations.

Every arithmetic step runs in the same order as the scalar core (R = 0 + R1 + R2 …,
capaian = R / T × 100, (2T − R) / T × 100, T / R × 100), so the values are bit-for-bit the
scalar ones; the property tests in tests/test_gabung_vector.py check that on generated rows.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..core.contract import PREDIKAT_NAMES, NegativeRule
from ..core.model import Settings
from .frame import BAND_COLUMNS, PREDIKAT_DTYPE, QUARTERS

N_NO_PERIODE = "belum ada realisasi di workbook"
N_NO_TARGET = "target kosong: capaian tidak dapat dihitung"
N_ZERO_OK = "target 0 dan realisasi 0: capaian 100"
N_ZERO = "target 0: capaian tidak dapat dihitung"
N_TR_ZERO = "rumus T/R dengan realisasi 0: capaian tidak dapat dihitung"
N_TR = "negatif T/R"
N_2TR = "negatif (2T-R)/T"
N_INSIDE = "di dalam rentang target"


def _col(df: pd.DataFrame, name: str) -> np.ndarray:
    return df[name].to_numpy(dtype=float, na_value=np.nan)


def _settings_arrays(df: pd.DataFrame, settings: Settings | None, periode: int | None,
                     ) -> tuple[np.ndarray, np.ndarray, np.ndarray, list[np.ndarray]]:
    size = len(df)
    if settings is not None and settings.periode:
        periode = settings.periode
    n = (np.full(size, periode, dtype=np.int64) if periode
         else df["periode"].to_numpy(dtype=np.int64))
    if settings is None:
        t_over_r = (df["rumus_negatif"] == NegativeRule.T_OVER_R.value).to_numpy(dtype=bool)
        cap = _col(df, "batas_maks")
        bands = [_col(df, b) for b in BAND_COLUMNS]
    else:
        t_over_r = np.full(size, settings.negative_rule is NegativeRule.T_OVER_R)
        cap = np.full(size, np.nan if settings.cap is None else settings.cap)
        bands = [np.full(size, float(b)) for b in settings.bands]
    return n, t_over_r, cap, bands


def compute_frame(df: pd.DataFrame, settings: Settings | None = None, *,
                  periode: int | None = None) -> pd.DataFrame:
    """A copy of df (the `read_frame` schema) with realisasi, target_periode_low/high,
    capaian, predikat and catatan. Each row uses its unit's Pengaturan (columns periode,
    rumus_negatif, batas_maks, batas_*) unless `settings` is given (then its rule, cap and
    bands apply to every row, and its periode when set); `periode` (1..4) overrides the
    reporting quarter of every unit, like `kinerja-xl gabung --periode`."""
    size = len(df)
    n, t_over_r, cap, bands = _settings_arrays(df, settings, periode)
    tipe = df["tipe"].cat.codes.to_numpy()  # 0 Kumulatif, 1 Non Kumulatif, 2 Rata-rata
    negatif = (df["polaritas"].cat.codes == 1).to_numpy()
    reals = [_col(df, f"realisasi_tw{q}") for q in QUARTERS]
    t_low = [_col(df, f"target_tw{q}_low") for q in QUARTERS]
    t_high = [_col(df, f"target_tw{q}_high") for q in QUARTERS]
    annual_low, annual_high = _col(df, "target_low"), _col(df, "target_high")

    # R: the sum (in quarter order), the last filled value, the count of filled quarters.
    total = np.zeros(size)
    last = np.full(size, np.nan)
    count = np.zeros(size, dtype=np.int64)
    for q, r in zip(QUARTERS, reals, strict=True):
        filled = (q <= n) & ~np.isnan(r)
        total = np.where(filled, total + r, total)
        last = np.where(filled, r, last)
        count += filled
    with np.errstate(all="ignore"):
        r = np.select([tipe == 0, tipe == 1], [total, last], total / count)
    r[count == 0] = np.nan

    # T: Kumulatif sums T1..Tn when any quarterly target exists; others take Tn, else annual.
    any_quarter = np.zeros(size, dtype=bool)
    sum_low, sum_high = np.zeros(size), np.zeros(size)
    tn_low, tn_high = np.full(size, np.nan), np.full(size, np.nan)
    for q, lo, hi in zip(QUARTERS, t_low, t_high, strict=True):
        given = ~np.isnan(lo)
        any_quarter |= given
        use = (q <= n) & given
        sum_low = np.where(use, sum_low + lo, sum_low)
        sum_high = np.where(use, sum_high + hi, sum_high)
        at_n = (n == q) & given
        tn_low, tn_high = np.where(at_n, lo, tn_low), np.where(at_n, hi, tn_high)
    kum = tipe == 0
    by_quarter = np.where(kum, any_quarter, ~np.isnan(tn_low))
    low = np.where(by_quarter, np.where(kum, sum_low, tn_low), annual_low)
    high = np.where(by_quarter, np.where(kum, sum_high, tn_high), annual_high)

    value, note = _capaian(r, low, high, negatif, t_over_r, cap)
    no_periode, no_real = n <= 0, count == 0
    no_target = ~no_real & np.isnan(low)
    value[no_periode | no_real | no_target] = np.nan
    note[no_target] = N_NO_TARGET
    for q in QUARTERS:
        note[no_real & (n == q)] = f"belum ada realisasi s.d. TW{q}"
    note[no_periode] = N_NO_PERIODE
    r[no_periode] = np.nan
    low[no_periode | no_real] = np.nan
    high[no_periode | no_real] = np.nan

    out = df.copy(deep=False)
    out["realisasi"] = r
    out["target_periode_low"] = low
    out["target_periode_high"] = high
    out["capaian"] = value
    out["predikat"] = _predikat(value, bands)
    out["catatan"] = pd.Categorical(note)
    return out


def _formula(r: np.ndarray, t: np.ndarray, negatif: np.ndarray, t_over_r: np.ndarray,
             ) -> tuple[np.ndarray, np.ndarray]:
    """`core.capaian._formula` on arrays: (value, note), with the same arithmetic (every rule
    from the one ratio q = r/t, as the sheet formula computes it)."""
    with np.errstate(all="ignore"):
        q = r / t
        value = np.select([~negatif, t_over_r], [q * 100, np.power(q, -1.0) * 100],
                          (2 - q) * 100)
    note = np.select([~negatif, t_over_r], ["", N_TR], N_2TR).astype(object)
    tr_zero = negatif & t_over_r & (r == 0)
    value[tr_zero], note[tr_zero] = np.nan, N_TR_ZERO
    zero = t == 0
    zero_ok = zero & negatif & (r == 0)
    value[zero], note[zero] = np.nan, N_ZERO
    value[zero_ok], note[zero_ok] = 100.0, N_ZERO_OK
    return value, note


def _capaian(r: np.ndarray, low: np.ndarray, high: np.ndarray, negatif: np.ndarray,
             t_over_r: np.ndarray, cap: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """`core.capaian.capaian` on arrays (range targets against the nearer bound, the cap)."""
    is_range = low != high
    below = r < low
    bound = np.where(is_range & ~below, high, low)
    value, note = _formula(r, bound, negatif, t_over_r)
    inside = is_range & (low <= r) & (r <= high)
    outside = is_range & ~inside & ~np.isnan(r)
    if outside.any():
        side = np.where(below[outside], "di bawah", "di atas").astype(object)
        inner = note[outside]
        note[outside] = np.where(inner == "", side + " rentang target",
                                 side + " rentang target; " + inner)
    value[inside], note[inside] = 100.0, N_INSIDE
    with np.errstate(invalid="ignore"):
        capped = ~np.isnan(cap) & ~np.isnan(value) & (value > cap)
    if capped.any():
        value[capped] = cap[capped]
        note[capped] = [f"{n}; dibatasi maksimum {c:g}".lstrip("; ")
                        for n, c in zip(note[capped], cap[capped], strict=True)]
    return value, note


def _predikat(value: np.ndarray, bands: list[np.ndarray]) -> pd.Categorical:
    """Codes into PREDIKAT_DTYPE ("" first): ≥ band 0 Sangat Tinggi … otherwise Sangat Rendah."""
    with np.errstate(invalid="ignore"):
        codes = np.select([value >= b for b in bands], [1, 2, 3, 4], len(PREDIKAT_NAMES))
    codes[np.isnan(value)] = 0
    return pd.Categorical.from_codes(codes, dtype=PREDIKAT_DTYPE)
