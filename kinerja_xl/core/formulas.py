"""Excel formulas that reproduce `capaian.py` in the sheet (Excel 2010+ and LibreOffice).

One formula per computed column: every indicator row gets the same formula in R1C1 terms. It
reads the row's own Polaritas, Tipe Penghitungan, targets and realisations, and the workbook
settings through defined names that point at Pengaturan cells (`PeriodeKinerja`,
`RumusNegatifTR`, `BatasCapaian`, `BatasSangatTinggi` ... `BatasRendah`). So copying a row,
changing Polaritas / Tipe or a setting stays right without running Hitung.

A row the formula cannot read (a Target such as "80 s.d. 90" or "≥ 80", a grade, a Tipe the
formula does not know) shows "jalankan Hitung". Hitung writes those rows a *guard*: the value
Python computed, kept while the row's inputs and the settings equal what Hitung saw
(`guard`), and "jalankan Hitung" as soon as one of them changes.

Only classic functions (IF, AND, OR, NOT, INDEX, MATCH, CHOOSE, COUNT, COUNTA, ISNUMBER, N, MIN,
MOD, SUBSTITUTE, UPPER, TRIM, IFERROR, ISERROR); no XLOOKUP, LET or dynamic arrays. Arithmetic
is written in the same order as the Python code so both engines produce the same doubles.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from .contract import DEFAULT_BANDS, PREDIKAT_NAMES

_HUGE = "9.99E+307"
RUN_HITUNG = "jalankan Hitung"  # what a cell shows when only Python can compute it

# Defined names (workbook scope) that point at Pengaturan cells.
PERIODE_NAME = "PeriodeKinerja"
RULE_NAME = "RumusNegatifTR"
CAP_NAME = "BatasCapaian"
BAND_NAMES = ("BatasSangatTinggi", "BatasTinggi", "BatasSedang", "BatasRendah")
TIPE_KEYS = ("KUMULATIF", "NON KUMULATIF", "RATA-RATA")  # UPPER(TRIM(Tipe)) the formula reads
POLARITY_KEYS = ("POSITIF", "NEGATIF")


def quote_sheet(name: str) -> str:
    return "'" + name.replace("'", "''") + "'"


def _num(x: float) -> str:
    x = float(x)
    return str(int(x)) if x.is_integer() and abs(x) < 1e15 else repr(x).upper()


def _text(s: str) -> str:
    return '"' + s.replace('"', '""') + '"'


def excel_key(raw: object) -> str:
    """What UPPER(cell) gives for a Polaritas/Tipe cell (no trimming: "Negatif " is not a
    choice for the formula, so such a row is computed by Python)."""
    if raw is None:
        return ""
    if isinstance(raw, str):
        return raw.upper()
    return "?"  # a number, date or boolean never equals one of the keys


def _span(refs: Sequence[str]) -> str:
    """'N5,O5,P5' as 'N5:P5' when the cells are one contiguous run of a row, else as listed."""
    parsed = [re.fullmatch(r"([A-Z]+)(\d+)", r) for r in refs]
    if len(refs) > 1 and all(parsed):
        cols = [_col_number(m.group(1)) for m in parsed if m]
        rows = {m.group(2) for m in parsed if m}
        if len(rows) == 1 and cols == list(range(cols[0], cols[0] + len(cols))):
            return f"{refs[0]}:{refs[-1]}"
    return ",".join(refs)


def _col_number(letters: str) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n


@dataclass(frozen=True)
class RowRefs:
    """Cell references (A1 style, same sheet) an indicator row's formulas use; '""' stands for
    a column the sheet does not have."""

    target: str
    quarter_targets: Sequence[str]  # four refs (TW1..TW4)
    realisations: Sequence[str]  # four refs
    periode: str = PERIODE_NAME
    polaritas: str = '""'
    tipe: str = '""'

    @property
    def inputs(self) -> list[str]:
        return [r for r in (self.target, *self.quarter_targets, *self.realisations) if r != '""']


def _key(ref: str) -> str:
    return f"UPPER({ref})"


def readable(refs: RowRefs) -> str:
    """TRUE when the formula can read the row: every Target/Realisasi cell is a number or
    blank, and Tipe and Polaritas are blank or one of the listed choices."""
    cells = _span(refs.inputs)
    tipes = ",".join(f'"{k}"' for k in ("", *TIPE_KEYS))
    pols = ",".join(f'"{k}"' for k in ("", *POLARITY_KEYS))
    numbers = f"COUNT({cells})=COUNTA({cells})," if cells else ""
    return (f"AND({numbers}OR({_key(refs.tipe)}={{{tipes}}}),"
            f"OR({_key(refs.polaritas)}={{{pols}}}))")


def _upto(n: str, q: int, term: str) -> str:
    """term counted only when quarter q is within the reporting quarter n (q = 1 always is:
    n = 0 only when no realisation is typed anywhere)."""
    return term if q == 1 else f"({n}>={q})*{term}"


def realisation(refs: RowRefs) -> str:
    """R up to the reporting quarter ("" when no quarter 1..n is filled), for every Tipe."""
    n = refs.periode
    rs = [(q, r) for q, r in enumerate(refs.realisations, start=1) if r != '""']
    count = "+".join(_upto(n, q, f"ISNUMBER({r})") for q, r in rs) or "0"
    total = "+".join(_upto(n, q, f"N({r})") for q, r in rs) or "0"
    last = '""'
    for q, r in rs:
        last = (f"IF(ISNUMBER({r}),{r},{last})" if q == 1 else
                f"IF(AND({n}>={q},ISNUMBER({r})),{r},{last})")
    tk = _key(refs.tipe)
    body = (f'IF(({count})=0,"",IF(OR({tk}="KUMULATIF",{tk}="RATA-RATA"),'
            f'({total})/IF({tk}="RATA-RATA",{count},1),{last}))')
    return f'=IF({readable(refs)},{body},"{RUN_HITUNG}")'


def target_expr(refs: RowRefs) -> str:
    """T up to the reporting quarter (an expression; blank when no target), for every Tipe:
    Kumulatif sums T1..Tn when any quarterly target exists; the others take Tn when given;
    otherwise the annual target."""
    n, ts, annual = refs.periode, list(refs.quarter_targets), refs.target
    have = [(q, t) for q, t in enumerate(ts, start=1) if t != '""']
    if not have:
        return annual
    total = "+".join(_upto(n, q, f"N({t})") for q, t in have)
    kum = f"IF(COUNT({_span([t for _, t in have])})>0,{total},{annual})"
    pick = f"CHOOSE(MAX(1,{n}),{','.join(ts)})"
    other = f"IF(ISNUMBER({pick}),{pick},{annual})"
    return f'IF({_key(refs.tipe)}="KUMULATIF",{kum},{other})'


def cap_expr() -> str:
    return CAP_NAME


def negative_rule_is_t_over_r() -> str:
    return RULE_NAME


def setting_names(cells: dict[str, str]) -> dict[str, str]:
    """The defined names the formulas read, as formulas over the Pengaturan cells
    (`cells`: name -> absolute reference), blank meaning the default: `BatasCapaian` is the
    cap (9.99E+307 when none), `RumusNegatifTR` is TRUE when the rule is T/R, the bands are
    the numbers typed (else 91, 76, 66, 51). `PeriodeKinerja` is the Periode Dihitung cell."""
    out = {PERIODE_NAME: cells[PERIODE_NAME]}
    cap = cells[CAP_NAME]
    out[CAP_NAME] = f"IF(ISNUMBER({cap}),{cap},{_HUGE})"
    out[RULE_NAME] = f'SUBSTITUTE(UPPER({cells[RULE_NAME]}&"")," ","")="T/R"'
    for name, band in zip(BAND_NAMES, DEFAULT_BANDS, strict=True):
        out[name] = f"IF(ISNUMBER({cells[name]}),{cells[name]},{_num(band)})"
    return out


def capaian(refs: RowRefs, r_ref: str) -> str:
    """Capaian (%) of the row, "" when not computable. r_ref is the row's Realisasi cell (it
    shows "jalankan Hitung" when the row cannot be read, and this cell then shows it too).

    With q = R/T the three rules are one expression, so T is written only twice:
    POWER(a + b*q, c)*100 with (a, b, c) = (0, 1, 1) Positif, (2, -1, 1) Negatif (2T-R)/T,
    (0, 1, -1) Negatif T/R; `capaian.py` computes the same operations. T = 0, a blank T and
    T/R with R = 0 end in a division error, sorted out by IFERROR as in the core."""
    t, r, limit = f"({target_expr(refs)})", r_ref, cap_expr()
    neg = f'({_key(refs.polaritas)}="NEGATIF")'
    tr = f"({negative_rule_is_t_over_r()})"
    main = (f"MIN(POWER(2*{neg}*NOT{tr}+(1-2*{neg}*NOT{tr})*{r}/{t},1-2*{neg}*{tr})*100,"
            f"{limit})")
    special = f'IF(AND({neg},{r}=0,{t}&""="0"),MIN(100,{limit}),"")'
    return f'=IF(ISNUMBER({r}),IFERROR({main},{special}),{r}&"")'


def band_expr(i: int) -> str:
    """The i-th predikat band (0 = Sangat Tinggi): its defined name (Pengaturan or default)."""
    return BAND_NAMES[i]


def predikat(capaian_ref: str) -> str:
    """Predikat text from the row's capaian cell, bands read from Pengaturan."""
    body = _text(PREDIKAT_NAMES[-1])
    for i in reversed(range(len(BAND_NAMES))):
        body = f"IF({capaian_ref}>={band_expr(i)},{_text(PREDIKAT_NAMES[i])},{body})"
    return f'=IF(ISNUMBER({capaian_ref}),{body},"")'


