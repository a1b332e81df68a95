"""`kinerja-xl template [OUT]`: build the macro-enabled template from the sources in the repo."""

from __future__ import annotations

import argparse

from ..template import build_template

DEFAULT = "workbook_template.xlsm"


def add_parser(sub: argparse._SubParsersAction) -> argparse.ArgumentParser:
    p = sub.add_parser("template", help="membuat templat .xlsm (pita Kinerja, makro, xlwings)",
                       description="Membuat workbook_template.xlsm dari sumber teks: sheet, "
                                   "modul VBA, pita (ribbon) Kinerja dan konfigurasi xlwings.")
    p.add_argument("keluaran", metavar="OUT", nargs="?", default=DEFAULT,
                   help=f"file yang dibuat (bawaan: {DEFAULT})")
    return p


def run(args: argparse.Namespace) -> int:
    path = build_template(args.keluaran)
    print(f"Templat dibuat: {path}")
    return 0
