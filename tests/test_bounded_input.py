"""Bounded resources, clear words (issue 10, item 5): zip and XML bombs, NUL bytes and
broken XML named by sheet, stray far cells, a header row using every column, Atasan chains
10,000 deep, and no traceback ever (exit 2, one Indonesian sentence)."""

from __future__ import annotations

import hashlib
import shutil
import tracemalloc
import zipfile
from pathlib import Path

import openpyxl
import pytest
from sample import sample_plan
from xlsx_cells import read_cells, sheet_parts

from kinerja_xl import api
from kinerja_xl.cli import main
from kinerja_xl.core.chains import atasan_cycles
from kinerja_xl.core.contract import PEJABAT, P
from kinerja_xl.core.findings import WorkbookError
from kinerja_xl.core.grid import SheetLayout
from kinerja_xl.core.model import Official, Plan
from kinerja_xl.core.validate import validate
from kinerja_xl.xlsx import guard
from kinerja_xl.xlsx.fill import write_plan
from kinerja_xl.xlsx.load import raw_grids
from kinerja_xl.xlsx.save import save_workbook

ENGLISH = ("Traceback", "Error:", "expected", "not well-formed", "line ", "column ")


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def refused(path: Path, capsys, *words: str, commands=("periksa", "hitung")) -> str:
    before = digest(path)
    err = ""
    for command in commands:
        assert main([command, str(path)]) == 2, command
        err = capsys.readouterr().err
        assert err.startswith("Gagal: ") and err.count("\n") == 1, err
        for english in ENGLISH:
            assert english not in err, err
        for w in words:
            assert w in err, err
    assert digest(path) == before
    return err


def part_of(path: Path, sheet: str) -> str:
    with zipfile.ZipFile(path) as z:
        return sheet_parts(z)[sheet]


def rewrite(path: Path, part: str, body: bytes | None = None, chunks=None) -> None:
    """Replace one part of the package (body, or streamed chunks for big ones)."""
    src = path.with_suffix(".orig")
    shutil.move(path, src)
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            if info.filename != part:
                zout.writestr(info, zin.read(info.filename))
            elif body is not None:
                zout.writestr(info.filename, body)
            else:
                with zout.open(info.filename, "w", force_zip64=True) as fh:
                    for chunk in chunks:
                        fh.write(chunk)
    src.unlink()


def peak_mib(fn) -> float:
    tracemalloc.start()
    with pytest.raises(WorkbookError):
        fn()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak / 2**20


# -- zip bombs -------------------------------------------------------------------------------


def test_zip_bomb_refused_before_inflating(sample_xlsx: Path, capsys) -> None:
    part = part_of(sample_xlsx, "Program")
    size = guard.MAX_PART_BYTES // 2**20 + 1
    rewrite(sample_xlsx, part, chunks=(b" " * 2**20 for _ in range(size)))
    assert zipfile.ZipFile(sample_xlsx).getinfo(part).file_size > guard.MAX_PART_BYTES
    assert sample_xlsx.stat().st_size < 2**20  # ~100 MB of whitespace in a few hundred KB
    refused(sample_xlsx, capsys, "ditolak", "sheet Program", "zip bomb")
    assert peak_mib(lambda: api.check_file(sample_xlsx)) < 20


def test_zip_bomb_with_a_lying_header(sample_xlsx: Path, capsys) -> None:
    """The directory says a few KB; the data inflates to 50 MB: the capped streamed read
    stops at the declared size and the checksum gives it away."""
    part = part_of(sample_xlsx, "Program")
    declared = zipfile.ZipFile(sample_xlsx).getinfo(part).file_size
    rewrite(sample_xlsx, part, chunks=(b" " * 2**20 for _ in range(50)))
    data = bytearray(sample_xlsx.read_bytes())
    name = part.encode()
    local = zipfile.ZipFile(sample_xlsx).getinfo(part).header_offset
    data[local + 22:local + 26] = declared.to_bytes(4, "little")
    central = data.find(b"PK\x01\x02")
    while central >= 0:
        n = int.from_bytes(data[central + 28:central + 30], "little")
        if data[central + 46:central + 46 + n] == name:
            data[central + 24:central + 28] = declared.to_bytes(4, "little")
        central = data.find(b"PK\x01\x02", central + 4)
    sample_xlsx.write_bytes(bytes(data))
    assert zipfile.ZipFile(sample_xlsx).getinfo(part).file_size == declared
    refused(sample_xlsx, capsys, "rusak", "sheet Program")
    assert peak_mib(lambda: api.check_file(sample_xlsx)) < 20


