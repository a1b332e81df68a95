"""Repeated blocks of a SheetSpec drawn once and copied (pure; no xlwings here).

A Pohon Kinerja sheet is dozens of boxes that look alike: a stack of merged cells with the same
fonts, borders and alignment, differing only in text and fill colour. Drawing each box costs
~20 calls into Excel; drawing one and copying it (`Range.copy(destination)`, which brings merges
and every format) costs one call per box, plus one per differing fill. A *unit* is a stack of at
least `MIN_STACK` merged cells with the same columns on consecutive rows and nothing else inside
its rectangle (or a boxed merged cell, such as a legend swatch); units with the same relative
layout and formats (fill aside) are copied from the most similar one already drawn.
"""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass, field, replace

from ..core.sheetspec import CellSpec, SheetSpec
from .blocks import Rect, rectangles

MIN_STACK = 3


@dataclass(frozen=True)
class Unit:
    rect: Rect
    cells: tuple[CellSpec, ...]

    def signature(self) -> Hashable:
        r1, c1 = self.rect[:2]
        return tuple((c.row - r1, c.col - c1, c.rows, c.cols,
                      c.value is not None and c.value != "", replace(c.style, fill=None))
                     for c in self.cells)

    def fill_at(self) -> dict[tuple[int, int], str | None]:
        """Relative (row, col) -> fill of every cell of the unit's rectangle."""
        r1, c1 = self.rect[:2]
        return {(r - r1, col - c1): c.style.fill for c in self.cells
                for r in range(c.row, c.row + c.rows) for col in range(c.col, c.col + c.cols)}


@dataclass
class Copy:
    """Copy the finished block at `source` onto `target`, then set the fills that differ."""

    source: Rect
    target: Rect
    fills: list[tuple[str | None, list[Rect]]]


@dataclass
class StampPlan:
    rest: SheetSpec  # the spec without the copied units: drawn the usual way
    copies: list[Copy] = field(default_factory=list)  # in order: a copy may be a later source


def units(spec: SheetSpec) -> list[Unit]:
    """Stacks of merged cells (same columns, consecutive rows, >= MIN_STACK) alone in their
    rectangle."""
    by_cols: dict[tuple[int, int], list[CellSpec]] = {}
    for c in spec.cells:
        if c.cols > 1:
            by_cols.setdefault((c.col, c.cols), []).append(c)
    stacks: list[list[CellSpec]] = []
    for cells in by_cols.values():
        run: list[CellSpec] = []
        for c in sorted(cells, key=lambda c: c.row):
            if run and c.row == run[-1].row + run[-1].rows:
                run.append(c)
            else:
                if _worth(run):
                    stacks.append(run)
                run = [c]
        if _worth(run):
            stacks.append(run)
    found = []
    for stack in stacks:
        rect = (stack[0].row, stack[0].col, stack[-1].row + stack[-1].rows - 1,
                stack[0].col + stack[0].cols - 1)
        inside = [c for c in spec.cells if _meets(c, rect)]
        if len(inside) == len(stack):
            found.append(Unit(rect, tuple(stack)))
    return found


def _worth(run: list[CellSpec]) -> bool:
    """A stack of MIN_STACK merged cells, or a boxed merged cell (a legend swatch): drawn,
    either costs more calls than one copy."""
    return len(run) >= MIN_STACK or (len(run) >= 1 and all(c.style.border == "box"
                                                            for c in run))


def _meets(c: CellSpec, rect: Rect) -> bool:
    r1, c1, r2, c2 = rect
    return not (c.row + c.rows - 1 < r1 or c.row > r2 or c.col + c.cols - 1 < c1 or c.col > c2)


def stamp_plan(spec: SheetSpec) -> StampPlan | None:
    """How to draw spec with copies, or None when no layout repeats."""
    groups: dict[Hashable, list[Unit]] = {}
    for unit in units(spec):
        groups.setdefault(unit.signature(), []).append(unit)
    repeated = [g for g in groups.values() if len(g) > 1]
    if not repeated:
        return None
    copied: set[int] = set()
    plan = StampPlan(spec)
    for group in repeated:
        done = [group[0]]  # blocks already finished, any of them can be copied
        for unit in group[1:]:
            fills = {src.rect: _fill_fixes(src, unit) for src in done}
            source = min(done, key=lambda u: sum(len(r) for _, r in fills[u.rect]))
            plan.copies.append(Copy(source.rect, unit.rect, fills[source.rect]))
            copied.update(id(c) for c in unit.cells)
            done.append(unit)
    plan.rest = replace(spec, cells=[c for c in spec.cells if id(c) not in copied])
    return plan


def _fill_fixes(source: Unit, target: Unit) -> list[tuple[str | None, list[Rect]]]:
    """The fills to set on target after copying source onto it."""
    have = source.fill_at()
    cells: dict[str | None, set[tuple[int, int]]] = {}
    r1, c1 = target.rect[:2]
    for (dr, dc), fill in target.fill_at().items():
        if fill != have.get((dr, dc)):
            cells.setdefault(fill, set()).add((r1 + dr, c1 + dc))
    return [(fill, rectangles(where)) for fill, where in cells.items()]
