"""Cutting a core `ColumnWrite` into few, large writes (pure; no xlwings here).

Every call into a live Excel costs a round trip, so a computed column is written as a handful of
2-D blocks: one per run of consecutive rows of the same kind (formulas through `Range.formula`,
values and cleared cells through `Range.value`), with one number format per run.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from ..core.writes import ColumnWrite, Out

# Text Excel would turn into a number, date, time, boolean or formula when assigned as a value
# (or as a formula: the engines treat both like typed input).
_COERCED = re.compile(
    r"""\s*(
        [-+=@'].*                         # =, sign, at, apostrophe first: formula/number entry
      | [\d.,\s%/:–-]*\d[\d.,\s%/:–-]*     # digits with separators: 85, 1.234,5, 1/2, 10:30
      | (true|false|benar|salah)           # logical values (English and Indonesian Excel)
      | \d+\s*[a-z]{3,9}\.?\s*\d*          # 6 Jan, 6 Januari 2025
    )\s*""",
    re.IGNORECASE | re.VERBOSE | re.DOTALL,
)


@dataclass(frozen=True)
class Block:
    """Consecutive rows of one column written in one call."""

    first_row: int
    formulas: bool  # True: Range.formula; False: Range.value (None clears a cell)
    cells: tuple[Any, ...]  # one entry per row

    @property
    def last_row(self) -> int:
        return self.first_row + len(self.cells) - 1


@dataclass(frozen=True)
class FormatRun:
    first_row: int
    last_row: int
    number_format: str


def excel_text(value: Any) -> Any:
    """A value ready for `Range.value` or `Range.formula`: text that Excel would reinterpret
    (a formula such as "=HYPERLINK(…)" or a DDE payload "=cmd|…", "+1", "@SUM", "85%", "6 Jan")
    gets the leading apostrophe (Excel's "this is text" mark, not stored in the cell); "" becomes
    None. Only formulas the product composes are written as formulas (`Out.formula`)."""
    if value == "":
        return None
    if isinstance(value, str) and _COERCED.fullmatch(value):
        return "'" + value
    return value


def last_row(cw: ColumnWrite) -> int:
    """The last row the column write owns (the table end, or a cell below it)."""
    return max(cw.last_row, max(cw.cells, default=0))


def _cell(out: Out | None) -> tuple[bool, Any]:
    if out is not None and out.formula:
        return True, out.formula
    return False, excel_text(None if out is None else out.value)


def column_blocks(cw: ColumnWrite) -> list[Block]:
    """The column's rows first_row..last as runs of formulas or of values/blanks."""
    blocks: list[Block] = []
    kind: bool | None = None
    start, cells = cw.first_row, []
    for r in range(cw.first_row, last_row(cw) + 1):
        is_formula, content = _cell(cw.cells.get(r))
        if kind is not None and is_formula != kind:
            blocks.append(Block(start, kind, tuple(cells)))
            start, cells = r, []
        kind = is_formula
        cells.append(content)
    if kind is not None:
        blocks.append(Block(start, kind, tuple(cells)))
    return blocks


def format_runs(cw: ColumnWrite) -> list[FormatRun]:
    """Number formats to set. When every formatted cell shares one format (the usual case),
    one run covers the whole span, cleared rows included (they are product-owned too)."""
    formats = {out.number_format for out in cw.cells.values()}
    if not cw.cells or formats == {None}:
        return []
    if len(formats) == 1:
        (fmt,) = formats
        assert fmt is not None
        return [FormatRun(cw.first_row, last_row(cw), fmt)]
    runs: list[FormatRun] = []
    for r in sorted(cw.cells):
        fmt = cw.cells[r].number_format
        if fmt is None:
            continue
        if runs and runs[-1].number_format == fmt and runs[-1].last_row == r - 1:
            runs[-1] = FormatRun(runs[-1].first_row, r, fmt)
        else:
            runs.append(FormatRun(r, r, fmt))
    return runs


def rectangle(rows: Sequence[Sequence[Any]]) -> list[list[Any]]:
    """Rows padded to one width (a 2-D block Excel accepts), values escaped like cells."""
    width = max((len(r) for r in rows), default=0)
    return [[excel_text(v) for v in row] + [None] * (width - len(row)) for row in rows]


Rect = tuple[int, int, int, int]  # first row, first col, last row, last col


def rectangles(cells: set[tuple[int, int]]) -> list[Rect]:
    """Cover exactly the given (row, col) cells with few rectangles: runs along each row,
    stacked while consecutive rows have the same run."""
    runs: dict[int, list[tuple[int, int]]] = {}
    for r, c in sorted(cells):
        row = runs.setdefault(r, [])
        if row and row[-1][1] == c - 1:
            row[-1] = (row[-1][0], c)
        else:
            row.append((c, c))
    out: list[Rect] = []
    open_: dict[tuple[int, int], int] = {}  # run -> index in out of the rectangle it extends
    for r in sorted(runs):
        now: dict[tuple[int, int], int] = {}
        for run in runs[r]:
            i = open_.get(run)
            if i is not None and out[i][2] == r - 1:
                out[i] = (out[i][0], out[i][1], r, out[i][3])
            else:
                out.append((r, run[0], r, run[1]))
                i = len(out) - 1
            now[run] = i
        open_ = now
    return out


def cover(must: set[tuple[int, int]], forbidden: set[tuple[int, int]]) -> list[Rect]:
    """Few rectangles that cover every `must` cell and no `forbidden` cell; any other cell
    ("don't care", e.g. an empty cell for a font) may be covered. Greedy: from the first
    uncovered cell, grow right then down and down then right, keep the one covering more
    uncovered cells, trimmed to the must cells it reaches. Rectangles may overlap."""
    if not must:
        return []
    last_row = max(r for r, _ in must)
    last_col = max(c for _, c in must)
    todo = set(must)
    out: list[Rect] = []

    def free_row(r: int, c1: int, c2: int) -> bool:
        return all((r, c) not in forbidden for c in range(c1, c2 + 1))

    def free_col(c: int, r1: int, r2: int) -> bool:
        return all((r, c) not in forbidden for r in range(r1, r2 + 1))

    def trim(r1: int, c1: int, r2: int, c2: int) -> Rect:
        inside = [(r, c) for r, c in must if r1 <= r <= r2 and c1 <= c <= c2]
        return (r1, c1, max(r for r, _ in inside), max(c for _, c in inside))

    def right_down(r: int, c: int) -> Rect:
        c2 = c
        while c2 < last_col and (r, c2 + 1) not in forbidden:
            c2 += 1
        r2 = r
        while r2 < last_row and free_row(r2 + 1, c, c2):
            r2 += 1
        return trim(r, c, r2, c2)

    def down_right(r: int, c: int) -> Rect:
        r2 = r
        while r2 < last_row and (r2 + 1, c) not in forbidden:
            r2 += 1
        c2 = c
        while c2 < last_col and free_col(c2 + 1, r, r2):
            c2 += 1
        return trim(r, c, r2, c2)

    def gain(rect: Rect) -> int:
        r1, c1, r2, c2 = rect
        return sum(1 for r, c in todo if r1 <= r <= r2 and c1 <= c <= c2)

    while todo:
        r, c = min(todo)
        rect = max((right_down(r, c), down_right(r, c)), key=gain)
        out.append(rect)
        todo = {(rr, cc) for rr, cc in todo
                if not (rect[0] <= rr <= rect[2] and rect[1] <= cc <= rect[3])}
    return out


@dataclass(frozen=True)
class Area:
    """Adjacent product-owned columns written in one 2-D call: formulas where the product
    composed one, escaped values elsewhere, None to clear."""

    first_row: int
    first_col: int
    cells: tuple[tuple[Any, ...], ...]  # rows x columns

    @property
    def has_formulas(self) -> bool:
        return any(isinstance(v, str) and v.startswith("=") for row in self.cells for v in row)

    @property
    def has_fractions(self) -> bool:
        """Numbers that formula text could round (Excel parses it to 15 digits)."""
        return any(isinstance(v, float) and not v.is_integer() for row in self.cells for v in row)


def column_groups(columns: Sequence[ColumnWrite]) -> list[list[ColumnWrite]]:
    """Columns that sit side by side and own the same rows (the usual case for Hitung)."""
    groups: list[list[ColumnWrite]] = []
    for cw in sorted(columns, key=lambda c: c.col):
        prev = groups[-1][-1] if groups else None
        if (prev is not None and prev.col == cw.col - 1 and prev.first_row == cw.first_row
                and last_row(prev) == last_row(cw)):
            groups[-1].append(cw)
        else:
            groups.append([cw])
    return groups


def group_area(group: Sequence[ColumnWrite]) -> Area:
    first, last = group[0].first_row, last_row(group[0])
    rows = tuple(tuple(_cell(cw.cells.get(r))[1] for cw in group) for r in range(first, last + 1))
    return Area(first, group[0].col, rows)


def group_formats(group: Sequence[ColumnWrite]) -> list[tuple[Rect, str]]:
    """Number formats of a column group: a run shared by neighbouring columns is one call."""
    out: list[tuple[Rect, str]] = []
    for cw in group:
        for run in format_runs(cw):
            if out:
                (r1, c1, r2, c2), fmt = out[-1]
                if (r1, r2, fmt) == (run.first_row, run.last_row, run.number_format) \
                        and c2 == cw.col - 1:
                    out[-1] = ((r1, c1, r2, cw.col), fmt)
                    continue
            out.append(((run.first_row, cw.col, run.last_row, cw.col), run.number_format))
    return out


MAX_PAINT_RUNS = 240  # above this many runs the exact plan costs too much Python time


def paint_plan(sizes: dict[int, Any]) -> list[tuple[int, int, Any]]:
    """Fewest (first, last, value) interval writes, applied in order (a later write wins),
    that leave every index with its value and touch no index outside `sizes` — e.g. row
    heights 30, 15, 15, 30, 47, 30 are three writes (30 over all six, then 15 and 47), not
    five runs. Exact ("strange printer" dynamic programme) on each gap-free span of runs."""
    out: list[tuple[int, int, Any]] = []
    span: list[tuple[int, int, Any]] = []
    for i in sorted(sizes):
        if span and span[-1][1] == i - 1 and span[-1][2] == sizes[i]:
            span[-1] = (span[-1][0], i, sizes[i])
        elif span and span[-1][1] == i - 1:
            span.append((i, i, sizes[i]))
        else:
            out += _paint(span)
            span = [(i, i, sizes[i])]
    return out + _paint(span)


def _paint(runs: list[tuple[int, int, Any]]) -> list[tuple[int, int, Any]]:
    """The fewest ordered writes for consecutive runs (no two neighbours share a value)."""
    n = len(runs)
    if n > MAX_PAINT_RUNS:  # long spans: solved window by window
        return [w for i in range(0, n, MAX_PAINT_RUNS)
                for w in _paint(runs[i:i + MAX_PAINT_RUNS])]
    if n <= 2:
        return list(runs)
    value = [r[2] for r in runs]
    # cost[i][j]: writes for runs i..j (j < i: none); pick[i][j]: the run k (> i) whose write
    # run i joins, or -1 when run i is written alone.
    cost = [[0] * (n + 1) for _ in range(n + 1)]
    pick = [[-1] * n for _ in range(n)]
    for i in range(n - 1, -1, -1):
        cost[i][i] = 1
        for j in range(i + 1, n):
            best, choice = cost[i + 1][j] + 1, -1
            for k in range(i + 2, j + 1):  # neighbours never share a value
                if value[k] == value[i]:
                    c = (cost[i + 1][k - 1] if k - 1 >= i + 1 else 0) + cost[k][j]
                    if c < best:
                        best, choice = c, k
            cost[i][j], pick[i][j] = best, choice

    def build(i: int, j: int) -> list[tuple[int, int]]:  # (first run, last run), first covers i
        if i > j:
            return []
        k = pick[i][j] if i < j else -1
        if k < 0:
            return [(i, i), *build(i + 1, j)]
        sub = build(k, j)
        return [(i, sub[0][1]), *build(i + 1, k - 1), *sub[1:]]

    return [(runs[a][0], runs[b][1], runs[a][2]) for a, b in build(0, n - 1)]


def repaint_plan(sizes: dict[int, Any], have: dict[int, Any]) -> list[tuple[int, int, Any]]:
    """Like `paint_plan`, for indexes that may already hold a value (`have`, e.g. the row
    heights of a copied sheet): an index that has its value needs no write, yet a write of its
    value may cross it — rows 1 and 3 to 30 with row 2 at 30 already are one write over rows
    1-3, not two. A write of another value over it must be corrected, like any other index.
    Exact on each gap-free span (a dynamic programme over runs of equal value and state); spans
    of more than `MAX_REPAINT_RUNS` runs fall back to `paint_plan` of the indexes that differ."""
    out: list[tuple[int, int, Any]] = []
    span: list[int] = []
    for i in sorted(sizes):
        if span and span[-1] != i - 1:
            out += _repaint(span, sizes, have)
            span = []
        span.append(i)
    return out + (_repaint(span, sizes, have) if span else [])


def _repaint(span: list[int], sizes: dict[int, Any], have: dict[int, Any]
             ) -> list[tuple[int, int, Any]]:
    runs: list[tuple[int, int, Any, bool]] = []  # (first, last, value, already right)
    for i in span:
        right = i in have and have[i] == sizes[i]
        if runs and runs[-1][2] == sizes[i] and runs[-1][3] == right and runs[-1][1] == i - 1:
            runs[-1] = (runs[-1][0], i, sizes[i], right)
        else:
            runs.append((i, i, sizes[i], right))
    if all(r[3] for r in runs):
        return []
    if len(runs) > MAX_REPAINT_RUNS:
        return paint_plan({i: sizes[i] for i in span if not (i in have and have[i] == sizes[i])})
    n = len(runs)
    same: list[list[int]] = [[k for k in range(i + 1, n) if runs[k][2] == runs[i][2]]
                             for i in range(n)]
    memo: dict[tuple[int, int, Any], tuple[int, list[tuple[int, int, Any]]]] = {}
    none = object()  # the state before any write: right runs need nothing

    def best(i: int, j: int, under: Any) -> tuple[int, list[tuple[int, int, Any]]]:
        """Fewest writes for runs i..j lying under a write of value `under` (or none)."""
        if i > j:
            return 0, []
        key = (i, j, under)
        if key in memo:
            return memo[key]
        first, _, value, right = runs[i]
        if (under is none and right) or value == under:
            result = best(i + 1, j, under)
        else:
            result = (n + 1, [])
            for k in [i, *(k for k in same[i] if k <= j)]:
                inner, inner_w = best(i + 1, k, value)
                rest, rest_w = best(k + 1, j, under)
                if 1 + inner + rest < result[0]:
                    result = (1 + inner + rest, [(first, runs[k][1], value), *inner_w, *rest_w])
        memo[key] = result
        return result

    return best(0, n - 1, none)[1]


MAX_REPAINT_RUNS = 120
