"""Every file command keeps what it does not own byte for byte (issue 10, item 3).

The fixture (`package_fixture`) is the sample kecamatan as an .xlsm with what Excel users add:
pictures, text boxes, charts with style/colour parts, sparklines, x14 data bars, threaded
comments, rich text, custom properties, a VBA signature, tables, links, protection, a hidden
sheet. Each command, and a chain of all of them, is compared part by part with the input.
"""

from __future__ import annotations

import shutil
import subprocess
import zipfile
from pathlib import Path

import openpyxl
import pytest
from conftest import SHARED, needs_lo
from package_fixture import EXT_LST, LEVEL_PART, USER_SHEET, enriched_workbook
from sample import sample_plan

from kinerja_xl.api import update_file
from kinerja_xl.cli import main
from kinerja_xl.core.contract import COMPUTED_HEADERS, LEVEL_SHEETS, PENGATURAN, norm_header
from kinerja_xl.core.sheetspec import SheetSpec
from kinerja_xl.package import is_generated
from kinerja_xl.package.integrity import check_package
from kinerja_xl.package.parts import Package
from kinerja_xl.package.workbook import WorkbookPart

pytestmark = pytest.mark.filterwarnings("ignore::UserWarning:openpyxl")

# Parts every writing command may change: the lists of sheets, names, relationships,
# content types and styles (appended to, checked below) and, for hitung, Pengaturan.
LISTS = {"xl/workbook.xml", "xl/_rels/workbook.xml.rels", "[Content_Types].xml",
         "xl/styles.xml"}
OWNED_HEADERS = {norm_header(h) for h in COMPUTED_HEADERS}


def _parts(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as z:
        return {n: z.read(n) for n in z.namelist()}


def _sheet_parts(path: Path) -> dict[str, str]:
    wb = WorkbookPart(Package.open(path))
    return {s.name: s.part for s in wb.sheets()}


@pytest.fixture
def rich(tmp_path: Path) -> Path:
    return enriched_workbook(tmp_path / "kaya.xlsm", sample_plan())


def _user_values(path: Path) -> dict[tuple[str, int, int], object]:
    """Every cell value outside the product's columns, on every sheet the user made."""
    wb = openpyxl.load_workbook(path, read_only=True)
    out = {}
    for ws in wb.worksheets:
        owned: set[int] = set()
        rows = list(ws.iter_rows(values_only=True))
        if ws.title in LEVEL_SHEETS and len(rows) > 1:
            owned = {i for i, h in enumerate(rows[1]) if norm_header(h) in OWNED_HEADERS}
        if ws.title == PENGATURAN:
            continue  # Hitung owns its Periode Dihitung row (checked by test_hitung)
        if is_generated(path, ws.title):
            continue
        for r, row in enumerate(rows):
            for c, v in enumerate(row):
                if c not in owned and v is not None and not (r == 1 and c in owned):
                    out[(ws.title, r, c)] = v
    wb.close()
    return out


CALC_CHAIN = "xl/calcChain.xml"  # Excel's cache of formula order: dropped when formulas change


def _check(before_path: Path, after_path: Path, edited: set[str]) -> None:
    before, after = _parts(before_path), _parts(after_path)
    sheet_parts = _sheet_parts(before_path)
    allowed = LISTS | {sheet_parts[s] for s in edited}
    if PENGATURAN in edited:  # hitung wrote formulas
        assert CALC_CHAIN not in after
        allowed.add(CALC_CHAIN)
    for name, body in before.items():
        if name in allowed:
            continue
        assert name in after, f"{name} was dropped"
        assert after[name] == body, f"{name} changed"
    assert check_package(after_path.read_bytes()) == []
    for name, body in after.items():  # a formula is stored without its leading '='
        assert b"<f>=" not in body, name
    level = after[LEVEL_PART]
    assert EXT_LST.encode() in level  # sparklines and the x14 data bar, verbatim
    assert b'<cfRule type="dataBar" priority="1">' in level
    assert b'r:id="rIdKx1"/>' in level and b"<legacyDrawing" in level


COMMANDS = {
    "periksa": (["periksa"], set(LEVEL_SHEETS)),
    "hitung": (["hitung"], {*LEVEL_SHEETS, PENGATURAN}),
    "pk": (["pk"], set()),
    "pohon": (["pohon"], set()),
}


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_each_command_keeps_what_it_does_not_own(rich: Path, tmp_path: Path,
                                                 command: str) -> None:
    args, edited = COMMANDS[command]
    original = tmp_path / "asli.xlsm"
    shutil.copy(rich, original)
    before = _user_values(rich)
    assert main([*args, str(rich)]) in (0, 1)
    _check(original, rich, edited)
    assert _user_values(rich) == before


def test_a_chain_of_every_command(rich: Path, tmp_path: Path) -> None:
    original = tmp_path / "asli.xlsm"
    shutil.copy(rich, original)
    before = _user_values(rich)
    for args in (["periksa"], ["hitung"], ["pk"], ["pohon"], ["hitung", "--periode", "TW1"],
                 ["pk"], ["periksa"]):
        assert main([*args, str(rich)]) in (0, 1), args
        assert check_package(rich.read_bytes()) == []
    spec = SheetSpec("Rencana Aksi")
    spec.put(1, 1, "Rencana aksi triwulan")
    update_file(rich, specs=[spec])
    _check(original, rich, {*LEVEL_SHEETS, PENGATURAN})
    assert _user_values(rich) == before
    names = openpyxl.load_workbook(rich, read_only=True).sheetnames
    assert names[:14] == ['Petunjuk', 'Pengaturan', 'Pejabat', 'Tujuan', 'Sasaran', 'Program',
                          'Kegiatan', 'Sub Kegiatan', 'xlwings.conf', 'Model PK', 'Model Rekap',
                          'Model Laporan Validasi', USER_SHEET, 'Rahasia']  # models: hidden
    assert len(names) == len(set(names))
    assert {"Laporan Validasi", "Rekap", "Pohon Kinerja", "PK CAMAT", "Rencana Aksi"} <= set(names)
    assert all(is_generated(rich, n) for n in names[14:])


def test_chain_output_passes_xlsm_check(rich: Path) -> None:
    tool = SHARED / "tools" / "xlsm_check" / "run.sh"
    if not tool.exists():
        pytest.skip("xlsm_check not available")
    for args in (["hitung"], ["pk"], ["pohon"]):
        main([*args, str(rich)])
    proc = subprocess.run(["bash", str(tool), str(rich)], capture_output=True, text=True,
                          timeout=600)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-2000:]


