"""Runs of a computed column's uniform formula stored as Excel shared formulas.

A level sheet's computed column holds the same formula in R1C1 terms on every indicator row
(`core.sheetformulas`). Excel stores such a run as one *shared formula*: the first cell (the
master) carries the text and the range, the others only `<f t="shared" si="N"/>`. Writing it
that way is what Excel itself does for a filled column, makes the part a fraction of the size
(a row's formulas are ~1,600 characters), and lets Periksa's drift check read one formula per
run instead of one per cell. Every reader we rely on expands it (Excel, LibreOffice, openpyxl).

Before a column is shared, openpyxl's `Translator` (the same relative-reference rule Excel
applies to a shared formula) must turn the first run's first formula into its second one and
into the last run's last one exactly; otherwise the column is written cell by cell as before.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from openpyxl.formula.translate import Translator, TranslatorError

from ..core.writes import Out
from .cells import col_index, col_letters

Share = tuple[int, str | None]  # (si, the master's ref or None for a follower)

_MASTER = re.compile(rb'<f\b([^>]*?\bref="[^"]*"[^>]*)>')
_REF = re.compile(rb'\bref="\$?([A-Z]{1,3})\$?(\d+)(?::\$?([A-Z]{1,3})\$?(\d+))?"')
_SI = re.compile(rb'\bsi="(\d+)"')


def reserved_si(data: bytes, spans: Mapping[int, tuple[int, int]]) -> set[int]:
    """The shared-formula indexes a worksheet part keeps after our columns are rewritten:
    those of every master whose range is not inside one of our columns' rewritten rows
    (`spans`: column -> first, last row)."""
    out: set[int] = set()
    if b'si="' not in data:
        return out
    for m in _MASTER.finditer(data):
        attrs = m.group(1)
        si = _SI.search(attrs)
        if si is None:
            continue
        ref = _REF.search(attrs)
        if ref is not None:
            c1 = col_index(ref.group(1))
            c2 = col_index(ref.group(3) or ref.group(1))
            r1, r2 = int(ref.group(2)), int(ref.group(4) or ref.group(2))
            span = spans.get(c1)
            if c1 == c2 and span is not None and span[0] <= r1 and r2 <= span[1]:
                continue
        out.add(int(si.group(1)))
    return out


def shareable(col: int, first: tuple[int, str], others: list[tuple[int, str]]) -> bool:
    """Does the formula at the first row become each of the others as Excel translates a
    shared formula?"""
    letters = col_letters(col)
    r1, f1 = first
    try:
        moving = Translator(_eq(f1), origin=f"{letters}{r1}")
        return all(moving.translate_formula(f"{letters}{r}") == _eq(f) for r, f in others)
    except (TranslatorError, ValueError, IndexError):
        return False


def _eq(formula: str) -> str:
    return formula if formula.startswith("=") else "=" + formula


def share_runs(col: int, cells: Mapping[int, Out], taken: set[int]) -> dict[int, Share]:
    """Row -> how its cell joins a shared formula, for every run of two or more consecutive
    rows holding the column's uniform formula; `taken` (updated) are indexes in use."""
    rows = sorted(r for r, out in cells.items() if out.uniform and out.formula)
    runs: list[list[int]] = []
    for r in rows:
        if runs and runs[-1][-1] == r - 1:
            runs[-1].append(r)
        else:
            runs.append([r])
    runs = [run for run in runs if len(run) > 1]
    if not runs:
        return {}
    a, b, z = runs[0][0], runs[0][1], runs[-1][-1]
    fa, fb, fz = cells[a].formula, cells[b].formula, cells[z].formula
    assert fa is not None and fb is not None and fz is not None
    if not shareable(col, (a, fa), [(b, fb), (z, fz)]):
        return {}
    letters = col_letters(col)
    out: dict[int, Share] = {}
    si = 0
    for run in runs:
        while si in taken:
            si += 1
        taken.add(si)
        out[run[0]] = (si, f"{letters}{run[0]}:{letters}{run[-1]}")
        for r in run[1:]:
            out[r] = (si, None)
    return out
