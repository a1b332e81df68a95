"""The e-SAKIP importer on the full Kebasen seed, checked against counts made by hand.

Hand count (reading cascading_kebasen_2023.txt, 550 lines):
- Tujuan: the TUJUAN table is repeated in the 5 CASCADING blocks (lines 9, 282, 346, 408,
  494), always "Mewujudkan kinerja pelayanan Kecamatan yang prima" -> 1 node, 1 indicator (IKM).
- Sasaran: lines 17, 290, 354, 416, 502; the same statement up to case and a leading "1. ",
  indicator "Persentase"/"Presentase Layanan Kecamatan diselesaikan tepat Waktu" -> 1 node,
  1 indicator.
- Program: headings "Program 1".."Program 5" (lines 23, 296, 361, 422, 508) -> 5, one
  indicator each.
- Kegiatan: Program 1 has Kegiatan 1-6 (lines 34, 40, 46, 52, 58, 143), Program 2 one (309),
  Program 3 one (372), Program 4 two, both headed "Kegiatan 1" (435, 446), Program 5 one (521)
  -> 11, one indicator each (P1's Kegiatan 1-5 get theirs from the five loose indicator blocks
  at lines 64, 68, 72, 76, 80; Kegiatan 6 from line 148).
- Sub Kegiatan: Program 1 headings at lines 86, 95, 104, 113, 122, 131, 134, 137, 140, 188,
  199, 210, 221, 232, 245, 256, 267 (17); Program 2: 320, 331 (2); Program 3: 384, 393 (2);
  Program 4: 457, 468, 479 (3); Program 5: 532, 543 (2) -> 26. One indicator each except
  line 250 "- Jumlah cetak yang tersedia - Jumlah penggandaan yang tersedia" (2) -> 27.
- Indicators: 1 + 1 + 5 + 11 + 27 = 45. Penjelasan headings: 42 = 5 + 11 + 26.
- Blank lines (empty or spaces only, e.g. line 358): 135. Lines with only "↓": 243, 254,
  265, 307, 318, 329, 433, 444, 455, 466, 477 (11). "Eselon" labels: 3 per block -> 15.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from kinerja_xl.core.contract import Level, Polarity, Tipe
from kinerja_xl.impor.esakip import (
    NOTE_NOMENKLATUR,
    NOTE_PAIRED,
    ImportResult,
    parse_bytes,
    parse_text,
    read_penjelasan,
    strip_html,
)
from kinerja_xl.impor.report import Kind

REPO = Path(__file__).resolve().parent.parent
SEED = REPO / "kinerja_xl" / "examples" / "cascading_kebasen_2023.txt"
SHARED_SEED = REPO.parent / "shared" / "seeds" / "cascading_kebasen_2023.txt"


@pytest.fixture(scope="module")
def kebasen() -> ImportResult:
    return parse_bytes(SEED.read_bytes())


def node(result: ImportResult, level: Level, code: str):
    found = result.plan.find(level, code)
    assert found is not None, f"{level.sheet} {code} missing"
    return found


def test_repo_copy_is_the_seed():
    if not SHARED_SEED.exists():
        pytest.skip("shared seeds not available")
    assert SEED.read_bytes() == SHARED_SEED.read_bytes()


def test_counts_match_the_hand_count(kebasen):
    assert kebasen.counts() == {"Tujuan": 1, "Sasaran": 1, "Program": 5, "Kegiatan": 11,
                                "Sub Kegiatan": 26, "Indikator": 45}
    per_level = {lv: sum(len(n.indicators) for n in kebasen.plan.levels[lv]) for lv in Level}
    assert per_level == {Level.TUJUAN: 1, Level.SASARAN: 1, Level.PROGRAM: 5,
                         Level.KEGIATAN: 11, Level.SUB_KEGIATAN: 27}
    assert kebasen.line_count == 550


def test_settings_from_the_title(kebasen):
    assert kebasen.plan.settings.nama_instansi == "Kecamatan Kebasen"
    assert kebasen.plan.settings.tahun == 2023


def test_every_line_is_used_or_reported(kebasen):
    assert kebasen.accounted() == set(range(1, 551))
    # the safety net of parse_text was not needed: the walk accounted for every line itself
    assert not [e for e in kebasen.report if "tidak terpakai" in e.message]


def test_boilerplate_is_grouped_and_counted(kebasen):
    info = {e.message.split(" ", 1)[1]: e.lines for e in kebasen.report if e.kind is Kind.INFO
            and e.message[:1].isdigit()}
    assert len(info["baris kosong"]) == 135
    assert info["baris berisi tanda panah saja (↓)"] == (243, 254, 265, 307, 318, 329, 433,
                                                         444, 455, 466, 477)
    assert len(info["label Eselon (tingkat jabatan; tidak disimpan)"]) == 15
    # the first title is used for the settings, the 4 repeats are boilerplate
    assert info["judul dokumen 'CASCADING …' (diulang di setiap blok)"] == (276, 340, 402, 488)


def test_tujuan_and_sasaran_repeats_are_merged(kebasen):
    tujuan = node(kebasen, Level.TUJUAN, "T1")
    assert tujuan.uraian == "Mewujudkan kinerja pelayanan Kecamatan yang prima"
    [ikm] = tujuan.indicators
    assert ikm.name == "Indeks Kepuasan Masyarakat (IKM) Pelayanan Kecamatan"
    assert (ikm.formulasi, ikm.tipe, ikm.sumber_data) == (
        "Indeks Kepuasan Masyarakat", Tipe.NON_KUMULATIF,
        "Laporan hasil survey kepuasan masyarakat")
    sasaran = node(kebasen, Level.SASARAN, "S1")
    assert sasaran.parent_code == "T1"
    assert [i.name for i in sasaran.indicators] == [
        "Persentase Layanan Kecamatan diselesaikan tepat Waktu"]
    merged = [e for e in kebasen.report if e.kind is Kind.DIGABUNG]
    assert [e.lines for e in merged] == [(282, 346, 408, 494), (290, 354, 416, 502)]
    assert "416, 502" in merged[1].message  # their Sumber Data adds "Kebasen"


def test_program_fields_html_and_negative_tipe(kebasen):
    p2 = node(kebasen, Level.PROGRAM, "P2")
    assert p2.parent_code == "S1"
    assert p2.uraian == "Program Penyelenggaraan Pemerintahan dan Pelayanan Publik"
    assert p2.sasaran == "Meningkatnya Penyelenggaraan Pemerintahan dan Pelayanan Publik"
    [ind] = p2.indicators
    assert ind.name == "Persentase Pemohon Pelayanan di Kecamatan yang terlayani dengan baik"
    assert ind.tipe_text == "Komulatif Negatif"
    assert (ind.tipe, ind.polarity) == (Tipe.KUMULATIF, Polarity.NEGATIF)
    assert ind.formulasi == "Jumlah pengaduan pelayanan dibagi Jumlah pemohon X 100%"
    assert ind.sumber_data == "Data permohonan administrasi kependudukan dan PATEN"
    p4 = node(kebasen, Level.PROGRAM, "P4").indicators[0]
    assert (p4.tipe_text, p4.tipe, p4.polarity) == ("1. Kumulatif", Tipe.KUMULATIF,
                                                    Polarity.POSITIF)
    p3 = node(kebasen, Level.PROGRAM, "P3").indicators[0]
    assert p3.formulasi.startswith("Jumlah desa yang memiliki dokumen perencanaan baik")
    assert p3.sumber_data == "Data Kasi Permas dan Ekbang Kecamatan Kebasen"
    assert "<" not in p3.formulasi + p3.sumber_data


def test_loose_indicator_blocks_pair_with_empty_headings(kebasen):
    names = {k.code: k.indicators[0].name for k in kebasen.plan.levels[Level.KEGIATAN]}
    assert names["P1.K1"] == "Jumlah dokumen perencanaan dan evaluasi kinerja yang disusun"
    assert names["P1.K2"] == "Tertib administrasi keuangan"
    assert names["P1.K5"] == "Jumlah barang milik daerah yang tersedia"
    assert names["P1.K6"] == "Jumlah barang milik daerah yang dipelihara"
    assert NOTE_PAIRED in kebasen.notes[(Level.KEGIATAN, "P1.K1")]
    assert (Level.KEGIATAN, "P1.K6") not in kebasen.notes  # its indicator sits under it
    k2 = node(kebasen, Level.KEGIATAN, "P1.K2").indicators[0]
    assert (k2.formulasi, k2.tipe) == ("Tertib administrasi keuangan", Tipe.KUMULATIF)


def test_sasaran_blocks_without_title_pair_with_title_only_sub_kegiatan(kebasen):
    sub = node(kebasen, Level.SUB_KEGIATAN, "P1.K3.S2")
    assert sub.uraian == "Penyediaan Peralatan dan Perlengkapan Kantor"
    assert sub.sasaran == "Tersedianya Peralatan dan Perlengkapan Kantor"
    [ind] = sub.indicators
    assert ind.name == "Jumlah peralatan dan perlengkapan kantor yang tersedia"
    assert ind.formulasi == "Jumlah ATK, Perangko dan Materai yang dibutuhkan dan tersedia"
    assert ind.sumber_data == "Data Subag Umum dan Kepegawaian"
    notes = kebasen.notes[(Level.SUB_KEGIATAN, "P1.K3.S2")]
    assert NOTE_NOMENKLATUR in notes and NOTE_PAIRED in notes


def test_parents_by_nomenclature_and_codes(kebasen):
    parents = {s.code: s.parent_code for s in kebasen.plan.levels[Level.SUB_KEGIATAN]}
    # Program 1 by nomenclature; the numbers in the codes are those of the source
    assert {c for c, p in parents.items() if p == "P1.K3"} == {
        "P1.K3.S1", "P1.K3.S2", "P1.K3.S3", "P1.K3.S4", "P1.K3.S5", "P1.K3.S6"}
    cetak = node(kebasen, Level.SUB_KEGIATAN, "P1.K3.S5")
    assert cetak.uraian == "Penyediaan Barang Cetak dan Penggandaan"  # "Cetak" ~ "Cetakan"
    assert node(kebasen, Level.SUB_KEGIATAN, "P1.K6.S3").uraian == (
        "Pemeliharaan/Rehabilitasi Gedung Kantor dan Bangunan Lainnya")
    # Program 4: two headings "Kegiatan 1"; the second becomes P4.K2. Document order would put
    # all three sub kegiatan under it; the nomenclature splits them 2 + 1.
    assert node(kebasen, Level.KEGIATAN, "P4.K2").uraian.startswith("Koordinasi Penerapan")
    assert parents["P4.K1.S1"] == parents["P4.K1.S2"] == "P4.K1"
    assert node(kebasen, Level.SUB_KEGIATAN, "P4.K2.S1").uraian.startswith("Koordinasi /Sinergi")
    # a single kegiatan in the program: the parent is certain, no note
    assert parents["P2.K1.S2"] == "P2.K1"
    assert (Level.SUB_KEGIATAN, "P2.K1.S1") not in kebasen.notes
    inferred = [k for k, v in kebasen.notes.items() if NOTE_NOMENKLATUR in v]
    assert len(inferred) == 17 + 3  # all of Program 1 and of Program 4


def test_two_indicators_on_one_line(kebasen):
    sub = node(kebasen, Level.SUB_KEGIATAN, "P1.K3.S5")
    assert [i.name for i in sub.indicators] == ["Jumlah cetak yang tersedia",
                                                "Jumlah penggandaan yang tersedia"]
    assert sub.indicators[0].sumber_data == sub.indicators[1].sumber_data == (
        "Data Sekretariat/Subag Umum dan Kepegawaian")


def test_trailing_arrow_is_dropped_and_reported(kebasen):
    sub = node(kebasen, Level.SUB_KEGIATAN, "P1.K6.S3")
    assert sub.sasaran == ("Terlaksananya Pemeliharaan / Rehabilitasi Gedung Kantor dan "
                           "Bangunan Lainnya")
    assert any(e.lines == (270,) and "panah" in e.message for e in kebasen.report)


def test_penjelasan_variants():
    p = read_penjelasan("<p>a. Formulasi :</p> <p>Jumlah desa X 100%</p> <p>b. Tipe "
                        "Penghitungan = Non Kumulatif</p> <p>c. Sumber Data =</p> <p>Data Kasi"
                        "</p>")
    assert (p.formulasi, p.tipe_text, p.sumber) == ("Jumlah desa X 100%", "Non Kumulatif",
                                                    "Data Kasi")
    p = read_penjelasan("Tertib administrasi b. Tipe Penghitungan : Kumulatif c. Sumber Data :"
                        " Data realisasi")
    assert (p.formulasi, p.tipe_text, p.sumber) == ("Tertib administrasi", "Kumulatif",
                                                    "Data realisasi")
    assert strip_html('<ul style="x"> - A &amp; B</ul>') == "- A & B"


MINI = """CASCADING KECAMATAN CONTOH TAHUN 2025

