"""`read_plan` of grids whose quarterly cells were just emptied, derived from the reading of
the grids before: tahun-baru reads last year once instead of parsing every row twice.

A new year keeps every cell the reader parses except Target TW1-4, Realisasi TW1-4 and
Realisasi Anggaran, which it empties, and writes cells the reader does not parse (the N-1/N-2
columns, the yearly texts, Pengaturan). For such grids the new reading is the old one with the
quarterly values gone from each indicator, Realisasi Anggaran gone from each node, the findings
on the emptied cells dropped, and the head (layouts, settings, officials) read again. A row
whose emptied quarterly cells held anything but a plain number (text, a range, a grade: it may
have implied a polarity or a grade scale) is read again by the reader's own row code. Every
cell the reader parses and that is kept must be the very same value object in both grids (the
new grids are an edited copy of the old). Anything else that differs returns None, and the
caller reads the new grids in full. The parsing rules stay in `reader.py`; this module only
decides what may be kept. Guarded by tests/test_tahun_reread.py (derived == read_plan).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from operator import is_, itemgetter
from typing import Any

from .contract import H, Level, level_headers
from .findings import Finding
from .grid import Grid, SheetLayout, duplicate_headers
from .model import QUARTERS, Indicator, Node, Plan
from .reader import (
    _INPUT_HEADERS,
    _NODE_FIELDS,
    ReadResult,
    _blank_row,
    _LevelReader,
    read_head,
)

_QUARTERLY = (*H.TARGET_TW, *H.REAL_TW)
_EMPTIED = frozenset((*_QUARTERLY, H.REAL_ANGGARAN))
# What a row's findings keep when the row is read again by `_LevelReader._indicator`: the
# findings on Kode, the node's fields and its Anggaran (the reader's other row steps).
_NOT_INDICATOR = frozenset((H.KODE, H.ANGGARAN, *(h for h, _ in _NODE_FIELDS)))
_NONE = (None,) * QUARTERS
_PLAIN = frozenset((type(None), int, float))  # quarters that read as nothing but a number


def reread_emptied(read: ReadResult, old: Mapping[str, Grid],
                   new: Mapping[str, Grid]) -> ReadResult | None:
    """`read_plan(new)`, given `read = read_plan(old)` and grids `new` that differ from `old`
    as described above; None when they differ otherwise (read `new` in full then). On success
    `read`'s plan and indicators are reused (changed in place): do not use `read` after."""
    head = read_head(new)
    if head.plan.settings.scales != read.plan.settings.scales:
        return None  # the scales decide how every value cell reads
    levels: list[tuple[Level, _Sheet]] = []
    for level in Level:
        sheet = _Sheet.check(level, old[level.sheet], new[level.sheet],
                             read.layouts[level.sheet], head.layouts[level.sheet],
                             read.plan, head.plan)
        if sheet is None:
            return None
        levels.append((level, sheet))
    plan = read.plan  # every check passed: from here on the old reading is changed in place
    findings = head.findings
    for level, sheet in levels:
        layout = head.layouts[level.sheet]
        findings += duplicate_headers(new[level.sheet], layout, level_headers(level))
        findings += sheet.apply(plan.levels[level], read.findings)
    plan.settings, plan.officials = head.plan.settings, head.plan.officials
    plan.last_quarter_seen = max(sheet.quarter_seen for _, sheet in levels)
    plan._by_key.clear()
    plan._kids.clear()
    plan._indexed = -1
    return ReadResult(plan, head.layouts, findings)


def _getter(cols: Sequence[int]) -> Callable[[Sequence[Any]], tuple[Any, ...]]:
    """The cells of cols (1-based) of a row at least max(cols) long, as a tuple."""
    if len(cols) == 1:
        i = cols[0] - 1
        return lambda row: (row[i],)
    return itemgetter(*(c - 1 for c in cols))  # type: ignore[return-value]


