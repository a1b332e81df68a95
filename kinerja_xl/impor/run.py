"""`import_file`: a source file (e-SAKIP text, a table in Excel/ODS/CSV/TSV/markdown) -> a new
kinerja workbook (the file side of impor). `read_any` is the reading half, shared with
`--dry-run` and the merge into an existing workbook (`merge`).

Everything is checked and built in memory first; the workbook is written once, atomically, at
the end. A file that cannot be imported raises `ImportFailed` and nothing is written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ..xlsx.guard import os_error_message
from ..xlsx.save import save_workbook
from .esakip import ImportFailed, ImportResult, parse_text
from .tables import is_spreadsheet, read_spreadsheet, read_text_table
from .tabular import choose, import_table, unreadable
from .text import decode
from .workbook import add_report, fill_workbook, keep_text, new_workbook, report_sheet

OUT_SUFFIXES = (".xlsm", ".xlsx")
MAX_INPUT_BYTES = 40 * 1024 * 1024  # a SIPD export of a whole pemda is a few megabytes
# whole lines only an e-SAKIP cascading export has ("Program 1", "Indikator Kinerja Kegiatan 2")
_ESAKIP = re.compile(r"^[ \t↓←]*(?:(?:Program|Kegiatan|Sub\s*Kegiatan)\s+\d+|Indikator\s+Kinerja\s+"
                     r"(?:Program|Kegiatan|Sub\s*Kegiatan)(?:\s+\d+)?)[ \t:↓←]*$",
                     re.IGNORECASE | re.MULTILINE)


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
        raise ImportFailed(f"File '{src.name}' terlalu besar untuk diimpor "
                           f"(lebih dari {MAX_INPUT_BYTES // (1024 * 1024)} MB).")
    try:
        return src.read_bytes()
    except OSError as exc:
        raise ImportFailed(os_error_message(exc, src, "dibaca")) from exc


def read_any(src: str | Path, lembar: str | None = None,
             kolom: str | None = None) -> ImportResult:
    """Read any accepted source into an `ImportResult` (nothing is written)."""
    src = Path(src)
    data = read_source(src)
    if is_spreadsheet(src, data[:512]):
        table, mapping, notes = choose(read_spreadsheet(src), lembar)
        return import_table(table, mapping, kolom, sheet_notes=notes)
    if lembar:
        raise ImportFailed("--lembar hanya berlaku untuk file Excel/ODS; file ini teks.")
    text, encoding, notes = decode(data)
    if _ESAKIP.search(text) and not kolom:
        return parse_text(text, encoding, notes)
    table = read_text_table(text)
    if table is not None:
        from .headers import detect

        mapping = detect(table)
        if mapping is not None or kolom:
            return import_table(table, mapping, kolom, f"{table.kind}, {encoding}", notes)
    try:
        return parse_text(text, encoding, notes)
    except ImportFailed as exc:
        if table is None or len(table.rows) < 2:
            raise
        raise unreadable(table, None, "tidak ada baris judul kolom yang dikenali.") from exc


def check_target(out: Path, overwrite: bool) -> None:
    if out.suffix.lower() not in OUT_SUFFIXES:
        raise ImportFailed(f"Nama file keluaran '{out.name}' harus berakhiran .xlsm (dengan "
                           "tombol Kinerja) atau .xlsx.")
    if out.exists() and not overwrite:
        raise ImportFailed(f"'{out}' sudah ada. Pakai --timpa untuk menimpanya.")
    if not out.parent.exists():
        raise ImportFailed(f"Folder '{out.parent}' tidak ada.")


def import_file(src: str | Path, out: str | Path, overwrite: bool = False,
                lembar: str | None = None, kolom: str | None = None) -> ImportOutcome:
    """Import src into a new workbook out (.xlsm or .xlsx)."""
    src, out = Path(src), Path(out)
    check_target(out, overwrite)
    result = read_any(src, lembar, kolom)
    wb, on_template = new_workbook(out.suffix.lower() == ".xlsm")
    fill_workbook(wb, result.plan, result.notes)
    keep_text(wb, result.plan)
    add_report(wb, report_sheet(result.report, src.name, result.summary(), result.line_count,
                                result.encoding))
    save_workbook(wb, out)
    return ImportOutcome(result, out, on_template)