@needs_lo
def test_libreoffice_recalculates_without_errors(rich: Path, tmp_path: Path) -> None:
    from lo import convert

    for args in (["hitung"], ["pk"], ["pohon"]):
        main([*args, str(rich)])
    out = convert(rich, tmp_path)
    wb = openpyxl.load_workbook(out, data_only=True)
    errors = [(ws.title, c.coordinate, c.value) for ws in wb.worksheets for row in ws.iter_rows()
              for c in row if isinstance(c.value, str) and c.value.startswith("#")
              and c.value.rstrip("!?0/").upper() in ("#VALUE", "#REF", "#NAME", "#DIV", "#N/A",
                                                     "#NUM", "#NULL")]
    assert errors == []
    assert {"Rekap", "Laporan Validasi", "PK CAMAT", "Pohon Kinerja"} <= set(wb.sheetnames)


@needs_lo
def test_a_workbook_saved_by_libreoffice(sample_xlsx: Path, tmp_path: Path) -> None:
    """Another writer (shared strings, its own attribute order and styles): hitung reads it,
    computes the hand-checked values, and writes a valid package LibreOffice recalculates."""
    from lo import convert
    from sample import EXPECTED

    from kinerja_xl.api import compute_file

    saved = convert(sample_xlsx, tmp_path / "lo1")
    comp = compute_file(saved)
    got = {(r.sheet, r.indicator.name): (r.realisasi, r.capaian, r.predikat) for r in comp.rows}
    assert set(got) == set(EXPECTED)
    for key, (real, cap, pred) in EXPECTED.items():
        assert got[key][0] == real and got[key][2] == pred, key
        assert got[key][1] == (pytest.approx(cap) if cap is not None else None), key
    assert check_package(saved.read_bytes()) == []
    again = convert(saved, tmp_path / "lo2")
    wb = openpyxl.load_workbook(again, data_only=True)
    ws = wb["Sasaran"]
    headers = {norm_header(c.value): c.column for c in ws[2] if c.value}
    ind, cap_col = headers[norm_header("Indikator")], headers[norm_header("Capaian (%)")]
    values = {ws.cell(r, ind).value: ws.cell(r, cap_col).value
              for r in range(3, ws.max_row + 1)}
    for (sheet, indicator), (_, cap, _) in EXPECTED.items():
        if sheet == "Sasaran" and cap is not None:
            assert values[indicator] == pytest.approx(cap), indicator
    # LibreOffice keeps the markers, so the next run replaces our sheets instead of adding
    assert is_generated(again, "Rekap") and is_generated(again, "Laporan Validasi")
    compute_file(again)
    names = openpyxl.load_workbook(again, read_only=True).sheetnames
    assert "Rekap (otomatis)" not in names and names.count("Rekap") == 1
