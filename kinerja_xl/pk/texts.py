"""The fixed Indonesian wording of a Perjanjian Kinerja (PermenPAN-RB 53/2014 format) and the
placeholders printed where the workbook lacks a value."""

from __future__ import annotations

OPENING = ("Dalam rangka mewujudkan manajemen pemerintahan yang efektif, transparan dan akuntabel"
           " serta berorientasi pada hasil, kami yang bertanda tangan di bawah ini:")
FIRST_ROLE = "selanjutnya disebut pihak pertama."
SECOND_ROLE = "selaku atasan langsung pihak pertama, selanjutnya disebut pihak kedua."
PROMISE = ("Pihak pertama berjanji akan mewujudkan target kinerja yang seharusnya sesuai lampiran"
           " perjanjian ini, dalam rangka mencapai target kinerja jangka menengah seperti yang"
           " telah ditetapkan dalam dokumen perencanaan. Keberhasilan dan kegagalan pencapaian"
           " target kinerja tersebut menjadi tanggung jawab kami.")
SUPERVISION = ("Pihak kedua akan memberikan supervisi yang diperlukan serta akan melakukan evaluasi"
               " terhadap capaian kinerja dari perjanjian ini dan mengambil tindakan yang"
               " diperlukan dalam rangka pemberian penghargaan dan sanksi.")
FIRST_PARTY = "Pihak Pertama,"
SECOND_PARTY = "Pihak Kedua,"
LAMPIRAN = "LAMPIRAN"
NO = "No"
INDIKATOR = "Indikator Kinerja"
TARGET = "Target"
SATUAN = "Satuan"
ANGGARAN = "Anggaran"
JUMLAH = "Jumlah"

# Placeholders: visible in the printed PK, each paired with a finding in Laporan Validasi.
TAHUN = "[Tahun]"
TEMPAT = "[Tempat]"
TANGGAL = "[Tanggal PK]"
INSTANSI = "[Nama Instansi]"
PEMDA = "[Pemerintah Daerah]"
NAMA = "[Nama belum diisi di sheet Pejabat]"
JABATAN = "[Jabatan belum diisi di sheet Pejabat]"
ATASAN_KOSONG = "[Atasan belum diisi di sheet Pejabat]"
ATASAN_BERPUTAR = "[Atasan tidak sah: rantai Atasan berputar]"
JABATAN_ATASAN = "[Jabatan atasan]"
INDIKATOR_KOSONG = "[Indikator belum diisi]"
TARGET_KOSONG = "[Target]"
SASARAN_KOSONG = "[Sasaran belum diisi]"


def atasan_unknown(text: str) -> str:
    """Placeholder for an Atasan that names no row of the Pejabat sheet."""
    return f"[Atasan '{text}' tidak ada di sheet Pejabat]"
