"""Merging an import into an existing kinerja workbook (`kinerja-xl impor … --ke WB.xlsm`).

Pure apart from `prepare_merge`/`merge_file`: `merge_plan` compares the imported plan with the
workbook's own (read by the core reader) and returns a `WritePlan` of single cells and row
inserts plus the `Laporan Impor` sheet. Rules: a node is the same when its Kode is the same (a
Permendagri kode or the same name), else when its name is the same one level down the same
parent; an empty cell is filled; a typed value that differs is never overwritten but listed as
a conflict (overwritten and listed with `timpa_isian`); new nodes are appended under the table
of their sheet; a new indicator of an existing node goes into the empty row right under the
node, else into a row inserted right after the node's last row (DESIGN.md §5: a node's rows
are consecutive). Where the package editor cannot insert rows into that sheet without
guessing (`package.insert_rows`), the indicator is listed instead, with the reason.
Row numbers in the plan and in the report are those of the file after the inserts.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..core.contract import H, Level
from ..core.findings import clip, col_letter
from ..core.grid import Grid, SheetLayout, text
from ..core.model import Indicator, Node
from ..core.reader import ReadResult
from ..core.writes import CellWrite, Out, RowInsert, WritePlan
from ..xlsx.fill import _row_values
from .esakip import ImportResult
from .kode import kind_of
from .nomenklatur import same_name
from .report import Kind, ReportEntry

NOTE_HEADER = "Keterangan"


@dataclass
class MergeResult:
    plan: WritePlan
    entries: list[ReportEntry] = field(default_factory=list)
    filled: int = 0
    conflicts: int = 0
    overwritten: int = 0
    new_nodes: int = 0
    new_indicators: int = 0
    not_placed: int = 0
    inserted_rows: int = 0

    def summary(self) -> str:
        parts = [f"{self.new_nodes} node baru", f"{self.new_indicators} indikator baru",
                 f"{self.filled} sel kosong diisi", f"{self.conflicts} konflik"]
        if self.overwritten:
            parts.append(f"{self.overwritten} sel ditimpa")
        if self.inserted_rows:
            parts.append(f"{self.inserted_rows} baris disisipkan")
        if self.not_placed:
            parts.append(f"{self.not_placed} indikator belum dapat ditambahkan")
        return ", ".join(parts)


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, int | float) and isinstance(b, int | float) and not isinstance(a, bool):
        return abs(float(a) - float(b)) < 1e-9
    return " ".join(text(a).split()).casefold() == " ".join(text(b).split()).casefold()


@dataclass(frozen=True)
class _Row:
    """A row number in a report message, written as its number after the inserts."""

    sheet: str
    row: int


class _Merger:
    def __init__(self, current: ReadResult, grids: Mapping[str, Grid], imported: ImportResult,
                 overwrite: bool, refused: Mapping[str, str]) -> None:
        self.cur, self.grids, self.imp, self.overwrite = current, grids, imported, overwrite
        self.refused = refused
        self.out = MergeResult(WritePlan())
        self.codes: dict[tuple[Level, str], str] = {}
        self.next_row: dict[str, int] = {}
        self.missing_cols: dict[str, set[str]] = {}
        self.messages: list[tuple[Kind, tuple[int, ...], tuple[str | _Row, ...]]] = []
        self.inserts: dict[tuple[str, int], int] = {}  # (sheet, before row) -> rows inserted
        self.slots: dict[int, tuple[str, int, int]] = {}  # placeholder row -> (sheet, before, k)

    def add(self, kind: Kind, *message: str | _Row, lines: Sequence[int] = ()) -> None:
        self.messages.append((kind, tuple(lines), message))

    def final_row(self, sheet: str, row: int) -> int:
        """A row's number after the inserts (negative: a placeholder for an inserted row)."""
        if row < 0:
            sheet, before, k = self.slots[row]
            return before + k + sum(n for (s, b), n in self.inserts.items()
                                    if s == sheet and b < before)
        return row + sum(n for (s, b), n in self.inserts.items() if s == sheet and b <= row)

    def finish(self) -> MergeResult:
        """Rows renumbered after the inserts, in the cell writes and the messages."""
        plan = self.out.plan
        for w in plan.cells:
            w.row = self.final_row(w.sheet, w.row)
        plan.inserts = [RowInsert(s, b, n) for (s, b), n in sorted(self.inserts.items())]
        self.out.inserted_rows = sum(self.inserts.values())
        for kind, lines, parts in self.messages:
            text_ = "".join(str(self.final_row(p.sheet, p.row)) if isinstance(p, _Row) else p
                            for p in parts)
            self.out.entries.append(ReportEntry(kind, lines, text_))
        return self.out

    def layout(self, level: Level) -> SheetLayout:
        return self.cur.layouts[level.sheet]

    def value_at(self, sheet: str, row: int, col: int) -> Any:
        grid = self.grids[sheet]
        if row < 1 or row - 1 >= len(grid) or col - 1 >= len(grid[row - 1]):
            return None
        return grid[row - 1][col - 1]

    def free_row(self, level: Level) -> int:
        sheet = level.sheet
        if sheet not in self.next_row:
            grid = self.grids[sheet]
            last = max((r for r in range(1, len(grid) + 1)
                        if any(text(v) for v in grid[r - 1])), default=0)
            self.next_row[sheet] = max(last, self.layout(level).header_row) + 1
        return self.next_row[sheet]

    # matching -------------------------------------------------------------------------------
    def match(self, node: Node, parent: str) -> Node | None:
        existing = self.cur.plan.levels[node.level]
        by_code = next((n for n in existing if n.code == node.code), None)
        if by_code is not None and (isinstance(kind_of(node.code), Level) or same_name(
                by_code.uraian, node.uraian)):
            return by_code
        named = [n for n in existing if node.uraian and same_name(n.uraian, node.uraian)]
        return next((n for n in named if n.parent_code == parent), named[0] if named else None)

    def free_code(self, level: Level, code: str) -> str:
        taken = {n.code for n in self.cur.plan.levels[level]} | {
            c for (lv, _), c in self.codes.items() if lv is level}
        if code not in taken:
            return code
        n = 2
        while f"{code}-{n}" in taken:
            n += 1
        return f"{code}-{n}"

    # writing --------------------------------------------------------------------------------
    def put(self, level: Level, row: int, header: str, value: Any, source_line: int,
            what: str, fill_only: bool = True) -> None:
        col = self.layout(level).col(header)
        if col is None:
            if value not in (None, ""):
                self.missing_cols.setdefault(level.sheet, set()).add(header)
            return
        if value in (None, ""):
            return
        cell = (f"{level.sheet}!{col_letter(col)}", _Row(level.sheet, row))
        old = self.value_at(level.sheet, row, col)
        out = CellWrite(level.sheet, row, col, Out(value))
        if not fill_only or text(old) == "":
            self.out.plan.cells.append(out)
            if fill_only:
                self.out.filled += 1
                self.add(Kind.DIISI, *cell, f" ({header}, {what}) diisi "
                         f"'{clip(text(value), 60)}'", lines=[source_line] if source_line else [])
            return
        if _same(old, value):
            return
        if self.overwrite:
            self.out.plan.cells.append(out)
            self.out.overwritten += 1
            self.add(Kind.DITIMPA, *cell, f" ({header}, {what}): '{clip(text(old), 50)}' "
                     f"ditimpa dengan '{clip(text(value), 50)}' (--timpa-isian)",
                     lines=[source_line] if source_line else [])
        else:
            self.out.conflicts += 1
            self.add(Kind.KONFLIK, *cell, f" ({header}, {what}): di workbook "
                     f"'{clip(text(old), 50)}', di sumber '{clip(text(value), 50)}'; isi "
                     "workbook dipertahankan (pakai --timpa-isian untuk menimpa)",
                     lines=[source_line] if source_line else [])

    def write_row(self, level: Level, row: int, node: Node, ind: Indicator | None,
                  first: bool, notes: list[str]) -> None:
        values = _row_values(node, ind, first)
        if not first:
            values[H.KODE] = node.code
        for header, value in values.items():
            self.put(level, row, header, value, 0, "baru", fill_only=False)
        if first and notes and self.layout(level).col(NOTE_HEADER):
            self.put(level, row, NOTE_HEADER, "; ".join(notes), 0, "baru", fill_only=False)

    def line(self, obj: object) -> list[int]:
        """The source row of an imported node or indicator (for the report)."""
        row = self.imp.rows.get(id(obj))
        return [row] if row else []

    def run(self) -> MergeResult:
        for level in Level:
            # existing nodes first: a new indicator may need the row right under its node
            pairs = [(node, self.parent_of(level, node)) for node in self.imp.plan.levels[level]]
            found = [(node, parent, self.match(node, parent)) for node, parent in pairs]
            for node, parent, existing in found:
                if existing is not None:
                    self.merge_existing(level, node, parent, existing)
            for node, parent, existing in found:
                if existing is None:
                    self.add_node(level, node, parent)
        for sheet, headers in self.missing_cols.items():
            cols = ", ".join(sorted(headers))
            self.add(Kind.PERINGATAN, f"sheet {sheet} tidak punya kolom {cols}; isinya dari "
                     "sumber tidak ditulis")
        return self.finish()

    def parent_of(self, level: Level, node: Node) -> str:
        if level.parent is None or not node.parent_code:
            return ""
        return self.codes.get((level.parent, node.parent_code), node.parent_code)

    def add_node(self, level: Level, node: Node, parent: str) -> None:
        notes = self.imp.notes.get((level, node.code), [])
        code = self.free_code(level, node.code)
        self.codes[(level, node.code)] = code
        new = Node(level, code, 0, parent, node.uraian, node.sasaran, node.pic,
                   node.indicators, node.anggaran, node.realisasi_anggaran)
        start = self.free_row(level)
        for i, ind in enumerate(node.indicators or [None]):
            self.write_row(level, start + i, new, ind, i == 0, notes)
        self.next_row[level.sheet] = start + max(len(node.indicators), 1)
        self.out.new_nodes += 1
        self.out.new_indicators += len(node.indicators)
        renamed = f" (kode {node.code} sudah dipakai: diberi {code})" if code != node.code \
            else ""
        self.add(Kind.DITAMBAH, f"{level.sheet} {code} '{clip(node.uraian, 60)}' ditambahkan "
                 "di baris ", _Row(level.sheet, start), renamed, lines=self.line(node))

    def merge_existing(self, level: Level, node: Node, parent: str, existing: Node) -> None:
        self.codes[(level, node.code)] = existing.code
        given = self.imp.given.get(id(node), {H.URAIAN, H.SASARAN})
        first = _row_values(Node(level, existing.code, 0, parent, node.uraian, node.sasaran,
                                 node.pic, [], node.anggaran, node.realisasi_anggaran),
                            None, True)
        what = f"Kode {existing.code}"
        for header in (H.KODE_INDUK, H.URAIAN, H.SASARAN, H.PJ, H.ANGGARAN, H.REAL_ANGGARAN):
            if header in given or header == H.KODE_INDUK or not self.imp.given:
                self.put(level, existing.row, header, first.get(header),
                         (self.line(node) or [0])[0], what)
        placed_after = max(existing.rows)
        for ind in node.indicators:
            placed_after = self.merge_indicator(level, existing, ind, placed_after)

    def merge_indicator(self, level: Level, existing: Node, ind: Indicator,
                        after: int) -> int:
        """Merge one imported indicator; returns the node's last row afterwards (in the
        numbering before the inserts)."""
        match = next((i for i in existing.indicators if same_name(i.name, ind.name)), None)
        given = self.imp.given.get(id(ind))
        values = _row_values(existing, ind, False)
        if match is not None:
            for header, value in values.items():
                if header in (H.KODE, H.INDIKATOR):
                    continue
                if given is not None and header not in given:
                    continue  # a default (Positif, Non Kumulatif) is not the source's word
                self.put(level, match.row, header, value, (self.line(ind) or [0])[0],
                         f"Kode {existing.code}, '{clip(ind.name, 40)}'")
            return after
        row = after + 1
        sheet = level.sheet
        sheet_last = self.free_row(level) - 1
        grid = self.grids[sheet]
        free = row > sheet_last or (row - 1 < len(grid) and not any(
            text(v) for v in grid[row - 1]))
        taken = {c.row for c in self.out.plan.cells if c.sheet == sheet}
        what = f"indikator '{clip(ind.name, 60)}' ditambahkan ke Kode {existing.code} di {sheet}"
        if (free and row not in taken) or sheet not in self.refused:
            inserted = not (free and row not in taken)
            if inserted:  # a row inserted before the next node's first row
                k = self.inserts.get((sheet, row), 0)
                self.inserts[(sheet, row)] = k + 1
                target = -(len(self.slots) + 1)
                self.slots[target] = (sheet, row, k)
            else:
                target = row
            existing.indicators.append(Indicator(target, ind.name))
            self.write_row(level, target, existing, ind, False, [])
            if row > sheet_last and not inserted:
                self.next_row[sheet] = row + 1
            self.out.new_indicators += 1
            self.add(Kind.DITAMBAH, f"{what} baris ", _Row(sheet, target),
                     " (baris baru disisipkan)" if inserted else "", lines=self.line(ind))
            return after if inserted else row
        self.out.not_placed += 1
        self.add(Kind.PERINGATAN, f"indikator baru '{clip(ind.name, 60)}' untuk Kode "
                 f"{existing.code} belum ditambahkan: baris {row} sheet {sheet} sudah terisi "
                 f"dan baris baru tidak dapat disisipkan ({self.refused[sheet]}). Sisipkan "
                 f"baris kosong di bawah baris {after} lalu jalankan impor ini lagi",
                 lines=self.line(ind))
        return after


