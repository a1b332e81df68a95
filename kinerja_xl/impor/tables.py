"""Reading tables out of files: spreadsheets (.xlsx/.xlsm/.xls/.ods via python-calamine), CSV
(comma or semicolon), tab-separated text and markdown pipe tables -> one `Table` model.

The model is what the header detector and the shape readers need and nothing more: rows of
cell values (str, int, float; '' for empty) with the source row number of each, and the merged
ranges when the format knows them. Spreadsheet-specific values (dates, booleans, errors) become
text, so nothing downstream meets a type it does not expect.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .text import ImportFailed

SPREADSHEET_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods", ".xlsb")
Cell = str | int | float
Merged = tuple[int, int, int, int]  # first row, first col, last row, last col (0-based)


@dataclass
class Table:
    """One sheet (or one text table): rows of cells, each with its 1-based source row."""

    name: str
    rows: list[list[Cell]]
    row_numbers: list[int]
    merged: list[Merged] = field(default_factory=list)
    kind: str = ""  # what it was read from, for the report ("CSV (;)", "lembar Excel", …)
    skipped: dict[str, list[int]] = field(default_factory=dict)  # why -> source rows left out
    line_total: int = 0  # text sources: every line 1..line_total must be accounted for
    doubtful: dict[str, list[int]] = field(default_factory=dict)  # why -> rows to check

    @property
    def width(self) -> int:
        return max((len(r) for r in self.rows), default=0)

    def filled(self) -> Table:
        """A copy with merged ranges spread: every cell of a range holds the first one's
        value (a merged Tujuan cell over three rows is the Tujuan of all three)."""
        width = self.width
        rows = [list(r) + [""] * (width - len(r)) for r in self.rows]
        for r0, c0, r1, c1 in self.merged:
            if r0 >= len(rows) or c0 >= width:
                continue
            value = rows[r0][c0]
            for r in range(r0, min(r1, len(rows) - 1) + 1):
                for c in range(c0, min(c1, width - 1) + 1):
                    if rows[r][c] == "":
                        rows[r][c] = value
        return Table(self.name, rows, list(self.row_numbers), list(self.merged), self.kind,
                     dict(self.skipped), self.line_total, dict(self.doubtful))


def _cell(value: Any) -> Cell:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "BENAR" if value else "SALAH"
    if isinstance(value, int | float):
        return value
    if isinstance(value, dt.datetime | dt.date | dt.time | dt.timedelta):
        return str(value)
    return str(value).replace("\u00a0", " ").strip()


def _trim(rows: list[list[Cell]]) -> list[list[Cell]]:
    out = []
    for row in rows:
        row = list(row)
        while row and row[-1] == "":
            row.pop()
        out.append(row)
    return out


# Spreadsheets --------------------------------------------------------------------------------

def read_spreadsheet(path: Path) -> list[Table]:
    """Every visible worksheet of an .xlsx/.xlsm/.xls/.ods file (cached values of formulas)."""
    try:
        from python_calamine import CalamineWorkbook

        wb = CalamineWorkbook.from_path(str(path))
    except Exception as exc:  # calamine raises its own error types for every broken file
        raise ImportFailed(
            f"File '{path.name}' tidak dapat dibaca sebagai workbook Excel/ODS (file biner "
            f"rusak atau bukan spreadsheet): {str(exc)[:120]}") from exc
    tables: list[Table] = []
    try:
        for meta in wb.sheets_metadata:
            if "WorkSheet" not in str(meta.typ) or "Visible" not in str(meta.visible):
                continue
            sheet = wb.get_sheet_by_name(meta.name)
            rows = _trim([[_cell(v) for v in row]
                          for row in sheet.to_python(skip_empty_area=False)])
            merged = [(a[0], a[1], b[0], b[1]) for a, b in (sheet.merged_cell_ranges or [])]
            tables.append(Table(meta.name, rows, list(range(1, len(rows) + 1)), merged,
                                f"lembar '{meta.name}'"))
    except ImportFailed:
        raise
    except Exception as exc:
        raise ImportFailed(f"File '{path.name}' rusak: lembarnya tidak dapat dibaca "
                           f"({str(exc)[:120]}).") from exc
    finally:
        wb.close()
    return tables


# Text ----------------------------------------------------------------------------------------

_MD_RULE = re.compile(r"^\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")


def _markdown(lines: list[str]) -> Table | None:
    """A markdown pipe table (the first one in the text), or None."""
    if lines and lines[-1] == "":
        lines = lines[:-1]
    numbered = [(i, line.strip()) for i, line in enumerate(lines, start=1)]
    piped = [(i, s) for i, s in numbered if s.startswith("|") and s.count("|") >= 2]
    if len(piped) < 2 or not any(_MD_RULE.match(s) for _, s in piped):
        return None
    rows: list[list[Cell]] = []
    nos: list[int] = []
    rules: list[int] = []
    wide: list[int] = []  # rows with more cells than the |---| line has columns
    width = 0
    for i, s in numbered:
        if not (s.startswith("|") and s.count("|") >= 2):
            rows.append([s] if s else [])
            nos.append(i)
            continue
        body = s[1:-1] if s.endswith("|") and len(s) > 1 else s[1:]
        cells = re.split(r"(?<!\\)\|", body)
        if _MD_RULE.match(s):
            rules.append(i)  # the |---|---| line under the header: not a row of the table
            width = width or len(cells)
            continue
        row = _trim([[_md_cell(c) for c in cells]])[0]
        if width and len(row) > width:
            wide.append(i)
        rows.append(row)
        nos.append(i)
    return Table("", _trim(rows), nos, kind="tabel markdown",
                 skipped={"garis pemisah tabel markdown (|---|)": rules},
                 line_total=len(lines),
                 doubtful={"baris ini berisi lebih banyak sel daripada kolom tabel markdown: "
                           "tanda | di dalam sel memecah sel itu (tulis \\| untuk tanda | "
                           "di dalam sel); periksa baris ini di sumber": wide})


def _md_cell(cell: str) -> str:
    """A markdown cell as text: escaped pipes, <br>, and **bold** / _italic_ marks removed."""
    text = cell.replace("\\|", "|").replace("<br>", " ").replace("<br/>", " ").strip()
    m = re.fullmatch(r"(\*\*|__|\*|_)(.+)\1", text)
    return m.group(2).strip() if m else text


def _delimited(text: str, lines: list[str]) -> Table | None:
    """Tab, semicolon or comma separated text (the delimiter most rows agree on)."""
    sample = [ln for ln in lines[:200] if ln.strip()]
    best, best_score, best_common = "", 0, 0
    for delim in ("\t", ";", ","):
        counts = [ln.count(delim) for ln in sample]
        with_it = [c for c in counts if c]
        if not with_it:
            continue
        # rows agreeing on the most common count, weighted by how many columns that gives
        common = max(set(with_it), key=with_it.count)
        score = with_it.count(common) * min(common, 8) + len(with_it)
        if delim == "\t":
            score *= 2  # a tab is never part of a name; commas and semicolons can be
        if score > best_score:
            best, best_score, best_common = delim, score, common
    if not best:
        return None
    records, stray = _records(text, lines, best, best_common + 1)
    inside = [n for a, b, _ in records for n in range(a + 1, b + 1)]
    kind = {"\t": "teks bertab", ";": "CSV (;)", ",": "CSV (,)"}[best]
    total = len(lines) - (1 if lines and lines[-1] == "" else 0)
    return Table("", _trim([r for _, _, r in records]), [a for a, _, _ in records], kind=kind,
                 line_total=total,
                 skipped={"lanjutan sel bertanda petik (satu sel berisi beberapa baris)": inside},
                 doubtful={"tanda petik (\") tanpa pasangan dibaca sebagai teks biasa (baris ini "
                           "tidak digabung dengan baris berikutnya); periksa baris ini di "
                           "sumber": stray})


def _records(text: str, lines: list[str], delimiter: str, width: int
             ) -> tuple[list[tuple[int, int, list[Cell]]], list[int]]:
    """(first line, last line, cells) of every record, and the lines whose quote was stray.

    A quoted cell may hold line breaks (Excel writes them so). A record spanning several lines
    that does not look like such a cell (see `_stray`) comes from a stray quote, such as a
    ditto mark `"` or an unclosed `"Program A`: its first line is read on its own without
    quoting (the quote is text) and reading goes on from the next line, so no row is
    swallowed."""
    starts = [0]
    for line in lines[:-1]:
        starts.append(starts[-1] + len(line) + 1)
    # a final line break, so that a quote still open at the end leaves one in its cell
    buf = io.StringIO(text if text.endswith("\n") else text + "\n", newline="")
    out: list[tuple[int, int, list[Cell]]] = []
    stray: list[int] = []
    line = 1  # the line the next reader starts at
    while line <= len(starts):
        buf.seek(starts[line - 1])
        reader = csv.reader(buf, delimiter=delimiter, quotechar='"', strict=False)
        restart, first = None, line
        try:
            for record in reader:
                last = line - 1 + reader.line_num
                if (last > first or '"' in lines[first - 1]) and _stray(
                        record, lines[first - 1:last], delimiter, width):
                    plain = next(csv.reader([lines[first - 1]], delimiter=delimiter,
                                            quoting=csv.QUOTE_NONE), [])
                    out.append((first, first, _clean(plain)))
                    stray.append(first)
                    restart = first + 1
                    break
                out.append((first, last, _clean(record)))
                first = last + 1
        except csv.Error as exc:  # only a NUL byte or a field over the size limit gets here
            raise ImportFailed(f"Teks berpemisah tidak dapat dibaca (baris "
                               f"{line - 1 + reader.line_num}): {exc}.") from exc
        if restart is None:
            break
        line = restart
    return out, stray


def _stray(record: list[str], span: list[str], delimiter: str, width: int) -> bool:
    """True when a record read from the lines `span` was shaped by a stray quote, not by a
    quoted cell: a tab inside a cell of tab-separated text (a web or Excel copy quotes no
    tab); and when a cell holds a line break: more cells than the table's `width`, such a
    cell beginning or ending with the delimiter or a line break (the quote was a cell of its
    own, as two ditto marks `"` in one column give, or the file ended inside it), tab or
    semicolon lines that are each a whole row of `width` cells, quotes a strict reading
    rejects (a quote never closed), or another width with the delimiter inside that cell."""
    if delimiter == "\t" and any("\t" in c for c in record):
        return True
    multi = [c for c in record if "\n" in c]
    if not multi:
        return False  # a quoted cell on one line ("a; b", "5"" x 3""") is the writer's quoting
    if len(record) > width or any(c[0] in (delimiter, "\n") or c[-1] in (delimiter, "\n")
                                  for c in multi):
        return True
    if delimiter != "," and width > 1 and all(ln.count(delimiter) + 1 == width for ln in span):
        return True  # every line is a whole row on its own
    try:
        list(csv.reader(span, delimiter=delimiter, quotechar='"', strict=True))
    except csv.Error:
        return True
    return len(record) != width and any(delimiter in c for c in multi)


def _clean(cells: list[str]) -> list[Cell]:
    return [c.replace("\u00a0", " ").strip() for c in cells]


def read_text_table(text: str) -> Table | None:
    """The table in a decoded text: a markdown pipe table, else delimited text; None when
    no delimiter is used."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")
    return _markdown(lines) or _delimited(text, lines)


def is_spreadsheet(path: Path, head: bytes) -> bool:
    """By content first (zip / OLE signature), then by suffix."""
    if head[:4] == b"PK\x03\x04" or head[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        return True
    return path.suffix.lower() in SPREADSHEET_SUFFIXES and b"\x00" in head[:512]
