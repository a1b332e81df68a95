"""The worksheet functions (UDFs): their logic against hand-computed values, their xlwings
signatures, and the parent lookup on a real xlwings Book (remote engine)."""

from __future__ import annotations

import importlib
import importlib.util
import io
import sys
import types
from pathlib import Path

import pytest
import xlwings as xw
from sample import EXPECTED, sample_plan
from xw_support import payload, remote_book

from kinerja_xl.core.contract import Level
from kinerja_xl.xlsx.load import grids, open_workbook
from kinerja_xl.xw import udf_logic as logic
from kinerja_xl.xw import udfs

ERR = "#KINERJA: "


# KINERJA_CAPAIAN ---------------------------------------------------------------------------------

@pytest.mark.parametrize("args, expected", [
    ((85, 82, "Positif"), 82 / 85 * 100),
    (("85%", 80, "Positif"), 80 / 85 * 100),
    (("80-90", 85, "Positif"), 100.0),  # inside the range
    (("80 – 90", 75, "Positif"), 75 / 80 * 100),  # below: against the lower bound
    (("80-90", 95, "Positif"), 95 / 90 * 100),  # above: against the upper bound
    ((10, 5, "Negatif"), (2 * 10 - 5) / 10 * 100),  # (2T-R)/T by default
    ((10, 5, "Negatif", "T/R"), 10 / 5 * 100),
    ((10, 5, "Negatif", " (2T - R) / T "), 150.0),
    ((10, 5, "Komulatif Negatif"), 150.0),  # source-document wording
    ((10, 12, None), 120.0),  # blank polaritas = Positif, as the reader
    ((0, 0, "Negatif"), 100.0),  # T = 0 and R = 0, negative
    ((1000, "1.234,5", "Positif"), 123.45),
])
def test_capaian_values(args, expected) -> None:
    assert udfs.KINERJA_CAPAIAN(*args) == pytest.approx(expected, rel=1e-15)


@pytest.mark.parametrize("args, message", [
    ((None, 5, "Positif"), "target kosong"),
    (("", 5, "Positif"), "target kosong"),
    ((0, 5, "Positif"), "target 0: capaian tidak dapat dihitung"),
    ((10, 0, "Negatif", "T/R"), "rumus T/R dengan realisasi 0"),
    (("abc", 5, "Positif"), "target 'abc' bukan angka"),
    ((10, "80-90", "Positif"), "realisasi tidak boleh berupa rentang"),
    ((10, 5, "Netral"), "polaritas 'Netral' tidak dikenal"),
    ((10, 5, "Negatif", "R/T"), "rumus 'R/T' tidak dikenal"),
    ((10, True, "Positif"), "realisasi berisi nilai logika"),
])
def test_capaian_errors_are_indonesian_text(args, message) -> None:
    out = udfs.KINERJA_CAPAIAN(*args)
    assert isinstance(out, str) and out.startswith(ERR) and message in out


def test_capaian_blank_realisation_is_blank() -> None:
    assert udfs.KINERJA_CAPAIAN(85, None, "Positif") == ""


# KINERJA_PREDIKAT --------------------------------------------------------------------------------

@pytest.mark.parametrize("value, expected", [
    (91, "Sangat Tinggi"), (90.99, "Tinggi"), (76, "Tinggi"), (75.9, "Sedang"), (66, "Sedang"),
    (51, "Rendah"), (50.99, "Sangat Rendah"), (-5, "Sangat Rendah"), ("95%", "Sangat Tinggi"),
    (None, ""), ("", ""),
])
def test_predikat_default_bands(value, expected) -> None:
    assert udfs.KINERJA_PREDIKAT(value) == expected


def test_predikat_custom_bands_as_numbers_or_a_range() -> None:
    assert udfs.KINERJA_PREDIKAT(85, 90, 80, 70, 60) == "Tinggi"
    assert udfs.KINERJA_PREDIKAT(85, [[90, 80, 70, 60]]) == "Tinggi"
    assert udfs.KINERJA_PREDIKAT(59, [90, 80, 70, 60]) == "Sangat Rendah"
    assert udfs.KINERJA_PREDIKAT(85, None, None) == "Tinggi"  # blank cells: default bands


@pytest.mark.parametrize("args, message", [
    ((85, 90, 80, 70), "batas predikat harus 4 angka"),
    ((85, 60, 70, 80, 90), "harus menurun"),
    (("tinggi",), "capaian 'tinggi' bukan angka"),
    ((85, "x", 80, 70, 60), "batas 'x' bukan angka"),
])
def test_predikat_errors(args, message) -> None:
    out = udfs.KINERJA_PREDIKAT(*args)
    assert out.startswith(ERR) and message in out


