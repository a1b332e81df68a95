"""The CLI as people use it in a shell: output piped into `head`, output into a new folder."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from kinerja_xl.cli import main

REPO = Path(__file__).resolve().parent.parent


def test_output_piped_into_a_reader_that_leaves_is_not_an_error(tmp_path: Path) -> None:
    """`kinerja-xl contoh x.xlsm | head -1`: the reader closes the pipe before the summary is
    printed. The workbook is written, and no 'Gagal' line or traceback follows."""
    out = tmp_path / "contoh.xlsm"
    proc = subprocess.Popen([sys.executable, "-m", "kinerja_xl", "contoh", str(out)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=REPO)
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.close()  # the reader is gone before anything was written
    err = proc.stderr.read().decode()
    assert proc.wait(timeout=300) == 141
    assert "Gagal" not in err and "Traceback" not in err, err
    assert out.exists()


def test_gabung_writes_into_a_new_folder(tmp_path: Path) -> None:
    rekap = tmp_path / "rekap" / "2025" / "kabupaten.xlsx"
    assert main(["gabung", str(REPO / "examples"), "-o", str(rekap)]) == 0
    assert rekap.exists()
