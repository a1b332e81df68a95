"""Benchmark the row insert of `impor --ke` (package.insert_rows) on a large workbook.

    python benchmarks/bench_insert_rows.py [--rows 5000]

Imports a SIPD-like table (bench_impor.sipd_rows) into a new .xlsx, adds a user sheet with one
formula per Sub Kegiatan row pointing at that sheet, then times: `insert_rows` alone (one row
before the middle of Sub Kegiatan, every reference moved, package saved to bytes) and the whole
`impor --ke` of the table with one new indicator for a mid-sheet sub kegiatan, against the
merge of the unchanged table (nothing to write but the report). Not a test: numbers vary with load.
"""

from __future__ import annotations

import argparse
import csv
import tempfile
from pathlib import Path

import openpyxl
from bench_impor import sipd_rows
from timing import best

from kinerja_xl.impor.merge import merge_file
from kinerja_xl.impor.run import import_file, read_any
from kinerja_xl.package.insert_rows import insert_rows
from kinerja_xl.package.parts import Package
from kinerja_xl.package.workbook import WorkbookPart

SUB = "Sub Kegiatan"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=5000)
    args = ap.parse_args()
    rows = sipd_rows(args.rows)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        src = folder / "sipd.csv"
        with src.open("w", newline="", encoding="utf-8") as f:
            csv.writer(f, delimiter=";").writerows(rows)
        wb_path = import_file(src, folder / "kinerja.xlsx").out
        wb = openpyxl.load_workbook(wb_path)  # setup: the user's own formulas
        ws = wb[SUB]
        last = ws.max_row
        user = wb.create_sheet("Ringkasan Saya")
        for r in range(3, last + 1):
            user.cell(r, 1).value = f"='{SUB}'!N{r}*2"
        wb.save(wb_path)
        middle = next(r for r in range(last // 2, last) if ws.cell(r, 1).value
                      and ws.cell(r + 2, 1).value)
        code = ws.cell(middle, 1).value
        print(f"{SUB}: {last - 2} baris, {last - 2} rumus pengguna merujuknya; sisip sebelum "
              f"baris {middle + 2} (Kode {code})")
        data = wb_path.read_bytes()

        def insert_only() -> None:
            pkg = Package(data)
            part = WorkbookPart(pkg)
            insert_rows(pkg, part, SUB, [(middle + 2, 1)])
            part.save()
            pkg.to_bytes()
        print(f"insert_rows saja: {best(insert_only):.2f} s")
        extra = folder / "baru.csv"
        at = next(i for i, row in enumerate(rows) if row[:1] == [code])
        with extra.open("w", newline="", encoding="utf-8") as f:
            csv.writer(f, delimiter=";").writerows(
                [*rows[:at + 2], ["", "", "Indikator tambahan", 3, "Dokumen"], *rows[at + 2:]])
        same = src
        for name, source in (("dengan 1 baris disisipkan", extra), ("tanpa perubahan", same)):
            res = read_any(source)

            def merge(res=res, source=source) -> None:
                target = folder / "target.xlsx"
                target.write_bytes(data)
                merge_file(source, target, res)
            print(f"impor --ke {name}: {best(merge):.2f} s")


if __name__ == "__main__":
    main()
