"""Benchmark `periksa` and `hitung` on a synthetic kabupaten and a kecamatan workbook.

    python benchmarks/bench_core.py [--units 20]

Prints, for each size: openpyxl alone (load + save the same file), periksa and hitung end to
end, and their ratios to openpyxl alone (the file commands edit the zip package in place and
never load the workbook into openpyxl; the targets are hitung <= 0.3x and periksa <= 0.2x).
Times are CPU seconds of this process (`time.process_time`, best of 3): on a shared machine
wall-clock times of the same run vary by several times. Not a test: numbers vary.
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
import time
from functools import partial
from pathlib import Path

import openpyxl
from timing import best as _best

from kinerja_xl.api import check_file, compute_file
from kinerja_xl.core.compute import check, compute
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

    def openpyxl_alone() -> None:
        wb = openpyxl.load_workbook(work, keep_vba=True)
        wb.save(folder / "plain.xlsm")

    ed = Editor(work)
    grids = dict(input_grids(ed).items())
    base = best(openpyxl_alone)
    read = best(lambda: dict(input_grids(Editor(work)).items()))
    core_check = best(lambda: check(grids))
    core_compute = best(lambda: compute(grids))
    periksa = best(lambda: check_file(work))
    hitung = best(lambda: compute_file(work))
    print(f"{units} unit, {rows} baris indikator, {path.stat().st_size / 1e6:.1f} MB")
    print(f"  openpyxl saja (load+save): {base:6.2f} s")
    print(f"  periksa                  : {periksa:6.2f} s  ({periksa / base:.2f}x openpyxl)")
    print(f"  hitung                   : {hitung:6.2f} s  ({hitung / base:.2f}x openpyxl)")
    print(f"  of which: reading the cells {read:.2f} s ({read / base:.2f}x), core check "
          f"{core_check:.2f} s ({core_check / base:.2f}x), core compute {core_compute:.2f} s "
          f"({core_compute / base:.2f}x)")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--units", type=int, default=20)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as d:
        run(1, 300, Path(d))
        run(args.units, 300, Path(d))


if __name__ == "__main__":
    main()
