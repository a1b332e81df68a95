"""`kinerja-xl hitung WORKBOOK [--periode TW2]`: fill the computed columns."""

from __future__ import annotations

import argparse

from ..api import compute_file
from ..core.vocab import read_periode
from .report import summary


def _periode(text: str) -> int:
    q = read_periode(text)
    if q is None:
        raise argparse.ArgumentTypeError(f"periode '{text}' harus TW1, TW2, TW3 atau TW4")
    return q


def add_parser(sub: argparse._SubParsersAction) -> argparse.ArgumentParser:
    p = sub.add_parser("hitung", help="menghitung realisasi, capaian, predikat dan serapan",
                       description="Mengisi kolom Uraian Induk, Realisasi, Capaian (%), "
                                   "Predikat, Serapan Anggaran (%) dan Status dengan rumus "
                                   "Excel yang tetap hidup.")
    p.add_argument("workbook", metavar="WORKBOOK")
    p.add_argument("--periode", type=_periode, metavar="TW1..TW4",
                   help="triwulan pelaporan; disimpan ke Pengaturan (default: isi Pengaturan, "
                        "atau triwulan terakhir yang ada realisasinya)")
    return p


def run(args: argparse.Namespace) -> int:
    comp = compute_file(args.workbook, args.periode)
    total = len(comp.rows)
    done = sum(r.capaian is not None for r in comp.rows)
    live = sum(r.live for r in comp.rows)
    periode = f"TW{comp.periode}" if comp.periode else "belum ada realisasi"
    print(f"Periode: {periode}. {total} indikator: {done} punya capaian, "
          f"{total - done} belum; {live} dengan rumus Excel, {total - live} nilai dari Python.")
    print(f"Temuan: {summary(comp)} (lihat sheet Laporan Validasi).")
    return 0
