"""A new, empty kinerja workbook: every sheet of DESIGN §5 with headers, dropdowns, widths and
frozen header rows. The template build (with VBA and ribbon) starts from this workbook."""

from __future__ import annotations

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from ..core.contract import (
    COMPUTED_HEADERS,
    DEFAULT_BANDS,
    JENIS_PK_CHOICES,
    PEJABAT,
    PEJABAT_HEADERS,
    PENGATURAN,
    PERIODE_CHOICES,
    PETUNJUK,
    POLARITAS_CHOICES,
    TIPE_CHOICES,
    YEARS_HEADERS,
    H,
    Level,
    NegativeRule,
    S,
    level_headers,
)
from ..core.findings import col_letter
from ..core.numbers import DEFAULT_SCALES
from .petunjuk import PETUNJUK_LINES
from .text import text_cell

HEADER_ROW = 2  # row 1 holds the sheet title
LAST_ROW = 2000  # dropdowns and lookups reach this far
_INPUT_FILL = PatternFill("solid", fgColor="DDEBF7")
_COMPUTED_FILL = PatternFill("solid", fgColor="E2EFDA")
_THIN = Side(style="thin", color="999999")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_WIDTHS = {H.KODE: 12, H.KODE_INDUK: 12, H.URAIAN_INDUK: 30, H.URAIAN: 40, H.SASARAN: 40,
           H.PJ: 16, H.INDIKATOR: 40, H.SATUAN: 12, H.POLARITAS: 11, H.TIPE: 16,
           H.TIPE_ASLI: 18, H.FORMULASI: 30, H.SUMBER: 22, H.TARGET: 11, H.REALISASI: 12,
           H.CAPAIAN: 12, H.PREDIKAT: 14, H.ANGGARAN: 18, H.REAL_ANGGARAN: 18, H.SERAPAN: 12,
           H.STATUS: 50, H.KONDISI_AWAL: 12, H.REAL_N2: 13, H.REAL_N1: 13, H.CAPAIAN_N2: 12,
           H.CAPAIAN_N1: 12, H.TARGET_AKHIR: 14, H.STANDAR_NASIONAL: 12,
           H.FAKTOR_PENDORONG: 40, H.FAKTOR_PENGHAMBAT: 40, H.TINDAK_LANJUT: 40}
_TITLES = {
    Level.TUJUAN: "TUJUAN — puncak pohon kinerja (tanpa Kode Induk)",
    Level.SASARAN: "SASARAN — Kode Induk = Kode di sheet Tujuan",
    Level.PROGRAM: "PROGRAM — Kode Induk = Kode di sheet Sasaran",
    Level.KEGIATAN: "KEGIATAN — Kode Induk = Kode di sheet Program",
    Level.SUB_KEGIATAN: "SUB KEGIATAN — Kode Induk = Kode di sheet Kegiatan; anggaran di sini",
}
SETTINGS_ROWS: tuple[tuple[str, object, str], ...] = (
    (S.NAMA_INSTANSI, "", "Contoh: Kecamatan Kenohan"),
    (S.PEMDA, "", "Contoh: Pemerintah Kabupaten Kutai Kartanegara"),
    (S.TAHUN, None, "Tahun perjanjian kinerja, contoh: 2025"),
    (S.TEMPAT, "", "Tempat penandatanganan PK, contoh: Kenohan"),
    (S.TANGGAL_PK, None, "Tanggal penandatanganan PK"),
    (S.JENIS_PK, "Murni", "Murni atau Perubahan"),
    (S.RUMUS_NEGATIF, NegativeRule.TWO_T_MINUS_R.value,
     "(2T-R)/T (PermenPAN-RB 8/2021) atau T/R"),
    (S.BATAS_MAKS, None, "Kosong = capaian tidak dibatasi; contoh: 120 (ketik sebagai angka)"),
    (S.PERIODE, None, "TW1..TW4; kosong = triwulan terakhir yang sudah ada realisasinya"),
    *((label, band, "Batas bawah predikat (Permendagri 86/2017)")
      for label, band in zip(S.BAND_LABELS, DEFAULT_BANDS, strict=True)),
    *((f"{S.SKALA_PREFIX} {scale.name}", ", ".join(scale.grades),
       "Nilai huruf, terbaik dahulu (dipisah koma); capaian = skor realisasi / skor target"
       " × 100, skor terbaik = jumlah nilai, terburuk = 1") for scale in DEFAULT_SCALES),
    (S.PERIODE_DIHITUNG, None, "Diisi otomatis oleh Hitung Capaian"),
)


def build_workbook() -> Workbook:
    """The empty workbook (openpyxl object, not saved)."""
    wb = Workbook()
    petunjuk = wb.active
    petunjuk.title = PETUNJUK
    _petunjuk(petunjuk)
    _settings(wb.create_sheet(PENGATURAN))
    _pejabat(wb.create_sheet(PEJABAT))
    for level in Level:
        _level(wb.create_sheet(level.sheet), level)
    return wb


