"""Predikat colours on the level sheets as conditional formatting (a neutral description).

The `Capaian (%)` cells are live formulas, so the colours must be live too: one rule per
predikat band, a formula over the row's own capaian cell reading the bands through the same
defined names as the Predikat formula (`BatasSangatTinggi` ... `BatasRendah`, pointing at
Pengaturan). Where `Predikat` is the column right of `Capaian (%)` (as `baru` lays them out)
the same rules cover both columns, since the Predikat formula reads the same bands; elsewhere
`Predikat` gets one rule per predikat name. Bands are mutually
exclusive and guarded by ISNUMBER (in Excel "" >= 91 is TRUE), so Excel 2010+ and LibreOffice
colour the same cells whatever order they evaluate rules in.

Our rules are recognised by their exact formula shape and fill colour (`is_ours`), so a rerun
replaces them wherever the column now sits, and rules the user added stay untouched.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from ..core import formulas
from ..core.compute import Computation
from ..core.contract import PREDIKAT_NAMES, H, Level
from ..core.findings import MAX_ROW, col_letter
from .palette import PREDIKAT_FILL

SLACK_ROWS = 500  # rows below the table that are coloured too (rows the user adds later)

_REF = r"\$[A-Z]{1,3}\d+"
_CONST = r"-?[0-9.]+(?:E[+-]?\d+)?"
_NUMBER = rf"(?:{_CONST}|Batas\w+|IF\(ISNUMBER\(Batas\w+\),Batas\w+,{_CONST}\))"
_CAPAIAN_RULE = re.compile(rf"^AND\(ISNUMBER\({_REF}\),{_REF}(?:>=|<){_NUMBER}"
                           rf"(?:,{_REF}<{_NUMBER})?\)$")
_PREDIKAT_RULE = re.compile(rf'^{_REF}="(?:{"|".join(PREDIKAT_NAMES)})"$')
_OUR_FILLS = frozenset(PREDIKAT_FILL.values())


def _num(x: float | str) -> str:
    """A band as a formula term: 91 -> '91', 75.5 -> '75.5', 1e-05 -> '1E-05'; an expression
    (the band read from Pengaturan) as it is."""
    if isinstance(x, str):
        return x
    return str(int(x)) if float(x).is_integer() else repr(float(x)).upper()


@dataclass(frozen=True)
class ColourRule:
    """One formula rule: colour `fill` the cells of `ref` (A1 range on `sheet`) where
    `formula` (without '=', relative to the range's first row) is TRUE."""

    sheet: str
    ref: str
    formula: str
    fill: str
    predikat: str


def band_formulas(cell: str, bands: Sequence[float | str]) -> list[tuple[str, str]]:
    """(predikat, formula) per band for a capaian cell such as '$R3'; exclusive ranges. A band
    is a number or an expression (`formulas.band_expr`, what Hitung writes)."""
    out = []
    for i, name in enumerate(PREDIKAT_NAMES):
        parts = [f"ISNUMBER({cell})"]
        if i < len(bands):
            parts.append(f"{cell}>={_num(bands[i])}")
        if i > 0:
            parts.append(f"{cell}<{_num(bands[i - 1])}")
        out.append((name, f"AND({','.join(parts)})"))
    return out


def colour_rules(comp: Computation) -> list[ColourRule]:
    """The rules for every level sheet of a computation (where Hitung wrote the columns)."""
    bands = [formulas.band_expr(i) for i in range(len(formulas.BAND_NAMES))]
    rules: list[ColourRule] = []
    for sw in comp.writes.sheets:
        cols = {cw.header: cw for cw in sw.columns}
        cap, pred = cols.get(H.CAPAIAN), cols.get(H.PREDIKAT)
        if cap is None or sw.sheet not in {lv.sheet for lv in Level}:
            continue
        first = cap.first_row
        last = min(max(cap.last_row, first) + SLACK_ROWS, MAX_ROW)  # never past Excel's grid
        letter = col_letter(cap.col)
        # Predikat right of Capaian (the layout `baru` makes): the band rules colour both
        # columns, since the Predikat formula reads the same bands; half the rules to add
        joined = pred is not None and pred.col == cap.col + 1
        end = col_letter(pred.col) if joined else letter  # type: ignore[union-attr]
        ref = f"{letter}{first}:{end}{last}"
        for name, formula in band_formulas(f"${letter}{first}", bands):
            rules.append(ColourRule(sw.sheet, ref, formula, PREDIKAT_FILL[name], name))
        if pred is not None and not joined:
            p = col_letter(pred.col)
            pref = f"{p}{first}:{p}{last}"
            for name in PREDIKAT_NAMES:
                rules.append(ColourRule(sw.sheet, pref, f'${p}{first}="{name}"',
                                        PREDIKAT_FILL[name], name))
    return rules


def is_ours(formula: str, fill: str | None) -> bool:
    """Is a conditional-format rule one this module writes (formula shape and our colour)?"""
    if fill is None or fill.upper()[-6:] not in _OUR_FILLS:
        return False
    formula = formula.lstrip("=")
    return bool(_CAPAIAN_RULE.match(formula) or _PREDIKAT_RULE.match(formula))
