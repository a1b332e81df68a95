"""The Rencana Aksi and LKjIP ribbon handlers on a real xlwings Book (remote engine, no Excel):
the sheets they draw equal what the file path writes, errors become Indonesian alerts."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
import xlwings as xw
from tahun_support import years_workbook
from xw_support import (
    Replay,
    actions,
    alerts,
    install_api_tripwire,
    mark_payload,
    payload,
    remote_book,
)

from kinerja_xl.tahun.files import read_grids
from kinerja_xl.tahun.lkjip import plan_lkjip
from kinerja_xl.tahun.rencana_aksi import plan_rencana_aksi
from kinerja_xl.xw import handlers_tahun

ENGLISH = ("Traceback", "Error", "error", "Exception", "failed")


@pytest.fixture
def workbook(tmp_path: Path) -> Path:
    return years_workbook(tmp_path / "kinerja.xlsx")


def one_alert(book: xw.Book) -> str:
    [text] = alerts(book)
    assert not any(word in text for word in ENGLISH), text
    return text


def spec_values(spec) -> dict[tuple[int, int], object]:
    return {(c.row, c.col): c.value for c in spec.cells if c.value not in (None, "")}


def test_lkjip_sheets_equal_the_file_path(workbook: Path) -> None:
    book = remote_book(workbook)
    names = handlers_tahun.run_lkjip(book)
    assert names == [f"LKjIP 3.{i}" for i in range(1, 7)]
    replay = Replay(workbook).run(actions(book))
    doc = plan_lkjip(read_grids(workbook))
    for table in doc.tables:
        cells = replay.sheet(f"LKjIP {table.number}").cells
        assert cells[(1, 1)] == table.title
        assert tuple(cells.get((3, c + 1)) for c in range(len(table.headers))) == table.headers
        for i, row in enumerate(table.rows):
            assert tuple(cells.get((4 + i, c + 1), "") for c in range(len(row))) == row
    assert replay.sheet("LKjIP 3.1").cells[(4, 7)] == "97,78"  # text, not a number
    text = one_alert(book)
    assert "LKjIP Bab III selesai: 6 sheet" in text and "kinerja-xl lkjip" in text


def test_rencana_aksi_sheets_and_stale_ones(workbook: Path) -> None:
    book = remote_book(workbook)
    names = handlers_tahun.run_rencana_aksi(book)
    assert names == ["RA CAMAT", "RA SEKCAM", "RA KASUBBAG-PK"]
    replay = Replay(workbook).run(actions(book))
    build = plan_rencana_aksi(read_grids(workbook))
    for spec in build.specs:
        assert replay.sheet(spec.name).cells == spec_values(spec)
    assert "Rencana Aksi selesai: 3 sheet" in one_alert(book)
    # A book that still has the RA sheet of an official who no longer owns a node.
    data = payload(workbook)
    data["sheets"].append({"name": "RA LAMA", "values": [["RENCANA AKSI TAHUN 2024"]],
                           "pictures": [], "tables": []})
    book = remote_book(mark_payload(data, "RA LAMA", kind="rencana_aksi"))
    handlers_tahun.run_rencana_aksi(book)
    assert "RA LAMA" not in [s.name for s in book.sheets]
    assert "1 sheet lama dihapus: RA LAMA" in one_alert(book)


def test_user_sheet_is_refused_with_nothing_written(workbook: Path) -> None:
    wb = openpyxl.load_workbook(workbook)
    wb.create_sheet("LKjIP 3.1")["A1"] = "tabel saya"
    wb.save(workbook)
    book = remote_book(workbook)
    assert handlers_tahun.run_lkjip(book) is None
    text = one_alert(book)
    assert "LKjIP 3.1" in text and "Workbook tidak diubah" in text
    assert not [a for a in actions(book) if a["func"] in ("setValues", "addSheet")]


def test_entry_points_use_the_calling_book_and_no_api(workbook: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    install_api_tripwire(monkeypatch)
    for name, expected in (("rencana_aksi", "Rencana Aksi selesai"),
                           ("lkjip", "LKjIP Bab III selesai")):
        book = remote_book(workbook)
        book.set_mock_caller()
        try:
            getattr(handlers_tahun, name)()
        finally:
            del xw.Book._mock_caller
        assert expected in one_alert(book)


def test_tahun_baru_writes_next_years_file_beside_the_saved_one(workbook: Path) -> None:
    """The Tahun Baru button runs the file job on the saved workbook (which it only reads) and
    writes next year's beside it; the alert names the file; a second click never overwrites."""
    before = workbook.read_bytes()
    book = remote_book(workbook)
    target = handlers_tahun.run_tahun_baru(book, last=workbook, ask=False)
    assert target == workbook.with_name("kinerja 2026.xlsx")
    assert workbook.read_bytes() == before
    assert not [a for a in actions(book) if a["func"] in ("setValues", "addSheet")]
    wb = openpyxl.load_workbook(target)
    assert "Log Tahun Baru" in wb.sheetnames
    tahun = next(wb["Pengaturan"].cell(r, 2).value for r in range(1, 40)
                 if wb["Pengaturan"].cell(r, 1).value == "Tahun")
    assert tahun == 2026
    text = one_alert(book)
    assert "Workbook tahun 2026 dibuat" in text and str(target) in text
    again = remote_book(workbook)
    assert handlers_tahun.run_tahun_baru(again, last=workbook, ask=False) == workbook.with_name(
        "kinerja 2026 (2).xlsx")


def test_tahun_baru_names_follow_the_year(tmp_path: Path) -> None:
    assert handlers_tahun.next_year_path(tmp_path / "PK 2025 final.xlsm", 2025).name == \
        "PK 2026 final.xlsm"
    assert handlers_tahun.next_year_path(tmp_path / "kinerja.xlsm", 2025).name == \
        "kinerja 2026.xlsm"
    assert handlers_tahun.next_year_path(tmp_path / "renstra 20251.xlsm", 2025).name == \
        "renstra 20251 2026.xlsm"  # a longer number is not the year
    assert handlers_tahun.next_year_path(tmp_path / "kinerja.xlsm", None).name == \
        "kinerja tahun baru.xlsm"


def test_tahun_baru_needs_desktop_excel(workbook: Path) -> None:
    """On xlwings Server/Lite there is no file beside the workbook: an Indonesian alert."""
    book = remote_book(workbook)
    assert handlers_tahun.run_tahun_baru(book) is None
    assert "Excel desktop" in one_alert(book)
    assert not list(workbook.parent.glob("* 2026*"))