def parent_uraian(parent_sheet: str, parent_uraian_col: str, kode_induk_ref: str,
                  kode_ref: str, kode_above: str, self_above: str) -> str:
    """The parent's Uraian looked up live by the row's Kode Induk (column A of the level
    above); a following row of the same node (blank Kode Induk, Kode blank or repeated) shows
    what the row above shows."""
    sheet = quote_sheet(parent_sheet)
    lookup = (f"IFERROR(INDEX({sheet}!${parent_uraian_col}:${parent_uraian_col},"
              f'MATCH({kode_induk_ref},{sheet}!$A:$A,0)),"")')
    return (f'=IF({kode_induk_ref}<>"",{lookup},'
            f'IF(OR({kode_ref}="",{kode_ref}={kode_above}),{self_above}&"",""))')


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


# Guards: Python's value while the inputs stay as Hitung saw them --------------------------------

_EPOCH = dt.datetime(1899, 12, 30)


def same_as(ref: str, raw: Any) -> str:
    """A test that cell ref still holds raw (the value Hitung read)."""
    if raw is None:
        return f'{ref}=""'
    if isinstance(raw, bool):
        return f"{ref}={'TRUE' if raw else 'FALSE'}"
    if isinstance(raw, (int, float)):
        return f"{ref}={_num(raw)}"
    if isinstance(raw, (dt.datetime, dt.date)):
        moment = raw if isinstance(raw, dt.datetime) else dt.datetime(raw.year, raw.month,
                                                                          raw.day)
        return f"{ref}={_num((moment - _EPOCH).total_seconds() / 86400)}"
    if isinstance(raw, str):
        if raw.startswith("#") or raw.startswith("Err:"):
            return f"ISERROR({ref})"
        if len(raw) <= 200 and raw.isprintable():
            return f"{ref}={_text(raw)}"
        return f"ISTEXT({ref})"
    return f"NOT(ISBLANK({ref}))"


def guard(checks: Sequence[str], value: Any) -> str:
    """Python's value while every check holds, else "jalankan Hitung"."""
    shown = '""' if value is None or value == "" else (
        _text(value) if isinstance(value, str) else _num(value))
    return f'=IF(AND({",".join(checks) or "TRUE"}),{shown},"{RUN_HITUNG}")'


def settings_checks(periode: int, t_over_r: bool, cap: float | None) -> list[str]:
    """Checks that the settings a Python-computed row used are unchanged."""
    return [f"{PERIODE_NAME}={periode}",
            f"{RULE_NAME}={'TRUE' if t_over_r else 'FALSE'}",
            f"{CAP_NAME}={_HUGE if cap is None else _num(cap)}"]


def is_guard(formula: str) -> bool:
    """Is a formula one of our guards (any row, any inputs)?"""
    return formula.startswith("=IF(AND(") and formula.endswith(f',"{RUN_HITUNG}")')
