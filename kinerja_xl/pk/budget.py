"""The budget table of a PK Lampiran: one level down from the official's nodes, each rupiah once.

Rules (docs/pk.md):
- An owned node whose ancestor the same official also owns is already inside that ancestor's
  budget, so only the topmost owned nodes ("anchors") are used: no double counting.
- Program and Kegiatan anchors are group rows (their budget: typed, else the sum of their
  children) with their children one level down listed under them.
- Tujuan and Sasaran anchors have no budget; the Programs under them are listed as rows.
- Sub Kegiatan anchors are listed under their parent Kegiatan; that heading row shows no
  amount, because the parent may also hold Sub Kegiatan of other officials.
- Jumlah adds the group rows, the Program rows and the Sub Kegiatan listed under a foreign
  parent: every rupiah of the official's subtrees exactly once.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..core.contract import Level
from ..core.model import Node, Plan
from ..core.validate import effective_budget


@dataclass(frozen=True)
class BudgetLine:
    """A row of the budget table: group rows are bold, items sit under them."""

    no: str
    label: str
    amount: float | None
    level: Level
    is_group: bool = False
    counted: bool = True  # part of Jumlah (items under a counted group row are not)


@dataclass(frozen=True)
class BudgetTable:
    heading: str  # e.g. "Program / Kegiatan"
    lines: tuple[BudgetLine, ...]
    total: float


def _label(node: Node) -> str:
    return node.uraian or node.code


def anchors(plan: Plan, nodes: list[Node]) -> list[Node]:
    """The owned nodes none of whose ancestors are owned too (order kept)."""
    owned = {(n.level, n.code) for n in nodes}
    out = []
    for node in nodes:
        parent, seen = plan.parent(node), 0
        while parent is not None and seen < len(Level):
            if (parent.level, parent.code) in owned:
                break
            parent, seen = plan.parent(parent), seen + 1
        else:
            out.append(node)
    return out


def _programs_under(plan: Plan, node: Node) -> list[Node]:
    if node.level is Level.PROGRAM:
        return [node]
    if node.level > Level.PROGRAM:
        return []
    return [p for child in plan.children(node) for p in _programs_under(plan, child)]


def budget_table(plan: Plan, nodes: list[Node]) -> BudgetTable | None:
    """The budget table for an official owning `nodes`; None when nothing has a budget."""
    lines: list[BudgetLine] = []
    number = 0
    sub_groups: dict[str, list[Node]] = {}  # parent Kegiatan code -> owned Sub Kegiatan
    parents: dict[str, Node | None] = {}
    for anchor in anchors(plan, nodes):
        if anchor.level is Level.SUB_KEGIATAN:
            sub_groups.setdefault(anchor.parent_code, []).append(anchor)
            parents.setdefault(anchor.parent_code, plan.parent(anchor))
        elif anchor.level < Level.PROGRAM:
            for program in _programs_under(plan, anchor):
                number += 1
                lines.append(BudgetLine(str(number), _label(program),
                                        effective_budget(plan, program), Level.PROGRAM))
        else:
            number += 1
            lines.append(BudgetLine(str(number), _label(anchor), effective_budget(plan, anchor),
                                    anchor.level, is_group=True))
            for i, child in enumerate(plan.children(anchor), start=1):
                lines.append(BudgetLine(f"{number}.{i}", _label(child),
                                        effective_budget(plan, child), child.level,
                                        counted=False))
    for code, subs in sub_groups.items():
        parent = parents[code]
        number += 1
        if parent is not None:
            lines.append(BudgetLine(str(number), _label(parent), None, Level.KEGIATAN,
                                    is_group=True, counted=False))
            for i, sub in enumerate(subs, start=1):
                lines.append(BudgetLine(f"{number}.{i}", _label(sub), sub.anggaran,
                                        Level.SUB_KEGIATAN))
        else:
            for i, sub in enumerate(subs):
                lines.append(BudgetLine(str(number + i), _label(sub), sub.anggaran,
                                        Level.SUB_KEGIATAN))
            number += len(subs) - 1
    if not lines:
        return None
    total = sum(line.amount for line in lines if line.counted and line.amount is not None)
    levels = sorted({line.level for line in lines})
    heading = " / ".join(level.sheet for level in levels)
    return BudgetTable(heading, tuple(lines), total)
