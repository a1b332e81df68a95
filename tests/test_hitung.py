"""`hitung` on the sample kecamatan: values by hand, live formulas, and what it must not touch."""

import shutil
import tempfile
from pathlib import Path

import openpyxl
import pytest
from conftest import needs_lo
from lo import convert
from sample import EXPECTED, EXPECTED_SERAPAN

from kinerja_xl.api import compute_file
from kinerja_xl.cli import main
from kinerja_xl.core.contract import LEVEL_SHEETS, H, norm_header


def table(ws, header_row=2):
    headers = {norm_header(c.value): c.column for c in ws[header_row] if c.value}
    return headers


def rows_by_indicator(path: Path, data_only: bool):
    wb = openpyxl.load_workbook(path, data_only=data_only)
    out = {}
    for name in LEVEL_SHEETS:
        ws = wb[name]
        h = table(ws)
        for r in range(3, ws.max_row + 1):
            ind = ws.cell(r, h["indikator"]).value
            if ind:
                out[(name, ind)] = {k: ws.cell(r, c).value for k, c in h.items()}
    return out


def test_values_match_hand_computation(sample_xlsx: Path) -> None:
    comp = compute_file(sample_xlsx)
    assert comp.periode == 2
    got = {(r.sheet, r.indicator.name): (r.realisasi, r.capaian, r.predikat) for r in comp.rows}
    assert set(got) == set(EXPECTED)
    for key, (real, cap, pred) in EXPECTED.items():
        assert got[key][0] == real, key
        assert got[key][1] == (pytest.approx(cap) if cap is not None else None), key
        assert got[key][2] == pred, key
    serapan = {code: v for (_, code), v in comp.serapan.items() if v is not None}
    assert serapan == pytest.approx(EXPECTED_SERAPAN)


def test_cells_hold_formulas_with_cached_values(sample_xlsx: Path) -> None:
    compute_file(sample_xlsx)
    formulas = rows_by_indicator(sample_xlsx, data_only=False)
    cached = rows_by_indicator(sample_xlsx, data_only=True)
    plain = formulas[("Sasaran", "Persentase layanan tepat waktu")]
    assert str(plain["capaian (%)"]).startswith("=")
    assert str(plain["realisasi"]).startswith("=")
    assert str(plain["predikat"]).startswith("=")
    assert cached[("Sasaran", "Persentase layanan tepat waktu")]["capaian (%)"] == \
        pytest.approx(88 / 90 * 100)
    # A range target and a text target are computed by Python and say so: their cells hold
    # a guard (Python's value while the row is unchanged, else "jalankan Hitung")
    ranged = formulas[("Program", "Nilai SAKIP")]
    assert ranged["capaian (%)"].startswith("=IF(AND(")
    assert ranged["capaian (%)"].endswith(',100,"jalankan Hitung")')
    assert cached[("Program", "Nilai SAKIP")]["capaian (%)"] == 100
    assert "Python" in ranged["status"]
    text = formulas[("Kegiatan", "Persentase koordinasi")]
    assert cached[("Kegiatan", "Persentase koordinasi")]["capaian (%)"] == \
        pytest.approx(80 / 85 * 100)
    assert "Python" in text["status"]
    none_yet = cached[("Sub Kegiatan", "Jumlah laporan evaluasi")]
    assert none_yet["capaian (%)"] in (None, "") and "belum ada realisasi" in none_yet["status"]


def test_uraian_induk_shows_the_link(sample_xlsx: Path) -> None:
    compute_file(sample_xlsx)
    cached = rows_by_indicator(sample_xlsx, data_only=True)
    assert cached[("Program", "Nilai SAKIP")]["uraian induk"] == "Meningkatnya kualitas layanan"
    # second indicator row of SK3 (Kode Induk left blank there) still shows the parent
    assert cached[("Sub Kegiatan", "Rata-rata kehadiran unsur")]["uraian induk"] == \
        "Koordinasi Ketenteraman"


def test_periode_option_is_saved_and_used(sample_xlsx: Path) -> None:
    assert main(["hitung", str(sample_xlsx), "--periode", "TW1"]) == 0
    wb = openpyxl.load_workbook(sample_xlsx, data_only=True)
    settings = {r[0]: r[1] for r in wb["Pengaturan"].iter_rows(values_only=True)}
    assert settings["Periode"] == "TW1" and settings["Periode Dihitung"] == 1
    cached = rows_by_indicator(sample_xlsx, data_only=True)
    # Kumulatif negatif at TW1: R = 1, T = 2 -> (4 - 1) / 2 * 100 = 150
    assert cached[("Sasaran", "Persentase keluhan")]["capaian (%)"] == pytest.approx(150.0)


def test_user_cells_columns_vba_and_validation_survive(sample_xlsm: Path) -> None:
    wb = openpyxl.load_workbook(sample_xlsm, keep_vba=True)
    ws = wb["Kegiatan"]
    ws.cell(2, 40, "Catatan Saya")
    ws.cell(3, 40, "jangan dihapus")
    ws.column_dimensions["B"].width = 33
    wb.save(sample_xlsm)
    validations = len(wb["Kegiatan"].data_validations.dataValidation)
    compute_file(sample_xlsm)
    compute_file(sample_xlsm)  # twice: regeneration is stable
    wb = openpyxl.load_workbook(sample_xlsm, keep_vba=True)
    ws = wb["Kegiatan"]
    assert ws.cell(2, 40).value == "Catatan Saya" and ws.cell(3, 40).value == "jangan dihapus"
    assert ws.column_dimensions["B"].width == 33
    assert len(ws.data_validations.dataValidation) == validations
    headers = [c.value for c in ws[2] if c.value]
    assert headers.count(H.CAPAIAN) == 1 and headers.count(H.STATUS) == 1
    assert wb.sheetnames.count("Laporan Validasi") == 1


