"""`gabung --kabupaten`: unit Tujuan linked to kabupaten Sasaran (good, unknown, blank, a loop),
capaian rolled up, the cascading matrix and the PK Bupati table. Values computed by hand."""

from __future__ import annotations

import math
from pathlib import Path

import openpyxl
import pytest
from gabung_support import digests, kabupaten_file, unit_file

from kinerja_xl.cli import main

IKM_TW2 = 82 / 85 * 100  # the sample's Tujuan indicator: Non Kumulatif 85, R TW2 = 82
IKM_TW1 = 80 / 85 * 100


def _rows(path: Path, sheet: str) -> list[tuple]:
    ws = openpyxl.load_workbook(path, read_only=True)[sheet]
    return [r for r in ws.iter_rows(values_only=True) if any(v is not None for v in r)]


@pytest.fixture
def units(tmp_path: Path) -> Path:
    d = tmp_path / "unit"
    d.mkdir()
    unit_file(d / "a.xlsx", "Kecamatan A", "S-KAB.1")
    unit_file(d / "b.xlsx", "Kecamatan B", "S-KAB.9")
    unit_file(d / "c.xlsx", "Kecamatan C", "T-KAB.1")
    unit_file(d / "d.xlsx", "Kecamatan D", "S-KAB.1", periode=1)
    unit_file(d / "e.xlsx", "Kecamatan E")
    return d


def test_links_rollup_cascade_and_pk(units: Path, tmp_path: Path, capsys) -> None:
    kab = kabupaten_file(tmp_path / "kab.xlsx")
    before = digests(tmp_path)
    out = tmp_path / "rekap.xlsx"
    assert main(["gabung", str(units), "--kabupaten", str(kab), "-o", str(out)]) == 0
    assert "5 Tujuan unit, 3 bermasalah" in capsys.readouterr().out
    after = digests(tmp_path)
    after.pop("rekap.xlsx")
    assert after == before
    links = {r[0]: r for r in _rows(out, "Tautan Kabupaten")[3:]}
    assert links["Kecamatan A"][6] == links["Kecamatan D"][6] == "OK"
    assert links["Kecamatan B"][6] == "Tidak dikenal"
    assert "'S-KAB.9'" in links["Kecamatan B"][7] and "baris 3" in links["Kecamatan B"][7]
    assert links["Kecamatan C"][6] == "Tidak dikenal" and "Tujuan kabupaten" in links[
        "Kecamatan C"][7]
    assert links["Kecamatan E"][6] == "Belum ditautkan"
    # the Kode Induk of a unit Tujuan is a link, not a validation error of the unit
    summary = {r[1]: r for r in _rows(out, "Ringkasan")[1:]}
    errors = summary["Kecamatan A"][15]
    assert errors == summary["Kecamatan E"][15]
    assert [summary[f"Kecamatan {u}"][17] for u in "ABCDE"] == [0, 1, 1, 0, 1]

    cascade = _rows(out, "Kaskade Kabupaten")[3:]
    first = cascade[0]
    rolled = (IKM_TW2 + IKM_TW1) / 2
    assert first[0].startswith("T-KAB.1") and math.isclose(first[1], rolled)
    assert first[2].startswith("S-KAB.1") and math.isclose(first[3], rolled)
    assert first[4] == "Indeks Kepuasan Masyarakat" and math.isclose(first[7], 72 / 80 * 100)
    units_s1 = {r[8]: r[10] for r in cascade[:2]}
    assert set(units_s1) == {"Kecamatan A", "Kecamatan D"}
    assert math.isclose(units_s1["Kecamatan A"], IKM_TW2)
    assert math.isclose(units_s1["Kecamatan D"], IKM_TW1)
    assert cascade[1][4] == "Nilai SAKIP" and math.isclose(cascade[1][7], 100.0)
    s2 = next(r for r in cascade if r[2] and r[2].startswith("S-KAB.2"))
    assert s2[3] is None and "belum ada perangkat daerah" in s2[8]

    pk = _rows(out, "PK Bupati")
    assert pk[0][0] == "PERJANJIAN KINERJA TAHUN 2025"
    table = {r[2]: r for r in pk if len(r) > 5 and r[2]}
    assert table["Indeks Kepuasan Masyarakat"][1] == "Meningkatnya kualitas pelayanan publik"
    assert table["Indeks Kepuasan Masyarakat"][5] == "Kecamatan A, Kecamatan D"
    assert any(r[5] == "Bupati Contoh".upper() for r in pk if len(r) > 5)


def test_loop_in_the_kabupaten_chain(units: Path, tmp_path: Path) -> None:
    kab = kabupaten_file(tmp_path / "kab.xlsx", tujuan_induk="S-KAB.1")  # T -> S -> T
    out = tmp_path / "rekap.xlsx"
    assert main(["gabung", str(units / "a.xlsx"), "--kabupaten", str(kab), "-o",
                 str(out)]) == 0
    link = _rows(out, "Tautan Kabupaten")[3]
    assert link[6] == "Berputar" and "berputar" in link[7]
    cascade = _rows(out, "Kaskade Kabupaten")[3]
    assert cascade[3] is None  # a looping link is not rolled up


def test_unusable_kabupaten_is_exit_2(units: Path, tmp_path: Path, capsys) -> None:
    bad = tmp_path / "kab.xlsx"
    bad.write_text("bukan workbook", encoding="utf-8")
    out = tmp_path / "rekap.xlsx"
    assert main(["gabung", str(units), "--kabupaten", str(bad), "-o", str(out)]) == 2
    assert "kab.xlsx" in capsys.readouterr().err
    assert not out.exists()
