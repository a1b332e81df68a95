"""The example workbooks: built from source, marked as sample data, computed, with PKs, and
passing Periksa; the committed files in examples/ match what the builder makes."""

from __future__ import annotations

import zipfile
from pathlib import Path

import openpyxl
import pytest
from conftest import needs_lo
from lo import convert

from kinerja_xl.api import check_file
from kinerja_xl.cli import main
from kinerja_xl.core.findings import Severity
from kinerja_xl.examples.build import build_kebasen, build_kenohan
from kinerja_xl.examples.sample_data import split_target
from kinerja_xl.impor.report import SHEET as LAPORAN_IMPOR

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    folder = tmp_path_factory.mktemp("contoh")
    return {"kenohan": build_kenohan(folder / "kenohan.xlsm"),
            "kebasen": build_kebasen(folder / "kebasen.xlsm")}


def errors_after_periksa(path: Path, tmp_path: Path) -> list[str]:
    copy = tmp_path / f"periksa_{path.name}"
    copy.write_bytes(path.read_bytes())
    comp = check_file(copy)
    return [str(f) for f in comp.findings if f.severity is Severity.ERROR]


@pytest.mark.parametrize("name", ["kenohan", "kebasen"])
def test_example_passes_periksa(built, name, tmp_path):
    assert errors_after_periksa(built[name].path, tmp_path) == []


@pytest.mark.parametrize("name", ["kenohan", "kebasen"])
def test_example_is_marked_as_sample_data(built, name):
    wb = openpyxl.load_workbook(built[name].path)
    settings = {row[0]: row[1] for row in wb["Pengaturan"].iter_rows(values_only=True)}
    assert "DATA CONTOH" in settings["Keterangan"]
    ws = wb["Sub Kegiatan"]
    header = [c.value for c in ws[2]]
    col = header.index("Keterangan") + 1
    notes = [ws.cell(r, col).value for r in range(3, ws.max_row + 1)]
    assert all("data contoh" in n for n in notes if n)
    assert sum(1 for n in notes if n) == len(built[name].plan.levels[4])


@pytest.mark.parametrize("name", ["kenohan", "kebasen"])
def test_example_is_computed_on_the_template(built, name):
    b = built[name]
    comp = b.computation
    assert comp is not None and comp.periode == 2  # TW1–TW2 filled
    assert sum(r.capaian is not None for r in comp.rows) >= len(comp.rows) - 5
    with zipfile.ZipFile(b.path) as z:  # a macro workbook with the Kinerja ribbon
        names = z.namelist()
        types = z.read("[Content_Types].xml").decode()
        rels = z.read("_rels/.rels").decode()
    assert "xl/vbaProject.bin" in names
    assert "application/vnd.ms-excel.sheet.macroEnabled.main+xml" in types
    assert any(n.startswith("customUI/customUI") for n in names)
    assert "schemas.microsoft.com/office/2006/relationships/ui/extensibility" in rels
    wb = openpyxl.load_workbook(b.path, data_only=True)
    ws = wb["Program"]
    header = [c.value for c in ws[2]]
    serapan = [ws.cell(r, header.index("Serapan Anggaran (%)") + 1).value for r in (3, 4)]
    assert all(isinstance(v, float) and 0 < v < 100 for v in serapan)


def test_examples_have_their_pks(built):
    kenohan = built["kenohan"]
    assert len(kenohan.pk_sheets) == 9  # every official but the Bupati is a PJ
    wb = openpyxl.load_workbook(kenohan.path)
    assert "PK CAMAT" in wb.sheetnames and "PK KASI-TRANTIB" in wb.sheetnames


def test_kebasen_example_keeps_its_import_report(built):
    wb = openpyxl.load_workbook(built["kebasen"].path)
    assert LAPORAN_IMPOR in wb.sheetnames
    ws = wb["Sub Kegiatan"]
    header = [c.value for c in ws[2]]
    col = header.index("Keterangan") + 1
    notes = " ".join(str(ws.cell(r, col).value) for r in range(3, ws.max_row + 1))
    assert "Induk disimpulkan dari nomenklatur" in notes


