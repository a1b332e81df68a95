"""`kinerja-xl pasang [WORKBOOK]`: set up this PC for the Kinerja ribbon, then show a checklist.

Writes xlwings' user configuration so INTERPRETER_WIN / INTERPRETER_MAC is this Python (other
keys kept, the old file backed up), then checks xlwings' version, the kinerja_xl import, the
`xlwings` command, the UDF trust setting and, for a workbook, Mark of the Web, OneDrive and a
shadowing `kinerja_xl` folder. On Linux (no desktop Excel) it only says what it would do.
"""

from __future__ import annotations

import argparse
import platform
import sys
from pathlib import Path

from ..pasang import config_path, diagnose, interpreter_key, report, set_interpreter
from ..pasang.checks import FIX


def add_parser(sub: argparse._SubParsersAction) -> argparse.ArgumentParser:
    p = sub.add_parser("pasang", help="menyiapkan PC ini untuk pita Kinerja di Excel",
                       description="Mengatur xlwings agar Excel memakai Python ini, lalu "
                                   "menampilkan daftar periksa (versi xlwings, impor "
                                   "kinerja_xl, izin UDF, Mark of the Web, OneDrive).")
    p.add_argument("workbook", metavar="WORKBOOK", nargs="?", type=Path,
                   help="workbook yang akan dipakai (opsional): diperiksa juga")
    p.add_argument("--periksa", action="store_true",
                   help="hanya memeriksa, tanpa mengubah konfigurasi xlwings")
    return p


def run(args: argparse.Namespace, system: str | None = None) -> int:
    system = system or platform.system()
    key = interpreter_key(system)
    path = config_path(system)
    desktop = system in ("Windows", "Darwin")
    write = desktop and not args.periksa
    change = set_interpreter(path, key, sys.executable, write=write)
    if not desktop:
        print("Sistem ini bukan Windows atau Mac (tidak ada Excel desktop). Di Windows/Mac, "
              "perintah ini akan:")
        print(f"  • menulis {key} = {sys.executable} ke konfigurasi xlwings pengguna "
              f"({path}), kunci lain tetap, file lama dicadangkan;")
        print("  • memeriksa hal-hal di bawah ini.")
    elif change.written:
        print(f"Konfigurasi xlwings diperbarui: {path}")
        print(f"  {key} = {change.new}" + (f" (sebelumnya: {change.old})" if change.old else ""))
        if change.backup:
            print(f"  Cadangan file lama: {change.backup}")
    elif change.old == change.new:
        print(f"Konfigurasi xlwings sudah benar ({key} = {change.new}).")
    else:
        print(f"(hanya memeriksa) {key} akan ditulis ke {path}: {change.new}")
    print()
    checks = diagnose(args.workbook, system)
    print(report(checks))
    return 1 if any(c.status == FIX for c in checks) else 0