Program 1
Program Penunjang Urusan Pemerintahan Daerah Kabupaten/Kota
Sasaran Program
Meningkatnya administrasi
Indikator Kinerja Program
Persentase administrasi tertib
Penjelasan
Formulasi : a dibagi b b. Tipe Penghitungan : Rata-rata c. Sumber Data : Laporan
catatan yang tidak dikenali

Kegiatan 1
Administrasi Umum Perangkat Daerah
Sasaran Kegiatan
Terlaksananya administrasi umum
Indikator Kinerja Kegiatan 1
Jumlah paket
Penjelasan
Jumlah paket b. Tipe Penghitungan : Kumulatif

Kegiatan 2
Kegiatan Buatan Sendiri
Sasaran Kegiatan
Terlaksananya kegiatan buatan
Indikator Kinerja Kegiatan 2
Jumlah kegiatan
Penjelasan
Jumlah kegiatan

Sub Kegiatan 1
Sub Kegiatan Yang Tidak Ada Di Nomenklatur
Sasaran Sub Kegiatan 1
Terlaksananya sub kegiatan
Indikator Kinerja Sub Kegiatan 1
Jumlah laporan
Penjelasan
Jumlah laporan b. Tipe Penghitungan : Non Kumulatif
"""


def test_small_export_fallbacks_and_skipped_line():
    res = parse_text(MINI)
    assert res.counts() == {"Tujuan": 0, "Sasaran": 0, "Program": 1, "Kegiatan": 2,
                            "Sub Kegiatan": 1, "Indikator": 4}
    prog = res.plan.find(Level.PROGRAM, "P1")
    assert prog.indicators[0].tipe is Tipe.RATA_RATA
    # a Penjelasan runs to the next blank line: line 11 continues the Sumber Data of line 10
    assert prog.indicators[0].sumber_data == "Laporan catatan yang tidak dikenali"
    # not in the nomenclature, two kegiatan: document order (the last kegiatan before it)
    sub = res.plan.find(Level.SUB_KEGIATAN, "P1.K2.S1")
    assert sub is not None and sub.parent_code == "P1.K2"
    assert res.notes[(Level.SUB_KEGIATAN, "P1.K2.S1")] == [
        "Induk disimpulkan dari urutan dokumen — mohon konfirmasi"]
    # no Tipe in the Penjelasan of Kegiatan 2 (indicator on line 27): defaulted, reported
    assert any(e.kind is Kind.PERINGATAN and e.lines == (27,) for e in res.report)
    assert res.plan.find(Level.KEGIATAN, "P1.K2").indicators[0].tipe is Tipe.NON_KUMULATIF
    assert res.accounted() == set(range(1, res.line_count + 1))


def test_unknown_text_is_reported_with_its_line():
    text = MINI.replace("catatan yang tidak dikenali\n", "\ncatatan yang tidak dikenali\n")
    res = parse_text(text)
    skipped = [e for e in res.report if e.kind is Kind.DILEWATI]
    assert [(e.lines, "catatan yang tidak dikenali" in e.message) for e in skipped] == [
        ((12,), True)]


def test_windows_line_endings_and_bom_give_the_same_result(kebasen):
    data = b"\xef\xbb\xbf" + SEED.read_bytes().replace(b"\n", b"\r\n")
    res = parse_bytes(data)
    assert res.counts() == kebasen.counts()
    assert res.line_count == 550
    assert [(e.kind, e.lines) for e in res.report] == [(e.kind, e.lines) for e in kebasen.report]


def test_parser_is_pure():
    """The parser and its helpers import no spreadsheet library (DESIGN §6)."""
    import subprocess
    import sys

    code = ("import sys, kinerja_xl.impor.esakip, kinerja_xl.impor.nomenklatur; "
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('openpyxl', 'xlwings')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         cwd=REPO, check=True).stdout.strip()
    assert out == "[]"
