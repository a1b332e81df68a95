"""`kinerja-xl periksa WORKBOOK`: validate links, owners, numbers and budgets."""

from __future__ import annotations

import argparse

from ..api import check_file
from .report import print_findings, summary


def add_parser(sub: argparse._SubParsersAction) -> argparse.ArgumentParser:
    p = sub.add_parser("periksa", help="memeriksa tautan, pejabat, angka dan anggaran",
                       description="Memeriksa workbook dan menulis temuan ke sheet Laporan "
                                   "Validasi dan kolom Status. Keluar dengan kode 1 bila ada "
                                   "kesalahan (peringatan saja: 0).")
    p.add_argument("workbook", metavar="WORKBOOK")
    return p


def run(args: argparse.Namespace) -> int:
    comp = check_file(args.workbook)
    print_findings(comp)
    print(f"Periksa selesai: {summary(comp)}. Rincian di sheet Laporan Validasi.")
    return 1 if comp.has_errors else 0
