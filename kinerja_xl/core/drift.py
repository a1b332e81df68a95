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

_CHECKED = (H.URAIAN_INDUK, H.REALISASI, H.CAPAIAN, H.PREDIKAT, H.SERAPAN)


def row_refs(layout: SheetLayout, row: int) -> formulas.RowRefs:
    """The cells of one indicator row the capaian formulas read ('""' for a missing column)."""
    def ref(header: str) -> str:
        col = layout.col(header)
        return f"{col_letter(col)}{row}" if col else '""'

    return formulas.RowRefs(ref(H.TARGET), [ref(h) for h in H.TARGET_TW],
                            [ref(h) for h in H.REAL_TW], formulas.PERIODE_NAME,
                            ref(H.POLARITAS), ref(H.TIPE))


def parent_uraian_formula(layout: SheetLayout, parent: SheetLayout, level: Level, row: int,
                          ui: str) -> str:
    """The uniform Uraian Induk formula of a row (ui: the column letter of Uraian Induk)."""
    assert level.parent is not None
    ki, kode = layout.letter(H.KODE_INDUK), layout.letter(H.KODE)
    return formulas.parent_uraian(level.parent.sheet, parent.letter(H.URAIAN), f"${ki}{row}",
                                  f"${kode}{row}", f"${kode}{row - 1}", f"{ui}{row - 1}")


def _normal(formula: str) -> str:
    return re.sub(r"\s+", "", formula).upper().replace("_XLFN.", "")


def _expected(header: str, layout: SheetLayout, parent: SheetLayout | None, level: Level,
              row: int) -> str | None:
    letter = layout.letter
    if header == H.URAIAN_INDUK and parent is not None:
        return parent_uraian_formula(layout, parent, level, row, letter(H.URAIAN_INDUK))
    if header == H.REALISASI:
        return formulas.realisation(row_refs(layout, row))
    if header == H.CAPAIAN and letter(H.REALISASI):
        return formulas.capaian(row_refs(layout, row), f"{letter(H.REALISASI)}{row}")
    if header == H.PREDIKAT and letter(H.CAPAIAN):
        return formulas.predikat(f"{letter(H.CAPAIAN)}{row}")
    if header == H.SERAPAN and letter(H.ANGGARAN) and letter(H.REAL_ANGGARAN):
        return formulas.serapan(f"{letter(H.ANGGARAN)}{row}", f"{letter(H.REAL_ANGGARAN)}{row}")
    return None


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
                    wanted = _expected(header, layout, parent, level, r)
                    if is_formula and wanted is not None and _normal(value) == _normal(wanted):
                        continue
                    what = "rumus lain" if is_formula else "nilai yang diketik"
                    out.append(Finding(
                        Severity.WARNING, level.sheet, r, header,
                        f"sel {col_letter(col)}{r} ({header}) berisi {what}, bukan rumus "
                        "kinerja_xl, sehingga tidak mengikuti barisnya lagi; jalankan Hitung "
                        "Capaian untuk memulihkannya", col_letter(col)))
    return out
