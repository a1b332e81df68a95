"""The import report: every input line that was not simply used, with its line number and why.

Pure data (no spreadsheet library). The importer prints it and writes it to the generated sheet
`Laporan Impor`, so a user can see what was skipped, merged or guessed.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

SHEET = "Laporan Impor"


class Kind(Enum):
    """What happened to the lines of an entry (Indonesian, shown to the user)."""

    DILEWATI = "Dilewati"  # not used at all
    DIGABUNG = "Digabung"  # a repetition merged into an earlier node or indicator
    DISIMPULKAN = "Disimpulkan"  # used, but a link or pairing the export does not state
    PERINGATAN = "Peringatan"  # used with a default or a fix the user should check
    INFO = "Info"  # boilerplate, blank lines, numbering and similar facts
    # merging into an existing workbook (--ke)
    DITAMBAH = "Ditambahkan"  # a new node or indicator row written
    DIISI = "Diisi"  # an empty cell of an existing node filled
    KONFLIK = "Konflik"  # the workbook holds another value; kept
    DITIMPA = "Ditimpa"  # the workbook's value replaced (--timpa-isian)


@dataclass(frozen=True)
class ReportEntry:
    kind: Kind
    lines: tuple[int, ...]
    message: str

    def where(self) -> str:
        """'baris 12', 'baris 3, 276, 340' or 'baris 1, 2, … (12 baris)'; '-' for the file."""
        if not self.lines:
            return "-"
        shown = ", ".join(str(n) for n in self.lines[:8])
        if len(self.lines) > 8:
            shown += f", … ({len(self.lines)} baris)"
        return f"baris {shown}"

    def __str__(self) -> str:
        return f"[{self.kind.value}] {self.where()}: {self.message}"


def report_rows(entries: list[ReportEntry]) -> list[list[object]]:
    """Table rows (No, Baris, Jenis, Keterangan) for the Laporan Impor sheet; all line numbers
    are written out in full there (the console shows a shortened form)."""
    rows: list[list[object]] = []
    for i, e in enumerate(entries, start=1):
        lines = ", ".join(str(n) for n in e.lines) if e.lines else "-"
        rows.append([i, lines, e.kind.value, e.message])
    return rows
