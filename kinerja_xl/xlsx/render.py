"""Drawing a `SheetSpec` with openpyxl: the sheet is replaced whole, at the same position.

openpyxl style objects are cached per `Style`, so hundreds of formatted sheets (a kabupaten's
PKs) cost little more than writing their values.
"""

from __future__ import annotations

from copy import copy
from functools import lru_cache
from weakref import WeakKeyDictionary

from openpyxl.cell.cell import Cell
from openpyxl.chart import BarChart, Reference
from openpyxl.chart.axis import ChartLines
from openpyxl.chart.data_source import NumFmt
from openpyxl.chart.marker import DataPoint
from openpyxl.chart.series import SeriesLabel
from openpyxl.formatting.rule import FormulaRule
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.styles.cell_style import StyleArray
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.pagebreak import Break, RowBreak
from openpyxl.worksheet.worksheet import Worksheet

from ..core.findings import col_letter
from ..core.sheetspec import PLAIN, ChartSpec, SheetSpec, Style
from .text import check_fits, text_cell

_CM_PER_INCH = 2.54
_PAPER = {"A4": 9, "A3": 8, "F4": 14}  # openpyxl/Excel paper codes (14 = Folio 8.5x13in)
_THIN = Side(style="thin", color="000000")


@lru_cache(maxsize=256)
def _font(style: Style) -> Font:
    return Font(name=style.font or "Calibri", bold=style.bold, italic=style.italic, size=style.size,
                underline="single" if style.underline else None, color=style.color)


@lru_cache(maxsize=256)
def _alignment(style: Style) -> Alignment:
    return Alignment(horizontal=style.align, vertical=style.valign, wrap_text=style.wrap,
                     indent=style.indent)


@lru_cache(maxsize=16)
def _border(kind: str) -> Border:
    if kind == "box":
        return Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
    if kind == "bottom":
        return Border(bottom=_THIN)
    if kind == "top":
        return Border(top=_THIN)
    if kind == "left":
        return Border(left=_THIN)
    if kind == "left_bottom":
        return Border(left=_THIN, bottom=_THIN)
    return Border()


@lru_cache(maxsize=64)
def _fill(color: str) -> PatternFill:
    return PatternFill("solid", fgColor=color)


_UNSTYLED = StyleArray()
# Per workbook (StyleArrays index that workbook's style tables): (Style, anchor) -> StyleArray.
_PROTOS: WeakKeyDictionary[Workbook, dict[tuple[Style, bool], StyleArray]] = WeakKeyDictionary()


def _apply_style(cell: Cell, st: Style, anchor: bool,
                 protos: dict[tuple[Style, bool], StyleArray]) -> None:
    """Style a cell: everything on a merge's anchor cell, only the border on its other cells."""
    if st is PLAIN:
        return
    proto = protos.get((st, anchor))
    if proto is not None:
        if proto is not _UNSTYLED:
            cell._style = copy(proto)
        return
    if anchor:
        if st.bold or st.italic or st.underline or st.size or st.color or st.font:
            cell.font = _font(st)
        if st.align or st.valign or st.wrap or st.indent:
            cell.alignment = _alignment(st)
        if st.fill:
            cell.fill = _fill(st.fill)
        if st.number_format:
            cell.number_format = st.number_format
    if st.border != "none":
        cell.border = _border(st.border)
    protos[(st, anchor)] = copy(cell._style) if cell.has_style else _UNSTYLED


