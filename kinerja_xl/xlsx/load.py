"""Opening workbook files defensively and handing their sheets to the core as grids.

openpyxl parses XML through defusedxml when it is installed (it is a dependency), so hostile
files cannot expand entities. Every failure becomes a `WorkbookError` in Indonesian.
"""

from __future__ import annotations

import warnings
import zipfile
import zlib
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import openpyxl
from defusedxml import DefusedXmlException, ElementTree
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet._reader import WorkSheetParser

from ..core.contract import (
    COMPUTED_HEADERS,
    LEVEL_SHEETS,
    PEJABAT,
    PENGATURAN,
    H,
    P,
    S,
    norm_header,
)
from ..core.findings import WorkbookError
from ..core.grid import cell, find_header
from .guard import attach, check_package, part_label, snapshot_for_update

_CHECKED: dict[tuple[str, int, int], None] = {}  # packages that passed _sniff (path, size, mtime)
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_INPUT_SHEETS = (PENGATURAN, PEJABAT, *LEVEL_SHEETS)
_COMPUTED = {norm_header(h) for h in COMPUTED_HEADERS}


def _sniff(path: Path) -> None:
    if not path.exists():
        raise WorkbookError(f"File '{path}' tidak ditemukan.")
    if path.is_dir():
        raise WorkbookError(f"'{path}' adalah folder, bukan file workbook.")
    with path.open("rb") as fh:
        head = fh.read(8)
    if head == _OLE_MAGIC:
        raise WorkbookError(f"File '{path.name}' terkunci kata sandi atau berformat Excel lama"
                            " (.xls). Buka di Excel, hapus kata sandinya / simpan sebagai .xlsm,"
                            " lalu coba lagi.")
    if not zipfile.is_zipfile(path):
        raise WorkbookError(f"File '{path.name}' bukan workbook Excel (.xlsx/.xlsm): isinya"
                            " bukan paket Office Open XML.")
    st = path.stat()
    key = (str(path.resolve()), st.st_size, st.st_mtime_ns)
    if key in _CHECKED:  # the same file again in this run (cached values): checked already
        return
    try:
        with zipfile.ZipFile(path) as z:
            names = set(z.namelist())
            check_package(z, path.name)  # limits, bombs, damaged parts: before inflating
    except WorkbookError:
        raise
    except (zipfile.BadZipFile, OSError, EOFError, zlib.error, ValueError) as exc:
        raise WorkbookError(f"File '{path.name}' rusak (zip tidak utuh).") from exc
    if "xl/workbook.xml" not in names:
        raise WorkbookError(f"File '{path.name}' bukan workbook Excel (tidak ada"
                            " xl/workbook.xml).")
    if len(_CHECKED) > 64:
        _CHECKED.clear()
    _CHECKED[key] = None


def open_workbook(path: str | Path, data_only: bool = False, read_only: bool = False) -> Workbook:
    """Load a workbook (VBA kept for .xlsm). Never changes the file. Opened for writing (the
    default), the workbook carries a `guard.Snapshot` taken before reading: a file open in
    Excel/LibreOffice is refused now; the save refuses a read-only target and a file that
    changed meanwhile."""
    path = Path(path)
    _sniff(path)
    # read-only is checked on the file really written (it may be out=, not this one)
    snap = None if read_only or data_only else snapshot_for_update(path, check_write=False)
    keep_vba = path.suffix.lower() in (".xlsm", ".xltm", ".xlam")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns about unsupported extensions
            wb = openpyxl.load_workbook(path, keep_vba=keep_vba and not read_only,
                                        data_only=data_only, read_only=read_only)
    except WorkbookError:
        raise
    except MemoryError as exc:
        raise WorkbookError(f"File '{path.name}' terlalu besar untuk dibaca (memori habis)."
                            ) from exc
    except Exception as exc:  # openpyxl raises many types on malformed parts
        raise WorkbookError(unreadable_message(path, exc)) from exc
    if snap is not None:
        attach(wb, snap)
    return wb


def unreadable_message(path: Path, exc: BaseException) -> str:
    """An Indonesian sentence for a package openpyxl could not load: the XML part that does
    not parse, with its sheet and line/column, found by parsing the parts again (only on
    failure); no English library text."""
    if isinstance(exc, DefusedXmlException):
        return (f"File '{path.name}' ditolak: memuat deklarasi DTD/entitas XML (pola 'XML "
                "bomb'). File tidak dipakai.")
    try:
        with zipfile.ZipFile(path) as z:
            for info in z.infolist():
                if not info.filename.lower().endswith((".xml", ".rels")):
                    continue
                try:
                    with z.open(info) as fh:
                        for _ in ElementTree.iterparse(fh):
                            pass
                except ElementTree.ParseError as err:
                    line, col = getattr(err, "position", (0, 0))
                    return (f"File '{path.name}' rusak: {part_label(z, info.filename)} bukan "
                            f"XML yang sah (baris {line}, kolom {col}). Buka dan simpan ulang"
                            " di Excel, atau pakai salinan cadangannya.")
                except DefusedXmlException:
                    return (f"File '{path.name}' ditolak: {part_label(z, info.filename)} "
                            "memuat deklarasi DTD/entitas XML (pola 'XML bomb').")
    except (zipfile.BadZipFile, OSError, EOFError, zlib.error, ValueError):
        pass
    return (f"File '{path.name}' tidak dapat dibaca sebagai workbook Excel (isinya tidak sesuai"
            f" format .xlsx/.xlsm: {type(exc).__name__}). Buka dan simpan ulang di Excel.")


