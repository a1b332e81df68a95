"""gabung's fast path (kinerja_xl/gabung/fast.py) gives exactly the core reader's frame, counts
and first error, on generated workbooks with odd inputs: text numbers, ranges, blanks, bad
values, missing optional and extra columns, conflicting node fields, duplicate codes."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from kinerja_xl.core.contract import PEJABAT, PENGATURAN, H, Level, P, S, level_headers
from kinerja_xl.gabung import read as gabung_read
from kinerja_xl.gabung.fast import Unusual, read_fast
from kinerja_xl.gabung.frame import FrameBuilder
from kinerja_xl.synthetic import kabupaten
from kinerja_xl.xlsx.fill import write_plan
from kinerja_xl.xlsx.save import save_workbook

CODES = ["A", "A", "B", "C", "", " ", 7.0]
TEXTS = ["Meningkatnya layanan", "", "  ", "Lain", "x" * 2100]
PICS = ["KASI", "KASI", "", "TIDAKADA", "SEK"]
NAMES = ["IKU 1", "IKU 2", "", "Indikator  spasi "]
POLARITAS = ["Positif", "Positif", "Negatif", "", "negatif", "naik", "xyz"]
TIPES = ["Kumulatif", "Non Kumulatif", "Rata-rata", "", "kumulatif", "rata rata", "??"]
NUMBERS = [80.0, 12.5, 0.0, 1234567.0, "", "", "", "85%", "1.234,5", "80-90", "80 s.d. 90",
           "90-80", "abc", "  ", "Rp 1.000.000", True, 3]
AMOUNTS = ["", "", 1_000_000.0, 250_000.0, "Rp 2.500.000", "1-2", "x", 0.0]
OPTIONAL = [H.PJ, H.SASARAN, H.SATUAN, H.POLARITAS, H.TIPE, *H.TARGET_TW, *H.REAL_TW,
            H.ANGGARAN, H.REAL_ANGGARAN, H.URAIAN_INDUK, H.CAPAIAN]


def _pool(header: str, level: Level) -> list:
    if header == H.KODE:
        return CODES
    if header == H.KODE_INDUK:
        return ["A", "B", "", "Z"] if level.parent else ["", "KAB.1"]
    if header in (H.URAIAN, H.SASARAN, H.URAIAN_INDUK, H.CAPAIAN):
        return TEXTS
    if header == H.PJ:
        return PICS
    if header == H.INDIKATOR:
        return NAMES
    if header == H.SATUAN:
        return ["%", "", "orang"]
    if header == H.POLARITAS:
        return POLARITAS
    if header == H.TIPE:
        return TIPES
    if header in (H.ANGGARAN, H.REAL_ANGGARAN):
        return AMOUNTS
    if header == "Catatan Saya":
        return ["", "", "catatan"]
    return NUMBERS


CLEAN = {  # odd but valid cells: the fast path must read them itself, like the core
    "number": [80.0, 12.5, 0.0, 3, "", "", "85%", "1.234,5", "80-90", "80 s.d. 90", "  "],
    "real": [80.0, 12.5, 0.0, "", "", "85%", "1.234,5", " "],
    "amount": ["", 1_000_000.0, "Rp 2.500.000", 0.0],
    H.INDIKATOR: ["IKU 1", "IKU 2", "Indikator  spasi "],
    H.KODE_INDUK: ["A", "B", "Z", ""],
}


def _clean_pool(header: str, level: Level, first: bool) -> list:
    """Cells that make no cell-level finding; node fields and amounts only on a node's first
    row (a second value could conflict); Tipe/Polaritas from the whole pool (their notes are
    produced by the fast path too)."""
    if header in (H.KODE_INDUK, H.ANGGARAN, H.REAL_ANGGARAN, H.URAIAN, H.SASARAN, H.PJ):
        if not first:
            return ["", "  "]
        if header in (H.ANGGARAN, H.REAL_ANGGARAN):
            return CLEAN["amount"]
        if header == H.KODE_INDUK:
            return CLEAN[H.KODE_INDUK] if level.parent else ["", "KAB.1"]
        return _pool(header, level)[:3]
    if header == H.INDIKATOR:
        return CLEAN[H.INDIKATOR]
    if header in H.REAL_TW:
        return CLEAN["real"]
    if header in (H.TARGET, *H.TARGET_TW):
        return CLEAN["number"]
    return [v for v in _pool(header, level) if not (isinstance(v, str) and len(v) > 2000)]


@st.composite
def sheets(draw, level: Level) -> list[list]:
    """One level sheet: an optional title row, a header row (the standard columns, some
    dropped, plus maybe a user column, in a drawn order) and up to 8 rows. Most sheets are
    clean (codes in runs, see `_clean_pool`); one in eight draws every cell from the whole pools
    (bad numbers, conflicts, repeated codes, blank codes, very long texts)."""
    headers = [h for h in level_headers(level)
               if h not in OPTIONAL or draw(st.integers(0, 4)) > 0]
    if draw(st.booleans()):
        headers.append("Catatan Saya")
    if level.parent is None and draw(st.booleans()):
        headers.append(H.KODE_INDUK)  # a unit's link to a kabupaten Sasaran
    headers = [H.KODE, *draw(st.permutations([h for h in headers if h != H.KODE]))]
    rows: list[list] = [[f"SHEET {level.sheet}"]] if draw(st.booleans()) else []
    rows.append(headers)
    weird = draw(st.integers(0, 7)) == 0
    codes = iter(["A", "B", "C", 7.0, "D", "E", "F", "G", "H"])
    for i in range(draw(st.integers(0, 8))):
        first = i == 0 or draw(st.booleans())
        code = next(codes) if first else draw(st.sampled_from(["", " "]))
        row = []
        for h in headers:
            if weird:
                row.append(draw(st.sampled_from(_pool(h, level))))
            elif h == H.KODE:
                row.append(code)
            else:
                row.append(draw(st.sampled_from(_clean_pool(h, level, first))))
        rows.append(row)
    return rows


@st.composite
def workbooks(draw) -> dict[str, list[list]]:
    out = {level.sheet: draw(sheets(level)) for level in Level}
    out[PEJABAT] = [[P.ID, P.JABATAN, P.NAMA, P.ATASAN],
                    ["KASI", "Kepala Seksi", "Nama", "SEK"],
                    ["SEK", "Sekretaris", "Nama", draw(st.sampled_from(["", "KASI", "X"]))]]
    if draw(st.integers(0, 5)):
        out[PENGATURAN] = [[S.NAMA_INSTANSI, draw(st.sampled_from(["Kec. A", "", " Kec  B "]))],
                           [S.PERIODE, draw(st.sampled_from(["", "TW2", "TW9"]))],
                           [S.BATAS_MAKS, draw(st.sampled_from(["", 120.0, "abc"]))],
                           [S.RUMUS_NEGATIF, draw(st.sampled_from(["", "T/R"]))]]
    return out


def _save(book: dict[str, list[list]], path: Path) -> Path:
    wb = Workbook()
    wb.remove(wb.active)
    for name, rows in book.items():
        ws = wb.create_sheet(name)
        for row in rows:
            ws.append([None if v == "" else v for v in row])
    wb.save(path)
    return path


def _both(path: Path) -> tuple[tuple, tuple, bool]:
    """(log entry, frame) by the normal path (fast when it can) and by the core path alone,
    and whether the fast path took the file."""
    fast = True
    try:
        read_fast(gabung_read.raw_sheets(path.read_bytes(), path.name))
    except Unusual:
        fast = False
    results = []
    for use_fast in (True, False):
        original = gabung_read.read_fast
        if not use_fast:
            def core_only(raw):
                raise Unusual
            gabung_read.read_fast = core_only
        try:
            builder = FrameBuilder()
            entry = gabung_read.read_unit(path, builder)
            results.append((entry, builder.frame()))
        finally:
            gabung_read.read_fast = original
    return results[0], results[1], fast


def _assert_same(a: tuple, b: tuple) -> None:
    assert a[0] == b[0]
    pd.testing.assert_frame_equal(a[1], b[1], check_exact=True)


TAKEN: list[bool] = []


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(workbooks())
def test_fast_path_equals_the_core_reader(book) -> None:
    with tempfile.TemporaryDirectory() as d:
        fast, core, taken = _both(_save(book, Path(d) / "unit.xlsx"))
    TAKEN.append(taken)
    _assert_same(fast, core)


def test_the_property_test_exercised_both_paths() -> None:
    """Not vacuous: the generated workbooks went down the fast path and the core path."""
    if not TAKEN:
        pytest.skip("run together with test_fast_path_equals_the_core_reader")
    assert any(TAKEN) and not all(TAKEN), (sum(TAKEN), len(TAKEN))


def test_a_product_workbook_takes_the_fast_path(tmp_path: Path) -> None:
    """A workbook written by the product (synthetic kecamatan, ~300 rows) is read by the fast
    path, and gives the core's frame and counts."""
    plan = kabupaten(1, 120, seed=3)
    plan.settings.nama_instansi = "Kecamatan Cepat"
    path = tmp_path / "cepat.xlsx"
    save_workbook(write_plan(plan), path)
    fast, core, taken = _both(path)
    assert taken
    assert len(fast[1]) == sum(len(n.indicators) for n in plan.nodes())
    _assert_same(fast, core)


@pytest.mark.parametrize("name", ["kenohan_2025.xlsm", "kebasen_2023.xlsm"])
def test_the_example_workbooks_take_the_fast_path(name: str) -> None:
    """The real kecamatan examples (built from the seed documents) take the fast path and
    give the core's frame and counts."""
    path = Path(__file__).resolve().parents[1] / "examples" / name
    fast, core, taken = _both(path)
    assert taken and len(fast[1]) > 0
    _assert_same(fast, core)
