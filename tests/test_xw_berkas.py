"""The Impor and Gabung Unit ribbon buttons on a real xlwings Book (remote engine, no Excel):
they run the CLI's file jobs on the picked files, write a new file beside them (never over
one), leave the open workbook and the picked files alone, and speak Indonesian. The Open dialog
itself (the template's `KinerjaPilihFile`) needs Excel: docs/checklist_excel.md §7b."""

from __future__ import annotations

import shutil
from pathlib import Path

import openpyxl
import pytest
import xlwings as xw
from gabung_support import digests, kabupaten_file, unit_file
from xw_support import actions, alerts, install_api_tripwire, payload, remote_book

from kinerja_xl.impor.report import SHEET as IMPOR_SHEET
from kinerja_xl.xw import handlers_berkas

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "kinerja_xl" / "examples" / "cascading_kebasen_2023.txt"
EXAMPLE = ROOT / "examples" / "kenohan_2025.xlsm"
ENGLISH = ("Traceback", "Error", "error", "Exception", "failed")


def one_alert(book: xw.Book) -> str:
    [text] = alerts(book)
    assert not any(word in text for word in ENGLISH), text
    return text


def open_book() -> xw.Book:
    return remote_book(payload(EXAMPLE))


def test_impor_writes_a_new_workbook_beside_the_source(tmp_path: Path) -> None:
    src = tmp_path / "cascading kebasen.txt"
    shutil.copy(SEED, src)
    before = src.read_bytes()
    book = open_book()
    out = handlers_berkas.run_impor(book, [src])
    assert out == tmp_path / "cascading kebasen.xlsm"
    assert src.read_bytes() == before
    assert not [a for a in actions(book) if a["func"] in ("setValues", "addSheet")]
    wb = openpyxl.load_workbook(out)
    assert IMPOR_SHEET in wb.sheetnames and "Sub Kegiatan" in wb.sheetnames
    text = one_alert(book)
    assert str(out) in text and "Workbook ini tidak diubah" in text
    # a second click never overwrites: the next free name
    again = open_book()
    assert handlers_berkas.run_impor(again, [src]) == tmp_path / "cascading kebasen (2).xlsm"


def test_impor_cancelled_does_nothing(tmp_path: Path) -> None:
    book = open_book()
    assert handlers_berkas.run_impor(book, []) is None
    assert alerts(book) == [] and list(tmp_path.iterdir()) == []


def test_impor_of_an_unreadable_file_is_an_indonesian_alert(tmp_path: Path) -> None:
    src = tmp_path / "kosong.csv"
    src.write_bytes(b"")
    book = open_book()
    assert handlers_berkas.run_impor(book, [src]) is None
    text = one_alert(book)
    assert "kosong" in text.lower()
    assert not (tmp_path / "kosong.xlsm").exists()


def test_gabung_writes_a_rekap_beside_the_units_and_links_the_kabupaten(tmp_path: Path) -> None:
    units = [unit_file(tmp_path / "a.xlsx", "Kecamatan A", "S-KAB.1"),
             unit_file(tmp_path / "b.xlsx", "Kecamatan B", "S-KAB.9")]
    kab = kabupaten_file(tmp_path / "kab.xlsx")
    before = digests(tmp_path)
    book = open_book()
    out = handlers_berkas.run_gabung(book, units, kabupaten=kab)
    assert out == tmp_path / "Rekap Gabungan.xlsx"
    after = digests(tmp_path)
    after.pop(out.name)
    assert after == before
    wb = openpyxl.load_workbook(out, read_only=True)
    assert "Laporan Gabung" in wb.sheetnames and "Tautan Kabupaten" in wb.sheetnames
    text = one_alert(book)
    assert str(out) in text and "2 dibaca" in text and "Tautan Kabupaten" in text
    again = open_book()
    assert handlers_berkas.run_gabung(again, units) == tmp_path / "Rekap Gabungan (2).xlsx"
    assert "Tautan Kabupaten" not in one_alert(again)


def test_gabung_of_nothing_readable_is_an_indonesian_alert(tmp_path: Path) -> None:
    bad = tmp_path / "bukan.xlsx"
    bad.write_text("bukan workbook")
    book = open_book()
    assert handlers_berkas.run_gabung(book, [bad]) is None
    assert "Tidak ada workbook unit" in one_alert(book)
    assert not (tmp_path / "Rekap Gabungan.xlsx").exists()


@pytest.mark.parametrize("name", ["impor", "gabung"])
def test_the_buttons_need_desktop_excel(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """On xlwings Server/Lite there is no file system beside the workbook (and no Open dialog):
    an Indonesian alert, nothing picked, no call through `.api`."""
    install_api_tripwire(monkeypatch)
    book = open_book()
    book.set_mock_caller()
    try:
        getattr(handlers_berkas, name)()
    finally:
        del xw.Book._mock_caller
    assert "Excel desktop" in one_alert(book)


def test_pick_files_calls_the_templates_dialog_function() -> None:
    """`pick_files` runs the template's VBA function `KinerjaPilihFile(judul, banyak)` (which
    the template's module defines with that signature); nothing returned (cancelled; the remote
    engine returns nothing) is no file."""
    book = open_book()
    assert handlers_berkas.pick_files(book, "Pilih workbook", many=True) == []
    [call] = [a for a in actions(book) if a["func"] == "runMacro"]
    assert call["args"][0].endswith("!" + handlers_berkas.PICK_MACRO)
    assert call["args"][1:] == ["Pilih workbook", True]
    vba = (ROOT / "kinerja_xl" / "vba_src" / "Kinerja.bas").read_text(encoding="utf-8")
    assert (f"Public Function {handlers_berkas.PICK_MACRO}(ByVal judul As String, "
            "ByVal banyak As Boolean) As String") in vba


def test_free_path_never_names_a_file_that_exists(tmp_path: Path) -> None:
    target = tmp_path / "Rekap Gabungan.xlsx"
    assert handlers_berkas.free_path(target) == target
    target.write_text("")
    (tmp_path / "Rekap Gabungan (2).xlsx").write_text("")
    assert handlers_berkas.free_path(target) == tmp_path / "Rekap Gabungan (3).xlsx"
