"""The product removes or replaces only sheets it made (issue 10, item 2).

A generated sheet carries a hidden sheet-scoped name `_KinerjaXL` naming it. A user's sheet is
never deleted or overwritten: not a copy Excel made of a generated sheet (it carries a marker
naming the original), not a renamed one, not one that merely has a generated sheet's name.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import openpyxl
import pytest

from kinerja_xl.api import compute_file, update_file
from kinerja_xl.cli import main
from kinerja_xl.core.sheetspec import SheetSpec
from kinerja_xl.package import MARKER_NAME, is_generated
from kinerja_xl.package.integrity import check_package
from kinerja_xl.package.marker import parse_marker
from kinerja_xl.package.parts import Package
from kinerja_xl.package.workbook import WORKSHEET_CT, WorkbookPart


def _part(path: Path, sheet: str) -> bytes:
    wb = WorkbookPart(Package.open(path))
    part = next(s.part for s in wb.sheets() if s.name == sheet)
    with zipfile.ZipFile(path) as z:
        return z.read(part)


def _excel_copy(path: Path, sheet: str, copy: str) -> None:
    """What Excel's Move or Copy > Create a copy does: the sheet and its local names."""
    pkg = Package.open(path)
    wb = WorkbookPart(pkg)
    src = next(s.part for s in wb.sheets() if s.name == sheet)
    new = pkg.free_name("xl/worksheets/sheet{}.xml")
    pkg.write(new, pkg.read(src), WORKSHEET_CT)
    index = wb.index(sheet)
    wb.add_sheet(copy, new, index + 1)
    for name, value in wb.local_names(index).items():
        wb.set_name(name, value.replace(f"'{sheet}'!", f"'{copy}'!"), index + 1,
                    hidden=name == MARKER_NAME)
    wb.save()
    path.write_bytes(pkg.to_bytes())


def _excel_rename(path: Path, sheet: str, new_name: str) -> None:
    pkg = Package.open(path)
    wb = WorkbookPart(pkg)
    for el in wb._sheets:
        if el.get("name") == sheet:
            el.set("name", new_name)
    for dn in wb.defined_names():
        dn.text = (dn.text or "").replace(f"'{sheet}'!", f"'{new_name}'!")
    wb.dirty = True
    wb.save()
    path.write_bytes(pkg.to_bytes())


def test_generated_sheets_carry_a_marker_naming_them(sample_xlsx: Path) -> None:
    main(["pk", str(sample_xlsx)])
    wb = WorkbookPart(Package.open(sample_xlsx))
    markers = {wb.names()[int(dn.get("localSheetId"))]: parse_marker(dn.text)
               for dn in wb.defined_names() if dn.get("name") == MARKER_NAME}
    assert markers["PK CAMAT"] == ("pk", "PK CAMAT")
    assert markers["Laporan Validasi"] == ("laporan", "Laporan Validasi")
    assert all(dn.get("hidden") == "1" for dn in wb.defined_names()
               if dn.get("name") == MARKER_NAME)
    assert not is_generated(sample_xlsx, "Pejabat")


def test_pk_keeps_a_users_copy_and_a_renamed_pk(sample_xlsx: Path) -> None:
    assert main(["pk", str(sample_xlsx)]) == 0
    _excel_copy(sample_xlsx, "PK CAMAT", "PK CAMAT (2)")
    _excel_rename(sample_xlsx, "PK SEKCAM", "PK SEKCAM 2024 TTD")
    copy, renamed = _part(sample_xlsx, "PK CAMAT (2)"), _part(sample_xlsx, "PK SEKCAM 2024 TTD")
    assert not is_generated(sample_xlsx, "PK CAMAT (2)")
    assert not is_generated(sample_xlsx, "PK SEKCAM 2024 TTD")
    assert main(["pk", str(sample_xlsx)]) == 0
    names = openpyxl.load_workbook(sample_xlsx, read_only=True).sheetnames
    assert {"PK CAMAT", "PK CAMAT (2)", "PK SEKCAM", "PK SEKCAM 2024 TTD"} <= set(names)
    assert _part(sample_xlsx, "PK CAMAT (2)") == copy
    assert _part(sample_xlsx, "PK SEKCAM 2024 TTD") == renamed
    assert names.index("PK CAMAT (2)") == names.index("PK CAMAT") + 1  # ours kept its place
    assert check_package(sample_xlsx.read_bytes()) == []


