"""Reading a workbook's data cells straight from the package: grids for the core.

Only cells that hold a value become part of a grid (a styled empty cell, however far, costs
nothing); formulas give their cached value. Sheets are parsed when first asked for.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

from ..core.contract import COMPUTED_HEADERS, LEVEL_SHEETS, H, norm_header
from ..core.findings import WorkbookError
from ..core.grid import find_header
from .cells import (
    CELL,
    MAX_COL,
    MAX_ROW,
    ROW,
    SHEET_DATA,
    attr_row,
    cell_ref,
    col_index,
    col_letters,
    read_value,
    rich_text,
    style_of,
    xml_text,
)
from .parts import Package
from .styles import Styles
from .workbook import WorkbookPart
from .xml import M

SST_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings"
_SI = re.compile(rb"<si\b[^>]*?(?:/>|>(.*?)</si>)", re.S)

Row = tuple[Any, ...]


def shared_strings(pkg: Package, wb: WorkbookPart) -> list[str]:
    part = next((wb.rels.target_part(r) for r in wb.rels.items()
                 if r.get("Type") == SST_REL), None)
    if not part or not pkg.has(part):
        return []
    return [rich_text(m.group(1) or b"") for m in _SI.finditer(pkg.read(part))]


_FAST_CELL = re.compile(rb'<c r="([A-Z]{1,3})([0-9]{1,7})"([^>]*?)(?:/>|>([^<]*(?:<(?!/c>)'
                        rb"[^<]*)*)</c>)")
_SIMPLE_IS = re.compile(rb'<is><t(?: xml:space="preserve")?>([^<]*)</t></is>')
_LETTERS: dict[bytes, int] = {}


def _col(letters: bytes) -> int:
    c = _LETTERS.get(letters)
    if c is None:
        c = _LETTERS[letters] = col_index(letters)
    return c


def sheet_rows(data: bytes, strings: list[str], styles: Styles, sheet: str,
               header: str | None = None, owned_formulas: bool = False) -> list[Row]:
    """The grid of one worksheet part. With `header` (the first header of a level sheet's
    table, 'Kode'), the cells of the product's own columns below the header row are not
    decoded (the core recomputes them); rows holding only such cells still count. With
    `owned_formulas` (Periksa's drift check) those cells are read as what they hold: their
    formula as text ("=…"), or a value a user typed over it."""
    head = SHEET_DATA.search(data)
    if head is None and b":sheetData" in data:
        raise WorkbookError(f"Sheet {sheet}: XML sheet ditulis dengan awalan namespace yang "
                            "tidak dikenali; buka file di Excel, simpan ulang, lalu coba lagi.")
    if head is None or head.group(1) == b"/>":
        return []
    end = data.find(b"</sheetData>", head.end())
    body = data[head.end():end if end >= 0 else len(data)]
    if body.count(b"<c ") + body.count(b"<c>") != body.count(b'<c r="'):
        return _slow_rows(body, strings, styles, sheet)  # cells without a leading r="A1"
    rows: dict[int, dict[int, Any]] = {}
    if header is None:
        _cells(_FAST_CELL, body, rows, strings, styles, sheet)
        return _grid(rows)
    cut = _row_position(body, _HEADER_ROWS + 1)
    _cells(_FAST_CELL, body[:cut], rows, strings, styles, sheet)
    layout = find_header(_grid(rows), sheet, header, _HEADER_ROWS)
    owned = sorted({col_letters(c) for key, c in layout.columns.items() if key in _OWNED}
                   ) if layout else []
    if not owned:
        _cells(_FAST_CELL, body[cut:], rows, strings, styles, sheet)
        return _grid(rows)
    names = b"|".join(x.encode() for x in owned)
    others = re.compile(rb'<c r="(?!(?:' + names + rb')[0-9])' + _FAST_CELL.pattern[6:])
    _cells(others, body[cut:], rows, strings, styles, sheet)
    if owned_formulas:  # the whole table: the first rows were read above as cached values
        cols = [_col(x.encode()) for x in owned]
        for r, line in rows.items():
            if r > layout.header_row:
                for c in cols:
                    line.pop(c, None)
        _owned_cells(re.compile(rb'<c r="((?:' + names + rb'))([0-9]{1,7})"([^>]*?)(?<!/)>'
                                + _NOT_FOLLOWER + rb"([^<]*(?:<(?!/c>)[^<]*)*)</c>"),
                     body, rows, strings, styles, sheet, layout.header_row)
    mine = re.findall(rb'<c r="(?:' + names + rb')([0-9]{1,7})"[^>]*?[^/]>', body[cut:])
    last = max((int(r) for r in mine), default=0)
    if last and last <= MAX_ROW and last not in rows:
        rows[last] = {}
    return _grid(rows)


_FORMULA = re.compile(rb"<f\b[^>]*?(?:/>|>(.*?)</f>)", re.S)


_NOT_FOLLOWER = rb'(?!<f t="shared" si="[0-9]+"/>)'


def _owned_cells(pattern: re.Pattern[bytes], body: bytes, rows: dict[int, dict[int, Any]],
                 strings: list[str], styles: Styles, sheet: str, header_row: int) -> None:
    """The product's columns as formulas text or typed values. A shared-formula follower
    (`<f t="shared" si="0"/>`: Hitung writes a column's runs that way, and Excel does for
    filled ranges) is the master's formula moved to its cell: only the master is read, and
    drift is not claimed where it cannot be seen."""
    for letters, digits, attrs, content in pattern.findall(body):
        if not content:
            continue
        r, c = int(digits), _col(letters)
        if c > MAX_COL or r > MAX_ROW or r <= header_row:
            continue
        f = _FORMULA.search(content)
        if f is not None:
            if f.group(1) is None:
                continue
            value: Any = "=" + xml_text(f.group(1))
        else:
            try:
                got = read_value(attrs, content, strings, styles.is_date)
            except (UnicodeDecodeError, ValueError) as exc:
                raise WorkbookError(f"Sheet {sheet}: sel {letters.decode()}{r} tidak dapat "
                                    "dibaca (isi XML rusak); file tidak diproses.") from exc
            value = got.value if got else None
        if value is not None and value != "":
            rows.setdefault(r, {})[c] = value


_HEADER_ROWS = 200  # the header row is looked for in the first rows (as core.grid does)
_OWNED = {norm_header(h) for h in COMPUTED_HEADERS}


def _row_position(body: bytes, first: int) -> int:
    """Where the first row numbered `first` or more starts (len(body) when none)."""
    for m in _ROW_START.finditer(body):
        if int(m.group(1)) >= first:
            return m.start()
    return len(body)


_ROW_START = re.compile(rb'<row r="([0-9]{1,7})"')


def _cells(pattern: re.Pattern[bytes], body: bytes, rows: dict[int, dict[int, Any]],
           strings: list[str], styles: Styles, sheet: str) -> None:
    is_date = styles.is_date
    n_strings = len(strings)
    for letters, digits, attrs, content in pattern.findall(body):
        if not content:
            continue
        r = int(digits)
        c = _col(letters)
        if c > MAX_COL or r > MAX_ROW:
            continue
        formula = content[:2] == b"<f"
        v = content.rfind(b"<v>") if formula else (0 if content[:3] == b"<v>" else -1)
        raw = content[v + 3:-4] if v >= 0 and content[-4:] == b"</v>" else None
        if raw is not None and b"<" not in raw and (b't="' not in attrs or b't="n"' in attrs):
            value = int(raw) if raw.isdigit() else _number(raw)
            if b's="' in attrs and not isinstance(value, str) and is_date(style_of(attrs)):
                got = read_value(attrs, content, strings, is_date)
                value = got.value if got else None
        elif raw is not None and b't="s"' in attrs and raw.isdigit():
            i = int(raw)
            value = strings[i] if i < n_strings else None
        elif raw is not None and b't="str"' in attrs and b"<" not in raw:
            value = xml_text(raw)
        elif content[:4] == b"<is>" and (simple := _SIMPLE_IS.fullmatch(content)):
            value = xml_text(simple.group(1))
        else:
            try:
                got = read_value(attrs, content, strings, is_date)
            except (UnicodeDecodeError, ValueError) as exc:
                raise WorkbookError(f"Sheet {sheet}: sel {letters.decode()}{r} tidak dapat "
                                    "dibaca (isi XML rusak); file tidak diproses.") from exc
            value = got.value if got else None
        if value is not None and value != "":
            line = rows.get(r)
            if line is None:
                line = rows[r] = {}
            line[c] = value


def _number(raw: bytes) -> Any:
    try:
        return int(raw) if raw.lstrip(b"-").isdigit() else float(raw)
    except ValueError:
        return raw.decode("utf-8", "replace")


def _grid(rows: dict[int, dict[int, Any]]) -> list[Row]:
    if not rows:
        return []
    grid: list[Row] = [()] * max(rows)
    for r, values in rows.items():
        line = [None] * max(values, default=0)
        for c, v in values.items():
            line[c - 1] = v
        grid[r - 1] = tuple(line)
    return grid


def _slow_rows(body: bytes, strings: list[str], styles: Styles, sheet: str) -> list[Row]:
    """Rows and cells numbered implicitly (no r attribute): the general scan."""
    rows: dict[int, dict[int, Any]] = {}
    prev_row = 0
    for rm in ROW.finditer(body):
        r = attr_row(rm.group(1)) or prev_row + 1
        prev_row = r
        inner = rm.group(3)
        if not inner or r > MAX_ROW:
            continue
        prev = 0
        for cm in CELL.finditer(inner):
            attrs, content = cm.group(1), cm.group(2)
            _, c = cell_ref(attrs)
            c = c or prev + 1
            prev = c
            if not content or c > MAX_COL:
                continue
            try:
                got = read_value(attrs, content, strings, styles.is_date)
            except (UnicodeDecodeError, ValueError) as exc:
                raise WorkbookError(f"Sheet {sheet}: sel di baris {r} tidak dapat dibaca "
                                    "(isi XML rusak); file tidak diproses.") from exc
            if got is None:
                continue
            if got.value is not None and got.value != "":
                rows.setdefault(r, {})[c] = got.value
    return _grid(rows)


class Grids(Mapping[str, list[Row]]):
    """Sheet name -> grid, parsed on first access (level sheets without the product's own
    columns' values: see `sheet_rows`)."""

    def __init__(self, pkg: Package, wb: WorkbookPart, styles: Styles,
                 only: set[str] | None = None, owned_formulas: bool = False) -> None:
        self.pkg, self.wb, self.styles = pkg, wb, styles
        self.owned_formulas = owned_formulas
        pr = wb.root.find(f"{M}workbookPr")
        styles.date1904 = pr is not None and pr.get("date1904") in ("1", "true")
        self._parts = {s.name: s.part for s in wb.sheets()
                       if s.part and (only is None or s.name in only)}
        self._grids: dict[str, list[Row]] = {}
        self._strings: list[str] | None = None

    def __getitem__(self, name: str) -> list[Row]:
        if name not in self._grids:
            part = self._parts[name]
            if not self.pkg.has(part):
                raise KeyError(name)
            if self._strings is None:
                self._strings = shared_strings(self.pkg, self.wb)
            header = H.KODE if name in LEVEL_SHEETS else None
            self._grids[name] = sheet_rows(self.pkg.read(part), self._strings, self.styles,
                                           name, header, self.owned_formulas)
        return self._grids[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._parts)

    def __len__(self) -> int:
        return len(self._parts)
