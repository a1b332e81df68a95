"""`kinerja-xl gabung FOLDER_OR_FILES... -o REKAP.xlsx [--kabupaten KAB.xlsm] [--periode TWn]`."""

from __future__ import annotations

import argparse
import sys

from .hitung import _periode


def _positive(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"'{text}' harus bilangan bulat 1 atau lebih")
    return int(text)


def _progress(done: int, total: int) -> None:
    print(f"\rMembaca workbook: {done}/{total} file", end="", file=sys.stderr, flush=True)


def add_parser(sub: argparse._SubParsersAction) -> argparse.ArgumentParser:
    p = sub.add_parser("gabung", help="menggabungkan workbook banyak unit menjadi satu rekap",
                       description="Membaca workbook semua OPD/kecamatan (file atau folder), "
                                   "menghitung capaian dengan aturan yang sama, lalu menulis "
                                   "rekap baru: ringkasan per unit, peringkat dengan grafik, "
                                   "semua indikator, dan Laporan Gabung (file yang dibaca, "
                                   "dilewati atau gagal beserta alasannya). File masukan tidak "
                                   "diubah.")
    p.add_argument("masukan", nargs="+", metavar="FOLDER_ATAU_FILE")
    p.add_argument("-o", "--output", required=True, metavar="REKAP.xlsx",
                   help="file rekap baru (.xlsx)")
    p.add_argument("--kabupaten", metavar="KAB.xlsm",
                   help="workbook Pemerintah Kabupaten (Tujuan/Sasaran RPJMD dengan IKU): "
                        "memeriksa Kode Induk Tujuan unit, menggabungkan capaian ke sasaran "
                        "kabupaten, menulis matriks cascading dan tabel PK Bupati")
    p.add_argument("--periode", type=_periode, metavar="TW1..TW4",
                   help="triwulan pelaporan untuk semua unit (default: Periode di Pengaturan "
                        "tiap unit, atau triwulan terakhir yang ada realisasinya)")
    p.add_argument("--proses", type=_positive, metavar="N",
                   help="jumlah proses pembaca (default: jumlah inti CPU)")
    return p


def run(args: argparse.Namespace) -> int:
    from ..gabung.kabupaten import OK  # pandas and calamine load only for this command
    from ..gabung.run import FAILED, READ, SKIPPED, gabung

    res = gabung(args.masukan, args.output, args.kabupaten, args.periode, args.proses,
                 _progress if sys.stderr.isatty() else None)
    if sys.stderr.isatty():
        print(file=sys.stderr)
    rows = len(res.frame)
    done = int(res.frame["capaian"].notna().sum())
    print(f"{len(res.log)} file: {res.count(READ)} dibaca, {res.count(SKIPPED)} dilewati, "
          f"{res.count(FAILED)} gagal (alasannya di sheet Laporan Gabung).")
    print(f"{rows} indikator, {done} punya capaian. Rekap: {args.output}")
    if args.kabupaten:
        bad = sum(lk.status != OK for lk in res.links)
        print(f"Tautan ke sasaran kabupaten: {len(res.links)} Tujuan unit, {bad} bermasalah "
              "(lihat sheet Tautan Kabupaten).")
    return 0