def test_hitung_never_overwrites_a_users_rekap(sample_xlsx: Path) -> None:
    wb = openpyxl.load_workbook(sample_xlsx)
    wb.create_sheet("Rekap")["A1"] = "rekap buatan saya"
    wb.save(sample_xlsx)
    mine = _part(sample_xlsx, "Rekap")
    compute_file(sample_xlsx)
    compute_file(sample_xlsx)
    names = openpyxl.load_workbook(sample_xlsx, read_only=True).sheetnames
    assert _part(sample_xlsx, "Rekap") == mine
    assert names.count("Rekap (otomatis)") == 1 and "Rekap (otomatis 2)" not in names
    assert is_generated(sample_xlsx, "Rekap (otomatis)")
    values = openpyxl.load_workbook(sample_xlsx, read_only=True)["Rekap (otomatis)"]
    assert any("REKAP" in str(v).upper() for row in values.iter_rows(values_only=True)
               for v in row if v)
    assert check_package(sample_xlsx.read_bytes()) == []


def test_an_unmarked_sheet_with_a_generated_name_is_the_users(sample_xlsx: Path) -> None:
    """e.g. a Laporan Validasi the user typed, or one from before markers existed."""
    wb = openpyxl.load_workbook(sample_xlsx)
    wb.create_sheet("Laporan Validasi")["A1"] = "catatan rapat"
    wb.save(sample_xlsx)
    before = _part(sample_xlsx, "Laporan Validasi")
    main(["periksa", str(sample_xlsx)])
    assert _part(sample_xlsx, "Laporan Validasi") == before
    assert is_generated(sample_xlsx, "Laporan Validasi (otomatis)")


def test_update_file_removes_only_generated_sheets(sample_xlsx: Path) -> None:
    spec = SheetSpec("Rencana Aksi")
    spec.put(1, 1, "RENCANA AKSI")
    update_file(sample_xlsx, specs=[spec])
    assert is_generated(sample_xlsx, "Rencana Aksi")
    update_file(sample_xlsx, remove=["Petunjuk", "Pejabat", "Rencana Aksi", "Tidak Ada"])
    names = openpyxl.load_workbook(sample_xlsx, read_only=True).sheetnames
    assert "Petunjuk" in names and "Pejabat" in names and "Rencana Aksi" not in names
    assert check_package(sample_xlsx.read_bytes()) == []


@pytest.mark.parametrize("name", ["Rekap", "rekap"])
def test_names_collide_case_insensitively(sample_xlsx: Path, name: str) -> None:
    wb = openpyxl.load_workbook(sample_xlsx)
    wb.create_sheet(name)["A1"] = "milik saya"
    wb.save(sample_xlsx)
    compute_file(sample_xlsx)
    names = openpyxl.load_workbook(sample_xlsx, read_only=True).sheetnames
    assert name in names and "Rekap (otomatis)" in names
    assert check_package(sample_xlsx.read_bytes()) == []


def test_a_replaced_sheet_keeps_the_code_name_excel_gave_it(sample_xlsx: Path) -> None:
    """Excel pairs each sheet of an .xlsm with a VBA document module through its codeName."""
    main(["pk", str(sample_xlsx)])
    pkg = Package.open(sample_xlsx)
    wb = WorkbookPart(pkg)
    part = next(s.part for s in wb.sheets() if s.name == "PK CAMAT")
    data = pkg.read(part)
    data = data.replace(b"<sheetPr", b'<sheetPr codeName="Sheet12"', 1) if b"<sheetPr" in data \
        else data.replace(b"<sheetData", b'<sheetPr codeName="Sheet12"/><sheetData', 1)
    pkg.write(part, data)
    sample_xlsx.write_bytes(pkg.to_bytes())
    main(["pk", str(sample_xlsx)])
    assert b'codeName="Sheet12"' in _part(sample_xlsx, "PK CAMAT")
    assert b'codeName="Sheet12"' not in _part(sample_xlsx, "PK SEKCAM")
