"""A formatted sheet described as data: cells, styles, merges, widths and print setup.

Generated documents (Perjanjian Kinerja, Pohon Kinerja, Rekap) are built as a `SheetSpec`
by pure code; `kinerja_xl.xlsx.render` draws it with openpyxl and the xlwings adapter draws
it in a live book. Styles are small frozen values so renderers can cache their objects.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

Align = Literal["left", "center", "right", "justify"] | None
VAlign = Literal["top", "center", "bottom"] | None
BorderKind = Literal["box", "bottom", "top", "none", "left", "left_bottom"]  # left*: connectors


@dataclass(frozen=True)
class Style:
    bold: bool = False
    italic: bool = False
    underline: bool = False
    size: float | None = None
    color: str | None = None  # font colour, "RRGGBB"
    fill: str | None = None  # background, "RRGGBB"
    align: Align = None
    valign: VAlign = None
    wrap: bool = False
    border: BorderKind = "none"
    number_format: str | None = None
    font: str | None = None  # font name, e.g. "Arial" (None = the workbook default)
    indent: int = 0  # left indent, in Excel's indent steps


PLAIN = Style()


@dataclass(frozen=True)
class CellSpec:
    """A cell (the top-left one when merged over `rows` x `cols`)."""

    row: int
    col: int
    value: Any
    style: Style = PLAIN
    rows: int = 1
    cols: int = 1


@dataclass
class PrintSpec:
    orientation: Literal["portrait", "landscape"] = "portrait"
    paper: Literal["A4", "A3", "F4"] = "A4"
    fit_width: bool = True  # fit to one page wide, as many pages tall as needed
    margins_cm: tuple[float, float, float, float] = (2.0, 1.5, 1.5, 1.5)  # left right top bottom
    title_rows: tuple[int, int] | None = None  # rows repeated at the top of every page
    area: tuple[int, int, int, int] | None = None  # first row, first col, last row, last col
    row_breaks: list[int] = field(default_factory=list)  # a page break AFTER each of these rows
    center_horizontally: bool = True
    scale: int | None = None  # fixed print zoom in percent, used when fit_width is False


@dataclass(frozen=True)
class ChartSpec:
    """A native bar chart of one value series over cells of the same sheet. Ranges are
    (column, first row, last row); the chart's top-left corner sits on cell `anchor`."""

    title: str
    anchor: tuple[int, int]
    categories: tuple[int, int, int]
    values: tuple[int, int, int]
    series_title: str = ""
    y_title: str = ""
    y_max: float | None = None
    horizontal: bool = False  # bars (True) or columns (False)
    width_cm: float = 12.0
    height_cm: float = 7.5
    point_colors: tuple[str | None, ...] = ()  # fill "RRGGBB" of each bar, in category order


@dataclass(frozen=True)
class RuleSpec:
    """A conditional fill: the cells of `ref` (an A1 range, e.g. a whole column F1:F1048576) where
    `formula` (no '=', relative to the range's top-left cell) is TRUE get the fill."""

    ref: str
    formula: str
    fill: str  # "RRGGBB"


@dataclass
class SheetSpec:
    name: str
    cells: list[CellSpec] = field(default_factory=list)
    widths: dict[int, float] = field(default_factory=dict)  # column -> width (characters)
    heights: dict[int, float] = field(default_factory=dict)  # row -> height (points)
    print: PrintSpec = field(default_factory=PrintSpec)
    gridlines: bool = False
    freeze: tuple[int, int] | None = None  # (row, col) of the first unfrozen cell
    tab_color: str | None = None
    charts: list[ChartSpec] = field(default_factory=list)
    rules: list[RuleSpec] = field(default_factory=list)  # in priority order, first wins

    def put(self, row: int, col: int, value: Any, style: Style = PLAIN, rows: int = 1,
            cols: int = 1) -> CellSpec:
        spec = CellSpec(row, col, value, style, rows, cols)
        self.cells.append(spec)
        return spec

    @property
    def last_row(self) -> int:
        return max((c.row + c.rows - 1 for c in self.cells), default=0)

    @property
    def last_col(self) -> int:
        return max((c.col + c.cols - 1 for c in self.cells), default=0)
