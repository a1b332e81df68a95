"""The built template: reproducible, passes our checks, the shared checkers and LibreOffice."""

from __future__ import annotations

import importlib
import io
import re
import subprocess
import zipfile
from pathlib import Path
from xml.etree import ElementTree as ET

import openpyxl
import pytest
import xlwings
from xlsm_helpers import (
    libreoffice_modules,
    require_libreoffice,
    ribbon_xsd,
    shared_tools,
    split_libreoffice,
)

from kinerja_xl.models import MODEL_SHEETS, REPORT_MODEL
from kinerja_xl.template import build_template, build_template_bytes, check_xlsm
from kinerja_xl.template.build import VBA_SRC, project_modules
from kinerja_xl.template.package import CUSTOM_UI_PART, VBA_PART, make_macro_enabled
from kinerja_xl.template.xlwings_vba import XLWINGS_VERSION, XlwingsVersionError
from kinerja_xl.vba.project import build_vba_project
from kinerja_xl.vba.source import ModuleKind, stored_text, without_attributes

CUSTOM_UI_NS = "{http://schemas.microsoft.com/office/2006/01/customui}"
HANDLERS = ["periksa_tautan", "hitung_capaian", "buat_pk", "ekspor_pdf", "pohon_kinerja",
            "bantuan"]
YEAR_HANDLERS = ["rencana_aksi", "lkjip", "tahun_baru"]  # kinerja_xl.xw.handlers_tahun
FILE_HANDLERS = ["impor", "gabung"]  # kinerja_xl.xw.handlers_berkas
BASE_SHEETS = ["Petunjuk", "Pengaturan", "Pejabat", "Tujuan", "Sasaran", "Program", "Kegiatan",
               "Sub Kegiatan"]


MODELS = [*MODEL_SHEETS.values(), REPORT_MODEL]  # hidden (kinerja_xl.models)


def stand_in_workbook() -> openpyxl.Workbook:
    """A tiny base workbook: one sheet with its own codeName, one clashing, a user conf row."""
    wb = openpyxl.Workbook()
    wb.active.title = "Petunjuk"
    wb.active["A1"] = "Petunjuk pengisian"
    wb.active.sheet_properties.codeName = "shtPetunjuk"
    wb.create_sheet("Pengaturan").sheet_properties.codeName = "ThisWorkbook"  # must be renamed
    conf = wb.create_sheet("xlwings.conf")
    conf["A1"], conf["B1"] = "Conda Env", "kinerja"
    conf["A2"], conf["B2"] = "UDF MODULES", "lama"
    return wb


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_template(tmp_path_factory.mktemp("tpl") / "workbook_template.xlsm")


