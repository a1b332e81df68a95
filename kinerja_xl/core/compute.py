"""The two base use cases as pure functions over grids: `check` (periksa) and `compute` (hitung).

Both return a `Computation`: the findings, every row's computed values, and the `WritePlan`
that an adapter applies to a file or to the live workbook.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from . import capaian as rules
from . import formulas
from .contract import (
    LAPORAN_VALIDASI,
    LEVEL_SHEETS,
    PENGATURAN,
    H,
    Level,
    S,
    computed_headers,
    norm_header,
)
from .findings import MAX_COL, Finding, Severity, WorkbookError, col_letter
from .grid import Grid, SheetLayout, cell
from .model import Indicator, Node, Settings
from .reader import ReadResult, read_plan
from .validate import effective_budget, validate
from .writes import (
    BLANK,
    NUMBER,
    PERCENT,
    CellWrite,
    ColumnWrite,
    GeneratedSheet,
    Out,
    SheetWrite,
    WritePlan,
)

PERIODE_NAME = "PeriodeKinerja"  # defined name of the live reporting quarter (1..4, 0 = none)
_PERIODE_SLACK = 500  # rows below the table that the live Periode formula also watches


@dataclass
class RowResult:
    """The computed values of one indicator row."""

    sheet: str
    row: int
    node: Node
    indicator: Indicator
    realisasi: float | None
    capaian: float | None
    predikat: str
    note: str
    live: bool  # written as a formula (True) or as a value computed by Python (False)


@dataclass
class Computation:
    read: ReadResult
    findings: list[Finding]
    periode: int | None = None
    rows: list[RowResult] = field(default_factory=list)
    node_capaian: dict[tuple[Level, str], float | None] = field(default_factory=dict)
    serapan: dict[tuple[Level, str], float | None] = field(default_factory=dict)
    writes: WritePlan = field(default_factory=WritePlan)

    @property
    def has_errors(self) -> bool:
        return any(f.severity is Severity.ERROR for f in self.findings)


def check(grids: Mapping[str, Grid]) -> Computation:
    """Periksa Tautan: findings, the Status column and the Laporan Validasi sheet."""
    read = read_plan(grids)
    comp = Computation(read, _sorted(read.findings + validate(read.plan, read.layouts)))
    for level in Level:
        layout = read.layouts[level.sheet]
        status = _status_cells(comp, level, layout, notes={})
        comp.writes.sheets.append(SheetWrite(level.sheet, layout.header_row, [
            _column(grids[level.sheet], layout, H.STATUS, status, [H.STATUS])]))
    comp.writes.generated.append(report_sheet(comp.findings))
    return comp


def compute(grids: Mapping[str, Grid], periode: int | None = None) -> Computation:
    """Hitung Capaian: every computed column (formulas where possible), Status, the report."""
    read = read_plan(grids)
    plan = read.plan
    comp = Computation(read, _sorted(read.findings + validate(plan, read.layouts)))
    if periode is not None:
        plan.settings.periode = periode
    comp.periode = rules.effective_periode(plan)
    periode_ref = _periode_cells(comp, grids, periode)
    for level in Level:
        _compute_level(comp, grids[level.sheet], level, periode_ref)
    comp.writes.generated.append(report_sheet(comp.findings))
    return comp


def _sorted(findings: list[Finding]) -> list[Finding]:
    order = {name: i for i, name in enumerate((PENGATURAN, "Pejabat", *LEVEL_SHEETS))}
    return sorted(findings, key=lambda f: (order.get(f.sheet, 99), f.row or 0))


# Periode ---------------------------------------------------------------------------------------

def _label_rows(grid: Grid) -> dict[str, int]:
    out: dict[str, int] = {}
    for r, row in enumerate(grid, start=1):
        key = norm_header(cell(row, 1))
        if key:
            out.setdefault(key, r)
    return out


def _periode_cells(comp: Computation, grids: Mapping[str, Grid], override: int | None) -> str:
    """Write Periode (when overridden) and the live Periode Dihitung formula; return its ref."""
    if PENGATURAN not in grids:
        return str(comp.periode or 0)
    grid = grids[PENGATURAN]
    labels = _label_rows(grid)
    next_row = len(grid) + 1

    def row_for(label: str) -> int:
        nonlocal next_row
        if norm_header(label) in labels:
            return labels[norm_header(label)]
        labels[norm_header(label)] = next_row
        comp.writes.cells.append(CellWrite(PENGATURAN, next_row, 1, Out(label)))
        next_row += 1
        return next_row - 1

    p_row = row_for(S.PERIODE)
    if override is not None:
        comp.writes.cells.append(CellWrite(PENGATURAN, p_row, 2, Out(f"TW{override}")))
    d_row = row_for(S.PERIODE_DIHITUNG)
    ranges: list[list[str]] = [[], [], [], []]
    for level in Level:
        layout = comp.read.layouts[level.sheet]
        for q, header in enumerate(H.REAL_TW):
            letter = layout.letter(header)
            if letter:
                last = max(layout.last_row, layout.header_row + 1) + _PERIODE_SLACK
                ranges[q].append(f"{formulas.quote_sheet(level.sheet)}!${letter}$"
                                 f"{layout.header_row + 1}:${letter}${last}")
    formula = formulas.periode(f"$B${p_row}", ranges)
    comp.writes.cells.append(CellWrite(PENGATURAN, d_row, 2,
                                       Out(comp.periode or 0, formula, "0")))
    comp.writes.names[PERIODE_NAME] = f"{formulas.quote_sheet(PENGATURAN)}!$B${d_row}"
    return PERIODE_NAME


# Level sheets ----------------------------------------------------------------------------------

def _compute_level(comp: Computation, grid: Grid, level: Level, periode_ref: str) -> None:
    read = comp.read
    layout = read.layouts[level.sheet]
    plan = read.plan
    s = plan.settings
    cols = _ensure_columns(grid, layout, computed_headers(level))
    letter = {h: col_letter(c) for h, c in cols.items()}

    def ref(header: str, row: int) -> str:
        col = layout.col(header)
        return f"{col_letter(col)}{row}" if col else '""'

    cells: dict[str, dict[int, Out]] = {h: {} for h in cols}
    notes: dict[int, str] = {}
    parent_layout = read.layouts.get(level.parent.sheet) if level.parent else None
    for node in plan.levels[level]:
        parent = plan.parent(node)
        if parent_layout is not None:
            value = parent.uraian if parent else ""
            f = formulas.parent_uraian(level.parent.sheet, parent_layout.letter(H.URAIAN),
                                       f"${layout.letter(H.KODE_INDUK)}${node.row}")
            for r in node.rows:
                cells[H.URAIAN_INDUK][r] = Out(value, f)
        values = []
        for ind in node.indicators:
            res = _indicator(comp, level, node, ind)
            values.append(res.capaian)
            comp.rows.append(res)
            refs = _refs(ind, ref, periode_ref)
            cells[H.REALISASI][ind.row] = _realisation_out(res, refs)
            notes[ind.row] = res.note
            r_ref = f"{letter[H.REALISASI]}{ind.row}"
            cells[H.CAPAIAN][ind.row] = _capaian_out(res, s, refs, r_ref)
            cap_ref = f"{letter[H.CAPAIAN]}{ind.row}"
            cells[H.PREDIKAT][ind.row] = Out(res.predikat, formulas.predikat(cap_ref, s.bands))
        comp.node_capaian[(level, node.code)] = rules.node_capaian(values)
        if level.has_budget:
            _serapan(comp, grid, layout, node, cells[H.SERAPAN], notes)
    cells[H.STATUS] = _status_cells(comp, level, layout, notes)
    columns = [_column(grid, layout, h, cells[h], list(cols), cols) for h in cols]
    comp.writes.sheets.append(SheetWrite(level.sheet, layout.header_row, columns))


def _indicator(comp: Computation, level: Level, node: Node, ind: Indicator) -> RowResult:
    s = comp.read.plan.settings
    if comp.periode is None:
        r, outcome = None, rules.Outcome(None, "belum ada realisasi di workbook")
    else:
        r, outcome = rules.indicator_capaian(ind, comp.periode, s.negative_rule, s.cap)
    live = ind.inputs_are_numbers
    note = outcome.note
    if not live:
        t = ind.target
        why = (f"target rentang {t}" if t is not None and t.is_range
               else "ada Target/Realisasi yang diketik sebagai teks")
        note = f"{note}; " if note else ""
        note += f"{why}: nilai dihitung Python (bukan rumus), jalankan Hitung lagi setelah mengubah"
    return RowResult(level.sheet, ind.row, node, ind, r, outcome.value,
                     rules.predikat(outcome.value, s.bands), note, live)


def _refs(ind: Indicator, ref: Callable[[str, int], str], periode_ref: str) -> formulas.RowRefs:
    return formulas.RowRefs(ref(H.TARGET, ind.row), [ref(h, ind.row) for h in H.TARGET_TW],
                            [ref(h, ind.row) for h in H.REAL_TW], periode_ref)


def _realisation_out(res: RowResult, refs: formulas.RowRefs) -> Out:
    value = "" if res.realisasi is None else res.realisasi
    f = formulas.realisation(res.indicator.tipe, refs) if res.live else None
    return Out(value, f, NUMBER)


def _capaian_out(res: RowResult, s: Settings, refs: formulas.RowRefs, r_ref: str) -> Out:
    value = "" if res.capaian is None else res.capaian
    ind = res.indicator
    f = (formulas.capaian(ind.tipe, ind.polarity, s.negative_rule, s.cap, refs, r_ref)
         if res.live else None)
    return Out(value, f, PERCENT)


def _serapan(comp: Computation, grid: Grid, layout: SheetLayout, node: Node,
             out: dict[int, Out], notes: dict[int, str]) -> None:
    plan = comp.read.plan
    a_col, ra_col = layout.col(H.ANGGARAN), layout.col(H.REAL_ANGGARAN)
    anggaran = effective_budget(plan, node)
    realisasi = effective_budget(plan, node, "realisasi_anggaran")
    value = rules.serapan(anggaran, realisasi)
    comp.serapan[(node.level, node.code)] = value
    shown: Any = "" if value is None else value
    row = grid[node.row - 1]
    if (a_col and ra_col and isinstance(cell(row, a_col), (int, float))
            and isinstance(cell(row, ra_col), (int, float))):
        out[node.row] = Out(shown, formulas.serapan(f"{col_letter(a_col)}{node.row}",
                                                    f"{col_letter(ra_col)}{node.row}"), PERCENT)
        return
    out[node.row] = Out(shown, None, PERCENT)
    if value is not None and (node.anggaran is None or node.realisasi_anggaran is None):
        extra = "serapan dari jumlah anggaran di bawahnya (nilai, bukan rumus)"
        notes[node.row] = f"{notes[node.row]}; {extra}" if notes.get(node.row) else extra


# Columns and Status ----------------------------------------------------------------------------

def _ensure_columns(grid: Grid, layout: SheetLayout, headers: tuple[str, ...]) -> dict[str, int]:
    """Column of each product-owned header; missing ones go right of everything used."""
    used = max((_last_used(row) for row in grid if row), default=0)
    nxt = max(used, layout.width) + 1
    cols = {}
    for h in headers:
        col = layout.col(h)
        if col is None:
            if nxt > MAX_COL:
                raise WorkbookError(
                    f"Sheet {layout.sheet}: tidak ada kolom kosong untuk kolom otomatis '{h}'; "
                    f"baris {layout.header_row} sudah terpakai sampai kolom {col_letter(MAX_COL)}"
                    ", kolom terakhir Excel. Hapus kolom kosong/tak terpakai di kanan tabel, "
                    "lalu jalankan lagi.")
            col, nxt = nxt, nxt + 1
        cols[h] = col
    return cols


def _last_used(row: tuple[Any, ...] | list[Any]) -> int:
    for i in range(len(row) - 1, -1, -1):
        if row[i] is not None and row[i] != "":
            return i + 1
    return 0


def _column(grid: Grid, layout: SheetLayout, header: str, cells: dict[int, Out],
            owned: list[str], cols: dict[str, int] | None = None) -> ColumnWrite:
    cols = cols or _ensure_columns(grid, layout, tuple(owned))
    col = cols[header]
    return ColumnWrite(header, col, layout.col(header) is None, layout.header_row + 1,
                       max(layout.last_row, layout.header_row + 1), cells)


def _status_cells(comp: Computation, level: Level, layout: SheetLayout,
                  notes: dict[int, str]) -> dict[int, Out]:
    by_row: dict[int, list[str]] = {}
    for f in comp.findings:
        if f.sheet == level.sheet and f.row and f.severity is not Severity.INFO:
            by_row.setdefault(f.row, []).append(f"{f.severity.value}: {f.message}")
    out: dict[int, Out] = {}
    rows = {r for node in comp.read.plan.levels[level] for r in node.rows}
    for r in sorted(rows | set(by_row) | set(notes)):
        parts = by_row.get(r, []) + ([notes[r]] if notes.get(r) else [])
        text = "; ".join(parts) if parts else "OK"
        out[r] = Out(text if len(text) <= 1000 else text[:999] + "…")
    return out


def report_sheet(findings: list[Finding]) -> GeneratedSheet:
    """The Laporan Validasi sheet: one row per finding, errors first within each sheet."""
    errors = sum(f.severity is Severity.ERROR for f in findings)
    warnings = sum(f.severity is Severity.WARNING for f in findings)
    rows: list[list[Any]] = [
        ["LAPORAN VALIDASI"],
        [f"{errors} kesalahan, {warnings} peringatan — "
         + ("workbook siap dipakai" if not errors else "perbaiki kesalahan lalu periksa lagi")],
        [],
        ["No", "Tingkat", "Sheet", "Baris", "Kolom", "Pesan"],
    ]
    for i, f in enumerate(findings, start=1):
        column = f.column + (f" ({f.letter})" if f.letter else "")
        rows.append([i, f.severity.value, f.sheet, f.row or "", column, f.message])
    if not findings:
        rows.append(["", "", "", "", "", "Tidak ada temuan."])
    return GeneratedSheet(LAPORAN_VALIDASI, rows, [6, 12, 16, 8, 26, 100], header_row=4,
                          wrap_cols=(6,))


__all__ = ["BLANK", "Computation", "RowResult", "check", "compute", "report_sheet"]
