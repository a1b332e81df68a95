"""LKjIP Bab III: tables 3.1–3.6 against hand-computed values, the sheets against the tables,
the Word file read back by python-docx and, through LibreOffice, by pdftotext."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import docx
import openpyxl
import pytest
from conftest import needs_lo
from pk_support import POPPLER, pdf_pages, pdf_text, squash
from tahun_support import years_workbook

from kinerja_xl.core.contract import Polarity
from kinerja_xl.core.findings import WorkbookError
from kinerja_xl.tahun import fmt
from kinerja_xl.tahun.files import make_lkjip_file, read_grids
from kinerja_xl.tahun.lkjip import (
    AKAN,
    TERCAPAI,
    USAHA,
    efisiensi,
    plan_lkjip,
    renstra_status,
    trend,
)
from kinerja_xl.tahun.lkjip_sheets import table_sheet
from kinerja_xl.xlsx.libreoffice import convert_to_pdf

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def made(tmp_path_factory) -> tuple[Path, object]:
    folder = tmp_path_factory.mktemp("lkjip")
    path = years_workbook(folder / "kinerja.xlsx")
    result = make_lkjip_file(path, folder / "Bab3.docx")
    return path, result


def rows_of(result, number: str) -> list[tuple[str, ...]]:
    """The rows with the no-break space of rupiah amounts as a plain space."""
    return [tuple(v.replace(fmt.NBSP, " ") for v in row) for row in result.doc.table(number).rows]


# Numbers and rules -------------------------------------------------------------------------------

def test_indonesian_number_format():
    assert fmt.number(1234.5) == "1.234,5"
    assert fmt.number(85.0) == "85"
    assert fmt.number(1234567.891) == "1.234.567,89"
    assert fmt.number(-0.001) == "0"
    assert fmt.percent(96.4705) == "96,47"
    assert fmt.percent(100) == "100,00"
    assert fmt.rupiah(170_000_000) == "Rp\u00a0170.000.000"
    assert fmt.percent(None) == fmt.number(None) == fmt.MARK


def test_status_rule_by_hand():
    # capaian against the end target >= 100: reached, whatever the year
    assert renstra_status(100.0, 0.1, 2025, 2026)[0] == TERCAPAI
    # 2 of 5 Renstra years left: 60 % of the period elapsed
    assert renstra_status(80.0, 0.6, 2024, 2026)[0] == AKAN
    assert renstra_status(80.0, 0.59, 2024, 2026)[0] == USAHA
    # the last year has come without reaching it
    assert renstra_status(99.0, 0.99, 2026, 2026)[0] == USAHA
    # no Kondisi Awal: the share is the capaian against the end target
    assert renstra_status(85.0, None, 2025, 2026)[0] == AKAN
    status, why = renstra_status(85.0, None, 2025, None)
    assert status == fmt.MARK and "tahun target akhir" in why


def test_efisiensi_and_trend_by_hand():
    assert efisiensi(100.0, 50.0) == 2.0
    assert efisiensi(None, 50.0) is None and efisiensi(90.0, 0.0) is None
    assert trend(88, 86, Polarity.POSITIF) == "Membaik"
    assert trend(5, 8, Polarity.NEGATIF) == "Membaik"
    assert trend(9, 8, Polarity.NEGATIF) == "Memburuk"
    assert trend(8, 8, Polarity.POSITIF) == "Tetap"
    assert trend(8, None, Polarity.POSITIF) == fmt.MARK


# The tables, by hand (tests/sample.py and tests/tahun_support.py) --------------------------------

def test_table_3_1(made):
    _path, result = made
    rows = rows_of(result, "3.1")
    assert rows[0] == ("1", "Layanan tepat waktu", "Persentase layanan tepat waktu", "%", "90",
                       "88", "97,78", "Sangat Tinggi")  # 88 / 90
    assert rows[1] == ("", "", "Persentase keluhan", "%", "10", "5", "100,00", "Sangat Tinggi")
    assert result.doc.table("3.1").title == ("Tabel 3.1 Pengukuran Kinerja per Sasaran Tahun "
                                             "2025 (s.d. Triwulan II)")


def test_table_3_2_years_and_trend(made):
    _path, result = made
    t = result.doc.table("3.2")
    assert t.headers[4:7] == ("Realisasi 2023", "Realisasi 2024", "Realisasi 2025")
    assert t.rows[0][4:] == ("84", "86", "88", fmt.MARK, "95,5", "97,78", "Membaik")
    assert t.rows[1][4:] == (fmt.MARK, "8", "5", fmt.MARK, fmt.MARK, "100,00", "Membaik")
    notes = "\n".join(t.notes)
    assert "Capaian N-2 (2023) kosong" in notes and "Realisasi N-2 (2023) kosong" in notes


def test_table_3_3_status(made):
    _path, result = made
    t = result.doc.table("3.3")
    assert t.headers[5] == "Target Akhir Renstra (2026)"
    # 88 / 95 = 92,63 %; (88-80)/(95-80) = 0,53 of the way, 0,8 of the period gone
    assert t.rows[0][4:] == ("80", "95", "88", "92,63", USAHA)
    # Negatif: (2*4 - 5) / 4 = 75 %; (5-20)/(4-20) = 0,94 of the way
    assert t.rows[1][4:] == ("20", "4", "5", "75,00", AKAN)


def test_table_3_4_only_rows_with_a_standard(made):
    _path, result = made
    rows = rows_of(result, "3.4")
    assert rows == [("1", "Sasaran", "Persentase layanan tepat waktu", "%", "88", "90", "97,78",
                     "Di bawah standar")]


def test_tables_3_5_and_3_6_budgets(made):
    _path, result = made
    t5 = rows_of(result, "3.5")
    # Sasaran S1: capaian (97,78 + 100)/2; P1 + P2 = 170 jt, realised 75 + 20 = 95 jt
    assert t5[0] == ("1", "Sasaran: Layanan tepat waktu", "98,89", "Rp 170.000.000",
                     "Rp 95.000.000", "55,88", "1,77", "Efisien")
    assert t5[1][2:] == ("100,00", "Rp 150.000.000", "Rp 75.000.000", "50,00", "2,00", "Efisien")
    assert t5[2][2:] == ("100,00", "Rp 20.000.000", "Rp 20.000.000", "100,00", "1,00", "Efisien")
    t6 = rows_of(result, "3.6")
    assert [r[1] for r in t6] == ["P1", "K1", "P2", "K2", ""]
    assert [r[5] for r in t6] == ["50,00", "50,00", "100,00", "100,00", "55,88"]
    assert t6[-1][2:5] == ("Jumlah", "Rp 170.000.000", "Rp 95.000.000")


def test_narrative_quotes_numbers_and_user_texts(made):
    _path, result = made
    [story] = result.doc.narratives
    text = "\n".join(story.paragraphs)
    assert story.heading == "Sasaran 1: Layanan tepat waktu"
    for expected in ("ditargetkan 90% dan terealisasi 88%", "capaiannya 97,78%",
                     "Dibanding tahun 2024 (realisasi 86%), kinerjanya membaik",
                     "Faktor Pendorong: Pelayanan daring lewat aplikasi desa",
                     "Faktor Penghambat: Petugas pengaduan hanya satu orang",
                     "Tindak Lanjut: Menambah loket pelayanan terpadu", "status Perlu Usaha Keras"):
        assert expected in text, expected


def test_blank_user_texts_become_placeholders(tmp_path):
    path = years_workbook(tmp_path / "k.xlsx")
    wb = openpyxl.load_workbook(path)
    ws = wb["Sasaran"]
    for row in ws.iter_rows(min_row=3):
        for c in row:
            if isinstance(c.value, str) and c.value.startswith(("Pelayanan daring", "Petugas",
                                                                "Menambah")):
                c.value = None
    wb.save(path)
    [story] = plan_lkjip(read_grids(path)).narratives
    text = "\n".join(story.paragraphs)
    assert "[Faktor Pendorong belum diisi: isi kolom Faktor Pendorong di sheet Sasaran baris 3" \
        in text
    assert "[Tindak Lanjut belum diisi" in text


def test_workbook_without_optional_columns_is_marked_not_blank(sample_xlsx):
    doc = plan_lkjip(read_grids(sample_xlsx))
    assert doc.table("3.4").rows[0][2].startswith("Tidak ada indikator dengan kolom Standar")
    for table in doc.tables:
        if table.number == "3.4":
            continue
        for row in table.rows:
            assert all(v != "" for v in row[2:]), (table.number, row)  # no silent blank
    assert doc.table("3.3").rows[0][-1] == fmt.MARK


# Sheets, Word, PDF -------------------------------------------------------------------------------

def sheet_table(ws, ncols: int) -> list[tuple[str, ...]]:
    """The header and body rows of a generated LKjIP sheet (row 3 = the column header)."""
    out = []
    for row in ws.iter_rows(min_row=3, max_col=ncols, values_only=True):
        if row[2] is None and row[0] is None and row[1] is None:
            break
        out.append(tuple("" if v is None else str(v) for v in row))
    return out


def test_sheets_equal_the_tables_and_the_word_tables(made):
    path, result = made
    wb = openpyxl.load_workbook(path)
    document = docx.Document(str(result.docx))
    assert len(document.tables) == 6
    for table, word in zip(result.doc.tables, document.tables, strict=True):
        ws = wb[f"LKjIP {table.number}"]
        assert ws["A1"].value == table.title
        expected = [table.headers, *table.rows]
        assert sheet_table(ws, len(table.headers)) == expected
        assert [tuple(c.text for c in r.cells) for r in word.rows] == expected


def test_word_text_holds_titles_and_numbers(made):
    _path, result = made
    document = docx.Document(str(result.docx))
    text = "\n".join(p.text for p in document.paragraphs)
    for table in result.doc.tables:
        assert table.title in text
    cells = {c.text.replace(fmt.NBSP, " ") for t in document.tables for r in t.rows
             for c in r.cells}
    for number in ("97,78", "92,63", "75,00", "95,5", "Rp 170.000.000", "55,88", "1,77"):
        assert number in cells, number
    section = document.sections[0]
    assert section.page_width > section.page_height  # landscape


@needs_lo
@pytest.mark.skipif(not POPPLER, reason="poppler-utils not installed")
def test_word_opens_in_libreoffice_and_converts_to_pdf(made, tmp_path):
    _path, result = made
    [pdf] = convert_to_pdf([result.docx], tmp_path)
    assert pdf_pages(pdf) >= 2
    text = squash(pdf_text(pdf))
    for table in result.doc.tables:
        assert squash(table.title) in text, table.title
    for number in ("97,78", "92,63", "75,00", "Rp 170.000.000", "Perlu Usaha Keras",
                   "Akan Tercapai", "Pelayanan daring lewat aplikasi desa"):
        assert number in text, number


def test_user_sheet_with_the_same_name_is_refused(tmp_path):
    path = years_workbook(tmp_path / "k.xlsx")
    wb = openpyxl.load_workbook(path)
    wb.create_sheet("LKjIP 3.2")["A1"] = "catatan saya"
    wb.save(path)
    before = path.read_bytes()
    with pytest.raises(WorkbookError, match=r"LKjIP 3\.2"):
        make_lkjip_file(path, tmp_path / "x.docx")
    assert path.read_bytes() == before
    assert not (tmp_path / "x.docx").exists()


def test_rerun_replaces_its_own_sheets(made, tmp_path):
    path, _result = made
    again = make_lkjip_file(path, tmp_path / "again.docx")
    wb = openpyxl.load_workbook(path)
    assert [n for n in wb.sheetnames if n.startswith("LKjIP")] == again.sheets
    assert len(again.sheets) == 6


def test_cli(tmp_path):
    path = years_workbook(tmp_path / "k.xlsx")
    proc = subprocess.run([sys.executable, "-m", "kinerja_xl", "lkjip", str(path)],
                          capture_output=True, text=True, cwd=REPO, timeout=300)
    assert proc.returncode == 0, proc.stderr
    assert (tmp_path / "k_LKjIP_Bab3.docx").exists()
    assert "LKjIP 3.6" in proc.stdout
    bad = tmp_path / "bukan.xlsx"
    bad.write_text("bukan workbook")
    proc = subprocess.run([sys.executable, "-m", "kinerja_xl", "lkjip", str(bad)],
                          capture_output=True, text=True, cwd=REPO, timeout=300)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr


def test_table_sheet_repeats_its_header_when_printed(made):
    _path, result = made
    spec = table_sheet(result.doc.table("3.1"))
    assert spec.print.title_rows == (3, 3) and spec.print.orientation == "landscape"
