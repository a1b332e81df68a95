"""The quantity grammar inside a workbook: what Hitung / Periksa do with each form on a row
(Kegiatan row 3 of the sample: 'Jumlah dokumen', Kumulatif, Positif, Satuan dokumen)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest

from kinerja_xl.api import check_file, compute_file
from kinerja_xl.core.contract import PENGATURAN, H
from kinerja_xl.core.findings import Severity


def col(ws, header: str) -> int:
    return next(c.column for c in ws[2] if c.value == header)


def edit(path: Path, values: dict[str, object], sheet: str = "Kegiatan", row: int = 3) -> None:
    wb = openpyxl.load_workbook(path)
    ws = wb[sheet]
    for header, value in values.items():
        ws.cell(row, col(ws, header)).value = value
    wb.save(path)


def row_of(comp, sheet: str = "Kegiatan", row: int = 3):
    return next(r for r in comp.rows if (r.sheet, r.row) == (sheet, row))


def found(comp, severity: Severity, row: int = 3, sheet: str = "Kegiatan"):
    return [f for f in comp.findings if f.severity is severity and (f.sheet, f.row) ==
            (sheet, row)]


def test_unit_words_are_read_and_a_different_unit_is_a_warning(sample_xlsx: Path) -> None:
    edit(sample_xlsx, {H.TARGET: "12 Dokumen", H.REAL_TW[0]: "3 dok", H.REAL_TW[1]: "3 bulan"})
    comp = compute_file(sample_xlsx)
    res = row_of(comp)
    assert res.capaian == pytest.approx(50.0) and not found(comp, Severity.ERROR)
    warn = [f for f in found(comp, Severity.WARNING) if "satuan 'bulan'" in f.message]
    assert len(warn) == 1 and warn[0].column == H.REAL_TW[1] and warn[0].letter


@pytest.mark.parametrize(("target", "polaritas", "expected", "warns"), [
    ("≥ 12", None, "Positif", False), ("maksimal 12", None, "Negatif", False),
    ("paling sedikit 12 dokumen", "Negatif", "Negatif", True),
    ("< 12", "Positif", "Positif", True), ("minimal 12", "Positif", "Positif", False),
])
def test_a_bound_implies_polarity_when_blank(sample_xlsx: Path, target, polaritas, expected,
                                             warns) -> None:
    edit(sample_xlsx, {H.TARGET: target, H.POLARITAS: polaritas})
    comp = compute_file(sample_xlsx)
    res = row_of(comp)
    assert res.indicator.polarity.value == expected
    # R = 3 + 3 = 6 against 12: Positif 50 %, Negatif (2*12-6)/12 = 150 %
    assert res.capaian == pytest.approx(50.0 if expected == "Positif" else 150.0)
    contradiction = [f for f in found(comp, Severity.WARNING) if "bertentangan" in f.message]
    assert bool(contradiction) is warns
    assert not res.live  # only Python reads "≥ 12"


def test_grades_use_their_position_on_the_scale(sample_xlsx: Path) -> None:
    edit(sample_xlsx, {H.TARGET: "A", H.REAL_TW[0]: "B", H.REAL_TW[1]: "BB",
                       H.TIPE: "Non Kumulatif", H.SATUAN: "nilai"})
    comp = compute_file(sample_xlsx)
    res = row_of(comp)
    # SAKIP AA A BB B CC C D: scores 7..1; T = A = 6, R = last quarter = BB = 5
    assert res.realisasi == 5 and res.capaian == pytest.approx(5 / 6 * 100)
    assert "nilai huruf skala SAKIP" in res.note
    wb = openpyxl.load_workbook(sample_xlsx)
    assert "nilai huruf" in wb["Kegiatan"].cell(3, col(wb["Kegiatan"], H.STATUS)).value


def test_mixed_grade_and_number_is_an_error(sample_xlsx: Path) -> None:
    edit(sample_xlsx, {H.TARGET: "WTP", H.REAL_TW[0]: 3})
    comp = check_file(sample_xlsx)
    assert any("skala Opini BPK" in f.message for f in found(comp, Severity.ERROR))


def test_custom_scale_in_pengaturan(sample_xlsx: Path) -> None:
    wb = openpyxl.load_workbook(sample_xlsx)
    ws = wb[PENGATURAN]
    ws.append(["Skala Akreditasi", "Paripurna; Utama; Madya; Dasar"])
    wb.save(sample_xlsx)
    edit(sample_xlsx, {H.TARGET: "Paripurna", H.REAL_TW[0]: "Madya", H.REAL_TW[1]: None,
                       H.TIPE: "Non Kumulatif"})
    res = row_of(compute_file(sample_xlsx))
    assert res.capaian == pytest.approx(2 / 4 * 100)


@pytest.mark.parametrize("na", ["NA", "N/A", "-", "tidak ada"])
def test_no_target_is_a_status_not_an_error(sample_xlsx: Path, na: str) -> None:
    edit(sample_xlsx, {H.TARGET: na})
    comp = compute_file(sample_xlsx)
    assert not found(comp, Severity.ERROR)
    res = row_of(comp)
    assert res.capaian is None and "tidak ada target" in res.note


def test_no_realisation_words(sample_xlsx: Path) -> None:
    edit(sample_xlsx, {H.REAL_TW[0]: "belum ada", H.REAL_TW[1]: "NA"})
    comp = compute_file(sample_xlsx)
    assert not found(comp, Severity.ERROR) and row_of(comp).capaian is None


def test_ambiguous_comma_is_a_warning_naming_the_cell(sample_xlsx: Path) -> None:
    edit(sample_xlsx, {H.TARGET: "1,100"})
    comp = compute_file(sample_xlsx)
    warn = [f for f in found(comp, Severity.WARNING) if "koma desimal" in f.message]
    assert len(warn) == 1 and warn[0].column == H.TARGET and warn[0].letter
    assert row_of(comp).indicator.target.value == 1.1


def test_ambiguous_comma_with_money_satuan_reads_thousands(sample_xlsx: Path) -> None:
    edit(sample_xlsx, {H.TARGET: "9,154", H.SATUAN: "Rp juta", H.REAL_TW[0]: 4577,
                       H.REAL_TW[1]: None})
    comp = compute_file(sample_xlsx)
    warn = [f for f in found(comp, Severity.WARNING) if "pemisah ribuan" in f.message]
    assert len(warn) == 1
    assert row_of(comp).capaian == pytest.approx(50.0)


@pytest.mark.parametrize(("value", "words"), [(dt.datetime(2025, 3, 1), "berisi tanggal"),
                                              ("#N/A", "berisi galat #N/A dari rumus")])
def test_dates_and_error_values_in_number_cells(sample_xlsx: Path, value, words) -> None:
    edit(sample_xlsx, {H.REAL_TW[0]: value})
    errors = found(check_file(sample_xlsx), Severity.ERROR)
    assert any(words in f.message for f in errors), [f.message for f in errors]
    assert not any("datetime" in f.message for f in errors)
