"""`import_file`: an e-SAKIP cascading text file -> a kinerja workbook (the file side of impor).

Everything is checked and built in memory first; the workbook is written once, atomically, at
the end. A file that cannot be imported raises `ImportFailed` and nothing is written.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..xlsx.guard import os_error_message
from ..xlsx.save import save_workbook
from .esakip import ImportFailed, ImportResult, parse_bytes
from .workbook import add_report, fill_workbook, new_workbook, report_sheet

OUT_SUFFIXES = (".xlsm", ".xlsx")
MAX_INPUT_BYTES = 20 * 1024 * 1024  # a cascading export is a few hundred kilobytes at most


@dataclass
class ImportOutcome:
    result: ImportResult
    out: Path
    on_template: bool  # built on the macro template (False: plain workbook)


def read_source(src: Path) -> bytes:
    """The bytes of the input file, with Indonesian errors for the usual problems."""
    if not src.exists():
        raise ImportFailed(f"File '{src}' tidak ditemukan.")
    if src.is_dir():
        raise ImportFailed(f"'{src}' adalah folder, bukan file teks.")
    if src.stat().st_size > MAX_INPUT_BYTES:
        raise ImportFailed(f"File '{src.name}' terlalu besar untuk sebuah ekspor cascading "
                           f"(lebih dari {MAX_INPUT_BYTES // (1024 * 1024)} MB).")
    try:
        return src.read_bytes()
    except OSError as exc:
        raise ImportFailed(os_error_message(exc, src, "dibaca")) from exc


def check_target(out: Path, overwrite: bool) -> None:
    if out.suffix.lower() not in OUT_SUFFIXES:
        raise ImportFailed(f"Nama file keluaran '{out.name}' harus berakhiran .xlsm (dengan "
                           "tombol Kinerja) atau .xlsx.")
    if out.exists() and not overwrite:
        raise ImportFailed(f"'{out}' sudah ada. Pakai --timpa untuk menimpanya.")
    if not out.parent.exists():
        raise ImportFailed(f"Folder '{out.parent}' tidak ada.")


def import_file(src: str | Path, out: str | Path, overwrite: bool = False) -> ImportOutcome:
    """Import the cascading text file src into a new workbook out (.xlsm or .xlsx)."""
    src, out = Path(src), Path(out)
    check_target(out, overwrite)
    result = parse_bytes(read_source(src))
    wb, on_template = new_workbook(out.suffix.lower() == ".xlsm")
    fill_workbook(wb, result.plan, result.notes)
    add_report(wb, report_sheet(result.report, src.name, result.summary(), result.line_count,
                                result.encoding))
    save_workbook(wb, out)
    return ImportOutcome(result, out, on_template)
