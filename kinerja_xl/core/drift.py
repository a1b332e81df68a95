"""Formula drift: a computed cell whose product formula a user overwrote (Periksa warns).

Every computed cell of an indicator row holds either the uniform formula of its column (what
Hitung writes for a row at that position) or a guard (Python's value for a row only Python can
read). Anything else (a typed number, another formula) is drift: the cell no longer follows
its row. Sheets whose computed columns hold no formula at all are skipped: they were never
computed, or the grid came from a live workbook as values.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping

from . import formulas
from .contract import H, Level
from .findings import Finding, Severity, col_letter
from .grid import Grid, SheetLayout, cell
from .model import Node, Plan
from .sheetformulas import SheetFormulas

_CHECKED = (H.URAIAN_INDUK, H.REALISASI, H.CAPAIAN, H.PREDIKAT, H.SERAPAN)


def _normal(formula: str) -> str:
    return re.sub(r"\s+", "", formula).upper().replace("_XLFN.", "")


def _rows(node: Node, header: str) -> Iterator[int]:
    if header in (H.URAIAN_INDUK, H.SERAPAN):
        yield from node.rows
    else:
        yield from (ind.row for ind in node.indicators)


def formula_drift(plan: Plan, layouts: Mapping[str, SheetLayout],
                  grids: Mapping[str, Grid]) -> list[Finding]:
    """A warning for every computed cell that holds something other than our formula."""
    out: list[Finding] = []
    for level in Level:
        layout, grid = layouts.get(level.sheet), grids.get(level.sheet)
        if layout is None or grid is None:
            continue
        parent = layouts.get(level.parent.sheet) if level.parent else None
        sheet_formulas = SheetFormulas(level, layout, parent)
        cols = {h: c for h in _CHECKED if (c := layout.col(h))}
        if not any(isinstance(v, str) and v.startswith("=")
                   for row in grid[layout.header_row:] for v in (cell(row, c)
                                                               for c in cols.values())):
            continue
        for node in plan.levels[level]:
            for header, col in cols.items():
                for r in _rows(node, header):
                    value = cell(grid[r - 1], col) if r <= len(grid) else None
                    if value is None or value == "":
                        continue
                    is_formula = isinstance(value, str) and value.startswith("=")
                    if is_formula and formulas.is_guard(value):
                        continue
                    wanted = sheet_formulas.at(header, r)
                    if is_formula and wanted is not None and (
                            value == wanted or _normal(value) == _normal(wanted)):
                        continue
                    what = "rumus lain" if is_formula else "nilai yang diketik"
                    out.append(Finding(
                        Severity.WARNING, level.sheet, r, header,
                        f"sel {col_letter(col)}{r} ({header}) berisi {what}, bukan rumus "
                        "kinerja_xl, sehingga tidak mengikuti barisnya lagi; jalankan Hitung "
                        "Capaian untuk memulihkannya", col_letter(col)))
    return out
