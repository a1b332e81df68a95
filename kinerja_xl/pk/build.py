"""Buat PK as a pure use case over grids: which PK sheets to draw, which stale ones to drop,
and the Laporan Validasi that goes with them. Shared by the CLI/API (openpyxl) and the ribbon
handler (xlwings)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from ..core.chains import atasan_cycles
from ..core.compute import report_sheet
from ..core.contract import LEVEL_SHEETS, PEJABAT, PENGATURAN, norm_header
from ..core.findings import Finding, WorkbookError, clip, has_errors
from ..core.grid import Grid, cell, text
from ..core.model import Node, Plan
from ..core.reader import read_plan
from ..core.sheetspec import SheetSpec
from ..core.validate import validate
from ..core.writes import GeneratedSheet
from .content import Notes, PkDoc, owned_nodes, pk_document
from .layout import pk_sheet

SHEET_PREFIX = "PK "
_MAX_SHEET = 31  # Excel's limit on sheet names
_BAD_SHEET_CHARS = re.compile(r"[\\/?*\[\]:]")
_BAD_FILE_CHARS = re.compile(r'[\\/:*?"<>|\s]+')
_MARK = "PERJANJIAN KINERJA"  # how a generated PK sheet is recognised (its title)


@dataclass
class PkBuild:
    """The result of Buat PK before anything is written."""

    docs: list[PkDoc] = field(default_factory=list)
    specs: list[SheetSpec] = field(default_factory=list)
    stale: list[str] = field(default_factory=list)  # generated PK sheets to delete
    findings: list[Finding] = field(default_factory=list)  # validation + PK: Laporan Validasi
    pk_findings: list[Finding] = field(default_factory=list)

    @property
    def report(self) -> GeneratedSheet:
        return report_sheet(self.findings)

    @property
    def has_errors(self) -> bool:
        return has_errors(self.findings)


def sheet_name(official_id: str) -> str:
    """'PK <ID>', with characters Excel forbids replaced and cut to 31 characters."""
    return (SHEET_PREFIX + _BAD_SHEET_CHARS.sub("_", official_id))[:_MAX_SHEET].rstrip("'")


def pdf_name(official_id: str) -> str:
    """'PK_<ID>.pdf', safe as a file name on Windows and Linux."""
    return f"PK_{_BAD_FILE_CHARS.sub('_', official_id).strip('._') or 'pejabat'}.pdf"


def is_generated_pk(name: str, grid: Grid) -> bool:
    """A sheet this product generated: named 'PK …' and titled PERJANJIAN KINERJA…"""
    if not name.startswith(SHEET_PREFIX):
        return False
    return any(text(v).upper().startswith(_MARK) for row in grid[:5] for v in row[:6])


def _setting_rows(grids: Mapping[str, Grid]) -> dict[str, int]:
    rows: dict[str, int] = {}
    for r, row in enumerate(grids.get(PENGATURAN, ()), start=1):
        label = norm_header(cell(row, 1))
        if label:
            rows.setdefault(label, r)
    return rows


def _sorted(findings: Iterable[Finding]) -> list[Finding]:
    order = {name: i for i, name in enumerate((PENGATURAN, PEJABAT, *LEVEL_SHEETS))}
    return sorted(findings, key=lambda f: (order.get(f.sheet, 99), f.row or 0))


def wanted_ids(plan: Plan, owned: Mapping[str, list[Node]], ids: Iterable[str] | None,
               document: str = "PK") -> list[str] | None:
    """The asked-for IDs (None: all), each checked: an unknown ID or one that owns no node
    is a WorkbookError naming it (`document` says what it would not get)."""
    wanted = list(dict.fromkeys(ids)) if ids is not None else None
    if wanted is not None:
        unknown = [i for i in wanted if i not in plan.officials]
        if unknown:
            known = ", ".join(clip(i, 20) for i in plan.officials) or "(kosong)"
            raise WorkbookError(f"ID pejabat tidak ada di sheet Pejabat: {', '.join(unknown)}. "
                                f"ID yang ada: {clip(known, 300)}")
        idle = [i for i in wanted if i not in owned]
        if idle:
            raise WorkbookError(f"Pejabat {', '.join(idle)} bukan Penanggung Jawab node mana "
                                f"pun, jadi tidak punya {document}. Isi kolom Penanggung Jawab "
                                "di sheet tingkat (Tujuan … Sub Kegiatan) dulu.")
    return wanted


def plan_pk(grids: Mapping[str, Grid], ids: Iterable[str] | None = None) -> PkBuild:
    """Read the workbook and lay out the PK of every official who owns a node (or of `ids`).
    Raises WorkbookError for an unknown ID or one that owns no node."""
    read = read_plan(grids)
    plan = read.plan
    owned = owned_nodes(plan)
    wanted = wanted_ids(plan, owned, ids)
    officials = [o for o in plan.officials.values()
                 if o.id in owned and (wanted is None or o.id in wanted)]
    notes = Notes(read.layouts, _setting_rows(grids))
    cycles = atasan_cycles(plan.officials)
    out = PkBuild()
    names: set[str] = set()
    for off in officials:
        name = sheet_name(off.id)
        while name in names:  # two IDs that differ only in forbidden characters
            name = name[:_MAX_SHEET - 2] + "~" + str(len(names) % 10)
        names.add(name)
        doc = pk_document(plan, off, owned[off.id], name, notes, cycles)
        out.docs.append(doc)
        out.specs.append(pk_sheet(doc))
    if wanted is None:
        out.stale = [n for n, g in grids.items() if n not in names and is_generated_pk(n, g)]
    out.pk_findings = _sorted(notes.findings)
    out.findings = _sorted(read.findings + validate(plan, read.layouts)) + out.pk_findings
    return out


def build_pk_specs(grids: Mapping[str, Grid], ids: Iterable[str] | None = None
                   ) -> tuple[list[SheetSpec], list[Finding]]:
    """The PK sheets to draw and every finding for Laporan Validasi (ribbon: Buat PK)."""
    build = plan_pk(grids, ids)
    return build.specs, build.findings
