"""The hand transcription of the Kenohan seed (kinerja_xl/examples/kenohan.py).

Hand count (reading cascading_kenohan_2025.txt):
- the document has tables for 8 officials: CAMAT, KASUBBAG UMUM TATALAKSANA DAN KEPEGAWAIAN,
  KASUBBAG PROGRAM DAN KEUANGAN, KASI PELAYANAN UMUM, KASI KESEJAHTERAAN RAKYAT, KASI
  PEMERINTAHAN, KASI PEMBERDAYAAN MASYARAKAT DESA, KASI KETENTRAMAN DAN KETERTIBAN UMUM; with
  the Sekretaris Kecamatan (PJ of the programs) and the Bupati Kutai Kartanegara (the Camat's
  external atasan) -> 10 Pejabat rows;
- CAMAT: 1 sasaran with 4 Indikator Kinerja Utama (lines 29-36); the kegiatan table has
  13 numbered rows (lines 37-100; row 1 lost its number in the OCR, row 8 reads "s");
- KASUBBAG UMUM TATALAKSANA DAN KEPEGAWAIAN: rows 1-18 (left column of lines 110-143, then
  12-18 at lines 145-212); KASUBBAG PROGRAM DAN KEUANGAN: rows 1-9 (right column, 110-143);
- KASI PELAYANAN UMUM 5 rows, KASI KESEJAHTERAAN RAKYAT 2, KASI PEMERINTAHAN 1, KASI
  PEMBERDAYAAN MASYARAKAT DESA 3 (its rows 2 and 3 at lines 261-282), KASI KETENTRAMAN 1;
- so 18 + 9 + 5 + 2 + 1 + 3 + 1 = 39 Sub Kegiatan, 13 + 1 added = 14 Kegiatan, 5 Programs,
  and 1 + 4 + 5 + 14 + 39 = 63 indicators.
"""

from __future__ import annotations

from collections import Counter

import pytest

from kinerja_xl.core.contract import Level
from kinerja_xl.examples.kenohan import kenohan_plan


@pytest.fixture(scope="module")
def kenohan():
    return kenohan_plan()


def test_counts(kenohan):
    plan, _ = kenohan
    assert {lv: len(plan.levels[lv]) for lv in Level} == {
        Level.TUJUAN: 1, Level.SASARAN: 1, Level.PROGRAM: 5, Level.KEGIATAN: 14,
        Level.SUB_KEGIATAN: 39}
    assert sum(len(n.indicators) for n in plan.nodes()) == 63


def test_officials(kenohan):
    plan, _ = kenohan
    assert len(plan.officials) == 10
    bupati = plan.officials["BUPATI"]
    assert (bupati.jabatan, bupati.nip, bupati.atasan) == ("Bupati Kutai Kartanegara", "", "")
    for off in plan.officials.values():
        assert off.nama.startswith("(contoh) ")
        if off.id != "BUPATI":
            assert off.nip.startswith("(contoh) 19") and off.atasan in plan.officials
    jabatan = {o.jabatan for o in plan.officials.values()}
    assert {"Camat Kenohan", "Sekretaris Kecamatan",
            "Kasubbag Umum Tatalaksana dan Kepegawaian", "Kasubbag Program dan Keuangan",
            "Kasi Pelayanan Umum", "Kasi Kesejahteraan Rakyat", "Kasi Pemerintahan",
            "Kasi Pemberdayaan Masyarakat Desa",
            "Kasi Ketentraman dan Ketertiban Umum"} <= jabatan


def test_rows_per_official_table(kenohan):
    plan, _ = kenohan
    per_pic = Counter(n.pic for n in plan.levels[Level.SUB_KEGIATAN])
    assert per_pic == {"KASUBBAG-UMUM": 18, "KASUBBAG-PK": 9, "KASI-PELUM": 5,
                       "KASI-KESRA": 2, "KASI-PEM": 1, "KASI-PMD": 3, "KASI-TRANTIB": 1}
    assert {n.pic for n in plan.levels[Level.PROGRAM]} == {"SEKCAM"}
    assert {n.pic for n in plan.levels[Level.SASARAN]} == {"CAMAT"}


def test_camat_table_rows_each_once(kenohan):
    plan, notes = kenohan
    sources = [notes[(Level.KEGIATAN, n.code)][0] for n in plan.levels[Level.KEGIATAN]]
    numbers = sorted(int(s.split("baris ")[1].split(";")[0]) for s in sources
                     if s.startswith("Tabel Camat baris"))
    assert numbers == list(range(1, 14))


def test_camat_sasaran_and_iku(kenohan):
    plan, _ = kenohan
    [sasaran] = plan.levels[Level.SASARAN]
    assert sasaran.uraian == "Meningkatnya kualitas dan jangkauan pelayanan publik kecamatan"
    assert [i.name for i in sasaran.indicators] == [
        "Persentase keluhan masyarakat terhadap pelayanan kecamatan yang ditindaklanjuti",
        "Persentase capaian Ketenteraman dan Ketertiban Umum",
        "Pertumbuhan Pendapatan Asli Desa",
        "Pertumbuhan Pendapatan Asli Daerah Kewenangan Kecamatan",
    ]


def test_some_rows_word_for_word(kenohan):
    plan, _ = kenohan
    k = plan.find(Level.KEGIATAN, "P2.K2")  # Camat row 8 (OCR "s ITerlaksanannya …")
    assert k.sasaran == ("Terlaksanannya Penyelenggaraan Urusan Pemerintahan yang tidak "
                         "Dilaksanakan oleh Unit Kerja Perangkat Daerah yang Ada di Kecamatan")
    forum = plan.find(Level.SUB_KEGIATAN, "P1.K1.S2")  # Kasubbag Umum row 2 (OCR garbage)
    assert forum.indicators[0].name == (
        "Jumlah Pelaksanaan Forum Perangkat Daerah Berdasarkan Bidang Urusan Yang Diampu "
        "Dalam Rangka Penyusunan Dokumen Perencanaan Perangkat Daerah")
    kendaraan = plan.find(Level.SUB_KEGIATAN, "P1.K6.S1")  # row 17, "Uabatan" = Jabatan
    assert kendaraan.sasaran.endswith("Kendaraan Dinas Jabatan")
    gaji = plan.find(Level.SUB_KEGIATAN, "P1.K2.S1")
    assert gaji.indicators[0].name == "Jumlah Orang yang Menerima Gaji dan Tunjangan ASN"
    pmd = plan.find(Level.SUB_KEGIATAN, "P2.K3.S2")
    assert pmd.pic == "KASI-PMD"
    assert pmd.sasaran == ("Pelaksanaan Urusan Pemerintahan yang terkait dengan Kewenangan "
                           "Lain yang Dilimpahkan")


def test_parents_exist_and_budgets_only_on_sub_kegiatan(kenohan):
    plan, notes = kenohan
    for level in (Level.SASARAN, Level.PROGRAM, Level.KEGIATAN, Level.SUB_KEGIATAN):
        above = {n.code for n in plan.levels[level.parent]}
        assert all(n.parent_code in above for n in plan.levels[level])
    assert all(n.anggaran is None for n in plan.levels[Level.KEGIATAN])
    assert all(n.anggaran for n in plan.levels[Level.SUB_KEGIATAN])
    # what is not in the document says so
    assert "contoh" in notes[(Level.TUJUAN, "T1")][0]
    assert "tidak ada di tabel Camat" in notes[(Level.KEGIATAN, "P1.K7")][0]