def _rewrite(path: Path, out: Path, replace: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for name in src.namelist():
            dst.writestr(name, replace.get(name, src.read(name)))
    return out


def _run_shared_checker(path: Path) -> subprocess.CompletedProcess[str]:
    tools = shared_tools()
    require_libreoffice()
    return subprocess.run(["bash", str(tools / "run.sh"), str(path), "--expected", str(VBA_SRC)],
                          capture_output=True, text=True, timeout=900)


def test_two_builds_are_byte_identical(template: Path, tmp_path: Path) -> None:
    again = build_template(tmp_path / "elsewhere" / "copy.xlsm")
    assert again.read_bytes() == template.read_bytes()
    assert build_template_bytes() == template.read_bytes()


def test_package_is_stable_and_macro_enabled(template: Path) -> None:
    with zipfile.ZipFile(template) as zf:
        names = zf.namelist()
        assert names[0] == "[Content_Types].xml" and names[1] == "_rels/.rels"
        assert {VBA_PART, CUSTOM_UI_PART} <= set(names)
        assert {i.date_time for i in zf.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        core = zf.read("docProps/core.xml").decode()
        assert core.count("2025-01-01T00:00:00Z") == 2
        assert zf.read(CUSTOM_UI_PART) == (VBA_SRC / "ribbon.xml").read_bytes()


def test_own_checks_pass(template: Path) -> None:
    assert check_xlsm(template, VBA_SRC, ribbon_xsd()) == []


def test_shared_checker_passes(template: Path) -> None:
    proc = _run_shared_checker(template)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "all checks passed" in proc.stdout


def test_libreoffice_imports_the_same_modules(template: Path) -> None:
    imported = libreoffice_modules(template)
    wb = openpyxl.load_workbook(template, keep_vba=True)
    modules = project_modules([ws.sheet_properties.codeName for ws in wb.worksheets])
    assert set(imported) == {m.name for m in modules}
    lo_type = {ModuleKind.STANDARD: "VBAModule", ModuleKind.CLASS: "VBAClassModule",
               ModuleKind.DOCUMENT: "VBADocumentModule"}
    for module in modules:
        kind, code = split_libreoffice(imported[module.name])
        assert kind == lo_type[module.kind], module.name
        assert code == without_attributes(stored_text(module)), module.name


def test_openpyxl_round_trip_still_passes(template: Path, tmp_path: Path) -> None:
    wb = openpyxl.load_workbook(template, keep_vba=True)
    wb["Pengaturan"]["B2"] = "Kecamatan Kebasen"
    out = tmp_path / "round_trip.xlsm"
    wb.save(out)
    assert check_xlsm(out, VBA_SRC, ribbon_xsd()) == []
    proc = _run_shared_checker(out)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_workbook_has_sheets_code_names_and_xlwings_conf(template: Path) -> None:
    wb = openpyxl.load_workbook(template, keep_vba=True)
    assert wb.sheetnames == [*BASE_SHEETS, "xlwings.conf", *MODELS]
    assert wb.code_name == "ThisWorkbook"
    assert [ws.sheet_properties.codeName for ws in wb.worksheets] == [
        f"Sheet{i}" for i in range(1, len(wb.worksheets) + 1)]
    conf = wb["xlwings.conf"]
    assert conf.sheet_state == "hidden"
    assert [tuple(r) for r in conf.iter_rows(values_only=True)] == [
        ("UDF Modules", "kinerja_xl.xw.udfs"), ("ADD_WORKBOOK_TO_PYTHONPATH", "False")]


def test_stand_in_base_keeps_valid_code_names_and_user_conf(tmp_path: Path) -> None:
    out = build_template(tmp_path / "t.xlsm", base_workbook_factory=stand_in_workbook)
    assert check_xlsm(out, VBA_SRC, ribbon_xsd()) == []
    wb = openpyxl.load_workbook(out, keep_vba=True)
    assert [ws.sheet_properties.codeName for ws in wb.worksheets] == [
        "shtPetunjuk", "Sheet2", "Sheet3", "Sheet4", "Sheet5", "Sheet6"]  # 4-6: the models
    rows = [tuple(r) for r in wb["xlwings.conf"].iter_rows(values_only=True)]
    assert rows == [("Conda Env", "kinerja"), ("UDF Modules", "kinerja_xl.xw.udfs"),
                    ("ADD_WORKBOOK_TO_PYTHONPATH", "False")]


def test_ribbon_has_the_kinerja_buttons() -> None:
    root = ET.parse(VBA_SRC / "ribbon.xml").getroot()
    tabs = list(root.iter(f"{CUSTOM_UI_NS}tab"))
    assert [t.get("label") for t in tabs] == ["Kinerja"]
    buttons = list(root.iter(f"{CUSTOM_UI_NS}button"))
    assert [b.get("label") for b in buttons] == [
        "Impor", "Periksa Tautan", "Hitung Capaian", "Buat PK", "Ekspor PDF", "Pohon Kinerja",
        "Rencana Aksi", "LKjIP Bab III", "Tahun Baru", "Gabung Unit", "Bantuan"]
    for button in buttons:
        assert button.get("size") == "large"
        assert button.get("imageMso") and button.get("screentip") and button.get("supertip")


def test_vba_source_is_ascii_and_calls_the_python_handlers() -> None:
    raw = (VBA_SRC / "Kinerja.bas").read_bytes()
    assert raw.isascii()
    text = raw.decode()
    # the embedded xlwings VBA's version travels to Python, which checks it (handlers.py)
    assert 'RunPython PERINTAH & handler & "(vba=\'" & XLWINGS_VERSION & "\')"' in text
    assert 'PERINTAH As String = "import kinerja_xl.xw.handlers as h; h."' in text
    assert 'PERINTAH_TAHUN As String = "import kinerja_xl.xw.handlers_tahun as t; t."' in text
    assert 'RunPython PERINTAH_TAHUN & handler & "(vba=\'" & XLWINGS_VERSION & "\')"' in text
    assert sorted(re.findall(r'Jalankan "(\w+)"', text)) == sorted(HANDLERS)
    assert sorted(re.findall(r'JalankanTahun "(\w+)"', text)) == sorted(YEAR_HANDLERS)
    assert 'PERINTAH_BERKAS As String = "import kinerja_xl.xw.handlers_berkas as b; b."' in text
    assert 'RunPython PERINTAH_BERKAS & handler & "(vba=\'" & XLWINGS_VERSION & "\')"' in text
    assert sorted(re.findall(r'JalankanBerkas "(\w+)"', text)) == sorted(FILE_HANDLERS)
    assert 'Worksheets("Petunjuk")' in text  # Bantuan shows Petunjuk before Python runs
    assert text.count("If Not PythonSiap() Then Exit Sub") == 3  # no RunPython without it


def test_handlers_named_in_vba_exist_in_python() -> None:
    handlers = importlib.import_module("kinerja_xl.xw.handlers")
    missing = [name for name in HANDLERS if not callable(getattr(handlers, name, None))]
    assert missing == []
    year = importlib.import_module("kinerja_xl.xw.handlers_tahun")
    assert [n for n in YEAR_HANDLERS if not callable(getattr(year, n, None))] == []
    files = importlib.import_module("kinerja_xl.xw.handlers_berkas")
    assert [n for n in FILE_HANDLERS if not callable(getattr(files, n, None))] == []


# --- negative controls: the check must report these ----------------------------------------


def test_negative_control_typo_in_on_action(template: Path, tmp_path: Path) -> None:
    ribbon = (VBA_SRC / "ribbon.xml").read_bytes().replace(b'"KinerjaBuatPK"', b'"KinerjaBuatPk2"')
    bad = _rewrite(template, tmp_path / "typo.xlsm", {CUSTOM_UI_PART: ribbon})
    assert check_xlsm(bad) == [
        "ribbon: onAction='KinerjaBuatPk2' names no Sub in a standard module"]


def test_negative_control_missing_module(template: Path, tmp_path: Path) -> None:
    wb = openpyxl.load_workbook(template, keep_vba=True)
    modules = [m for m in project_modules([ws.sheet_properties.codeName for ws in wb.worksheets])
               if m.name != "Kinerja"]
    bad = _rewrite(template, tmp_path / "missing.xlsm", {VBA_PART: build_vba_project(modules)})
    problems = check_xlsm(bad, VBA_SRC)
    assert "module Kinerja (Kinerja.bas) is missing from the project" in problems
    buttons = ET.parse(VBA_SRC / "ribbon.xml").getroot().iter(f"{CUSTOM_UI_NS}button")
    assert sum("names no Sub" in p for p in problems) == len(list(buttons)) == 11


def test_negative_control_private_sub_wrong_signature_orphan_code_name(tmp_path: Path) -> None:
    wb = stand_in_workbook()
    for ws, code_name in zip(wb.worksheets, ["shtPetunjuk", "Sheet2", "Sheet3"], strict=True):
        ws.sheet_properties.codeName = code_name
    raw = io.BytesIO()
    wb.save(raw)
    vba = build_vba_project(project_modules(["shtPetunjuk", "Sheet2"]))
    ribbon = (VBA_SRC / "ribbon.xml").read_bytes()
    ribbon = ribbon.replace(b'"KinerjaBantuan"', b'"KillPy"').replace(b'"KinerjaBuatPK"',
                                                                         b'"Jalankan"')
    path = tmp_path / "bad.xlsm"
    path.write_bytes(make_macro_enabled(raw.getvalue(), vba, ribbon))
    problems = check_xlsm(path)
    assert "ribbon: onAction='Jalankan' names no Sub in a standard module" in problems  # Private
    assert "ribbon: KillPy() is not (control As IRibbonControl)" in problems
    assert "codeName Sheet3 has no document module" in problems


def test_wrong_xlwings_version_fails_clearly(monkeypatch: pytest.MonkeyPatch,
                                             tmp_path: Path) -> None:
    monkeypatch.setattr(xlwings, "__version__", "0.30.0")
    with pytest.raises(XlwingsVersionError, match=f"0.30.0.*{re.escape(XLWINGS_VERSION)}"):
        build_template(tmp_path / "t.xlsm", base_workbook_factory=stand_in_workbook)
    assert not (tmp_path / "t.xlsm").exists()


def test_xlwings_does_not_add_the_workbook_folder(template: Path, monkeypatch) -> None:
    """The value the template's xlwings.conf sheet gives ADD_WORKBOOK_TO_PYTHONPATH, handed to
    xlwings' own `prepare_sys_path` the way its VBA does (first field of PYTHONPATH), keeps a
    OneDrive URL and the workbook's folder off sys.path; "true" would add (and fail on) them."""
    import sys

    from xlwings import utils

    wb = openpyxl.load_workbook(template, keep_vba=True)
    conf = {k.upper(): v for k, v in wb["xlwings.conf"].iter_rows(values_only=True)}
    flag = conf["ADD_WORKBOOK_TO_PYTHONPATH"]
    monkeypatch.setattr(sys, "path", list(sys.path))
    before = set(sys.path)
    url = "https://pemkab-my.sharepoint.com/personal/budi/Documents/kinerja.xlsm"
    utils.prepare_sys_path(f"{flag};{url};{url};;;;")
    utils.prepare_sys_path(f"{flag};/data/kinerja/a.xlsm;/data/kinerja/a.xlsm;;;;")
    assert set(sys.path) - before <= {""}  # "" is the empty PYTHONPATH setting
    utils.prepare_sys_path("true;/data/kinerja/a.xlsm;/data/kinerja/a.xlsm;;;;")
    assert "/data/kinerja" in sys.path
