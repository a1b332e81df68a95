"""Standard names of kecamatan programs, kegiatan and sub kegiatan, and fuzzy name matching.

Source: the klasifikasi, kodefikasi dan nomenklatur of Permendagri 90/2019 as updated by
Kepmendagri 050-5889/2021 — urusan penunjang (X.XX.01, every perangkat daerah) and the
kecamatan programs (7.01.02 … 7.01.06). Only the part a kecamatan uses is kept. Names confirmed
by the seed documents are marked "seed"; the others are written from the regulation's appendix
and should be checked against it before being relied on elsewhere.

Why: e-SAKIP exports often list sub kegiatan without saying which kegiatan they belong to. The
importer looks the sub kegiatan up here to find its kegiatan (and marks the link as inferred).
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher

PENUNJANG = "Program Penunjang Urusan Pemerintahan Daerah Kabupaten/Kota"

# program -> kegiatan -> sub kegiatan
NOMENKLATUR: dict[str, dict[str, tuple[str, ...]]] = {
    PENUNJANG: {
        "Perencanaan, Penganggaran, dan Evaluasi Kinerja Perangkat Daerah": (
            "Penyusunan Dokumen Perencanaan Perangkat Daerah",
            "Koordinasi dan Penyusunan Dokumen RKA-SKPD",
            "Koordinasi dan Penyusunan Dokumen Perubahan RKA-SKPD",
            "Koordinasi dan Penyusunan DPA-SKPD",
            "Koordinasi dan Penyusunan Perubahan DPA-SKPD",
            "Koordinasi dan Penyusunan Laporan Capaian Kinerja dan Ikhtisar Realisasi Kinerja "
            "SKPD",
            "Evaluasi Kinerja Perangkat Daerah",  # seed
        ),
        "Administrasi Keuangan Perangkat Daerah": (
            "Penyediaan Gaji dan Tunjangan ASN",  # seed
            "Penyediaan Administrasi Pelaksanaan Tugas ASN",  # seed
            "Pelaksanaan Penatausahaan dan Pengujian/Verifikasi Keuangan SKPD",
            "Koordinasi dan Pelaksanaan Akuntansi SKPD",
            "Koordinasi dan Penyusunan Laporan Keuangan Akhir Tahun SKPD",
            "Pengelolaan dan Penyiapan Bahan Tanggapan Pemeriksaan",
            "Koordinasi dan Penyusunan Laporan Keuangan Bulanan/Triwulanan/Semesteran SKPD",
            "Penyusunan Pelaporan dan Analisis Prognosis Realisasi Anggaran",
        ),
        "Administrasi Barang Milik Daerah pada Perangkat Daerah": (
            "Penyusunan Perencanaan Kebutuhan Barang Milik Daerah SKPD",
            "Pengamanan Barang Milik Daerah SKPD",
            "Koordinasi dan Penilaian Barang Milik Daerah SKPD",
            "Pembinaan, Pengawasan, dan Pengendalian Barang Milik Daerah pada SKPD",
            "Rekonsiliasi dan Penyusunan Laporan Barang Milik Daerah pada SKPD",
            "Penatausahaan Barang Milik Daerah pada SKPD",
            "Pemanfaatan Barang Milik Daerah SKPD",
        ),
        "Administrasi Kepegawaian Perangkat Daerah": (
            "Peningkatan Sarana dan Prasarana Disiplin Pegawai",
            "Pengadaan Pakaian Dinas Beserta Atribut Kelengkapannya",
            "Pendataan dan Pengolahan Administrasi Kepegawaian",
            "Koordinasi dan Pelaksanaan Sistem Informasi Kepegawaian",
            "Monitoring, Evaluasi, dan Penilaian Kinerja Pegawai",
            "Pendidikan dan Pelatihan Pegawai Berdasarkan Tugas dan Fungsi",
            "Sosialisasi Peraturan Perundang-Undangan",
            "Bimbingan Teknis Implementasi Peraturan Perundang-Undangan",
        ),
        "Administrasi Umum Perangkat Daerah": (
            "Penyediaan Komponen Instalasi Listrik/Penerangan Bangunan Kantor",  # seed
            "Penyediaan Peralatan dan Perlengkapan Kantor",  # seed
            "Penyediaan Peralatan Rumah Tangga",  # seed
            "Penyediaan Bahan Logistik Kantor",  # seed
            "Penyediaan Barang Cetakan dan Penggandaan",  # seed ("Cetak")
            "Penyediaan Bahan Bacaan dan Peraturan Perundang-undangan",
            "Penyediaan Bahan/Material",
            "Fasilitasi Kunjungan Tamu",
            "Penyelenggaraan Rapat Koordinasi dan Konsultasi SKPD",  # seed
            "Penatausahaan Arsip Dinamis pada SKPD",
            "Dukungan Pelaksanaan Sistem Pemerintahan Berbasis Elektronik pada SKPD",
        ),
        "Pengadaan Barang Milik Daerah Penunjang Urusan Pemerintah Daerah": (
            "Pengadaan Kendaraan Perorangan Dinas atau Kendaraan Dinas Jabatan",
            "Pengadaan Kendaraan Dinas Operasional atau Lapangan",
            "Pengadaan Alat Besar",
            "Pengadaan Alat Angkutan Darat Tak Bermotor",
            "Pengadaan Mebel",
            "Pengadaan Peralatan dan Mesin Lainnya",  # seed
            "Pengadaan Aset Tetap Lainnya",
            "Pengadaan Aset Tak Berwujud",
            "Pengadaan Gedung Kantor atau Bangunan Lainnya",
            "Pengadaan Sarana dan Prasarana Gedung Kantor atau Bangunan Lainnya",
            "Pengadaan Sarana dan Prasarana Pendukung Gedung Kantor atau Bangunan Lainnya",  # seed
        ),
        "Penyediaan Jasa Penunjang Urusan Pemerintahan Daerah": (
            "Penyediaan Jasa Surat Menyurat",
            "Penyediaan Jasa Komunikasi, Sumber Daya Air dan Listrik",  # seed
            "Penyediaan Jasa Peralatan dan Perlengkapan Kantor",  # seed
            "Penyediaan Jasa Pelayanan Umum Kantor",  # seed
        ),
        "Pemeliharaan Barang Milik Daerah Penunjang Urusan Pemerintahan Daerah": (
            "Penyediaan Jasa Pemeliharaan, Biaya Pemeliharaan, dan Pajak Kendaraan Perorangan "
            "Dinas atau Kendaraan Dinas Jabatan",
            "Penyediaan Jasa Pemeliharaan, Biaya Pemeliharaan, Pajak dan Perizinan Kendaraan "
            "Dinas Operasional atau Lapangan",  # seed
            "Penyediaan Jasa Pemeliharaan, Biaya Pemeliharaan, Pajak, dan Perizinan Alat Besar",
            "Penyediaan Jasa Pemeliharaan, Biaya Pemeliharaan dan Perizinan Alat Angkutan Darat "
            "Tak Bermotor",
            "Pemeliharaan Mebel",
            "Pemeliharaan Peralatan dan Mesin Lainnya",  # seed
            "Pemeliharaan Aset Tetap Lainnya",
            "Pemeliharaan Aset Tak Berwujud",
            "Pemeliharaan/Rehabilitasi Gedung Kantor dan Bangunan Lainnya",  # seed
            "Pemeliharaan/Rehabilitasi Sarana dan Prasarana Gedung Kantor atau Bangunan Lainnya",
        ),
    },
    "Program Penyelenggaraan Pemerintahan dan Pelayanan Publik": {
        "Koordinasi Penyelenggaraan Kegiatan Pemerintahan di Tingkat Kecamatan": (
            "Koordinasi/Sinergi Perencanaan dan Pelaksanaan Kegiatan Pemerintahan dengan "
            "Perangkat Daerah dan Instansi Vertikal Terkait",  # seed (Kenohan)
            "Peningkatan Efektifitas Kegiatan Pemerintahan di Tingkat Kecamatan",  # seed
            "Fasilitasi Percepatan Pencapaian Standar Pelayanan Minimal di Wilayah Kecamatan",
            "Peningkatan Efektifitas Pelaksanaan Pelayanan kepada Masyarakat di Wilayah "
            "Kecamatan",  # seed
        ),
        "Penyelenggaraan Urusan Pemerintahan yang Tidak Dilaksanakan oleh Unit Kerja "
        "Perangkat Daerah yang Ada di Kecamatan": (
            "Pelaksanaan Kegiatan Urusan Pemerintahan yang Tidak Dilaksanakan oleh Unit Kerja "
            "Perangkat Daerah yang Ada di Kecamatan",
        ),
        "Pelaksanaan Urusan Pemerintahan yang Dilimpahkan kepada Camat": (
            "Pelaksanaan Urusan Pemerintahan yang Terkait dengan Perizinan",
            "Pelaksanaan Urusan Pemerintahan yang Terkait dengan Non Perizinan",  # seed
            "Pelaksanaan Urusan Pemerintahan yang Terkait dengan Kewenangan Lain yang "
            "Dilimpahkan",  # seed
        ),
    },
    "Program Pemberdayaan Masyarakat Desa dan Kelurahan": {
        "Koordinasi Kegiatan Pemberdayaan Desa": (
            "Peningkatan Partisipasi Masyarakat dalam Forum Musyawarah Perencanaan Pembangunan "
            "di Desa",  # seed
            "Sinkronisasi Program Kerja dan Kegiatan Pemberdayaan Masyarakat yang Dilakukan oleh "
            "Pemerintah dan Swasta di Wilayah Kerja Kecamatan",  # seed
            "Peningkatan Efektifitas Kegiatan Pemberdayaan Masyarakat di Wilayah Kecamatan",
        ),
        "Kegiatan Pemberdayaan Kelurahan": (
            "Pembangunan Sarana dan Prasarana Kelurahan",
            "Pemberdayaan Masyarakat di Kelurahan",
        ),
    },
    "Program Koordinasi Ketentraman dan Ketertiban Umum": {
        "Koordinasi Upaya Penyelenggaraan Ketentraman dan Ketertiban Umum": (
            "Sinergitas dengan Kepolisian Negara Republik Indonesia, Tentara Nasional Indonesia "
            "dan Instansi Vertikal di Wilayah Kecamatan",  # seed
            "Harmonisasi Hubungan dengan Tokoh Agama dan Tokoh Masyarakat",  # seed
        ),
        "Koordinasi Penerapan dan Penegakan Peraturan Daerah dan Peraturan Kepala Daerah": (
            "Koordinasi/Sinergi dengan Perangkat Daerah yang Tugas dan Fungsinya di Bidang "
            "Penegakan Peraturan Perundang-Undangan dan/atau dengan Kepolisian Negara Republik "
            "Indonesia",  # seed
        ),
    },
    "Program Penyelenggaraan Urusan Pemerintahan Umum": {
        "Penyelenggaraan Urusan Pemerintahan Umum Sesuai Penugasan Kepala Daerah": (
            "Pembinaan Persatuan dan Kesatuan Bangsa",
            "Penanganan Konflik Sosial",
            "Koordinasi Pelaksanaan Tugas Antarinstansi Pemerintahan yang Ada di Wilayah "
            "Kecamatan",
        ),
    },
    "Program Pembinaan dan Pengawasan Pemerintahan Desa": {
        "Fasilitasi, Rekomendasi dan Koordinasi Pembinaan dan Pengawasan Pemerintahan Desa": (
            "Fasilitasi Penyusunan Produk Hukum Desa",
            "Fasilitasi Administrasi Tata Pemerintahan Desa",
            "Fasilitasi Pengelolaan Keuangan Desa dan Pendayagunaan Aset Desa",  # seed
            "Fasilitasi Penerapan dan Pengembangan Teknologi Tepat Guna",
            "Fasilitasi Pelaksanaan Pemilihan Kepala Desa",  # seed
        ),
    },
}

# Spelling variants seen in real documents, mapped to one form before comparing.
_WORD_VARIANTS = {
    "cetak": "cetakan",
    "presentase": "persentase",
    "prosentase": "persentase",
    "ketenteraman": "ketentraman",
    "efektivitas": "efektifitas",
    "perijinan": "perizinan",
    "nonperizinan": "non perizinan",
    "pemerintah": "pemerintahan",
    "terlaksanannya": "terlaksananya",
    "tersediannya": "tersedianya",
    "komulatif": "kumulatif",
}
_NUMBERING = re.compile(r"^\s*(?:\d+[.)]|[a-z][.)]|[-–•])\s+", re.IGNORECASE)
_NON_WORD = re.compile(r"[^0-9a-z]+")
# Little words that documents add or drop freely ("dan/atau dengan Kepolisian").
_STOP = frozenset({"dan", "dengan", "yang", "di", "atau", "pada", "serta", "untuk", "dalam",
                   "ke", "oleh", "the"})
_TYPO = 0.8  # character similarity from which two long words are one word misspelt


def words(text: str) -> list[str]:
    """The comparison words of a name: lower case, no numbering or punctuation, variants unified."""
    text = _NUMBERING.sub("", text.replace("\u00a0", " ")).casefold()
    out: list[str] = []
    for word in _NON_WORD.sub(" ", text).split():
        out.extend(_WORD_VARIANTS.get(word, word).split())
    return out


def norm_name(text: str) -> str:
    """A canonical key of a name (see `words`)."""
    return " ".join(words(text))


def _same_word(a: str, b: str) -> bool:
    if a == b:
        return True
    if min(len(a), len(b)) < 5:
        return False
    return SequenceMatcher(None, a, b, autojunk=False).ratio() >= _TYPO


def same_name(a: str, b: str) -> bool:
    """True when a and b name the same thing: the same content words in the same order, up to
    case, punctuation, numbering, little words, known variants and one-letter typos per word.
    A whole extra word ("Jasa", "Non", "Perubahan") makes a different name."""
    wa = [w for w in words(a) if w not in _STOP]
    wb = [w for w in words(b) if w not in _STOP]
    return bool(wa) and len(wa) == len(wb) and all(map(_same_word, wa, wb))


def best_match(name: str, candidates: list[str]) -> str | None:
    """The first candidate that is the same name (exact normalised match preferred)."""
    key = norm_name(name)
    exact = [c for c in candidates if norm_name(c) == key]
    if exact:
        return exact[0]
    return next((c for c in candidates if same_name(name, c)), None)


_SUB_TO_KEGIATAN = {sub: keg for kegs in NOMENKLATUR.values() for keg, subs in kegs.items()
                    for sub in subs}


def kegiatan_of(sub_kegiatan: str) -> str | None:
    """The standard kegiatan name whose sub kegiatan matches `sub_kegiatan`, or None."""
    match = best_match(sub_kegiatan, list(_SUB_TO_KEGIATAN))
    return _SUB_TO_KEGIATAN[match] if match else None


def program_of(kegiatan: str) -> str | None:
    """The standard program name of a kegiatan name, or None."""
    by_keg = {keg: prog for prog, kegs in NOMENKLATUR.items() for keg in kegs}
    match = best_match(kegiatan, list(by_keg))
    return by_keg[match] if match else None


_NAMES_BY_LEVEL: dict[str, list[str]] = {
    "program": list(NOMENKLATUR),
    "kegiatan": [keg for kegs in NOMENKLATUR.values() for keg in kegs],
    "sub kegiatan": list(_SUB_TO_KEGIATAN),
}
_KEYS_BY_LEVEL = {lv: {norm_name(n) for n in names} for lv, names in _NAMES_BY_LEVEL.items()}


def level_word_of(name: str) -> str | None:
    """'program', 'kegiatan' or 'sub kegiatan' when name is in the nomenclature, else None
    (an exact normalised match first, then the fuzzy `same_name`)."""
    key = norm_name(name)
    for level, keys in _KEYS_BY_LEVEL.items():
        if key in keys:
            return level
    for level, names in _NAMES_BY_LEVEL.items():
        if any(same_name(name, n) for n in names):
            return level
    return None
