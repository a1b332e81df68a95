"""`kinerja-xl impor` on bad input: a clear Indonesian message, exit code 2, no output file."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from kinerja_xl.cli import main
from kinerja_xl.impor.report import SHEET

MINI = ("CASCADING KECAMATAN CONTOH TAHUN 2025\n\n"
        "Program 1\nProgram Penunjang Urusan Pemerintahan Daerah Kabupaten/Kota\n"
        "Sasaran Program\nMeningkatnya administrasi ‘tertib’ – café\n"
        "Indikator Kinerja Program\nPersentase administrasi tertib\nPenjelasan\n"
        "Formulasi : a dibagi b b. Tipe Penghitungan : Non Kumulatif\n")


def run_impor(tmp_path: Path, data: bytes, capsys, name: str = "sumber.txt",
              out: str = "hasil.xlsm") -> tuple[int, str, str, Path]:
    src = tmp_path / name
    src.write_bytes(data)
    target = tmp_path / out
    code = main(["impor", str(src), "-o", str(target)])
    captured = capsys.readouterr()
    return code, captured.out, captured.err, target


@pytest.mark.parametrize("data", [b"", b"\n  \n\t\n", b"\xef\xbb\xbf\n"])
def test_empty_file(tmp_path, capsys, data):
    code, _, err, target = run_impor(tmp_path, data, capsys)
    assert code == 2
    assert "File kosong" in err
    assert not target.exists()


def test_binary_file(tmp_path, capsys):
    data = b"PK\x03\x04\x14\x00\x00\x00\x08\x00" + bytes(range(256)) * 4
    code, _, err, target = run_impor(tmp_path, data, capsys, name="workbook.xlsx")
    assert code == 2
    assert "file biner" in err
    assert not target.exists()


def test_control_characters_are_refused_as_binary(tmp_path, capsys):
    data = ("Program 1\n" + "\x01\x02\x03\x04\x05" * 40).encode()
    code, _, err, target = run_impor(tmp_path, data, capsys)
    assert code == 2 and "biner" in err and not target.exists()


def test_not_a_cascading_export(tmp_path, capsys):
    text = "Laporan rapat koordinasi\n\nHadir 12 orang.\nRapat selesai pukul 12.00\n"
    code, _, err, target = run_impor(tmp_path, text.encode(), capsys)
    assert code == 2
    assert "bukan ekspor cascading" in err
    assert not target.exists()


def test_kenohan_ocr_is_not_an_esakip_export(tmp_path, capsys):
    seed = Path(__file__).resolve().parents[2] / "shared" / "seeds" / \
        "cascading_kenohan_2025.txt"
    if not seed.exists():
        pytest.skip("shared seeds not available")
    code, _, err, target = run_impor(tmp_path, seed.read_bytes(), capsys)
    assert code == 2 and "bukan ekspor cascading" in err and not target.exists()


def test_headings_without_any_indicator(tmp_path, capsys):
    text = "Program 1\nProgram Penunjang\nKegiatan 1\nAdministrasi Umum\n"
    code, _, err, target = run_impor(tmp_path, text.encode(), capsys)
    assert code == 2 and "tidak memuat satu pun indikator" in err and not target.exists()


def test_cp1252_is_read_with_a_warning(tmp_path, capsys):
    code, out, _, target = run_impor(tmp_path, MINI.encode("cp1252"), capsys)
    assert code == 0, out
    assert "Windows-1252" in out
    wb = openpyxl.load_workbook(target)
    assert wb["Program"]["E3"].value == "Meningkatnya administrasi ‘tertib’ – café"
    texts = [str(c.value) for row in wb[SHEET].iter_rows() for c in row if c.value]
    assert any("bukan UTF-8" in t for t in texts)


def test_utf16_with_bom_is_read(tmp_path, capsys):
    code, out, _, target = run_impor(tmp_path, MINI.encode("utf-16"), capsys)
    assert code == 0, out
    assert "UTF-16" in out and target.exists()


def test_existing_output_is_not_overwritten(tmp_path, capsys):
    target = tmp_path / "hasil.xlsm"
    target.write_bytes(b"isi lama")
    code, _, err, _ = run_impor(tmp_path, MINI.encode(), capsys)
    assert code == 2 and "--timpa" in err
    assert target.read_bytes() == b"isi lama"


def test_wrong_output_suffix_and_missing_source(tmp_path, capsys):
    code, _, err, target = run_impor(tmp_path, MINI.encode(), capsys, out="hasil.csv")
    assert code == 2 and ".xlsm" in err and not target.exists()
    code = main(["impor", str(tmp_path / "tidak_ada.txt"), "-o", str(tmp_path / "x.xlsm")])
    assert code == 2 and "tidak ditemukan" in capsys.readouterr().err
    assert not (tmp_path / "x.xlsm").exists()