def test_missing_computed_columns_are_added_right_of_user_data(sample_xlsx: Path) -> None:
    wb = openpyxl.load_workbook(sample_xlsx)
    ws = wb["Tujuan"]
    status_col = next(c.column for c in ws[2] if c.value == H.STATUS)
    ws.delete_cols(status_col)
    last = ws.max_column + 3  # right of the optional columns that `baru` adds after Status
    ws.cell(3, last, "data pengguna tanpa judul")
    wb.save(sample_xlsx)
    compute_file(sample_xlsx)
    ws = openpyxl.load_workbook(sample_xlsx)["Tujuan"]
    assert ws.cell(3, last).value == "data pengguna tanpa judul"
    assert ws.cell(2, last + 1).value == H.STATUS


def test_reordered_columns_and_title_rows(tmp_path: Path, sample_xlsx: Path) -> None:
    wb = openpyxl.load_workbook(sample_xlsx)
    ws = wb["Sasaran"]
    ws.insert_rows(1, 2)  # two more title rows above the header
    ws.move_range("G3:G10", cols=40)  # Indikator column moved far right
    wb.save(sample_xlsx)
    comp = compute_file(sample_xlsx)
    got = {(r.sheet, r.indicator.name): r.capaian for r in comp.rows}
    assert got[("Sasaran", "Persentase layanan tepat waktu")] == pytest.approx(88 / 90 * 100)


def test_other_commands_keep_cached_formula_results(sample_xlsx: Path) -> None:
    """periksa re-saves through openpyxl, which drops formula results; we carry them over so
    readers that do not recalculate (pandas, openpyxl data_only) still see the capaian."""
    compute_file(sample_xlsx)
    before = rows_by_indicator(sample_xlsx, data_only=True)
    assert main(["periksa", str(sample_xlsx)]) == 0
    after = rows_by_indicator(sample_xlsx, data_only=True)
    key = ("Kegiatan", "Jumlah dokumen")
    assert before[key]["capaian (%)"] == 50.0
    assert after[key]["capaian (%)"] == 50.0
    assert after[key]["predikat"] == "Sangat Rendah"


@needs_lo
def test_user_formulas_in_input_cells_are_read_and_kept(sample_xlsx: Path) -> None:
    """A Target typed as a formula is read through its cached value, and that value survives
    our save (pandas-style readers still see it)."""
    compute_file(sample_xlsx)
    wb = openpyxl.load_workbook(sample_xlsx)
    ws = wb["Kegiatan"]
    h = table(ws)
    ws.cell(3, h["target"]).value = "=6*2"  # Jumlah dokumen: target 12, as a formula
    wb.save(sample_xlsx)
    with tempfile.TemporaryDirectory() as d:  # LibreOffice plays Excel: formula + its result
        shutil.copy(convert(sample_xlsx, Path(d)), sample_xlsx)
    comp = compute_file(sample_xlsx)
    got = {(r.sheet, r.indicator.name): r.capaian for r in comp.rows}
    assert got[("Kegiatan", "Jumlah dokumen")] == pytest.approx(50.0)
    main(["periksa", str(sample_xlsx)])
    values = openpyxl.load_workbook(sample_xlsx, data_only=True)["Kegiatan"]
    formulas = openpyxl.load_workbook(sample_xlsx)["Kegiatan"]
    assert formulas.cell(3, h["target"]).value == "=6*2"
    assert values.cell(3, h["target"]).value == 12


def _trimmed(rows: list[tuple]) -> list[tuple]:
    """Rows without trailing empty cells, without trailing empty rows."""
    out = []
    for row in rows:
        row = tuple(row)
        while row and row[-1] is None:
            row = row[:-1]
        out.append(row)
    while out and not out[-1]:
        out.pop()
    return out


def test_raw_grids_equal_openpyxl_iter_rows(sample_xlsx: Path) -> None:
    """Our one-pass grid reader gives what openpyxl's public iter_rows gives, each row only
    as long as its last value (a stray far cell must not cost a rectangle)."""
    from kinerja_xl.xlsx.load import raw_grids

    compute_file(sample_xlsx)
    wb = openpyxl.load_workbook(sample_xlsx)
    wb["Tujuan"].merge_cells("A1:C1")
    wb.create_sheet("kosong")
    wb["Program"].cell(40, 60, "jauh di kanan bawah")
    wb["Program"].cell(45, 3).number_format = "0.00"  # a styled empty cell holds no data
    expected = {ws.title: _trimmed(list(ws.iter_rows(values_only=True)))
                for ws in wb.worksheets}
    got = raw_grids(wb)
    assert got == expected
    assert len(got["Program"]) == 40 and len(got["Program"][39]) == 60
