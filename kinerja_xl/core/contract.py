"""The workbook contract of DESIGN §5: sheet names, headers and vocabularies.

Everything a user reads is Indonesian; these constants are the single place where the
Indonesian names live, so the readers, writers and messages all agree.
"""

from __future__ import annotations

from enum import Enum, IntEnum
from functools import lru_cache


class Level(IntEnum):
    """The cascade, top to bottom. The value is the depth (Tujuan = 0)."""

    TUJUAN = 0
    SASARAN = 1
    PROGRAM = 2
    KEGIATAN = 3
    SUB_KEGIATAN = 4

    @property
    def sheet(self) -> str:
        """The sheet (and display) name of the level."""
        return _LEVEL_NAMES[self]

    @property
    def parent(self) -> Level | None:
        """The level directly above, where parents live (None for Tujuan)."""
        return None if self is Level.TUJUAN else Level(self - 1)

    @property
    def child(self) -> Level | None:
        return None if self is Level.SUB_KEGIATAN else Level(self + 1)

    @property
    def has_budget(self) -> bool:
        return self >= Level.PROGRAM


_LEVEL_NAMES = {
    Level.TUJUAN: "Tujuan",
    Level.SASARAN: "Sasaran",
    Level.PROGRAM: "Program",
    Level.KEGIATAN: "Kegiatan",
    Level.SUB_KEGIATAN: "Sub Kegiatan",
}
LEVEL_BY_SHEET = {name: level for level, name in _LEVEL_NAMES.items()}


class Polarity(Enum):
    POSITIF = "Positif"
    NEGATIF = "Negatif"


class Tipe(Enum):
    KUMULATIF = "Kumulatif"
    NON_KUMULATIF = "Non Kumulatif"
    RATA_RATA = "Rata-rata"


class NegativeRule(Enum):
    """How capaian is computed for a Negatif indicator (DESIGN §3)."""

    TWO_T_MINUS_R = "(2T-R)/T"
    T_OVER_R = "T/R"


# Sheet names -------------------------------------------------------------------------------
PETUNJUK = "Petunjuk"
PENGATURAN = "Pengaturan"
PEJABAT = "Pejabat"
LAPORAN_VALIDASI = "Laporan Validasi"
LEVEL_SHEETS = tuple(level.sheet for level in Level)
REQUIRED_SHEETS = (PEJABAT, *LEVEL_SHEETS)


class H:
    """Header texts of the level sheets."""

    KODE = "Kode"
    KODE_INDUK = "Kode Induk"
    URAIAN_INDUK = "Uraian Induk"
    URAIAN = "Uraian"
    SASARAN = "Sasaran"
    PJ = "Penanggung Jawab"
    INDIKATOR = "Indikator"
    SATUAN = "Satuan"
    POLARITAS = "Polaritas"
    TIPE = "Tipe Penghitungan"
    TIPE_ASLI = "Teks Asli Tipe"
    FORMULASI = "Formulasi"
    SUMBER = "Sumber Data"
    TARGET = "Target"
    TARGET_TW = ("Target TW1", "Target TW2", "Target TW3", "Target TW4")
    REAL_TW = ("Realisasi TW1", "Realisasi TW2", "Realisasi TW3", "Realisasi TW4")
    REALISASI = "Realisasi"
    CAPAIAN = "Capaian (%)"
    PREDIKAT = "Predikat"
    ANGGARAN = "Anggaran"
    REAL_ANGGARAN = "Realisasi Anggaran"
    SERAPAN = "Serapan Anggaran (%)"
    STATUS = "Status"
    # Optional columns for reporting across years (DESIGN §5; recognised when present; the
    # Realisasi/Capaian N-x and Target Akhir Renstra headers may carry a year instead of N-x,
    # e.g. "Realisasi 2024", "Target Akhir Renstra 2026"). See docs/lkjip.md.
    KONDISI_AWAL = "Kondisi Awal"
    REAL_N1 = "Realisasi N-1"
    REAL_N2 = "Realisasi N-2"
    CAPAIAN_N1 = "Capaian N-1"
    CAPAIAN_N2 = "Capaian N-2"
    TARGET_AKHIR = "Target Akhir Renstra"
    STANDAR_NASIONAL = "Standar Nasional"
    FAKTOR_PENDORONG = "Faktor Pendorong"
    FAKTOR_PENGHAMBAT = "Faktor Penghambat"
    TINDAK_LANJUT = "Tindak Lanjut"


