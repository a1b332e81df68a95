"""`kinerja-xl rencana-aksi WORKBOOK [--pejabat ID ...] [--pdf FOLDER]`: one Rencana Aksi per
official who signs a PK, as a print-ready sheet and optionally as PDF."""

from __future__ import annotations

import argparse

from ..tahun.files import make_rencana_aksi_file


def add_parser(sub: argparse._SubParsersAction) -> argparse.ArgumentParser:
    p = sub.add_parser("rencana-aksi", help="membuat Rencana Aksi per pejabat (sheet RA <ID>, "
                                            "dan PDF)",
                       description="Membuat satu sheet 'RA <ID>' siap cetak untuk setiap pejabat "
                                   "penanda tangan PK: target dan realisasi per triwulan, capaian"
                                   " s.d. periode dan tindak lanjut. Sheet RA lama buatan "
                                   "kinerja_xl diganti; sheet lain tidak disentuh.")
    p.add_argument("workbook", metavar="WORKBOOK")
    p.add_argument("--pejabat", nargs="+", action="extend", metavar="ID",
                   help="hanya Rencana Aksi pejabat dengan ID ini (default: semua)")
    p.add_argument("--pdf", metavar="FOLDER",
                   help="juga tulis RA_<ID>.pdf per pejabat ke folder ini (perlu LibreOffice)")
    return p


def run(args: argparse.Namespace) -> int:
    result = make_rencana_aksi_file(args.workbook, args.pejabat, args.pdf)
    if result.sheets:
        print(f"Rencana Aksi dibuat ({len(result.sheets)}): {', '.join(result.sheets)}")
    else:
        print("Tidak ada Rencana Aksi dibuat: belum ada pejabat yang menjadi Penanggung Jawab.")
    if result.removed:
        print("Sheet RA lama dihapus: " + ", ".join(result.removed))
    for finding in result.build.findings:
        print(finding)
    if result.pdfs:
        print(f"PDF ({len(result.pdfs)}) di {args.pdf}: "
              + ", ".join(p.name for p in result.pdfs))
    return 0 if result.sheets else 1
