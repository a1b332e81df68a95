"""`kinerja-xl baru OUT`: an empty workbook with every sheet, header and dropdown."""

from __future__ import annotations

import argparse
from pathlib import Path

from ..api import new_workbook


def add_parser(sub: argparse._SubParsersAction) -> argparse.ArgumentParser:
    p = sub.add_parser("baru", help="membuat workbook kosong siap diisi",
                       description="Membuat workbook kosong berisi semua sheet, judul kolom dan "
                                   "daftar pilihan.")
    p.add_argument("keluaran", metavar="OUT", help="file yang dibuat, mis. kinerja.xlsx")
    p.add_argument("--timpa", action="store_true", help="timpa bila file sudah ada")
    return p


def run(args: argparse.Namespace) -> int:
    out = Path(args.keluaran)
    if out.exists() and not args.timpa:
        print(f"Gagal: '{out}' sudah ada. Pakai --timpa untuk menimpanya.")
        return 2
    new_workbook(out)
    print(f"Workbook baru dibuat: {out}")
    return 0
