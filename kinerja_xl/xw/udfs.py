"""Worksheet functions for Windows Excel (xlwings `@xw.func`), e.g. `=KINERJA_CAPAIAN(N5;V5;I5)`.

They get into a workbook through the xlwings add-in's "Import Functions" button, with
`UDF Modules = kinerja_xl.xw.udfs` in the `xlwings.conf` sheet (see docs/udf.md). The logic is
in `udf_logic` (plain Python, tested directly); these wrappers only adapt arguments and make
sure a cell shows an Indonesian `#KINERJA:` text instead of a Python error.

The decorated functions carry no type annotations on purpose: xlwings turns annotations into
converters (`Any` would become one), while these functions take cells exactly as Excel gives them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import xlwings as xw

from ..core.contract import LEVEL_BY_SHEET
from . import udf_logic as logic
from .book import read_sheet


def _safe(func: Callable[[], Any]) -> Any:
    try:
        return func()
    except Exception as exc:  # a cell must show a message, never a traceback
        return logic.error(f"kesalahan program ({type(exc).__name__}: {str(exc)[:100]})")


@xw.func
def KINERJA_CAPAIAN(target, realisasi, polaritas, rumus=None):
    """Capaian (%) realisasi terhadap target. Target boleh angka, "85%" atau rentang "80-90".
    Polaritas: Positif/Negatif. Rumus negatif: "(2T-R)/T" (bawaan) atau "T/R"."""
    return _safe(lambda: logic.capaian(target, realisasi, polaritas, rumus))


@xw.func
def KINERJA_PREDIKAT(capaian, *batas):
    """Predikat capaian (Sangat Tinggi … Sangat Rendah). Batas opsional: 4 angka batas bawah
    (Sangat Tinggi, Tinggi, Sedang, Rendah), bawaan 91, 76, 66, 51."""
    return _safe(lambda: logic.predikat(capaian, *batas))


@xw.func
def KINERJA_REALISASI(tipe, tw1, tw2, tw3, tw4, periode=None):
    """Realisasi s.d. periode (TW1..TW4; kosong = triwulan terakhir yang terisi) menurut tipe
    penghitungan: Kumulatif (jumlah), Non Kumulatif (terakhir), Rata-rata."""
    return _safe(lambda: logic.realisasi(tipe, (tw1, tw2, tw3, tw4), periode))


@xw.func
@xw.arg("tabel", ndim=2)
def KINERJA_INDUK(kode, tabel=None, caller=None):
    """Uraian induk dari Kode Induk. Tabel: rentang tabel level di atasnya (mulai kolom Kode,
    termasuk baris judul), atau nama sheet-nya; kosong = sheet level di atas sheet ini."""
    return _safe(lambda: induk(kode, tabel, caller))


def induk(kode: Any, tabel: Any, caller: Any) -> str:
    """KINERJA_INDUK without the decorator: `tabel` is a 2-D list of values, a sheet name (as
    text or a 1x1 list) or None; `caller` is the calling xlwings Range (for sheet lookups)."""
    if isinstance(tabel, list) and len(tabel) == 1 and len(tabel[0]) == 1:
        tabel = tabel[0][0]
    if isinstance(tabel, list):
        return logic.parent_uraian(kode, tabel)
    if caller is None:
        return logic.error("isi argumen tabel induk (rentang tabel level di atasnya)")
    book = caller.sheet.book
    if tabel is None or (isinstance(tabel, str) and not tabel.strip()):
        level = LEVEL_BY_SHEET.get(caller.sheet.name)
        if level is None or level.parent is None:
            return logic.error(f"sheet '{caller.sheet.name}' tidak punya level induk; "
                               "isi argumen tabel induk")
        tabel = level.parent.sheet
    name = str(tabel).strip()
    if name not in [s.name for s in book.sheets]:
        return logic.error(f"sheet '{name}' tidak ditemukan")
    return logic.parent_uraian(kode, read_sheet(book.sheets[name]))


__all__ = ["KINERJA_CAPAIAN", "KINERJA_INDUK", "KINERJA_PREDIKAT", "KINERJA_REALISASI"]
