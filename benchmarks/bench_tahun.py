"""Benchmark `lkjip`, `rencana-aksi` and `tahun-baru` against one `hitung` on the synthetic
kabupaten workbook (the one bench_core.py makes: 20 units, ~6,000 indicator rows).

    python benchmarks/bench_tahun.py [--units 20] [--repeat 1]

tahun-baru and hitung are run in turns (best of at least 3 each, wall and CPU time of this
process, and the median of the paired ratios). Both pause Python's cyclic garbage collector for
their span (kinerja_xl/package/gcpause.py). Not a test: numbers vary with the load on the
machine.

Both jobs are timed on three kinds of year-end workbook (each run on a fresh copy, untimed):
- saved by an office application: the workbook after Hitung, opened and saved by LibreOffice
  (Excel's stand-in here: the ribbon's Tahun Baru saves the book in Excel, then runs the file
  job on it; Excel, like LibreOffice, writes the whole file in its own XML). Needs soffice;
- realisations typed since the last Hitung (TW2 of every indicator rewritten in the file);
- the file Hitung has just written, unchanged: hitung recomputes, finds every part the same and
  saves without recompressing anything (its cheapest run; a year later too).
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
import time
from pathlib import Path

from bench_lo_recalc import office_save
from timing import best

from kinerja_xl.api import compute_file, update_file
from kinerja_xl.core.compute import compute
from kinerja_xl.synthetic import kabupaten
from kinerja_xl.tahun.baru import plan_tahun_baru
from kinerja_xl.tahun.docx import write_docx
from kinerja_xl.tahun.files import (
    make_lkjip_file,
    make_rencana_aksi_file,
    make_tahun_baru_file,
    read_grids,
)
from kinerja_xl.tahun.lkjip import plan_lkjip
from kinerja_xl.tahun.lkjip_sheets import lkjip_specs
from kinerja_xl.xlsx.fill import write_plan
from kinerja_xl.xlsx.libreoffice import find_soffice
from kinerja_xl.xlsx.save import save_workbook


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--units", type=int, default=20)
    ap.add_argument("--repeat", type=int, default=1)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as d:
        folder = Path(d)
        plan = kabupaten(args.units, 300)
        rows = sum(len(n.indicators) for n in plan.nodes())
        path = folder / "kabupaten.xlsm"
        save_workbook(write_plan(plan), path)
        compute_file(path)  # steady state: computed columns present
        work = folder / "work.xlsm"
        shutil.copy(path, work)
        n = args.repeat
        hitung = best(lambda: compute_file(work), n)
        t = time.perf_counter()
        grids = read_grids(path)
        read = time.perf_counter() - t
        plan_time = best(lambda: compute(grids), n)
        lk_plan = best(lambda: plan_lkjip(grids), n)
        lkjip = best(lambda: make_lkjip_file(work, folder / "Bab3.docx"), n)
        doc = plan_lkjip(grids)
        specs = lkjip_specs(doc, grids)
        write = best(lambda: update_file(work, specs=specs), n)
        word = best(lambda: write_docx(doc, folder / "w.docx"), n)
        last = folder / "last.xlsm"  # LAST copied afresh before each run (untimed): every run
        fresh = _copier(path, last)  # checks its file once, as hitung's rewritten one is checked
        baru_wall, baru_cpu, hit_wall, hit_cpu, baru_med = _interleaved(
            lambda: make_tahun_baru_file(last, folder / "baru.xlsm"),
            lambda: compute_file(work), max(n, 3), fresh)
        second = folder / "second.xlsm"  # next year's file: the N-1/N-2 columns exist now
        shutil.copy(folder / "baru.xlsm", second)
        compute_file(second)
        second_work = folder / "second_work.xlsm"
        shutil.copy(second, second_work)
        b2_wall, b2_cpu, h2_wall, h2_cpu, b2_med = _interleaved(
            lambda: make_tahun_baru_file(last, folder / "third.xlsm"),
            lambda: compute_file(second_work), max(n, 3), _copier(second, last))
        typed = folder / "typed.xlsm"
        _type_realisations(path, typed)
        ty = _interleaved(lambda: make_tahun_baru_file(last, folder / "t.xlsm"),
                          lambda: compute_file(work), max(n, 3), _copier(typed, last),
                          _copier(typed, work))
        office = office_save(path, folder / "lo") if find_soffice() else None
        of = None if office is None else _interleaved(
            lambda: make_tahun_baru_file(last, folder / "o.xlsm"),
            lambda: compute_file(work), max(n, 3), _copier(office, last),
            _copier(office, work))
        shutil.copy(path, work)
        baru_plan = best(lambda: plan_tahun_baru(read_grids(path)), n)
        ra = best(lambda: make_rencana_aksi_file(work), n)
        print(f"{args.units} unit, {rows} baris indikator")
        print(f"  hitung                       : {hitung:6.2f} s")
        print(f"  baca grid (read-only)        : {read:6.2f} s; compute inti {plan_time:.2f} s;"
              f" rencana LKjIP {lk_plan:.2f} s")
        print(f"  lkjip (sheet + Word)         : {lkjip:6.2f} s  (target < 5 s); of which "
              f"api.update_file {write:.2f} s, Word {word:.2f} s, read + plan "
              f"{read + lk_plan:.2f} s")
        print(f"  tahun-baru (first, adds N-1/N-2 columns): {baru_wall:6.2f} s wall "
              f"({baru_wall / hit_wall:.2f}x hitung {hit_wall:.2f} s), {baru_cpu:.2f} s CPU "
              f"({baru_cpu / hit_cpu:.2f}x hitung {hit_cpu:.2f} s; median of the pairs "
              f"{baru_med:.2f}x); target <= 1x; read + plan {baru_plan:.2f} s")
        print(f"  tahun-baru (a year later)    : {b2_wall:6.2f} s wall ({b2_wall / h2_wall:.2f}x "
              f"hitung {h2_wall:.2f} s), {b2_cpu:.2f} s CPU ({b2_cpu / h2_cpu:.2f}x hitung "
              f"{h2_cpu:.2f} s; median of the pairs {b2_med:.2f}x)")
        print("  tahun-baru and hitung on the same year-end file (CPU, best; median of the pairs):")
        if of is None:
            print("    saved by LibreOffice        : (soffice not found)")
        else:
            print(f"    saved by LibreOffice        : {_ratio(of)}")
        print(f"    realisations typed since    : {_ratio(ty)}")
        steady = (baru_wall, baru_cpu, hit_wall, hit_cpu, baru_med)
        print(f"    just written by hitung      : {_ratio(steady)}")
        print(f"  rencana-aksi (semua pejabat) : {ra:6.2f} s")


def _ratio(r: tuple[float, float, float, float, float]) -> str:
    wall, cpu, h_wall, h_cpu, med = r
    return (f"tahun-baru {cpu:.2f} s, hitung {h_cpu:.2f} s: {cpu / h_cpu:.2f}x (median "
            f"{med:.2f}x; wall {wall / h_wall:.2f}x)")


def _type_realisations(path: Path, out: Path) -> None:
    """The file with Realisasi TW2 of every indicator changed, as a planner types them before
    running Hitung (the computed columns' cached values are then out of date)."""
    from kinerja_xl.core.contract import H, Level
    from kinerja_xl.core.reader import read_plan
    from kinerja_xl.core.writes import CellWrite, Out, WritePlan

    read = read_plan(read_grids(path))
    cells = []
    for level in Level:
        col = read.layouts[level.sheet].col(H.REAL_TW[1])
        for node in read.plan.levels[level]:
            cells += [CellWrite(level.sheet, ind.row, col, Out(round(10 + ind.row % 90 * 1.1, 1)))
                      for ind in node.indicators]
    update_file(path, WritePlan(cells=cells), out=out)


def _copier(src: Path, dst: Path):
    return lambda: shutil.copy(src, dst)


def _interleaved(job, hitung, n: int, before=None, before_hitung=None
                 ) -> tuple[float, float, float, float, float]:
    """Best wall and CPU seconds of job and of hitung, run in turns (the same machine load);
    `before` / `before_hitung` run untimed before each job / hitung; last: the median of the
    paired CPU ratios."""
    runs: dict[str, list[tuple[float, float]]] = {"job": [], "hitung": []}
    for _ in range(n):
        for name, fn in (("job", job), ("hitung", hitung)):
            prepare = before if name == "job" else before_hitung
            if prepare is not None:
                prepare()
            wall, cpu = time.perf_counter(), time.process_time()
            fn()
            runs[name].append((time.perf_counter() - wall, time.process_time() - cpu))
    pairs = sorted(j / h for (_, j), (_, h) in zip(runs["job"], runs["hitung"], strict=True))
    return (min(w for w, _ in runs["job"]), min(c for _, c in runs["job"]),
            min(w for w, _ in runs["hitung"]), min(c for _, c in runs["hitung"]),
            pairs[len(pairs) // 2])


if __name__ == "__main__":
    main()