# KINERJA_REALISASI -------------------------------------------------------------------------------

@pytest.mark.parametrize("args, expected", [
    (("Kumulatif", 3, 3, None, None), 6),  # blank periode = last filled quarter (TW2)
    (("Kumulatif", None, 2, None, None, "TW2"), 2),  # an empty quarter counts 0
    (("Kumulatif", 1, 2, 3, 4, "TW 3"), 6),
    (("Non Kumulatif", 85, 88, None, None), 88),
    (("Non Kumulatif", 85, 88, None, None, "TW1"), 85),
    (("Non Kumulatif", 85, 88, None, None, "TW3"), 88),  # last filled among 1..3
    (("Rata-rata", 75, 95, None, None), 85),
    (("Rata-rata", 90, None, 95, None, 4), 92.5),  # mean of the filled quarters
    (("Non-Kumulatif", "80%", None, None, None), 80),
    ((None, 1, 2, None, None), 2),  # blank tipe = Non Kumulatif, as the reader
])
def test_realisasi_values(args, expected) -> None:
    assert udfs.KINERJA_REALISASI(*args) == expected


def test_realisasi_blank_when_nothing_up_to_periode() -> None:
    assert udfs.KINERJA_REALISASI("Kumulatif", None, 5, None, None, "TW1") == ""
    assert udfs.KINERJA_REALISASI("Kumulatif", None, None, None, None) == ""


@pytest.mark.parametrize("args, message", [
    (("Bulanan", 1, 2, 3, 4), "tipe penghitungan 'Bulanan' tidak dikenal"),
    (("Kumulatif", 1, "x", 3, 4), "TW2 'x' bukan angka"),
    (("Kumulatif", 1, "1-2", 3, 4), "TW2 tidak boleh berupa rentang"),
    (("Kumulatif", 1, 2, 3, 4, "TW5"), "periode 'TW5' harus TW1"),
])
def test_realisasi_errors(args, message) -> None:
    out = udfs.KINERJA_REALISASI(*args)
    assert out.startswith(ERR) and message in out


def test_udfs_reproduce_the_sample_results() -> None:
    """REALISASI then CAPAIAN then PREDIKAT per indicator at TW2, against EXPECTED (indicators
    without quarterly targets, where the target is the annual one)."""
    checked = 0
    for level, nodes in sample_plan().levels.items():
        for node in nodes:
            for ind in node.indicators:
                if any(q is not None for q in ind.quarter_targets):
                    continue
                real, cap, pred = EXPECTED[(level.sheet, ind.name)]
                tws = [None if q is None else q.value for q in ind.realisations]
                r = udfs.KINERJA_REALISASI(ind.tipe.value, *tws, "TW2")
                assert r == ("" if real is None else pytest.approx(real))
                target = ind.target_text or ind.target.value
                c = udfs.KINERJA_CAPAIAN(target, None if r == "" else r, ind.polarity.value)
                assert c == ("" if cap is None else pytest.approx(cap, rel=1e-15))
                assert udfs.KINERJA_PREDIKAT(c) == pred
                checked += 1
    assert checked == 10


# KINERJA_INDUK -----------------------------------------------------------------------------------

@pytest.fixture
def sample_grids(sample_xlsx: Path) -> dict:
    return grids(open_workbook(sample_xlsx), sample_xlsx)


def test_induk_from_a_table_range(sample_grids: dict) -> None:
    sasaran = [list(r) for r in sample_grids["Sasaran"]]
    assert udfs.KINERJA_INDUK("S1", sasaran) == "Meningkatnya kualitas layanan"
    assert udfs.KINERJA_INDUK("S1", sasaran[1:]) == "Meningkatnya kualitas layanan"  # from header
    assert udfs.KINERJA_INDUK(" S1 ", sasaran) == "Meningkatnya kualitas layanan"
    assert udfs.KINERJA_INDUK(None, sasaran) == ""
    assert udfs.KINERJA_INDUK("S9", sasaran) == ERR + "kode induk 'S9' tidak ditemukan"
    assert udfs.KINERJA_INDUK("S1", [["a", "b"], [1, 2]]).startswith(ERR + "tabel induk tidak")


def test_induk_numeric_kode_and_following_rows(sample_grids: dict) -> None:
    table = [["Kode", "Uraian"], [1.0, "Satu"], [1.0, None], [2, "Dua"]]
    assert logic.parent_uraian(1, table) == "Satu"
    assert logic.parent_uraian("2", table) == "Dua"
    assert logic.parent_uraian(3, [["Kode", "Uraian"], [3, None]]) == ""


