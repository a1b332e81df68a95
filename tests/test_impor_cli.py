"""`kinerja-xl impor` end to end on the Kebasen seed: the workbook, its notes and its report."""

from __future__ import annotations

import io
import zipfile
from contextlib import redirect_stdout
from pathlib import Path

import openpyxl
import pytest

from kinerja_xl.api import check_file
from kinerja_xl.cli import main
from kinerja_xl.core.findings import Severity
from kinerja_xl.impor.esakip import NOTE_NOMENKLATUR, parse_bytes
from kinerja_xl.impor.report import SHEET

SEED = Path(__file__).resolve().parent.parent / "kinerja_xl" / "examples" / \
    "cascading_kebasen_2023.txt"


@pytest.fixture(scope="module")
def imported(tmp_path_factory) -> tuple[Path, str]:
    out = tmp_path_factory.mktemp("impor") / "kebasen.xlsm"
    buf = io.StringIO()
    with redirect_stdout(buf):
        assert main(["impor", str(SEED), "-o", str(out)]) == 0
    return out, buf.getvalue()


def rows_by_code(ws) -> dict[str, dict[str, object]]:
    header = [c.value for c in ws[2]]
    out = {}
    for row in ws.iter_rows(min_row=3, values_only=True):
        d = dict(zip(header, row, strict=False))
        if d.get("Kode") and d["Kode"] not in out:
            out[d["Kode"]] = d
    return out


def test_console_summary(imported):
    _, out = imported
    assert ("Tujuan 1, Sasaran 1, Program 5, Kegiatan 11, Sub Kegiatan 26, Indikator 45"
            in out)
    assert "baris 446: nomor Kegiatan 1 sudah dipakai" in out
    assert "kinerja-xl periksa" in out


def test_workbook_sheets_rows_and_macros(imported):
    path, _ = imported
    wb = openpyxl.load_workbook(path)
    for name in ("Pengaturan", "Pejabat", "Tujuan", "Sasaran", "Program", "Kegiatan",
                 "Sub Kegiatan", SHEET):
        assert name in wb.sheetnames
    sub = wb["Sub Kegiatan"]
    # 26 sub kegiatan, 27 indicator rows (the Barang Cetak node has two), from row 3
    codes = [sub.cell(r, 1).value for r in range(3, sub.max_row + 1) if sub.cell(r, 1).value]
    assert len(codes) == 27 and len(set(codes)) == 26
    with zipfile.ZipFile(path) as z:
        assert "xl/vbaProject.bin" in z.namelist()  # built on the macro template


def test_inferred_links_are_marked_in_status_and_keterangan(imported):
    path, _ = imported
    rows = rows_by_code(openpyxl.load_workbook(path)["Sub Kegiatan"])
    cetak = rows["P1.K3.S5"]
    assert cetak["Kode Induk"] == "P1.K3"
    assert cetak["Uraian"] == "Penyediaan Barang Cetak dan Penggandaan"
    assert NOTE_NOMENKLATUR in cetak["Status"]
    assert NOTE_NOMENKLATUR in cetak["Keterangan"]
    assert cetak["Teks Asli Tipe"] == "Non Kumulatif"
    assert rows["P2.K1.S1"]["Status"] is None  # the only kegiatan of its program: certain


def test_laporan_impor_lists_every_report_entry(imported):
    path, _ = imported
    ws = openpyxl.load_workbook(path)[SHEET]
    assert [c.value for c in ws[5]] == ["No", "Baris", "Jenis", "Keterangan"]
    table = [r for r in ws.iter_rows(min_row=6, values_only=True) if r[0] is not None]
    result = parse_bytes(SEED.read_bytes())
    assert len(table) == len(result.report)
    listed: set[int] = set()
    for _, lines, _, _ in table:
        if lines != "-":
            listed.update(int(n) for n in str(lines).split(", "))
    # the 135 blank lines are all written out (not shortened as on the console)
    blank = next(r for r in table if str(r[3]).endswith("baris kosong"))
    assert len(str(blank[1]).split(", ")) == 135
    assert {243, 276, 446} <= listed
    # the sheet alone (with the lines the plan uses) accounts for all 550 lines
    assert listed | result.used == set(range(1, 551))


def test_imported_workbook_passes_periksa(imported, tmp_path):
    path, _ = imported
    copy = tmp_path / "salinan.xlsm"
    copy.write_bytes(path.read_bytes())
    comp = check_file(copy)
    errors = [f for f in comp.findings if f.severity is Severity.ERROR]
    assert errors == []
    # the export names no officials: one warning per node without Penanggung Jawab
    assert sum(f.column == "Penanggung Jawab" for f in comp.findings) == 44


def test_xlsx_output_has_no_macros(tmp_path, capsys):
    out = tmp_path / "kebasen.xlsx"
    assert main(["impor", str(SEED), "-o", str(out)]) == 0
    with zipfile.ZipFile(out) as z:
        assert "xl/vbaProject.bin" not in z.namelist()
    assert "workbook tanpa makro" in capsys.readouterr().out
