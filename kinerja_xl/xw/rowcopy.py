"""Rows of a SheetSpec copied from sheets already drawn (pure; no xlwings here).

Buat PK draws one sheet per official, and those sheets share most of their rows: the heading,
the table rows (one look, repeated per indicator), the budget rows, the signature block. Drawing
a row costs several calls (merges, fonts, alignment, borders); copying a run of finished rows
(`Range.copy(destination)`, which brings merges and every cell format) costs one. A *band* is a
group of consecutive rows that no merged cell crosses; bands with the same cells (relative
position, merge size, formats, empty or not) look the same. Each run of bands is copied from the
longest matching run of a sheet drawn earlier in the same click, or earlier in the sheet itself;
a run that repeats back to back is one copy onto a destination that many times its size (Excel
tiles a paste over an exact multiple), so n identical table rows cost one copy. Bands found
nowhere are drawn as usual. Copies are of entire rows (unless a chart sits on either sheet), so
they bring the rows' heights: among equal runs the one whose heights fit the most rows is
chosen, and only the heights still wrong are written afterwards (`heights_after`). Values are
written afterwards for the whole sheet, so copies never leave text.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass, field, replace

from ..core.sheetspec import CellSpec, SheetSpec

MIN_ROWS = 2  # a copied run shorter than this many rows must save at least a draw call


@dataclass(frozen=True)
class Band:
    first: int
    last: int
    signature: Hashable


@dataclass(frozen=True)
class RowCopy:
    """Copy rows source_first..source_last (columns 1..cols) of `source` (a sheet drawn
    earlier, or None for the sheet being drawn) to the rows starting at `target`."""

    source: int | None  # index into the library, None: the sheet itself
    source_first: int
    source_last: int
    target: int
    cols: int
    times: int = 1  # the source rows repeated this many times down from target (tiled)
    whole: bool = False  # entire rows: the copy brings the rows' heights too

    @property
    def target_last(self) -> int:
        return self.target + (self.source_last - self.source_first + 1) * self.times - 1


@dataclass
class RowPlan:
    rest: SheetSpec  # the cells not copied: drawn the usual way, before the copies
    copies: list[RowCopy] = field(default_factory=list)


_SEEN: dict[int, tuple[SheetSpec, list[Band]]] = {}  # id -> (spec, its bands), one click's


def bands(spec: SheetSpec) -> list[Band]:
    """The spec's rows 1..last_row cut where no merged cell crosses, with their signatures
    (remembered for the specs of one click: a Buat PK click compares every PK with the
    ones drawn before it)."""
    seen = _SEEN.get(id(spec))
    if seen is not None and seen[0] is spec:
        return seen[1]
    if len(_SEEN) > 512:
        _SEEN.clear()
    found = _bands(spec)
    _SEEN[id(spec)] = (spec, found)
    return found


def _bands(spec: SheetSpec) -> list[Band]:
    reach: dict[int, int] = {}  # first row -> last row a merge starting there covers
    by_row: dict[int, list[CellSpec]] = {}
    for c in spec.cells:
        by_row.setdefault(c.row, []).append(c)
        reach[c.row] = max(reach.get(c.row, c.row), c.row + c.rows - 1)
    out: list[Band] = []
    r = 1
    while r <= spec.last_row:
        last = reach.get(r, r)
        k = r
        while k < last:
            k += 1
            last = max(last, reach.get(k, k))
        cells = tuple(sorted(((c.row - r, c.col, c.rows, c.cols,
                               c.value is not None and c.value != "", c.style)
                              for row in range(r, last + 1) for c in by_row.get(row, ())),
                             key=lambda t: (t[0], t[1])))
        out.append(Band(r, last, (last - r, cells)))
        r = last + 1
    return out


def same_rows(spec: SheetSpec, other: SheetSpec) -> int:
    """The last row of the leading bands spec and other share (same rows, same cells)."""
    last = 0
    for a, b in zip(bands(spec), bands(other), strict=False):
        if a != b:
            break
        last = a.last
    return last


def row_plan(spec: SheetSpec, library: Sequence[SheetSpec], keep: int = 0) -> RowPlan | None:
    """How to draw spec with row copies from `library` (specs of sheets already drawn, in
    the same columns) and from itself; None when nothing worth copying repeats. Rows up to
    `keep` are already drawn (a copied sheet's shared top): sources, never targets."""
    mine = bands(spec)
    sources = [bands(s) for s in library]
    ids: dict[Hashable, int] = {}
    mine_ids = [ids.setdefault(b.signature, len(ids)) for b in mine]
    src_ids = [[ids.setdefault(b.signature, len(ids)) for b in bs] for bs in sources]
    where: dict[int, list[tuple[int, int]]] = {}  # band id -> (library index, band index)
    for s, sid in enumerate(src_ids):
        for start, b in enumerate(sid):
            where.setdefault(b, []).append((s, start))
    copies: list[RowCopy] = []
    copied: set[int] = set()  # band indexes of spec that are copied
    drawn_before: set[int] = set()  # band indexes of spec that exist before the copies run
    i = 0
    while i < len(mine) and mine[i].last <= keep:
        drawn_before.add(i)
        i += 1
    while i < len(mine):
        # (bands covered, rows whose height it brings, source, start band, bands a tile, tiles)
        best: tuple[int, int, int | None, int, int, int] = (0, 0, None, 0, 0, 0)
        candidates: list[tuple[int | None, int, int]] = []  # (source, start band, bands)
        for s, start in where.get(mine_ids[i], ()):
            candidates.append((s, start, _match(mine_ids, i, src_ids[s], start)))
        for start in range(i):  # the sheet's own rows above, once they exist
            if mine_ids[start] == mine_ids[i]:
                n = min(_match(mine_ids, i, mine_ids[:i], start), i - start)
                while n and not all(b in copied or b in drawn_before
                                    for b in range(start, start + n)):
                    n -= 1
                candidates.append((None, start, n))
        for source, start, most in candidates:
            src_spec, src = (library[source], sources[source]) if source is not None \
                else (spec, mine)
            for n in range(most, 0, -1):
                if not _edges_fit(src_spec, src, start, spec, mine, i, n):
                    continue
                times = _repeats(mine_ids, i, n, lambda k, n=n, src_spec=src_spec, src=src,
                                 start=start: _edges_fit(src_spec, src, start, spec, mine, k, n))
                first, last = src[start].first, src[start + n - 1].last
                fits = sum(src_spec.heights.get(first + k) == spec.heights.get(
                    mine[i].first + t * (last - first + 1) + k)
                    for t in range(times) for k in range(last - first + 1))
                option = (n * times, fits, source, start, n, times)
                if option[:2] > best[:2]:
                    best = option
        covered, _, source, start, n, times = best
        rows = mine[i + covered - 1].last - mine[i].first + 1 if covered else 0
        if covered == 0 or (rows < MIN_ROWS and not _costly(mine[i])):
            drawn_before.add(i)
            i += 1
            continue
        src = sources[source] if source is not None else mine
        src_spec = library[source] if source is not None else spec
        copies.append(RowCopy(source, src[start].first, src[start + n - 1].last, mine[i].first,
                              spec.last_col, times, not (spec.charts or src_spec.charts)))
        copied.update(range(i, i + covered))
        i += covered
    if not copies:
        return None
    rows = {r for b in copied for r in range(mine[b].first, mine[b].last + 1)}
    rest = replace(spec, cells=[c for c in spec.cells if c.row not in rows and c.row > keep])
    return RowPlan(rest, copies)


_BELOW = {"bottom", "box", "left_bottom"}  # a cell's borders that draw on the row below's top
_ABOVE = {"top", "box"}  # ... and on the row above's bottom


_LINES: dict[int, tuple[SheetSpec, dict[tuple[int, bool], frozenset[int]]]] = {}


def _lines(spec: SheetSpec, row: int, kinds: set[str]) -> frozenset[int]:
    """Columns where a cell covering `row` draws a line of one of `kinds` on its bottom
    (`_BELOW`) or top (`_ABOVE`) edge (indexed once per spec of a click)."""
    seen = _LINES.get(id(spec))
    if seen is None or seen[0] is not spec:
        if len(_LINES) > 512:
            _LINES.clear()
        index: dict[tuple[int, bool], set[int]] = {}
        for c in spec.cells:
            cols = range(c.col, c.col + c.cols)
            if c.style.border in _BELOW:
                index.setdefault((c.row + c.rows - 1, True), set()).update(cols)
            if c.style.border in _ABOVE:
                index.setdefault((c.row, False), set()).update(cols)
        seen = (spec, {k: frozenset(v) for k, v in index.items()})
        _LINES[id(spec)] = seen
    return seen[1].get((row, kinds is _BELOW), frozenset())


def _edges_fit(src: SheetSpec, src_bands: Sequence[Band], start: int, spec: SheetSpec,
               mine: Sequence[Band], i: int, n: int) -> bool:
    """A copy brings the lines on its top and bottom edges (Excel keeps one line between two
    cells, whichever cell it was set on): the lines a neighbouring source row draws there
    must be lines the target wants too."""
    top, bottom = src_bands[start].first, src_bands[start + n - 1].last
    to_top, to_bottom = mine[i].first, mine[i + n - 1].last
    return (_lines(src, top - 1, _BELOW) <= _lines(spec, to_top - 1, _BELOW)
            | _lines(spec, to_top, _ABOVE)
            and _lines(src, bottom + 1, _ABOVE) <= _lines(spec, to_bottom + 1, _ABOVE)
            | _lines(spec, to_bottom, _BELOW))


def heights_after(plan: RowPlan, have: dict[int, float], library: Sequence[SheetSpec]
                  ) -> dict[int, float]:
    """The row heights a sheet has after the plan's copies, from the heights it had (`have`,
    e.g. those of the sheet it is a copy of): a copy of entire rows brings its source rows'
    heights (those of a library sheet as drawn; those of the sheet's own rows as they are at
    that moment), tiles included; a row without a height takes the default (no entry)."""
    out = dict(have)
    for step in plan.copies:
        if not step.whole:
            continue
        heights = out if step.source is None else library[step.source].heights
        n = step.source_last - step.source_first + 1
        brought = [heights.get(step.source_first + k) for k in range(n)]
        for t in range(step.times):
            for k, h in enumerate(brought):
                if h is None:
                    out.pop(step.target + t * n + k, None)
                else:
                    out[step.target + t * n + k] = h
    return out


def _repeats(ids: list[int], i: int, n: int, fits: Callable[[int], bool]) -> int:
    """How many times the n bands from band i repeat back to back (1: not at all). A copy
    whose destination is that many times its size fills it with the source again and again
    (Excel's paste tiles a source over a destination that is an exact multiple of it; so does
    Office.js `copyFrom`), so a run of like rows costs one copy. Each repeat must fit its
    neighbours' edge lines as its own copy would (`fits`)."""
    times = 1
    while (i + n * (times + 1) <= len(ids)
           and ids[i + n * times:i + n * (times + 1)] == ids[i:i + n]
           and fits(i + n * times)):
        times += 1
    return times


def _match(ids: list[int], i: int, other: list[int], start: int) -> int:
    n = 0
    while i + n < len(ids) and start + n < len(other) and ids[i + n] == other[start + n]:
        n += 1
    return n


def _costly(band: Band) -> bool:
    """A one-row band worth a copy: it has formatted cells (drawing it costs a call or more)."""
    _, cells = band.signature  # type: ignore[misc]
    return any(c[5] != _PLAIN_STYLE or c[2] > 1 or c[3] > 1 for c in cells)


_PLAIN_STYLE = CellSpec(1, 1, None).style
