"""One job's edit of a user's workbook file: read grids, apply a write plan in place, put
generated sheets, set colour rules, and save the package atomically (see docs/package.md)."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from ..core.contract import LAPORAN_VALIDASI
from ..core.findings import WorkbookError, col_letter
from ..core.sheetnames import final_name
from ..core.sheetspec import SheetSpec
from ..core.writes import BLANK, CellWrite, GeneratedSheet, Out, RowInsert, SheetWrite, WritePlan
from ..visual.colours import ColourRule
from ..xlsx import guard
from .condfmt import set_colour_rules
from .insert_rows import insert_rows
from .marker import MARKER_NAME, generated_sheets, marker_value
from .parts import Package, Rels, source_of
from .read import Grids
from .shared import reserved_si, share_runs
from .sheet_edit import (
    Edit,
    Edits,
    add_widths,
    edit_cells,
    merged_ranges,
    range_bounds,
    widen_dimension,
)
from .styles import Styles
from .transplant import Transplanter, generated_sheet_xml, render_scratch
from .workbook import WORKSHEET_CT, WorkbookPart

_CLEAR = Edit()  # an owned cell emptied (shared: never changed after it is made)
CALC_CHAIN = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/calcChain"


class Editor:
    """Open a workbook file for one job; `save()` writes it (or `out`) atomically."""

    def __init__(self, path: str | Path, out: str | Path | None = None) -> None:
        """`out`: where `save` will write when not back to path (then path itself may be
        read-only: only the output is checked for writing)."""
        from ..xlsx.load import _sniff

        self.path = Path(path)
        _sniff(self.path)
        elsewhere = out is not None and Path(out).resolve() != self.path.resolve()
        self.snap = guard.snapshot_for_update(self.path, check_write=not elsewhere,
                                              check_open=not elsewhere)
        self.pkg = Package(self.snap.path.read_bytes(), self.path.name)
        self.wb = WorkbookPart(self.pkg)
        self.styles = Styles(self.pkg, self.wb)
        self.grids = Grids(self.pkg, self.wb, self.styles)
        self.generated = generated_sheets(self.wb)
        self._parts: dict[str, bytes] = {}  # sheet name -> edited worksheet part
        self.formulas_written = False
        self.renamed: dict[str, str] = {}  # wanted name -> the free name used (user's sheet)
        self._restylers: dict[str, Callable[[int], int]] = {}

    # reading --------------------------------------------------------------------------------
    def sheet_part(self, name: str) -> str:
        entry = next((s for s in self.wb.sheets() if s.name == name), None)
        if entry is None or entry.part is None or not self.pkg.has(entry.part):
            raise WorkbookError(f"Sheet {name} tidak ditemukan di file '{self.path.name}'.")
        return entry.part

    def _data(self, name: str) -> bytes:
        if name not in self._parts:
            self._parts[name] = self.pkg.read(self.sheet_part(name))
        return self._parts[name]

    # owned cells ------------------------------------------------------------------------------
    def apply_plan(self, plan: WritePlan) -> None:
        """Computed columns, single cells and defined names, in place; generated sheets whole."""
        self.insert_rows(plan.inserts)
        edits: dict[str, Edits] = {}
        widths: dict[str, dict[int, float]] = {}
        self._refuse_merged(plan)
        heads: dict[tuple[str, int], int] = {}  # header style of each column added here
        for sw in plan.sheets:
            sheet_edits = edits.setdefault(sw.sheet, {})
            for cw in sw.columns:
                if cw.is_new:  # styled like the header on its left (added just now or not)
                    left = (heads.get((sw.sheet, cw.col - 1))
                            or self._style_at(sw.sheet, sw.header_row, cw.col - 1))
                    head = heads[(sw.sheet, cw.col)] = left if left else self._header_xf()
                    sheet_edits.setdefault(sw.header_row, {})[cw.col] = Edit(
                        cw.header, None, lambda _s, head=head: head)
                    widths.setdefault(sw.sheet, {})[cw.col] = max(12, len(cw.header) + 2)
                last = max(cw.last_row, max(cw.cells, default=0))
                for r in range(cw.first_row, last + 1):
                    _row(sheet_edits, r)[cw.col] = self._edit(cw.cells.get(r))
            self._share(sw, sheet_edits)
        self._cells(plan.cells, edits)
        for sheet, sheet_edits in edits.items():
            data = edit_cells(self._data(sheet), sheet_edits, sheet)
            data = widen_dimension(data, *_filled_corner(sheet_edits))
            if sheet in widths:
                data = add_widths(data, widths[sheet])
            self._parts[sheet] = data
        if plan.generated:
            self.put_sheets([], plan.generated)
        for name, ref in plan.names.items():
            self.wb.set_name(name, ref)

    def _cells(self, cells: Sequence[CellWrite], edits: dict[str, Edits]) -> None:
        """Single cells into the edits (tahun-baru's ~27,000 moved and emptied cells: the
        loop kept tight, an emptied cell is the shared clear)."""
        edit = self._edit
        sheet, sheet_edits = None, {}
        for w in cells:
            if w.sheet != sheet:
                sheet = w.sheet
                sheet_edits = edits.get(sheet)
                if sheet_edits is None:
                    sheet_edits = edits[sheet] = {}
            row = sheet_edits.get(w.row)
            if row is None:
                row = sheet_edits[w.row] = {}
            out = w.out
            row[w.col] = _CLEAR if out is BLANK else edit(out)

    def _share(self, sw: SheetWrite, sheet_edits: Edits) -> None:
        """Runs of each column's uniform formula become shared formulas (`shared.py`)."""
        columns = [cw for cw in sw.columns if any(o.uniform for o in cw.cells.values())]
        if not columns:
            return
        spans = {cw.col: (cw.first_row, max(cw.last_row, max(cw.cells, default=0)))
                 for cw in sw.columns}
        taken = reserved_si(self._data(sw.sheet), spans)
        for cw in columns:
            for r, share in share_runs(cw.col, cw.cells, taken).items():
                sheet_edits[r][cw.col].share = share

    def insert_rows(self, inserts: Sequence[RowInsert]) -> None:
        """Empty rows inserted as Excel's Insert Row does (`package.insert_rows`); raises
        `InsertRefused` (nothing changed) when a sheet holds what cannot be shifted."""
        by_sheet: dict[str, list[tuple[int, int]]] = {}
        for ins in inserts:
            by_sheet.setdefault(ins.sheet, []).append((ins.before, ins.count))
        for sheet, items in by_sheet.items():
            self.sheet_part(sheet)  # a missing sheet: the usual message
            if sheet in self._parts:
                self.pkg.write(self.sheet_part(sheet), self._parts.pop(sheet))
            insert_rows(self.pkg, self.wb, sheet, items)

    def _edit(self, out: Out | None) -> Edit:
        if out is None:
            return _CLEAR
        if out.formula is None and out.number_format is None:  # a value: most single cells
            return _CLEAR if out.value is None or out.value == "" else Edit(out.value)
        if out.formula:
            self.formulas_written = True
        restyle = None
        if out.number_format:
            restyle = self._restylers.get(out.number_format)
            if restyle is None:
                restyle = self._restylers[out.number_format] = self._restyler(out.number_format)
        value = None if out.value == "" and not out.formula else out.value
        return Edit(value, out.formula, restyle)

    def _restyler(self, fmt: str):
        cache: dict[int, int] = {}

        def restyle(s: int) -> int:
            if s not in cache:
                cache[s] = self.styles.with_number_format(s, fmt)
            return cache[s]
        return restyle

    def _header_xf(self) -> int:
        from lxml import etree

        from .. import xlsx  # noqa: F401  (keeps import order simple)
        from .xml import MAIN
        font = etree.fromstring(f'<font xmlns="{MAIN}"><b/><sz val="11"/></font>')
        fill = etree.fromstring(f'<fill xmlns="{MAIN}"><patternFill patternType="solid">'
                                '<fgColor rgb="FFD9D9D9"/><bgColor indexed="64"/>'
                                "</patternFill></fill>")
        xf = etree.fromstring(f'<xf xmlns="{MAIN}" numFmtId="0" fontId="0" fillId="0" '
                              'borderId="0" xfId="0" applyFont="1" applyFill="1"/>')
        return self.styles.add_xf(xf, font, fill, None, None)

    def _style_at(self, sheet: str, row: int, col: int) -> int:
        if col < 1:
            return 0
        from .cells import CELL, ROW, attr_row, cell_ref, style_of

        data = self._data(sheet)
        for m in ROW.finditer(data):
            if attr_row(m.group(1)) == row:
                for cm in CELL.finditer(m.group(3) or b""):
                    if cell_ref(cm.group(1))[1] == col:
                        return style_of(cm.group(1))
                return 0
        return 0

    def _refuse_merged(self, plan: WritePlan) -> None:
        for sw in plan.sheets:
            for ref in merged_ranges(self._data(sw.sheet)):
                bounds = range_bounds(ref)
                if bounds is None:
                    continue
                r1, c1, r2, c2 = bounds
                for cw in sw.columns:
                    if c1 <= cw.col <= c2 and r2 >= sw.header_row and r1 <= cw.last_row:
                        raise WorkbookError(
                            f"Sheet {sw.sheet}: sel gabungan {ref} menutupi kolom "
                            f"{cw.header} ({col_letter(cw.col)}) yang diisi otomatis. Pisahkan"
                            " sel gabungan itu (Unmerge) lalu jalankan lagi.")

    # colour rules ----------------------------------------------------------------------------
    def colour_rules(self, rules: Sequence[ColourRule], sheets: Sequence[str]) -> None:
        """Replace our predikat colour rules on these sheets by `rules`."""
        for sheet in sheets:
            if sheet not in self.wb.names():
                continue
            mine = [r for r in rules if r.sheet == sheet]
            self._parts[sheet] = set_colour_rules(self._data(sheet), mine, self.styles)

    # generated sheets -------------------------------------------------------------------------
    def generated_of(self, kind: str) -> list[str]:
        return [n for n in self.wb.names() if self.generated.get(n) == kind]

    def _final_name(self, name: str) -> str:
        """name itself unless a user sheet has it: then 'name (otomatis)' (or numbered)."""
        return final_name(name, self.wb.names(), lambda n: n in self.generated)

    def put_sheets(self, specs: Sequence[SheetSpec], generated: Sequence[GeneratedSheet] = (),
                   kind: str = "sheet", after: str | None = None) -> list[str]:
        """Draw sheets: replace our sheet of the same name at its place, else add (after the
        sheet `after`, else last). A user sheet's name is never taken: see `_final_name`."""
        finals: list[str] = []
        specs = [self._renamed(s) for s in specs]
        gens = [self._renamed(g) for g in generated]
        tp = Transplanter(render_scratch(specs), self.pkg, self.styles) if specs else None
        moves = [(lambda i=i, s=s: tp.sheet(s.name, i), s.name, kind)  # type: ignore[union-attr]
                 for i, s in enumerate(specs)]
        moves += [(lambda g=g: generated_sheet_xml(g, self.styles), g.name,
                   "laporan" if g.name == LAPORAN_VALIDASI else "sheet") for g in gens]
        for make, name, sheet_kind in moves:
            moved = make()
            if name in self.wb.names():
                self._replace(name, moved)
            else:
                index = self.wb.index(after) + 1 if after in self.wb.names() else None
                self._add(name, moved, index)
                if after is not None:
                    after = name
            self.generated[name] = sheet_kind
            index = self.wb.index(name)
            for key, value in moved.names.items():
                self.wb.set_name(key, value, index)
            self.wb.set_name(MARKER_NAME, marker_value(sheet_kind, name), index, hidden=True)
            finals.append(name)
        return finals

    def _renamed(self, item: Any) -> Any:
        """A SheetSpec / GeneratedSheet moved to a free name when a user's sheet has its own."""
        final = self._final_name(item.name)
        if final == item.name:
            return item
        self.renamed[item.name] = final
        return dataclasses.replace(item, name=final)

    def _sheet_subparts(self, part: str) -> list[str]:
        """Parts reachable from a sheet's relationships and referenced by nothing else."""
        found: list[str] = []
        todo = [part]
        while todo:
            rels = Rels(self.pkg, todo.pop())
            for rel in rels.items():
                target = rels.target_part(rel)
                if target and target not in found and self.pkg.has(target):
                    found.append(target)
                    todo.append(target)
        shared = set()
        for name in self.pkg.names():
            if name.endswith(".rels"):
                source = source_of(name)
                if source == part or source in found:
                    continue
                rels = Rels(self.pkg, source)
                shared |= {rels.target_part(r) for r in rels.items()}
        return [p for p in found if p not in shared]

    def _drop_sheet_parts(self, part: str) -> None:
        for sub in self._sheet_subparts(part):
            self.pkg.remove(sub)
            rels = Rels(self.pkg, sub)
            if self.pkg.has(rels.name):
                self.pkg.remove(rels.name)
        rels = Rels(self.pkg, part)
        if self.pkg.has(rels.name):
            self.pkg.remove(rels.name)

    def _write_sheet_rels(self, part: str, moved: object) -> None:
        rels = Rels(self.pkg, part)
        for rid, rtype, target in moved.rels:  # type: ignore[attr-defined]
            rels.add(rtype, target, rid)
        rels.save()

    def _replace(self, name: str, moved: object) -> None:
        part = self.sheet_part(name)
        self._drop_sheet_parts(part)
        index = self.wb.index(name)
        for dn in self.wb.defined_names():  # print titles/area of the old drawing
            if dn.get("localSheetId") == str(index) and dn.get("name", "").startswith("_xlnm."):
                dn.getparent().remove(dn)
        data = _keep_code_name(self.pkg.read(part), moved.xml)  # type: ignore[attr-defined]
        self.pkg.write(part, data, WORKSHEET_CT)
        self._write_sheet_rels(part, moved)
        self._parts.pop(name, None)

    def _add(self, name: str, moved: object, index: int | None) -> None:
        part = self.pkg.free_name("xl/worksheets/sheet{}.xml")
        self.pkg.write(part, moved.xml, WORKSHEET_CT)  # type: ignore[attr-defined]
        self._write_sheet_rels(part, moved)
        self.wb.add_sheet(name, part, index)

    def remove_sheets(self, names: Sequence[str]) -> list[str]:
        """Delete generated sheets (a name that is not ours is left alone)."""
        done = []
        for name in names:
            if name not in self.generated or name not in self.wb.names():
                continue
            part = self.wb.remove_sheet(name)
            if part:
                self._drop_sheet_parts(part)
                self.pkg.remove(part)
            self._parts.pop(name, None)
            del self.generated[name]
            done.append(name)
        return done

    # saving ------------------------------------------------------------------------------------
    def to_bytes(self) -> bytes:
        for name, data in self._parts.items():
            part = self.sheet_part(name)
            old = self.pkg.read(part)
            if data is not old and data != old:  # a part edited to the same bytes stays as is
                self.pkg.write(part, data)
        if self.formulas_written:
            self.wb.recalc_on_load()
            self._drop_calc_chain()
        self.styles.save()
        self.wb.save()
        return self.pkg.to_bytes()

    def _drop_calc_chain(self) -> None:
        """Excel's cache of formula order is rebuilt on open; a stale one makes it repair."""
        for rel in self.wb.rels.items():
            if rel.get("Type") == CALC_CHAIN:
                target = self.wb.rels.target_part(rel)
                self.wb.rels.remove(rel)
                if target and self.pkg.has(target):
                    self.pkg.remove(target)

    def save(self, out: str | Path | None = None) -> None:
        data = self.to_bytes()
        guard.replace_atomic(self.snap, Path(out) if out else self.path, data)


