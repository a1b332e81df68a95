"""Tree-level rules (issue: Periksa Tautan): parents, owners, superiors and budgets."""

from __future__ import annotations

from .chains import atasan_cycles
from .contract import PEJABAT, H, Level, P
from .findings import Finding, Severity, clip
from .grid import SheetLayout
from .model import Node, Plan

_BUDGET_TOLERANCE = 0.5  # rupiah


def validate(plan: Plan, layouts: dict[str, SheetLayout]) -> list[Finding]:
    """Every tree-level finding of the plan, in sheet order."""
    out: list[Finding] = []

    def find(severity: Severity, sheet: str, row: int, header: str, message: str) -> None:
        layout = layouts.get(sheet)
        out.append(Finding(severity, sheet, row, header, message,
                           layout.letter(header) if layout else ""))

    _officials(plan, find)
    codes_by_level = {lv: {n.code for n in plan.levels[lv]} for lv in Level}
    for node in plan.nodes():
        sheet = node.level.sheet
        if not node.indicators:
            find(Severity.ERROR, sheet, node.row, H.INDIKATOR,
                 f"node {clip(node.code)} tidak punya indikator")
        if node.level.parent is None:
            if node.parent_code:
                find(Severity.ERROR, sheet, node.row, H.KODE_INDUK,
                     "Tujuan adalah puncak pohon dan tidak boleh punya Kode Induk")
        elif not node.parent_code:
            find(Severity.ERROR, sheet, node.row, H.KODE_INDUK,
                 f"Kode Induk kosong; isi dengan Kode dari sheet {node.level.parent.sheet}")
        elif node.parent_code not in codes_by_level[node.level.parent]:
            elsewhere = [lv.sheet for lv in Level if node.parent_code in codes_by_level[lv]]
            hint = (f"; kode itu ada di sheet {', '.join(elsewhere)}, padahal induk harus di "
                    f"tingkat tepat di atas ({node.level.parent.sheet})") if elsewhere else ""
            find(Severity.ERROR, sheet, node.row, H.KODE_INDUK,
                 f"Kode Induk '{clip(node.parent_code)}' tidak ditemukan di sheet "
                 f"{node.level.parent.sheet}{hint}")
        if not node.pic:
            find(Severity.WARNING, sheet, node.row, H.PJ,
                 "Penanggung Jawab kosong; node ini tidak masuk PK siapa pun")
        elif node.pic not in plan.officials:
            find(Severity.ERROR, sheet, node.row, H.PJ,
                 f"Penanggung Jawab '{clip(node.pic)}' tidak ada di kolom ID sheet Pejabat")
    _budgets(plan, find)
    return out


def _officials(plan: Plan, find) -> None:
    cycles = atasan_cycles(plan.officials)
    for off in plan.officials.values():
        if not off.atasan:
            continue
        if off.atasan not in plan.officials:
            find(Severity.ERROR, PEJABAT, off.row, P.ATASAN,
                 f"Atasan '{clip(off.atasan)}' tidak ada di kolom ID sheet Pejabat (atasan dari"
                 " luar, misalnya Bupati, ditulis sebagai baris tersendiri tanpa NIP)")
        elif off.id in cycles:  # a loop further up is reported on its own members only
            find(Severity.ERROR, PEJABAT, off.row, P.ATASAN,
                 f"rantai Atasan berputar: {clip(' → '.join(cycles[off.id]), 120)}")


def effective_budget(plan: Plan, node: Node, field: str = "anggaran") -> float | None:
    """A node's budget: typed on the node, else the sum of its children's (None when none)."""
    own = getattr(node, field)
    if own is not None:
        return own
    values = [effective_budget(plan, c, field) for c in plan.children(node)]
    known = [v for v in values if v is not None]
    return sum(known) if known else None


def _budgets(plan: Plan, find) -> None:
    for level in (Level.PROGRAM, Level.KEGIATAN):
        for node in plan.levels[level]:
            if node.anggaran is None:
                continue
            kids = [effective_budget(plan, c) for c in plan.children(node)]
            known = [k for k in kids if k is not None]
            if known and abs(sum(known) - node.anggaran) > _BUDGET_TOLERANCE:
                find(Severity.ERROR, level.sheet, node.row, H.ANGGARAN,
                     f"Anggaran {node.anggaran:,.0f} berbeda dari jumlah anggaran "
                     f"{level.child.sheet} di bawahnya ({sum(known):,.0f})".replace(",", "."))