class _Sheet:
    """One level sheet found derivable: the indicators to keep (their quarters emptied) and
    those read again, with their findings."""

    def __init__(self, header_row: int, keep: list[Indicator],
                 again: dict[int, tuple[Indicator, list[Finding]]], sheet: str,
                 quarter_seen: int) -> None:
        self.header_row, self.keep, self.again, self.sheet = header_row, keep, again, sheet
        self.quarter_seen = quarter_seen  # last TW realised on the rows read again

    @classmethod
    def check(cls, level: Level, old: Grid, new: Grid, old_layout: SheetLayout,
              new_layout: SheetLayout, old_plan: Plan, new_head: Plan) -> _Sheet | None:
        cols = {h: old_layout.col(h) for h in _INPUT_HEADERS}
        if (old_layout.header_row != new_layout.header_row
                or any(new_layout.col(h) != c for h, c in cols.items())):
            return None
        kept = [c for h, c in cols.items() if c and h not in _EMPTIED]
        emptied = [c for h, c in cols.items() if c and h in _EMPTIED]
        quarterly = [c for h in _QUARTERLY if (c := cols[h])]
        width = max(kept + emptied)
        pad = (None,) * width
        get_kept, get_emptied = _getter(kept), _getter(emptied)
        get_quarters = _getter(quarterly) if quarterly else lambda row: ()
        nothing, no_quarters = get_emptied(pad), get_quarters(pad)
        ra = (cols[H.REAL_ANGGARAN] or 0) - 1  # its index in a row; -1: no such column
        old_known, new_known = _LevelReader.known_input_of(old_layout), \
            _LevelReader.known_input_of(new_layout)
        rows = {ind.row: ind for node in old_plan.levels[level] for ind in node.indicators}
        keep: list[Indicator] = []
        again: dict[int, tuple[Indicator, list[Finding]]] = {}
        reader: _LevelReader | None = None
        for r in range(old_layout.header_row + 1, max(len(old), len(new)) + 1):
            o = old[r - 1] if r <= len(old) else ()
            n = new[r - 1] if r <= len(new) else ()
            po = o if len(o) >= width else (*o, *pad[len(o):])
            pn = n if len(n) >= width else (*n, *pad[len(n):])
            if not all(map(is_, get_kept(po), get_kept(pn))):  # the very same values
                return None
            if ra >= 0 and pn[ra] is not None:
                return None
            ind = rows.get(r)
            if ind is None:  # read as it was: nothing emptied, blank (or not) as before
                if (get_emptied(po) != nothing or get_emptied(pn) != nothing
                        or _blank_row(o, old_known) != _blank_row(n, new_known)):
                    return None
                continue
            if get_quarters(pn) == no_quarters and set(map(type, get_quarters(po))) <= _PLAIN:
                keep.append(ind)
                continue
            if reader is None:
                reader = _LevelReader(level, new, new_layout, Plan(settings=new_head.settings),
                                      [])
            reader.findings = []
            node = Node(level, "", r)
            reader._indicator(node, tuple(n), r)
            again[r] = (node.indicators[0], reader.findings)
        seen = reader.plan.last_quarter_seen if reader is not None else 0
        return cls(old_layout.header_row, keep, again, level.sheet, seen)

    def apply(self, nodes: list[Node], old_findings: list[Finding]) -> list[Finding]:
        """Change the sheet's nodes in place; the sheet's row findings of the new reading."""
        for ind in self.keep:
            ind.quarter_targets = ind.realisations = _NONE
        for node in nodes:
            node.realisasi_anggaran = None
            if self.again:
                node.indicators = [self.again[i.row][0] if i.row in self.again else i
                                   for i in node.indicators]
        by_row: dict[int, list[Finding]] = {}
        for f in old_findings:
            if f.sheet != self.sheet or f.row is None or f.row <= self.header_row:
                continue
            if f.column in _EMPTIED or (f.row in self.again and f.column not in _NOT_INDICATOR):
                continue
            by_row.setdefault(f.row, []).append(f)
        for r, (_ind, found) in self.again.items():
            if found:
                by_row.setdefault(r, []).extend(found)
        return [f for r in sorted(by_row) for f in by_row[r]]


__all__ = ["reread_emptied"]
