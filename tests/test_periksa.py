"""`periksa`: every finding names sheet, row and column, in Indonesian; errors exit 1."""

from pathlib import Path

import openpyxl
import pytest

from kinerja_xl.api import check_file, compute_file
from kinerja_xl.cli import main
from kinerja_xl.core.contract import H, P
from kinerja_xl.core.findings import Severity


def col(ws, header, row=2):
    return next(c.column for c in ws[row] if c.value == header)


def edit(path: Path, sheet: str, row: int, header: str, value, header_row: int = 2) -> None:
    wb = openpyxl.load_workbook(path)
    ws = wb[sheet]
    ws.cell(row, col(ws, header, header_row)).value = value  # cell(r, c, None) would not clear
    wb.save(path)


def findings(path: Path, severity=Severity.ERROR):
    return [f for f in check_file(path).findings if f.severity is severity]


def one(path: Path, sheet: str, row: int, column: str, words: str, severity=Severity.ERROR):
    got = [f for f in findings(path, severity) if f.sheet == sheet and f.row == row
           and f.column == column]
    assert got, [str(f) for f in findings(path, severity)]
    assert words in got[0].message, got[0].message
    return got[0]


def test_sample_is_clean_and_exits_zero(sample_xlsx: Path, capsys) -> None:
    assert main(["periksa", str(sample_xlsx)]) == 0
    assert "0 kesalahan" in capsys.readouterr().out
    wb = openpyxl.load_workbook(sample_xlsx)
    assert "Laporan Validasi" in wb.sheetnames
    ws = wb["Sasaran"]
    assert ws.cell(3, col(ws, H.STATUS)).value == "OK"


def test_kode_induk_missing_and_not_on_level_above(sample_xlsx: Path) -> None:
    edit(sample_xlsx, "Program", 3, H.KODE_INDUK, "T1")  # a Tujuan code, two levels up
    f = one(sample_xlsx, "Program", 3, H.KODE_INDUK, "tidak ditemukan di sheet Sasaran")
    assert "Tujuan" in f.message and f.letter == "B"
    edit(sample_xlsx, "Program", 3, H.KODE_INDUK, None)
    one(sample_xlsx, "Program", 3, H.KODE_INDUK, "Kode Induk kosong")


def test_tujuan_with_parent(sample_xlsx: Path) -> None:
    wb = openpyxl.load_workbook(sample_xlsx)
    ws = wb["Tujuan"]
    ws.cell(2, 30, H.KODE_INDUK)
    ws.cell(3, 30, "X")
    wb.save(sample_xlsx)
    one(sample_xlsx, "Tujuan", 3, H.KODE_INDUK, "tidak boleh punya Kode Induk")


def test_duplicate_kode_not_consecutive_and_conflicting_fields(sample_xlsx: Path) -> None:
    edit(sample_xlsx, "Sub Kegiatan", 5, H.KODE, "SK1")  # SK3 renamed to SK1, two rows apart
    one(sample_xlsx, "Sub Kegiatan", 5, H.KODE, "sudah dipakai di baris 3")
    edit(sample_xlsx, "Sub Kegiatan", 5, H.KODE, "SK3")
    edit(sample_xlsx, "Sub Kegiatan", 6, H.URAIAN, "Uraian lain")  # continuation row of SK3
    one(sample_xlsx, "Sub Kegiatan", 6, H.URAIAN, "bertentangan")


def test_unknown_penanggung_jawab(sample_xlsx: Path) -> None:
    edit(sample_xlsx, "Kegiatan", 3, H.PJ, "KASI-X")
    one(sample_xlsx, "Kegiatan", 3, H.PJ, "tidak ada di kolom ID sheet Pejabat")


def test_atasan_not_found_and_cycle(sample_xlsx: Path) -> None:
    wb = openpyxl.load_workbook(sample_xlsx)
    ws = wb["Pejabat"]
    rows = {ws.cell(r, 1).value: r for r in range(3, ws.max_row + 1)}
    ws.cell(rows["KASUBBAG-PK"], col(ws, P.ATASAN), "ENTAH")
    ws.cell(rows["CAMAT"], col(ws, P.ATASAN), "SEKCAM")  # CAMAT -> SEKCAM -> CAMAT
    wb.save(sample_xlsx)
    one(sample_xlsx, "Pejabat", rows["KASUBBAG-PK"], P.ATASAN, "tidak ada di kolom ID")
    f = one(sample_xlsx, "Pejabat", rows["CAMAT"], P.ATASAN, "berputar")
    assert "CAMAT" in f.message and "SEKCAM" in f.message


@pytest.mark.parametrize(("header", "value", "words"), [
    (H.POLARITAS, "Naik", "Polaritas 'Naik' tidak dikenal"),
    (H.TIPE, "Tahunan", "tidak dikenal"),
    (H.TARGET, "delapan puluh", "bukan angka"),
    (H.REAL_TW[0], "12 + 3", "bukan angka"),
    (H.REAL_TW[1], "10-20", "rentang"),
])
def test_vocabulary_and_numbers(sample_xlsx: Path, header, value, words) -> None:
    edit(sample_xlsx, "Kegiatan", 3, header, value)
    f = one(sample_xlsx, "Kegiatan", 3, header, words)
    assert f.letter  # the column letter is named too


