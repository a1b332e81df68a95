"""Tables of the kinds planners hold, written from the structure of public documents, and
writers that put one table into every accepted format.

- IKU: the "Indikator Kinerja Utama" page of a kecamatan (Sasaran Strategis, IKU, Satuan,
  Target, Formulasi/Alasan, Sumber Data, Penanggung Jawab), titles above the table.
- RENSTRA: a Renstra matrix (Tujuan, Sasaran, Program with their indicators, Kondisi Awal and
  "Target Kinerja" over one column per year: a two-row header).
- CASCADING: a cascading matrix, hierarchy in columns down to Sub Kegiatan, "Target" over
  TW I … TW IV; a blank cell means "same as above" (merged cells in the xlsx version).
- NOMENKLATUR: the Kepmendagri 050-5889/2021 appendix shape (Kode, Nomenklatur, Kinerja,
  Indikator, Satuan) with urusan and bidang rows.
- SIPD: a SIPD-RI Renja/RKA/DPA-like export: title rows, Kode, Urusan/…/Program/Kegiatan/Sub
  Kegiatan, Indikator, "Rencana Tahun 2025" over Lokasi/Target/Satuan/Pagu/Sumber Dana, the
  "(1) (2) (3)" row, the SKPD unit row, belanja account rows, a JUMLAH row.
Names and kode come from Permendagri 90/2019 as updated by Kepmendagri 050-5889/2021;
numbers are made up.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import openpyxl

Row = list[object]

IKU_TITLE: list[Row] = [["INDIKATOR KINERJA UTAMA (IKU)"], ["KECAMATAN KEBASEN"],
                        ["TAHUN 2025"], []]
IKU_HEAD: list[Row] = [["No", "Sasaran Strategis", "Indikator Kinerja Utama", "Satuan",
                        "Target 2025", "Alasan", "Formulasi", "Sumber Data",
                        "Penanggung Jawab"]]
IKU_BODY: list[Row] = [
    [1, "Meningkatnya kualitas pelayanan publik kecamatan", "Indeks Kepuasan Masyarakat",
     "Indeks", 82.5, "Mengukur mutu layanan", "Nilai survei kepuasan masyarakat",
     "Laporan SKM", "Camat"],
    ["", "", "Persentase layanan administrasi selesai tepat waktu", "%", 95,
     "Ketepatan waktu", "Layanan tepat waktu / seluruh layanan x 100", "Register layanan",
     "Sekretaris Kecamatan"],
    [2, "Meningkatnya peran serta masyarakat dalam pembangunan desa",
     "Persentase desa yang aktif dalam musrenbang", "%", 100, "",
     "=desa aktif/jumlah desa x 100", "Notulen musrenbang", "Kasi PMD"],
]
IKU = IKU_TITLE + IKU_HEAD + IKU_BODY

RENSTRA: list[Row] = [
    ["MATRIKS RENCANA STRATEGIS KECAMATAN KEBASEN 2023-2026"],
    ["Tujuan", "Indikator Tujuan", "Sasaran", "Indikator Sasaran", "Program",
     "Indikator Kinerja Program", "Satuan", "Kondisi Awal", "Target Kinerja", ""],
    ["", "", "", "", "", "", "", "", "2025", "2026"],
    ["Mewujudkan pelayanan kecamatan yang prima", "Indeks Kepuasan Masyarakat",
     "Meningkatnya kualitas pelayanan", "Persentase layanan tepat waktu",
     "Program Penyelenggaraan Pemerintahan dan Pelayanan Publik",
     "Persentase pemohon pelayanan yang terlayani", "%", "90", "95", "97"],
    ["", "", "", "", "Program Penunjang Urusan Pemerintahan Daerah Kabupaten/Kota",
     "Nilai SAKIP perangkat daerah", "Nilai", "65", "70", "72"],
    ["", "", "Meningkatnya pemberdayaan masyarakat desa", "Persentase desa mandiri",
     "Program Pemberdayaan Masyarakat Desa dan Kelurahan",
     "Persentase desa yang aktif dalam musrenbang", "%", "80", "100", "100"],
]

CASCADING_HEAD: list[Row] = [
    ["CASCADING KINERJA KECAMATAN KEBASEN TAHUN 2025"], [],
    ["Tujuan", "Sasaran", "Program", "Kegiatan", "Sub Kegiatan", "Indikator Kinerja",
     "Satuan", "Target", "", "", ""],
    ["", "", "", "", "", "", "", "TW I", "TW II", "TW III", "TW IV"],
]
_T = "Mewujudkan pelayanan kecamatan yang prima"
_S = "Meningkatnya kualitas pelayanan publik"
_P = "Program Penunjang Urusan Pemerintahan Daerah Kabupaten/Kota"
_K1 = "Administrasi Keuangan Perangkat Daerah"
_K2 = "Administrasi Umum Perangkat Daerah"
CASCADING_FULL: list[Row] = [  # every cell written (what the merged xlsx reads as)
    [_T, _S, _P, _K1, "Penyediaan Gaji dan Tunjangan ASN", "Jumlah bulan gaji terbayar",
     "Bulan", 3, 6, 9, 12],
    [_T, _S, _P, _K1, "Penyediaan Gaji dan Tunjangan ASN", "Jumlah ASN penerima gaji",
     "Orang", 30, 30, 30, 30],
    [_T, _S, _P, _K1, "Penyediaan Administrasi Pelaksanaan Tugas ASN",
     "Jumlah dokumen administrasi tugas", "Dokumen", 1, 2, 3, 4],
    [_T, _S, _P, _K2, "Penyediaan Bahan Logistik Kantor", "Jumlah paket logistik",
     "Paket", 1, 2, 3, 4],
    [_T, _S, _P, _K2, "Penyelenggaraan Rapat Koordinasi dan Konsultasi SKPD",
     "Jumlah laporan rapat koordinasi", "Laporan", 3, 6, 9, 12],
]


def blank_repeats(rows: list[Row], levels: int) -> list[Row]:
    """The same rows with a hierarchy cell left blank when it equals the one above."""
    out: list[Row] = []
    prev: Row = []
    for row in rows:
        new = list(row)
        for c in range(levels):
            if prev and row[c] == prev[c] and all(row[k] == prev[k] for k in range(c)):
                new[c] = ""
        out.append(new)
        prev = row
    return out


CASCADING = CASCADING_HEAD + blank_repeats(CASCADING_FULL, 5)

NOMENKLATUR: list[Row] = [
    ["KODE", "NOMENKLATUR URUSAN KABUPATEN/KOTA", "KINERJA", "INDIKATOR", "SATUAN"],
    ["7", "URUSAN PEMERINTAHAN UMUM", "", "", ""],
    ["7.01", "KECAMATAN", "", "", ""],
    ["7.01.02", "PROGRAM PENYELENGGARAAN PEMERINTAHAN DAN PELAYANAN PUBLIK",
     "Meningkatnya kualitas pelayanan publik", "Persentase layanan tepat waktu", "%"],
    ["7.01.02.2.01", "Koordinasi Penyelenggaraan Kegiatan Pemerintahan di Tingkat Kecamatan",
     "Terkoordinasinya kegiatan pemerintahan", "Jumlah laporan koordinasi", "Laporan"],
    ["7.01.02.2.01.0003", "Fasilitasi Percepatan Pencapaian Standar Pelayanan Minimal di "
     "Wilayah Kecamatan", "Terfasilitasinya percepatan SPM",
     "Jumlah dokumen hasil fasilitasi SPM", "Dokumen"],
    ["7.01.02.2.01.0004", "Peningkatan Efektifitas Pelaksanaan Pelayanan kepada Masyarakat "
     "di Wilayah Kecamatan", "Meningkatnya efektivitas pelayanan",
     "Jumlah laporan pelayanan", "Laporan"],
    ["", "", "", "Jumlah desa yang dilayani", "Desa"],
    ["7.01.02.2.02", "Penyelenggaraan Urusan Pemerintahan yang Tidak Dilaksanakan oleh Unit "
     "Kerja Perangkat Daerah yang Ada di Kecamatan", "Terselenggaranya urusan",
     "Jumlah urusan", "Urusan"],
]

SIPD: list[Row] = [
    ["RENCANA KERJA PERANGKAT DAERAH"],
    ["KECAMATAN KEBASEN KABUPATEN BANYUMAS"],
    ["TAHUN 2025"],
    [],
    ["Kode", "Urusan/Bidang Urusan Pemerintahan Daerah dan Program/Kegiatan/Sub Kegiatan",
     "Indikator Kinerja Program (outcome)/Kegiatan (output)/Sub Kegiatan",
     "Rencana Tahun 2025", "", "", "", "", "Catatan Penting"],
    ["", "", "", "Lokasi", "Target Capaian Kinerja", "Satuan", "Pagu Indikatif",
     "Sumber Dana", ""],
    ["(1)", "(2)", "(3)", "(4)", "(5)", "(6)", "(7)", "(8)", "(9)"],
    ["7", "URUSAN PEMERINTAHAN UMUM", "", "", "", "", "", "", ""],
    ["7.01", "KECAMATAN", "", "", "", "", "", "", ""],
    ["7.01.0.00.0.00.01.0000", "KECAMATAN KEBASEN", "", "", "", "", "", "", ""],
    ["7.01.01", "PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH KABUPATEN/KOTA",
     "Nilai SAKIP perangkat daerah", "Kec. Kebasen", 70, "Nilai", 1250000000, "DAU", ""],
    ["7.01.01.2.02", "Administrasi Keuangan Perangkat Daerah",
     "Persentase administrasi keuangan tertib", "Kec. Kebasen", 100, "%", 1200000000,
     "DAU", ""],
    ["7.01.01.2.02.0001", "Penyediaan Gaji dan Tunjangan ASN",
     "Jumlah orang yang menerima gaji dan tunjangan ASN", "Kec. Kebasen", 30, "Orang/bulan",
     1150000000, "DAU", ""],
    ["", "", "Jumlah bulan gaji terbayar", "", 12, "Bulan", "", "", ""],
    ["5.1.01.01.01.0001", "Belanja Gaji Pokok PNS", "", "", "", "", 900000000, "", ""],
    ["7.01.01.2.02.0002", "Penyediaan Administrasi Pelaksanaan Tugas ASN",
     "Jumlah dokumen hasil penyediaan administrasi pelaksanaan tugas ASN", "Kec. Kebasen",
     12, "Dokumen", 50000000, "DAU", ""],
    ["7.01.01.2.06", "Administrasi Umum Perangkat Daerah",
     "Persentase sarana kantor tersedia", "Kec. Kebasen", 100, "%", 50000000, "DAU", ""],
    ["7.01.01.2.06.0004", "Penyediaan Bahan Logistik Kantor",
     "Jumlah paket bahan logistik kantor yang disediakan", "Kec. Kebasen", 12, "Paket",
     50000000, "DAU", ""],
    ["7.01.02", "PROGRAM PENYELENGGARAAN PEMERINTAHAN DAN PELAYANAN PUBLIK",
     "Persentase layanan tepat waktu", "Kec. Kebasen", 95, "%", 75000000, "DAU", ""],
    ["7.01.02.2.01", "Koordinasi Penyelenggaraan Kegiatan Pemerintahan di Tingkat Kecamatan",
     "Jumlah laporan koordinasi", "Kec. Kebasen", 4, "Laporan", 75000000, "DAU", ""],
    ["7.01.02.2.01.0004", "Peningkatan Efektifitas Pelaksanaan Pelayanan kepada Masyarakat "
     "di Wilayah Kecamatan", "Jumlah laporan pelayanan", "Kec. Kebasen", 4, "Laporan",
     75000000, "DAU", ""],
    ["", "JUMLAH", "", "", "", "", 1325000000, "", ""],
]


# writers --------------------------------------------------------------------------------------

def cell_text(value: object, decimal_comma: bool = False) -> str:
    if value in (None, ""):
        return ""
    if isinstance(value, float) and decimal_comma:
        return f"{value}".replace(".", ",")
    if isinstance(value, int) and decimal_comma and abs(value) >= 1000:
        return f"{value:,}".replace(",", ".")  # 1.250.000.000 as an Indonesian CSV has it
    return str(value)


def write_csv(rows: list[Row], path: Path, delimiter: str = ",", encoding: str = "utf-8",
              ) -> Path:
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=delimiter, lineterminator="\r\n")
    for row in rows:
        writer.writerow([cell_text(v, decimal_comma=delimiter == ";") for v in row])
    path.write_bytes(buf.getvalue().encode(encoding))
    return path


def write_tsv(rows: list[Row], path: Path) -> Path:
    """What a copy from a web page or Excel gives: cells joined by tabs."""
    text = "\n".join("\t".join(cell_text(v) for v in row) for row in rows) + "\n"
    path.write_text(text, encoding="utf-8")
    return path


def write_md(rows: list[Row], path: Path, header_index: int) -> Path:
    """Lines above the header as text, then a pipe table (one header row)."""
    lines = [" ".join(cell_text(v) for v in row) for row in rows[:header_index]]
    width = max(len(r) for r in rows)

    def pipe(row: Row) -> str:
        cells = [cell_text(v).replace("|", "\\|") for v in row] + [""] * (width - len(row))
        return "| " + " | ".join(cells) + " |"

    lines.append(pipe(rows[header_index]))
    lines.append("|" + "|".join("---" for _ in range(width)) + "|")
    lines.extend(pipe(r) for r in rows[header_index + 1:])
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def write_xlsx(rows: list[Row], path: Path, merges: tuple[str, ...] = (),
               sheet: str = "Data", extra_sheets: tuple[str, ...] = ()) -> Path:
    wb = openpyxl.Workbook()
    for name in extra_sheets:  # e.g. a cover sheet before the table
        ws = wb.create_sheet(name, 0)
        ws["A1"] = f"Sampul {name}"
    ws = wb["Sheet"]
    ws.title = sheet
    for r, row in enumerate(rows, start=1):
        for c, value in enumerate(row, start=1):
            if value not in (None, ""):
                cell = ws.cell(r, c, value)
                if isinstance(value, str) and value.startswith("="):
                    cell.data_type = "s"  # text, as a user typed it with an apostrophe
    for rng in merges:
        ws.merge_cells(rng)
    wb.save(path)
    return path
