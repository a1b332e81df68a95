"""Ribbon entry points for the file jobs: `RunPython "import kinerja_xl.xw.handlers_berkas as b;
b.impor(vba='0.37.8')"` (an e-SAKIP text or a table into a new workbook, `kinerja-xl impor`)
and `b.gabung(…)` (unit workbooks into a new rekap, `kinerja-xl gabung`).

Both make a new file and never touch the open workbook, like Tahun Baru: the user picks the
source file(s) in Excel's own Open dialog (the template's VBA function `KinerjaPilihFile`,
called through xlwings), the CLI's file job runs on them, and the new file goes beside the
(first) source, under a name that is never taken (`free_path`). Desktop Excel only: on xlwings
Server/Lite there is no file system beside the workbook. Messages are Indonesian alerts.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import xlwings as xw

from ..core.findings import WorkbookError
from .handlers import PDF_ENGINES, run_checked
from .ui import Session

IMPOR_LABEL = "Impor"
GABUNG_LABEL = "Gabung Unit"
PICK_MACRO = "KinerjaPilihFile"
REKAP_NAME = "Rekap Gabungan.xlsx"


def impor(vba: str | None = None) -> None:
    run_checked(vba, run_impor)


def gabung(vba: str | None = None) -> None:
    run_checked(vba, run_gabung)


def free_path(target: Path) -> Path:
    """target, or the first of 'name (2).ext', 'name (3).ext', … that does not exist: a
    button never overwrites a file."""
    out, n = target, 2
    while out.exists():
        out = target.with_name(f"{target.stem} ({n}){target.suffix}")
        n += 1
    return out


def _desktop_only(label: str) -> str:
    return (f"{label} membuat file baru dari file di komputer ini, jadi hanya bisa dijalankan "
            "di Excel desktop (bukan xlwings Server/Lite). Di komputer lain pakai perintah "
            "kinerja-xl (lihat Petunjuk).")


def _sources(book: xw.Book, s: Session, title: str, many: bool) -> list[Path]:
    """The files the user picks; none when cancelled, or (with an alert) when this is not
    desktop Excel."""
    if book.app.engine.name not in PDF_ENGINES:
        s.alert(_desktop_only(s.command))
        return []
    return pick_files(book, title, many)


def pick_files(book: xw.Book, title: str, many: bool) -> list[Path]:
    """Paths picked in Excel's Open dialog (none when cancelled), through the template's VBA
    function; a workbook made with an older template has none: WorkbookError says so."""
    try:
        picked = book.macro(PICK_MACRO)(title, many)
    except Exception as exc:  # the macro is missing (older template) or Excel refused it
        raise WorkbookError("Dialog pilih file tidak tersedia di workbook ini (templat lama). "
                            "Buat templat baru dengan perintah kinerja-xl template, atau pakai "
                            "perintah kinerja-xl di Command Prompt (lihat Petunjuk).") from exc
    return [Path(p) for p in str(picked or "").split("\n") if p.strip()]


def run_impor(book: xw.Book, sources: Sequence[Path] | None = None) -> Path | None:
    """Impor: pick an e-SAKIP text or a table, import it into a new workbook beside it (the
    file job of `kinerja-xl impor FILE`); the alert names the new workbook and what to check.
    `sources` (tests): the picked file, instead of the dialog."""
    from ..impor.report import SHEET
    from ..impor.run import import_file

    with Session(book, IMPOR_LABEL) as s:
        if sources is None:
            sources = _sources(book, s, "Pilih file sumber: teks Cascading e-SAKIP atau tabel "
                                        "(Excel, CSV, teks)", many=False)
        if not sources:
            return None  # cancelled, or not on desktop Excel
        src = Path(sources[0])
        target = free_path(src.with_suffix(".xlsm"))
        s.status(f"Kinerja: mengimpor {src.name}…")
        outcome = import_file(src, target)
        res = outcome.result
        inferred = sum(1 for msgs in res.notes.values() if msgs)
        check = (f"Periksa {inferred} node bertanda 'mohon konfirmasi' di kolom Keterangan."
                 if inferred else "Cocokkan hasil impor dengan dokumen sumber.")
        s.alert(f"Workbook baru dibuat dari {src.name}:\n{outcome.out}\n\n{res.summary()}.\n"
                f"Setiap baris sumber dipakai atau dicatat di sheet {SHEET}.\n\n"
                f"Langkah berikutnya: buka file itu. {check} Isi sheet Pejabat, Penanggung "
                "Jawab, Satuan, Target dan Anggaran, lalu klik Periksa Tautan di sana.\n"
                "Workbook ini tidak diubah.")
        return outcome.out
    return None


def run_gabung(book: xw.Book, sources: Sequence[Path] | None = None,
               kabupaten: Path | None = None) -> Path | None:
    """Gabung Unit: pick the unit workbooks (several at once), consolidate them into a new
    rekap beside the first (the file job of `kinerja-xl gabung`); the open workbook is the
    kabupaten's (`--kabupaten`) when the user says so. `sources`/`kabupaten` (tests): the
    picked files and the answer, instead of the dialogs."""
    from ..gabung.run import FAILED, READ, SKIPPED
    from ..gabung.run import gabung as consolidate

    with Session(book, GABUNG_LABEL) as s:
        if sources is None:
            sources = _sources(book, s, "Pilih workbook unit (OPD/kecamatan) yang digabung; "
                                        "tahan Ctrl untuk memilih banyak file", many=True)
            if sources:
                kabupaten = _ask_kabupaten(book, sources)
        if not sources:
            return None  # cancelled, or not on desktop Excel
        target = free_path(Path(sources[0]).with_name(REKAP_NAME))
        s.status(f"Kinerja: menggabungkan {len(sources)} workbook…")
        res = consolidate(sources, target, kabupaten, workers=1)  # no processes inside Excel
        rows = len(res.frame)
        done = int(res.frame["capaian"].notna().sum())
        kab = (f"\nTautan ke sasaran kabupaten {kabupaten.name}: lihat sheet Tautan Kabupaten."
               if kabupaten else "")
        s.alert(f"Rekap gabungan dibuat:\n{target}\n\n{len(res.log)} file: "
                f"{res.count(READ)} dibaca, {res.count(SKIPPED)} dilewati, "
                f"{res.count(FAILED)} gagal (alasannya di sheet Laporan Gabung).\n"
                f"{rows} indikator, {done} punya capaian.{kab}\n"
                "File yang digabung dan workbook ini tidak diubah.")
        return target
    return None


def _ask_kabupaten(book: xw.Book, sources: Sequence[Path]) -> Path | None:
    """The open workbook as the kabupaten's (Tujuan/Sasaran RPJMD with IKU) when the user says
    so, and when it is a saved file that is not one of the units picked."""
    here = Path(book.fullname)
    if not here.is_absolute() or any(Path(p).resolve() == here.resolve() for p in sources):
        return None
    answer = book.app.alert(
        "Apakah workbook yang terbuka ini workbook Pemerintah Kabupaten (Tujuan dan Sasaran "
        "RPJMD dengan IKU) yang menjadi induk unit-unit tadi?\n\nYa: capaian unit juga "
        "digabung ke sasaran kabupaten (dari file yang tersimpan). Tidak: rekap unit saja.",
        title=f"Kinerja – {GABUNG_LABEL}", buttons="yes_no")
    return here if answer == "yes" else None


__all__ = ["free_path", "gabung", "impor", "pick_files", "run_gabung", "run_impor"]
