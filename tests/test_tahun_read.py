"""The year reports read cached values with python-calamine; openpyxl must see the same grids
(values, dates, text, formulas' cached results), and bad files get openpyxl's Indonesian error."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest
from tahun_support import years_workbook

from kinerja_xl.api import compute_file
from kinerja_xl.core.findings import WorkbookError
from kinerja_xl.tahun.files import _calamine_grids, _openpyxl_grids, read_grids

REPO = Path(__file__).resolve().parent.parent


def trimmed(grid) -> list[tuple]:
    """Rows without trailing blanks, and no trailing blank rows (the readers pad differently)."""
    rows = [tuple(row[:max((i + 1 for i, v in enumerate(row) if v is not None), default=0)])
            for row in grid]
    while rows and not rows[-1]:
        rows.pop()
    return rows


def same(path: Path) -> None:
    fast, careful = _calamine_grids(path), _openpyxl_grids(path)
    assert list(fast) == list(careful)
    for name in fast:
        assert trimmed(fast[name]) == trimmed(careful[name]), name


@pytest.mark.parametrize("name", ["kenohan_2025.xlsm", "kebasen_2023.xlsm"])
def test_readers_agree_on_the_examples(name: str) -> None:
    same(REPO / "examples" / name)


def test_readers_agree_on_computed_and_odd_cells(tmp_path: Path) -> None:
    path = years_workbook(tmp_path / "k.xlsx")
    compute_file(path)  # formulas with cached values in the computed columns
    wb = openpyxl.load_workbook(path)
    ws = wb["Sasaran"]
    ws["AZ3"], ws["AZ4"], ws["AZ5"] = dt.datetime(2025, 2, 28), True, "  teks  "
    ws["AZ6"], ws["AZ7"] = 1.5, -3
    wb.save(path)
    compute_file(path)
    same(path)


def test_bad_file_gets_the_indonesian_message(tmp_path: Path) -> None:
    bad = tmp_path / "rusak.xlsx"
    bad.write_bytes(b"PK\x03\x04 bukan zip yang utuh")
    with pytest.raises(WorkbookError, match=r"rusak|bukan workbook"):
        read_grids(bad)
