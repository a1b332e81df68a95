"""`kinerja-xl impor` on tables (issue 12): every accepted format and both shapes, from
fixtures written with the structure of public documents (tests/impor_fixtures.py). Counts per
level, indicators, parents and the column mapping are asserted against values worked out by
hand from the fixture tables; the same table in xlsx, csv, tsv and markdown gives the same
workbook."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from impor_fixtures import (
    CASCADING,
    CASCADING_FULL,
    CASCADING_HEAD,
    IKU,
    NOMENKLATUR,
    RENSTRA,
    SIPD,
    write_csv,
    write_md,
    write_tsv,
    write_xlsx,
)

from kinerja_xl.cli import main
from kinerja_xl.core.contract import Level
from kinerja_xl.impor.report import SHEET
from kinerja_xl.impor.run import import_file, read_any

LEVEL_SHEETS = [lv.sheet for lv in Level]
HEADER_INDEX = {"iku": 4, "renstra": 1, "cascading": 2, "nomenklatur": 0, "sipd": 4}
TABLES = {"iku": IKU, "renstra": RENSTRA, "cascading": CASCADING, "nomenklatur": NOMENKLATUR,
          "sipd": SIPD}


def write(name: str, fmt: str, folder: Path) -> Path:
    rows = TABLES[name]
    path = folder / f"{name}_{fmt}.{fmt.split('-')[0]}"
    if fmt == "csv":
        return write_csv(rows, path)
    if fmt == "csv-semicolon-cp1252":
        return write_csv(rows, path.with_suffix(".csv"), ";", "cp1252")
    if fmt == "tsv":
        return write_tsv(rows, path.with_suffix(".txt"))
    if fmt == "md":
        return write_md(rows, path, HEADER_INDEX[name])
    return write_xlsx(rows, path)


def sheet_values(path: Path) -> dict[str, list[tuple]]:
    wb = openpyxl.load_workbook(path)
    out = {}
    for name in LEVEL_SHEETS:
        ws = wb[name]
        out[name] = [tuple(c.value for c in row) for row in ws.iter_rows(min_row=3)
                     if any(c.value is not None for c in row)]
    return out


def tree(res) -> dict[str, list[tuple]]:
    return {lv.sheet: [(n.code, n.parent_code, n.uraian, [i.name for i in n.indicators])
                       for n in res.plan.levels[lv]] for lv in Level}


FORMATS = ["xlsx", "csv", "csv-semicolon-cp1252", "tsv", "md"]


@pytest.mark.parametrize("name", list(TABLES))
def test_same_table_in_every_format_gives_the_same_workbook(name, tmp_path):
    results = {}
    for fmt in FORMATS:
        if name == "renstra" and fmt == "md":
            continue  # a markdown table has one header row; Renstra needs two
        src = write(name, fmt, tmp_path)
        out = import_file(src, tmp_path / f"hasil_{name}_{fmt}.xlsx").out
        results[fmt] = sheet_values(out)
    first = results["xlsx"]
    assert any(first[s] for s in LEVEL_SHEETS)
    for fmt, values in results.items():
        assert values == first, fmt


def test_iku_page(tmp_path):
    res = read_any(write("iku", "xlsx", tmp_path))
    assert res.counts() == {"Tujuan": 0, "Sasaran": 2, "Program": 0, "Kegiatan": 0,
                            "Sub Kegiatan": 0, "Indikator": 3}
    s1, s2 = res.plan.levels[Level.SASARAN]
    assert [i.name for i in s2.indicators] == ["Persentase desa yang aktif dalam musrenbang"]
    assert s1.uraian == "Meningkatnya kualitas pelayanan publik kecamatan"
    assert [i.name for i in s1.indicators] == [
        "Indeks Kepuasan Masyarakat", "Persentase layanan administrasi selesai tepat waktu"]
    assert s1.pic == "Camat"
    ikm = s1.indicators[0]
    assert (ikm.satuan, ikm.target.value, ikm.sumber_data) == ("Indeks", 82.5, "Laporan SKM")
    assert ikm.formulasi == "Nilai survei kepuasan masyarakat"  # Formulasi, not Alasan
    assert res.plan.settings.tahun == 2025
    assert res.plan.settings.nama_instansi == "Kecamatan Kebasen"
    mapping = "\n".join(res.columns)
    assert "C 'Indikator Kinerja Utama' → Indikator" in mapping
    assert "E 'Target 2025' → Target" in mapping
    assert res.accounted() == set(range(1, len(IKU) + 1))


def test_imported_text_starting_with_equals_is_text(tmp_path):
    out = import_file(write("iku", "csv", tmp_path), tmp_path / "iku.xlsx").out
    ws = openpyxl.load_workbook(out)["Sasaran"]
    cells = [c for row in ws.iter_rows(min_row=3) for c in row
             if isinstance(c.value, str) and c.value.startswith("=")]
    assert [c.value for c in cells] == ["=desa aktif/jumlah desa x 100"]
    assert cells[0].data_type == "s"


def test_renstra_matrix_two_row_header(tmp_path):
    res = read_any(write("renstra", "xlsx", tmp_path))
    assert res.counts() == {"Tujuan": 1, "Sasaran": 2, "Program": 3, "Kegiatan": 0,
                            "Sub Kegiatan": 0, "Indikator": 6}
    t = tree(res)
    assert t["Tujuan"] == [("T1", "", "Mewujudkan pelayanan kecamatan yang prima",
                            ["Indeks Kepuasan Masyarakat"])]
    assert [(c, p) for c, p, _, _ in t["Sasaran"]] == [("S1", "T1"), ("S2", "T1")]
    assert [(c, p) for c, p, _, _ in t["Program"]] == [("P1", "S1"), ("P2", "S1"),
                                                       ("P3", "S2")]
    p2 = res.plan.levels[Level.PROGRAM][1]
    assert (p2.indicators[0].satuan, p2.indicators[0].target.value) == ("Nilai", 70)
    assert res.plan.settings.tahun == 2025  # "Target Kinerja" over "2025 | 2026": 2025
    assert res.notes[(Level.PROGRAM, "P2")] == ["Kondisi awal: 65"]
    assert any("Target Kinerja 2026" in e.message and "tidak dipakai" in e.message
               for e in res.report)


def test_cascading_matrix_blank_means_same_as_above(tmp_path):
    res = read_any(write("cascading", "csv", tmp_path))
    assert res.counts() == {"Tujuan": 1, "Sasaran": 1, "Program": 1, "Kegiatan": 2,
                            "Sub Kegiatan": 4, "Indikator": 5}
    subs = res.plan.levels[Level.SUB_KEGIATAN]
    assert [(s.code, s.parent_code) for s in subs] == [
        ("P1.K1.S1", "P1.K1"), ("P1.K1.S2", "P1.K1"), ("P1.K2.S1", "P1.K2"),
        ("P1.K2.S2", "P1.K2")]
    gaji = subs[0]
    assert [i.name for i in gaji.indicators] == ["Jumlah bulan gaji terbayar",
                                                 "Jumlah ASN penerima gaji"]
    assert [q.value for q in gaji.indicators[0].quarter_targets] == [3, 6, 9, 12]
    assert res.plan.levels[Level.KEGIATAN][0].parent_code == "P1"


def test_cascading_with_merged_cells_reads_like_the_blank_cells(tmp_path):
    merged = write_xlsx(CASCADING_HEAD + CASCADING_FULL, tmp_path / "merged.xlsx", merges=(
        "A3:A4", "B3:B4", "C3:C4", "D3:D4", "E3:E4", "F3:F4", "G3:G4", "H3:K3",
        "A5:A9", "B5:B9", "C5:C9", "D5:D7", "D8:D9", "E5:E6"))
    plain = write("cascading", "csv", tmp_path)
    assert tree(read_any(merged)) == tree(read_any(plain))


def test_nomenclature_table_with_kode(tmp_path):
    res = read_any(write("nomenklatur", "xlsx", tmp_path))
    assert res.counts() == {"Tujuan": 0, "Sasaran": 0, "Program": 1, "Kegiatan": 2,
                            "Sub Kegiatan": 2, "Indikator": 6}
    t = tree(res)
    assert t["Kegiatan"][0][:2] == ("7.01.02.2.01", "7.01.02")
    assert [(c, p) for c, p, _, _ in t["Sub Kegiatan"]] == [
        ("7.01.02.2.01.0003", "7.01.02.2.01"), ("7.01.02.2.01.0004", "7.01.02.2.01")]
    assert t["Sub Kegiatan"][1][3] == ["Jumlah laporan pelayanan", "Jumlah desa yang dilayani"]
    keg = res.plan.levels[Level.KEGIATAN][0]
    assert keg.sasaran == "Terkoordinasinya kegiatan pemerintahan"  # the KINERJA column
    skipped = " ".join(e.message for e in res.report)
    assert "berkode urusan" in skipped and "berkode bidang urusan" in skipped


def test_sipd_like_export(tmp_path):
    res = read_any(write("sipd", "xlsx", tmp_path))
    assert res.counts() == {"Tujuan": 0, "Sasaran": 0, "Program": 2, "Kegiatan": 3,
                            "Sub Kegiatan": 4, "Indikator": 10}
    subs = {n.code: n for n in res.plan.levels[Level.SUB_KEGIATAN]}
    assert {c: n.anggaran for c, n in subs.items()} == {
        "7.01.01.2.02.0001": 1_150_000_000, "7.01.01.2.02.0002": 50_000_000,
        "7.01.01.2.06.0004": 50_000_000, "7.01.02.2.01.0004": 75_000_000}
    # program and kegiatan pagu equal the sum below: left to the workbook's own sum
    assert all(n.anggaran is None for lv in (Level.PROGRAM, Level.KEGIATAN)
               for n in res.plan.levels[lv])
    gaji = subs["7.01.01.2.02.0001"]
    assert gaji.parent_code == "7.01.01.2.02"
    assert [(i.name, i.satuan, i.target.value) for i in gaji.indicators] == [
        ("Jumlah orang yang menerima gaji dan tunjangan ASN", "Orang/bulan", 30),
        ("Jumlah bulan gaji terbayar", "Bulan", 12)]
    assert res.plan.settings.tahun == 2025
    messages = " ".join(e.message for e in res.report)
    assert "berkode rekening" in messages and "berkode unit/SKPD" in messages
    assert "jumlah/total" in messages and "berbeda dari jumlah" not in messages
    mapping = "\n".join(res.columns)
    assert "'Target Capaian Kinerja' → Target" in mapping
    assert "'Pagu Indikatif' → Anggaran" in mapping
    assert res.accounted() == set(range(1, len(SIPD) + 1))


def test_cli_dry_run_writes_nothing(tmp_path, capsys):
    src = write("sipd", "csv", tmp_path)
    assert main(["impor", str(src), "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "Program 2, Kegiatan 3, Sub Kegiatan 4, Indikator 10" in out
    assert "Pemetaan kolom:" in out and "tidak ada file yang ditulis" in out
    assert sorted(p.name for p in tmp_path.iterdir()) == [src.name]


def test_unknown_headers_are_refused_with_a_kolom_line_then_kolom_works(tmp_path, capsys):
    src = tmp_path / "tabel.csv"
    src.write_text("Nama;Ukuran;Angka\nMeningkatnya pelayanan;Indeks kepuasan;82\n"
                   ";Waktu layanan rata-rata;3\n", encoding="utf-8")
    code = main(["impor", str(src), "-o", str(tmp_path / "x.xlsx")])
    err = capsys.readouterr().err
    assert code == 2 and not (tmp_path / "x.xlsx").exists()
    assert "A 'Nama'; B 'Ukuran'; C 'Angka'" in err and "--kolom" in err
    code = main(["impor", str(src), "-o", str(tmp_path / "x.xlsx"), "--kolom",
                 "Sasaran=A,Indikator=Ukuran,Target=C"])
    assert code == 0, capsys.readouterr()
    values = sheet_values(tmp_path / "x.xlsx")["Sasaran"]
    assert [(r[0], r[6], r[13]) for r in values] == [
        ("S1", "Indeks kepuasan", 82), ("S1", "Waktu layanan rata-rata", 3)]


def test_lembar_chooses_the_sheet(tmp_path, capsys):
    src = write_xlsx(SIPD, tmp_path / "dua.xlsx", sheet="Renja", extra_sheets=("Sampul",))
    res = read_any(src)
    assert res.counts()["Sub Kegiatan"] == 4
    assert any("dibaca lembar 'Renja'" in e.message for e in res.report)
    code = main(["impor", str(src), "--lembar", "Tidak Ada", "--dry-run"])
    err = capsys.readouterr().err
    assert code == 2 and "'Sampul', 'Renja'" in err


def test_report_sheet_accounts_for_every_row(tmp_path):
    out = import_file(write("sipd", "csv", tmp_path), tmp_path / "s.xlsx").out
    ws = openpyxl.load_workbook(out)[SHEET]
    named: set[int] = set()
    for (lines,) in ws.iter_rows(min_row=6, min_col=2, max_col=2, values_only=True):
        if lines and lines != "-":
            named.update(int(x) for x in str(lines).split(", "))
    assert named == set(range(1, len(SIPD) + 1))


def test_dpa_like_code_split_over_columns_under_a_merged_header(tmp_path):
    rows = [
        ["DOKUMEN PELAKSANAAN ANGGARAN KECAMATAN KEBASEN TAHUN 2025"],
        ["Kode", "", "", "", "", "Uraian", "Indikator", "Target", "Satuan", "Pagu"],
        ["Urusan", "Bidang", "Program", "Kegiatan", "Sub Kegiatan"],
        ["7", "01", "01", "", "", "PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH KABUPATEN/KOTA",
         "Nilai SAKIP", 70, "Nilai", 60000],
        ["7", "01", "01", "2.06", "", "Kegiatan : Administrasi Umum Perangkat Daerah",
         "Persentase sarana kantor tersedia", 100, "%", 60000],
        ["7", "01", "01", "2.06", "0004", "Penyediaan Bahan Logistik Kantor",
         "Jumlah paket logistik", 12, "Paket", 50000],
        ["7", "01", "01", "2.06", "0009", "Penyelenggaraan Rapat Koordinasi dan Konsultasi SKPD",
         "Jumlah laporan rapat", 12, "Laporan", 10000],
    ]
    src = write_xlsx(rows, tmp_path / "dpa.xlsx",
                     merges=("A2:E2", "F2:F3", "G2:G3", "H2:H3", "I2:I3", "J2:J3"))
    res = read_any(src)
    t = tree(res)
    assert [c for c, *_ in t["Program"]] == ["7.01.01"]
    assert t["Kegiatan"] == [("7.01.01.2.06", "7.01.01", "Administrasi Umum Perangkat Daerah",
                              ["Persentase sarana kantor tersedia"])]
    assert [(c, p) for c, p, *_ in t["Sub Kegiatan"]] == [
        ("7.01.01.2.06.0004", "7.01.01.2.06"), ("7.01.01.2.06.0009", "7.01.01.2.06")]
    assert [n.anggaran for n in res.plan.levels[Level.SUB_KEGIATAN]] == [50000, 10000]


def test_indicator_only_table_is_refused_saying_what_is_missing(tmp_path, capsys):
    src = tmp_path / "manual_iku.csv"
    src.write_text("No;Indikator Kinerja Utama;Formulasi;Satuan;Target\n"
                   "1;Indeks Kepuasan Masyarakat;Survei;Indeks;82\n", encoding="utf-8")
    assert main(["impor", str(src), "--dry-run"]) == 2
    err = capsys.readouterr().err
    assert "B 'Indikator Kinerja Utama'" in err and "tidak punya kolom node" in err
    assert main(["impor", str(src), "--dry-run", "--kolom", "Sasaran=Formulasi"]) == 0
    assert "Sasaran 1" in capsys.readouterr().out


RENSTRA_3 = [
    ["Tujuan", "Sasaran", "Program", "Indikator Kinerja Program", "Satuan",
     "Target Kinerja Program dan Kerangka Pendanaan", "", "", ""],
    ["", "", "", "", "", "2025", "", "2026", ""],
    ["", "", "", "", "", "K", "Rp", "K", "Rp"],
    ["Mewujudkan pelayanan kecamatan yang prima", "Meningkatnya kualitas pelayanan",
     "Program Penyelenggaraan Pemerintahan dan Pelayanan Publik",
     "Persentase pemohon pelayanan yang terlayani", "%", 95, 75000000, 97, 80000000],
    ["", "", "Program Penunjang Urusan Pemerintahan Daerah Kabupaten/Kota",
     "Nilai SAKIP perangkat daerah", "Nilai", 70, 1250000000, 72, 1300000000],
]


@pytest.mark.parametrize("fmt", ["csv", "xlsx-merged"])
def test_renstra_three_row_header_target_and_pagu_of_the_first_year(tmp_path, fmt):
    if fmt == "csv":
        src = write_csv(RENSTRA_3, tmp_path / "renstra3.csv", ";")
    else:
        src = write_xlsx(RENSTRA_3, tmp_path / "renstra3.xlsx", merges=(
            "A1:A3", "B1:B3", "C1:C3", "D1:D3", "E1:E3", "F1:I1", "F2:G2", "H2:I2"))
    res = read_any(src)
    progs = res.plan.levels[Level.PROGRAM]
    assert [(p.parent_code, p.indicators[0].target.value, p.anggaran) for p in progs] == [
        ("S1", 95, 75000000), ("S1", 70, 1250000000)]
    assert res.plan.settings.tahun == 2025
    assert res.counts()["Indikator"] == 2
