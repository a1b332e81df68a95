"""Cutting a core `ColumnWrite` into few, large writes (pure; no xlwings here).

Every call into a live Excel costs a round trip, so a computed column is written as a handful of
2-D blocks: one per run of consecutive rows of the same kind (formulas through `Range.formula`,
values and cleared cells through `Range.value`), with one number format per run.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from ..core.writes import ColumnWrite, Out

# Text Excel would turn into a number, date, time, boolean or formula when assigned as a value.
_COERCED = re.compile(
    r"""\s*(
        [-+@'].*                          # sign/at/apostrophe first: number or formula entry
      | [\d.,\s%/:–-]*\d[\d.,\s%/:–-]*     # digits with separators: 85, 1.234,5, 1/2, 10:30
      | (true|false|benar|salah)           # logical values (English and Indonesian Excel)
      | \d+\s*[a-z]{3,9}\.?\s*\d*          # 6 Jan, 6 Januari 2025
    )\s*""",
    re.IGNORECASE | re.VERBOSE | re.DOTALL,
)


@dataclass(frozen=True)
class Block:
    """Consecutive rows of one column written in one call."""

    first_row: int
    formulas: bool  # True: Range.formula; False: Range.value (None clears a cell)
    cells: tuple[Any, ...]  # one entry per row

    @property
    def last_row(self) -> int:
        return self.first_row + len(self.cells) - 1


@dataclass(frozen=True)
class FormatRun:
    first_row: int
    last_row: int
    number_format: str


def excel_text(value: Any) -> Any:
    """A value ready for `Range.value`: text that Excel would reinterpret gets the leading
    apostrophe (Excel's "this is text" mark, not stored in the cell); "" becomes None."""
    if value == "":
        return None
    if isinstance(value, str) and not value.startswith("=") and _COERCED.fullmatch(value):
        return "'" + value
    return value


def last_row(cw: ColumnWrite) -> int:
    """The last row the column write owns (the table end, or a cell below it)."""
    return max(cw.last_row, max(cw.cells, default=0))


def _cell(out: Out | None) -> tuple[bool, Any]:
    if out is not None and out.formula:
        return True, out.formula
    return False, excel_text(None if out is None else out.value)


def column_blocks(cw: ColumnWrite) -> list[Block]:
    """The column's rows first_row..last as runs of formulas or of values/blanks."""
    blocks: list[Block] = []
    kind: bool | None = None
    start, cells = cw.first_row, []
    for r in range(cw.first_row, last_row(cw) + 1):
        is_formula, content = _cell(cw.cells.get(r))
        if kind is not None and is_formula != kind:
            blocks.append(Block(start, kind, tuple(cells)))
            start, cells = r, []
        kind = is_formula
        cells.append(content)
    if kind is not None:
        blocks.append(Block(start, kind, tuple(cells)))
    return blocks


def format_runs(cw: ColumnWrite) -> list[FormatRun]:
    """Number formats to set. When every formatted cell shares one format (the usual case),
    one run covers the whole span, cleared rows included (they are product-owned too)."""
    formats = {out.number_format for out in cw.cells.values()}
    if not cw.cells or formats == {None}:
        return []
    if len(formats) == 1:
        (fmt,) = formats
        assert fmt is not None
        return [FormatRun(cw.first_row, last_row(cw), fmt)]
    runs: list[FormatRun] = []
    for r in sorted(cw.cells):
        fmt = cw.cells[r].number_format
        if fmt is None:
            continue
        if runs and runs[-1].number_format == fmt and runs[-1].last_row == r - 1:
            runs[-1] = FormatRun(runs[-1].first_row, r, fmt)
        else:
            runs.append(FormatRun(r, r, fmt))
    return runs


def rectangle(rows: Sequence[Sequence[Any]]) -> list[list[Any]]:
    """Rows padded to one width (a 2-D block Excel accepts), values escaped like cells."""
    width = max((len(r) for r in rows), default=0)
    return [[excel_text(v) for v in row] + [None] * (width - len(row)) for row in rows]


Rect = tuple[int, int, int, int]  # first row, first col, last row, last col


def rectangles(cells: set[tuple[int, int]]) -> list[Rect]:
    """Cover exactly the given (row, col) cells with few rectangles: runs along each row,
    stacked while consecutive rows have the same run."""
    runs: dict[int, list[tuple[int, int]]] = {}
    for r, c in sorted(cells):
        row = runs.setdefault(r, [])
        if row and row[-1][1] == c - 1:
            row[-1] = (row[-1][0], c)
        else:
            row.append((c, c))
    out: list[Rect] = []
    open_: dict[tuple[int, int], int] = {}  # run -> index in out of the rectangle it extends
    for r in sorted(runs):
        now: dict[tuple[int, int], int] = {}
        for run in runs[r]:
            i = open_.get(run)
            if i is not None and out[i][2] == r - 1:
                out[i] = (out[i][0], out[i][1], r, out[i][3])
            else:
                out.append((r, run[0], r, run[1]))
                i = len(out) - 1
            now[run] = i
        open_ = now
    return out
