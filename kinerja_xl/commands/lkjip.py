"""`kinerja-xl lkjip WORKBOOK [-o Bab3.docx]`: LKjIP Bab III tables as sheets and as Word."""

from __future__ import annotations

import argparse

from ..tahun.files import make_lkjip_file


def add_parser(sub: argparse._SubParsersAction) -> argparse.ArgumentParser:
    p = sub.add_parser("lkjip", help="membuat tabel LKjIP Bab III (sheet dan dokumen Word)",
                       description="Menulis Tabel 3.1–3.6 LKjIP Bab III ke sheet 'LKjIP 3.1' … "
                                   "'LKjIP 3.6' dan ke dokumen Word beserta kerangka narasi per "
                                   "sasaran. Angka dari perhitungan yang sama dengan Hitung, pada"
                                   " Periode workbook.")
    p.add_argument("workbook", metavar="WORKBOOK")
    p.add_argument("-o", "--output", metavar="BAB3.docx",
                   help="file Word (default: <nama workbook>_LKjIP_Bab3.docx di sampingnya)")
    return p


def run(args: argparse.Namespace) -> int:
    result = make_lkjip_file(args.workbook, args.output)
    periode = f"TW{result.doc.periode}" if result.doc.periode else "belum ada realisasi"
    print(f"LKjIP Bab III tahun {result.doc.tahun} (periode {periode}): sheet "
          f"{', '.join(result.sheets)}")
    print(f"Dokumen Word: {result.docx}")
    marked = sum(1 for t in result.doc.tables for row in t.rows for v in row if v == "t.d.")
    if marked:
        print(f"{marked} sel bertanda t.d. (tidak dapat dihitung); alasannya di catatan bawah "
              "setiap tabel.")
    return 0
