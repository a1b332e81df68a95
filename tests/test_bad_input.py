"""Broken workbooks: a clear Indonesian error naming the problem, and the file left untouched."""

import hashlib
import io
import zipfile
from pathlib import Path

import openpyxl
import pytest

from kinerja_xl.api import check_file, compute_file
from kinerja_xl.cli import main
from kinerja_xl.core.contract import H
from kinerja_xl.core.findings import Severity, WorkbookError


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def refused(path: Path, capsys, *words: str) -> None:
    """Both commands exit 2 with the words in the message, and the file is byte-identical."""
    before = digest(path)
    for command in ("periksa", "hitung"):
        assert main([command, str(path)]) == 2
        err = capsys.readouterr().err
        assert err.startswith("Gagal: ")
        for w in words:
            assert w in err, err
        assert "Traceback" not in err
    assert digest(path) == before
    assert not list(path.parent.glob(f".{path.name}.*"))  # no temporary file left behind


def test_missing_sheet(sample_xlsx: Path, capsys) -> None:
    wb = openpyxl.load_workbook(sample_xlsx)
    del wb["Program"]
    wb.save(sample_xlsx)
    refused(sample_xlsx, capsys, "Sheet wajib tidak ditemukan", "Program")


def test_missing_required_header(sample_xlsx: Path, capsys) -> None:
    wb = openpyxl.load_workbook(sample_xlsx)
    ws = wb["Kegiatan"]
    next(c for c in ws[2] if c.value == H.TARGET).value = "Sasaran Angka"
    wb.save(sample_xlsx)
    refused(sample_xlsx, capsys, "sheet Kegiatan baris 2", "Target")


def test_no_header_row(sample_xlsx: Path, capsys) -> None:
    wb = openpyxl.load_workbook(sample_xlsx)
    wb["Tujuan"].cell(2, 1).value = "Nomor"
    wb.save(sample_xlsx)
    refused(sample_xlsx, capsys, "sheet Tujuan", "'Kode'")


def test_merged_header_cells_over_a_computed_column(sample_xlsx: Path, capsys) -> None:
    wb = openpyxl.load_workbook(sample_xlsx)
    ws = wb["Sasaran"]
    c = next(c for c in ws[2] if c.value == H.CAPAIAN).column
    ws.merge_cells(start_row=2, start_column=c, end_row=2, end_column=c + 1)
    wb.save(sample_xlsx)
    before = digest(sample_xlsx)
    assert main(["hitung", str(sample_xlsx)]) == 2
    err = capsys.readouterr().err
    assert "sel gabungan" in err and "Sasaran" in err and "Unmerge" in err
    assert digest(sample_xlsx) == before


def test_merged_header_cells_hiding_a_required_header(sample_xlsx: Path, capsys) -> None:
    wb = openpyxl.load_workbook(sample_xlsx)
    ws = wb["Program"]
    c = next(c for c in ws[2] if c.value == H.INDIKATOR).column
    ws.merge_cells(start_row=2, start_column=c - 1, end_row=2, end_column=c)
    wb.save(sample_xlsx)
    refused(sample_xlsx, capsys, "sheet Program", "Indikator")


def test_text_in_numbers_is_a_finding_not_a_crash(sample_xlsx: Path) -> None:
    wb = openpyxl.load_workbook(sample_xlsx)
    ws = wb["Sub Kegiatan"]
    for header, value in ((H.TARGET, "empat"), (H.ANGGARAN, "seratus juta")):
        ws.cell(3, next(c for c in ws[2] if c.value == header).column).value = value
    wb.save(sample_xlsx)
    comp = compute_file(sample_xlsx)
    errors = {(f.sheet, f.row, f.column) for f in comp.findings if f.severity is Severity.ERROR}
    assert ("Sub Kegiatan", 3, H.TARGET) in errors
    assert ("Sub Kegiatan", 3, H.ANGGARAN) in errors