def raw_grids(wb: Workbook) -> dict[str, list[tuple[Any, ...]]]:
    """Every sheet as rows of values, formulas as their text ("=..."): what
    `iter_rows(values_only=True)` gives, built in one pass over openpyxl's cell store (several
    times faster on a kabupaten workbook)."""
    return {ws.title: _values(ws) for ws in wb.worksheets}


_NO_CELLS: tuple[Any, ...] = ()


def _values(ws: Any) -> list[tuple[Any, ...]]:
    """Rows up to the last one holding a value, each only as long as its last value: a stray
    cell at XFD1048576 costs one long row, not 17 billion slots; empty rows share one tuple.
    The core reads short rows as None beyond their end (`grid.cell`)."""
    cells = getattr(ws, "_cells", None)
    if cells is None:  # not a regular worksheet (e.g. read-only): its cells as stored
        return _rows_from(sparse_cells(ws))
    return _rows_from(((r, c), stored._value) for (r, c), stored in cells.items())


def _rows_from(items: Any) -> list[tuple[Any, ...]]:
    by_row: dict[int, dict[int, Any]] = {}
    for (r, c), value in items:
        if value is not None:
            by_row.setdefault(r, {})[c] = value
    if not by_row:
        return []
    grid: list[tuple[Any, ...]] = [_NO_CELLS] * max(by_row)
    for r, cols in by_row.items():
        row = [None] * max(cols)
        for c, value in cols.items():
            row[c - 1] = value
        grid[r - 1] = tuple(row)
    return grid


def sparse_cells(ws: Any) -> Iterator[tuple[tuple[int, int], Any]]:
    """((row, col), value) of the cells a read-only sheet's XML holds, without the padding
    `iter_rows` adds up to the sheet's dimension (which a stray far cell makes huge)."""
    book = ws.parent
    with ws._get_source() as src:
        parser = WorkSheetParser(src, ws._shared_strings, data_only=book.data_only,
                                 epoch=book.epoch, date_formats=book._date_formats,
                                 timedelta_formats=book._timedelta_formats)
        for r, row in parser.parse():
            for c in row:
                yield (r, c["column"]), c["value"]


def grids(wb: Workbook, path: str | Path | None = None,
          raw: dict[str, list[tuple[Any, ...]]] | None = None) -> dict[str, list[tuple[Any, ...]]]:
    """Every sheet as rows of values for the core. Input cells holding formulas get their
    cached values (read once more with data_only, only when there are such cells)."""
    out = dict(raw) if raw is not None else raw_grids(wb)
    formula_sheets = [n for n in _INPUT_SHEETS if n in out and _has_formula(n, out[n])]
    if formula_sheets and path is not None:
        values = open_workbook(path, data_only=True, read_only=True)
        try:
            for name in formula_sheets:
                cached = dict(sparse_cells(values[name]))
                owned = _owned_columns(name, out[name])
                out[name] = [_merge(r, row, cached, owned)
                             for r, row in enumerate(out[name], start=1)]
        finally:
            values.close()
    return out


def _is_formula(value: Any) -> bool:
    return isinstance(value, str) and value.startswith("=")


def _has_formula(name: str, grid: list[tuple[Any, ...]]) -> bool:
    """Does a user-typed cell hold a formula? Product-owned cells (computed columns, the
    Periode Dihitung row) are ignored: their values are recomputed anyway."""
    if name == PENGATURAN:
        own = norm_header(S.PERIODE_DIHITUNG)
        return any(_is_formula(v) for row in grid if norm_header(cell(row, 1)) != own
                   for v in row)
    layout = find_header(grid, name, H.KODE if name != PEJABAT else P.ID)
    start = layout.header_row if layout else 0
    owned = _owned_columns(name, grid)
    return any(_is_formula(v) for row in grid[start:] if row for i, v in enumerate(row)
               if i not in owned)


def _owned_columns(name: str, grid: list[tuple[Any, ...]]) -> set[int]:
    """0-based indexes of the product's computed columns on a level sheet."""
    if name not in LEVEL_SHEETS:
        return set()
    layout = find_header(grid, name, H.KODE)
    return {c - 1 for k, c in layout.columns.items() if k in _COMPUTED} if layout else set()


def _merge(r: int, row: tuple[Any, ...], cached: Mapping[tuple[int, int], Any],
           owned: set[int] = frozenset()) -> tuple[Any, ...]:  # type: ignore[assignment]
    """A row with the user's formulas replaced by their cached values (None when there is
    none); the product's own formulas stay as text (so Periksa can tell a formula a user
    overwrote)."""
    if not any(_is_formula(v) for v in row):
        return row
    return tuple(cached.get((r, c)) if _is_formula(v) and c - 1 not in owned else v
                 for c, v in enumerate(row, start=1))