def test_induk_by_sheet_name_and_default_parent_level(sample_xlsx: Path) -> None:
    book = remote_book(payload(sample_xlsx))
    on_program = book.sheets["Program"]["C3"]
    assert udfs.induk("S1", None, on_program) == "Meningkatnya kualitas layanan"
    assert udfs.induk("T1", [["Tujuan"]], on_program) == "Mewujudkan pelayanan kecamatan prima"
    assert udfs.induk("T1", "Tujuan", on_program) == "Mewujudkan pelayanan kecamatan prima"
    assert udfs.induk("T1", "Tidak Ada", on_program) == ERR + "sheet 'Tidak Ada' tidak ditemukan"
    assert "tidak punya level induk" in udfs.induk("T1", None, book.sheets["Tujuan"]["A3"])
    assert udfs.induk("T1", None, None).startswith(ERR + "isi argumen tabel induk")
    assert book.json()["actions"] == []  # a lookup writes nothing


def test_induk_never_raises() -> None:
    out = udfs.KINERJA_INDUK("S1", None, object())
    assert out.startswith(ERR + "kesalahan program (AttributeError")


# Signatures as Excel sees them -------------------------------------------------------------------

@pytest.fixture
def windows_udfs(monkeypatch: pytest.MonkeyPatch):
    """The module as xlwings' Windows decorators see it, and xlwings' VBA wrapper generator.

    On Linux `xw.func` is a no-op; its Windows implementation (`xlwings.udfs`) only needs the
    pywin32 modules to import, so they are stubbed for the duration of the test."""
    for name in ("pythoncom", "pywintypes", "win32com", "win32com.client"):
        monkeypatch.setitem(sys.modules, name, types.ModuleType(name))
    monkeypatch.setattr(sys.modules["pythoncom"], "CoInitialize", lambda: None, raising=False)
    monkeypatch.setattr(sys.modules["win32com.client"], "Dispatch", None, raising=False)
    sys.modules.pop("xlwings.udfs", None)
    try:
        windows = importlib.import_module("xlwings.udfs")
        monkeypatch.setattr(xw, "func", windows.xlfunc)
        monkeypatch.setattr(xw, "arg", windows.xlarg)
        spec = importlib.util.spec_from_file_location("kinerja_xl.xw._udfs_windows",
                                                      udfs.__file__)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        yield windows, module
    finally:
        sys.modules.pop("xlwings.udfs", None)
        if hasattr(xw, "udfs"):
            delattr(xw, "udfs")


def test_vba_wrappers_that_import_functions_would_write(windows_udfs) -> None:
    windows, module = windows_udfs
    out = io.StringIO()
    windows.generate_vba_wrapper("kinerja_xl.xw.udfs", module, out,
                                 types.SimpleNamespace(Name="kinerja.xlsm"))
    vba = out.getvalue()
    for signature in (
        "Function KINERJA_CAPAIAN(target, realisasi, polaritas, Optional rumus)",
        "Function KINERJA_PREDIKAT(capaian, ParamArray batas())",
        "Function KINERJA_REALISASI(tipe, tw1, tw2, tw3, tw4, Optional periode)",
        "Function KINERJA_INDUK(kode, Optional tabel)",  # caller is filled in by xlwings
    ):
        assert signature in vba
    assert 'XLPy.CallUDF("kinerja_xl.xw.udfs", "KINERJA_INDUK", Array(kode, tabel, Nothing)' \
        in vba
    assert "Application.Volatile" not in vba


def test_xlwings_metadata(windows_udfs) -> None:
    _, module = windows_udfs
    funcs = (module.KINERJA_CAPAIAN, module.KINERJA_PREDIKAT, module.KINERJA_REALISASI,
             module.KINERJA_INDUK)
    for func in funcs:
        meta = func.__xlfunc__
        assert meta["ret"]["options"] == {}  # no converter from annotations
        assert all("convert" not in a["options"] for a in meta["args"])
        assert meta["ret"]["doc"] == func.__doc__
    assert module.KINERJA_INDUK.__xlfunc__["argmap"]["tabel"]["options"] == {"ndim": 2}
    assert module.KINERJA_CAPAIAN(85, 82, "Positif") == pytest.approx(82 / 85 * 100)


def test_levels_have_parents_for_the_default_lookup() -> None:
    assert Level.PROGRAM.parent is Level.SASARAN and Level.TUJUAN.parent is None