def test_rencana_aksi_split():
    assert split_target(12.0) == (3.0, 3.0, 3.0, 3.0)
    assert split_target(6.0) == (2.0, 2.0, 1.0, 1.0)
    assert split_target(1.0) == (1.0, 0.0, 0.0, 0.0)
    assert sum(split_target(5.5)) == pytest.approx(5.5)


INPUT_SHEETS = ("Pengaturan", "Pejabat", "Tujuan", "Sasaran", "Program", "Kegiatan",
                "Sub Kegiatan")


def sheet_values(path: Path) -> dict[str, list[tuple]]:
    wb = openpyxl.load_workbook(path, read_only=True)
    try:
        return {name: [row for row in wb[name].iter_rows(values_only=True)
                       if any(v is not None for v in row)] for name in INPUT_SHEETS}
    finally:
        wb.close()


@pytest.mark.parametrize(("committed", "name"), [("kenohan_2025.xlsm", "kenohan"),
                                                 ("kebasen_2023.xlsm", "kebasen")])
def test_committed_examples_match_the_builder(built, committed, name, tmp_path):
    path = REPO / "examples" / committed
    assert path.exists(), "run: python -m kinerja_xl.examples.build"
    fresh = sheet_values(built[name].path)
    for sheet, rows in sheet_values(path).items():
        assert rows == fresh[sheet], sheet
    assert errors_after_periksa(path, tmp_path) == []


def test_contoh_command(tmp_path, capsys):
    out = tmp_path / "contoh.xlsm"
    assert main(["contoh", str(out)]) == 0
    text = capsys.readouterr().out
    assert f"Workbook contoh dibuat: {out}" in text
    assert "DATA CONTOH" in text
    assert "Tujuan 1, Sasaran 1, Program 5, Kegiatan 14, Sub Kegiatan 39; 63 indikator" in text
    assert "Langkah berikutnya" in text
    assert "Perjanjian Kinerja: 9 sheet" in text
    with zipfile.ZipFile(out) as z:
        assert "xl/vbaProject.bin" in z.namelist()
    assert sum(n.startswith("PK ") for n in openpyxl.load_workbook(out).sheetnames) == 9
    assert main(["contoh", str(out)]) == 2  # exists: refused without --timpa
    assert "--timpa" in capsys.readouterr().err


def test_impor_script_example(tmp_path, capsys):
    from kinerja_xl.examples.impor_kebasen import main as impor_example

    assert impor_example(str(tmp_path / "kebasen.xlsm")) == 0
    out = capsys.readouterr().out
    assert "Sub Kegiatan 26" in out and "Periksa: 0 kesalahan" in out


COMPUTED = ("Uraian Induk", "Realisasi", "Capaian (%)", "Predikat", "Serapan Anggaran (%)")


@needs_lo
@pytest.mark.parametrize("committed", ["kenohan_2025.xlsm", "kebasen_2023.xlsm"])
def test_libreoffice_recalculates_the_same_values(committed, tmp_path):
    """DESIGN §7: the cached values Python wrote are what a real spreadsheet computes."""
    ours = openpyxl.load_workbook(REPO / "examples" / committed, data_only=True)
    theirs = openpyxl.load_workbook(convert(REPO / "examples" / committed, tmp_path),
                                    data_only=True)
    compared = 0
    for sheet in ("Tujuan", "Sasaran", "Program", "Kegiatan", "Sub Kegiatan"):
        a, b = ours[sheet], theirs[sheet]
        header = [c.value for c in a[2]]
        for name in COMPUTED:
            if name not in header:
                continue
            col = header.index(name) + 1
            for r in range(3, a.max_row + 1):
                x, y = a.cell(r, col).value, b.cell(r, col).value
                if isinstance(x, float):
                    assert y == pytest.approx(x), (sheet, r, name)
                else:
                    assert (x or None) == (y or None), (sheet, r, name)
                compared += 1
    assert compared > 200
