"""compute_frame gives the scalar core's values, bit for bit, on generated indicators, and the
hand-computed values of the sample kecamatan when read from a workbook."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pandas as pd
from gabung_support import unit_file
from hypothesis import given, settings
from hypothesis import strategies as st
from sample import EXPECTED

from kinerja_xl.api import compute_frame, read_frame
from kinerja_xl.core import capaian as rules
from kinerja_xl.core.contract import NegativeRule, Polarity, Tipe
from kinerja_xl.core.model import Indicator, Settings
from kinerja_xl.core.numbers import Quantity
from kinerja_xl.gabung.frame import (
    COMPUTED_COLUMNS,
    INPUT_COLUMNS,
    FrameBuilder,
    indicator_values,
)

numbers = st.one_of(st.integers(-50, 2000).map(float),
                    st.floats(-1e4, 1e9, allow_nan=False, allow_infinity=False),
                    st.sampled_from([0.0, 0.1, 2.5, 100.0]))


@st.composite
def quantities(draw, ranges: bool = True) -> Quantity:
    a = draw(numbers)
    if ranges and draw(st.booleans()):
        b = draw(numbers)
        return Quantity(min(a, b), max(a, b))
    return Quantity.point(a)


maybe_q = st.one_of(st.none(), quantities())
maybe_r = st.one_of(st.none(), quantities(ranges=False))

indicators = st.builds(
    lambda tipe, pol, t, tw, rs: Indicator(1, "x", tipe=tipe, polarity=pol, target=t,
                                           quarter_targets=tuple(tw), realisations=tuple(rs)),
    st.sampled_from(list(Tipe)), st.sampled_from(list(Polarity)), maybe_q,
    st.lists(maybe_q, min_size=4, max_size=4), st.lists(maybe_r, min_size=4, max_size=4))

unit_settings = st.builds(
    lambda rule, cap, bands, n: (Settings(negative_rule=rule, cap=cap, bands=bands), n),
    st.sampled_from(list(NegativeRule)),
    st.one_of(st.none(), st.sampled_from([100.0, 120.0, 150.5])),
    st.sampled_from([(91.0, 76.0, 66.0, 51.0), (90.0, 80.0, 70.0, 60.0), (100.0, 100.0, 50.0,
                                                                         0.0)]),
    st.integers(0, 4))


def _same(a: float | None, b: float) -> bool:
    return (a is None and math.isnan(b)) or (a is not None and a == b)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(indicators, unit_settings), min_size=1, max_size=25))
def test_compute_frame_equals_the_scalar_core(rows) -> None:
    builder = FrameBuilder()
    for ind, (s, n) in rows:
        builder.rows.append(_row(ind, n, s))
    out = compute_frame(builder.frame())
    for i, (ind, (s, n)) in enumerate(rows):
        if n == 0:
            r, outcome = None, rules.Outcome(None, "belum ada realisasi di workbook")
        else:
            r, outcome = rules.indicator_capaian(ind, n, s.negative_rule, s.cap)
        got = out.iloc[i]
        assert _same(r, got["realisasi"]), (ind, n, r, got["realisasi"])
        assert _same(outcome.value, got["capaian"]), (ind, n, s, outcome, got["capaian"])
        assert got["catatan"] == outcome.note, (ind, n, outcome.note, got["catatan"])
        assert got["predikat"] == rules.predikat(outcome.value, s.bands)


def _row(ind: Indicator, n: int, s: Settings) -> tuple:
    """One frame row (INPUT_COLUMNS order) for an indicator of a unit with settings s."""
    cap = np.nan if s.cap is None else s.cap
    return ("u", "f", "Tujuan", 1, "T", "", "", "", "", "", *indicator_values(ind), np.nan,
            np.nan, n, s.negative_rule.value, cap, *s.bands)


def test_settings_argument_overrides_every_unit() -> None:
    ind = Indicator(1, "x", polarity=Polarity.NEGATIF, tipe=Tipe.NON_KUMULATIF,
                    target=Quantity.point(10), realisations=(Quantity.point(8),) + (None,) * 3)
    builder = FrameBuilder()
    builder.rows.append(_row(ind, 1, Settings()))
    df = builder.frame()
    assert compute_frame(df)["capaian"].iloc[0] == (2 * 10 - 8) / 10 * 100  # 120
    tr = compute_frame(df, Settings(negative_rule=NegativeRule.T_OVER_R))
    assert tr["capaian"].iloc[0] == 10 / 8 * 100  # 125
    capped = compute_frame(df, Settings(negative_rule=NegativeRule.T_OVER_R, cap=110.0))
    assert capped["capaian"].iloc[0] == 110.0
    assert capped["catatan"].iloc[0] == "negatif T/R; dibatasi maksimum 110"


def test_read_frame_gives_the_hand_computed_values(tmp_path: Path) -> None:
    unit_file(tmp_path / "a.xlsx", "Kecamatan A")
    unit_file(tmp_path / "b.xlsx", "Kecamatan B")
    df = read_frame(tmp_path)
    assert [c.name for c in INPUT_COLUMNS] == list(df.columns)
    for c in INPUT_COLUMNS:
        assert str(df[c.name].dtype) == c.dtype, c
    out = compute_frame(df)
    assert list(out.columns) == list(df.columns) + [c.name for c in COMPUTED_COLUMNS]
    assert sorted(out["unit"].unique()) == ["Kecamatan A", "Kecamatan B"]
    assert len(out) == 2 * len(EXPECTED)
    for (sheet, name), (r, cap, pred) in EXPECTED.items():
        rows = out[(out["level"] == sheet) & (out["indikator"] == name)]
        assert len(rows) == 2
        for _, row in rows.iterrows():
            assert _same(r, row["realisasi"]) or math.isclose(row["realisasi"], r)
            if cap is None:
                assert math.isnan(row["capaian"])
            else:
                assert math.isclose(row["capaian"], cap, rel_tol=1e-12)
            assert row["predikat"] == pred
    assert (out["periode"] == 2).all()


def test_periode_argument(tmp_path: Path) -> None:
    unit_file(tmp_path / "a.xlsx", "Kecamatan A")
    out = compute_frame(read_frame(tmp_path / "a.xlsx"), periode=1)
    row = out[out["indikator"] == "Jumlah dokumen"].iloc[0]  # Kumulatif 12, TW1 = 3
    assert row["realisasi"] == 3 and row["capaian"] == 3 / 12 * 100
    assert isinstance(out["capaian"], pd.Series)


def test_docs_list_every_column() -> None:
    text = (Path(__file__).resolve().parent.parent / "docs" / "gabung.md").read_text("utf-8")
    for c in INPUT_COLUMNS + COMPUTED_COLUMNS:
        assert f"| `{c.name}` | {c.dtype} |" in text, c.name


def test_frame_equals_core_compute_on_the_same_file(tmp_path: Path) -> None:
    """Two readers (calamine + frame, openpyxl + core.compute) and two calculators agree."""
    from kinerja_xl.core.compute import compute
    from kinerja_xl.xlsx.load import grids, open_workbook

    path = unit_file(tmp_path / "a.xlsx", "Kecamatan A")
    comp = compute(grids(open_workbook(path), path))
    out = compute_frame(read_frame(path)).set_index(["level", "baris"])
    assert len(out) == len(comp.rows)
    for row in comp.rows:
        got = out.loc[(row.sheet, row.row)]
        assert _same(row.realisasi, got["realisasi"])
        assert _same(row.capaian, got["capaian"])
        assert got["predikat"] == row.predikat
        assert row.note.startswith(got["catatan"])


def test_budgets_of_nodes_and_units(tmp_path: Path) -> None:
    """Blank Program/Kegiatan budgets are the sums below (by hand from tests/sample.py)."""
    from kinerja_xl.gabung.read import read_all

    unit_file(tmp_path / "a.xlsx", "Kecamatan A")
    got = read_all([tmp_path / "a.xlsx"])
    df = got.frame.set_index(["level", "kode"])
    p1 = df.loc[("Program", "P1")]
    assert (p1["anggaran"], p1["realisasi_anggaran"]) == (150e6, 75e6)  # K1 typed; SK1 + SK2
    k2 = df.loc[("Kegiatan", "K2")]
    assert (k2["anggaran"], k2["realisasi_anggaran"]) == (20e6, 20e6)  # SK3
    assert math.isnan(df.loc[("Tujuan", "T1")]["anggaran"])
    (entry,) = got.units
    assert (entry.anggaran, entry.realisasi_anggaran) == (170e6, 95e6)  # P1 + P2
