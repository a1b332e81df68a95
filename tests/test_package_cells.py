"""The worksheet editor and reader on hand-written XML (as Excel and others write it)."""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from pathlib import Path

import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kinerja_xl.api import update_file
from kinerja_xl.core.findings import WorkbookError
from kinerja_xl.core.writes import CellWrite, Out, WritePlan
from kinerja_xl.package.cells import cell_xml, plain_xml
from kinerja_xl.package.editor import Editor
from kinerja_xl.package.integrity import check_package
from kinerja_xl.package.sheet_edit import Edit, edit_cells, widen_dimension

HEAD = (b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        b'<dimension ref="A1:C2"/><sheetData>')
TAIL = b"</sheetData><pageMargins left=\"0.7\"/></worksheet>"


def _sheet(rows: bytes) -> bytes:
    return HEAD + rows + TAIL


def test_owned_cell_inserted_in_column_order_and_others_kept() -> None:
    data = _sheet(b'<row r="1" spans="1:3" x14ac:dyDescent="0.25"><c r="A1" s="2" t="s"><v>0'
                  b'</v></c><c r="C1"><v>3</v></c></row>')
    out = edit_cells(data, {1: {2: Edit(5.5, "A1*2")}}, "S")
    assert (b'<row r="1" spans="1:3" x14ac:dyDescent="0.25"><c r="A1" s="2" t="s"><v>0</v></c>'
            b'<c r="B1"><f>A1*2</f><v>5.5</v></c><c r="C1"><v>3</v></c></row>') in out
    assert out.endswith(TAIL)


def test_several_cells_inserted_between_and_after_others_widen_the_span() -> None:
    data = _sheet(b'<row r="4" spans="2:5"><c r="B4"><v>1</v></c><c r="E4" s="3"><v>2</v>'
                  b"</c></row>")
    edits = {4: {7: Edit(7), 3: Edit(3), 4: Edit(4), 5: Edit(5), 1: Edit(None)}}
    out = edit_cells(data, edits, "S")
    assert (b'<row r="4" spans="2:7"><c r="B4"><v>1</v></c><c r="C4"><v>3</v></c>'
            b'<c r="D4"><v>4</v></c><c r="E4" s="3"><v>5</v></c><c r="G4"><v>7</v></c>'
            b"</row>") in out


def test_new_cells_right_of_a_row_are_appended_in_column_order() -> None:
    """tahun-baru's new N-1/N-2 columns: cells right of every cell of the row, no spans."""
    data = _sheet(b'<row r="2" ht="20"><c r="A2" s="1"><v>1</v></c><c r="C2" t="inlineStr">'
                  b"<is><t>c</t></is></c></row>")
    out = edit_cells(data, {2: {28: Edit("x&y"), 27: Edit(2.5), 29: Edit(None)}}, "S")
    assert (b'<row r="2" ht="20"><c r="A2" s="1"><v>1</v></c><c r="C2" t="inlineStr"><is><t>c'
            b'</t></is></c><c r="AA2"><v>2.5</v></c><c r="AB2" t="inlineStr"><is><t xml:space='
            b'"preserve">x&amp;y</t></is></c></row>') in out


def test_the_dimension_corner_counts_filled_edits_only() -> None:
    from kinerja_xl.package.editor import _filled_corner

    edits = {3: {2: Edit(None)}, 6: {12: Edit(None), 1: Edit("")},
             5: {1: Edit(None), 9: Edit("", "A1")}, 4: {7: Edit(0)}}
    assert _filled_corner(edits) == (5, 9)  # a formula and a 0 fill; clears do not
    assert _filled_corner({2: {3: Edit(None)}}) == (0, 0)


def test_cells_and_rows_without_r_attributes() -> None:
    data = _sheet(b"<row><c><v>1</v></c><c><v>2</v></c></row><row><c><v>3</v></c></row>")
    out = edit_cells(data, {2: {2: Edit("x")}}, "S")
    assert b'<c r="B2" t="inlineStr"><is><t xml:space="preserve">x</t></is></c>' in out
    assert b"<row><c><v>1</v></c><c><v>2</v></c></row>" in out  # untouched row stays as is


