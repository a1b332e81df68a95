"""`kinerja-xl tahun-baru LAST.xlsm -o NEW.xlsm`: next year's workbook from last year's."""

from __future__ import annotations

import argparse

from ..tahun.baru import LOG_SHEET
from ..tahun.files import make_tahun_baru_file


def add_parser(sub: argparse._SubParsersAction) -> argparse.ArgumentParser:
    p = sub.add_parser("tahun-baru", help="memulai workbook tahun berikutnya dari tahun lalu",
                       description="Menyalin workbook tahun lalu ke file baru: pohon, pejabat dan"
                                   " pengaturan sama, Tahun + 1, sel triwulan kosong, realisasi "
                                   "dan capaian tahun lalu dipindah ke Realisasi/Capaian N-1 "
                                   "(N-1 ke N-2). File lama tidak diubah; rinciannya di sheet "
                                   f"'{LOG_SHEET}'.")
    p.add_argument("workbook", metavar="LAST.xlsm", help="workbook tahun lalu")
    p.add_argument("-o", "--output", required=True, metavar="NEW.xlsm",
                   help="workbook tahun baru yang ditulis")
    return p


def run(args: argparse.Namespace) -> int:
    year = make_tahun_baru_file(args.workbook, args.output)
    print(f"Tahun {year.old_year} → {year.new_year}: {args.output}")
    print(f"{year.carried} realisasi {year.old_year} dipindah ke Realisasi N-1 (N-1 lama ke "
          f"N-2); {year.cleared} sel triwulan, realisasi anggaran dan faktor dikosongkan.")
    if year.added:
        print("Kolom ditambahkan: " + ", ".join(year.added))
    print(f"Rincian per indikator di sheet '{LOG_SHEET}'. Perbarui Target dan Anggaran tahun "
          "baru, lalu jalankan Hitung, PK dan Rencana Aksi.")
    return 0
