"""Tahun baru: next year's workbook from last year's, as a `WritePlan` of cell edits (pure).

Same tree, officials and settings; Tahun + 1; Periode emptied and Tanggal PK moved one year;
quarterly targets and realisations, Realisasi Anggaran and the yearly texts (Faktor
Pendorong/Penghambat, Tindak Lanjut) emptied; last year's Realisasi and Capaian (computed as
Hitung does, at the workbook's Periode) moved to `Realisasi N-1` / `Capaian N-1`, and N-1 to
N-2. Headers that carry a year get the new years; missing columns are added to the right of
the used ones. The computed columns are recomputed for the emptied year, and `Log Tahun Baru`
lists what was carried. See docs/lkjip.md.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from ..core import capaian as rules
from ..core.compute import _label_rows as label_rows
from ..core.compute import compute
from ..core.contract import PENGATURAN, H, Level, S, norm_header
from ..core.findings import WorkbookError
from ..core.grid import Grid, cell, text
from ..core.reader import ReadResult, read_plan
from ..core.reread import reread_emptied
from ..core.writes import (
    BLANK,
    CellWrite,
    ColumnWrite,
    GeneratedSheet,
    Out,
    SheetWrite,
    WritePlan,
)
from .columns import (
    CAPAIAN_N1,
    CAPAIAN_N2,
    DEFAULT_HEADERS,
    PENDORONG,
    PENGHAMBAT,
    REAL_N1,
    REAL_N2,
    TINDAK_LANJUT,
    YearColumns,
    sheet_columns,
)

LOG_SHEET = "Log Tahun Baru"
_CLEARED_HEADERS = (*H.TARGET_TW, *H.REAL_TW, H.REAL_ANGGARAN)
_CLEARED_TEXTS = (PENDORONG, PENGHAMBAT, TINDAK_LANJUT)
_DATED = {REAL_N1: ("Realisasi", 1), REAL_N2: ("Realisasi", 2), CAPAIAN_N1: ("Capaian", 1),
          CAPAIAN_N2: ("Capaian", 2)}


@dataclass
class NewYear:
    """The plan for the new workbook and what it carried."""

    old_year: int
    new_year: int
    plan: WritePlan
    carried: int = 0  # indicator rows whose realisation went to Realisasi N-1
    cleared: int = 0  # cells emptied
    added: list[str] = field(default_factory=list)  # "Sheet: header" of columns added
    log: GeneratedSheet | None = None
    headers: list[SheetWrite] = field(default_factory=list)  # headers of the columns added


def _next_year(day: Any) -> Any:
    if isinstance(day, (dt.date, dt.datetime)):
        try:
            return day.replace(year=day.year + 1)
        except ValueError:  # 29 February
            return day.replace(year=day.year + 1, day=28)
    return None


class _Edits:
    """Cell edits kept both as a plan and applied to a copy of the grids."""

    def __init__(self, grids: Mapping[str, Grid]) -> None:
        self.grids: dict[str, list[list[Any]]] = {n: [list(r) for r in g] for n, g in
                                                  grids.items()}
        self.cells: list[CellWrite] = []

    def put(self, sheet: str, row: int, col: int, value: Any, write: bool = True) -> None:
        """Set a cell in the grids and, when `write`, in the plan (a header of a column the
        plan adds is written by its `ColumnWrite`, styled like its neighbour)."""
        grid = self.grids[sheet]
        while len(grid) < row:
            grid.append([])
        line = grid[row - 1]
        if len(line) < col:
            line.extend([None] * (col - len(line)))
        line[col - 1] = value
        if write:
            self.cells.append(CellWrite(sheet, row, col,
                                        Out(value) if value is not None else BLANK))

    def put_row(self, sheet: str, row: int, cells: list[tuple[int, Any]]) -> None:
        """`put` of several (column, value) cells of one existing row (the moves to N-1/N-2:
        the row widened once)."""
        line = self.grids[sheet][row - 1]
        width = max(col for col, _ in cells)
        if len(line) < width:
            line.extend([None] * (width - len(line)))
        add = self.cells.append
        for col, value in cells:
            line[col - 1] = value
            add(CellWrite(sheet, row, col, Out(value) if value is not None else BLANK))

    def clear(self, sheet: str, first_row: int, cols: list[int]) -> int:
        """Empty every filled cell of `cols` from first_row down; how many were filled."""
        add = self.cells.append
        emptied = 0
        for r, line in enumerate(self.grids[sheet][first_row - 1:], start=first_row):
            width = len(line)
            for c in cols:
                if c <= width and line[c - 1] not in (None, ""):
                    line[c - 1] = None
                    add(CellWrite(sheet, r, c, BLANK))
                    emptied += 1
        return emptied


def _settings(edits: _Edits, grids: Mapping[str, Grid], new_year: int) -> None:
    grid = grids[PENGATURAN]
    rows = label_rows(grid)
    edits.put(PENGATURAN, rows[norm_header(S.TAHUN)], 2, new_year)
    if norm_header(S.PERIODE) in rows and text(cell(grid[rows[norm_header(S.PERIODE)] - 1], 2)):
        edits.put(PENGATURAN, rows[norm_header(S.PERIODE)], 2, None)
    r = rows.get(norm_header(S.TANGGAL_PK))
    if r is not None:
        moved = _next_year(cell(grid[r - 1], 2))
        if moved is not None:
            edits.put(PENGATURAN, r, 2, moved)


def _last_used(row: list[Any]) -> int:
    for i in range(len(row) - 1, -1, -1):
        if row[i] not in (None, ""):
            return i + 1
    return 0


def _header_text(key: str, cols: YearColumns, old_year: int) -> str:
    """The new header of an N-x column: a dated header follows the years, a plain one stays."""
    if key in cols.years:
        word, offset = _DATED[key]
        return f"{word} {old_year + 1 - offset}"
    return cols.headers.get(key, DEFAULT_HEADERS[key])


def _columns(edits: _Edits, sheet: str, header_row: int, cols: YearColumns, old_year: int,
             out: NewYear) -> dict[str, int]:
    """Column of each N-x key: existing ones (headers re-dated), missing ones added right of
    everything used."""
    used = max((_last_used(row) for row in edits.grids[sheet]), default=0)
    where: dict[str, int] = {}
    for key in (REAL_N2, CAPAIAN_N2, REAL_N1, CAPAIAN_N1):
        header = _header_text(key, cols, old_year)
        if key in cols.cols:
            where[key] = cols.cols[key]
            if header != cols.headers[key]:
                edits.put(sheet, header_row, where[key], header)
        else:
            used += 1
            where[key] = used
            edits.put(sheet, header_row, used, header, write=False)
            out.headers.append(SheetWrite(sheet, header_row, [ColumnWrite(
                header, used, True, header_row + 1, header_row)]))  # the header alone
            out.added.append(f"{sheet}: {header}")
    return where


@dataclass
class _LastYear:
    """Last year's workbook read once: its plan, where its columns are, and each indicator's
    (realisation, capaian) at its Periode by the rule Hitung's `compute` applies per row
    (`core.capaian.indicator_capaian`), without compute's formulas: the new year's computed
    columns come from one `compute` over the edited cells."""

    read: ReadResult
    columns: dict[str, YearColumns]
    rows: dict[tuple[str, int], tuple[float | None, float | None]]

    @property
    def tahun(self) -> int | None:
        return self.read.plan.settings.tahun


def _last_year(grids: Mapping[str, Grid]) -> _LastYear:
    read = read_plan(grids)
    plan = read.plan
    s = plan.settings
    periode = rules.effective_periode(plan)
    out = _LastYear(read, {}, {})
    for level in Level:
        out.columns[level.sheet] = sheet_columns(grids[level.sheet], read.layouts[level.sheet],
                                                 s.tahun)
        for node in plan.levels[level]:
            for ind in node.indicators:
                if periode is None:
                    out.rows[(level.sheet, ind.row)] = (None, None)
                    continue
                r, outcome = rules.indicator_capaian(ind, periode, s.negative_rule, s.cap)
                out.rows[(level.sheet, ind.row)] = (r, outcome.value)
    return out


def plan_tahun_baru(grids: Mapping[str, Grid]) -> NewYear:
    """The edits that turn last year's workbook into next year's. Raises WorkbookError when
    Tahun is not set (the new year would be unknown)."""
    src = _last_year(grids)
    old_year = src.tahun
    if old_year is None or PENGATURAN not in grids:
        raise WorkbookError("Tahun di sheet Pengaturan kosong atau tidak sah, jadi tahun baru "
                            "tidak dapat ditentukan. Isi Tahun (contoh: 2025) lalu coba lagi.")
    edits = _Edits(grids)
    out = NewYear(old_year, old_year + 1, WritePlan())
    _settings(edits, grids, old_year + 1)
    log: list[list[Any]] = []
    for level in Level:
        sheet = level.sheet
        layout = src.read.layouts[sheet]
        cols = src.columns[sheet]
        where = _columns(edits, sheet, layout.header_row, cols, old_year, out)
        clear = [c for c in (layout.col(h) for h in _CLEARED_HEADERS) if c]
        clear += [cols.cols[k] for k in _CLEARED_TEXTS if k in cols.cols]
        out.cleared += edits.clear(sheet, layout.header_row + 1, clear)
        grid = grids[sheet]
        old = [cols.cols.get(key) for key in (REAL_N2, CAPAIAN_N2, REAL_N1, CAPAIAN_N1)]
        where_cols = [where[key] for key in (REAL_N2, CAPAIAN_N2, REAL_N1, CAPAIAN_N1)]
        for node in src.read.plan.levels[level]:
            for ind in node.indicators:
                row = grid[ind.row - 1]
                real, cap = src.rows[(sheet, ind.row)]
                was = [cell(row, c) for c in old]
                # N-2 <- old N-1, N-1 <- this year; a cell is written unless it stays empty
                cells = [(col, value) for col, value, before in zip(
                    where_cols, (was[2], was[3], real, cap), was, strict=True)
                    if value is not None or before is not None]
                if cells:
                    edits.put_row(sheet, ind.row, cells)
                out.carried += real is not None
                log.append([sheet, ind.row, node.code, ind.name, real, was[2], cap])
    # The new year's reading, from last year's (core/reread.py: the rows are not parsed a
    # second time); in full when it cannot be derived. Last year's reading is used up here.
    read = reread_emptied(src.read, grids, edits.grids)
    del src
    comp = compute(edits.grids, read=read)  # the computed columns for the emptied year
    out.plan = comp.writes
    out.plan.sheets += out.headers
    out.plan.cells = edits.cells + out.plan.cells
    out.log = _log_sheet(out, log)
    out.plan.generated.append(out.log)
    return out


def _log_sheet(out: NewYear, rows: list[list[Any]]) -> GeneratedSheet:
    y = out.old_year
    head: list[list[Any]] = [
        [f"LOG TAHUN BARU {y} → {out.new_year}"],
        [f"Tahun {y} → {out.new_year}; Periode dikosongkan; Tanggal PK dimajukan satu tahun. "
         f"{out.carried} realisasi {y} dipindah ke Realisasi N-1 ({y}), N-1 lama ke N-2; "
         f"{out.cleared} sel triwulan/realisasi anggaran/faktor dikosongkan."],
        ["Kolom ditambahkan: " + (", ".join(out.added) if out.added else "tidak ada")
         + ". Perbarui Target, Anggaran dan Pejabat untuk tahun baru, lalu jalankan Hitung, "
           "Buat PK dan Rencana Aksi."],
        [],
        ["Sheet", "Baris", "Kode", "Indikator", f"Realisasi {y} → N-1", "N-1 lama → N-2",
         f"Capaian {y} (%) → Capaian N-1"],
    ]
    return GeneratedSheet(LOG_SHEET, head + rows, [14, 7, 14, 50, 18, 18, 22], header_row=5)


__all__ = ["LOG_SHEET", "NewYear", "plan_tahun_baru"]
