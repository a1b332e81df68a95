"""The sample kecamatan with the optional cross-year columns filled (values chosen by hand)."""

from __future__ import annotations

from pathlib import Path

import openpyxl
from sample import sample_plan

from kinerja_xl.core.contract import H, Level, level_headers
from kinerja_xl.xlsx.blank import HEADER_ROW
from kinerja_xl.xlsx.fill import write_plan
from kinerja_xl.xlsx.save import save_workbook

# Sasaran sheet rows: 3 = "Persentase layanan tepat waktu" (Positif, R 88 of 90 at TW2),
# 4 = "Persentase keluhan" (Kumulatif Negatif, R 1+4 = 5 against T 2+3 = 5).
ROW_LAYANAN, ROW_KELUHAN = HEADER_ROW + 1, HEADER_ROW + 2
RENAMED = {H.REAL_N1: "Realisasi 2024", H.REAL_N2: "Realisasi 2023",
           H.TARGET_AKHIR: "Target Akhir Renstra 2026"}
FILLED = {
    ROW_LAYANAN: {H.KONDISI_AWAL: 80, H.REAL_N2: 84, H.REAL_N1: 86, H.CAPAIAN_N1: 95.5,
                  H.TARGET_AKHIR: 95, H.STANDAR_NASIONAL: 90,
                  H.FAKTOR_PENDORONG: "Pelayanan daring lewat aplikasi desa",
                  H.TINDAK_LANJUT: "Menambah loket pelayanan terpadu"},
    ROW_KELUHAN: {H.KONDISI_AWAL: 20, H.REAL_N1: 8, H.TARGET_AKHIR: 4,
                  H.FAKTOR_PENGHAMBAT: "Petugas pengaduan hanya satu orang"},
}


def years_workbook(path: Path, renamed: bool = True) -> Path:
    """The sample with the optional columns of the Sasaran sheet filled; with `renamed`, the
    N-x and Target Akhir headers carry years ('Realisasi 2024', 'Target Akhir Renstra 2026')."""
    save_workbook(write_plan(sample_plan()), path)
    wb = openpyxl.load_workbook(path)
    ws = wb[Level.SASARAN.sheet]
    cols = {ws.cell(HEADER_ROW, c).value: c for c in range(1, ws.max_column + 1)}
    for row, values in FILLED.items():
        for header, value in values.items():
            ws.cell(row, cols[header], value)
    if renamed:
        for header, new in RENAMED.items():
            ws.cell(HEADER_ROW, cols[header], new)
    wb.save(path)
    return path


def first_optional_col(level: Level) -> int:
    return len(level_headers(level)) + 1
