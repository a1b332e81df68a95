"""Benchmark LibreOffice recalculating a kabupaten workbook after Hitung (the formulas' cost).

    python benchmarks/bench_lo_recalc.py [--units 20]

Builds the synthetic kabupaten (units x 300 indicator rows), runs `hitung`, then times a
headless LibreOffice load with "recalculate always" plus save (`--convert-to xlsx`), and the
same conversion with recalculation off (the load/save cost alone). The difference is the time
the formulas take (best of three runs each). Not a test: numbers vary.
"""

from __future__ import annotations

import argparse
import subprocess
import tempfile
from pathlib import Path

from timing import best

from kinerja_xl.api import compute_file
from kinerja_xl.synthetic import kabupaten
from kinerja_xl.xlsx.fill import write_plan
from kinerja_xl.xlsx.libreoffice import require_soffice
from kinerja_xl.xlsx.save import save_workbook

_XCU = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry"
  xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load">
  <prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>{mode}</value></prop></item>
</oor:items>
"""


def _command(src: Path, work: Path, recalc: bool, fmt: str) -> list[str]:
    """soffice loading src (mode 0 = always recalculate, 1 = never) and saving it as fmt into
    work/out, with its own profile under work."""
    profile = work / ("recalc" if recalc else "plain")
    user = profile / "user"
    user.mkdir(parents=True, exist_ok=True)
    (user / "registrymodifications.xcu").write_text(_XCU.format(mode=0 if recalc else 1),
                                                    encoding="utf-8")
    return [require_soffice(), f"-env:UserInstallation={profile.as_uri()}", "--headless",
            "--norestore", "--convert-to", fmt, "--outdir", str(work / "out"), str(src)]


def office_save(src: Path, work: Path, recalc: bool = False,
                fmt: str = "xlsm:Calc MS Excel 2007 VBA XML") -> Path:
    """src loaded and saved once by LibreOffice (in its own XML, as an office application
    saves a user's workbook); the saved file, in work/out."""
    subprocess.run(_command(src, work, recalc, fmt), capture_output=True, check=True,
                   timeout=900)
    return work / "out" / (src.stem + "." + fmt.split(":")[0])


def convert(src: Path, work: Path, recalc: bool) -> float:
    """Seconds for one headless load + save (mode 0 = always recalculate, 1 = never)."""
    cmd = _command(src, work, recalc, "xlsx")
    subprocess.run(cmd, capture_output=True, check=True, timeout=900)  # warm the profile
    return best(lambda: subprocess.run(cmd, capture_output=True, check=True, timeout=900))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--units", type=int, default=20)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as d:
        folder = Path(d)
        plan = kabupaten(args.units, 300)
        rows = sum(len(n.indicators) for n in plan.nodes())
        path = folder / "kab.xlsx"
        save_workbook(write_plan(plan), path)
        comp = compute_file(path)
        live = sum(r.live for r in comp.rows)
        plain = convert(path, folder, recalc=False)
        full = convert(path, folder, recalc=True)
        print(f"{rows} baris indikator ({live} rumus hidup)")
        print(f"  LibreOffice buka+simpan tanpa hitung ulang: {plain:6.2f} s")
        print(f"  LibreOffice buka+hitung ulang+simpan      : {full:6.2f} s  "
              f"(rumus: {max(full - plain, 0):.2f} s)")


if __name__ == "__main__":
    main()
