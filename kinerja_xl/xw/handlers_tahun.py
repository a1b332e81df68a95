"""Ribbon entry points for the jobs of the rest of the year: Rencana Aksi and LKjIP Bab III
(`RunPython "import kinerja_xl.xw.handlers_tahun as t; t.rencana_aksi()"`).

This is a placeholder so the buttons exist in the template now: each says, in Indonesian, that
the feature is not in this version yet. The real handlers replace this module.
"""

from __future__ import annotations

import xlwings as xw

from .ui import Session

NOT_YET = ("Fitur {label} belum tersedia di versi kinerja_xl ini. Perbarui paket kinerja_xl "
           "(pip install versi terbaru, lalu kinerja-xl pasang) atau hubungi admin/Bappeda.")


def rencana_aksi() -> None:
    not_yet(xw.Book.caller(), "Rencana Aksi")


def lkjip() -> None:
    not_yet(xw.Book.caller(), "LKjIP Bab III")


def not_yet(book: xw.Book, label: str) -> None:
    with Session(book, label) as s:
        s.alert(NOT_YET.format(label=label))
