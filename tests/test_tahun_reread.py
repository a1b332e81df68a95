"""tahun-baru reads last year once: the new year's reading is derived from it
(core/reread.py). Whatever it derives must equal what the reader gives on the new grids (plan,
layouts and findings, by dataclass equality): on both examples, on the synthetic kabupaten, a
year later, and over odd values drawn into the cells a new year empties or fills."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import kinerja_xl.tahun.baru as baru
from kinerja_xl.api import compute_file
from kinerja_xl.core.contract import PENGATURAN, H, Level
from kinerja_xl.core.grid import find_header
from kinerja_xl.core.reader import read_plan
from kinerja_xl.core.reread import reread_emptied
from kinerja_xl.package.editor import Editor
from kinerja_xl.package.jobs import input_grids
from kinerja_xl.synthetic import kabupaten
from kinerja_xl.tahun.files import make_tahun_baru_file, read_grids
from kinerja_xl.xlsx.fill import write_plan
from kinerja_xl.xlsx.save import save_workbook

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = sorted((REPO / "examples").glob("*.xlsm"))


def _same(derived, fresh) -> None:
    assert derived.layouts == fresh.layouts
    assert derived.findings == fresh.findings
    assert derived.plan == fresh.plan


def _year_checked(monkeypatch, grids) -> dict[str, int]:
    """Run plan_tahun_baru on grids; inside it, compare the derived reading with a full read of
    the new grids. Returns how often the derivation ran."""
    seen = {"derived": 0}

    def spy(read, old, new):
        fresh = read_plan(new)
        derived = reread_emptied(read, old, new)
        if derived is not None:
            _same(derived, fresh)
            seen["derived"] += 1
        return derived

    monkeypatch.setattr(baru, "reread_emptied", spy)
    baru.plan_tahun_baru(grids)
    return seen


@pytest.fixture(scope="module")
def kabupaten_files(tmp_path_factory) -> list[Path]:
    """A small synthetic kabupaten, and the same a year later (N-1 columns present, Hitung run
    on it)."""
    folder = tmp_path_factory.mktemp("reread")
    first = folder / "kab.xlsm"
    save_workbook(write_plan(kabupaten(2, 120)), first)
    compute_file(first)
    second = folder / "kab_next.xlsm"
    make_tahun_baru_file(first, second)
    compute_file(second)
    return [first, second]


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_examples(monkeypatch, path, tmp_path):
    assert _year_checked(monkeypatch, read_grids(path)) == {"derived": 1}
    nxt = tmp_path / "next.xlsm"  # a year later: the N-1/N-2 columns exist and are moved
    make_tahun_baru_file(path, nxt)
    compute_file(nxt)
    assert _year_checked(monkeypatch, read_grids(nxt)) == {"derived": 1}


def test_synthetic_kabupaten(monkeypatch, kabupaten_files):
    for path in kabupaten_files:
        assert _year_checked(monkeypatch, read_grids(path)) == {"derived": 1}


def test_grids_from_the_package_editor(monkeypatch, kabupaten_files):
    """make_tahun_baru_file reads with the package editor (the computed columns' values are
    not decoded there, unlike read_grids): the same equality."""
    for path in [*EXAMPLES, *kabupaten_files]:
        grids = input_grids(Editor(path, None))
        assert _year_checked(monkeypatch, grids) == {"derived": 1}


# Odd values in the cells a new year empties (quarters, Realisasi Anggaran), moves (N-1) and in
# the Target and Polaritas that decide how the quarters read (grades, bounds, ranges).
ODD = st.one_of(
    st.none(),
    st.integers(-10**6, 10**6),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.sampled_from(["15 Dokumen", "80-90", "80 - 90", "BB", "A", "WTP", "Baik", "≥ 80",
                     "maksimal 5", "minimal 3 dokumen", "abc", " ", "", "12,5%", "Rp 1.500.000",
                     "=SUM(A1:A3)", "n/a", "-", "1.234,5", "1e400"]),
    st.dates(dt.date(1990, 1, 1), dt.date(2100, 1, 1)).map(
        lambda d: dt.datetime(d.year, d.month, d.day)),
)
_BASE = read_grids(EXAMPLES[0]) if EXAMPLES else {}
_CHANGED = (*H.TARGET_TW, *H.REAL_TW, H.REAL_ANGGARAN, H.REAL_N1, H.CAPAIAN_N1,
            H.FAKTOR_PENDORONG, H.TARGET, H.POLARITAS)


def _indicator_cells() -> list[tuple[str, int, int]]:
    """(sheet, row, col) of every changeable cell on the example's indicator rows."""
    read = read_plan(_BASE)
    _LAYOUTS.update(read.layouts)
    out = []
    for level in Level:
        layout = read.layouts[level.sheet]
        cols = [c for h in _CHANGED if (c := layout.col(h))]
        for node in read.plan.levels[level]:
            out += [(level.sheet, ind.row, c) for ind in node.indicators for c in cols]
    return out


