"""Finding the header row and the columns of a sheet given as a grid of cell values.

A grid is what every adapter can hand over cheaply: openpyxl's `iter_rows(values_only=True)`
or xlwings' `used_range.value`. Row 1 of the sheet is `grid[0]`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from .contract import norm_header
from .findings import Finding, Severity, col_letter

Grid = Sequence[Sequence[Any]]


@dataclass
class SheetLayout:
    """Where a table sits on its sheet: header row and header -> column (1-based)."""

    sheet: str
    header_row: int
    columns: dict[str, int] = field(default_factory=dict)
    width: int = 0  # last column that has a header
    last_row: int = 0  # last row of the grid

    def col(self, header: str) -> int | None:
        return self.columns.get(norm_header(header))

    def letter(self, header: str) -> str:
        col = self.col(header)
        return col_letter(col) if col else ""


def cell(row: Sequence[Any], col: int | None) -> Any:
    """Value at 1-based column `col` of a row tuple (None beyond its end or when col is None)."""
    if col is None or col > len(row):
        return None
    return row[col - 1]


def text(value: Any) -> str:
    """A cell as trimmed text: 1.0 -> '1', dates as ISO, None -> ''."""
    if type(value) is str:  # the common case first (a plain str, not a subclass)
        return value.strip()
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, (dt.datetime, dt.date)):
        return value.isoformat()[:10]
    return str(value).strip()


def find_header(grid: Grid, sheet: str, first: str, limit: int = 200) -> SheetLayout | None:
    """The table whose header row has `first` (e.g. 'Kode') in column A; None when absent."""
    key = norm_header(first)
    for index, row in enumerate(grid[:limit]):
        if row and norm_header(row[0]) == key:
            return _layout(grid, sheet, index + 1, row)
    return None


def _layout(grid: Grid, sheet: str, header_row: int, row: Sequence[Any]) -> SheetLayout:
    layout = SheetLayout(sheet, header_row, last_row=len(grid))
    for col, value in enumerate(row, start=1):
        key = norm_header(value)
        if key:
            layout.columns.setdefault(key, col)
            layout.width = col
    return layout


def duplicate_headers(grid: Grid, layout: SheetLayout, known: Sequence[str]) -> list[Finding]:
    """A warning for each known header that appears twice (the first one is used)."""
    row = grid[layout.header_row - 1]
    wanted = {norm_header(h) for h in known}
    seen: dict[str, int] = {}
    out = []
    for col, value in enumerate(row, start=1):
        key = norm_header(value)
        if key in wanted:
            if key in seen:
                out.append(Finding(Severity.WARNING, layout.sheet, layout.header_row, str(value),
                                   f"kolom '{value}' ada dua kali; yang dipakai kolom "
                                   f"{col_letter(seen[key])}", col_letter(col)))
            else:
                seen[key] = col
    return out