def test_empty_rows_in_the_middle(sample_xlsx: Path) -> None:
    wb = openpyxl.load_workbook(sample_xlsx)
    ws = wb["Sub Kegiatan"]
    ws.insert_rows(4, 3)
    ws.insert_rows(10, 2)  # inside SK3 (between its two indicator rows)
    wb.save(sample_xlsx)
    comp = compute_file(sample_xlsx)
    assert not [f for f in comp.findings if f.severity is Severity.ERROR]
    names = [r.indicator.name for r in comp.rows if r.sheet == "Sub Kegiatan"]
    assert names == ["Jumlah dokumen perencanaan", "Jumlah laporan evaluasi",
                     "Jumlah rapat koordinasi", "Rata-rata kehadiran unsur"]
    assert comp.rows[-1].node.code == "SK3"


def test_huge_cells(sample_xlsx: Path) -> None:
    wb = openpyxl.load_workbook(sample_xlsx)
    ws = wb["Kegiatan"]
    for header in (H.URAIAN, H.INDIKATOR, H.TARGET, H.PJ):
        ws.cell(3, next(c for c in ws[2] if c.value == header).column).value = "x" * 10_000
    wb.save(sample_xlsx)
    comp = compute_file(sample_xlsx)
    for f in comp.findings:
        assert len(f.message) < 400, f.message  # messages quote a clipped value
    assert any(f.column == H.TARGET and f.severity is Severity.ERROR for f in comp.findings)


def test_not_an_excel_file(tmp_path: Path, capsys) -> None:
    path = tmp_path / "laporan.xlsm"
    path.write_text("Ini dokumen Word yang diganti namanya", encoding="utf-8")
    refused(path, capsys, "bukan workbook Excel")


def test_zip_that_is_not_a_workbook(tmp_path: Path, capsys) -> None:
    path = tmp_path / "arsip.xlsm"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("readme.txt", "bukan excel")
    refused(path, capsys, "bukan workbook Excel")


def test_corrupt_zip(sample_xlsx: Path, capsys) -> None:
    data = bytearray(sample_xlsx.read_bytes())
    data[len(data) // 2: len(data) // 2 + 200] = b"\x00" * 200
    sample_xlsx.write_bytes(bytes(data))
    refused(sample_xlsx, capsys, "rusak")


def test_truncated_file(sample_xlsx: Path, capsys) -> None:
    sample_xlsx.write_bytes(sample_xlsx.read_bytes()[:2000])
    refused(sample_xlsx, capsys, "bukan workbook Excel")


def test_password_protected(sample_xlsx: Path, capsys) -> None:
    ooxml = pytest.importorskip("msoffcrypto.format.ooxml")
    out = io.BytesIO()
    with sample_xlsx.open("rb") as src:
        ooxml.OOXMLFile(src).encrypt("rahasia", out)
    sample_xlsx.write_bytes(out.getvalue())
    refused(sample_xlsx, capsys, "kata sandi")


def test_missing_file_and_folder(tmp_path: Path, capsys) -> None:
    assert main(["periksa", str(tmp_path / "tidak-ada.xlsx")]) == 2
    assert "tidak ditemukan" in capsys.readouterr().err
    assert main(["hitung", str(tmp_path)]) == 2
    assert "folder" in capsys.readouterr().err


def test_api_raises_workbook_error(tmp_path: Path) -> None:
    path = tmp_path / "x.xlsx"
    path.write_bytes(b"PK\x03\x04 not really")
    with pytest.raises(WorkbookError):
        check_file(path)


def test_new_files_get_the_normal_mode(tmp_path: Path) -> None:
    """Atomic saves go through mkstemp (mode 0600); a new workbook must still be readable by
    colleagues like any file the user's programs create."""
    import os

    from kinerja_xl.api import new_workbook

    mask = os.umask(0o022)
    try:
        path = new_workbook(tmp_path / "baru.xlsx")
    finally:
        os.umask(mask)
    assert path.stat().st_mode & 0o777 == 0o644