def _title(ws: Worksheet, text: str) -> None:
    ws.cell(1, 1, text).font = Font(bold=True, size=13)


def _header(ws: Worksheet, headers: tuple[str, ...], widths: dict[str, float]) -> None:
    for col, name in enumerate(headers, start=1):
        c = ws.cell(HEADER_ROW, col, name)
        c.font = Font(bold=True)
        c.fill = _COMPUTED_FILL if name in COMPUTED_HEADERS else _INPUT_FILL
        c.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
        c.border = _BOX
        if name in COMPUTED_HEADERS:
            c.comment = Comment("Diisi otomatis (Hitung Capaian / Periksa Tautan). Jangan "
                                "diketik: isinya diganti setiap kali dihitung.", "kinerja_xl")
        ws.column_dimensions[col_letter(col)].width = widths.get(name, 11)
    ws.freeze_panes = ws.cell(HEADER_ROW + 1, 2)
    ws.row_dimensions[HEADER_ROW].height = 32


def _list(ws: Worksheet, formula: str, col: int, prompt: str) -> None:
    dv = DataValidation(type="list", formula1=formula, allow_blank=True)
    dv.error, dv.errorTitle = f"Pilih dari daftar: {prompt}", "Nilai tidak dikenal"
    dv.prompt, dv.promptTitle = prompt, "Pilihan"
    dv.add(f"{col_letter(col)}{HEADER_ROW + 1}:{col_letter(col)}{LAST_ROW}")
    ws.add_data_validation(dv)


def _level(ws: Worksheet, level: Level) -> None:
    headers = (*level_headers(level), *YEARS_HEADERS)  # optional columns last (docs/lkjip.md)
    _title(ws, _TITLES[level])
    _header(ws, headers, _WIDTHS)
    col = {h: i for i, h in enumerate(headers, start=1)}
    _list(ws, '"' + ",".join(POLARITAS_CHOICES) + '"', col[H.POLARITAS], "Positif atau Negatif")
    _list(ws, '"' + ",".join(TIPE_CHOICES) + '"', col[H.TIPE], "Tipe Penghitungan")
    _list(ws, f"'{PEJABAT}'!$A${HEADER_ROW + 1}:$A${LAST_ROW}", col[H.PJ],
          "ID dari sheet Pejabat")
    if level.parent is not None:
        _list(ws, f"'{level.parent.sheet}'!$A${HEADER_ROW + 1}:$A${LAST_ROW}", col[H.KODE_INDUK],
              f"Kode dari sheet {level.parent.sheet}")


def _pejabat(ws: Worksheet) -> None:
    _title(ws, "PEJABAT — ID dipakai di kolom Penanggung Jawab dan Atasan")
    widths = {"ID": 14, "Jabatan": 40, "Nama": 30, "NIP": 22, "Pangkat/Golongan": 24,
              "Atasan": 14}
    _header(ws, PEJABAT_HEADERS, widths)
    _list(ws, f"$A${HEADER_ROW + 1}:$A${LAST_ROW}", 6, "ID atasan (baris lain di sheet ini)")


def _settings(ws: Worksheet) -> None:
    ws.column_dimensions["A"].width = 28
    ws.column_dimensions["B"].width = 44
    ws.column_dimensions["C"].width = 60
    for r, (label, value, note) in enumerate(SETTINGS_ROWS, start=1):
        ws.cell(r, 1, label).font = Font(bold=True)
        b = text_cell(ws, r, 2, value)
        b.fill = _COMPUTED_FILL if label == S.PERIODE_DIHITUNG else _INPUT_FILL
        b.border = _BOX
        ws.cell(r, 3, note).font = Font(italic=True, color="666666")
        if label == S.TANGGAL_PK:
            b.number_format = "d mmmm yyyy"
        choices = {S.JENIS_PK: JENIS_PK_CHOICES, S.PERIODE: PERIODE_CHOICES,
                   S.RUMUS_NEGATIF: tuple(r.value for r in NegativeRule)}.get(label)
        if choices:
            dv = DataValidation(type="list", formula1='"' + ",".join(choices) + '"',
                                allow_blank=True)
            dv.add(f"B{r}")
            ws.add_data_validation(dv)


def _petunjuk(ws: Worksheet) -> None:
    ws.column_dimensions["A"].width = 110
    for r, line in enumerate(PETUNJUK_LINES, start=1):
        c = text_cell(ws, r, 1, line)
        c.alignment = Alignment(wrap_text=True, vertical="top")
        if r == 1:
            c.font = Font(bold=True, size=14)
        elif line.isupper():
            c.font = Font(bold=True)
