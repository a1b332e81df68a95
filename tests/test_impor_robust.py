"""Any jumble of export-like lines: the importer either refuses with ImportFailed or returns a
plan in which every line is used or reported, every node has a unique code and every parent
code exists one level up."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from kinerja_xl.core.contract import Level
from kinerja_xl.impor.esakip import ImportFailed, parse_text

LINES = st.sampled_from([
    "", " ", "↓", "CASCADING KECAMATAN X TAHUN 2024", "Eselon IV", "TUJUAN\t\t", "SASARAN",
    "Tujuan SKPD\tIndikator Kinerja Tujuan\tPenjelasan",
    "Tujuan A\tIndikator A\tFormulasi = a - Tipe Perhitungan = Non Kumulatif",
    "1. tujuan a\tIndikator B\t<p>Sumber Data : x</p>",
    "Program 1", "Program 2", "Kegiatan 1", "Kegiatan 2", "Sub Kegiatan 1", "Sub Kegiatan 3",
    "Sasaran Program", "Sasaran Kegiatan 2", "Sasaran Sub Kegiatan 1",
    "Indikator Kinerja Program", "Indikator Kinerja Kegiatan 1",
    "Indikator Kinerja Sub Kegiatan 2", "Penjelasan",
    "Penyediaan Gaji dan Tunjangan ASN", "Administrasi Keuangan Perangkat Daerah",
    "- Jumlah A - Jumlah B", "Jumlah dokumen b. Tipe Penghitungan : Komulatif Negatif",
    "teks bebas ←", "<p>a. Formulasi :</p>",
])


BLOCKS = st.sampled_from([
    ["Program 1", "Program Penunjang Urusan Pemerintahan Daerah Kabupaten/Kota"],
    ["Kegiatan 1", "Administrasi Umum Perangkat Daerah"],
    ["Kegiatan 2", "Administrasi Keuangan Perangkat Daerah"],
    ["Sub Kegiatan 1", "Penyediaan Bahan Logistik Kantor"],
    ["Sub Kegiatan 2", "Penyediaan Gaji dan Tunjangan ASN"],
    ["Sub Kegiatan 1", "Sub kegiatan lain"],
    ["Sasaran Sub Kegiatan 2", "Tersedianya Gaji"],
    ["Indikator Kinerja Kegiatan 1", "Jumlah laporan", "Penjelasan",
     "a. Formulasi = x b. Tipe Penghitungan : Kumulatif"],
    ["Indikator Kinerja Sub Kegiatan 1", "- A - B", "Penjelasan", "Tipe Perhitungan = Non"],
    ["Jumlah lepas", "Penjelasan", "Jumlah lepas b. Tipe Penghitungan : Kumulatif"],
])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(LINES.map(lambda line: [line]), BLOCKS), min_size=0, max_size=40))
def test_every_line_accounted_and_tree_consistent(chunks):
    text = "\n".join(line for chunk in chunks for line in chunk)
    try:
        res = parse_text(text)
    except ImportFailed:
        return
    assert res.accounted() == set(range(1, res.line_count + 1))
    for level in Level:
        codes = [n.code for n in res.plan.levels[level]]
        assert len(codes) == len(set(codes)), codes
    for level in Level:
        if level.parent is None:
            continue
        above = {n.code for n in res.plan.levels[level.parent]}
        for n in res.plan.levels[level]:
            assert n.parent_code == "" or n.parent_code in above, (level, n.parent_code)
