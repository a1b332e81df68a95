"""Benchmark `periksa` and `hitung` on a synthetic kabupaten and a kecamatan workbook.

    python benchmarks/bench_core.py [--units 20]

Prints, for each size: openpyxl alone (load + save the same file), periksa and hitung end to
end, and their ratios to openpyxl alone (the file commands edit the zip package in place and
never load the workbook into openpyxl; the targets are hitung <= 0.3x and periksa <= 0.2x).

Two baselines, because Hitung writes each computed column as Excel shared formulas and
openpyxl's load expands every shared formula cell by cell (slower): "same file" is openpyxl on
the file as Hitung leaves it (the issue's measure); "per-cell file" is openpyxl on the same
workbook with every formula written out per cell (as openpyxl itself saves it, and as Hitung
wrote it before). Hitung is timed in the steady state (nothing changed since the last run:
the level sheets come out byte-identical and are not recompressed) and after a new quarter's
realisation was typed into every indicator row (every cached value changes).
Times are CPU seconds of this process (`time.process_time`, best of 3): on a shared machine
wall-clock times of the same run vary by several times. Not a test: numbers vary.
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

import openpyxl
from timing import best as _best

from kinerja_xl.api import check_file, compute_file, update_file
from kinerja_xl.core.compute import check, compute
from kinerja_xl.core.contract import H
from kinerja_xl.core.reader import read_plan
from kinerja_xl.core.writes import CellWrite, Out, WritePlan
from kinerja_xl.package.editor import Editor
from kinerja_xl.package.jobs import input_grids
from kinerja_xl.synthetic import kabupaten
from kinerja_xl.xlsx.fill import write_plan
from kinerja_xl.xlsx.save import save_workbook

best = partial(_best, clock=time.process_time)


def run(units: int, per_unit: int, folder: Path) -> None:
    plan = kabupaten(units, per_unit)
    rows = sum(len(n.indicators) for n in plan.nodes())
    path = folder / f"bench_{units}.xlsm"
    save_workbook(write_plan(plan), path)
    compute_file(path)  # the steady state: computed columns already present
    work = folder / "work.xlsm"
    shutil.copy(path, work)
    per_cell = folder / "per_cell.xlsm"
    openpyxl.load_workbook(path, keep_vba=True).save(per_cell)
    typed = folder / "typed.xlsm"
    shutil.copy(path, typed)
    update_file(typed, plan=_new_quarter(typed))

    def openpyxl_alone(file: Path) -> Callable[[], None]:
        def job() -> None:
            wb = openpyxl.load_workbook(file, keep_vba=True)
            wb.save(folder / "plain.xlsm")
        return job

    def hitung_after_typing() -> float:
        times = []
        for _ in range(3):
            shutil.copy(typed, folder / "typed_work.xlsm")
            t = time.process_time()
            compute_file(folder / "typed_work.xlsm")
            times.append(time.process_time() - t)
        return min(times)

    ed = Editor(work)
    grids = dict(input_grids(ed).items())
    base = best(openpyxl_alone(work))
    base_cells = best(openpyxl_alone(per_cell))
    read = best(lambda: dict(input_grids(Editor(work)).items()))
    core_check = best(lambda: check(grids))
    core_compute = best(lambda: compute(grids))
    periksa = best(lambda: check_file(work))
    hitung = best(lambda: compute_file(work))
    hitung_typed = hitung_after_typing()
    print(f"{units} unit, {rows} baris indikator, {path.stat().st_size / 1e6:.1f} MB "
          f"(per-cell formulas: {per_cell.stat().st_size / 1e6:.1f} MB)")
    print(f"  openpyxl alone (load+save): {base:6.2f} s same file; {base_cells:6.2f} s "
          "per-cell file")

    def line(name: str, t: float) -> None:
        print(f"  {name:<25}: {t:6.2f} s  ({t / base:.2f}x same file, "
              f"{t / base_cells:.2f}x per-cell file)")
    line("periksa", periksa)
    line("hitung (steady state)", hitung)
    line("hitung (after typing)", hitung_typed)
    print(f"  of which: reading the cells {read:.2f} s, core check {core_check:.2f} s, "
          f"core compute {core_compute:.2f} s")


def _new_quarter(path: Path) -> WritePlan:
    """Every indicator row's Realisasi TW4 typed (a number the row did not have)."""
    read = read_plan(dict(input_grids(Editor(path)).items()))
    cells = []
    for level, nodes in read.plan.levels.items():
        col = read.layouts[level.sheet].col(H.REAL_TW[3])
        for node in nodes:
            for ind in node.indicators:
                cells.append(CellWrite(level.sheet, ind.row, col, Out(ind.row % 97 + 1)))
    return WritePlan(cells=cells)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--units", type=int, default=20)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as d:
        run(1, 300, Path(d))
        run(args.units, 300, Path(d))


if __name__ == "__main__":
    main()
