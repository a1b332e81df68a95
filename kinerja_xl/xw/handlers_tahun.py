"""Ribbon entry points for the rest of the SAKIP year: `RunPython "import
kinerja_xl.xw.handlers_tahun as t; t.rencana_aksi(vba='0.37.8')"`, `t.lkjip(…)` (sheets
only; the Word document of LKjIP Bab III is written by `kinerja-xl lkjip`) and `t.tahun_baru(…)`
(next year's workbook: the file job of `kinerja-xl tahun-baru` on the saved workbook, written
beside it).

Built like `kinerja_xl.xw.handlers`: the calling book is read whole sheet by sheet, the same
pure planning as the CLI runs, the sheets are drawn with the xlwings adapter, and the user sees
an Indonesian alert (never a traceback; see `ui.Session`).
"""

from __future__ import annotations

import re
from pathlib import Path

import xlwings as xw

from ..core.contract import PENGATURAN
from ..core.findings import WorkbookError
from ..core.writes import WritePlan
from ..tahun.lkjip import plan_lkjip
from ..tahun.lkjip_sheets import SHEET_PREFIX as LKJIP_PREFIX
from ..tahun.lkjip_sheets import lkjip_specs
from ..tahun.rencana_aksi import SHEET_PREFIX as RA_PREFIX
from ..tahun.rencana_aksi import plan_rencana_aksi
from .book import read_grids
from .handlers import PDF_ENGINES, feature_message, run_checked
from .handlers_berkas import free_path
from .ui import Session

RA_LABEL = "Rencana Aksi"
LKJIP_LABEL = "LKjIP Bab III"
TB_LABEL = "Tahun Baru"
DESKTOP_ONLY = ("Tahun Baru membuat file workbook baru di samping file ini, jadi hanya bisa "
                "dijalankan di Excel desktop (bukan xlwings Server/Lite). Di komputer lain: "
                "kinerja-xl tahun-baru NAMA_FILE.xlsm -o FILE_TAHUN_BARU.xlsm")


def rencana_aksi(vba: str | None = None) -> None:
    run_checked(vba, run_rencana_aksi)


def lkjip(vba: str | None = None) -> None:
    run_checked(vba, run_lkjip)


def tahun_baru(vba: str | None = None) -> None:
    run_checked(vba, run_tahun_baru)


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


def next_year_path(last: Path, old_year: int | None) -> Path:
    """Where next year's workbook goes: beside `last`, its name with the year moved on
    ('Kinerja 2025.xlsm' -> 'Kinerja 2026.xlsm') or the new year added ('kinerja.xlsm' ->
    'kinerja 2026.xlsm'); a name that is taken gets ' (2)', ' (3)', … (never overwritten)."""
    if old_year is None:
        stem = f"{last.stem} tahun baru"
    elif re.search(rf"(?<!\d){old_year}(?!\d)", last.stem):
        stem = re.sub(rf"(?<!\d){old_year}(?!\d)", str(old_year + 1), last.stem)
    else:
        stem = f"{last.stem} {old_year + 1}"
    return free_path(last.with_name(stem + last.suffix))


def _tahun(book: xw.Book) -> int | None:
    """Tahun on the book's Pengaturan sheet, read as the file job reads it."""
    from ..core.reader import read_settings

    try:
        return read_settings(read_grids(book, [PENGATURAN])).tahun
    except WorkbookError:
        return None


def run_tahun_baru(book: xw.Book, last: Path | None = None, ask: bool = True) -> Path | None:
    """Tahun Baru: save the workbook (after asking), then `kinerja-xl tahun-baru` on its file,
    writing next year's workbook beside it (`next_year_path`); the alert names the new file.
    The workbook itself is only read. `last` (tests): the saved file to start from."""
    with Session(book, TB_LABEL) as s:
        if last is None:
            if book.app.engine.name not in PDF_ENGINES:
                s.alert(DESKTOP_ONLY)
                return None
            last = Path(book.fullname)
            if not last.is_absolute():
                s.alert("Simpan workbook ini dulu (File > Simpan), lalu klik Tahun Baru lagi: "
                        "file tahun baru dibuat di folder yang sama.")
                return None
        target = next_year_path(last, _tahun(book))
        if ask:
            answer = book.app.alert(
                f"Workbook ini akan disimpan dulu, lalu dibuat workbook tahun berikutnya:\n"
                f"{target}\n\nWorkbook ini sendiri tidak diubah. Lanjutkan?",
                title=f"Kinerja – {TB_LABEL}", buttons="ok_cancel")
            if answer != "ok":
                return None
            s.status("Kinerja: menyimpan workbook…")
            book.save()
        s.status("Kinerja: membuat workbook tahun baru…")
        from ..tahun.files import make_tahun_baru_file

        year = make_tahun_baru_file(last, target)
        added = (f"\nKolom baru: {', '.join(year.added)}." if year.added else "")
        s.alert(f"Workbook tahun {year.new_year} dibuat:\n{target}\n\n"
                f"{year.carried} realisasi {year.old_year} dipindah ke Realisasi N-1 (N-1 lama "
                f"ke N-2); {year.cleared} sel triwulan, realisasi anggaran dan faktor "
                f"dikosongkan.{added}\nRincian per indikator di sheet 'Log Tahun Baru' file "
                "baru. Buka file itu, perbarui Target dan Anggaran, lalu klik Hitung Capaian, "
                "Buat PK dan Rencana Aksi di sana.")
        return target
    return None


__all__ = ["lkjip", "next_year_path", "rencana_aksi", "run_lkjip", "run_rencana_aksi",
           "run_tahun_baru", "tahun_baru"]
