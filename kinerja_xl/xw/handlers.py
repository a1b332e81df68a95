"""The ribbon's Python side: `RunPython "import kinerja_xl.xw.handlers as h; h.<name>()"`.

Each public function takes the calling book (`xw.Book.caller()`) and hands it to a `run_*`
function that takes the Book as a parameter (what the tests call). Each run shows progress on
the status bar, runs the same core use case as the CLI, writes back through the xlwings adapter
and reports in an Indonesian alert. Errors never reach the user as a traceback (see `ui`).
"""

from __future__ import annotations

import platform
import re
import sys
from collections.abc import Callable
from pathlib import Path

import xlwings as xw

from ..commands.report import summary
from ..core.compute import Computation, check, compute
from ..core.contract import LAPORAN_VALIDASI, PETUNJUK
from ..core.findings import Finding, Severity, clip, has_errors
from ..pasang.checks import (
    FIX,
    OK,
    Check,
    check_location,
    check_shadow,
    check_trust,
    check_xlwings,
    read_trust,
    report,
)
from . import features
from .book import read_grids
from .features import as_output
from .ui import Session
from .visuals import apply_colour_rules

PK_PREFIX = "PK "
MAX_LISTED = 5
# Engines with Excel's own PDF export. Checked first because xlwings' Sheet.to_pdf hides the
# other sheets before exporting: on the remote engine those hides would be sent to the client.
PDF_ENGINES = ("excel",)
NO_PDF = ("Ekspor PDF memakai fitur ekspor Excel desktop dan tidak tersedia di sini (xlwings "
          "Server/Lite). Buka workbook di Excel desktop, atau cetak sheet PK lewat File > Cetak "
          "> Simpan sebagai PDF.")


# Entry points for the ribbon -------------------------------------------------------------------
# `vba` is the version of the xlwings VBA module embedded in the calling workbook (Kinerja.bas
# passes its XLWINGS_VERSION); None from older workbooks skips the check.

def periksa_tautan(vba: str | None = None) -> None:
    run_checked(vba, run_periksa)


def hitung_capaian(vba: str | None = None) -> None:
    run_checked(vba, run_hitung)


def buat_pk(vba: str | None = None) -> None:
    run_checked(vba, lambda book: run_feature(book, "pk"))


def ekspor_pdf(vba: str | None = None) -> None:
    run_checked(vba, run_ekspor_pdf)


def pohon_kinerja(vba: str | None = None) -> None:
    run_checked(vba, lambda book: run_feature(book, "pohon"))


def bantuan(vba: str | None = None) -> None:
    run_bantuan(xw.Book.caller(), vba)


def run_checked(vba: str | None, command: Callable[[xw.Book], object]) -> None:
    """Run a ribbon command on the calling book once its xlwings VBA matches xlwings."""
    book = xw.Book.caller()
    if version_matches(book, vba):
        command(book)


def version_mismatch(vba: str | None, installed: str = xw.__version__) -> str | None:
    """The Indonesian message for a workbook whose xlwings VBA differs from the installed
    xlwings (None when they match or the workbook does not say)."""
    if not vba or vba == installed:
        return None
    return (f"Versi xlwings tidak cocok: workbook ini memuat modul VBA xlwings {vba}, sedangkan "
            f"Python di PC ini memakai xlwings {installed}.\n\nCara memperbaiki (pilih satu):\n"
            f"• pasang versi yang cocok: pip install xlwings=={vba}, lalu kinerja-xl pasang;\n"
            "• atau buat templat baru dengan kinerja-xl template (modul VBA mengikuti xlwings "
            "terpasang) dan salin data ke sana.")


def version_matches(book: xw.Book, vba: str | None) -> bool:
    message = version_mismatch(vba)
    if message is None:
        return True
    book.app.alert(message, title="Kinerja – xlwings", buttons="ok", mode="critical")
    return False


# The commands, on a given Book -----------------------------------------------------------------

def run_periksa(book: xw.Book) -> Computation | None:
    """Periksa Tautan: Status column, Laporan Validasi, and a summary alert."""
    with Session(book, "Periksa Tautan") as s:
        s.status("Kinerja: membaca workbook…")
        grids = read_grids(book)
        s.status("Kinerja: memeriksa tautan…")
        comp = check(grids)
        if comp.has_errors:
            s.focus = LAPORAN_VALIDASI
        s.write(comp.writes)
        s.alert(periksa_message(comp), critical=comp.has_errors)
        return comp
    return None


