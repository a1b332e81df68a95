"""Ribbon entry points for the rest of the SAKIP year: `RunPython "import
kinerja_xl.xw.handlers_tahun as t; t.rencana_aksi(vba='0.37.8')"` and `t.lkjip(…)` (sheets
only; the Word document of LKjIP Bab III is written by `kinerja-xl lkjip`).

Built like `kinerja_xl.xw.handlers`: the calling book is read whole sheet by sheet, the same
pure planning as the CLI runs, the sheets are drawn with the xlwings adapter, and the user sees
an Indonesian alert (never a traceback; see `ui.Session`).
"""

from __future__ import annotations

import xlwings as xw

from ..core.writes import WritePlan
from ..tahun.lkjip import plan_lkjip
from ..tahun.lkjip_sheets import SHEET_PREFIX as LKJIP_PREFIX
from ..tahun.lkjip_sheets import lkjip_specs
from ..tahun.rencana_aksi import SHEET_PREFIX as RA_PREFIX
from ..tahun.rencana_aksi import plan_rencana_aksi
from .book import read_grids
from .handlers import feature_message, run_checked
from .ui import Session

RA_LABEL = "Rencana Aksi"
LKJIP_LABEL = "LKjIP Bab III"


def rencana_aksi(vba: str | None = None) -> None:
    run_checked(vba, run_rencana_aksi)


def lkjip(vba: str | None = None) -> None:
    run_checked(vba, run_lkjip)


def run_rencana_aksi(book: xw.Book) -> list[str] | None:
    """One `RA <ID>` sheet per official who signs a PK; stale generated RA sheets go."""
    with Session(book, RA_LABEL) as s:
        s.status("Kinerja: membaca workbook…")
        grids = read_grids(book, None)  # every sheet: old RA sheets are found by their title
        s.status("Kinerja: menyusun Rencana Aksi…")
        build = plan_rencana_aksi(grids)
        names = [spec.name for spec in build.specs]
        s.focus = names[0] if names else s.focus
        s.write(WritePlan(), build.specs, build.stale, RA_PREFIX)
        text = feature_message(RA_LABEL, names, build.stale)
        if build.findings:
            text += f"\n{len(build.findings)} isian kosong tertulis sebagai [ … ] di sheet RA."
        s.alert(text)
        return names
    return None


def run_lkjip(book: xw.Book) -> list[str] | None:
    """The six LKjIP Bab III table sheets (`LKjIP 3.1` … `LKjIP 3.6`)."""
    with Session(book, LKJIP_LABEL) as s:
        s.status("Kinerja: membaca workbook…")
        grids = read_grids(book, None)
        s.status("Kinerja: menyusun tabel LKjIP Bab III…")
        doc = plan_lkjip(grids)
        specs = lkjip_specs(doc, grids)
        names = [spec.name for spec in specs]
        s.focus = names[0]
        s.write(WritePlan(), specs, (), LKJIP_PREFIX)
        marked = sum(1 for t in doc.tables for row in t.rows for v in row if v == "t.d.")
        lines = [feature_message(LKJIP_LABEL, names)]
        if marked:
            lines.append(f"{marked} sel bertanda t.d. (tidak dapat dihitung); alasannya ada di "
                         "catatan di bawah setiap tabel.")
        lines.append("Dokumen Word Bab III dibuat dengan perintah: kinerja-xl lkjip "
                     "NAMA_WORKBOOK (lihat Petunjuk).")
        s.alert("\n".join(lines))
        return names
    return None


__all__ = ["lkjip", "rencana_aksi", "run_lkjip", "run_rencana_aksi"]