_LAYOUTS: dict[str, Any] = {}
_CELLS = _indicator_cells() if EXAMPLES else []


def _with(grids: dict[str, Any], changes: list[tuple[tuple[str, int, int], Any]]):
    out = {name: [list(r) for r in g] for name, g in grids.items()}
    for (sheet, r, c), value in changes:
        grid = out[sheet]
        grid.extend([] for _ in range(r - len(grid)))
        row = grid[r - 1]
        if len(row) < c:
            row.extend([None] * (c - len(row)))
        row[c - 1] = value
    return out


@pytest.mark.skipif(not EXAMPLES, reason="examples/*.xlsm not built")
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                  HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(st.sampled_from(_CELLS or [("", 0, 0)]), ODD), max_size=40))
def test_odd_values_in_the_emptied_and_moved_cells(monkeypatch, changes):
    # A Realisasi Anggaran of "" is not emptied by tahun-baru (it holds nothing) and is left to
    # the full read; every other drawn value must be derived.
    budget = {(lv.sheet, c) for lv in Level if (c := _LAYOUTS[lv.sheet].col(H.REAL_ANGGARAN))}
    final = dict(changes)  # the last value drawn for a cell is the one it holds
    full = any(v == "" and (sheet, c) in budget for (sheet, _r, c), v in final.items())
    assert _year_checked(monkeypatch, _with(_BASE, changes)) == {"derived": 0 if full else 1}


# What it refuses (the caller then reads in full) -------------------------------------------------

def _level_cell(grids, level: Level, header: str) -> tuple[int, int]:
    layout = find_header(grids[level.sheet], level.sheet, H.KODE)
    return layout.header_row + 1, layout.col(header)


@pytest.mark.skipif(not EXAMPLES, reason="examples/*.xlsm not built")
@pytest.mark.parametrize("header", [H.SATUAN, H.INDIKATOR, H.TARGET, H.ANGGARAN])
def test_a_changed_input_cell_is_read_in_full(header):
    old = _BASE
    level = next(lv for lv in Level if lv.has_budget)
    r, c = _level_cell(old, level, header)
    new = _with(old, [((level.sheet, r, c), "lain sekali")])
    assert reread_emptied(read_plan(old), old, new) is None


@pytest.mark.skipif(not EXAMPLES, reason="examples/*.xlsm not built")
def test_a_quarter_left_filled_or_a_new_row_is_read_in_full():
    old = _BASE
    r, c = _level_cell(old, Level.SASARAN, H.REAL_TW[0])
    filled = _with(old, [((Level.SASARAN.sheet, r, c), 5)])
    assert reread_emptied(read_plan(old), old, filled) is None
    below = len(old[Level.SASARAN.sheet]) + 3
    _, kode = _level_cell(old, Level.SASARAN, H.KODE)
    grown = _with(old, [((Level.SASARAN.sheet, below, kode), "S.9")])
    assert reread_emptied(read_plan(old), old, grown) is None


@pytest.mark.skipif(not EXAMPLES, reason="examples/*.xlsm not built")
def test_other_grade_scales_are_read_in_full():
    old = _BASE
    rows = len(old[PENGATURAN])
    new = _with(old, [((PENGATURAN, rows + 1, 1), "Skala Mutu"),
                      ((PENGATURAN, rows + 1, 2), "Unggul, Baik, Cukup")])
    assert reread_emptied(read_plan(old), old, new) is None