def test_new_rows_and_empty_sheet_data() -> None:
    out = edit_cells(HEAD.replace(b"<sheetData>", b"<sheetData/>") + b"</worksheet>",
                     {3: {1: Edit(1)}, 1: {1: Edit(None)}}, "S")
    assert b'<sheetData><row r="3"><c r="A3"><v>1</v></c></row></sheetData>' in out
    data = _sheet(b'<row r="2"><c r="A2"><v>1</v></c></row>')
    out = edit_cells(data, {1: {1: Edit(7)}, 5: {2: Edit(8)}}, "S")
    rows = re.findall(rb'<row r="(\d+)"', out)
    assert rows == [b"1", b"2", b"5"]


def test_text_is_text_and_illegal_characters_escaped() -> None:
    xml = cell_xml("A1", 0, "=HYPERLINK(\"http://evil.example\",\"klik\")\x01 & <b>", None)
    assert b"<f>" not in xml and b't="inlineStr"' in xml
    assert b"_x0001_ &amp; &lt;b&gt;" in xml


def test_clearing_keeps_the_style_and_drops_the_value() -> None:
    data = _sheet(b'<row r="1"><c r="A1" s="4"><v>1</v></c><c r="B1"><v>2</v></c></row>')
    out = edit_cells(data, {1: {1: Edit(None), 2: Edit(None)}}, "S")
    assert b'<row r="1"><c r="A1" s="4"/></row>' in out


def test_a_shared_formula_reaching_outside_is_refused() -> None:
    data = _sheet(b'<row r="1"><c r="B1"><f t="shared" ref="B1:C2" si="0">A1*2</f><v>2</v>'
                  b'</c></row>')
    with pytest.raises(WorkbookError, match="rumus bersama"):
        edit_cells(data, {1: {2: Edit(1)}}, "S")
    inside = _sheet(b'<row r="1"><c r="B1"><f t="shared" ref="B1:B2" si="0">A1*2</f><v>2</v>'
                    b'</c></row>')
    assert b"<f>A1</f>" in edit_cells(inside, {1: {2: Edit(1, "A1")}, 2: {2: Edit(2, "A2")}},
                                      "S")


def test_past_the_last_column_is_refused() -> None:
    with pytest.raises(WorkbookError, match="XFD"):
        edit_cells(_sheet(b""), {1: {16385: Edit("Status")}}, "S")


def test_dimension_widened() -> None:
    assert b'<dimension ref="A1:E9"/>' in widen_dimension(_sheet(b""), 9, 5)
    assert widen_dimension(_sheet(b""), 1, 1) == _sheet(b"")


def _raw_cell(path: Path, sheet_part: str, ref: str) -> bytes:
    with zipfile.ZipFile(path) as z:
        data = z.read(sheet_part)
    m = re.search(rb'<c r="' + ref.encode() + rb'"[^>]*?(?:/>|>.*?</c>)', data, re.S)
    assert m, ref
    return m.group(0)


def test_update_file_writes_user_text_as_text(sample_xlsx: Path) -> None:
    evil = "=HYPERLINK(\"http://evil.example\",\"klik\")"
    update_file(sample_xlsx, WritePlan(cells=[CellWrite("Pejabat", 40, 3, Out(evil)),
                                              CellWrite("Pejabat", 41, 3, Out("@SUM(A1)"))]))
    ws = openpyxl.load_workbook(sample_xlsx)["Pejabat"]
    assert ws["C40"].value == evil and ws["C40"].data_type == "s"
    assert ws["C41"].value == "@SUM(A1)"
    assert check_package(sample_xlsx.read_bytes()) == []


