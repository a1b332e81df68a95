"""Repeated blocks of a SheetSpec drawn once and copied (pure; no xlwings here).

A Pohon Kinerja sheet is dozens of boxes that look alike: a stack of merged cells with the same
fonts, borders and alignment, differing only in text and fill colour. Drawing each box costs
~20 calls into Excel; drawing one and copying it (`Range.copy(destination)`, which brings merges
and every format) costs one call per box, plus one per differing fill. A *unit* is a stack of at
least `MIN_STACK` merged cells with the same columns on consecutive rows and nothing else inside
its rectangle (or a boxed merged cell, such as a legend swatch or a level label); units with the
same relative layout and formats (fill and font colour aside) are copied from the most similar
one already drawn — in this sheet or in a sheet drawn before it in the same click (the library).

A copy takes along the connector column on the unit's left (`Unit.stub`: the cell beside its
top row bordered left and bottom — the stub from the parent's spine — and the spine cells beside
its other rows) when the source has the same connector cells, so the stubs cost no call of their
own. The spine itself stays in the drawn rest (one line per column); only the stub's bottom line
of such a copy comes from the copy.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property

from ..core.sheetspec import CellSpec, SheetSpec
from .blocks import Rect, rectangles

MIN_STACK = 3
CANDIDATES = 24  # finished look-alikes compared as a copy's source (the latest ones)


@dataclass(frozen=True)
class Unit:
    rect: Rect
    cells: tuple[CellSpec, ...]
    stub: tuple[CellSpec, ...] = ()  # the connector cells in the column left of rect

    @property
    def with_stub(self) -> Rect:
        r1, c1, r2, c2 = self.rect
        return (r1, c1 - 1, r2, c2) if self.stub else self.rect

    def stub_signature(self) -> Hashable:
        return tuple((c.row - self.rect[0], c.style) for c in self.stub) or None

    @cached_property
    def signature(self) -> Hashable:
        r1, c1 = self.rect[:2]
        return tuple((c.row - r1, c.col - c1, c.rows, c.cols,
                      _content(c), replace(c.style, fill=None, color=_colour_key(c)))
                     for c in self.cells)

    @cached_property
    def colour_at(self) -> dict[tuple[int, int], str | None]:
        """Relative (row, col) -> font colour of every cell of the unit with content."""
        r1, c1 = self.rect[:2]
        return {(c.row - r1, c.col - c1): c.style.color for c in self.cells if _content(c)}

    @cached_property
    def fill_at(self) -> dict[tuple[int, int], str | None]:
        """Relative (row, col) -> fill of every cell of the unit's rectangle."""
        r1, c1 = self.rect[:2]
        return {(r - r1, col - c1): c.style.fill for c in self.cells
                for r in range(c.row, c.row + c.rows) for col in range(c.col, c.col + c.cols)}


def _content(c: CellSpec) -> bool:
    return c.value is not None and c.value != ""


def _colour_key(c: CellSpec) -> str | None:
    """Units whose text colours differ are alike (a copy sets the colours that differ), but
    a cell with a colour never looks like one in the automatic colour (no call resets it)."""
    return "set" if _content(c) and c.style.color is not None else None


@dataclass
class Copy:
    """Copy the finished block at `source` onto `target`, then set the fills and the font
    colours that differ."""

    source: Rect
    target: Rect
    fills: list[tuple[str | None, list[Rect]]]
    sheet: int | None = None  # the source's sheet: an index into the library, None: this one
    colours: list[tuple[str, list[Rect]]] = field(default_factory=list)  # font colours to set

    def calls(self) -> int:
        return 1 + sum(len(r) for _, r in self.fills) + sum(len(r) for _, r in self.colours)


@dataclass
class StampPlan:
    rest: SheetSpec  # the spec without the copied units: drawn the usual way
    copies: list[Copy] = field(default_factory=list)  # in order: a copy may be a later source


_SEEN: dict[int, tuple[SheetSpec, list[Unit]]] = {}  # id -> (spec, its units), one click's


def units(spec: SheetSpec) -> list[Unit]:
    """Stacks of merged cells (same columns, consecutive rows, >= MIN_STACK) alone in their
    rectangle (remembered for the specs of one click: each later sheet looks at them)."""
    seen = _SEEN.get(id(spec))
    if seen is not None and seen[0] is spec:
        return seen[1]
    if len(_SEEN) > 512:
        _SEEN.clear()
    found = _units(spec)
    _SEEN[id(spec)] = (spec, found)
    return found


def _units(spec: SheetSpec) -> list[Unit]:
    rows: dict[int, list[CellSpec]] = {}  # row -> the cells on it
    for c in spec.cells:
        for r in range(c.row, c.row + c.rows):
            rows.setdefault(r, []).append(c)

    def meeting(rect: Rect) -> list[CellSpec]:
        found = {id(c): c for r in range(rect[0], rect[2] + 1) for c in rows.get(r, ())
                 if _meets(c, rect)}
        return list(found.values())

    by_cols: dict[tuple[int, int], list[CellSpec]] = {}
    for c in spec.cells:
        if c.cols > 1 or c.rows > 1:
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
        if len(meeting(rect)) == len(stack) and _outline_free(rect, meeting):
            found.append(Unit(rect, tuple(stack), _stub(rect, meeting)))
    return found


_TOUCHING = {  # borders of a neighbouring cell that draw on the unit's outline, by side
    "above": {"bottom", "box", "left_bottom"}, "below": {"top", "box"},
    "left": {"box"}, "right": {"box", "left", "left_bottom"}}


