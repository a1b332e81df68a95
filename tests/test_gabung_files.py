"""`kinerja-xl gabung` over a folder of good and bad files: every file is listed in Laporan
Gabung with what happened and why, nothing stops the run, and no input byte changes."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import openpyxl
import pytest
from gabung_support import digests, encrypt, unit_file

from kinerja_xl.cli import main
from kinerja_xl.core.contract import Level
from kinerja_xl.xlsx.fill import write_plan
from kinerja_xl.xlsx.save import save_workbook


def _log(path: Path) -> dict[str, tuple]:
    ws = openpyxl.load_workbook(path, read_only=True)["Laporan Gabung"]
    rows = list(ws.iter_rows(values_only=True))
    header = rows.index(("No", "File", "Status", "Nama Instansi", "Indikator", "Kesalahan",
                         "Peringatan", "Keterangan"))
    return {Path(r[1]).name: r for r in rows[header + 1:]}


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    d = tmp_path / "kabupaten"
    (d / "opd").mkdir(parents=True)
    unit_file(d / "kec_a.xlsx", "Kecamatan A")
    unit_file(d / "opd" / "kec_b.xlsm", "Kecamatan B")
    shutil.copy(d / "kec_a.xlsx", d / "kec_a_salinan.xlsx")  # same content
    unit_file(d / "kec_a_lain.xlsx", "  kecamatan   a ")  # same Nama Instansi, other bytes
    encrypt(d / "kec_a.xlsx", d / "terkunci.xlsx")
    (d / "catatan.txt").write_text("bukan workbook", encoding="utf-8")
    (d / "palsu.xlsx").write_text("ini teks biasa", encoding="utf-8")
    (d / "rusak.xlsx").write_bytes((d / "kec_a.xlsx").read_bytes()[:3000])
    (d / "lama.xls").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100)
    (d / "~$kec_a.xlsx").write_bytes(b"lock")
    wb = write_plan(_plan("Kecamatan Tanpa Program"))
    del wb[Level.PROGRAM.sheet]
    save_workbook(wb, d / "tanpa_program.xlsx")
    return d


def _plan(name: str):
    from sample import sample_plan

    plan = sample_plan()
    plan.settings.nama_instansi = name
    return plan


def test_bad_files_are_listed_not_fatal(folder: Path, tmp_path: Path, capsys) -> None:
    before = digests(folder)
    out = tmp_path / "rekap.xlsx"
    assert main(["gabung", str(folder), "-o", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "2 dibaca" in printed and "Laporan Gabung" in printed
    assert digests(folder) == before  # nothing in the inputs changed
    log = _log(out)
    assert set(log) == {p.name for p in folder.rglob("*") if p.is_file()}
    status = {name: row[2] for name, row in log.items()}
    why = {name: row[7] or "" for name, row in log.items()}
    assert status["kec_a.xlsx"] == status["kec_b.xlsm"] == "Dibaca"
    assert status["kec_a_salinan.xlsx"] == "Dilewati" and "isi file sama" in why[
        "kec_a_salinan.xlsx"]
    assert status["kec_a_lain.xlsx"] == "Dilewati" and "Nama Instansi" in why["kec_a_lain.xlsx"]
    assert status["terkunci.xlsx"] == "Gagal" and "kata sandi" in why["terkunci.xlsx"]
    assert status["palsu.xlsx"] == "Gagal" and "bukan workbook" in why["palsu.xlsx"]
    assert status["rusak.xlsx"] == "Gagal" and "rusak" in why["rusak.xlsx"]
    assert status["catatan.txt"] == "Dilewati" and "bukan workbook" in why["catatan.txt"]
    assert status["lama.xls"] == "Dilewati" and ".xls" in why["lama.xls"]
    assert status["~$kec_a.xlsx"] == "Dilewati" and "kunci" in why["~$kec_a.xlsx"]
    assert status["tanpa_program.xlsx"] == "Gagal" and "Program" in why["tanpa_program.xlsx"]
    wb = openpyxl.load_workbook(out, read_only=True)
    units = [r[1] for r in wb["Ringkasan"].iter_rows(min_row=2, values_only=True)]
    assert units == ["Kecamatan A", "Kecamatan B"]
    rows = list(wb["Semua Indikator"].iter_rows(min_row=2, values_only=True))
    assert {r[0] for r in rows} == {"Kecamatan A", "Kecamatan B"}
    assert len(rows) == 22  # 11 indicators per unit; the duplicates are not counted twice


def test_text_from_units_stays_text(tmp_path: Path) -> None:
    plan = _plan("=HYPERLINK(\"http://x\")")
    plan.levels[Level.SASARAN][0].indicators[0].name = "=1+1"
    plan.levels[Level.SASARAN][0].uraian = "=SUM(A1:A9)"
    wb = write_plan(plan)
    for ws in wb.worksheets:  # typed as text in the unit's file (Excel: a leading apostrophe)
        for row in ws.iter_rows():
            for c in row:
                if isinstance(c.value, str) and c.value.startswith("="):
                    c.data_type = "s"
    save_workbook(wb, tmp_path / "u.xlsx")
    out = tmp_path / "rekap.xlsx"
    assert main(["gabung", str(tmp_path / "u.xlsx"), "-o", str(out)]) == 0
    wb = openpyxl.load_workbook(out)
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for c in row:
                assert c.data_type != "f", (ws.title, c.coordinate, c.value)
    values = {c.value for row in wb["Semua Indikator"].iter_rows() for c in row}
    assert {"=1+1", "=SUM(A1:A9)", "=HYPERLINK(\"http://x\")"} <= values
    with zipfile.ZipFile(out) as z:
        assert not any(b"<f>" in z.read(n) for n in z.namelist() if n.startswith("xl/worksheets/"))


def test_nothing_readable_is_exit_2(tmp_path: Path, capsys) -> None:
    (tmp_path / "a.xlsx").write_text("x", encoding="utf-8")
    assert main(["gabung", str(tmp_path), "-o", str(tmp_path / "r.xlsx")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("Gagal: Tidak ada workbook unit") and "Traceback" not in err
    assert not (tmp_path / "r.xlsx").exists()


def test_output_never_overwrites_an_input(tmp_path: Path, capsys) -> None:
    a = unit_file(tmp_path / "a.xlsx", "Kecamatan A")
    b = unit_file(tmp_path / "b.xlsx", "Kecamatan B")
    before = digests(tmp_path)
    assert main(["gabung", str(a), "-o", str(b)]) == 2
    assert "bukan rekap gabung" in capsys.readouterr().err
    assert main(["gabung", str(a), str(b), "-o", str(b)]) == 2
    assert "sama dengan file masukan" in capsys.readouterr().err
    assert digests(tmp_path) == before
    out = tmp_path / "rekap.xlsx"
    assert main(["gabung", str(tmp_path), "-o", str(out)]) == 0
    assert main(["gabung", str(tmp_path), "-o", str(out)]) == 0  # its own rekap: skipped
    assert _log(out)["rekap.xlsx"][2] == "Dilewati"

