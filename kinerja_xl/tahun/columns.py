"""The optional columns for reporting across years, found by header text and read per row.

Recognised on every level sheet when present (never required; `baru` adds them):
`Kondisi Awal`, `Realisasi N-1`, `Realisasi N-2`, `Capaian N-1`, `Capaian N-2`,
`Target Akhir Renstra`, `Standar Nasional`, `Faktor Pendorong`, `Faktor Penghambat`,
`Tindak Lanjut`. The N-x and Target Akhir headers may carry a year instead: `Realisasi 2024`
is N-1 when Tahun is 2025; `Target Akhir Renstra 2026` (or `(2026)`) gives the Renstra's last
year. Pure: grids in, values out (docs/lkjip.md).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from ..core.contract import H, norm_header
from ..core.grid import SheetLayout, cell, text
from ..core.numbers import Quantity, parse_quantity

# Keys of the optional columns (what `YearColumns.cols` is indexed by).
KONDISI_AWAL, REAL_N1, REAL_N2 = "kondisi_awal", "real_n1", "real_n2"
CAPAIAN_N1, CAPAIAN_N2, TARGET_AKHIR = "capaian_n1", "capaian_n2", "target_akhir"
STANDAR, PENDORONG, PENGHAMBAT, TINDAK_LANJUT = ("standar", "pendorong", "penghambat",
                                                 "tindak_lanjut")
TEXT_KEYS = (PENDORONG, PENGHAMBAT, TINDAK_LANJUT)
DEFAULT_HEADERS = {KONDISI_AWAL: H.KONDISI_AWAL, REAL_N1: H.REAL_N1, REAL_N2: H.REAL_N2,
                   CAPAIAN_N1: H.CAPAIAN_N1, CAPAIAN_N2: H.CAPAIAN_N2,
                   TARGET_AKHIR: H.TARGET_AKHIR, STANDAR: H.STANDAR_NASIONAL,
                   PENDORONG: H.FAKTOR_PENDORONG, PENGHAMBAT: H.FAKTOR_PENGHAMBAT,
                   TINDAK_LANJUT: H.TINDAK_LANJUT}

_YEAR = r"(?:tahun\s*)?\(?\s*((?:19|20)\d\d)\s*\)?"
_PLAIN = {norm_header(h): k for k, h in DEFAULT_HEADERS.items()}
_PAST = re.compile(r"(realisasi|capaian)(?:\s*\(%\))?\s*(?:n\s*-\s*([12])|" + _YEAR + ")")
_END = re.compile(r"target akhir(?: renstra)?(?:\s+" + _YEAR + r")?")
_BASE = re.compile(r"kondisi awal(?:\s+" + _YEAR + r")?")


@dataclass
class YearColumns:
    """Where the optional columns of one level sheet are, and the years their headers say."""

    cols: dict[str, int] = field(default_factory=dict)  # key -> 1-based column
    headers: dict[str, str] = field(default_factory=dict)  # key -> header text as typed
    years: dict[str, int] = field(default_factory=dict)  # key -> year from the header

    def has(self, key: str) -> bool:
        return key in self.cols


def _past_key(kind: str, offset: int) -> str | None:
    if offset not in (1, 2):
        return None
    return {("realisasi", 1): REAL_N1, ("realisasi", 2): REAL_N2,
            ("capaian", 1): CAPAIAN_N1, ("capaian", 2): CAPAIAN_N2}[(kind, offset)]


def find_columns(header_row: Sequence[Any], tahun: int | None) -> YearColumns:
    """The optional columns of a header row. With a year in the header, `Realisasi 2024` is
    N-1 for Tahun 2025 and N-2 for 2026; without Tahun the later year is N-1."""
    out = YearColumns()
    dated: list[tuple[str, int, int, str]] = []  # kind, year, col, header
    for col, value in enumerate(header_row, start=1):
        key = norm_header(value)
        if not key:
            continue
        if key in _PLAIN:
            out.cols.setdefault(_PLAIN[key], col)
            out.headers.setdefault(_PLAIN[key], str(value))
            continue
        m = _PAST.fullmatch(key)
        if m and m.group(2):
            k = _past_key(m.group(1), int(m.group(2)))
            if k:
                out.cols.setdefault(k, col)
                out.headers.setdefault(k, str(value))
            continue
        if m and m.group(3):
            dated.append((m.group(1), int(m.group(3)), col, str(value)))
            continue
        for pattern, k in ((_END, TARGET_AKHIR), (_BASE, KONDISI_AWAL)):
            m = pattern.fullmatch(key)
            if m and k not in out.cols:
                out.cols[k], out.headers[k] = col, str(value)
                if m.group(1):
                    out.years[k] = int(m.group(1))
    for kind in ("realisasi", "capaian"):
        years = sorted({y for k, y, _c, _h in dated if k == kind}, reverse=True)
        for k, year, col, header in dated:
            if k != kind:
                continue
            offset = tahun - year if tahun else years.index(year) + 1
            key = _past_key(kind, offset)
            if key and key not in out.cols:
                out.cols[key], out.headers[key], out.years[key] = col, header, year
    return out


def sheet_columns(grid: Sequence[Sequence[Any]], layout: SheetLayout,
                  tahun: int | None) -> YearColumns:
    return find_columns(grid[layout.header_row - 1], tahun)


@dataclass(frozen=True)
class Value:
    """An optional numeric cell: the number (or range), the text as typed, and why it could
    not be read (empty when it could, or when the cell is blank)."""

    quantity: Quantity | None = None
    text: str = ""
    error: str = ""

    @property
    def blank(self) -> bool:
        return not self.text


@dataclass(frozen=True)
class History:
    """The optional cells of one indicator row."""

    values: dict[str, Value]
    texts: dict[str, str]

    def value(self, key: str) -> Value:
        return self.values.get(key, Value())

    def text(self, key: str) -> str:
        return self.texts.get(key, "")


def read_row(row: Sequence[Any], cols: YearColumns) -> History:
    values: dict[str, Value] = {}
    texts: dict[str, str] = {}
    for key, col in cols.cols.items():
        raw = cell(row, col)
        if key in TEXT_KEYS:
            texts[key] = text(raw)
            continue
        shown = text(raw)
        if not shown:
            continue
        parsed = parse_quantity(raw)
        values[key] = Value(parsed.value, shown, parsed.error or "")
    return History(values, texts)


__all__ = ["DEFAULT_HEADERS", "History", "Value", "YearColumns", "find_columns", "read_row",
           "sheet_columns"]