def test_reader_values_and_a_far_stray_cell(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Data"
    ws["A1"], ws["B1"], ws["C1"], ws["D1"] = 5, 2.5, True, dt.datetime(2025, 1, 6)
    ws["E1"] = "teks"
    ws.cell(1048576, 16384).font = openpyxl.styles.Font(bold=True)  # styled, empty
    ws.cell(1048576, 1).font = openpyxl.styles.Font(bold=True)
    path = tmp_path / "jauh.xlsx"
    wb.save(path)
    grid = Editor(path).grids["Data"]
    assert len(grid) == 1
    assert grid[0] == (5, 2.5, True, dt.datetime(2025, 1, 6), "teks")


def test_laporan_validasi_text_stays_text(sample_xlsx: Path) -> None:
    from kinerja_xl.core.writes import GeneratedSheet

    dde = "=cmd|' /C calc'!A0"
    gen = GeneratedSheet("Laporan Validasi", [["LAPORAN"], [], [], ["No", "Pesan"], [1, dde]],
                         [6, 100], header_row=4, wrap_cols=(2,))
    update_file(sample_xlsx, WritePlan(generated=[gen]))
    ws = openpyxl.load_workbook(sample_xlsx)["Laporan Validasi"]
    assert ws["B5"].value == dde and ws["B5"].data_type == "s"
    assert ws["A4"].font.bold and ws["A1"].font.size == 14 and ws.freeze_panes == "A5"
    assert ws["B5"].alignment.wrap_text
    assert check_package(sample_xlsx.read_bytes()) == []


def test_rows_left_with_only_product_cells_are_cleared(tmp_path: Path) -> None:
    """Below the first 200 rows the reader skips the product's own columns; a row where only
    they hold values still counts, so a rerun clears its stale Status and formulas."""
    from kinerja_xl.api import compute_file
    from kinerja_xl.core.contract import H
    from kinerja_xl.synthetic import kabupaten
    from kinerja_xl.xlsx.fill import write_plan
    from kinerja_xl.xlsx.save import save_workbook

    sample_xlsx = tmp_path / "besar.xlsx"
    save_workbook(write_plan(kabupaten(1, 300)), sample_xlsx)
    compute_file(sample_xlsx)
    wb = openpyxl.load_workbook(sample_xlsx)
    ws = wb["Sub Kegiatan"]
    headers = {c.value: c.column for c in ws[2]}
    last = ws.max_row  # the table's last row (an indicator row)
    assert last > 200
    assert ws.cell(last, headers[H.STATUS]).value
    for col in range(1, headers[H.URAIAN_INDUK]):
        ws.cell(last, col).value = None
    for header, col in headers.items():
        if header not in (H.URAIAN_INDUK, H.REALISASI, H.CAPAIAN, H.PREDIKAT, H.SERAPAN,
                          H.STATUS):
            ws.cell(last, col).value = None
    wb.save(sample_xlsx)
    compute_file(sample_xlsx)
    ws = openpyxl.load_workbook(sample_xlsx)["Sub Kegiatan"]
    assert ws.cell(last, headers[H.STATUS]).value is None
    assert ws.cell(last, headers[H.CAPAIAN]).value is None


_TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=40)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.one_of(
    _TEXT,
    st.sampled_from(["=1+1", "+1", "-1", "@SUM(A1)", "=cmd|' /C calc'!A0", "_x0041_",
                     "=WEBSERVICE(\"http://x\")", " spasi ", "a\x00b\x1fc", "&<>\"'", "a\rb\r\nc"]),
    st.builds(lambda p, t: p + t, st.sampled_from(["=", "+", "-", "@"]), _TEXT)),
    min_size=1, max_size=4))
