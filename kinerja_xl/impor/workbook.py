"""Putting an imported (or example) `Plan` into a workbook: template or blank, notes, report.

Shared by `kinerja-xl impor` and the example builder. A `.xlsm` is built on the macro template
(`kinerja_xl.api.template_workbook`); a `.xlsx` gets the plain blank workbook.
"""

from __future__ import annotations

from typing import Any

from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.workbook.workbook import Workbook

from ..core.contract import PENGATURAN, H, Level, norm_header
from ..core.findings import col_letter
from ..core.model import Plan
from ..core.writes import GeneratedSheet
from ..xlsx.apply import replace_sheet
from ..xlsx.blank import HEADER_ROW, build_workbook
from ..xlsx.fill import write_plan
from ..xlsx.text import text_cell
from .report import SHEET, ReportEntry, report_rows

NOTE_HEADER = "Keterangan"
_NOTE_FILL = PatternFill("solid", fgColor="FFF2CC")


def new_workbook(macro: bool) -> tuple[Workbook, bool]:
    """(workbook, built on the template?): the macro template for a `.xlsm`, else the plain
    blank workbook."""
    if macro:
        from ..api import template_workbook

        return template_workbook(), True
    return build_workbook(), False


def fill_workbook(wb: Workbook, plan: Plan, notes: dict[tuple[Level, str], list[str]],
                  status_notes: bool = True) -> None:
    """write_plan, then the notes: on the Status cell of the node's first row (cleared by the
    next Periksa/Hitung, which own that column) and in a user column `Keterangan` (kept)."""
    extra: dict[tuple[Level, str], dict[str, Any]] = {}
    if status_notes:
        extra = {key: {H.STATUS: "; ".join(msgs)} for key, msgs in notes.items() if msgs}
    write_plan(plan, wb, extra)
    add_note_column(wb, plan, notes)


def keep_text(wb: Workbook, plan: Plan) -> None:
    """Imported text is text: a value openpyxl took for a formula because it starts with '='
    is stored as a string again (only on the rows the plan was written to)."""
    for level in Level:
        ws = wb[level.sheet]
        rows = {r for node in plan.levels[level] for r in node.rows if r}
        # the cells that exist (iter_rows would create every empty cell of the rectangle)
        for c in list(ws._cells.values()):
            if c.data_type == "f" and c.row in rows and isinstance(c.value, str):
                c.data_type = "s"


def add_note_column(wb: Workbook, plan: Plan, notes: dict[tuple[Level, str], list[str]],
                    header: str = NOTE_HEADER) -> None:
    """Write notes into a `Keterangan` column of every level sheet (added after the last
    header when missing). Rows are those `write_plan` gave the nodes."""
    for level in Level:
        ws = wb[level.sheet]
        col = None
        last = 0
        for c in range(1, ws.max_column + 1):
            value = ws.cell(HEADER_ROW, c).value
            if value not in (None, ""):
                last = c
                if norm_header(value) == norm_header(header):
                    col = c
        if col is None:
            col = last + 1
            head = text_cell(ws, HEADER_ROW, col, header)
            head.font = Font(bold=True)
            head.fill = _NOTE_FILL
            head.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
            ws.column_dimensions[col_letter(col)].width = 48
        for node in plan.levels[level]:
            msgs = notes.get((level, node.code))
            if msgs and node.row:
                cell = text_cell(ws, node.row, col, "; ".join(msgs))
                cell.alignment = Alignment(wrap_text=True, vertical="top")


def add_setting_note(wb: Workbook, label: str, text: str) -> None:
    """Add (or replace) a label/value row at the end of Pengaturan (the reader ignores labels
    it does not know)."""
    ws = wb[PENGATURAN]
    row = next((r for r in range(1, ws.max_row + 1)
                if norm_header(ws.cell(r, 1).value) == norm_header(label)), ws.max_row + 2)
    text_cell(ws, row, 1, label).font = Font(bold=True)
    text_cell(ws, row, 2, text).alignment = Alignment(wrap_text=True, vertical="top")


def report_sheet(entries: list[ReportEntry], source: str, summary: str,
                 line_count: int, encoding: str) -> GeneratedSheet:
    """The `Laporan Impor` sheet: what was read, then one row per report entry."""
    rows: list[list[object]] = [
        ["LAPORAN IMPOR"],
        [f"Sumber: {source} ({encoding}, {line_count} baris). Hasil: {summary}."],
        ["Setiap baris sumber dipakai atau tercantum di bawah. 'Disimpulkan' = tautan atau "
         "pasangan yang tidak tertulis di sumber: mohon konfirmasi."],
        [],
        ["No", "Baris", "Jenis", "Keterangan"],
        *report_rows(entries),
    ]
    return GeneratedSheet(SHEET, rows, widths=[6, 24, 14, 110], header_row=5,
                          wrap_cols=(2, 4))


def add_report(wb: Workbook, sheet: GeneratedSheet) -> None:
    """Laporan Impor in a new workbook, marked as the product's sheet."""
    replace_sheet(wb, sheet, kind="sheet")
