"""The two base use cases as pure functions over grids: `check` (periksa) and `compute` (hitung).

Both return a `Computation`: the findings, every row's computed values, and the `WritePlan`
that an adapter applies to a file or to the live workbook.
"""

from __future__ import annotations

from collections.abc import Mapping
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
    NegativeRule,
    S,
    computed_headers,
    norm_header,
)
from .drift import formula_drift
from .findings import MAX_COL, Finding, Severity, WorkbookError, col_letter
from .grid import Grid, SheetLayout, cell
from .model import Indicator, Node
from .reader import ReadResult, read_plan
from .sheetformulas import SheetFormulas
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

PERIODE_NAME = formulas.PERIODE_NAME  # defined name of the live reporting quarter (0 = none)
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
    drift = formula_drift(read.plan, read.layouts, grids)
    comp = Computation(read, _sorted(read.findings + validate(read.plan, read.layouts) + drift))
    for level in Level:
        layout = read.layouts[level.sheet]
        status = _status_cells(comp, level, layout, notes={})
        comp.writes.sheets.append(SheetWrite(level.sheet, layout.header_row, [
            _column(grids[level.sheet], layout, H.STATUS, status, [H.STATUS])]))
    comp.writes.generated.append(report_sheet(comp.findings))
    return comp


def compute(grids: Mapping[str, Grid], periode: int | None = None,
            read: ReadResult | None = None) -> Computation:
    """Hitung Capaian: every computed column (formulas where possible), Status, the report.
    `read`: `read_plan(grids)` when the caller has it already (tahun-baru derives it)."""
    if read is None:
        read = read_plan(grids)
    plan = read.plan
    comp = Computation(read, _sorted(read.findings + validate(plan, read.layouts)))
    if periode is not None:
        plan.settings.periode = periode
    comp.periode = rules.effective_periode(plan)
    _settings_names(comp, grids, periode)
    for level in Level:
        _compute_level(comp, grids[level.sheet], level)
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


def _settings_names(comp: Computation, grids: Mapping[str, Grid], override: int | None) -> None:
    """Write Periode (when overridden) and the live Periode Dihitung formula, and point the
    defined names the formulas read at their Pengaturan cells (adding missing label rows;
    a blank value means the default, as in the core)."""
    names = comp.writes.names
    if PENGATURAN not in grids:  # nothing to point at: the names hold the values used
        s = comp.read.plan.settings
        names[formulas.PERIODE_NAME] = str(comp.periode or 0)
        names[formulas.RULE_NAME] = str(s.negative_rule is NegativeRule.T_OVER_R).upper()
        names[formulas.CAP_NAME] = "9.99E+307" if s.cap is None else repr(float(s.cap))
        for name, band in zip(formulas.BAND_NAMES, s.bands, strict=True):
            names[name] = repr(float(band))
        return
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

    cells: dict[str, str] = {}

    def point(name: str, label: str) -> int:
        row = row_for(label)
        cells[name] = f"{formulas.quote_sheet(PENGATURAN)}!$B${row}"
        return row

    point(formulas.RULE_NAME, S.RUMUS_NEGATIF)
    point(formulas.CAP_NAME, S.BATAS_MAKS)
    for name, label in zip(formulas.BAND_NAMES, S.BAND_LABELS, strict=True):
        point(name, label)
    p_row = row_for(S.PERIODE)
    if override is not None:
        comp.writes.cells.append(CellWrite(PENGATURAN, p_row, 2, Out(f"TW{override}")))
    d_row = point(formulas.PERIODE_NAME, S.PERIODE_DIHITUNG)
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
    names.update(formulas.setting_names(cells))


# Level sheets ----------------------------------------------------------------------------------