def test_any_text_written_reads_back_as_the_same_text(tmp_path_factory, texts) -> None:
    """Whatever a user typed comes back unchanged, as text, from our reader and openpyxl
    (openpyxl does not decode Excel's _xHHHH_ escapes of control characters: those texts are
    compared with our reader only)."""
    from hypothesis import assume

    assume(all(t for t in texts))
    path = tmp_path_factory.mktemp("teks") / "t.xlsx"
    wb = openpyxl.Workbook()
    wb.active.title = "Data"
    wb.save(path)
    update_file(path, WritePlan(cells=[CellWrite("Data", i, 1, Out(t))
                                       for i, t in enumerate(texts, start=1)]))
    grid = Editor(path).grids["Data"]
    assert [row[0] for row in grid] == texts
    ws = openpyxl.load_workbook(path)["Data"]
    for i, t in enumerate(texts, start=1):
        assert ws.cell(i, 1).data_type == "s"
        if not re.search(r"[\x00-\x08\x0b-\x1f\ufffe\uffff]|_x[0-9A-Fa-f]{4}_", t):
            assert ws.cell(i, 1).value == t


@settings(max_examples=200, deadline=None)
@given(st.one_of(st.none(), st.just(""), _TEXT, st.integers(), st.floats(), st.booleans(),
                 st.datetimes(min_value=dt.datetime(1900, 3, 1)), st.decimals(places=2)),
       st.sampled_from([0, 7]))
def test_the_plain_fast_path_writes_what_the_general_path_writes(value, style) -> None:
    """plain_xml (cleared, moved and generated cells) agrees with cell_xml, or declines."""
    fast = plain_xml(b"AB12", style, value)
    assert fast is None or fast == cell_xml("AB12", style, value, None)
    if type(value) in (str, int, type(None)):
        assert fast is not None


def test_prefixed_sheet_xml_is_refused_in_indonesian() -> None:
    from kinerja_xl.package.read import sheet_rows

    data = (b'<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
            b'<x:sheetData><x:row r="1"><x:c r="A1"><x:v>1</x:v></x:c></x:row></x:sheetData>'
            b"</x:worksheet>")
    with pytest.raises(WorkbookError, match="awalan namespace"):
        sheet_rows(data, [], None, "Program")  # type: ignore[arg-type]


def test_entries_with_data_descriptors_are_copied_exactly() -> None:
    """Zip writers that stream (data descriptor after each entry) are copied byte for byte."""
    import io

    from kinerja_xl.package.parts import Package

    class Stream(io.RawIOBase):
        def __init__(self) -> None:
            self.buf = bytearray()

        def writable(self) -> bool:
            return True

        def write(self, b) -> int:  # type: ignore[override]
            self.buf += b
            return len(b)

    stream = Stream()
    with zipfile.ZipFile(stream, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("a.xml", b"<a>" * 1000)
        z.writestr("[Content_Types].xml", b'<Types xmlns="http://schemas.openxmlformats.org/'
                                          b'package/2006/content-types"/>')
    data = bytes(stream.buf)
    assert all(i.flag_bits & 0x08 for i in zipfile.ZipFile(io.BytesIO(data)).infolist())
    pkg = Package(data)
    pkg.write("b.xml", b"<b/>", "application/xml")
    out = zipfile.ZipFile(io.BytesIO(pkg.to_bytes()))
    assert out.testzip() is None
    assert out.read("a.xml") == b"<a>" * 1000 and out.read("b.xml") == b"<b/>"
    raw = {i.filename: i.compress_size for i in zipfile.ZipFile(io.BytesIO(data)).infolist()}
    assert out.getinfo("a.xml").compress_size == raw["a.xml"]


def test_dates_of_a_1904_workbook(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    wb.epoch = openpyxl.utils.datetime.CALENDAR_MAC_1904
    wb.active.title = "Data"
    wb.active["A1"] = dt.datetime(2025, 1, 6)
    path = tmp_path / "mac.xlsx"
    wb.save(path)
    assert b'date1904="1"' in zipfile.ZipFile(path).read("xl/workbook.xml")
    assert Editor(path).grids["Data"][0][0] == dt.datetime(2025, 1, 6)
