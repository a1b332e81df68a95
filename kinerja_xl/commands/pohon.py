"""`kinerja-xl pohon WORKBOOK [--pdf FILE] [--png FILE]`: draw the Pohon Kinerja sheet(s)."""

from __future__ import annotations

import argparse

from ..visual.files import pohon_file
from ..visual.pohon import MAX_BANDS
from .report import summary


def _bands(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"'{text}' harus bilangan bulat 1 atau lebih")
    return value


def add_parser(sub: argparse._SubParsersAction) -> argparse.ArgumentParser:
    p = sub.add_parser("pohon", help="menggambar Pohon Kinerja (kotak dan garis) di sheet",
                       description="Menggambar sheet Pohon Kinerja: satu kotak per node "
                                   "(uraian, indikator dan target, penanggung jawab, capaian "
                                   "berwarna predikat), siap cetak A3 mendatar. Pohon yang "
                                   "lebar dibagi ke sheet Pohon Kinerja 2, 3, … per cabang.")
    p.add_argument("workbook", metavar="WORKBOOK")
    p.add_argument("--pdf", metavar="FILE", help="ekspor juga ke PDF (perlu LibreOffice)")
    p.add_argument("--png", metavar="FILE",
                   help="ekspor juga ke PNG, satu file per halaman (perlu LibreOffice dan "
                        "pdftoppm)")
    p.add_argument("--maks-kolom", type=_bands, default=MAX_BANDS, metavar="N",
                   help=f"paling banyak N kolom kotak per sheet (default {MAX_BANDS})")
    return p


def run(args: argparse.Namespace) -> int:
    res = pohon_file(args.workbook, pdf=args.pdf, png=args.png, max_bands=args.maks_kolom)
    periode = f"TW{res.comp.periode}" if res.comp.periode else "belum ada realisasi"
    print(f"Pohon Kinerja: {res.nodes} node di {len(res.sheets)} sheet "
          f"({', '.join(res.sheets)}); capaian s.d. {periode}.")
    if res.pdf:
        print(f"PDF: {res.pdf}")
    for png in res.pngs:
        print(f"PNG: {png}")
    print(f"Temuan: {summary(res.comp)} (jalankan 'kinerja-xl periksa' untuk rinciannya).")
    return 0
