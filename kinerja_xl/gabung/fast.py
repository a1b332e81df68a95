"""The fast path of `gabung`: a unit's level sheets straight from calamine's rows to frame rows.

The core reader (`core.reader.read_plan`) builds an `Indicator` and a `Quantity` per cell and a
call per cell lookup, which made it twice as expensive as calamine itself. A unit read by
`gabung` needs only the frame's columns and the unit's error/warning counts, so this module reads
the level sheets in one tight loop over calamine's own rows (blank cells are ""), with the
columns resolved once per sheet, and builds light `Node`s for `core.validate` (tree rules,
budgets), whose findings `gabung` counts.

It gives exactly what the core path gives or nothing: anything the core reader would report
about a cell (a bad number, a conflicting node field, a duplicate Kode, a row without a Kode,
a realisation range, a long text, ...) or any sheet the core could not read raises `Unusual`,
and the caller reads that file with the core path instead. Tipe/Polaritas notes are the one
cell finding produced here (by the core's own `_classify`), in the core's order, because blank
Tipe/Polaritas cells are common and would otherwise send many real files down the slow path.
Equivalence with the core path is tested on generated workbooks (tests/test_gabung_fast.py).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from functools import lru_cache
from typing import Any

from ..core.contract import (
    COMPUTED_HEADERS,
    LEVEL_SHEETS,
    PEJABAT,
    PENGATURAN,
    H,
    Level,
    P,
    level_headers,
    norm_header,
    required_headers,
)
from ..core.findings import Finding, Severity
from ..core.grid import SheetLayout, duplicate_headers, find_header, text
from ..core.model import Node, Plan
from ..core.reader import _classify, _read_officials, _read_settings

NAN = float("nan")
_BLANK = (NAN, NAN)
_COMPUTED = frozenset(norm_header(h) for h in COMPUTED_HEADERS)
_VALUE_HEADERS = (H.TARGET, *H.TARGET_TW, *H.REAL_TW)
_NODE_HEADERS = (H.KODE_INDUK, H.URAIAN, H.SASARAN, H.PJ)


class Unusual(Exception):
    """The fast path cannot vouch for this file: read it with the core path."""


RawGrid = list[list[Any]]


def none_grid(rows: RawGrid) -> list[tuple[Any, ...]]:
    """calamine's rows as the core's grid (blank cells None)."""
    return [tuple([None if v == "" else v for v in row]) for row in rows]


class FastUnit:
    """What the fast path read of one unit: the plan's settings, officials and light nodes
    (their `indicators` hold one placeholder per indicator row: only their number matters to
    the tree rules), the findings, and per node the indicator values in frame order."""

    def __init__(self) -> None:
        self.plan = Plan()
        self.layouts: dict[str, SheetLayout] = {}
        self.findings: list[Finding] = []
        self.values: dict[int, list[tuple[Any, ...]]] = {}  # id(node) -> indicator rows


def read_fast(raw: Mapping[str, RawGrid]) -> FastUnit:
    """Read a unit from calamine's rows, or raise `Unusual`."""
    if any(name not in raw for name in (PEJABAT, *LEVEL_SHEETS)):
        raise Unusual
    out = FastUnit()
    for level in Level:
        layout = find_header(raw[level.sheet], level.sheet, H.KODE)
        if layout is None or any(layout.col(h) is None for h in required_headers(level)):
            raise Unusual
        out.layouts[level.sheet] = layout
    pej = find_header(raw[PEJABAT], PEJABAT, P.ID)
    if pej is None or pej.col(P.JABATAN) is None:
        raise Unusual
    out.layouts[PEJABAT] = pej
    plan = out.plan
    if PENGATURAN in raw:
        plan.settings = _read_settings(none_grid(raw[PENGATURAN]), out.findings)
    else:
        out.findings.append(Finding(Severity.WARNING, PENGATURAN, None, "",
                                    "sheet Pengaturan tidak ada; dipakai nilai bawaan"))
    _read_officials(none_grid(raw[PEJABAT]), pej, plan, out.findings)
    for level in Level:
        grid, layout = raw[level.sheet], out.layouts[level.sheet]
        out.findings += duplicate_headers(grid, layout, level_headers(level))
        _read_level(level, grid, layout, out)
    return out


def _number(v: Any) -> tuple[float, float] | None:
    """A cell as (low, high); None when blank; `Unusual` when the core would report it."""
    t = type(v)
    if t is float or t is int:
        if not math.isfinite(v):
            raise Unusual
        return (float(v), float(v))
    if t is str and not v.strip():
        return None
    # Text ('15 Dokumen', '≥ 80%', 'BB', 'NA', '1.234,5') goes through the core: the grammar
    # may warn, imply a polarity or read a grade, which this path does not repeat.
    raise Unusual


@lru_cache(maxsize=1024)
def _kinds(raw_tipe: str, raw_pol: str) -> tuple[str, str, tuple[tuple[Severity, str, str], ...]]:
    """The core's `_classify`, with the tipe and polaritas as their frame values. With numbers
    only in the row (text sends the file to the core), nothing can imply a blank Polaritas, so
    the core's 'Polaritas kosong' warning comes right after the Tipe/Polaritas notes."""
    tipe, pol, notes, pol_blank = _classify(raw_tipe, raw_pol)
    if pol_blank:
        notes = (*notes, (Severity.WARNING, H.POLARITAS, "Polaritas kosong; dianggap Positif"))
    return tipe.value, pol.value, notes


