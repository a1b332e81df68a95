"""`kinerja-xl impor … --ke WB` merges into an existing workbook (issue 12, item 6): new nodes
and indicators added, empty cells filled, a different typed value kept and listed as a
conflict (or overwritten and listed with --timpa-isian), everything else in the file kept."""

from __future__ import annotations

import copy
from pathlib import Path

import openpyxl
import pytest
from impor_fixtures import SIPD, write_csv, write_xlsx

from kinerja_xl.api import check_file
from kinerja_xl.cli import main
from kinerja_xl.core.findings import Severity
from kinerja_xl.impor.report import SHEET
from kinerja_xl.impor.run import import_file

SEED = Path(__file__).resolve().parent.parent / "kinerja_xl" / "examples" / \
    "cascading_kebasen_2023.txt"
SUB = "Sub Kegiatan"


def base_table() -> list[list[object]]:
    """SIPD without sub kegiatan 7.01.01.2.02.0002 and without the first Satuan."""
    rows = [r for r in copy.deepcopy(SIPD) if r[:1] != ["7.01.01.2.02.0002"]]
    gaji = next(r for r in rows if r[:1] == ["7.01.01.2.02.0001"])
    gaji[5] = ""
    return rows


def new_table() -> list[list[object]]:
    """SIPD plus an indicator for the last sub kegiatan (room under it) and one for a sub
    kegiatan in the middle of the sheet (no room: a row is inserted)."""
    rows = copy.deepcopy(SIPD)
    last = next(i for i, r in enumerate(rows) if r[:1] == ["7.01.02.2.01.0004"])
    rows.insert(last + 1, ["", "", "=jumlah pengaduan x 100", "", 5, "Laporan", "", "", ""])
    mid = next(i for i, r in enumerate(rows) if r[:1] == ["7.01.01.2.06.0004"])
    rows.insert(mid + 1, ["", "", "Jumlah paket ATK", "", 12, "Paket", "", "", ""])
    return rows


def by_code(ws) -> dict[str, list[tuple]]:
    out: dict[str, list[tuple]] = {}
    code = None
    for row in ws.iter_rows(min_row=3, values_only=True):
        code = row[0] or code
        if any(v is not None for v in row):
            out.setdefault(code, []).append(row)
    return out


@pytest.fixture
def workbook(tmp_path) -> Path:
    wb_path = import_file(write_xlsx(base_table(), tmp_path / "base.xlsx"),
                          tmp_path / "kinerja.xlsx").out
    wb = openpyxl.load_workbook(wb_path)  # test setup: the user's own edits
    ws = wb[SUB]
    row = next(r for r in range(3, ws.max_row + 1)
               if ws.cell(r, 1).value == "7.01.01.2.02.0001")
    ws.cell(row, 14).value = 25  # Target typed by the user (source: 30)
    wb.create_sheet("Catatan Saya")["A1"] = "jangan dihapus"
    wb.save(wb_path)
    return wb_path


def test_merge_adds_fills_and_keeps_typed_values(tmp_path, workbook, capsys):
    src = write_csv(new_table(), tmp_path / "renja.csv", ";")
    assert main(["impor", str(src), "--ke", str(workbook)]) == 0
    out = capsys.readouterr().out
    assert "1 node baru" in out and "1 konflik" in out and "1 baris disisipkan" in out
    assert f"Langkah berikutnya: kinerja-xl hitung {workbook}" in out  # rows were inserted
    wb = openpyxl.load_workbook(workbook)
    assert wb["Catatan Saya"]["A1"].value == "jangan dihapus"
    subs = by_code(wb[SUB])
    gaji = subs["7.01.01.2.02.0001"]
    assert gaji[0][13] == 25  # kept
    assert gaji[0][7] == "Orang/bulan"  # empty Satuan filled
    assert subs["7.01.01.2.02.0002"][0][1] == "7.01.01.2.02"  # new node under its kegiatan
    last = subs["7.01.02.2.01.0004"]
    assert [r[6] for r in last] == ["Jumlah laporan pelayanan", "=jumlah pengaduan x 100"]
    atk = subs["7.01.01.2.06.0004"]  # no room: a row inserted right after the node
    assert [r[6] for r in atk] == ["Jumlah paket bahan logistik kantor yang disediakan",
                                   "Jumlah paket ATK"]
    assert [r[0] for r in atk] == ["7.01.01.2.06.0004"] * 2 and atk[1][7] == "Paket"
    cells = [c for row in wb[SUB].iter_rows() for c in row if c.value == "=jumlah pengaduan x 100"]
    assert cells[0].data_type == "s"
    report = " ".join(str(c.value) for row in wb[SHEET].iter_rows() for c in row if c.value)
    assert "Konflik" in report and "di workbook '25', di sumber '30'" in report
    assert "'Jumlah paket ATK' ditambahkan ke Kode 7.01.01.2.06.0004" in report
    assert "(baris baru disisipkan)" in report and "belum ditambahkan" not in report
    assert "Diisi" in report
    comp = check_file(workbook, out=tmp_path / "cek.xlsx")
    errors = [f.message for f in comp.findings if f.severity is Severity.ERROR]
    assert not [e for e in errors if "sudah dipakai" in e or "berurutan" in e], errors


