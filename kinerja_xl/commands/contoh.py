"""`kinerja-xl contoh [OUT.xlsm]`: write the Kecamatan Kenohan 2025 example workbook, computed
and with its Perjanjian Kinerja, as a place to start."""

from __future__ import annotations

import argparse
from pathlib import Path

from ..core.findings import Severity
from ..examples.build import build_kenohan
from ..impor.run import check_target

DEFAULT_OUT = "contoh_kenohan_2025.xlsm"


def add_parser(sub: argparse._SubParsersAction) -> argparse.ArgumentParser:
    p = sub.add_parser("contoh", help="membuat workbook contoh (Kecamatan Kenohan 2025)",
                       description="Membuat workbook contoh lengkap: pohon kinerja Kecamatan "
                                   "Kenohan 2025 dari dokumen cascading-nya, dengan target, "
                                   "realisasi TW1–TW2 dan anggaran contoh, capaian yang sudah "
                                   "dihitung dan Perjanjian Kinerja setiap pejabat.")
    p.add_argument("keluaran", metavar="OUT", nargs="?", default=DEFAULT_OUT,
                   help=f"file yang dibuat, .xlsm atau .xlsx (default: {DEFAULT_OUT})")
    p.add_argument("--timpa", action="store_true", help="timpa bila file sudah ada")
    return p


def run(args: argparse.Namespace) -> int:
    out = Path(args.keluaran)
    check_target(out, args.timpa)
    built = build_kenohan(out)
    plan, comp = built.plan, built.computation
    s = plan.settings
    counts = ", ".join(f"{lv.sheet} {len(nodes)}" for lv, nodes in plan.levels.items())
    indicators = sum(len(n.indicators) for n in plan.nodes())
    print(f"Workbook contoh dibuat: {out}")
    print(f"  {s.nama_instansi}, tahun {s.tahun} — DATA CONTOH: target, realisasi, anggaran "
          "dan nama pejabat bukan data resmi.")
    print(f"  Isi: {len(plan.officials)} pejabat; {counts}; {indicators} indikator.")
    if comp is not None:
        done = sum(r.capaian is not None for r in comp.rows)
        periode = f"TW{comp.periode}" if comp.periode else "-"
        print(f"  Capaian dihitung s.d. {periode}: {done} indikator punya capaian, "
              f"{len(comp.rows) - done} belum ada realisasi.")
    if built.pk_sheets:
        shown = ", ".join(built.pk_sheets[:3]) + (", …" if len(built.pk_sheets) > 3 else "")
        print(f"  Perjanjian Kinerja: {len(built.pk_sheets)} sheet ({shown}).")
    elif built.pk_note:
        print(f"  Catatan: {built.pk_note}.")
    if comp is not None:
        errors = sum(f.severity is Severity.ERROR for f in comp.findings)
        warnings = sum(f.severity is Severity.WARNING for f in comp.findings)
        print(f"  Pemeriksaan: {errors} kesalahan, {warnings} peringatan (sheet Laporan "
              "Validasi).")
    if out.suffix.lower() == ".xlsm" and not built.on_template:
        print("  Catatan: templat makro belum tersedia di instalasi ini; file ini tanpa tab "
              "Kinerja.")
    print("Langkah berikutnya:")
    print(f"  1. Buka {out} di Excel dan klik 'Aktifkan Konten' (Enable Content); tombolnya ada "
          "di tab Kinerja.")
    print("  2. Lihat sheet Sub Kegiatan dan PK CAMAT. Ganti data contoh dengan data Anda, atau "
          "mulai dari workbook kosong: kinerja-xl baru kinerja.xlsm")
    print(f"  3. Setelah mengetik realisasi triwulan: kinerja-xl hitung {out}  lalu  "
          f"kinerja-xl pk {out}")
    return 0