def _txt(v: Any) -> str:
    return v.strip() if type(v) is str else text(v)


def _read_level(level: Level, grid: RawGrid, layout: SheetLayout, out: FastUnit) -> None:
    width = max((len(r) for r in grid), default=0)
    pad = width  # the index of an always-blank cell, for optional columns that are absent

    def col(header: str) -> int:
        c = layout.col(header)
        return pad if c is None else c - 1

    c_kode, c_ind, c_sat = col(H.KODE), col(H.INDIKATOR), col(H.SATUAN)
    c_pol, c_tipe = col(H.POLARITAS), col(H.TIPE)
    c_fields = [col(h) for h in _NODE_HEADERS]
    c_values = [col(h) for h in _VALUE_HEADERS]
    c_budget = [col(H.ANGGARAN), col(H.REAL_ANGGARAN)] if level.has_budget else []
    rows = grid  # calamine's rows are all as wide as the sheet: copied only when padding
    if pad in (c_kode, c_ind, c_sat, c_pol, c_tipe, *c_fields, *c_values, *c_budget) or any(
            len(r) < width for r in grid):
        rows = [[*r, *([""] * (width + 1 - len(r)))] for r in grid]
    known = [c - 1 for k, c in layout.columns.items() if k not in _COMPUTED]
    letters = {h: layout.letter(h) for h in (H.TIPE, H.POLARITAS)}
    plan, findings, sheet = out.plan, out.findings, level.sheet
    nodes = plan.levels[level]
    first_row: dict[str, int] = {}
    node: Node | None = None
    fields: list[str] = []
    budget: list[float | None] = []
    inds: list[tuple[Any, ...]] = []
    last_q = plan.last_quarter_seen

    def close() -> None:
        if node is not None:
            node.parent_code, node.uraian, node.sasaran, node.pic = fields
            node.anggaran, node.realisasi_anggaran = budget
            node.indicators = [None] * len(inds)  # type: ignore[list-item]
            out.values[id(node)] = inds

    for r in range(layout.header_row + 1, len(rows) + 1):
        row = rows[r - 1]
        v = row[c_kode]
        code = v.strip() if type(v) is str else text(v)
        if not code:
            if all(row[c] == "" or (type(row[c]) is str and not row[c].strip()) for c in known):
                continue
            if node is None:
                raise Unusual  # "Kode kosong" on a row with data
        elif node is None or code != node.code:
            if code in first_row:
                raise Unusual  # a Kode used twice
            first_row[code] = r
            close()
            node = Node(level, code, r)
            nodes.append(node)
            fields, budget, inds = ["", "", "", ""], [None, None], []
        assert node is not None
        for i, c in enumerate(c_fields):
            v = row[c]
            if v == "":
                continue
            value = v.strip() if type(v) is str else text(v)
            if not value:
                continue
            if len(value) > 2000 and i != 1:
                raise Unusual  # a very long cell (a warning)
            if not fields[i]:
                fields[i] = value
            elif fields[i] != value:
                raise Unusual  # a conflicting node field
        for i, c in enumerate(c_budget):
            v = row[c]
            if v == "":
                continue
            q = (v, v) if type(v) is float and v - v == 0 else _number(v)
            if q is None:
                continue
            if q[0] != q[1] or budget[i] is not None:
                raise Unusual  # a range, or a second amount for the node
            budget[i] = q[0]
        v = row[c_ind]
        name = v.strip() if type(v) is str else text(v)
        raw = [row[c] for c in c_values]
        if not name:
            if any(_txt(v) for v in raw):
                raise Unusual  # values without an indicator name
            continue
        v, w = row[c_tipe], row[c_pol]
        tipe, pol, notes = _kinds(v.strip() if type(v) is str else text(v),
                                  w.strip() if type(w) is str else text(w))
        for severity, header, message in notes:
            findings.append(Finding(severity, sheet, r, header, message, letters[header]))
        targets: list[float] = []  # Target, TW1..TW4 as low, high pairs
        for v in raw[:5]:
            if type(v) is float and v - v == 0:  # a finite number, the common case
                targets += (v, v)
            elif v == "":
                targets += _BLANK
            else:
                targets += _number(v) or _BLANK
        reals: list[float] = []
        for q, v in enumerate(raw[5:], start=1):
            if v == "":
                reals.append(NAN)
                continue
            pair = (v, v) if type(v) is float and v - v == 0 else _number(v)
            if pair is None:  # a blank text cell
                reals.append(NAN)
            elif pair[0] != pair[1]:
                raise Unusual  # a realisation range
            else:
                if q > last_q:
                    last_q = q
                reals.append(pair[0])
        t = raw[0]  # target_teks: the core's `text` of the cell, its common cases inline
        if type(t) is str:
            shown = t.strip()
        elif type(t) is float and t - t == 0:
            shown = str(int(t)) if t.is_integer() else repr(t)
        else:
            shown = text(t)
        v = row[c_sat]
        inds.append((r, name, v.strip() if type(v) is str else text(v), pol, tipe, shown,
                     *targets, *reals))
    close()
    plan.last_quarter_seen = last_q