def run_hitung(book: xw.Book, periode: int | None = None) -> Computation | None:
    """Hitung Capaian: computed columns (live formulas), Status, Laporan Validasi, Rekap with
    its two charts, and the predikat colour rules: what `kinerja-xl hitung` writes."""
    from ..visual.rekap import rekap_sheet

    with Session(book, "Hitung Capaian") as s:
        s.status("Kinerja: membaca workbook…")
        grids = read_grids(book)
        s.status("Kinerja: menghitung capaian…")
        comp = compute(grids, periode)
        s.write(comp.writes, [rekap_sheet(comp)], after=lambda: apply_colour_rules(book, comp))
        s.alert(hitung_message(comp), critical=comp.has_errors)
        return comp
    return None


def run_feature(book: xw.Book, key: str) -> list[str] | None:
    """A feature behind the `features` hook (Buat PK, Pohon Kinerja); the sheets it wrote."""
    feature = features.FEATURES.get(key)
    label = feature.label if feature else key
    with Session(book, label) as s:
        func = features.resolve(key)
        if func is None:
            s.alert(f"Fitur {label} belum tersedia di versi kinerja_xl ini. Perbarui paket "
                    "kinerja_xl atau hubungi admin/Bappeda.")
            return None
        s.status("Kinerja: membaca workbook…")
        grids = read_grids(book, None)  # every sheet: a feature may find its old sheets
        s.status(f"Kinerja: {label}…")
        out = as_output(func(grids))
        names = out.sheet_names
        s.focus = names[0] if names else s.focus
        removed = s.write(out.plan, out.specs, out.stale,
                          feature.after_prefix if feature else None)
        errors = out.findings is not None and has_errors(out.findings)
        s.alert(feature_message(label, names, removed, out.findings), critical=errors)
        return names
    return None


def run_ekspor_pdf(book: xw.Book, folder: Path | None = None) -> list[Path] | None:
    """Ekspor PDF: every `PK …` sheet through Excel's own PDF export (`Sheet.to_pdf`), one file
    each (`PK_<ID>.pdf`), into the folder `PDF <nama workbook>` next to the workbook."""
    with Session(book, "Ekspor PDF") as s:
        sheets = [sh for sh in book.sheets if sh.name.startswith(PK_PREFIX)]
        if not sheets:
            more = ("" if features.resolve("pk") else
                    " (fitur Buat PK belum tersedia di versi ini)")
            s.alert("Belum ada sheet PK di workbook ini. Klik Buat PK dulu, lalu Ekspor PDF"
                    f"{more}.")
            return None
        if folder is None:
            where = Path(book.fullname)
            if not where.is_absolute():
                s.alert("Simpan workbook ini dulu (File > Simpan), lalu klik Ekspor PDF lagi: "
                        "PDF disimpan di folder di samping file workbook.")
                return None
            folder = where.parent / f"PDF {where.stem}"
        if book.app.engine.name not in PDF_ENGINES:
            s.alert(NO_PDF)
            return None
        folder.mkdir(parents=True, exist_ok=True)
        done: list[Path] = []
        for i, sheet in enumerate(sheets, start=1):
            s.status(f"Kinerja: mengekspor PDF {i}/{len(sheets)} ({sheet.name})…")
            target = folder / pdf_filename(sheet.name)
            try:
                sheet.to_pdf(str(target))
            except NotImplementedError:
                if not any(folder.iterdir()):
                    folder.rmdir()
                s.alert(NO_PDF)
                return None
            done.append(target)
        s.alert(f"Ekspor PDF selesai: {len(done)} file PDF disimpan di folder\n{folder}\n\n"
                + "\n".join(f"• {p.name}" for p in done[:20])
                + (f"\n… dan {len(done) - 20} lainnya" if len(done) > 20 else ""))
        return done
    return None


def run_bantuan(book: xw.Book, vba: str | None = None) -> list[Check]:
    """Bantuan: show the Petunjuk sheet and the `kinerja-xl pasang` checklist for this PC and
    workbook, as seen from the Python that Excel started."""
    checks: list[Check] = []
    with Session(book, "Bantuan") as s:
        if PETUNJUK in [sh.name for sh in book.sheets]:
            s.focus = PETUNJUK
            s.show(PETUNJUK)
        checks = excel_checks(book, vba)
        lines = ["Pemeriksaan PC dan workbook (sama dengan perintah kinerja-xl pasang):", "",
                 report(checks), ""]
        if PETUNJUK not in [sh.name for sh in book.sheets]:
            lines.append("Sheet Petunjuk tidak ada di workbook ini. Buat workbook baru dari "
                         "templat untuk mendapatkan petunjuk pengisian.")
        else:
            lines.append("Cara mengisi dan arti setiap tombol: lihat sheet Petunjuk.")
        s.alert("\n".join(lines), critical=any(c.status == FIX for c in checks))
    return checks


