"""`kinerja-xl impor FILE.txt -o WORKBOOK.xlsm`: import an e-SAKIP cascading text export."""

from __future__ import annotations

import argparse
from pathlib import Path

from ..impor.report import SHEET, Kind
from ..impor.run import import_file


def add_parser(sub: argparse._SubParsersAction) -> argparse.ArgumentParser:
    p = sub.add_parser("impor", help="mengimpor teks cascading e-SAKIP menjadi workbook",
                       description="Membaca teks halaman Cascading e-SAKIP (Tujuan, Sasaran, "
                                   "Program, Kegiatan, Sub Kegiatan, indikator dan Penjelasan) "
                                   "lalu membuat workbook kinerja baru. Setiap baris yang tidak "
                                   f"dipakai dicatat di sheet {SHEET}.")
    p.add_argument("sumber", metavar="FILE.txt", help="teks ekspor cascading e-SAKIP")
    p.add_argument("-o", "--keluaran", metavar="WORKBOOK",
                   help="workbook yang dibuat (.xlsm atau .xlsx; default: nama sumber .xlsm)")
    p.add_argument("--timpa", action="store_true", help="timpa bila file keluaran sudah ada")
    return p


def run(args: argparse.Namespace) -> int:
    src = Path(args.sumber)
    out = Path(args.keluaran) if args.keluaran else src.with_suffix(".xlsm")
    outcome = import_file(src, out, overwrite=args.timpa)
    res = outcome.result
    print(f"Impor {src.name} ({res.encoding}, {res.line_count} baris): {res.summary()}.")
    print(f"Laporan impor ({len(res.report)} catatan, juga di sheet {SHEET}):")
    for entry in res.report:
        print(f"  {entry}")
    inferred = sum(1 for msgs in res.notes.values() if msgs)
    kind = "templat dengan tab Kinerja" if outcome.on_template else "workbook tanpa makro"
    print(f"Workbook dibuat: {outcome.out} ({kind}).")
    if out.suffix.lower() == ".xlsm" and not outcome.on_template:
        print("Catatan: templat makro belum tersedia di instalasi ini; file .xlsm ini tidak "
              "berisi tombol Kinerja.")
    print("Langkah berikutnya:")
    if inferred:
        disimpulkan = sum(e.kind is Kind.DISIMPULKAN for e in res.report)
        print(f"  1. Periksa {inferred} node bertanda 'mohon konfirmasi' di kolom Keterangan "
              f"({disimpulkan} catatan 'Disimpulkan' di sheet {SHEET}).")
    else:
        print("  1. Cocokkan hasil impor dengan dokumen sumber.")
    print("  2. Isi sheet Pejabat, kolom Penanggung Jawab, Satuan, Target dan Anggaran.")
    print(f"  3. Jalankan: kinerja-xl periksa {outcome.out}")
    return 0
