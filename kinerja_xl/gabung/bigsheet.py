"""Writing a table of millions of rows into an .xlsx fast: sheet XML built column-wise.

openpyxl needs about 120 µs per row of 13 cells; a national rekap has 2.2 million rows. Here
openpyxl writes the workbook with an empty placeholder sheet (header row and one row of styled
sample cells, so its stylesheet has the number formats), then the package is copied with the
placeholder's sample row replaced by rows composed from whole columns. Text cells are shared
strings (t="s", never a formula): each distinct text is escaped once and appended to openpyxl's
shared-string table, and a categorical column becomes XML by taking its codes.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from itertools import repeat
from pathlib import Path
from xml.sax.saxutils import escape

import numpy as np
import pandas as pd

from ..core.findings import col_letter
from ..xlsx.save import _sheet_parts

MAX_ROWS = 1_048_576  # Excel's last row
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_CHUNK = 50_000
_SST = "xl/sharedStrings.xml"


def clean_text(value: object) -> str:
    """A cell's text without the characters XML 1.0 cannot hold, at most 32,767 long."""
    if value is None or (isinstance(value, float) and value != value):
        return ""
    return _ILLEGAL.sub("", str(value))[:32767]


@dataclass
class BigColumn:
    """One column of the big table: header and values (numbers with a number format, or text;
    text is best given as a categorical)."""

    header: str
    values: pd.Series | np.ndarray
    number: bool = False
    style: str = ""  # a number format, resolved to a cellXfs index through the placeholder


class SharedStrings:
    """The shared-string table: openpyxl's strings first, then every text of the big table."""

    def __init__(self, existing: int) -> None:
        self.index: dict[str, int] = {}
        self.texts: list[str] = []
        self.start = existing

    def cell(self, text: str) -> str:
        """The <c> element of a text cell (an empty <c/> for no text)."""
        if not text:
            return "<c/>"
        idx = self.index.get(text)
        if idx is None:
            idx = self.index[text] = self.start + len(self.texts)
            self.texts.append(text)
        return f'<c t="s"><v>{idx}</v></c>'

    def xml(self, original: str) -> Iterator[bytes]:
        total = self.start + len(self.texts)
        head, _, _ = original.rpartition("</sst>")
        head = re.sub(r'(count|uniqueCount)="\d+"', lambda m: f'{m.group(1)}="{total}"', head,
                      count=2)
        yield head.encode()
        for lo in range(0, len(self.texts), _CHUNK):
            yield "".join(
                f'<si><t xml:space="preserve">{escape(t)}</t></si>' if t != t.strip()
                else f"<si><t>{escape(t)}</t></si>" for t in self.texts[lo:lo + _CHUNK]).encode()
        yield b"</sst>"


def _cells(col: BigColumn, start: int, stop: int, style: int,
           sst: SharedStrings) -> np.ndarray:
    """The <c> elements of rows start..stop of one column (a categorical costs one lookup per
    distinct text, then a take)."""
    values = col.values[start:stop]
    if col.number:  # one formatted string per cell, in one pass (NaN is a blank cell)
        head = f'<c s="{style}"><v>'
        return np.array([f"{head}{x!r}</v></c>" if x == x else "<c/>"
                         for x in np.asarray(values, dtype=float).tolist()], dtype=object)
    if isinstance(values, pd.Series) and isinstance(values.dtype, pd.CategoricalDtype):
        table = np.array([sst.cell(clean_text(c)) for c in values.cat.categories] + ["<c/>"],
                         dtype=object)
        return table[values.cat.codes.to_numpy()]
    return np.array([sst.cell(clean_text(v)) for v in np.asarray(values, dtype=object)],
                    dtype=object)