def excel_checks(book: xw.Book, vba: str | None) -> list[Check]:
    """The checks that make sense from inside Excel: the Python running this is the one
    configured, so its interpreter is right by definition."""
    out = [Check(OK, "Excel menjalankan Python ini", sys.executable)]
    mismatch = version_mismatch(vba)
    out.append(Check(FIX, "Versi xlwings tidak cocok", mismatch) if mismatch
               else check_xlwings(xw.__version__))
    out.append(check_trust(read_trust() if platform.system() == "Windows" else None,
                           platform.system()))
    where = book.fullname
    if Path(where).is_absolute() or "://" in where:
        out.append(check_location(where))
        if "://" not in where:
            out.append(check_shadow(Path(where)))
    return out


# Messages --------------------------------------------------------------------------------------

def _listed(findings: list[Finding]) -> list[str]:
    ordered = ([f for f in findings if f.severity is Severity.ERROR]
               + [f for f in findings if f.severity is Severity.WARNING])
    lines = [f"• {clip(str(f), 200)}" for f in ordered[:MAX_LISTED]]
    if len(ordered) > MAX_LISTED:
        lines.append(f"… dan {len(ordered) - MAX_LISTED} temuan lain.")
    return lines


def periksa_message(comp: Computation) -> str:
    lines = [f"Periksa Tautan selesai: {summary(comp)}."]
    if comp.has_errors:
        lines.append("Perbaiki kesalahan berikut, lalu klik Periksa Tautan lagi:")
    elif comp.findings:
        lines.append("Tidak ada kesalahan; workbook siap dipakai. Perhatikan peringatan berikut:")
    else:
        lines.append("Tidak ada temuan; workbook siap dipakai.")
    lines += _listed(comp.findings)
    lines.append("Rincian lengkap ada di sheet Laporan Validasi dan kolom Status setiap sheet.")
    return "\n".join(lines)


def hitung_message(comp: Computation) -> str:
    total = len(comp.rows)
    done = sum(r.capaian is not None for r in comp.rows)
    live = sum(r.live for r in comp.rows)
    if comp.periode is None:
        periode = "belum ada realisasi di workbook"
    elif comp.read.plan.settings.periode:
        periode = f"TW{comp.periode} (dari Pengaturan)"
    else:
        periode = f"TW{comp.periode} (triwulan terakhir yang sudah ada realisasinya)"
    lines = [
        "Hitung Capaian selesai.",
        f"Periode: {periode}.",
        f"{total} indikator: {done} punya capaian, {total - done} belum; {live} dengan rumus "
        f"Excel, {total - live} nilai dari Python.",
        f"Temuan: {summary(comp)} (lihat sheet Laporan Validasi).",
    ]
    if comp.has_errors:
        lines.append("Perbaiki kesalahan (lihat kolom Status), lalu klik Hitung Capaian lagi:")
        lines += _listed([f for f in comp.findings if f.severity is Severity.ERROR])
    return "\n".join(lines)


def count(findings: list[Finding]) -> str:
    errors = sum(f.severity is Severity.ERROR for f in findings)
    warnings = sum(f.severity is Severity.WARNING for f in findings)
    return f"{errors} kesalahan, {warnings} peringatan"


def feature_message(label: str, names: list[str], removed: list[str] | None = None,
                    findings: list[Finding] | None = None) -> str:
    if names:
        shown = ", ".join(names[:8]) + (", …" if len(names) > 8 else "")
        lines = [f"{label} selesai: {len(names)} sheet dibuat/diperbarui ({shown})."]
    else:
        lines = [f"{label} selesai: tidak ada sheet yang perlu dibuat."]
    if removed:
        lines.append(f"{len(removed)} sheet lama dihapus: {', '.join(removed[:8])}.")
    if findings is not None:
        lines.append(f"Temuan: {count(findings)} (lihat sheet Laporan Validasi).")
        lines += _listed([f for f in findings if f.severity is Severity.ERROR])
    return "\n".join(lines)


def pdf_filename(sheet_name: str) -> str:
    """'PK CAMAT' -> 'PK_CAMAT.pdf' (the names the headless PK export uses)."""
    return safe_filename(sheet_name).replace(" ", "_") + ".pdf"


def safe_filename(name: str) -> str:
    """A sheet name usable as a Windows file name."""
    return re.sub(r'[\\/:*?"<>|]+', "_", name).strip(" .") or "sheet"
