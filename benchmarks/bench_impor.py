"""Benchmark `kinerja-xl impor` on a SIPD-like table (issue 12: 5,000 rows in under 3 s).

    python benchmarks/bench_impor.py [--rows 5000]

Writes a SIPD-RI Renja-like export (Kode, Uraian, Indikator, Target, Satuan, Pagu; programs,
kegiatan and sub kegiatan with one or two indicator rows) as .xlsx and .csv, then times: the
read alone (table -> plan) and the whole import into a new .xlsx and a new .xlsm. Not a test:
numbers vary with the machine's load.
"""

from __future__ import annotations

import argparse
import csv
import tempfile
from pathlib import Path

import openpyxl
from timing import best

from kinerja_xl.impor.run import import_file, read_any

HEADER = ["Kode", "Urusan/Bidang Urusan Pemerintahan Daerah dan Program/Kegiatan/Sub Kegiatan",
          "Indikator Kinerja", "Target", "Satuan", "Pagu Indikatif", "Lokasi", "Sumber Dana"]


def sipd_rows(n: int) -> list[list[object]]:
    rows: list[list[object]] = [["RENCANA KERJA PERANGKAT DAERAH"], ["TAHUN 2025"], HEADER]
    p = k = s = 0
    while len(rows) < n + 3:
        p += 1
        pk = f"{p // 100 + 1}.{p % 100:02d}.01"
        rows.append([pk, f"Program uji coba nomor {p}", f"Persentase capaian program {p}", 100,
                     "%", "", "Kab.", "DAU"])
        for k in range(1, 6):
            kk = f"{pk}.2.{k:02d}"
            rows.append([kk, f"Kegiatan uji coba {p}.{k}", f"Jumlah keluaran kegiatan {p}.{k}",
                         12, "Dokumen", "", "Kab.", "DAU"])
            for s in range(1, 9):
                sk = f"{kk}.{s:04d}"
                rows.append([sk, f"Sub kegiatan uji coba {p}.{k}.{s}",
                             f"Jumlah dokumen sub kegiatan {p}.{k}.{s}", 4, "Dokumen",
                             1_000_000 * s, "Kab.", "DAU"])
                rows.append(["", "", f"Jumlah laporan sub kegiatan {p}.{k}.{s}", 2, "Laporan",
                             "", "", ""])
    return rows[: n + 3]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=5000)
    args = ap.parse_args()
    rows = sipd_rows(args.rows)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        xlsx = folder / "sipd.xlsx"
        wb = openpyxl.Workbook()
        for row in rows:
            wb.active.append(row)
        wb.save(xlsx)
        csv_path = folder / "sipd.csv"
        with csv_path.open("w", newline="", encoding="utf-8") as f:
            csv.writer(f, delimiter=";").writerows(rows)
        res = read_any(xlsx)
        print(f"{args.rows} baris data: {res.summary()}")
        for src in (xlsx, csv_path):
            read = best(lambda src=src: read_any(src))
            new_xlsx = best(lambda src=src: import_file(src, folder / "out.xlsx",
                                                        overwrite=True))
            new_xlsm = best(lambda src=src: import_file(src, folder / "out.xlsm",
                                                        overwrite=True))
            print(f"{src.suffix}: baca {read:.2f} s; impor ke .xlsx {new_xlsx:.2f} s; "
                  f"ke .xlsm (templat) {new_xlsm:.2f} s")


if __name__ == "__main__":
    main()