def merge_plan(current: ReadResult, grids: Mapping[str, Grid], imported: ImportResult,
               overwrite: bool = False, refused: Mapping[str, str] | None = None
               ) -> MergeResult:
    """The cell writes and row inserts that merge `imported` into the workbook read as
    `current`; `refused`: sheets where rows cannot be inserted, with the reason."""
    return _Merger(current, grids, imported, overwrite, refused or {}).run()


def _read(target: Path) -> Mapping[str, Grid]:
    from ..xlsx.load import grids as load_grids
    from ..xlsx.load import open_workbook

    wb = open_workbook(target, read_only=False)
    try:
        return load_grids(wb, target)
    finally:
        wb.close()


def _merge(g: Mapping[str, Grid], imported: ImportResult, overwrite: bool,
           refused: Mapping[str, str]) -> MergeResult:
    from ..core.reader import read_plan

    return merge_plan(read_plan(g), g, imported, overwrite, refused)  # a fresh reading each time


def prepare_merge(target: str | Path, imported: ImportResult,
                  overwrite: bool = False) -> MergeResult:
    """Read the workbook target and compute the merge (nothing is written); a sheet where
    rows cannot be inserted is merged without inserts (the indicators listed instead)."""
    from ..package.insert_rows import refusal
    from ..package.parts import Package
    from ..package.workbook import WorkbookPart

    target = Path(target)
    g = _read(target)
    result = _merge(g, imported, overwrite, {})
    if not result.plan.inserts:
        return result
    pkg = Package.open(target)
    part = WorkbookPart(pkg)
    refused: dict[str, str] = {}
    for sheet in dict.fromkeys(i.sheet for i in result.plan.inserts):
        why = refusal(pkg, part, sheet, [(i.before, i.count) for i in result.plan.inserts
                                         if i.sheet == sheet])
        if why:
            refused[sheet] = why
    return _merge(g, imported, overwrite, refused) if refused else result


def merge_file(src: str | Path, target: str | Path, imported: ImportResult,
               overwrite: bool = False, out: str | Path | None = None) -> MergeResult:
    """Merge `imported` (read from src) into the workbook target through `update_file`; when
    the package editor refuses to insert rows into a sheet, the merge is computed again
    without inserts there and written (the refused attempt wrote nothing)."""
    from ..api import update_file
    from ..package.insert_rows import InsertRefused
    from .workbook import report_sheet

    target = Path(target)
    g = _read(target)
    refused: dict[str, str] = {}
    while True:
        result = _merge(g, imported, overwrite, refused)
        entries = [*result.entries, *imported.report]
        result.plan.generated.append(report_sheet(
            entries, Path(src).name,
            f"{imported.summary()}; ke {target.name}: {result.summary()}",
            imported.line_count, imported.encoding))
        try:
            update_file(target, plan=result.plan, out=out)
        except InsertRefused as exc:
            if exc.sheet in refused:
                raise
            refused[exc.sheet] = exc.reason
            continue
        return result


__all__ = ["MergeResult", "merge_file", "merge_plan", "prepare_merge"]