def _outline_free(rect: Rect, meeting: Callable[[Rect], list[CellSpec]],
                  which: tuple[str, ...] = ("above", "below", "left", "right")) -> bool:
    """No neighbouring cell draws a line on the unit's outline (on the sides `which`): a copy
    brings the lines on its edges (Excel keeps one line between two cells), so it would draw
    them at the target."""
    r1, c1, r2, c2 = rect
    sides = {"above": (r1 - 1, c1, r1 - 1, c2), "below": (r2 + 1, c1, r2 + 1, c2),
             "left": (r1, c1 - 1, r2, c1 - 1), "right": (r1, c2 + 1, r2, c2 + 1)}
    return not any(c.style.border in _TOUCHING[side] for side in which
                   if sides[side][0] >= 1 and sides[side][1] >= 1
                   for c in meeting(sides[side]))


STUB = "left_bottom"  # the connector cell beside a box's top row (spine down, stub right)


def _stub(rect: Rect, meeting: Callable[[Rect], list[CellSpec]]) -> tuple[CellSpec, ...]:
    """The connector cells left of a unit: the stub beside its top row and empty spine cells
    (bordered left) or nothing beside its other rows; () when it has none."""
    r1, c1, r2, _ = rect
    if c1 < 2:
        return ()
    column = sorted(meeting((r1, c1 - 1, r2, c1 - 1)), key=lambda c: c.row)
    if not column or column[0].row != r1 or column[0].style.border != STUB:
        return ()
    for c in column:
        if (c.rows, c.cols) != (1, 1) or (c.value is not None and c.value != "") \
                or c.style.fill is not None or c.style.border != (STUB if c is column[0]
                                                                   else "left"):
            return ()
    if not _outline_free((r1, c1 - 1, r2, c1 - 1), meeting, ("above", "below", "left")):
        return ()
    return tuple(column)


def _worth(run: list[CellSpec]) -> bool:
    """A stack of MIN_STACK merged cells, or a boxed merged cell (a legend swatch): drawn,
    either costs more calls than one copy."""
    return len(run) >= MIN_STACK or (len(run) >= 1 and all(c.style.border == "box"
                                                            for c in run))


def _meets(c: CellSpec, rect: Rect) -> bool:
    r1, c1, r2, c2 = rect
    return not (c.row + c.rows - 1 < r1 or c.row > r2 or c.col + c.cols - 1 < c1 or c.col > c2)


def stamp_plan(spec: SheetSpec, library: Sequence[SheetSpec] = ()) -> StampPlan | None:
    """How to draw spec with copies, or None when no layout repeats. A unit that looks like a
    unit of a sheet in `library` (drawn earlier in the same click) is copied from there, so
    even the first of its look costs one copy instead of its drawing."""
    elsewhere: dict[Hashable, list[tuple[int, Unit]]] = {}
    for i, other in enumerate(library):
        for unit in units(other):
            elsewhere.setdefault(unit.signature, []).append((i, unit))
    groups: dict[Hashable, list[Unit]] = {}
    for unit in units(spec):
        groups.setdefault(unit.signature, []).append(unit)
    repeated = [(g, elsewhere.get(sig, [])) for sig, g in groups.items()
                if len(g) > 1 or sig in elsewhere]
    if not repeated:
        return None
    copied: set[int] = set()
    spine: set[int] = set()  # stubs that come with a copy: only their left line is drawn
    plan = StampPlan(spec)
    for group, outside in repeated:
        # blocks already finished, any of them can be copied: (library index or None, unit)
        done: list[tuple[int | None, Unit]] = [*outside] if outside else [(None, group[0])]
        for unit in group if outside else group[1:]:
            same = [(i, u) for i, u in done
                    if unit.stub and u.stub_signature() == unit.stub_signature()]
            candidates = (same or done)[-CANDIDATES:]
            fixes = {id(src): (_fill_fixes(src, unit), _colour_fixes(src, unit))
                     for _, src in candidates}
            sheet, source = min(candidates, key=lambda d: sum(
                len(r) for fix in fixes[id(d[1])] for _, r in fix))
            fills, colours = fixes[id(source)]
            if same:
                plan.copies.append(Copy(source.with_stub, unit.with_stub, fills, sheet,
                                        colours))
                spine.add(id(unit.stub[0]))
            else:
                plan.copies.append(Copy(source.rect, unit.rect, fills, sheet, colours))
            copied.update(id(c) for c in unit.cells)
            done.append((None, unit))
    plan.rest = replace(spec, cells=[
        replace(c, style=replace(c.style, border="left")) if id(c) in spine else c
        for c in spec.cells if id(c) not in copied])
    return plan


def _fill_fixes(source: Unit, target: Unit) -> list[tuple[str | None, list[Rect]]]:
    """The fills to set on target after copying source onto it."""
    have = source.fill_at
    cells: dict[str | None, set[tuple[int, int]]] = {}
    r1, c1 = target.rect[:2]
    for (dr, dc), fill in target.fill_at.items():
        if fill != have.get((dr, dc)):
            cells.setdefault(fill, set()).add((r1 + dr, c1 + dc))
    return [(fill, rectangles(where)) for fill, where in cells.items()]


def _colour_fixes(source: Unit, target: Unit) -> list[tuple[str, list[Rect]]]:
    """The font colours to set on target's cells with content after copying source onto it
    (alike units differ only in colours that are set, `_colour_key`)."""
    have = source.colour_at
    cells: dict[str, set[tuple[int, int]]] = {}
    r1, c1 = target.rect[:2]
    for (dr, dc), colour in target.colour_at.items():
        if colour is not None and colour != have.get((dr, dc)):
            cells.setdefault(colour, set()).add((r1 + dr, c1 + dc))
    return [(colour, rectangles(where)) for colour, where in cells.items()]
