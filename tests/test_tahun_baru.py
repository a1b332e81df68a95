"""tahun-baru: next year's workbook from last year's, on the examples and the sample; two years
later the N-2 column holds this year's values."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import openpyxl
import pytest
from tahun_support import ROW_KELUHAN, ROW_LAYANAN, years_workbook

from kinerja_xl.core.compute import compute
from kinerja_xl.core.contract import YEARS_HEADERS, H, Level
from kinerja_xl.tahun.baru import LOG_SHEET
from kinerja_xl.tahun.files import make_tahun_baru_file, read_grids
from kinerja_xl.xlsx.blank import HEADER_ROW

REPO = Path(__file__).resolve().parent.parent
EXAMPLE = REPO / "examples" / "kenohan_2025.xlsm"


def columns(ws) -> dict[str, int]:
    return {str(ws.cell(HEADER_ROW, c).value): c for c in range(1, ws.max_column + 1)
            if ws.cell(HEADER_ROW, c).value is not None}


def setting(wb, label: str):
    ws = wb["Pengaturan"]
    return next(ws.cell(r, 2).value for r in range(1, ws.max_row + 1)
                if ws.cell(r, 1).value == label)


@pytest.fixture(scope="module")
def example_years(tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("tahun")
    last = folder / "kenohan_2025.xlsm"
    shutil.copyfile(EXAMPLE, last)
    make_tahun_baru_file(last, folder / "kenohan_2026.xlsm")
    make_tahun_baru_file(folder / "kenohan_2026.xlsm", folder / "kenohan_2027.xlsm")
    return {"2025": last, "2026": folder / "kenohan_2026.xlsm",
            "2027": folder / "kenohan_2027.xlsm"}


def test_two_years_later_n2_holds_this_years_values(example_years):
    comp = compute(read_grids(example_years["2025"]))
    expected = {(r.sheet, r.row): (r.realisasi, r.capaian) for r in comp.rows}
    assert any(v[0] is not None for v in expected.values())
    y26 = openpyxl.load_workbook(example_years["2026"], data_only=True)
    y27 = openpyxl.load_workbook(example_years["2027"], data_only=True)
    for (sheet, row), (real, cap) in expected.items():
        c26, c27 = columns(y26[sheet]), columns(y27[sheet])
        assert y26[sheet].cell(row, c26[H.REAL_N1]).value == real
        assert y26[sheet].cell(row, c26[H.CAPAIAN_N1]).value == cap
        assert y27[sheet].cell(row, c27[H.REAL_N2]).value == real
        assert y27[sheet].cell(row, c27[H.CAPAIAN_N2]).value == cap
        assert y27[sheet].cell(row, c27[H.REAL_N1]).value is None  # 2026 had no realisation


def test_settings_tree_and_officials_carried(example_years):
    old = openpyxl.load_workbook(example_years["2025"])
    new = openpyxl.load_workbook(example_years["2026"])
    assert setting(new, "Tahun") == setting(old, "Tahun") + 1 == 2026
    assert not setting(new, "Periode")
    tanggal = setting(old, "Tanggal PK")
    if isinstance(tanggal, dt.datetime):
        assert setting(new, "Tanggal PK") == tanggal.replace(year=tanggal.year + 1)
    for name in ("Pejabat", *(lv.sheet for lv in Level)):
        ws_old, ws_new = old[name], new[name]
        cols = columns(ws_old)
        kept = [h for h in cols if h in (H.KODE, H.KODE_INDUK, H.URAIAN, H.INDIKATOR, H.TARGET,
                                         H.ANGGARAN, "ID", "Nama", "Atasan")]
        for h in kept:
            for r in range(HEADER_ROW + 1, ws_old.max_row + 1):
                assert ws_new.cell(r, cols[h]).value == ws_old.cell(r, cols[h]).value


def test_quarterly_cells_emptied_and_computed_columns_fresh(example_years):
    new = openpyxl.load_workbook(example_years["2026"], data_only=True)
    for level in Level:
        ws = new[level.sheet]
        cols = columns(ws)
        for h in (*H.TARGET_TW, *H.REAL_TW, H.REAL_ANGGARAN, H.REALISASI, H.CAPAIAN):
            if h in cols:
                values = [ws.cell(r, cols[h]).value for r in range(HEADER_ROW + 1,
                                                                   ws.max_row + 1)]
                assert all(v in (None, "") for v in values), (level.sheet, h)
    assert LOG_SHEET in new.sheetnames
    log = new[LOG_SHEET]
    assert log["A1"].value == "LOG TAHUN BARU 2025 → 2026"


def test_last_year_untouched_and_vba_kept(example_years, tmp_path):
    copy = tmp_path / "k.xlsm"
    shutil.copyfile(EXAMPLE, copy)
    before = copy.read_bytes()
    make_tahun_baru_file(copy, tmp_path / "baru.xlsm")
    assert copy.read_bytes() == before
    with zipfile.ZipFile(copy) as a, zipfile.ZipFile(tmp_path / "baru.xlsm") as b:
        assert a.read("xl/vbaProject.bin") == b.read("xl/vbaProject.bin")


def test_dated_headers_follow_the_years(tmp_path):
    last = years_workbook(tmp_path / "k.xlsx")
    year = make_tahun_baru_file(last, tmp_path / "k2026.xlsx")
    assert year.added == []  # every column was there
    ws = openpyxl.load_workbook(tmp_path / "k2026.xlsx")["Sasaran"]
    cols = columns(ws)
    assert "Realisasi 2025" in cols and "Realisasi 2024" in cols
    assert "Realisasi 2023" not in cols
    assert ws.cell(ROW_LAYANAN, cols["Realisasi 2025"]).value == 88  # last year's R
    assert ws.cell(ROW_LAYANAN, cols["Realisasi 2024"]).value == 86  # was N-1
    assert ws.cell(ROW_KELUHAN, cols["Realisasi 2025"]).value == 5  # 1 + 4, kumulatif
    assert ws.cell(ROW_LAYANAN, cols[H.CAPAIAN_N1]).value == pytest.approx(88 / 90 * 100)
    assert ws.cell(ROW_LAYANAN, cols[H.CAPAIAN_N2]).value == 95.5
    assert ws.cell(ROW_LAYANAN, cols[H.TARGET_AKHIR.replace("Renstra", "Renstra 2026")]
                   ).value == 95  # kept
    assert ws.cell(ROW_LAYANAN, cols[H.TINDAK_LANJUT]).value is None  # a yearly text


def test_missing_columns_are_added_right_of_the_used_ones(tmp_path):
    """A workbook made before the cross-year columns existed: tahun-baru adds them."""
    last = tmp_path / "lama.xlsx"
    wb = openpyxl.load_workbook(EXAMPLE)  # test setup: drop the optional columns
    ws = wb["Sasaran"]
    for col in sorted((c for h, c in columns(ws).items() if h in YEARS_HEADERS),
                      reverse=True):
        ws.delete_cols(col)
    wb.save(last)
    make_tahun_baru_file(last, tmp_path / "baru.xlsx")
    old_cols = columns(openpyxl.load_workbook(last)["Sasaran"])
    new_cols = columns(openpyxl.load_workbook(tmp_path / "baru.xlsx")["Sasaran"])
    assert H.REAL_N1 not in old_cols
    assert min(new_cols[h] for h in (H.REAL_N1, H.REAL_N2)) > max(old_cols.values())
    ws = openpyxl.load_workbook(tmp_path / "baru.xlsx")["Sasaran"]
    left = ws.cell(HEADER_ROW, max(old_cols.values()))  # the last header the user had
    for h in (H.REAL_N2, H.CAPAIAN_N2, H.REAL_N1, H.CAPAIAN_N1):
        head = ws.cell(HEADER_ROW, new_cols[h])
        assert head.has_style and head.style_id == left.style_id, h  # looks like a header
        assert ws.column_dimensions[head.column_letter].width >= len(h), h


def test_cli(tmp_path):
    last = years_workbook(tmp_path / "k.xlsx")
    run = [sys.executable, "-m", "kinerja_xl", "tahun-baru", str(last)]
    proc = subprocess.run([*run, "-o", str(tmp_path / "k2.xlsx")], capture_output=True,
                          text=True, cwd=REPO, timeout=300)
    assert proc.returncode == 0, proc.stderr
    assert "Tahun 2025 → 2026" in proc.stdout
    proc = subprocess.run([*run, "-o", str(last)], capture_output=True, text=True, cwd=REPO,
                          timeout=300)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr


def test_without_tahun_nothing_is_written(tmp_path):
    last = years_workbook(tmp_path / "k.xlsx")
    wb = openpyxl.load_workbook(last)
    ws = wb["Pengaturan"]
    for r in range(1, ws.max_row + 1):
        if ws.cell(r, 1).value == "Tahun":
            ws.cell(r, 2).value = None
    wb.save(last)
    proc = subprocess.run([sys.executable, "-m", "kinerja_xl", "tahun-baru", str(last), "-o",
                           str(tmp_path / "k2.xlsx")], capture_output=True, text=True, cwd=REPO,
                          timeout=300)
    assert proc.returncode == 2 and "Tahun" in proc.stderr
    assert not (tmp_path / "k2.xlsx").exists()


def test_the_collector_is_back_after_the_job_even_when_it_is_refused(tmp_path):
    """tahun-baru pauses Python's cyclic garbage collector for its span (package/gcpause.py):
    afterwards it is on again, also when the job raises; a collector the caller had turned
    off stays off."""
    import gc

    from kinerja_xl.core.findings import WorkbookError

    last = years_workbook(tmp_path / "k.xlsx")
    assert gc.isenabled()
    make_tahun_baru_file(last, tmp_path / "k2.xlsx")
    assert gc.isenabled()
    with pytest.raises(WorkbookError):
        make_tahun_baru_file(last, tmp_path / "k3.xlsm")  # another suffix: refused
    with pytest.raises(WorkbookError):
        make_tahun_baru_file(tmp_path / "tidak_ada.xlsx", tmp_path / "k4.xlsx")
    assert gc.isenabled()
    gc.disable()
    try:
        make_tahun_baru_file(last, tmp_path / "k5.xlsx")
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_text_like_a_formula_stays_text(tmp_path):
    last = years_workbook(tmp_path / "k.xlsx")
    wb = openpyxl.load_workbook(last)
    ws = wb["Sasaran"]
    cell = ws.cell(ROW_KELUHAN, columns(ws)["Realisasi 2024"])
    cell.value, cell.data_type = "=bukan rumus", "s"  # typed as text (Excel: '=bukan rumus)
    wb.save(last)
    make_tahun_baru_file(last, tmp_path / "k2.xlsx")
    ws = openpyxl.load_workbook(tmp_path / "k2.xlsx")["Sasaran"]
    moved = ws.cell(ROW_KELUHAN, columns(ws)["Realisasi 2024"])  # N-2 now
    assert moved.value == "=bukan rumus" and moved.data_type == "s"