def test_too_many_bytes_in_total(sample_xlsx: Path, capsys, monkeypatch) -> None:
    monkeypatch.setattr(guard, "MAX_TOTAL_BYTES", 10_000)
    refused(sample_xlsx, capsys, "terlalu besar", commands=("periksa",))


# -- XML: bombs, NUL bytes, broken parts -----------------------------------------------------

LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol">
<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
<!ENTITY lol9 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">]>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>
<row r="1"><c r="A1" t="inlineStr"><is><t>&lol9;</t></is></c></row></sheetData></worksheet>"""


def test_billion_laughs(sample_xlsx: Path, capsys) -> None:
    rewrite(sample_xlsx, part_of(sample_xlsx, "Pejabat"), LAUGHS)
    refused(sample_xlsx, capsys, "ditolak", "sheet Pejabat", "XML bomb")


def test_entity_in_shared_strings(sample_xlsx: Path, capsys) -> None:
    body = LAUGHS.replace(b"<worksheet", b"<sst").replace(b"</worksheet>", b"</sst>")
    rewrite(sample_xlsx, "xl/styles.xml", body)
    refused(sample_xlsx, capsys, "bagian xl/styles.xml", "XML bomb", commands=("periksa",))


def test_nul_byte_named_by_sheet_and_cell(sample_xlsx: Path, capsys) -> None:
    part = part_of(sample_xlsx, "Program")
    xml = zipfile.ZipFile(sample_xlsx).read(part)
    at = xml.index(b'<c r="D3"')
    at = xml.index(b"<t>", at) + 3
    rewrite(sample_xlsx, part, xml[:at] + b"Prog\x00ram" + xml[at:])
    refused(sample_xlsx, capsys, "sheet Program", "dekat sel D3", "NUL")


def test_broken_xml_named_by_sheet(sample_xlsx: Path, capsys) -> None:
    part = part_of(sample_xlsx, "Kegiatan")
    xml = zipfile.ZipFile(sample_xlsx).read(part)
    rewrite(sample_xlsx, part, xml.replace(b"</row>", b"</rowx>", 1))
    refused(sample_xlsx, capsys, "sheet Kegiatan", "bukan XML yang sah", "(baris 1, kolom")


# -- far cells and wide headers --------------------------------------------------------------


def _with_cell(path: Path, sheet: str, row: int, col: int, value) -> None:
    wb = write_plan(sample_plan())
    wb[sheet].cell(row, col, value)
    save_workbook(wb, path)


def _results(path: Path, sheets=("Program", "Kegiatan", "Rekap")) -> dict[str, list]:
    wb = openpyxl.load_workbook(path)
    return {s: [[c.value for c in r] for r in wb[s].iter_rows(max_row=12, max_col=30)]
            for s in sheets}


@pytest.mark.parametrize(("row", "col"), [(1_048_576, 16_384), (1_048_576, 1),
                                          (3, 16_384)])
def test_stray_far_cell_costs_nothing(tmp_path: Path, row: int, col: int) -> None:
    clean, far = tmp_path / "bersih.xlsx", tmp_path / "jauh.xlsx"
    save_workbook(write_plan(sample_plan()), clean)
    _with_cell(far, "Program", row, col, "x")
    grids = raw_grids(openpyxl.load_workbook(far))
    assert sum(len(r) for g in grids.values() for r in g) < 40_000  # not 17 billion slots
    assert main(["hitung", str(clean)]) == 0
    assert main(["hitung", str(far)]) in (0, 1)
    # same capaian; same Rekap unless the stray cell is a Kode (then it is one more node)
    sheets = ("Program", "Kegiatan") if col == 1 else ("Program", "Kegiatan", "Rekap")
    assert _results(far, sheets) == _results(clean, sheets)
    program = [c for c in read_cells(far) if c.sheet == "Program"]
    assert len(program) <= len([c for c in read_cells(clean) if c.sheet == "Program"]) + 10


def test_header_row_using_every_column(tmp_path: Path, capsys) -> None:
    """Computed columns cannot go past XFD: a clear refusal, never a cell in XFE."""
    path = tmp_path / "lebar.xlsx"
    wb = write_plan(sample_plan())
    ws = wb["Program"]
    header = [c.value for c in ws[2]]
    status = header.index("Status") + 1
    for col in range(status, 16_385):  # the computed columns' places taken by user headers
        ws.cell(2, col, f"Kolom {col}")
    save_workbook(wb, path)
    err = refused(path, capsys, "Sheet Program", "XFD", "kolom terakhir Excel",
                  commands=("periksa",))
    assert "Status" in err


def test_far_rows_never_past_the_grid(sample_xlsx: Path) -> None:
    """The colour rules of a table ending on the last row stop at row 1,048,576."""
    _with_cell(sample_xlsx, "Program", 1_048_576, 1, "P9")
    assert main(["hitung", str(sample_xlsx)]) in (0, 1)
    with zipfile.ZipFile(sample_xlsx) as z:
        xml = z.read(part_of(sample_xlsx, "Program")).decode()
    assert "1048577" not in xml and "1048586" not in xml


# -- Atasan chains ---------------------------------------------------------------------------

DEPTH = 10_000


def _chain_plan(loop: bool) -> Plan:
    plan = Plan()
    for i in range(DEPTH):
        boss = f"O{i - 1}" if i else (f"O{DEPTH - 1}" if loop else "")
        plan.officials[f"O{i}"] = Official(i + 3, f"O{i}", f"Jabatan {i}", f"Nama {i}",
                                           atasan=boss)
    return plan


def test_deep_chain_and_deep_loop_in_linear_time() -> None:
    layouts = {PEJABAT: SheetLayout(PEJABAT, 2, {"atasan": 6})}
    assert atasan_cycles(_chain_plan(False).officials) == {}
    assert [f for f in validate(_chain_plan(False), layouts) if f.column == P.ATASAN] == []
    loop = _chain_plan(True)
    cycles = atasan_cycles(loop.officials)
    assert len(cycles) == DEPTH
    assert cycles["O5"][:3] == ["O5", "O4", "O3"]
    found = [f for f in validate(loop, layouts) if f.column == P.ATASAN]
    assert len(found) == DEPTH
    assert found[0].message.startswith("rantai Atasan berputar: O0 → O9999 → O9998")


def test_small_loops_read_as_before() -> None:
    plan = Plan()
    for oid, boss in (("A", "B"), ("B", "C"), ("C", "A"), ("D", "A"), ("E", "E"), ("F", "X")):
        plan.officials[oid] = Official(0, oid, atasan=boss)
    cycles = atasan_cycles(plan.officials)
    assert cycles == {"A": ["A", "B", "C", "A"], "B": ["B", "C", "A", "B"],
                      "C": ["C", "A", "B", "C"], "E": ["E", "E"]}


def test_deep_chain_through_periksa(tmp_path: Path) -> None:
    plan = sample_plan()
    for i in range(DEPTH):
        oid = f"S{i}"
        plan.officials[oid] = Official(0, oid, f"Staf {i}", f"Nama {i}",
                                       atasan=f"S{i - 1}" if i else "CAMAT")
    path = tmp_path / "dalam.xlsx"
    save_workbook(write_plan(plan), path)
    assert main(["periksa", str(path)]) == 0


# -- never a traceback -----------------------------------------------------------------------


@pytest.mark.parametrize(("exc", "words"), [(MemoryError(), "memori"),
                                            (TypeError("x"), "galat tak terduga"),
                                            (RecursionError(), "terlalu dalam")])
def test_unexpected_errors_are_one_indonesian_sentence(sample_xlsx: Path, capsys, monkeypatch,
                                                       exc, words) -> None:
    from kinerja_xl.commands import periksa

    def boom(args):
        raise exc

    monkeypatch.setattr(periksa, "run", boom)
    monkeypatch.delenv("KINERJA_XL_DEBUG", raising=False)
    assert main(["periksa", str(sample_xlsx)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("Gagal: ") and words in err and "Traceback" not in err


def test_too_many_cells(sample_xlsx: Path, capsys) -> None:
    """A sheet of 1.6 million tiny cells (about 60 MB of XML, under the part limit) is
    refused by the cell count before openpyxl builds a cell object for each."""
    part = part_of(sample_xlsx, "Pejabat")
    head = (b'<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/'
            b'spreadsheetml/2006/main"><sheetData>')

    def rows():
        yield head
        for r in range(1, 100_001):
            yield f'<row r="{r}">'.encode() + b"".join(
                f'<c r="{c}{r}"><v>1</v></c>'.encode() for c in "ABCDEFGHIJKLMNOP") + b"</row>"
        yield b"</sheetData></worksheet>"

    rewrite(sample_xlsx, part, chunks=rows())
    refused(sample_xlsx, capsys, "ditolak", "sel berisi", "sheet Pejabat", commands=("periksa",))
