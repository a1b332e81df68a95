"""The Python API for scripts: the same jobs as the CLI and the ribbon, on files.

    from kinerja_xl.api import compute_file
    result = compute_file("kecamatan.xlsm", periode=2)
    print(result.periode, result.has_errors)

Every function reads the file, runs a pure use case from `kinerja_xl.core`, applies the write
plan to the zip package in place (`kinerja_xl.package`: only what the product owns changes)
and saves atomically. A file that cannot be used raises `WorkbookError` (Indonesian message)
and is left untouched.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import openpyxl
from openpyxl.workbook.workbook import Workbook

from .core.compute import Computation, check, compute
from .core.findings import WorkbookError
from .core.grid import Grid
from .core.sheetspec import SheetSpec
from .core.writes import WritePlan
from .package.editor import Editor
from .package.gcpause import collector_paused
from .package.jobs import input_grids, put_visuals
from .xlsx.blank import build_workbook
from .xlsx.save import save_workbook

if TYPE_CHECKING:  # pandas loads only for the frame functions (it costs every command a second)
    import pandas

    from .core.model import Settings

__all__ = ["WorkbookError", "check_file", "compute_file", "compute_frame", "new_workbook",
           "read_frame", "run_file", "template_workbook", "update_file"]


def new_workbook(path: str | Path) -> Path:
    """Write an empty kinerja workbook (all sheets, headers, dropdowns) to path; a .xlsm gets
    the Kinerja ribbon, the VBA project and the xlwings configuration of the template."""
    path = Path(path)
    if path.suffix.lower() == ".xlsm":
        from .template import build_template

        return build_template(path)
    save_workbook(build_workbook(), path)
    return path


def template_workbook() -> Workbook:
    """The template as an openpyxl workbook (VBA kept), to fill and save as .xlsm."""
    from .template import build_template_bytes

    return openpyxl.load_workbook(io.BytesIO(build_template_bytes()), keep_vba=True)


def run_file(path: str | Path, usecase: Callable[[Mapping[str, Grid]], Computation],
             out: str | Path | None = None,
             after: Callable[[Editor, Computation], None] | None = None,
             owned_formulas: bool = False) -> Computation:
    """Read path, run a use case over its grids, write the result to out (default: path).
    `after` may draw more into the package (e.g. Rekap) before the atomic save;
    `owned_formulas` hands the use case what the computed columns hold (formula text). Runs
    with the cyclic garbage collector paused, as tahun-baru does (`package.gcpause`)."""
    with collector_paused():
        ed = Editor(path, out)
        comp = usecase(input_grids(ed, owned_formulas))
        ed.apply_plan(comp.writes)
        if after is not None:
            after(ed, comp)
        ed.save(out)
        del ed
    return comp


def check_file(path: str | Path, out: str | Path | None = None) -> Computation:
    """Periksa Tautan on a file: Status column and the Laporan Validasi sheet."""
    return run_file(path, check, out, owned_formulas=True)


def compute_file(path: str | Path, periode: int | None = None,
                 out: str | Path | None = None) -> Computation:
    """Hitung Capaian on a file: computed columns (live formulas), Status, Laporan Validasi,
    the Rekap sheet, predikat colours, and the Pohon Kinerja when the workbook has one."""
    return run_file(path, lambda g: compute(g, periode), out, after=put_visuals)


def update_file(path: str | Path, plan: WritePlan | None = None,
                specs: Sequence[SheetSpec] = (), remove: Sequence[str] = (),
                out: str | Path | None = None) -> None:
    """The one way a job writes into an existing user workbook: `plan` (owned columns, single
    cells, defined names, simple generated sheets), `specs` (formatted generated sheets, each
    replaced whole at its old position, new ones appended) and `remove` (generated sheets to
    delete; only sheets the product made, recognised by their marker). A user sheet whose
    name a spec wants is kept and the spec goes to a free name ('Rekap (otomatis)'). Saved
    atomically to out (default: path); nothing else in the file is changed."""
    ed = Editor(path, out)
    if plan is not None:
        ed.apply_plan(plan)
    ed.remove_sheets(remove)
    if specs:
        ed.put_sheets(specs)
    ed.save(out)


def read_frame(paths: str | Path | Sequence[str | Path]) -> pandas.DataFrame:
    """One row per indicator of every unit workbook in paths (files or folders, read with
    python-calamine in one process per core); columns and dtypes in docs/gabung.md. Files that
    cannot be used are left out: `kinerja_xl.gabung.read_all(paths).log` says why."""
    from .gabung.read import read_frame as read

    return read(paths)


def compute_frame(df: pandas.DataFrame, settings: Settings | None = None, *,
                  periode: int | None = None) -> pandas.DataFrame:
    """df (a `read_frame` result) with realisasi, target_periode_low/high, capaian, predikat
    and catatan, vectorised and equal to the scalar core. Each row uses its unit's Pengaturan
    unless `settings` is given; `periode` (1..4) overrides every unit's reporting quarter."""
    from .gabung.vector import compute_frame as compute_all

    return compute_all(df, settings, periode=periode)
