"""Cost of the file guards and of hostile input (issue 10): what the guards add to a normal
run, and what a stray far cell, a zip bomb and a 10,000-deep Atasan loop cost now.

    python benchmarks/bench_guard.py [--units 20]

Not a test: numbers vary with the machine's load.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import tracemalloc
import zipfile
from pathlib import Path

from timing import best

from kinerja_xl.api import check_file, compute_file
from kinerja_xl.core.chains import atasan_cycles
from kinerja_xl.core.findings import WorkbookError
from kinerja_xl.core.model import Official
from kinerja_xl.synthetic import kabupaten
from kinerja_xl.xlsx import guard
from kinerja_xl.xlsx.fill import write_plan
from kinerja_xl.xlsx.save import save_workbook


def guards_on_a_kabupaten(units: int, folder: Path) -> None:
    plan = kabupaten(units, 300)
    path = folder / "kab.xlsm"
    save_workbook(write_plan(plan), path)
    compute_file(path)
    snap = best(lambda: guard.snapshot_for_update(path))

    def package() -> None:
        with zipfile.ZipFile(path) as z:
            guard.check_package(z, path.name)

    pkg = best(package)
    hitung = best(lambda: compute_file(path), repeat=2)
    rows = sum(len(n.indicators) for n in plan.nodes())
    print(f"{units} unit, {rows} baris indikator, {path.stat().st_size / 1e6:.1f} MB")
    print(f"  snapshot (stat + sha256)     : {snap * 1000:7.1f} ms")
    print(f"  check_package (streamed scan): {pkg * 1000:7.1f} ms")
    print(f"  hitung end to end            : {hitung:7.2f} s")


def far_cells(folder: Path) -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
    from sample import sample_plan

    for label, (row, col) in {"XFD1048576": (1_048_576, 16_384),
                              "A1048576": (1_048_576, 1)}.items():
        path = folder / f"jauh_{label}.xlsx"
        wb = write_plan(sample_plan())
        wb["Program"].cell(row, col, "x")
        save_workbook(wb, path)
        work = folder / "work.xlsx"

        def hitung(path: Path = path, work: Path = work) -> None:
            shutil.copy(path, work)
            compute_file(work)

        def periksa(path: Path = path, work: Path = work) -> None:
            shutil.copy(path, work)
            check_file(work)

        tracemalloc.start()
        hitung()
        peak = tracemalloc.get_traced_memory()[1] / 2**20
        tracemalloc.stop()
        print(f"  stray cell {label:10}: hitung {best(hitung):5.2f} s (peak {peak:.0f} MiB), "
              f"periksa {best(periksa):5.2f} s")


def zip_bomb(folder: Path) -> None:
    path = folder / "bom.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("xl/workbook.xml", "<workbook/>")
        with z.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as fh:
            for _ in range(1024):  # 1 GiB of whitespace
                fh.write(b" " * 2**20)

    def refuse() -> None:
        try:
            check_file(path)
        except WorkbookError:
            return
        raise AssertionError("not refused")

    print(f"  zip bomb 1 GiB ({path.stat().st_size / 1e6:.1f} MB on disk): refused in "
          f"{best(refuse) * 1000:.1f} ms")


def deep_loop(depth: int = 10_000) -> None:
    officials = {f"O{i}": Official(i, f"O{i}", atasan=f"O{(i - 1) % depth}")
                 for i in range(depth)}
    print(f"  Atasan loop {depth:,} deep: {best(lambda: atasan_cycles(officials)) * 1000:.1f} ms")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--units", type=int, default=20)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as d:
        guards_on_a_kabupaten(args.units, Path(d))
        far_cells(Path(d))
        zip_bomb(Path(d))
        deep_loop()


if __name__ == "__main__":
    main()