# What `baru` adds after the standard columns: optional, never required, never computed.
YEARS_HEADERS = (H.KONDISI_AWAL, H.REAL_N2, H.CAPAIAN_N2, H.REAL_N1, H.CAPAIAN_N1,
                 H.TARGET_AKHIR, H.STANDAR_NASIONAL, H.FAKTOR_PENDORONG, H.FAKTOR_PENGHAMBAT,
                 H.TINDAK_LANJUT)

NODE_HEADERS = (H.KODE_INDUK, H.URAIAN, H.SASARAN, H.PJ)
COMPUTED_HEADERS = (H.URAIAN_INDUK, H.REALISASI, H.CAPAIAN, H.PREDIKAT, H.SERAPAN, H.STATUS)
BUDGET_HEADERS = (H.ANGGARAN, H.REAL_ANGGARAN, H.SERAPAN)


def level_headers(level: Level) -> tuple[str, ...]:
    """The default column order of a level sheet (what `baru` writes)."""
    cols = [H.KODE]
    if level.parent is not None:
        cols += [H.KODE_INDUK, H.URAIAN_INDUK]
    cols += [H.URAIAN, H.SASARAN, H.PJ, H.INDIKATOR, H.SATUAN, H.POLARITAS, H.TIPE, H.TIPE_ASLI,
             H.FORMULASI, H.SUMBER, H.TARGET, *H.TARGET_TW, *H.REAL_TW,
             H.REALISASI, H.CAPAIAN, H.PREDIKAT]
    if level.has_budget:
        cols += [H.ANGGARAN, H.REAL_ANGGARAN, H.SERAPAN]
    cols.append(H.STATUS)
    return tuple(cols)


def computed_headers(level: Level) -> tuple[str, ...]:
    """Columns the product owns on a level sheet (created when missing, rewritten each run)."""
    return tuple(h for h in level_headers(level) if h in COMPUTED_HEADERS)


def required_headers(level: Level) -> tuple[str, ...]:
    """Columns without which a level sheet cannot be read."""
    base = (H.KODE, H.URAIAN, H.INDIKATOR, H.TARGET)
    return base if level.parent is None else (H.KODE, H.KODE_INDUK, *base[1:])


class P:
    """Header texts of the Pejabat sheet."""

    ID = "ID"
    JABATAN = "Jabatan"
    NAMA = "Nama"
    NIP = "NIP"
    PANGKAT = "Pangkat/Golongan"
    ATASAN = "Atasan"


PEJABAT_HEADERS = (P.ID, P.JABATAN, P.NAMA, P.NIP, P.PANGKAT, P.ATASAN)


class S:
    """Labels (column A) of the Pengaturan sheet."""

    NAMA_INSTANSI = "Nama Instansi"
    PEMDA = "Pemerintah Daerah"
    TAHUN = "Tahun"
    TEMPAT = "Tempat"
    TANGGAL_PK = "Tanggal PK"
    JENIS_PK = "Jenis PK"
    RUMUS_NEGATIF = "Rumus Polaritas Negatif"
    BATAS_MAKS = "Batas Capaian Maksimum"
    PERIODE = "Periode"
    PERIODE_DIHITUNG = "Periode Dihitung"
    BAND_LABELS = ("Batas Sangat Tinggi", "Batas Tinggi", "Batas Sedang", "Batas Rendah")
    SKALA_PREFIX = "Skala"  # "Skala <nama>": a grade scale, best grade first, comma separated


PERIODE_CHOICES = ("TW1", "TW2", "TW3", "TW4")
JENIS_PK_CHOICES = ("Murni", "Perubahan")
PREDIKAT_NAMES = ("Sangat Tinggi", "Tinggi", "Sedang", "Rendah", "Sangat Rendah")
DEFAULT_BANDS = (91.0, 76.0, 66.0, 51.0)
TIPE_CHOICES = tuple(t.value for t in Tipe)
POLARITAS_CHOICES = tuple(p.value for p in Polarity)


def norm_header(text: object) -> str:
    """Header comparison key: case and spacing insensitive (DESIGN §5)."""
    if text is None:
        return ""
    if isinstance(text, str) and len(text) <= 100:
        return _norm_short(text)
    return " ".join(str(text).split()).casefold()


@lru_cache(maxsize=4096)
def _norm_short(text: str) -> str:
    return " ".join(text.split()).casefold()