def test_typo_in_tipe_is_a_warning_that_says_how_it_was_read(sample_xlsx: Path) -> None:
    edit(sample_xlsx, "Kegiatan", 3, H.TIPE, "Komulatif")
    one(sample_xlsx, "Kegiatan", 3, H.TIPE, "dibaca sebagai Kumulatif", Severity.WARNING)


def test_node_without_indicator(sample_xlsx: Path) -> None:
    wb = openpyxl.load_workbook(sample_xlsx)
    ws = wb["Program"]
    ws.cell(5, 1, "P3")
    ws.cell(5, col(ws, H.KODE_INDUK), "S1")
    ws.cell(5, col(ws, H.URAIAN), "Program tanpa indikator")
    wb.save(sample_xlsx)
    one(sample_xlsx, "Program", 5, H.INDIKATOR, "tidak punya indikator")


def test_budget_differs_from_children(sample_xlsx: Path, capsys) -> None:
    edit(sample_xlsx, "Kegiatan", 3, H.ANGGARAN, 140_000_000)  # children: 100 + 50 million
    f = one(sample_xlsx, "Kegiatan", 3, H.ANGGARAN, "150.000.000")
    assert "140.000.000" in f.message
    assert main(["periksa", str(sample_xlsx)]) == 1
    out = capsys.readouterr().out
    assert "Sheet Kegiatan, baris 3, kolom Anggaran" in out


def test_report_sheet_is_replaced_and_status_written(sample_xlsx: Path) -> None:
    edit(sample_xlsx, "Kegiatan", 3, H.PJ, "KASI-X")
    check_file(sample_xlsx)
    check_file(sample_xlsx)
    wb = openpyxl.load_workbook(sample_xlsx)
    assert wb.sheetnames.count("Laporan Validasi") == 1
    report = [r for r in wb["Laporan Validasi"].iter_rows(min_row=5, values_only=True) if r[0]]
    assert any(r[2] == "Kegiatan" and r[3] == 3 and "KASI-X" in r[5] for r in report)
    ws = wb["Kegiatan"]
    assert "Kesalahan" in ws.cell(3, col(ws, H.STATUS)).value


def test_warnings_alone_exit_zero(sample_xlsx: Path) -> None:
    edit(sample_xlsx, "Kegiatan", 3, H.POLARITAS, None)
    assert findings(sample_xlsx, Severity.WARNING)
    assert main(["periksa", str(sample_xlsx)]) == 0


def _drift(path: Path):
    return [f for f in check_file(path).findings
            if f.severity is Severity.WARNING and "bukan rumus kinerja_xl" in f.message]


def test_formula_drift_is_a_warning_naming_the_cell(sample_xlsx: Path) -> None:
    compute_file(sample_xlsx)
    assert _drift(sample_xlsx) == []  # our formulas and guards, right after Hitung
    wb = openpyxl.load_workbook(sample_xlsx)
    ws = wb["Kegiatan"]
    cap = col(ws, H.CAPAIAN, 2)
    pred = col(ws, H.PREDIKAT, 2)
    ws.cell(3, cap).value = 97.5  # typed over the formula
    ws.cell(4, pred).value = '=IF(1>0,"Tinggi","")'  # another formula
    ws["A1"] = "=1+1"  # a user formula outside the table is the user's business
    wb.save(sample_xlsx)
    got = {(f.sheet, f.row, f.column): f.message for f in _drift(sample_xlsx)}
    from openpyxl.utils import get_column_letter as letter
    assert set(got) == {("Kegiatan", 3, H.CAPAIAN), ("Kegiatan", 4, H.PREDIKAT)}
    assert f"sel {letter(cap)}3" in got[("Kegiatan", 3, H.CAPAIAN)]
    assert "nilai yang diketik" in got[("Kegiatan", 3, H.CAPAIAN)]
    assert "rumus lain" in got[("Kegiatan", 4, H.PREDIKAT)]
    compute_file(sample_xlsx)  # Hitung restores them
    assert _drift(sample_xlsx) == []


def test_a_copied_row_and_user_formulas_in_inputs_are_not_drift(sample_xlsx: Path) -> None:
    from openpyxl.formula.translate import Translator

    compute_file(sample_xlsx)
    wb = openpyxl.load_workbook(sample_xlsx)
    ws = wb["Sub Kegiatan"]
    last = ws.max_row
    for c in range(1, ws.max_column + 1):
        a = ws.cell(last, c)
        value = a.value
        if isinstance(value, str) and value.startswith("="):
            value = Translator(value, origin=a.coordinate).translate_formula(
                ws.cell(last + 1, c).coordinate)
        ws.cell(last + 1, c).value = value
    ws.cell(last + 1, col(ws, H.INDIKATOR, 2)).value = "Salinan"
    ws.cell(last, col(ws, H.REAL_TW[0], 2)).value = "=40+50"  # the user's own formula
    wb.save(sample_xlsx)
    assert _drift(sample_xlsx) == []