def test_merge_twice_adds_nothing_new(tmp_path, workbook, capsys):
    src = write_csv(SIPD, tmp_path / "renja.csv", ";")
    assert main(["impor", str(src), "--ke", str(workbook)]) == 0
    capsys.readouterr()
    before = by_code(openpyxl.load_workbook(workbook)[SUB])
    assert main(["impor", str(src), "--ke", str(workbook)]) == 0
    out = capsys.readouterr().out
    assert "0 node baru, 0 indikator baru, 0 sel kosong diisi, 1 konflik" in out
    assert f"Langkah berikutnya: kinerja-xl periksa {workbook}" in out  # nothing inserted
    assert by_code(openpyxl.load_workbook(workbook)[SUB]) == before


def test_timpa_isian_overwrites_and_lists(tmp_path, workbook, capsys):
    src = write_csv(SIPD, tmp_path / "renja.csv", ";")
    assert main(["impor", str(src), "--ke", str(workbook), "--timpa-isian"]) == 0
    assert "1 sel ditimpa" in capsys.readouterr().out
    wb = openpyxl.load_workbook(workbook)
    assert by_code(wb[SUB])["7.01.01.2.02.0001"][0][13] == 30
    report = " ".join(str(c.value) for row in wb[SHEET].iter_rows() for c in row if c.value)
    assert "Ditimpa" in report and "'25' ditimpa dengan '30'" in report


def test_esakip_export_merged_into_its_own_workbook_changes_nothing(tmp_path, capsys):
    wb_path = tmp_path / "kebasen.xlsx"
    assert main(["impor", str(SEED), "-o", str(wb_path)]) == 0
    before = {s: by_code(openpyxl.load_workbook(wb_path)[s]) for s in ("Program", SUB)}
    capsys.readouterr()
    assert main(["impor", str(SEED), "--ke", str(wb_path)]) == 0
    out = capsys.readouterr().out
    assert "0 node baru, 0 indikator baru, 0 sel kosong diisi, 0 konflik" in out
    assert {s: by_code(openpyxl.load_workbook(wb_path)[s]) for s in ("Program", SUB)} == before


def test_ke_a_file_that_is_not_a_kinerja_workbook_is_refused(tmp_path, capsys):
    other = tmp_path / "lain.xlsx"
    wb = openpyxl.Workbook()
    wb.active["A1"] = "bukan workbook kinerja"
    wb.save(other)
    data = other.read_bytes()
    src = write_csv(SIPD, tmp_path / "renja.csv", ";")
    assert main(["impor", str(src), "--ke", str(other)]) == 2
    assert "Sheet wajib tidak ditemukan" in capsys.readouterr().err
    assert other.read_bytes() == data


def test_dry_run_with_ke_shows_the_merge_and_writes_nothing(tmp_path, workbook, capsys):
    src = write_csv(new_table(), tmp_path / "renja.csv", ";")
    data = workbook.read_bytes()
    assert main(["impor", str(src), "--ke", str(workbook), "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "Bila digabung ke" in out and "1 node baru" in out and "1 konflik" in out
    assert "[Konflik]" in out and "tidak ada file yang ditulis" in out
    assert "1 baris disisipkan" in out and "(baris baru disisipkan)" in out
    assert workbook.read_bytes() == data
