"""LKjIP Bab III tables as print-ready sheets (`LKjIP 3.1` … `LKjIP 3.6`), one table each:
the title, the column header (repeated on every printed page), the rows and the notes. The
cells hold exactly the texts of the Word document. Pure."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

from ..core.findings import WorkbookError
from ..core.grid import Grid, text
from ..core.sheetspec import PrintSpec, SheetSpec
from ..pk.layout import BODY, TD, TH, TITLE, Sheet
from .lkjip import Lkjip, Table

SHEET_PREFIX = "LKjIP "
MARK_TITLE = "Tabel 3."  # a generated LKjIP sheet's A1 starts with this
SIZE = 10.0
TH_S = replace(TH, size=SIZE)
TD_S = replace(TD, size=SIZE, valign="top")
TD_R = replace(TD_S, align="right")
TD_B, TD_BR = replace(TD_S, bold=True), replace(TD_R, bold=True)
NOTE = replace(BODY, size=9.0, italic=True)


def sheet_name(table: Table) -> str:
    return f"{SHEET_PREFIX}{table.number}"


def is_generated(name: str, grid: Grid) -> bool:
    return (name.startswith(SHEET_PREFIX) and bool(grid) and bool(grid[0])
            and text(grid[0][0]).startswith(MARK_TITLE))


def table_sheet(table: Table) -> SheetSpec:
    widths = {i: float(w) for i, w in enumerate(table.widths, start=1)}
    last = len(table.headers)
    sh = Sheet(SheetSpec(sheet_name(table), widths=dict(widths), tab_color="7030A0"),
               widths=widths)
    sh.put(1, last, table.title, replace(TITLE, size=11))
    sh.next()
    sh.gap(6)
    header = sh.row
    for col, label in enumerate(table.headers, start=1):
        sh.put(col, col, label, TH_S)
    sh.next()
    for i, row in enumerate(table.rows):
        bold = i in table.bold_rows
        for col, value in enumerate(row, start=1):
            right = (col - 1) in table.numeric
            style = (TD_BR if right else TD_B) if bold else (TD_R if right else TD_S)
            sh.put(col, col, value, style)
        sh.next()
    if table.notes:
        sh.gap(4)
        sh.put(1, last, "\n".join(table.notes), NOTE)
        sh.next()
    sh.spec.heights = sh.heights()
    sh.spec.print = PrintSpec(orientation="landscape", margins_cm=(1.5, 1.5, 1.5, 1.5),
                              title_rows=(header, header), area=(1, 1, sh.row - 1, last))
    return sh.spec


def lkjip_specs(doc: Lkjip, grids: Mapping[str, Grid]) -> list[SheetSpec]:
    """The six sheets; refuses (WorkbookError) to replace a user's own sheet of that name."""
    specs = [table_sheet(t) for t in doc.tables]
    for spec in specs:
        grid = grids.get(spec.name)
        if grid is not None and not is_generated(spec.name, grid):
            raise WorkbookError(f"Sheet '{spec.name}' sudah ada dan bukan buatan kinerja_xl "
                                "(sel A1-nya bukan judul 'Tabel 3.…'). Ganti nama sheet itu, "
                                "lalu jalankan LKjIP lagi.")
    return specs


__all__ = ["is_generated", "lkjip_specs", "sheet_name", "table_sheet"]
