"""PK PDFs through headless LibreOffice, read back with poppler (text, boxes, pixels)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import needs_lo
from pk_support import (
    POPPLER,
    ink_columns,
    overlapping,
    pdf_pages,
    pdf_text,
    pdf_words,
    plan_grids,
    png_size,
    render_gray,
    render_png,
    squash,
)
from sample import sample_plan

from kinerja_xl.core.contract import Level
from kinerja_xl.core.model import Indicator
from kinerja_xl.core.numbers import Quantity
from kinerja_xl.pk import export_pdfs, make_pk_file, plan_pk
from kinerja_xl.pk.layout import MARGINS_CM
from kinerja_xl.xlsx.fill import write_plan
from kinerja_xl.xlsx.save import save_workbook

pytestmark = [needs_lo, pytest.mark.skipif(not POPPLER, reason="poppler-utils not installed")]
DPI = 60


def make(tmp: Path, plan, ids=None) -> dict[str, Path]:
    path = tmp / "kinerja.xlsx"
    save_workbook(write_plan(plan), path)
    result = make_pk_file(path, ids, pdf_dir=tmp / "pdf")
    return {p.name: p for p in result.pdfs}


@pytest.fixture(scope="module")
def sample_pdfs(tmp_path_factory) -> dict[str, Path]:
    return make(tmp_path_factory.mktemp("pk"), sample_plan())


def test_one_pdf_per_official_two_pages_each(sample_pdfs):
    assert sorted(sample_pdfs) == ["PK_CAMAT.pdf", "PK_KASUBBAG-PK.pdf", "PK_SEKCAM.pdf"]
    for pdf in sample_pdfs.values():
        assert pdf_pages(pdf) == 2  # the agreement and the Lampiran


def test_pdf_text_of_kasubbag(sample_pdfs):
    text = squash(pdf_text(sample_pdfs["PK_KASUBBAG-PK.pdf"]))
    for expected in ("PERJANJIAN KINERJA TAHUN 2025", "KECAMATAN CONTOH",
                     "LAMPIRAN PERJANJIAN KINERJA TAHUN 2025", "Nama Kasubbag",
                     "Kasubbag Program dan Keuangan", "Plt. Sekretaris Kecamatan", "Nama Sekcam",
                     "Contoh, 6 Januari 2025", "NIP. 198001012010012003",
                     "Sasaran Kegiatan", "Sasaran Sub Kegiatan", "Jumlah rapat koordinasi",
                     "selanjutnya disebut pihak pertama", "Rp 100.000.000", "Rp 50.000.000"):
        assert expected in text, expected
    # Jumlah by hand: SK1 100.000.000 + SK2 50.000.000 + SK3 20.000.000, each once.
    assert "Jumlah Rp 170.000.000" in text
    assert text.count("Rp 170.000.000") == 1


def test_pdf_targets_and_external_atasan(sample_pdfs):
    camat = squash(pdf_text(sample_pdfs["PK_CAMAT.pdf"]))
    for expected in ("Indeks Kepuasan Masyarakat 85 indeks", "Persentase keluhan 10 %",
                     "Sasaran Strategis", "Bupati Contoh", "H. Contoh Bupati, S.H."):
        assert expected in camat, expected
    # The Bupati has no NIP: one NIP line per signature block (agreement + Lampiran).
    assert camat.count("NIP.") == 2
    sek = squash(pdf_text(sample_pdfs["PK_SEKCAM.pdf"]))
    assert "Nilai SAKIP 80 – 90 nilai" in sek
    assert "Program / Kegiatan" in sek


def test_pdf_renders_inside_the_margins(sample_pdfs, tmp_path):
    pdf = sample_pdfs["PK_KASUBBAG-PK.pdf"]
    pngs = render_png(pdf, tmp_path / "kas", DPI)
    assert len(pngs) == 2
    width, height = png_size(pngs[0])
    # A4 (210 x 297 mm) at 60 dpi is 496.1 x 701.6 px; poppler rounds up.
    assert abs(width - 210 / 25.4 * DPI) <= 1 and abs(height - 297 / 25.4 * DPI) <= 1
    left, right = (round(cm / 2.54 * DPI) for cm in MARGINS_CM[:2])
    for page in (1, 2):
        gray = render_gray(pdf, page, tmp_path / f"g{page}", DPI)
        first, last = ink_columns(gray)
        assert left - 2 <= first and last <= width - right + 2, (page, first, last)
        # Fit to width: the Lampiran table spans most of the printable width.
        if page == 2:
            assert last - first > 0.9 * (width - left - right)


def test_no_text_overlaps(sample_pdfs):
    for pdf in sample_pdfs.values():
        assert overlapping(pdf_words(pdf)) == []


def test_long_texts_wrap_without_being_cut(tmp_path):
    plan = sample_plan()
    sasaran = ("Meningkatnya kualitas perencanaan, penganggaran, pelaporan dan evaluasi kinerja "
               "perangkat daerah yang akuntabel, transparan dan tepat waktu sesuai ketentuan "
               "peraturan perundang-undangan yang berlaku UJUNGSASARAN")
    indikator = ("Persentase dokumen perencanaan dan pelaporan kinerja perangkat daerah yang "
                 "disusun tepat waktu dan sesuai ketentuan UJUNGINDIKATOR")
    k1 = plan.find(Level.KEGIATAN, "K1")
    k1.sasaran = sasaran
    k1.indicators = [Indicator(0, indikator, "%", target=Quantity.point(100)),
                     Indicator(0, "Nilai evaluasi", "nilai", target=Quantity.point(80))]
    plan.officials["KASUBBAG-PK"].jabatan = ("Plh. Kepala Sub Bagian Perencanaan, Program, "
                                             "Evaluasi dan Keuangan UJUNGJABATAN")
    pdf = make(tmp_path, plan, ["KASUBBAG-PK"])["PK_KASUBBAG-PK.pdf"]
    words = pdf_words(pdf)
    assert overlapping(words) == []
    found = {w.text for w in words}
    assert {"UJUNGSASARAN", "UJUNGINDIKATOR", "UJUNGJABATAN"} <= found
    assert pdf_pages(pdf) == 2


def test_overlap_check_catches_rows_that_are_too_short(tmp_path):
    # The check above must be able to fail: the same PK with every row 15 pt high.
    plan = sample_plan()
    plan.find(Level.KEGIATAN, "K1").sasaran = (
        "Meningkatnya kualitas perencanaan, penganggaran, pelaporan dan evaluasi kinerja "
        "perangkat daerah yang akuntabel")
    spec = plan_pk(plan_grids(plan), ["KASUBBAG-PK"]).specs[0]
    spec.heights = dict.fromkeys(spec.heights, 15.0)
    [pdf] = export_pdfs([spec], ["pendek.pdf"], tmp_path)
    assert overlapping(pdf_words(pdf)) != []


def test_rupiah_rendered_by_libreoffice(tmp_path):
    plan = sample_plan()
    plan.find(Level.KEGIATAN, "K1").anggaran = None  # K1 = SK1 + SK2
    budgets = {"SK1": 5, "SK2": 1_234_567, "SK3": 1_234_567_890_123}
    for code, amount in budgets.items():
        plan.find(Level.SUB_KEGIATAN, code).anggaran = amount
    pdf = make(tmp_path, plan, ["KASUBBAG-PK"])["PK_KASUBBAG-PK.pdf"]
    text = squash(pdf_text(pdf))
    for shown in ("Rp 5", "Rp 1.234.567", "Rp 1.234.572", "Rp 1.234.567.890.123"):
        assert shown in text, shown
    # 5 + 1.234.567 + 1.234.567.890.123, by hand
    assert "Jumlah Rp 1.234.569.124.695" in text


def test_perubahan_title_in_pdf(tmp_path):
    plan = sample_plan()
    plan.settings.jenis_pk = "Perubahan"
    pdf = make(tmp_path, plan, ["SEKCAM"])["PK_SEKCAM.pdf"]
    text = squash(pdf_text(pdf))
    assert "PERJANJIAN KINERJA PERUBAHAN TAHUN 2025" in text
    assert "LAMPIRAN PERJANJIAN KINERJA PERUBAHAN TAHUN 2025" in text


def test_without_libreoffice_exit_2_and_nothing_written(sample_xlsx, tmp_path):
    empty = tmp_path / "bin"
    empty.mkdir()
    before = sample_xlsx.read_bytes()
    env = {**os.environ, "PATH": str(empty)}
    proc = subprocess.run([sys.executable, "-m", "kinerja_xl", "pk", str(sample_xlsx),
                           "--pdf", str(tmp_path / "pdf")], capture_output=True, text=True,
                          env=env, cwd=Path(__file__).resolve().parent.parent, timeout=120)
    assert proc.returncode == 2
    assert "LibreOffice tidak terpasang" in proc.stderr
    assert "Traceback" not in proc.stderr
    assert sample_xlsx.read_bytes() == before
    assert not (tmp_path / "pdf").exists()