def _compute_level(comp: Computation, grid: Grid, level: Level) -> None:
    read = comp.read
    layout = read.layouts[level.sheet]
    plan = read.plan
    cols = _ensure_columns(grid, layout, computed_headers(level))
    letter = {h: col_letter(c) for h, c in cols.items()}
    cells: dict[str, dict[int, Out]] = {h: {} for h in cols}
    notes: dict[int, str] = {}
    parent_layout = read.layouts.get(level.parent.sheet) if level.parent else None
    uniform = SheetFormulas(level, layout, parent_layout, letter)
    for node in plan.levels[level]:
        if parent_layout is not None:
            parent = plan.parent(node)
            for r in node.rows:
                cells[H.URAIAN_INDUK][r] = Out(parent.uraian if parent else "",
                                               uniform.at(H.URAIAN_INDUK, r), uniform=True)
        values = []
        for ind in node.indicators:
            res = _indicator(comp, level, node, ind)
            values.append(res.capaian)
            comp.rows.append(res)
            r = ind.row
            if res.live:
                real, cap = uniform.at(H.REALISASI, r), uniform.at(H.CAPAIAN, r)
            else:
                checks = _guard_checks(comp, grid, layout, r)
                real = formulas.guard(checks, res.realisasi)
                cap = formulas.guard(checks, res.capaian)
            cells[H.REALISASI][r] = Out(_shown(res.realisasi), real, NUMBER, res.live)
            cells[H.CAPAIAN][r] = Out(_shown(res.capaian), cap, PERCENT, res.live)
            cells[H.PREDIKAT][r] = Out(res.predikat, uniform.at(H.PREDIKAT, r), uniform=True)
            notes[r] = res.note
        comp.node_capaian[(level, node.code)] = rules.node_capaian(values)
        if level.has_budget:
            _serapan(comp, grid, layout, node, uniform, cells[H.SERAPAN], notes)
    cells[H.STATUS] = _status_cells(comp, level, layout, notes)
    columns = [_column(grid, layout, h, cells[h], list(cols), cols) for h in cols]
    comp.writes.sheets.append(SheetWrite(level.sheet, layout.header_row, columns))


def _shown(value: float | None) -> Any:
    return "" if value is None else value


_GUARDED = (H.TARGET, *H.TARGET_TW, *H.REAL_TW, H.POLARITAS, H.TIPE, H.SATUAN)


def _guard_checks(comp: Computation, grid: Grid, layout: SheetLayout, row: int) -> list[str]:
    """What a Python-computed row depends on: its input cells as Hitung read them, and the
    settings it used."""
    values = grid[row - 1]
    checks = [formulas.same_as(f"{col_letter(col)}{row}", cell(values, col))
              for h in _GUARDED if (col := layout.col(h))]
    s = comp.read.plan.settings
    return checks + formulas.settings_checks(comp.periode or 0,
                                             s.negative_rule is NegativeRule.T_OVER_R, s.cap)


def _indicator(comp: Computation, level: Level, node: Node, ind: Indicator) -> RowResult:
    s = comp.read.plan.settings
    if comp.periode is None:
        r, outcome = None, rules.Outcome(None, "belum ada realisasi di workbook")
    else:
        r, outcome = rules.indicator_capaian(ind, comp.periode, s.negative_rule, s.cap)
    live = ind.inputs_are_numbers
    parts = [outcome.note, *ind.reading_notes]
    if not live:
        t = ind.target
        why = ("nilai huruf" if ind.grade_scale else f"target rentang {t}"
               if t is not None and t.is_range else "ada isian yang hanya dapat dibaca Python")
        parts.append(f"{why}: nilai dihitung Python; bila baris ini diubah, sel menunjukkan "
                     f"'{formulas.RUN_HITUNG}'")
    note = "; ".join(p for p in parts if p)
    return RowResult(level.sheet, ind.row, node, ind, r, outcome.value,
                     rules.predikat(outcome.value, s.bands), note, live)


def _serapan(comp: Computation, grid: Grid, layout: SheetLayout, node: Node,
             uniform: SheetFormulas, out: dict[int, Out], notes: dict[int, str]) -> None:
    """The uniform Serapan formula on every row of a node where it gives the core's value; a
    guard where only Python can (a budget summed from the level below, or typed as text)."""
    plan = comp.read.plan
    a_col, ra_col = layout.col(H.ANGGARAN), layout.col(H.REAL_ANGGARAN)
    value = rules.serapan(effective_budget(plan, node),
                          effective_budget(plan, node, "realisasi_anggaran"))
    comp.serapan[(node.level, node.code)] = value
    for r in node.rows:
        wanted = value if r == node.row else None
        row = grid[r - 1]
        a, ra = cell(row, a_col), cell(row, ra_col)
        if a_col and ra_col and _serapan_formula_value(a, ra) == wanted:
            out[r] = Out(_shown(wanted), uniform.at(H.SERAPAN, r), PERCENT, uniform=True)
            continue
        checks = [formulas.same_as(f"{col_letter(c)}{r}", cell(row, c))
                  for c in (a_col, ra_col) if c]
        out[r] = Out(_shown(wanted), formulas.guard(checks, wanted), PERCENT)
        if r == node.row and value is not None and (
                node.anggaran is None or node.realisasi_anggaran is None):
            extra = "serapan dari jumlah anggaran di bawahnya (dihitung Python)"
            notes[r] = f"{notes[r]}; {extra}" if notes.get(r) else extra


def _number_cell(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _serapan_formula_value(a: Any, ra: Any) -> float | None:
    """What the Serapan formula gives for a row's own Anggaran / Realisasi Anggaran cells."""
    if _number_cell(a) and _number_cell(ra) and a != 0:
        return ra / a * 100
    return None


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
