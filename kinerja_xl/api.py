"""The Python API for scripts: the same jobs as the CLI and the ribbon, on files.

    import kinerja_xl
    result = kinerja_xl.compute("kecamatan.xlsm", periode=2)
    print(result.periode, result.has_errors)

Every function reads the file, runs a pure use case from `kinerja_xl.core`, applies the write
plan with openpyxl and saves atomically. A file that cannot be used raises `WorkbookError`
(Indonesian message) and is left untouched.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from .core.compute import Computation, check, compute
from .core.findings import WorkbookError
from .core.grid import Grid
from .xlsx.apply import apply_plan
from .xlsx.blank import build_workbook
from .xlsx.load import grids, open_workbook
from .xlsx.save import save_workbook

__all__ = ["WorkbookError", "check_file", "compute_file", "new_workbook", "run_file"]


def new_workbook(path: str | Path) -> Path:
    """Write an empty kinerja workbook (all sheets, headers, dropdowns) to path."""
    path = Path(path)
    save_workbook(build_workbook(), path)
    return path


def run_file(path: str | Path, usecase: Callable[[dict[str, Grid]], Computation],
             out: str | Path | None = None) -> Computation:
    """Read path, run a use case over its grids, write the result to out (default: path)."""
    wb = open_workbook(path)
    comp = usecase(grids(wb, path))
    cached = apply_plan(wb, comp.writes)
    save_workbook(wb, out or path, cached)
    return comp


def check_file(path: str | Path, out: str | Path | None = None) -> Computation:
    """Periksa Tautan on a file: Status column and the Laporan Validasi sheet."""
    return run_file(path, check, out)


def compute_file(path: str | Path, periode: int | None = None,
                 out: str | Path | None = None) -> Computation:
    """Hitung Capaian on a file: computed columns (live formulas), Status, Laporan Validasi."""
    return run_file(path, lambda g: compute(g, periode), out)
