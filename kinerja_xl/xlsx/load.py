"""Opening workbook files defensively and handing their sheets to the core as grids.

openpyxl parses XML through defusedxml when it is installed (it is a dependency), so hostile
files cannot expand entities. Every failure becomes a `WorkbookError` in Indonesian.
"""

from __future__ import annotations

import warnings
import zipfile
import zlib
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import openpyxl
from openpyxl.workbook.workbook import Workbook

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
    try:
        with zipfile.ZipFile(path) as z:
            names = set(z.namelist())
            bad = z.testzip()
    except (zipfile.BadZipFile, OSError, EOFError, zlib.error, ValueError) as exc:
        raise WorkbookError(f"File '{path.name}' rusak (zip tidak utuh): {exc}") from exc
    if bad is not None:
        raise WorkbookError(f"File '{path.name}' rusak: bagian '{bad}' tidak dapat dibaca.")
    if "xl/workbook.xml" not in names:
        raise WorkbookError(f"File '{path.name}' bukan workbook Excel (tidak ada"
                            " xl/workbook.xml).")


def open_workbook(path: str | Path, data_only: bool = False, read_only: bool = False) -> Workbook:
    """Load a workbook for reading and writing (VBA kept for .xlsm). Never changes the file."""
    path = Path(path)
    _sniff(path)
    keep_vba = path.suffix.lower() in (".xlsm", ".xltm", ".xlam")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns about unsupported extensions
            return openpyxl.load_workbook(path, keep_vba=keep_vba and not read_only,
                                          data_only=data_only, read_only=read_only)
    except WorkbookError:
        raise
    except Exception as exc:  # openpyxl raises many types on malformed parts
        raise WorkbookError(f"File '{path.name}' tidak dapat dibaca sebagai workbook Excel: "
                            f"{type(exc).__name__}: {str(exc)[:200]}") from exc


def raw_grids(wb: Workbook) -> dict[str, list[tuple[Any, ...]]]:
    """Every sheet as rows of values, formulas as their text ("=..."): what
    `iter_rows(values_only=True)` gives, built in one pass over openpyxl's cell store (several
    times faster on a kabupaten workbook)."""
    return {ws.title: _values(ws) for ws in wb.worksheets}


def _values(ws: Any) -> list[tuple[Any, ...]]:
    cells = getattr(ws, "_cells", None)
    if cells is None:  # not a regular worksheet (e.g. read-only): the public way
        return list(ws.iter_rows(values_only=True))
    if not cells:
        return []
    width, height = ws.max_column, ws.max_row  # properties that scan every cell: read once
    grid = [[None] * width for _ in range(height)]
    for (r, c), stored in cells.items():
        grid[r - 1][c - 1] = stored._value
    return [tuple(row) for row in grid]


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
                cached = list(values[name].iter_rows(values_only=True))
                owned = _owned_columns(name, out[name])
                out[name] = [_merge(f, v, owned) for f, v in zip(out[name], cached, strict=False)]
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
    return any(_is_formula(v) for row in grid[start:] for i, v in enumerate(row)
               if i not in owned)


def _owned_columns(name: str, grid: list[tuple[Any, ...]]) -> set[int]:
    """0-based indexes of the product's computed columns on a level sheet."""
    if name not in LEVEL_SHEETS:
        return set()
    layout = find_header(grid, name, H.KODE)
    return {c - 1 for k, c in layout.columns.items() if k in _COMPUTED} if layout else set()


def _merge(formulas: tuple[Any, ...], values: tuple[Any, ...],
           owned: set[int] = frozenset()) -> tuple[Any, ...]:  # type: ignore[assignment]
    """A row with the user's formulas replaced by their cached values; the product's own
    formulas stay as text (so Periksa can tell a formula a user overwrote)."""
    return tuple(v if _is_formula(f) and i not in owned else f
                 for i, (f, v) in enumerate(zip(formulas, values, strict=False)))


def formula_cache(path: str | Path, wb: Workbook,
                  skip: Mapping[str, Mapping[str, object]] | None = None,
                  before: Mapping[str, Sequence[Sequence[Any]]] | None = None,
                  ) -> dict[str, dict[str, Any]]:
    """The cached results of the formulas in the file at path (as loaded into wb), except the
    cells in skip (those get fresh values). `before` (the grids read from wb before it was
    changed) lets the scan look at plain values instead of every openpyxl cell. The file is
    read again only when there is something to keep."""
    skip = skip or {}
    wanted: dict[str, dict[tuple[int, int], str]] = {}
    for ws in wb.worksheets:
        fresh = skip.get(ws.title, {})
        if before is not None and ws.title in before:
            candidates = ((r, c) for r, row in enumerate(before[ws.title], start=1)
                          for c, v in enumerate(row, start=1) if _is_formula(v))
            cells = {}
            for r, c in candidates:
                cell = ws.cell(r, c)
                if _is_formula(cell.value) and cell.coordinate not in fresh:
                    cells[(r, c)] = cell.coordinate
        else:
            cells = {(c.row, c.column): c.coordinate for row in ws.iter_rows() for c in row
                     if _is_formula(c.value) and c.coordinate not in fresh}
        if cells:
            wanted[ws.title] = cells
    if not wanted:
        return {}
    values = open_workbook(path, data_only=True, read_only=True)
    out: dict[str, dict[str, Any]] = {}
    try:
        for name, cells in wanted.items():
            if name not in values.sheetnames:
                continue
            got = out.setdefault(name, {})
            for r, row in enumerate(values[name].iter_rows(values_only=True), start=1):
                for c, value in enumerate(row, start=1):
                    if value is not None and (r, c) in cells:
                        got[cells[(r, c)]] = value
    finally:
        values.close()
    return out
