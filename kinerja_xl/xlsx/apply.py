"""Applying a core `WritePlan` to an openpyxl workbook.

Only product-owned places are touched: computed columns (their rows in the table), generated
sheets (replaced whole, at the same position) and single owned cells. Everything is checked
before the first write, so a refusal leaves the workbook object unchanged.
"""

from __future__ import annotations

from copy import copy

from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from ..core.findings import WorkbookError, col_letter
from ..core.writes import ColumnWrite, GeneratedSheet, Out, WritePlan
from .text import check_fits, put_text, text_cell

_HEADER_FILL = PatternFill("solid", fgColor="D9D9D9")
_BOLD = Font(bold=True)
CachedValues = dict[str, dict[str, object]]  # sheet -> cell ref -> cached value of a formula


def apply_plan(wb: Workbook, plan: WritePlan) -> CachedValues:
    """Write the plan into wb; return the cached values of the formulas written."""
    if plan.inserts:  # openpyxl's insert_rows moves no reference: the package editor only
        raise WorkbookError("Penyisipan baris hanya dapat dilakukan lewat penyunting file "
                            "(kinerja_xl.api.update_file).")
    _refuse_merged(wb, plan)
    cached: CachedValues = {}
    for sw in plan.sheets:
        ws = wb[sw.sheet]
        for cw in sw.columns:
            _column(ws, sw.header_row, cw, cached.setdefault(sw.sheet, {}))
    for w in plan.cells:
        _put(wb[w.sheet], w.row, w.col, w.out, cached.setdefault(w.sheet, {}))
    for gen in plan.generated:
        replace_sheet(wb, gen)
    for name, ref in plan.names.items():
        if name in wb.defined_names:
            del wb.defined_names[name]
        wb.defined_names[name] = DefinedName(name, attr_text=ref)
    return cached


def _refuse_merged(wb: Workbook, plan: WritePlan) -> None:
    for sw in plan.sheets:
        ws = wb[sw.sheet]
        for rng in ws.merged_cells.ranges:
            for cw in sw.columns:
                if rng.min_col <= cw.col <= rng.max_col and (
                        rng.max_row >= sw.header_row and rng.min_row <= cw.last_row):
                    raise WorkbookError(
                        f"Sheet {sw.sheet}: sel gabungan {rng.coord} menutupi kolom "
                        f"{cw.header} ({col_letter(cw.col)}) yang diisi otomatis. Pisahkan sel"
                        " gabungan itu (Unmerge) lalu jalankan lagi.")


def _column(ws: Worksheet, header_row: int, cw: ColumnWrite, cached: dict[str, object]) -> None:
    if cw.is_new:
        head = ws.cell(header_row, cw.col, cw.header)
        left = ws.cell(header_row, cw.col - 1) if cw.col > 1 else None
        if left is not None and left.has_style:
            head.font, head.fill = copy(left.font), copy(left.fill)
            head.border, head.alignment = copy(left.border), copy(left.alignment)
        else:
            head.font, head.fill = _BOLD, _HEADER_FILL
        ws.column_dimensions[col_letter(cw.col)].width = max(12, len(cw.header) + 2)
    last = max(cw.last_row, max(cw.cells, default=0))
    # Only the cells that exist or get a value: a stray far row must not create a million cells.
    stale = [r for (r, c), v in ws._cells.items() if c == cw.col and cw.first_row <= r <= last
             and r not in cw.cells and v.value is not None]
    for r in stale:
        ws._cells[(r, cw.col)].value = None
    for r in sorted(cw.cells):
        if r >= cw.first_row:
            _put(ws, r, cw.col, cw.cells[r], cached)


def _put(ws: Worksheet, row: int, col: int, out: Out, cached: dict[str, object]) -> None:
    c = ws.cell(row, col)
    if out.formula:
        c.value = out.formula
        cached[c.coordinate] = out.value
    else:
        put_text(c, None if out.value == "" else out.value)  # user text is never a formula
    if out.number_format:
        c.number_format = out.number_format


def mark_generated(ws: Worksheet, kind: str, layout: str | None = None) -> None:
    """Give a sheet drawn into a NEW workbook the marker the package editor writes
    (`kinerja_xl.package.marker`), so later commands recognise it as the product's."""
    from ..package.marker import MARKER_NAME, marker_value

    ws.defined_names[MARKER_NAME] = DefinedName(
        MARKER_NAME, attr_text=marker_value(kind, ws.title, layout), hidden=True)


def replace_sheet(wb: Workbook, gen: GeneratedSheet, kind: str | None = None) -> Worksheet:
    """Replace (or add) a generated sheet whole, keeping its position among the sheets."""
    check_fits(gen.name, len(gen.rows), max((len(r) for r in gen.rows), default=0))
    index = None
    if gen.name in wb.sheetnames:
        index = wb.sheetnames.index(gen.name)
        del wb[gen.name]
    ws = wb.create_sheet(gen.name, index)
    for r, row in enumerate(gen.rows, start=1):
        for col, value in enumerate(row, start=1):
            if value is not None:
                text_cell(ws, r, col, value)
    for i, width in enumerate(gen.widths, start=1):
        ws.column_dimensions[col_letter(i)].width = width
    if gen.header_row:
        for c in ws[gen.header_row]:
            c.font, c.fill = _BOLD, _HEADER_FILL
        ws.freeze_panes = ws.cell(gen.header_row + 1, 1)
    if gen.rows and gen.rows[0]:
        ws.cell(1, 1).font = Font(bold=True, size=14)
    for col in gen.wrap_cols:
        for (c,) in ws.iter_rows(min_row=gen.header_row + 1, min_col=col, max_col=col):
            c.alignment = Alignment(wrap_text=True, vertical="top")
    if kind is not None:
        mark_generated(ws, kind)
    return ws