def render_sheet(wb: Workbook, spec: SheetSpec, index: int | None = None) -> Worksheet:
    """Replace (or add) the sheet named spec.name with the drawing of spec."""
    check_fits(spec.name, spec.last_row, spec.last_col)
    if spec.name in wb.sheetnames:
        index = wb.sheetnames.index(spec.name) if index is None else index
        del wb[spec.name]
    ws = wb.create_sheet(spec.name, index)
    # openpyxl hashes a whole style object on every assignment; build each distinct style once
    # and copy its StyleArray (the per-cell style indices) to the other cells that use it.
    protos = _PROTOS.setdefault(wb, {})
    for c in spec.cells:
        cell = text_cell(ws, c.row, c.col, c.value)
        if c.rows > 1 or c.cols > 1:
            # merge before styling: openpyxl re-formats a merge's edges from the anchor's border
            ws.merge_cells(start_row=c.row, start_column=c.col,
                           end_row=c.row + c.rows - 1, end_column=c.col + c.cols - 1)
        _apply_style(cell, c.style, True, protos)
        if (c.rows > 1 or c.cols > 1) and c.style.border != "none":
            for r in range(c.row, c.row + c.rows):
                for col in range(c.col, c.col + c.cols):
                    if (r, col) != (c.row, c.col):
                        _apply_style(ws.cell(r, col), c.style, False, protos)
    for col, width in spec.widths.items():
        ws.column_dimensions[col_letter(col)].width = width
    for row, height in spec.heights.items():
        ws.row_dimensions[row].height = height
    ws.sheet_view.showGridLines = spec.gridlines
    if spec.freeze:
        ws.freeze_panes = ws.cell(*spec.freeze)
    if spec.tab_color:
        ws.sheet_properties.tabColor = spec.tab_color
    _print_setup(ws, spec)
    for rule in spec.rules:  # in order: the first added has the highest priority
        fill = PatternFill("solid", start_color="FF" + rule.fill, end_color="FF" + rule.fill)
        ws.conditional_formatting.add(rule.ref, FormulaRule(formula=[rule.formula], fill=fill,
                                                            stopIfTrue=True))
    for chart in spec.charts:
        ws.add_chart(_bar_chart(ws, chart), f"{col_letter(chart.anchor[1])}{chart.anchor[0]}")
    return ws


def _bar_chart(ws: Worksheet, spec: ChartSpec) -> BarChart:
    """A native Excel bar chart (also drawn by LibreOffice) from a `ChartSpec`."""
    chart = BarChart()
    chart.type = "bar" if spec.horizontal else "col"
    if spec.horizontal:  # first category on top, as in the table; values along the bottom
        chart.x_axis.scaling.orientation = "maxMin"
        chart.y_axis.crosses = "max"
    chart.title = spec.title
    chart.width, chart.height = spec.width_cm, spec.height_cm
    chart.legend = None
    col, first, last = spec.values
    chart.add_data(Reference(ws, min_col=col, min_row=first, max_row=last), titles_from_data=False)
    col, first, last = spec.categories
    chart.set_categories(Reference(ws, min_col=col, min_row=first, max_row=last))
    series = chart.series[0]
    if spec.series_title:
        series.tx = SeriesLabel(v=spec.series_title)
    for idx, color in enumerate(spec.point_colors):
        if color:
            point = DataPoint(idx=idx)
            point.graphicalProperties.solidFill = color
            point.graphicalProperties.line.solidFill = "595959"
            series.dPt.append(point)
    chart.y_axis.title = spec.y_title or None
    chart.y_axis.scaling.min = 0
    if spec.y_max is not None:
        chart.y_axis.scaling.max = spec.y_max
    chart.y_axis.majorGridlines = ChartLines()
    chart.y_axis.numFmt = NumFmt(formatCode="0", sourceLinked=False)
    chart.x_axis.delete = False  # openpyxl 3.1 hides axes unless told otherwise
    chart.y_axis.delete = False
    chart.gapWidth = 60
    return chart


def _print_setup(ws: Worksheet, spec: SheetSpec) -> None:
    p = spec.print
    ws.page_setup.orientation = p.orientation
    ws.page_setup.paperSize = _PAPER[p.paper]
    left, right, top, bottom = (m / _CM_PER_INCH for m in p.margins_cm)
    ws.page_margins.left, ws.page_margins.right = left, right
    ws.page_margins.top, ws.page_margins.bottom = top, bottom
    if p.fit_width:
        ws.sheet_properties.pageSetUpPr.fitToPage = True
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 0
    elif p.scale:
        ws.page_setup.scale = p.scale
    ws.print_options.horizontalCentered = p.center_horizontally
    if p.title_rows:
        ws.print_title_rows = f"{p.title_rows[0]}:{p.title_rows[1]}"
    area = p.area or (1, 1, max(spec.last_row, 1), max(spec.last_col, 1))
    ws.print_area = f"{col_letter(area[1])}{area[0]}:{col_letter(area[3])}{area[2]}"
    if p.row_breaks:
        ws.row_breaks = RowBreak()
        for r in p.row_breaks:
            ws.row_breaks.append(Break(id=r))
