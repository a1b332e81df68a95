"""`kinerja-xl impor FILE [-o NEW.xlsm | --ke WB.xlsm]`: import an e-SAKIP cascading text or a
table (Excel/ODS/CSV/TSV/markdown) into a new workbook, or merge it into an existing one."""

from __future__ import annotations

import argparse
from pathlib import Path

from ..impor.esakip import ImportFailed, ImportResult
from ..impor.report import SHEET, Kind
from ..impor.run import import_file, read_any


def add_parser(sub: argparse._SubParsersAction) -> argparse.ArgumentParser:
    p = sub.add_parser("impor", help="mengimpor cascading e-SAKIP atau tabel (Excel, CSV, "
                                     "teks bertab, markdown) menjadi workbook",
                       description="Membaca teks Cascading e-SAKIP atau tabel yang sudah ada "
                                   "(IKU, Renstra, matriks cascading, ekspor SIPD Renja/RKA/"
                                   "DPA; .xlsx .xlsm .xls .ods .csv .tsv .txt .md) lalu membuat "
                                   "workbook kinerja baru atau menggabungkannya ke workbook "
                                   "yang ada (--ke). Setiap baris sumber dipakai atau dicatat "
                                   f"di sheet {SHEET}.")
    p.add_argument("sumber", metavar="FILE", help="file sumber (teks e-SAKIP atau tabel)")
    where = p.add_mutually_exclusive_group()
    where.add_argument("-o", "--keluaran", metavar="WORKBOOK",
                       help="workbook baru yang dibuat (.xlsm atau .xlsx; default: nama "
                            "sumber .xlsm)")
    where.add_argument("--ke", metavar="WORKBOOK",
                       help="gabungkan ke workbook kinerja yang sudah ada: node dan indikator "
                            "baru ditambahkan, sel kosong diisi, isian yang berbeda tidak "
                            "ditimpa (dicatat sebagai konflik)")
    p.add_argument("--lembar", metavar="NAMA", help="lembar (sheet) yang dibaca dari file "
                                                    "Excel/ODS (default: yang judul kolomnya "
                                                    "paling dikenali)")
    p.add_argument("--kolom", metavar="PETA",
                   help='pemetaan kolom yang menimpa deteksi, mis. "Indikator=C,Target=F" '
                        'atau "Uraian=Nama Kegiatan" (huruf kolom atau teks judul)')
    p.add_argument("--dry-run", action="store_true",
                   help="hanya tampilkan apa yang akan diimpor (tingkat, jumlah, pemetaan "
                        "kolom); tidak menulis file apa pun")
    p.add_argument("--timpa", action="store_true", help="timpa bila file keluaran sudah ada")
    p.add_argument("--timpa-isian", action="store_true",
                   help="dengan --ke: timpa isian workbook yang berbeda dari sumber (setiap "
                        "sel yang ditimpa dicatat)")
    return p


def _print_read(src: Path, res: ImportResult) -> None:
    print(f"Impor {src.name} ({res.encoding}, {res.line_count} baris; {res.shape}): "
          f"{res.summary()}.")
    if res.columns:
        print("Pemetaan kolom:")
        for line in res.columns:
            print(f"  {line}")


def _print_report(res: ImportResult, entries=None) -> None:
    entries = res.report if entries is None else entries
    print(f"Laporan impor ({len(entries)} catatan, juga di sheet {SHEET}):")
    for entry in entries:
        print(f"  {entry}")


def run(args: argparse.Namespace) -> int:
    src = Path(args.sumber)
    if args.timpa_isian and not args.ke:
        raise ImportFailed("--timpa-isian hanya berlaku bersama --ke WORKBOOK.")
    if args.dry_run:
        res = read_any(src, args.lembar, args.kolom)
        _print_read(src, res)
        entries = res.report
        if args.ke:
            from ..impor.merge import prepare_merge

            merged = prepare_merge(_existing(Path(args.ke)), res, args.timpa_isian)
            entries = [*merged.entries, *res.report]
            print(f"Bila digabung ke {args.ke}: {merged.summary()}.")
        _print_report(res, entries)
        print("--dry-run: tidak ada file yang ditulis.")
        return 0
    if args.ke:
        return _merge(src, Path(args.ke), args)
    out = Path(args.keluaran) if args.keluaran else src.with_suffix(".xlsm")
    if out.resolve() == src.resolve():
        raise ImportFailed(f"File keluaran '{out.name}' sama dengan file sumber; pakai -o "
                           "dengan nama lain, atau --ke untuk menggabungkan ke workbook itu.")
    outcome = import_file(src, out, overwrite=args.timpa, lembar=args.lembar, kolom=args.kolom)
    res = outcome.result
    _print_read(src, res)
    _print_report(res)
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


def _existing(target: Path) -> Path:
    if not target.exists():
        raise ImportFailed(f"Workbook '{target}' tidak ditemukan; tanpa --ke, pakai -o untuk "
                           "membuat workbook baru.")
    return target


def _merge(src: Path, target: Path, args: argparse.Namespace) -> int:
    from ..impor.merge import merge_file

    _existing(target)
    res = read_any(src, args.lembar, args.kolom)
    merged = merge_file(src, target, res, overwrite=args.timpa_isian)
    _print_read(src, res)
    _print_report(res, [*merged.entries, *res.report])
    print(f"Digabung ke {target}: {merged.summary()}.")
    if merged.conflicts:
        print(f"  {merged.conflicts} konflik: isian workbook dipertahankan (lihat sheet {SHEET};"
              " --timpa-isian untuk menimpa).")
    if merged.inserted_rows:  # like Excel's Insert Row, rows below keep their old references
        print(f"Langkah berikutnya: kinerja-xl hitung {target}  (mengisi kolom hitungan baris "
              "baru dan memulihkan rumus baris di bawahnya)")
    else:
        print(f"Langkah berikutnya: kinerja-xl periksa {target}")
    return 0