def _row(edits: Edits, r: int) -> dict[int, Edit]:
    """The edits of row r (setdefault without building a dict per call)."""
    row = edits.get(r)
    if row is None:
        row = edits[r] = {}
    return row


def _filled_corner(edits: Edits) -> tuple[int, int]:
    """The last row and the last column an edit fills (0 when none does): rows searched from
    the bottom (the first hit is the answer), columns only where one is right of the best."""
    row = next((r for r in sorted(edits, reverse=True)
                if any(e.value not in (None, "") or e.formula for e in edits[r].values())), 0)
    col = 0
    for cols in edits.values():
        for c, e in cols.items():
            if c > col and (e.value not in (None, "") or e.formula):
                col = c
    return row, col


_CODE_NAME = re.compile(rb'<sheetPr\b[^>]*?\scodeName="([^"]*)"')
_WORKSHEET_OPEN = re.compile(rb"<worksheet\b[^>]*>")


def _keep_code_name(old: bytes, new: bytes) -> bytes:
    """A replaced sheet keeps the codeName Excel gave it (its VBA document module), so the
    VBA project and the sheet stay paired."""
    found = _CODE_NAME.search(old)
    if found is None or _CODE_NAME.search(new):
        return new
    attr = b' codeName="' + found.group(1) + b'"'
    at = new.find(b"<sheetPr")
    if at >= 0:
        return new[:at + 8] + attr + new[at + 8:]
    head = _WORKSHEET_OPEN.search(new)
    if head is None:
        return new
    return new[:head.end()] + b"<sheetPr" + attr + b"/>" + new[head.end():]
