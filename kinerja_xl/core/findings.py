"""Findings: what validation and reading report, always pointing at sheet, row and column."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class Severity(Enum):
    ERROR = "Kesalahan"
    WARNING = "Peringatan"
    INFO = "Info"


@dataclass(frozen=True)
class Finding:
    severity: Severity
    sheet: str
    row: int | None
    column: str  # header text ("" when the finding is about a whole row or sheet)
    message: str
    letter: str = ""  # column letter, when known

    def where(self) -> str:
        """'Sheet Program, baris 12, kolom Target (M)' — the place in Indonesian."""
        parts = [f"Sheet {self.sheet}"]
        if self.row:
            parts.append(f"baris {self.row}")
        if self.column:
            parts.append(f"kolom {self.column}" + (f" ({self.letter})" if self.letter else ""))
        return ", ".join(parts)

    def __str__(self) -> str:
        return f"[{self.severity.value}] {self.where()}: {self.message}"


class WorkbookError(Exception):
    """The file cannot be used at all (not a workbook, missing sheet or header). Indonesian."""


MAX_ROW = 1_048_576  # Excel's last row
MAX_COL = 16_384  # Excel's last column, XFD


def col_letter(col: int) -> str:
    """1 -> 'A', 27 -> 'AA' (pure; no spreadsheet library needed)."""
    letters = ""
    while col > 0:
        col, rem = divmod(col - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def has_errors(findings: list[Finding]) -> bool:
    return any(f.severity is Severity.ERROR for f in findings)


def clip(text: str, limit: int = 60) -> str:
    """Shorten a user's text for a message (cells may hold 10,000 characters)."""
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
