"""Excel formulas that reproduce `capaian.py` in the sheet (Excel 2010+ and LibreOffice).

Only classic functions (IF, IFERROR, INDEX, MATCH, CHOOSE, COUNT, COUNTA, ISNUMBER, N, MIN,
MOD, SUBSTITUTE, UPPER, TRIM); no XLOOKUP, LET or dynamic arrays. Arithmetic is written in
the same order as the Python code so both engines produce the same doubles. Settings that rarely
change (negative rule, cap, predikat bands) are written as constants: after changing Pengaturan
the user runs Hitung Capaian again. The reporting quarter is live: it comes from the
`Periode Dihitung` cell, whose formula follows the realisations the user types.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from .contract import PREDIKAT_NAMES, NegativeRule, Polarity, Tipe

_HUGE = "9.99E+307"


def quote_sheet(name: str) -> str:
    return "'" + name.replace("'", "''") + "'"


def _num(x: float) -> str:
    return repr(float(x)) if not float(x).is_integer() else str(int(x))


def _text(s: str) -> str:
    return '"' + s.replace('"', '""') + '"'


@dataclass(frozen=True)
class RowRefs:
    """Cell references (A1 style, same sheet) an indicator row's formulas use."""

    target: str
    quarter_targets: Sequence[str]  # four refs (TW1..TW4)
    realisations: Sequence[str]  # four refs
    periode: str  # absolute ref to the Periode Dihitung cell, or a literal number


def realisation(tipe: Tipe, refs: RowRefs) -> str:
    """R up to the reporting quarter, or "" when no quarter 1..n is filled."""
    n, rs = refs.periode, refs.realisations
    count = "+".join(f"({n}>={q})*ISNUMBER({r})" for q, r in enumerate(rs, start=1))
    total = "+".join(f"({n}>={q})*N({r})" for q, r in enumerate(rs, start=1))
    if tipe is Tipe.KUMULATIF:
        body = total
    elif tipe is Tipe.RATA_RATA:
        body = f"({total})/({count})"
    else:
        body = '""'
        for q, r in enumerate(rs, start=1):
            body = f"IF(AND({n}>={q},ISNUMBER({r})),{r},{body})"
    return f'=IF(({count})=0,"",{body})'


def target_expr(tipe: Tipe, refs: RowRefs) -> str:
    """T up to the reporting quarter (an expression; "" when no target)."""
    n, ts, annual = refs.periode, refs.quarter_targets, refs.target
    if tipe is Tipe.KUMULATIF:
        total = "+".join(f"({n}>={q})*N({t})" for q, t in enumerate(ts, start=1))
        return f"IF(COUNT({','.join(ts)})>0,{total},{annual})"
    pick = f"CHOOSE(MAX(1,{n}),{','.join(ts)})"
    return f"IF(ISNUMBER({pick}),{pick},{annual})"


def capaian(tipe: Tipe, polarity: Polarity, rule: NegativeRule, cap: float | None,
            refs: RowRefs, r_ref: str) -> str:
    """Capaian (%) of the row, "" when not computable. r_ref is the row's Realisasi cell."""
    t = target_expr(tipe, refs)
    limit = _num(cap) if cap is not None else _HUGE
    r = r_ref
    if polarity is Polarity.POSITIF:
        core = f"MIN({r}/({t})*100,{limit})"
        zero = '""'
    elif rule is NegativeRule.T_OVER_R:
        core = f'IF({r}=0,"",MIN(({t})/{r}*100,{limit}))'
        zero = f'IF({r}=0,MIN(100,{limit}),"")'
    else:
        core = f"MIN((2*({t})-{r})/({t})*100,{limit})"
        zero = f'IF({r}=0,MIN(100,{limit}),"")'
    return (f'=IF(NOT(ISNUMBER({r})),"",IF(NOT(ISNUMBER({t})),"",'
            f"IF(({t})=0,{zero},{core})))")


def predikat(capaian_ref: str, bands: Sequence[float]) -> str:
    """Predikat text from the row's capaian cell, with the configured bands as constants."""
    body = _text(PREDIKAT_NAMES[-1])
    for limit, name in reversed(list(zip(bands, PREDIKAT_NAMES, strict=False))):
        body = f"IF({capaian_ref}>={_num(limit)},{_text(name)},{body})"
    return f'=IF(ISNUMBER({capaian_ref}),{body},"")'


def parent_uraian(parent_sheet: str, parent_uraian_col: str, kode_induk_ref: str) -> str:
    """The parent's Uraian looked up live by Kode (column A of the level above)."""
    sheet = quote_sheet(parent_sheet)
    return (f'=IF({kode_induk_ref}="","",IFERROR(INDEX({sheet}!${parent_uraian_col}:'
            f"${parent_uraian_col},MATCH({kode_induk_ref},{sheet}!$A:$A,0)),\"\"))")


def serapan(anggaran_ref: str, realisasi_ref: str) -> str:
    return (f"=IF(AND(ISNUMBER({anggaran_ref}),ISNUMBER({realisasi_ref})),"
            f'IF({anggaran_ref}=0,"",{realisasi_ref}/{anggaran_ref}*100),"")')


def periode(periode_ref: str, realisation_ranges: Sequence[Sequence[str]]) -> str:
    """Periode Dihitung: the typed Periode (TW1..TW4, 1..4, TW I..TW IV), else the last
    quarter with any realisation. realisation_ranges[q] lists the TW(q+1) ranges of all sheets."""
    fallback = "0"
    for q, ranges in enumerate(realisation_ranges, start=1):
        if ranges:
            fallback = f"IF(COUNTA({','.join(ranges)})>0,{q},{fallback})"
    codes = '{"TW1","TW2","TW3","TW4","1","2","3","4","TWI","TWII","TWIII","TWIV"}'
    typed = f'SUBSTITUTE(UPPER(TRIM({periode_ref}&""))," ","")'
    return (f'=IF(TRIM({periode_ref}&"")="",{fallback},'
            f"IFERROR(MOD(MATCH({typed},{codes},0)-1,4)+1,{fallback}))")