def row_xml(columns: Sequence[BigColumn], styles: Sequence[int], start: int, stop: int,
            first_row: int, sst: SharedStrings) -> str:
    """Rows start..stop of the table as sheet XML, the first one being sheet row first_row.
    Rows carry their number; cells are positional (every column has a <c>, so none needs its
    optional `r` reference)."""
    cells = [_cells(c, start, stop, s, sst) for c, s in zip(columns, styles, strict=True)]
    heads = [f'<row r="{r}">' for r in range(first_row, first_row + stop - start)]
    return "".join(map("".join, zip(heads, *cells, repeat("</row>", stop - start),
                                    strict=True)))


@dataclass
class Placeholder:
    """A sheet openpyxl wrote with a header and one sample row; rows get spliced in."""

    sheet: str
    columns: Sequence[BigColumn]
    start: int  # first table row (0-based) of this sheet
    stop: int


_ROW2 = re.compile(r'<row r="2"[^>]*>(.*?)</row>', re.S)
_STYLE = re.compile(r'<c [^>]*?s="(\d+)"')


def _splice(xml: str, holder: Placeholder, sst: SharedStrings) -> Iterator[bytes]:
    match = _ROW2.search(xml)
    assert match is not None, "placeholder row missing"
    cells = re.findall(r"<c [^>]*?(?:/>|>.*?</c>)", match.group(1), re.S)
    styles = []
    for cell in cells:
        found = _STYLE.match(cell)
        styles.append(int(found.group(1)) if found else 0)
    last = holder.stop - holder.start + 1
    ref = f"A1:{col_letter(len(holder.columns))}{max(last, 1)}"
    head = xml[:match.start()]
    if "<dimension " in head:
        head = re.sub(r'<dimension ref="[^"]*"\s*/>', f'<dimension ref="{ref}"/>', head)
    else:  # openpyxl's write-only mode writes none; readers use it to size the sheet
        head = head.replace("<sheetViews>", f'<dimension ref="{ref}"/><sheetViews>', 1)
    yield head.encode()
    for lo in range(holder.start, holder.stop, _CHUNK):
        hi = min(lo + _CHUNK, holder.stop)
        yield row_xml(holder.columns, styles, lo, hi, lo - holder.start + 2, sst).encode()
    yield xml[match.end():].encode()


_SST_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"
_SST_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings"
_EMPTY_SST = ('<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="0" '
              'uniqueCount="0"></sst>')


def _declare_sst(name: str, data: bytes) -> bytes:
    """Content type and workbook relationship of a shared-string part openpyxl did not write."""
    text = data.decode("utf-8")
    if name == "[Content_Types].xml":
        text = text.replace("</Types>", f'<Override PartName="/{_SST}" ContentType="{_SST_TYPE}"'
                                        "/></Types>")
    elif name == "xl/_rels/workbook.xml.rels":
        text = text.replace("</Relationships>", f'<Relationship Id="rIdGabungSST" Type='
                            f'"{_SST_REL}" Target="sharedStrings.xml"/></Relationships>')
    return text.encode("utf-8")


def splice(src: Path, dst: Path, holders: Sequence[Placeholder]) -> None:
    """Copy the package src to dst with each placeholder sheet's sample row replaced by its
    table rows and the shared strings extended (deflate level 1: the big parts dominate)."""
    with zipfile.ZipFile(src) as zin:
        parts = _sheet_parts(zin)
        wanted = {parts[h.sheet]: h for h in holders}
        has_sst = _SST in zin.namelist()
        original = zin.read(_SST).decode("utf-8") if has_sst else _EMPTY_SST
        sst = SharedStrings(len(re.findall(r"<si[ >]", original)))
        with zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as zout:
            for info in zin.infolist():
                name = info.filename
                holder = wanted.get(name)
                if name == _SST:
                    continue
                if holder is None:
                    data = zin.read(name)
                    zout.writestr(name, data if has_sst else _declare_sst(name, data))
                    continue
                xml = zin.read(name).decode("utf-8")
                with zout.open(name, "w", force_zip64=True) as fh:
                    for piece in _splice(xml, holder, sst):
                        fh.write(piece)
            with zout.open(_SST, "w", force_zip64=True) as fh:
                for piece in sst.xml(original):
                    fh.write(piece)
