"""The worksheet functions' logic as plain Python (no xlwings), over the core rules.

Each function takes cell values as Excel hands them over (numbers, text such as "85%" or
"80-90", None for blank) and returns a number, "" (nothing to show yet) or an Indonesian error
text starting with `#KINERJA:`. They never raise.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from itertools import pairwise
from typing import Any

from ..core import capaian as rules
from ..core.contract import DEFAULT_BANDS, H, NegativeRule, Polarity, Tipe
from ..core.grid import cell, find_header, text
from ..core.numbers import Quantity, parse_quantity
from ..core.vocab import exact_polarity, exact_tipe, read_periode, read_tipe

ERROR = "#KINERJA: "
Result = float | str


class UdfError(ValueError):
    """An input the function cannot use; its message is shown in the cell."""


def error(message: str) -> str:
    return ERROR + message


def _is_blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _quantity(value: Any, what: str, allow_range: bool = False) -> Quantity | None:
    parsed = parse_quantity(value)
    if parsed.error:
        raise UdfError(f"{what} {parsed.error}")
    q = parsed.value
    if q is not None and q.is_range and not allow_range:
        raise UdfError(f"{what} tidak boleh berupa rentang")
    return q


def polarity(value: Any) -> Polarity:
    """Positif / Negatif (blank = Positif, as the reader does); 'Komulatif Negatif' works."""
    if _is_blank(value):
        return Polarity.POSITIF
    raw = text(value)
    pol = exact_polarity(raw) or read_tipe(raw)[1]
    if pol is None:
        raise UdfError(f"polaritas '{raw}' tidak dikenal (Positif atau Negatif)")
    return pol


def tipe(value: Any) -> Tipe:
    """Kumulatif / Non Kumulatif / Rata-rata (blank = Non Kumulatif, as the reader does)."""
    if _is_blank(value):
        return Tipe.NON_KUMULATIF
    raw = text(value)
    found = exact_tipe(raw) or read_tipe(raw)[0]
    if found is None:
        raise UdfError(f"tipe penghitungan '{raw}' tidak dikenal (Kumulatif, Non Kumulatif, "
                       "Rata-rata)")
    return found


def negative_rule(value: Any) -> NegativeRule:
    if _is_blank(value):
        return NegativeRule.TWO_T_MINUS_R
    key = "".join(text(value).split()).upper()
    for rule in NegativeRule:
        if key == rule.value.upper():
            return rule
    raise UdfError(f"rumus '{text(value)}' tidak dikenal ((2T-R)/T atau T/R)")


def capaian(target: Any, realisasi: Any, polaritas: Any = None, rumus: Any = None) -> Result:
    """Capaian (%) of R against T (a number or a range), DESIGN §3; "" when R is blank."""
    try:
        t = _quantity(target, "target", allow_range=True)
        if t is None:
            return error("target kosong")
        r = _quantity(realisasi, "realisasi")
        pol, rule = polarity(polaritas), negative_rule(rumus)
    except UdfError as exc:
        return error(str(exc))
    if r is None:
        return ""
    outcome = rules.capaian(r.value, t, pol, rule)
    return outcome.value if outcome.value is not None else error(outcome.note)


def _flat(values: Iterable[Any]) -> list[Any]:
    out: list[Any] = []
    for v in values:
        if isinstance(v, (list, tuple)):
            out += _flat(v)
        else:
            out.append(v)
    return out


def predikat(value: Any, *bands: Any) -> str:
    """Predikat of a capaian; bands (Sangat Tinggi, Tinggi, Sedang, Rendah lower limits) may be
    given as four numbers or one 4-cell range; default Permendagri 86/2017."""
    try:
        q = _quantity(value, "capaian")
        limits = [v for v in _flat(bands) if not _is_blank(v)]
        if limits:
            parsed = [_quantity(v, "batas") for v in limits]
            numbers = [p.value for p in parsed if p is not None]
            if len(numbers) != len(DEFAULT_BANDS):
                raise UdfError(f"batas predikat harus {len(DEFAULT_BANDS)} angka")
            if any(a <= b for a, b in pairwise(numbers)):
                raise UdfError("batas predikat harus menurun (mis. 91, 76, 66, 51)")
        else:
            numbers = list(DEFAULT_BANDS)
    except UdfError as exc:
        return error(str(exc))
    return "" if q is None else rules.predikat(q.value, numbers)


def realisasi(tipe_text: Any, quarters: Sequence[Any], periode: Any = None) -> Result:
    """R up to the reporting quarter (blank periode = the last filled quarter); "" when no
    quarter up to it has a realisation."""
    try:
        kind = tipe(tipe_text)
        values = [_quantity(v, f"TW{i}") for i, v in enumerate(quarters, start=1)]
        if _is_blank(periode):
            filled = [i for i, v in enumerate(values, start=1) if v is not None]
            n = filled[-1] if filled else 0
        else:
            n = read_periode(periode) or 0
            if not n:
                raise UdfError(f"periode '{text(periode)}' harus TW1, TW2, TW3 atau TW4")
    except UdfError as exc:
        return error(str(exc))
    r = rules.realisation(kind, values, n) if n else None
    return "" if r is None else r


def parent_uraian(kode: Any, grid: Sequence[Sequence[Any]]) -> str:
    """The Uraian of the row whose Kode is `kode` in a level table (grid starting at its
    column A, header row with 'Kode' in the first column); "" for a blank kode."""
    key = text(kode)
    if not key:
        return ""
    layout = find_header(grid, "", H.KODE)
    if layout is None:
        return error("tabel induk tidak punya baris judul 'Kode' di kolom pertama")
    k_col, u_col = layout.col(H.KODE), layout.col(H.URAIAN)
    if u_col is None:
        return error("tabel induk tidak punya kolom 'Uraian'")
    found = False
    for row in grid[layout.header_row:]:
        if text(cell(row, k_col)) == key:
            found = True
            uraian = text(cell(row, u_col))
            if uraian:  # the node's first row; following rows may leave it blank
                return uraian
    return "" if found else error(f"kode induk '{key}' tidak ditemukan")
