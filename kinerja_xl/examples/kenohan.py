"""Kecamatan Kenohan 2025: the cascading document transcribed by hand (seed
`cascading_kenohan_2025.txt`, an OCR of a PDF table).

What comes from the document, word for word (the source's spelling kept, e.g. "Tersediannya",
"Terlaksanannya", "penyesiaan"; OCR artefacts fixed: "FOI’l:II'T‘I" = Forum, "Uabatan" =
Jabatan, "Perangl.<at Da.erah" = Perangkat Daerah, words glued or split by the OCR):
- the Camat's Sasaran and its four Indikator Kinerja Utama,
- the 13 rows of the Camat's kegiatan table (sasaran + indikator), one Kegiatan each,
- every row of the Kasubbag and Kasi tables (sasaran + indikator), one Sub Kegiatan each:
  Kasubbag Umum Tatalaksana dan Kepegawaian 18, Kasubbag Program dan Keuangan 9, Kasi
  Pelayanan Umum 5, Kasi Kesejahteraan Rakyat 2, Kasi Pemerintahan 1, Kasi Pemberdayaan
  Masyarakat Desa 3, Kasi Ketentraman dan Ketertiban Umum 1 (39 rows).

What is NOT in the document and is filled in as an example (said so in the Keterangan column):
the Tujuan, the five Programs (standard kecamatan programs, PJ Sekretaris Kecamatan) with their
sasaran and indicators, the kegiatan "Administrasi Barang Milik Daerah pada Perangkat Daerah"
(the Kasubbag Umum's BMD rows need a parent and the Camat table has none), the kegiatan and sub
kegiatan names (taken from the nomenclature / the sasaran), which kegiatan each sub kegiatan
belongs to, officials' names, NIP and pangkat, satuan, targets, realisations and budgets.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..core.contract import Level, Polarity, Tipe
from ..core.model import Indicator, Node, Official, Plan, Settings
from ..core.numbers import Quantity

K, NK = Tipe.KUMULATIF, Tipe.NON_KUMULATIF
JT = 1_000_000  # rupiah

SETTINGS = Settings(nama_instansi="Kecamatan Kenohan",
                    pemerintah_daerah="Pemerintah Kabupaten Kutai Kartanegara", tahun=2025,
                    tempat="Kenohan", tanggal_pk=dt.date(2025, 1, 6))

# ID, Jabatan, Nama, NIP, Pangkat/Golongan, Atasan. Names, NIP and pangkat are placeholders.
OFFICIALS: tuple[tuple[str, str, str, str, str, str], ...] = (
    ("BUPATI", "Bupati Kutai Kartanegara", "(contoh) Nama Bupati Kutai Kartanegara", "", "",
     ""),
    ("CAMAT", "Camat Kenohan", "(contoh) Nama Camat", "(contoh) 19700101 199501 1 001",
     "(contoh) Pembina Tk. I (IV/b)", "BUPATI"),
    ("SEKCAM", "Sekretaris Kecamatan", "(contoh) Nama Sekretaris Kecamatan",
     "(contoh) 19750202 200003 1 002", "(contoh) Pembina (IV/a)", "CAMAT"),
    ("KASUBBAG-UMUM", "Kasubbag Umum Tatalaksana dan Kepegawaian",
     "(contoh) Nama Kasubbag Umum", "(contoh) 19800303 200501 2 003",
     "(contoh) Penata Tk. I (III/d)", "SEKCAM"),
    ("KASUBBAG-PK", "Kasubbag Program dan Keuangan", "(contoh) Nama Kasubbag Program",
     "(contoh) 19810404 200604 1 004", "(contoh) Penata Tk. I (III/d)", "SEKCAM"),
    ("KASI-PELUM", "Kasi Pelayanan Umum", "(contoh) Nama Kasi Pelayanan Umum",
     "(contoh) 19820505 200701 1 005", "(contoh) Penata Tk. I (III/d)", "CAMAT"),
    ("KASI-KESRA", "Kasi Kesejahteraan Rakyat", "(contoh) Nama Kasi Kesejahteraan Rakyat",
     "(contoh) 19830606 200801 2 006", "(contoh) Penata (III/c)", "CAMAT"),
    ("KASI-PEM", "Kasi Pemerintahan", "(contoh) Nama Kasi Pemerintahan",
     "(contoh) 19840707 200901 1 007", "(contoh) Penata (III/c)", "CAMAT"),
    ("KASI-PMD", "Kasi Pemberdayaan Masyarakat Desa", "(contoh) Nama Kasi PMD",
     "(contoh) 19850808 201001 1 008", "(contoh) Penata (III/c)", "CAMAT"),
    ("KASI-TRANTIB", "Kasi Ketentraman dan Ketertiban Umum", "(contoh) Nama Kasi Trantib",
     "(contoh) 19860909 201101 1 009", "(contoh) Penata (III/c)", "CAMAT"),
)


@dataclass(frozen=True)
class Row:
    """One node with one indicator. `source` says where it is in the document."""

    code: str
    parent: str
    uraian: str
    sasaran: str
    indikator: str
    satuan: str
    target: float
    pic: str
    source: str
    tipe: Tipe = K
    anggaran: int | None = None  # Sub Kegiatan only
    reals: tuple[float | None, ...] | None = None  # TW1, TW2 (None: sample_data decides)
    no_reals: bool = False  # nothing realised yet by TW2 (the work falls later in the year)


NOT_IN_DOC = "tidak ada di dokumen sumber; diisi sebagai contoh"

TUJUAN = Row("T1", "", "Meningkatnya kualitas penyelenggaraan pemerintahan dan pelayanan "
             "publik di Kecamatan Kenohan", "", "Indeks Kepuasan Masyarakat terhadap pelayanan "
             "Kecamatan", "indeks", 82, "CAMAT", f"Tujuan {NOT_IN_DOC}", NK)

SASARAN = "Meningkatnya kualitas dan jangkauan pelayanan publik kecamatan"
# The Camat's four Indikator Kinerja Utama (Sasaran no. 1 of the CAMAT table).
IKU: tuple[tuple[str, str, float], ...] = (
    ("Persentase keluhan masyarakat terhadap pelayanan kecamatan yang ditindaklanjuti", "%",
     100),
    ("Persentase capaian Ketenteraman dan Ketertiban Umum", "%", 100),
    ("Pertumbuhan Pendapatan Asli Desa", "%", 5),
    ("Pertumbuhan Pendapatan Asli Daerah Kewenangan Kecamatan", "%", 5),
)

_PROG = f"Program menurut nomenklatur kecamatan; sasaran dan indikator program {NOT_IN_DOC}"
PROGRAMS: tuple[Row, ...] = (
    Row("P1", "S1", "Program Penunjang Urusan Pemerintahan Daerah Kabupaten/Kota",
        "Meningkatnya kualitas dukungan administrasi perangkat daerah",
        "Persentase dukungan administrasi perkantoran yang terpenuhi", "%", 100, "SEKCAM",
        _PROG, NK),
    Row("P2", "S1", "Program Penyelenggaraan Pemerintahan dan Pelayanan Publik",
        "Meningkatnya penyelenggaraan pemerintahan dan pelayanan publik kecamatan",
        "Persentase layanan kecamatan yang diselesaikan tepat waktu", "%", 95, "SEKCAM",
        _PROG, NK),
    Row("P3", "S1", "Program Pemberdayaan Masyarakat Desa dan Kelurahan",
        "Meningkatnya pemberdayaan masyarakat desa",
        "Persentase desa yang aktif dalam kegiatan pemberdayaan masyarakat", "%", 100,
        "SEKCAM", _PROG, NK),
    Row("P4", "S1", "Program Koordinasi Ketentraman dan Ketertiban Umum",
        "Terjaganya ketenteraman dan ketertiban umum di wilayah kecamatan",
        "Persentase gangguan ketenteraman dan ketertiban umum yang ditangani", "%", 100,
        "SEKCAM", _PROG, NK),
    Row("P5", "S1", "Program Penyelenggaraan Urusan Pemerintahan Umum",
        "Terselenggaranya urusan pemerintahan umum di wilayah kecamatan",
        "Persentase urusan pemerintahan umum yang dilaksanakan sesuai penugasan", "%", 100,
        "SEKCAM", _PROG, NK),
)


def _camat(n: int) -> str:
    return f"Tabel Camat baris {n}; nama kegiatan menurut nomenklatur"


# The CAMAT kegiatan table: 13 rows (sasaran and indikator as written in the document).
KEGIATAN: tuple[Row, ...] = (
    Row("P1.K1", "P1", "Perencanaan, Penganggaran, dan Evaluasi Kinerja Perangkat Daerah",
        "Tersedianya Dokumen Perencanaan, Penganggaran, dan Evaluasi Kinerja Perangkat Daerah",
        "Jumlah dokumen rencana, anggaran, dan Evaluasi Kinerja Perangkat Daerah", "dokumen",
        12, "KASUBBAG-PK", _camat(1)),
    Row("P1.K2", "P1", "Administrasi Keuangan Perangkat Daerah",
        "Tersedianya Laporan Administrasi Keuangan Perangkat Daerah",
        "Jumlah laporan Administrasi Keuangan Perangkat Daerah yang akuntabel", "laporan", 14,
        "KASUBBAG-PK", _camat(2)),
    Row("P1.K3", "P1", "Administrasi Umum Perangkat Daerah",
        "Terlaksananya Administrasi Umum Perangkat Daerah",
        "Jumlah Pemenuhan Administrasi Umum Perangkat Daerah", "paket", 52, "KASUBBAG-UMUM",
        _camat(3)),
    Row("P1.K4", "P1", "Pengadaan Barang Milik Daerah Penunjang Urusan Pemerintah Daerah",
        "Tersediannya Pengadaan Barang Milik Daerah Penunjang Urusan Pemerintah Daerah",
        "Tersediannya Pengadaan Barang Milik Daerah Penunjang Urusan Pemerintah Daerah",
        "unit", 1, "KASUBBAG-UMUM", _camat(4), NK, reals=(0, 0)),
    Row("P1.K5", "P1", "Penyediaan Jasa Penunjang Urusan Pemerintahan Daerah",
        "Tersedianya Jasa Penunjang Urusan Pemerintahan Daerah",
        "Jumlah waktu penyesiaan Jasa Penunjang Urusan Pemerintahan Daerah yang disediakan",
        "bulan", 12, "KASUBBAG-UMUM", _camat(5)),
    Row("P1.K6", "P1", "Pemeliharaan Barang Milik Daerah Penunjang Urusan Pemerintahan Daerah",
        "Tersedianya Pemeliharaan Barang Milik Daerah Penunjang Urusan Pemerintahan Daerah",
        "Jumlah Barang Milik Daerah Penunjang Urusan Pemerintahan Daerah yang dipelihara",
        "unit", 7, "KASUBBAG-UMUM", _camat(6), NK),
    Row("P1.K7", "P1", "Administrasi Barang Milik Daerah pada Perangkat Daerah",
        "Tertibnya administrasi Barang Milik Daerah pada Perangkat Daerah",
        "Jumlah dokumen dan laporan administrasi Barang Milik Daerah", "dokumen", 11,
        "KASUBBAG-UMUM", "Kegiatan ini tidak ada di tabel Camat; ditambahkan (nomenklatur) "
        f"sebagai induk baris barang milik daerah tabel Kasubbag Umum; {NOT_IN_DOC}"),
    Row("P2.K1", "P2", "Koordinasi Penyelenggaraan Kegiatan Pemerintahan di Tingkat Kecamatan",
        "Terlaksananya Koordinasi Penyelenggaraan Kegiatan Pemerintahan di Tingkat Kecamatan",
        "Jumlah Koordinasi Penyelenggaraan Kegiatan Pemerintahan di Tingkat Kecamatan",
        "kegiatan", 14, "KASI-PELUM", _camat(7)),
    Row("P2.K2", "P2", "Penyelenggaraan Urusan Pemerintahan yang Tidak Dilaksanakan oleh Unit "
        "Kerja Perangkat Daerah yang Ada di Kecamatan",
        "Terlaksanannya Penyelenggaraan Urusan Pemerintahan yang tidak Dilaksanakan oleh Unit "
        "Kerja Perangkat Daerah yang Ada di Kecamatan",
        "Jumlah Penyelenggaraan Urusan Pemerintahan yang tidak Dilaksanakan oleh Unit Kerja "
        "Perangkat Daerah yang Ada di Kecamatan", "kegiatan", 4, "KASI-PEM",
        _camat(8) + "; tidak ada sub kegiatannya di tabel Kasubbag/Kasi"),
    Row("P2.K3", "P2", "Pelaksanaan Urusan Pemerintahan yang Dilimpahkan kepada Camat",
        "Terlaksananya Urusan Pemerintahan yang Dilimpahkan kepada Camat",
        "Jumlah pelaksanaan kegiatan pemerintahan yang menjadi kewenangan Camat", "kegiatan",
        16, "KASI-PELUM", _camat(9)),
    Row("P3.K1", "P3", "Koordinasi Kegiatan Pemberdayaan Desa",
        "Terlaksananya Koordinasi Kegiatan Pemberdayaan Desa",
        "Jumlah Koordinasi Kegiatan Pemberdayaan Desa", "kegiatan", 8, "KASI-PMD", _camat(10)),
    Row("P3.K2", "P3", "Pemberdayaan Lembaga Kemasyarakatan Tingkat Kecamatan",
        "Terlaksananya Pemberdayaan Lembaga Kemasyarakatan Tingkat Kecamatan",
        "Jumlah Pemberdayaan Lembaga Kemasyarakatan Tingkat Kecamatan", "lembaga", 12,
        "KASI-KESRA", _camat(11), NK),
    Row("P4.K1", "P4", "Koordinasi Upaya Penyelenggaraan Ketenteraman dan Ketertiban Umum",
        "Terlaksanannya Koordinasi Upaya Penyelenggaraan Ketenteraman dan Ketertiban Umum",
        "Jumlah Koordinasi Upaya Penyelenggaraan Ketenteraman dan Ketertiban Umum", "kegiatan",
        12, "KASI-TRANTIB", _camat(12)),
    Row("P5.K1", "P5", "Penyelenggaraan Urusan Pemerintahan Umum Sesuai Penugasan Kepala Daerah",
        "Terlaksananya Penyelenggaraan Urusan Pemerintahan Umum Sesuai Penugasan Kepala Daerah",
        "Jumlah Penyelenggaraan Urusan Pemerintahan Umum Sesuai Penugasan Kepala Daerah",
        "kegiatan", 6, "KASI-PEM", _camat(13)),
)

_UMUM = "Tabel Kasubbag Umum Tatalaksana dan Kepegawaian baris"
_PROGKEU = "Tabel Kasubbag Program dan Keuangan baris"
_PELUM = "Tabel Kasi Pelayanan Umum baris"
_KESRA = "Tabel Kasi Kesejahteraan Rakyat baris"
_PEM = "Tabel Kasi Pemerintahan baris"
_PMD = "Tabel Kasi Pemberdayaan Masyarakat Desa baris"
_TRANTIB = "Tabel Kasi Ketentraman dan Ketertiban Umum baris"
_GUESS = "induk dipilih sebagai contoh (tidak ada di nomenklatur)"

# (table, row) -> Sub Kegiatan. Kode = <Kegiatan>.S<n>, numbered within the kegiatan.
SUB_KEGIATAN: tuple[Row, ...] = (
    # Kasubbag Umum Tatalaksana dan Kepegawaian (18 rows)
    Row("P1.K1.S1", "P1.K1", "Pengumpulan Data Statistik Sektoral Daerah",
        "Terlaksanannya Pelaksanaan Pengumpulan Data Statistik Sektoral Daerah.",
        "Jumlah Data Statistik Sektoral Daerah.", "dokumen", 2, "KASUBBAG-UMUM",
        f"{_UMUM} 1; {_GUESS}", anggaran=25 * JT),
    Row("P1.K1.S2", "P1.K1", "Pelaksanaan Forum Perangkat Daerah Berdasarkan Bidang Urusan yang "
        "Diampu dalam Rangka Penyusunan Dokumen Perencanaan Perangkat Daerah",
        "Terlaksanannya Pelaksanaan Forum Perangkat Daerah Berdasarkan Bidang Urusan Yang "
        "Diampu Dalam Rangka Penyusunan Dokumen Perencanaan Perangkat Daerah",
        "Jumlah Pelaksanaan Forum Perangkat Daerah Berdasarkan Bidang Urusan Yang Diampu Dalam "
        "Rangka Penyusunan Dokumen Perencanaan Perangkat Daerah", "kali", 1, "KASUBBAG-UMUM",
        f"{_UMUM} 2; {_GUESS}", anggaran=35 * JT),
    Row("P1.K7.S1", "P1.K7", "Penyusunan Perencanaan Kebutuhan Barang Milik Daerah SKPD",
        "Terlaksananya Penyusunan Perencanaan Kebutuhan Barang Milik Daerah SKPD",
        "Jumlah Rencana Kebutuhan Barang Milik Daerah SKPD", "dokumen", 1, "KASUBBAG-UMUM",
        f"{_UMUM} 3", anggaran=10 * JT),
    Row("P1.K7.S2", "P1.K7", "Pengamanan Barang Milik Daerah SKPD",
        "Terlaksanannya Pengamanan Barang Milik Daerah SKPD",
        "Jumlah Dokumen Pengamanan Barang Milik Daerah SKPD", "dokumen", 4, "KASUBBAG-UMUM",
        f"{_UMUM} 4", anggaran=15 * JT),
    Row("P1.K7.S3", "P1.K7", "Koordinasi dan Penilaian Barang Milik Daerah SKPD",
        "Tersedianya Koordinasi dan Penilaian Barang Milik Daerah SKPD",
        "Jumlah Laporan Hasil Penilaian Barang Milik Daerah dan Hasil Koordinasi Penilaian "
        "Barang Milik Daerah SKPD", "laporan", 2, "KASUBBAG-UMUM", f"{_UMUM} 5",
        anggaran=12 * JT),
    Row("P1.K7.S4", "P1.K7", "Rekonsiliasi dan Penyusunan Laporan Barang Milik Daerah pada SKPD",
        "Terlaksananya Rekonsiliasi dan Penyusunan Laporan Barang Milik Daerah pada SKPD",
        "Jumlah Laporan Rekonsiliasi dan Penyusunan Laporan Barang Milik Daerah pada SKPD",
        "laporan", 4, "KASUBBAG-UMUM", f"{_UMUM} 6", anggaran=12 * JT),
    Row("P1.K3.S1", "P1.K3", "Penyediaan Peralatan dan Perlengkapan Kantor",
        "Tersedianya Peralatan dan Perlengkapan Kantor",
        "Jumlah Paket Peralatan dan Perlengkapan Kantor yang Disediakan", "paket", 12,
        "KASUBBAG-UMUM", f"{_UMUM} 7", anggaran=180 * JT),
    Row("P1.K3.S2", "P1.K3", "Penyediaan Bahan Logistik Kantor",
        "Tersedianya Bahan Logistik Kantor",
        "Jumlah Paket Bahan Logistik Kantor yang Disediakan", "paket", 12, "KASUBBAG-UMUM",
        f"{_UMUM} 8", anggaran=150 * JT),
    Row("P1.K3.S3", "P1.K3", "Penyediaan Barang Cetakan dan Penggandaan",
        "Tersedianya Barang Cetakan dan Penggandaan",
        "Jumlah Paket Barang Cetakan dan Penggandaan yang Disediakan", "paket", 12,
        "KASUBBAG-UMUM", f"{_UMUM} 9", anggaran=60 * JT),
    Row("P1.K3.S4", "P1.K3", "Penyelenggaraan Rapat Koordinasi dan Konsultasi SKPD",
        "Terlaksananya Penyelenggaraan Rapat Koordinasi dan Konsultasi SKPD",
        "Jumlah Laporan Penyelenggaraan Rapat Koordinasi dan Konsultasi SKPD", "laporan", 12,
        "KASUBBAG-UMUM", f"{_UMUM} 10", anggaran=240 * JT),
    Row("P1.K3.S5", "P1.K3", "Penatausahaan Arsip Dinamis pada SKPD",
        "Terlaksananya Penataan Arsip Dinamis pada SKPD",
        "Jumlah Dokumen Penatausahaan Arsip Dinamis pada SKPD", "dokumen", 4, "KASUBBAG-UMUM",
        f"{_UMUM} 11", anggaran=30 * JT),
    Row("P1.K4.S1", "P1.K4", "Pengadaan Gedung Kantor atau Bangunan Lainnya",
        "Tersediannya Pengadaan Gedung Kantor Atau Bangunan Lainnya ( Pusat Data)",
        "Jumlah Unit Sarana dan Prasarana Gedung Kantor atau Bangunan Lainnya yang Disediakan",
        "unit", 1, "KASUBBAG-UMUM", f"{_UMUM} 12", NK, anggaran=850 * JT, reals=(0, 0)),
    Row("P1.K5.S1", "P1.K5", "Penyediaan Jasa Surat Menyurat",
        "Tersedianya Jasa Surat Menyurat", "Jumlah Laporan Penyediaan jasa Surat Menyurat",
        "laporan", 12, "KASUBBAG-UMUM", f"{_UMUM} 13", anggaran=18 * JT),
    Row("P1.K5.S2", "P1.K5", "Penyediaan Jasa Komunikasi, Sumber Daya Air dan Listrik",
        "Tersedianya Jasa Komunikasi, Sumber Daya Air, dan Listrik",
        "Jumlah Laporan Penyediaan Jasa Komunikasi, Sumber Daya Air dan Listrik yang "
        "Disediakan", "laporan", 12, "KASUBBAG-UMUM", f"{_UMUM} 14", anggaran=120 * JT),
    Row("P1.K5.S3", "P1.K5", "Penyediaan Jasa Peralatan dan Perlengkapan Kantor",
        "Tersedianya Jasa Peralatan dan Perlengkapan Kantor",
        "Jumlah Laporan Penyediaan Jasa Peralatan dan Perlengkapan Kantor yang Disediakan",
        "laporan", 12, "KASUBBAG-UMUM", f"{_UMUM} 15", anggaran=45 * JT),
    Row("P1.K5.S4", "P1.K5", "Penyediaan Jasa Pelayanan Umum Kantor",
        "Penyediaan Jasa Pelayanan Umum Kantor",
        "Jumlah Laporan Penyediaan Jasa Pelayanan Umum Kantor yang Disediakan", "laporan", 12,
        "KASUBBAG-UMUM", f"{_UMUM} 16", anggaran=960 * JT),
    Row("P1.K6.S1", "P1.K6", "Penyediaan Jasa Pemeliharaan, Biaya Pemeliharaan, dan Pajak "
        "Kendaraan Perorangan Dinas atau Kendaraan Dinas Jabatan",
        "Penyediaan Jasa Pemeliharaan, Biaya Pemeliharaan dan Pajak Kendaraan Perorangan Dinas "
        "atau Kendaraan Dinas Jabatan",
        "Jumlah Kendaraan Dinas Operasional atau Lapangan yang Dipelihara dan dibayarkan Pajak "
        "dan Perizinannya", "unit", 1, "KASUBBAG-UMUM", f"{_UMUM} 17", NK, anggaran=45 * JT),
    Row("P1.K6.S2", "P1.K6", "Penyediaan Jasa Pemeliharaan, Biaya Pemeliharaan, Pajak dan "
        "Perizinan Kendaraan Dinas Operasional atau Lapangan",
        "Penyediaan Jasa Pemeliharaan, Biaya Pemeliharaan, Pajak, dan Perizinan Kendaraan Dinas "
        "Operasional atau Lapangan",
        "Jumlah Kendaraan Dinas Operasional atau Lapangan yang Dipelihara dan dibayarkan Pajak "
        "dan Perizinannya", "unit", 6, "KASUBBAG-UMUM", f"{_UMUM} 18", NK, anggaran=120 * JT),
    # Kasubbag Program dan Keuangan (9 rows)
    Row("P1.K1.S3", "P1.K1", "Penyusunan Dokumen Perencanaan Perangkat Daerah",
        "Tersedianya Penyusunan Dokumen Perencanaan Perangkat Daerah",
        "Jumlah Dokumen Perencanaan Perangkat Daerah", "dokumen", 3, "KASUBBAG-PK",
        f"{_PROGKEU} 1", anggaran=40 * JT),
    Row("P1.K1.S4", "P1.K1", "Koordinasi dan Penyusunan Dokumen RKA-SKPD",
        "Tersediannya Koordinasi dan Penyusunan Dokumen RKA-SKPD",
        "Jumlah Dokumen RKA-SKPD dan Laporan Hasil Koordinasi Penyusunan Dokumen RKA-SKPD",
        "dokumen", 1, "KASUBBAG-PK", f"{_PROGKEU} 2", anggaran=15 * JT, no_reals=True),
    Row("P1.K1.S5", "P1.K1", "Koordinasi dan Penyusunan Dokumen Perubahan RKA-SKPD",
        "Tersediannya Koordinasi dan Penyusunan Dokumen Perubahan RKA-SKPD",
        "Jumlah Dokumen Perubahan RKA SKPD dan Laporan Hasil Koordinasi Penyusunan Dokumen "
        "Perubahan RKA-SKPD", "dokumen", 1, "KASUBBAG-PK", f"{_PROGKEU} 3",
        anggaran=15 * JT, no_reals=True),
    Row("P1.K1.S6", "P1.K1", "Koordinasi dan Penyusunan Laporan Capaian Kinerja dan Ikhtisar "
        "Realisasi Kinerja SKPD",
        "Terlaksanannya Koordinasi dan Penyusunan Laporan Capaian Kinerja dan Ikhtisar "
        "Realisasi Kinerja SKPD",
        "Jumlah Laporan Capaian Kinerja dan Ikhtisar Realisasi Kinerja SKPD dan Laporan Hasil "
        "Koordinasi Penyusunan Laporan Capaian Kinerja dan Ikhtisar Realisasi Kinerja SKPD",
        "dokumen", 2, "KASUBBAG-PK", f"{_PROGKEU} 4", anggaran=20 * JT),
    Row("P1.K1.S7", "P1.K1", "Evaluasi Kinerja Perangkat Daerah",
        "Terlaksanannya Evaluasi Kinerja Perangkat Daerah",
        "Jumlah Laporan Evaluasi Kinerja Perangkat Daerah", "laporan", 4, "KASUBBAG-PK",
        f"{_PROGKEU} 5", anggaran=25 * JT),
    Row("P1.K2.S1", "P1.K2", "Penyediaan Gaji dan Tunjangan ASN",
        "Tersedianya Gaji dan Tunjangan ASN", "Jumlah Orang yang Menerima Gaji dan Tunjangan "
        "ASN", "orang", 32, "KASUBBAG-PK", f"{_PROGKEU} 6", NK, anggaran=4_250 * JT),
    Row("P1.K2.S2", "P1.K2", "Koordinasi dan Penyusunan Laporan Keuangan Akhir Tahun SKPD",
        "Tersedianya Laporan Keuangan Akhir Tahun SKPD dan Laporan Hasil Koordinasi Penyusunan "
        "Laporan Keuangan Akhir Tahun SKPD",
        "Jumlah Laporan Keuangan Akhir Tahun SKPD dan Laporan Hasil Koordinasi Penyusunan "
        "Laporan Keuangan Akhir Tahun SKPD", "laporan", 1, "KASUBBAG-PK", f"{_PROGKEU} 7",
        anggaran=15 * JT),
    Row("P1.K2.S3", "P1.K2", "Koordinasi dan Penyusunan Laporan Keuangan Bulanan/Triwulanan/"
        "Semesteran SKPD",
        "Tersedianya Laporan Keuangan Bulanan/Triwulanan/ Semesteran SKPD dan Laporan "
        "Koordinasi Penyusunan Laporan Keuangan Bulanan/Triwulanan/ Semesteran SKPD",
        "Jumlah Laporan Keuangan Bulanan/ Triwulanan/ Semesteran SKPD dan Laporan Koordinasi "
        "Penyusunan Laporan Keuangan Bulanan/Triwulanan/Semesteran SKPD", "laporan", 12,
        "KASUBBAG-PK", f"{_PROGKEU} 8", anggaran=18 * JT),
    Row("P1.K2.S4", "P1.K2", "Penyusunan Pelaporan dan Analisis Prognosis Realisasi Anggaran",
        "Penyusunan Pelaporan dan Analisis Prognosis Realisasi Anggaran",
        "Jumlah Dokumen Pelaporan dan Analisis Prognosis Realisasi Anggaran", "dokumen", 1,
        "KASUBBAG-PK", f"{_PROGKEU} 9", anggaran=8 * JT, no_reals=True),
    # Kasi Pelayanan Umum (5 rows)
    Row("P2.K1.S1", "P2.K1", "Koordinasi/Sinergi Perencanaan dan Pelaksanaan Kegiatan "
        "Pemerintahan dengan Perangkat Daerah dan Instansi Vertikal Terkait",
        "Koordinasi/Sinergi Perencanaan dan Pelaksanaan Kegiatan Pemerintahan dengan Perangkat "
        "Daerah dan Instansi Vertikal Terkait",
        "Jumlah Laporan Koordinasi/Sinergi Perencanaan dan Pelaksanaan Kegiatan Pemerintahan "
        "dengan Perangkat Daerah dan Instansi Vertikal Terkait", "laporan", 4, "KASI-PELUM",
        f"{_PELUM} 1", anggaran=60 * JT),
    Row("P2.K1.S2", "P2.K1", "Peningkatan Efektifitas Kegiatan Pemerintahan di Tingkat "
        "Kecamatan", "Peningkatan Efektifitas Kegiatan Pemerintahan di Tingkat Kecamatan",
        "Jumlah Dokumen Peningkatan Efektifitas Kegiatan Pemerintahan di Tingkat Kecamatan",
        "dokumen", 4, "KASI-PELUM", f"{_PELUM} 2", anggaran=45 * JT),
    Row("P2.K1.S3", "P2.K1", "Fasilitasi Percepatan Pencapaian Standar Pelayanan Minimal di "
        "Wilayah Kecamatan", "Fasilitasi Percepatan Pencapaian Standar Pelayanan Minimal di "
        "Wilayah Kecamatan", "Jumlah Laporan Fasilitasi Percepatan Pencapaian Standar Pelayanan "
        "Minimal di Wilayah Kecamatan", "laporan", 2, "KASI-PELUM", f"{_PELUM} 3",
        anggaran=30 * JT),
    Row("P2.K1.S4", "P2.K1", "Peningkatan Efektifitas Pelaksanaan Pelayanan kepada Masyarakat "
        "di Wilayah Kecamatan", "Peningkatan Efektifitas Pelaksanaan Pelayanan kepada "
        "Masyarakat di Wilayah Kecamatan", "Jumlah Laporan Peningkatan Efektifitas Pelaksanaan "
        "Pelayanan kepada Masyarakat di Wilayah Kecamatan", "laporan", 4, "KASI-PELUM",
        f"{_PELUM} 4", anggaran=75 * JT),
    Row("P2.K3.S1", "P2.K3", "Pelaksanaan Urusan Pemerintahan yang Terkait dengan Non "
        "Perizinan", "Terlaksananya Urusan Pemerintahan yang Terkait dengan Non Perizinan",
        "Jumlah Laporan Pelaksanaan Non Perizinan pada Urusan Pemerintahan", "laporan", 12,
        "KASI-PELUM", f"{_PELUM} 5", anggaran=40 * JT),
    # Kasi Kesejahteraan Rakyat (2 rows)
    Row("P3.K1.S1", "P3.K1", "Peningkatan Efektifitas Kegiatan Pemberdayaan Masyarakat di "
        "Wilayah Kecamatan", "Meningkatnya Efektifitas Kegiatan Pemberdayaan Masyarakat di "
        "Wilayah Kecamatan", "Jumlah Laporan Peningkatan Efektivitas Kegiatan Pemberdayaan "
        "Masyarakat di Wilayah Kecamatan", "laporan", 4, "KASI-KESRA",
        f"{_KESRA} 1 (baris yang sama juga ada di tabel Kasi Pemberdayaan Masyarakat Desa)",
        anggaran=50 * JT),
    Row("P3.K2.S1", "P3.K2", "Penyelenggaraan Lembaga Kemasyarakatan",
        "Penyelenggaraan Lembaga Kemasyarakatan",
        "Jumlah Lembaga Kemasyarakatan yang Diselenggarakan", "lembaga", 12, "KASI-KESRA",
        f"{_KESRA} 2", NK, anggaran=65 * JT),
    # Kasi Pemerintahan (1 row)
    Row("P5.K1.S1", "P5.K1", "Penyelenggaraan Urusan Pemerintahan Umum Sesuai Penugasan Kepala "
        "Daerah", "Penyelenggaraan Urusan Pemerintahan Umum Sesuai Penugasan Kepala Daerah",
        "Jumlah Penyelenggaraan Urusan Pemerintahan Umum Sesuai Penugasan Kepala Daerah",
        "kegiatan", 6, "KASI-PEM", f"{_PEM} 1", anggaran=90 * JT),
    # Kasi Pemberdayaan Masyarakat Desa (3 rows)
    Row("P2.K3.S2", "P2.K3", "Pelaksanaan Urusan Pemerintahan yang Terkait dengan Kewenangan "
        "Lain yang Dilimpahkan", "Pelaksanaan Urusan Pemerintahan yang terkait dengan "
        "Kewenangan Lain yang Dilimpahkan", "Jumlah Pelaksanaan Urusan Pemerintahan yang "
        "terkait dengan Kewenangan Lain yang Dilimpahkan", "laporan", 4, "KASI-PMD",
        f"{_PMD} 1", anggaran=35 * JT),
    Row("P3.K1.S2", "P3.K1", "Peningkatan Partisipasi Masyarakat dalam Forum Musyawarah "
        "Perencanaan Pembangunan di Desa", "Peningkatan Partisipasi Masyarakat dalam Forum "
        "Musyawarah Perencanaan Pembangunan di Desa", "Jumlah Peningkatan Partisipasi "
        "Masyarakat dalam Forum Musyawarah Perencanaan Pembangunan di Desa", "desa", 9,
        "KASI-PMD", f"{_PMD} 2", NK, anggaran=55 * JT),
    Row("P3.K1.S3", "P3.K1", "Peningkatan Efektifitas Kegiatan Pemberdayaan Masyarakat di "
        "Wilayah Kecamatan", "Meningkatnya Efektifitas Kegiatan Pemberdayaan Masyarakat di "
        "Wilayah Kecamatan", "Jumlah Laporan Peningkatan Efektivitas Kegiatan Pemberdayaan "
        "Masyarakat di Wilayah Kecamatan", "laporan", 4, "KASI-PMD",
        f"{_PMD} 3 (baris yang sama juga ada di tabel Kasi Kesejahteraan Rakyat)",
        anggaran=40 * JT),
    # Kasi Ketentraman dan Ketertiban Umum (1 row)
    Row("P4.K1.S1", "P4.K1", "Koordinasi Upaya Penyelenggaraan Ketenteraman dan Ketertiban "
        "Umum", "Koordinasi Upaya Penyelenggaraan Ketenteraman dan Ketertiban Umum",
        "Jumlah Koordinasi Upaya Penyelenggaraan Ketenteraman dan Ketertiban Umum", "kegiatan",
        12, "KASI-TRANTIB", f"{_TRANTIB} 1", anggaran=150 * JT),
)


def _indicator(name: str, satuan: str, target: float, tipe: Tipe) -> Indicator:
    return Indicator(0, name, satuan, Polarity.POSITIF, tipe, "", target=Quantity.point(target))


def _node(level: Level, row: Row) -> Node:
    return Node(level, row.code, 0, row.parent, row.uraian, row.sasaran, row.pic,
                [_indicator(row.indikator, row.satuan, row.target, row.tipe)],
                anggaran=row.anggaran)


def kenohan_plan() -> tuple[Plan, dict[tuple[Level, str], list[str]]]:
    """The transcribed plan (targets set, no realisations yet) and a note per node saying
    where it comes from."""
    plan = Plan(Settings(**vars(SETTINGS)))
    for oid, jabatan, nama, nip, pangkat, atasan in OFFICIALS:
        plan.officials[oid] = Official(0, oid, jabatan, nama, nip, pangkat, atasan)
    notes: dict[tuple[Level, str], list[str]] = {}
    plan.levels[Level.TUJUAN].append(_node(Level.TUJUAN, TUJUAN))
    notes[(Level.TUJUAN, "T1")] = [TUJUAN.source]
    sasaran = Node(Level.SASARAN, "S1", 0, "T1", SASARAN, "", "CAMAT",
                   [_indicator(name, satuan, target, NK) for name, satuan, target in IKU])
    plan.levels[Level.SASARAN].append(sasaran)
    notes[(Level.SASARAN, "S1")] = ["Tabel Camat: Sasaran 1 dan empat Indikator Kinerja Utama"]
    for level, rows in ((Level.PROGRAM, PROGRAMS), (Level.KEGIATAN, KEGIATAN),
                        (Level.SUB_KEGIATAN, sorted(SUB_KEGIATAN, key=_code_key))):
        for row in rows:
            plan.levels[level].append(_node(level, row))
            notes[(level, row.code)] = [row.source]
    return plan, notes


def _code_key(row: Row) -> tuple[int, ...]:
    """P1.K10.S2 -> (1, 10, 2): the sheet lists sub kegiatan grouped by kegiatan."""
    return tuple(int(part[1:]) for part in row.code.split("."))


def planned_realisations() -> dict[str, tuple[float | None, ...] | None]:
    """Codes whose realisations are fixed by hand (or 'none yet') instead of generated."""
    out: dict[str, tuple[float | None, ...] | None] = {}
    for row in (*KEGIATAN, *SUB_KEGIATAN):
        if row.no_reals:
            out[row.code] = None
        elif row.reals is not None:
            out[row.code] = row.reals
    return out
