"""Buat PK on files and through the CLI: replaces PK sheets, touches nothing else."""

from __future__ import annotations

import pytest
from pk_support import sheet_text
from sample import sample_plan

from kinerja_xl.cli import main
from kinerja_xl.core.contract import LAPORAN_VALIDASI, LEVEL_SHEETS, PEJABAT, PENGATURAN, Level
from kinerja_xl.core.findings import WorkbookError
from kinerja_xl.pk import make_pk_file
from kinerja_xl.xlsx.fill import write_plan
from kinerja_xl.xlsx.load import open_workbook
from kinerja_xl.xlsx.save import save_workbook

INPUT_SHEETS = (PENGATURAN, PEJABAT, *LEVEL_SHEETS)


def snapshot(path, names):
    wb = open_workbook(path)
    return {n: list(wb[n].iter_rows(values_only=True)) for n in names if n in wb.sheetnames}


def test_creates_pk_sheets_and_keeps_input(sample_xlsx):
    before = snapshot(sample_xlsx, INPUT_SHEETS)
    result = make_pk_file(sample_xlsx)
    assert result.sheets == ["PK CAMAT", "PK SEKCAM", "PK KASUBBAG-PK"]
    assert result.removed == [] and result.pdfs == []
    wb = open_workbook(sample_xlsx)
    assert [n for n in wb.sheetnames if n.startswith("PK ")] == result.sheets
    assert LAPORAN_VALIDASI in wb.sheetnames
    assert snapshot(sample_xlsx, INPUT_SHEETS) == before
    ws = wb["PK SEKCAM"]
    body = sheet_text(ws)
    for text in ("PERJANJIAN KINERJA TAHUN 2025", "Nama Sekcam", "Plt. Sekretaris Kecamatan",
                 "Nama Camat", "Nilai SAKIP", "80 – 90", "Contoh, 6 Januari 2025"):
        assert text in body
    # Print setup reached the file.
    assert ws.page_setup.paperSize == 9 and ws.page_setup.orientation == "portrait"
    assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.fitToWidth == 1
    assert ws.print_area and len(ws.row_breaks.brk) == 1
    assert ws.print_title_rows
    # Amounts are numbers shown as rupiah.
    amounts = [c for row in ws.iter_rows() for c in row if isinstance(c.value, (int, float))
               and c.number_format.startswith('"Rp "')]
    assert 150_000_000 + 20_000_000 in [c.value for c in amounts]


def test_regenerating_is_stable_and_keeps_positions(sample_xlsx):
    make_pk_file(sample_xlsx)
    wb = open_workbook(sample_xlsx)
    wb.create_sheet("Catatan saya")  # a user's sheet after the PKs
    wb["PK CAMAT"]["H1"] = "coretan"  # stray edit in a generated sheet: replaced
    save_workbook(wb, sample_xlsx)
    order = open_workbook(sample_xlsx).sheetnames
    first = snapshot(sample_xlsx, ["PK SEKCAM"])
    make_pk_file(sample_xlsx)
    wb = open_workbook(sample_xlsx)
    assert wb.sheetnames == order
    assert wb["PK CAMAT"]["H1"].value is None
    assert snapshot(sample_xlsx, ["PK SEKCAM"]) == first


def test_stale_pk_sheets_are_removed_but_user_sheets_kept(tmp_path, capsys):
    plan = sample_plan()
    path = tmp_path / "k.xlsx"
    save_workbook(write_plan(plan), path)
    make_pk_file(path)
    wb = open_workbook(path)
    wb.create_sheet("PK catatan")["A1"] = "catatan pribadi, bukan PK"
    save_workbook(wb, path)
    # SEKCAM hands both Programs to the Camat: no node left, so no PK.
    for code in ("P1", "P2"):
        plan.find(Level.PROGRAM, code).pic = "CAMAT"
    fresh = write_plan(plan)
    wb = open_workbook(path)
    for level in Level:  # only the level sheets change
        src, dst = fresh[level.sheet], wb[level.sheet]
        for row in src.iter_rows():
            for c in row:
                dst.cell(c.row, c.column, c.value)
    save_workbook(wb, path)
    assert main(["pk", str(path)]) == 0
    out = capsys.readouterr().out
    assert "PK dibuat (2): PK CAMAT, PK KASUBBAG-PK" in out
    assert "Sheet PK lama dihapus (pejabatnya tidak lagi menjadi Penanggung Jawab): PK SEKCAM" \
        in out
    names = open_workbook(path).sheetnames
    assert "PK SEKCAM" not in names and "PK catatan" in names


def test_only_given_ids_are_rewritten(sample_xlsx):
    make_pk_file(sample_xlsx)
    wb = open_workbook(sample_xlsx)
    wb["PK CAMAT"]["H1"] = "tetap"
    wb["PK SEKCAM"]["H1"] = "hilang"
    save_workbook(wb, sample_xlsx)
    result = make_pk_file(sample_xlsx, ["SEKCAM"])
    assert result.sheets == ["PK SEKCAM"] and result.removed == []
    wb = open_workbook(sample_xlsx)
    assert wb["PK CAMAT"]["H1"].value == "tetap"
    assert wb["PK SEKCAM"]["H1"].value is None


def test_unknown_id_changes_nothing(sample_xlsx):
    before = sample_xlsx.read_bytes()
    with pytest.raises(WorkbookError, match="ID pejabat tidak ada"):
        make_pk_file(sample_xlsx, ["TIDAK-ADA"])
    assert sample_xlsx.read_bytes() == before


def test_xlsm_works(sample_xlsm):
    result = make_pk_file(sample_xlsm)
    assert "PK CAMAT" in open_workbook(sample_xlsm).sheetnames
    assert not result.has_errors


def test_cli(sample_xlsx, capsys):
    assert main(["pk", str(sample_xlsx)]) == 0
    out = capsys.readouterr().out
    assert "PK dibuat (3): PK CAMAT, PK SEKCAM, PK KASUBBAG-PK" in out
    assert "0 kesalahan, 0 peringatan" in out
    assert main(["pk", str(sample_xlsx), "--pejabat", "CAMAT", "SEKCAM"]) == 0
    assert "PK dibuat (2): PK CAMAT, PK SEKCAM" in capsys.readouterr().out
    assert main(["pk", str(sample_xlsx), "--pejabat", "ENTAH"]) == 2
    assert "ID pejabat tidak ada di sheet Pejabat: ENTAH" in capsys.readouterr().err


def test_cli_prints_pk_findings(tmp_path, capsys):
    plan = sample_plan()
    plan.officials["SEKCAM"].atasan = ""
    path = tmp_path / "k.xlsx"
    save_workbook(write_plan(plan), path)
    assert main(["pk", str(path)]) == 0  # a warning only: the PK is made
    out = capsys.readouterr().out
    assert "[Peringatan] Sheet Pejabat, baris 5, kolom Atasan (F)" in out
    assert "[Atasan belum diisi di sheet Pejabat]" in out
