"""Writing a value into an openpyxl cell so that text stays text.

openpyxl turns every str that starts with "=" into a formula, and a str equal to an error
code ("#N/A", "#REF!" …) into an error cell. Text typed by a user (a Nama, an Uraian, a line
of an imported file) must never become a live formula: `=HYPERLINK(…)`, `=WEBSERVICE(…)` or a
DDE payload like `=cmd|' /C calc'!A0` would run when the workbook is opened. Only formulas
the product composes itself (`Out.formula`) are written as formulas, and not through here.
"""

from __future__ import annotations

from typing import Any

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell

from ..core.findings import MAX_COL, MAX_ROW, WorkbookError


def put_text(cell: Cell, value: Any) -> Cell:
    """Set cell's value; a str is stored as a string cell whatever it starts with. Control
    characters XML cannot hold (a bell pasted from a PDF) are dropped, not a crash."""
    if isinstance(value, str) and ILLEGAL_CHARACTERS_RE.search(value):
        value = ILLEGAL_CHARACTERS_RE.sub("", value)
    cell.value = value
    if isinstance(value, str) and cell.data_type != "s":
        cell.data_type = "s"
    return cell


def text_cell(ws: Any, row: int, col: int, value: Any) -> Cell:
    """`ws.cell(row, col, value)` for values that may hold user text."""
    return put_text(ws.cell(row, col), value)


def check_fits(sheet: str, last_row: int, last_col: int) -> None:
    """Refuse a generated sheet that would need cells past row 1,048,576 or column XFD."""
    if last_row > MAX_ROW or last_col > MAX_COL:
        raise WorkbookError(f"Sheet {sheet} yang dibuat akan melewati batas Excel ({last_row:,}"
                            f" baris × {last_col:,} kolom; batas {MAX_ROW:,} × {MAX_COL:,}). "
                            "Kurangi datanya lalu jalankan lagi.".replace(",", "."))
