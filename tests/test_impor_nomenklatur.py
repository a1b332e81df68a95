"""Name matching against the kegiatan / sub kegiatan nomenclature."""

from __future__ import annotations

import itertools

from kinerja_xl.impor.nomenklatur import (
    NOMENKLATUR,
    PENUNJANG,
    kegiatan_of,
    program_of,
    same_name,
)

ADM_UMUM = "Administrasi Umum Perangkat Daerah"


def test_spelling_case_numbering_and_little_words_do_not_matter():
    assert kegiatan_of("Penyediaan Barang Cetak dan Penggandaan") == ADM_UMUM
    assert kegiatan_of("2. penyediaan  bahan logistik kantor") == ADM_UMUM
    assert same_name("Presentase Layanan Kecamatan", "Persentase layanan kecamatan")
    assert same_name("Jumlah sarana pendukung gedug kantor", "Jumlah sarana pendukung "
                     "gedung kantor")  # one-letter typo in a long word
    assert kegiatan_of("Koordinasi /Sinergi Dengan Perangkat Daerah Yang Tugas Dan Fungsinya di "
                       "Bidang Penegakan Peraturan Perundang-Undangan dan/atau Kepolisian "
                       "Negara Republik Indonesia") == (
        "Koordinasi Penerapan dan Penegakan Peraturan Daerah dan Peraturan Kepala Daerah")


def test_an_extra_word_is_a_different_name():
    assert not same_name("Penyediaan Peralatan dan Perlengkapan Kantor",
                         "Penyediaan Jasa Peralatan dan Perlengkapan Kantor")
    assert not same_name("Pelaksanaan Urusan Pemerintahan yang Terkait dengan Perizinan",
                         "Pelaksanaan Urusan Pemerintahan yang Terkait dengan Non Perizinan")
    assert kegiatan_of("Pemeliharaan Peralatan dan Mesin Lainnya") != kegiatan_of(
        "Pengadaan Peralatan dan Mesin Lainnya")
    assert kegiatan_of("Penyediaan Peralatan Kantor") is None


def test_no_two_entries_of_the_table_are_the_same_name():
    subs = [s for kegs in NOMENKLATUR.values() for subs in kegs.values() for s in subs]
    kegs = [k for kegs in NOMENKLATUR.values() for k in kegs]
    for a, b in itertools.combinations(subs + kegs, 2):
        assert not same_name(a, b), (a, b)


def test_program_of_kegiatan():
    assert program_of("Pengadaan Barang Milik Daerah Penunjang Urusan Pemerintahan Daerah") == \
        PENUNJANG
    assert program_of("Koordinasi Upaya Penyelenggaraan Ketenteraman dan Ketertiban Umum") == (
        "Program Koordinasi Ketentraman dan Ketertiban Umum")
