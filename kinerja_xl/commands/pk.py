"""`kinerja-xl pk WORKBOOK [--pejabat ID ...] [--pdf FOLDER]`: one Perjanjian Kinerja per
official, as a print-ready sheet and optionally as PDF."""

from __future__ import annotations

import argparse

from ..core.findings import Severity
from ..pk import make_pk_file


def add_parser(sub: argparse._SubParsersAction) -> argparse.ArgumentParser:
    p = sub.add_parser("pk", help="membuat Perjanjian Kinerja (sheet PK <ID>, dan PDF)",
                       description="Membuat satu sheet 'PK <ID>' siap cetak untuk setiap pejabat "
                                   "yang menjadi Penanggung Jawab, menggantikan sheet PK lama, "
                                   "dan menulis temuan ke sheet Laporan Validasi. Keluar dengan "
                                   "kode 1 bila workbook berisi kesalahan (PK tetap dibuat).")
    p.add_argument("workbook", metavar="WORKBOOK")
    p.add_argument("--pejabat", nargs="+", action="extend", metavar="ID",
                   help="hanya PK pejabat dengan ID ini (default: semua penanggung jawab)")
    p.add_argument("--pdf", metavar="FOLDER",
                   help="juga tulis PK_<ID>.pdf per pejabat ke folder ini (perlu LibreOffice)")
    return p


def run(args: argparse.Namespace) -> int:
    result = make_pk_file(args.workbook, args.pejabat, args.pdf)
    build = result.build
    if result.sheets:
        print(f"PK dibuat ({len(result.sheets)}): {', '.join(result.sheets)}")
    else:
        print("Tidak ada PK dibuat: belum ada pejabat yang menjadi Penanggung Jawab node.")
    if result.removed:
        print("Sheet PK lama dihapus (pejabatnya tidak lagi menjadi Penanggung Jawab): "
              + ", ".join(result.removed))
    for finding in build.pk_findings:
        print(finding)
    if result.pdfs:
        print(f"PDF ({len(result.pdfs)}) di {args.pdf}: "
              + ", ".join(p.name for p in result.pdfs))
    errors = sum(f.severity is Severity.ERROR for f in build.findings)
    warnings = sum(f.severity is Severity.WARNING for f in build.findings)
    print(f"Temuan: {errors} kesalahan, {warnings} peringatan (lihat sheet Laporan Validasi).")
    return 1 if result.has_errors or not result.sheets else 0
