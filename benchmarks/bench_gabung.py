"""Benchmark `gabung` on synthetic kecamatan workbooks (about 300 indicator rows each).

    python benchmarks/bench_gabung.py [--units 60 7300] [--dir DIR] [--proses N]

The workbooks are generated once into a cache folder outside the repository (DIR, default
$KINERJA_BENCH_DIR or /tmp/kinerja_bench): a few distinct workbooks are written with openpyxl,
then each unit file is a copy of one of them with its own Nama Instansi patched into the shared
strings (so 7,300 files take seconds, not an hour). Each size runs in a fresh process and
reports: total time, the reading phase (calamine + the core reader + frame), calamine alone on
the same files and sheets (same processes), compute and write, and peak memory (ru_maxrss of
the main process and of the largest reader process). Not a test: numbers vary with the load.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
import zipfile
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

VARIANTS = 8
PLACEHOLDER = "NAMA_UNIT_SINTETIS"


def _variants(folder: Path) -> list[dict[str, bytes]]:
    from kinerja_xl.synthetic import kabupaten
    from kinerja_xl.xlsx.fill import write_plan
    from kinerja_xl.xlsx.save import save_workbook

    out = []
    for seed in range(1, VARIANTS + 1):
        plan = kabupaten(1, 300, seed=seed)
        plan.settings.nama_instansi = PLACEHOLDER
        path = folder / f".variant{seed}.xlsx"
        save_workbook(write_plan(plan), path)
        with zipfile.ZipFile(path) as z:
            out.append({i.filename: z.read(i.filename) for i in z.infolist()})
        path.unlink()
    return out


def generate(units: int, folder: Path) -> Path:
    """folder/units_N with N unit workbooks (reused when complete)."""
    target = folder / f"units_{units}"
    done = target / ".complete"
    if done.exists():
        return target
    target.mkdir(parents=True, exist_ok=True)
    t = time.perf_counter()
    variants = _variants(folder)
    placeholder = PLACEHOLDER.encode()
    for i in range(1, units + 1):
        parts = variants[i % VARIANTS]
        name = f"Kecamatan Sintetis {i:05d}".encode()
        with zipfile.ZipFile(target / f"kecamatan_{i:05d}.xlsx", "w", zipfile.ZIP_DEFLATED,
                             compresslevel=1) as z:
            for part, data in parts.items():
                if part.startswith("xl/worksheets/") or part == "xl/sharedStrings.xml":
                    data = data.replace(placeholder, name)
                z.writestr(part, data)
    done.write_text(str(units))
    print(f"  {units} workbook dibuat dalam {time.perf_counter() - t:.1f} s di {target}")
    return target


def _calamine_only(paths: list[str]) -> int:
    from kinerja_xl.gabung.read import raw_sheets

    cells = 0
    for p in paths:
        grids = raw_sheets(Path(p).read_bytes(), p)
        cells += sum(len(r) for g in grids.values() for r in g)
    return cells


def child(folder: Path, workers: int | None) -> None:
    """Run in a fresh process: time gabung's phases and calamine alone; print JSON."""
    from kinerja_xl.gabung.read import _chunks, default_workers
    from kinerja_xl.gabung.run import gabung

    files = sorted(folder.glob("*.xlsx"))
    n = workers or default_workers()
    load_start = os.getloadavg()[0]
    with tempfile.TemporaryDirectory() as d:
        t = time.perf_counter()
        res = gabung([folder], Path(d) / "rekap.xlsx", workers=workers)
        total = time.perf_counter() - t
        size = (Path(d) / "rekap.xlsx").stat().st_size
    gabung_use = resource.getrusage(resource.RUSAGE_SELF)
    readers_use = resource.getrusage(resource.RUSAGE_CHILDREN)  # before the calamine-only pool
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    with ProcessPoolExecutor(max_workers=n) as pool:
        cells = sum(pool.map(_calamine_only, _chunks(files, n)))
    alone = time.perf_counter() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu_calamine = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    me, kids = gabung_use.ru_maxrss, readers_use.ru_maxrss
    cpu = {"main": gabung_use.ru_utime + gabung_use.ru_stime,
           "children": readers_use.ru_utime + readers_use.ru_stime}
    print(json.dumps({"units": len(files), "rows": len(res.frame), "total": total,
                      "phases": res.seconds, "calamine_alone": alone, "cells": cells,
                      "workers": n, "rss_main_mb": me / 1024, "rss_child_mb": kids / 1024,
                      "rekap_mb": size / 1e6, "load": [load_start, os.getloadavg()[0]], "cpu": cpu,
                      "cpu_calamine": cpu_calamine}))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--units", type=int, nargs="+", default=[60])
    ap.add_argument("--dir", type=Path,
                    default=Path(os.environ.get("KINERJA_BENCH_DIR", "/tmp/kinerja_bench")))
    ap.add_argument("--proses", type=int)
    ap.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        child(args.child, args.proses)
        return
    args.dir.mkdir(parents=True, exist_ok=True)
    for units in args.units:
        folder = generate(units, args.dir)
        cmd = [sys.executable, __file__, "--child", str(folder)]
        if args.proses:
            cmd += ["--proses", str(args.proses)]
        r = json.loads(subprocess.run(cmd, capture_output=True, text=True, check=True).stdout)
        p = r["phases"]
        print(f"{r['units']} unit, {r['rows']:,} baris indikator, {r['workers']} proses")
        print(f"  total               : {r['total']:7.2f} s")
        print(f"  baca (calamine+inti): {p['baca']:7.2f} s  ({p['baca'] / r['total']:.0%} dari "
              f"total)")
        share = r["calamine_alone"] / p["baca"]
        print(f"  calamine saja       : {r['calamine_alone']:7.2f} s  ({share:.0%} dari fase "
              f"baca; {r['cells']:,} sel)")
        print(f"  hitung (vektor)     : {p['hitung']:7.2f} s")
        print(f"  tulis rekap         : {p['tulis']:7.2f} s  ({r['rekap_mb']:.1f} MB)")
        print(f"  memori puncak       : proses utama {r['rss_main_mb']:,.0f} MB, proses "
              f"pembaca terbesar {r['rss_child_mb']:,.0f} MB")
        cpu = r["cpu"]
        gabung_cpu = cpu["main"] + cpu["children"]
        print(f"  waktu CPU gabung    : {gabung_cpu:7.1f} s = proses utama {cpu['main']:.1f} s + "
              f"pembaca {cpu['children']:.1f} s ({cpu['children'] / r['units'] * 1000:.1f} ms "
              f"per file); calamine saja {r['cpu_calamine']:.1f} s CPU")
        # On an idle machine the readers share the workers' cores and the main process's own
        # work (mostly writing) comes after them: an estimate of the wall time there.
        idle = cpu["children"] / r["workers"] + cpu["main"]
        print(f"  perkiraan mesin idle: ≈ {idle:6.1f} s (CPU pembaca / {r['workers']} proses + "
              f"CPU proses utama); load rata-rata 1 menit awal/akhir: "
              f"{r['load'][0]:.1f}/{r['load'][1]:.1f} pada {os.cpu_count()} inti")


if __name__ == "__main__":
    main()
