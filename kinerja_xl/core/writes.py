"""What a use case wants written, independent of the spreadsheet engine.

The openpyxl adapter (files) and the xlwings adapter (live Excel) both apply a `WritePlan`;
neither decides anything about content.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Out:
    """One cell: a value (the cached value when there is a formula) and an optional formula.
    `uniform`: the formula is its column's one formula (the same in R1C1 terms on every row
    that has it), so a file writer may store a run of such rows as one shared formula."""

    value: Any = None
    formula: str | None = None
    number_format: str | None = None
    uniform: bool = False


BLANK = Out()
PERCENT = "0.00"
NUMBER = "#,##0.00"


@dataclass
class ColumnWrite:
    """A product-owned column: header at (header_row, col); rows first..last are rewritten
    (rows without an entry in `cells` are cleared)."""

    header: str
    col: int
    is_new: bool
    first_row: int
    last_row: int
    cells: dict[int, Out] = field(default_factory=dict)


@dataclass
class SheetWrite:
    sheet: str
    header_row: int
    columns: list[ColumnWrite] = field(default_factory=list)


@dataclass
class GeneratedSheet:
    """A sheet the product owns and replaces whole (e.g. Laporan Validasi)."""

    name: str
    rows: list[list[Any]]
    widths: list[float] = field(default_factory=list)
    header_row: int = 1
    wrap_cols: tuple[int, ...] = ()


@dataclass
class CellWrite:
    sheet: str
    row: int
    col: int
    out: Out


@dataclass(frozen=True)
class RowInsert:
    """`count` empty rows inserted before row `before` of `sheet` (numbered before any insert
    of the plan), applied before the plan's cells, which are numbered after the inserts."""

    sheet: str
    before: int
    count: int = 1


@dataclass
class WritePlan:
    sheets: list[SheetWrite] = field(default_factory=list)
    generated: list[GeneratedSheet] = field(default_factory=list)
    cells: list[CellWrite] = field(default_factory=list)
    names: dict[str, str] = field(default_factory=dict)  # workbook defined names -> reference
    inserts: list[RowInsert] = field(default_factory=list)
