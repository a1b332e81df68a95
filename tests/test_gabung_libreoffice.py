"""The rekap opens in LibreOffice: every sheet and value reads back, and the native charts
survive LibreOffice's own save (chart parts present) and are drawn in its PDF."""

from __future__ import annotations

import math
import shutil
import subprocess
import zipfile
from pathlib import Path

import openpyxl
import pytest
from conftest import needs_lo
from gabung_support import kabupaten_file, unit_file
from lo import convert

from kinerja_xl.cli import main


def _charts(path: Path) -> list[str]:
    with zipfile.ZipFile(path) as z:
        return sorted(n for n in z.namelist() if n.startswith("xl/charts/chart"))


@needs_lo
def test_rekap_round_trips_through_libreoffice(tmp_path: Path) -> None:
    units = tmp_path / "unit"
    units.mkdir()
    for i, name in enumerate(("Kecamatan A", "Kecamatan B", "Kecamatan C")):
        unit_file(units / f"u{i}.xlsx", name, "S-KAB.1", periode=i + 1)
    kab = kabupaten_file(tmp_path / "kab.xlsx")
    out = tmp_path / "rekap.xlsx"
    assert main(["gabung", str(units), "--kabupaten", str(kab), "-o", str(out)]) == 0
    assert len(_charts(out)) == 2
    again = convert(out, tmp_path / "lo")
    assert len(_charts(again)) == 2, "LibreOffice dropped a chart"
    ours = openpyxl.load_workbook(out, read_only=True)
    theirs = openpyxl.load_workbook(again, read_only=True, data_only=True)
    assert ours.sheetnames == theirs.sheetnames
    for name in ours.sheetnames:
        mine = [r for r in ours[name].iter_rows(values_only=True) if any(
            v not in (None, "") for v in r)]
        lo = [r for r in theirs[name].iter_rows(values_only=True) if any(
            v not in (None, "") for v in r)]
        assert len(mine) == len(lo), name
        for a, b in zip(mine, lo, strict=True):
            for x, y in zip(a, b, strict=False):
                if isinstance(x, float) and isinstance(y, (int, float)):
                    assert math.isclose(x, y, rel_tol=1e-12), (name, a, b)
                else:
                    assert (x or None) == (y or None), (name, a, b)
    # the big table was spliced in by our own writer: LibreOffice reads every row of it
    assert ours["Semua Indikator"].max_row == 1 + 3 * 11


@needs_lo
@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler not installed")
def test_charts_are_drawn_in_the_pdf(tmp_path: Path) -> None:
    for i, name in enumerate(("Kecamatan A", "Kecamatan B")):
        unit_file(tmp_path / f"u{i}.xlsx", name)
    out = tmp_path / "rekap.xlsx"
    assert main(["gabung", str(tmp_path), "-o", str(out)]) == 0
    pdf = convert(out, tmp_path / "lo", "pdf")
    text = " ".join(subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True,
                                   text=True, check=True).stdout.split())
    assert "Rata-rata capaian (%), 2 unit" in text  # chart titles: drawn, not only stored
    assert "Jumlah indikator per predikat (semua unit)" in text
    assert "LAPORAN GABUNG" in text
