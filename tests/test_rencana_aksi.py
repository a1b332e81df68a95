"""Rencana Aksi: content by hand from tests/sample.py, ownership of the RA sheets, the CLI, and
the PDFs through LibreOffice checked like the PK's (pages, no overlapping words)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest
from conftest import needs_lo
from pk_support import POPPLER, overlapping, pdf_pages, pdf_text, pdf_words, squash
from sample import sample_plan
from tahun_support import years_workbook

from kinerja_xl.core.contract import Level
from kinerja_xl.core.findings import WorkbookError
from kinerja_xl.core.model import Indicator
from kinerja_xl.core.numbers import Quantity
from kinerja_xl.tahun.files import make_rencana_aksi_file, read_grids
from kinerja_xl.tahun.rencana_aksi import plan_rencana_aksi
from kinerja_xl.xlsx.fill import write_plan
from kinerja_xl.xlsx.save import save_workbook

REPO = Path(__file__).resolve().parent.parent


def doc_of(build, official: str):
    return next(d for d in build.docs if d.official_id == official)


def test_one_sheet_per_official_who_signs_a_pk(sample_xlsx):
    build = plan_rencana_aksi(read_grids(sample_xlsx))
    assert [s.name for s in build.specs] == ["RA CAMAT", "RA SEKCAM", "RA KASUBBAG-PK"]
    assert all(s.print.orientation == "landscape" for s in build.specs)


def test_rows_by_hand(tmp_path):
    path = years_workbook(tmp_path / "k.xlsx")
    build = plan_rencana_aksi(read_grids(path))
    camat = doc_of(build, "CAMAT")
    assert camat.title == "RENCANA AKSI TAHUN 2025"
    _tujuan, sasaran = camat.groups
    # The Sasaran's actions are its Programs (one level down).
    assert sasaran.actions == ("• Program Penunjang Urusan Pemerintahan Daerah\n"
                               "• Program Penyelenggaraan Pemerintahan")
    layanan, keluhan = sasaran.rows
    assert (layanan.target, layanan.reals, layanan.capaian) == ("90", ("85", "88", "", ""),
                                                               "97,78")
    assert layanan.tindak_lanjut == "Menambah loket pelayanan terpadu"
    assert keluhan.targets == ("2", "3", "2", "3") and keluhan.capaian == "100,00"
    assert camat.pk.second.nama == "H. Contoh Bupati, S.H."  # signed by the atasan
    kasubbag = doc_of(build, "KASUBBAG-PK")
    texts = {r.indikator: r.capaian for g in kasubbag.groups for r in g.rows}
    assert texts["Jumlah dokumen"] == "50,00"  # 3 + 3 of 12
    assert texts["Jumlah laporan evaluasi"] == "t.d."
    assert any("Jumlah laporan evaluasi: belum ada realisasi s.d. TW2" in n
               for n in kasubbag.notes)
    # A Sub Kegiatan has no level below: it is its own action.
    sk = next(g for g in kasubbag.groups if g.sasaran == "Renja tersusun")
    assert sk.actions == "• Penyusunan Dokumen Perencanaan"


def test_replaces_only_its_own_sheets(sample_xlsx):
    first = make_rencana_aksi_file(sample_xlsx)
    assert first.sheets == ["RA CAMAT", "RA SEKCAM", "RA KASUBBAG-PK"]
    wb = openpyxl.load_workbook(sample_xlsx)
    wb.create_sheet("RA catatan")["A1"] = "catatan saya sendiri"
    # SEKCAM no longer owns anything: its RA sheet is stale and goes.
    for row in wb["Program"].iter_rows(min_row=3):
        for c in row:
            if c.value == "SEKCAM":
                c.value = "CAMAT"
    wb.save(sample_xlsx)
    again = make_rencana_aksi_file(sample_xlsx)
    assert again.removed == ["RA SEKCAM"]
    wb = openpyxl.load_workbook(sample_xlsx)
    assert wb["RA catatan"]["A1"].value == "catatan saya sendiri"
    assert "RA SEKCAM" not in wb.sheetnames


def test_user_sheet_with_the_name_is_refused(sample_xlsx):
    wb = openpyxl.load_workbook(sample_xlsx)
    wb.create_sheet("RA CAMAT")["A1"] = "bukan buatan kinerja_xl"
    wb.save(sample_xlsx)
    before = sample_xlsx.read_bytes()
    with pytest.raises(WorkbookError, match="RA CAMAT"):
        make_rencana_aksi_file(sample_xlsx)
    assert sample_xlsx.read_bytes() == before


def test_cli_one_official_and_unknown_id(sample_xlsx):
    run = [sys.executable, "-m", "kinerja_xl", "rencana-aksi", str(sample_xlsx)]
    proc = subprocess.run([*run, "--pejabat", "SEKCAM"], capture_output=True, text=True,
                          cwd=REPO, timeout=300)
    assert proc.returncode == 0, proc.stderr
    assert "RA SEKCAM" in proc.stdout
    wb = openpyxl.load_workbook(sample_xlsx)
    assert [n for n in wb.sheetnames if n.startswith("RA ")] == ["RA SEKCAM"]
    proc = subprocess.run([*run, "--pejabat", "TIDAKADA"], capture_output=True, text=True,
                          cwd=REPO, timeout=300)
    assert proc.returncode == 2 and "TIDAKADA" in proc.stderr and "Traceback" not in proc.stderr


# PDFs --------------------------------------------------------------------------------------------

@needs_lo
@pytest.mark.skipif(not POPPLER, reason="poppler-utils not installed")
def test_pdfs_one_page_each_no_overlaps(tmp_path):
    path = years_workbook(tmp_path / "k.xlsx")
    result = make_rencana_aksi_file(path, pdf_dir=tmp_path / "pdf")
    assert sorted(p.name for p in result.pdfs) == ["RA_CAMAT.pdf", "RA_KASUBBAG-PK.pdf",
                                                   "RA_SEKCAM.pdf"]
    for pdf in result.pdfs:
        assert pdf_pages(pdf) == 1
        assert overlapping(pdf_words(pdf)) == []
    text = squash(pdf_text(tmp_path / "pdf" / "RA_CAMAT.pdf"))
    for expected in ("RENCANA AKSI TAHUN 2025", "CAMAT CONTOH", "97,78", "Mengetahui,",
                     "NIP. 197001012000031001"):
        assert expected in text, expected
    words = {w.text for w in pdf_words(tmp_path / "pdf" / "RA_CAMAT.pdf")}
    assert {"Menambah", "loket", "terpadu", "TW", "IV", "Capaian"} <= words  # wrapped cells


@needs_lo
@pytest.mark.skipif(not POPPLER, reason="poppler-utils not installed")
def test_long_plan_breaks_pages_and_repeats_the_header(tmp_path):
    plan = sample_plan()
    k1 = plan.find(Level.KEGIATAN, "K1")
    k1.indicators = [Indicator(0, f"Indikator panjang nomor {i} tentang kualitas perencanaan "
                                  f"dan pelaporan kinerja UJUNG{i}", "%",
                               target=Quantity.point(100)) for i in range(40)]
    path = tmp_path / "k.xlsx"
    save_workbook(write_plan(plan), path)
    [pdf] = make_rencana_aksi_file(path, ["KASUBBAG-PK"], pdf_dir=tmp_path / "pdf").pdfs
    pages = pdf_pages(pdf)
    assert pages >= 2
    words = pdf_words(pdf)
    assert overlapping(words) == []
    assert {f"UJUNG{i}" for i in range(40)} <= {w.text for w in words}
    # The column header is printed again on every page.
    assert sum(1 for w in words if w.text == "Realisasi") == pages
