"""Rows inserted into a user's workbook as Excel's Insert Row does (`package.insert_rows`), used
by `impor --ke` for a new indicator of a node in the middle of a sheet (issue 12, item 6).

The workbook is an imported Sub Kegiatan table with what users add, written as raw XML the way
Excel writes it: merged cells, a conditional format with a formula, a data validation, an
internal hyperlink, a picture, a shape and a chart, sparklines and an x14 data bar, a legacy
note and a threaded comment, a table, a page break, defined names (a user name and the print
area) and formulas on the sheet itself and on another sheet (one filled down, as a shared
formula). Every expected reference below is worked out by hand: the new row goes before row 6
(the first row of the next node), so every row >= 6 moves down by one.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import openpyxl
import pytest
from conftest import needs_lo
from impor_fixtures import write_csv, write_xlsx
from package_fixture import CT_OVERRIDES, REL, _add_rel, _part_of, _png, _rels
from test_impor_merge import SUB, base_table, new_table

from kinerja_xl.api import check_file
from kinerja_xl.cli import main
from kinerja_xl.core.findings import Severity
from kinerja_xl.core.reader import read_plan
from kinerja_xl.impor.report import SHEET
from kinerja_xl.impor.run import import_file
from kinerja_xl.package.integrity import check_package
from kinerja_xl.package.refs import RowShift, Unshiftable, shift_formula, shift_sqref
from kinerja_xl.xlsx.load import grids, open_workbook

USER = "Catatan Saya"
XDR = "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
X14 = "http://schemas.microsoft.com/office/spreadsheetml/2009/9/main"
XM = "http://schemas.microsoft.com/office/excel/2006/main"


# reference shifting by hand ---------------------------------------------------------------------

@pytest.mark.parametrize(("formula", "host", "expected"), [
    ("SUM(A5:B9,$C$7)+A:A+3:4", "S", "SUM(A5:B10,$C$8)+A:A+3:4"),
    ("A6+A5+$A$6", "S", "A7+A5+$A$7"),
    ("'S'!N6*2+Other!N6", "Other", "'S'!N7*2+Other!N6"),
    ("S!6:9+s!$N$3:$N$5", "Other", "S!7:10+s!$N$3:$N$5"),
    ('IF(A6="A6",1,2)', "S", 'IF(A7="A6",1,2)'),
    ("[1]S!A9+A9", "Other", "[1]S!A9+A9"),
    ("SUM( A6 , B2 )", "S", "SUM( A7 , B2 )"),
    ("Tabel1[Nilai]+Nama", "S", "Tabel1[Nilai]+Nama"),
    ("SUM($A$6:INDEX(B:B,9))+A6+\nA5", "S", "SUM($A$7:INDEX(B:B,9))+A7+\nA5"),
    ("SUM('S'!A3:INDEX('S'!B:B,3))", "Other", "SUM('S'!A3:INDEX('S'!B:B,3))"),
    ("SUM(S!A6:INDEX(S!B:B,3))", "Other", "SUM(S!A7:INDEX(S!B:B,3))"),
    ("SUM(INDEX(B:B,3):A9)", "S", "SUM(INDEX(B:B,3):A10)"),
    ("A1:A3:B6", "S", "A1:A3:B7"),
])
def test_formula_references_move_as_in_excel(formula, host, expected):
    assert shift_formula(formula, host, "S", RowShift([(6, 1)])) == expected


def test_several_inserts_at_once_and_sqref_lists():
    shift = RowShift([(10, 2), (4, 1), (10, 1)])
    assert [shift.row(r) for r in (3, 4, 9, 10, 20)] == [3, 5, 10, 14, 24]
    assert [new for _, new, _ in shift.new_rows()] == [4, 11, 12, 13]
    assert shift_sqref("A1:A4 B9:B10 C12", shift) == "A1:A5 B10:B14 C16"


def test_a_3d_reference_or_a_row_past_the_end_is_not_guessed():
    with pytest.raises(Unshiftable):
        shift_formula("SUM(S:T!A6)", "U", "S", RowShift([(6, 1)]))
    with pytest.raises(Unshiftable):
        RowShift([(6, 1)]).row(1048576)


# the workbook as a user has it -------------------------------------------------------------------

def _cell_xml(ref: str, formula: str, value: str, text: bool = False, attrs: str = "") -> str:
    t = ' t="str"' if text else ""
    f = f"<f{attrs}>{formula}</f>" if formula else f"<f{attrs}/>"
    return f'<c r="{ref}"{t}>{f}<v>{value}</v></c>'


def _add_cells(sheet: bytes, row: int, cells: str) -> bytes:
    found = re.search(rb'<row r="%d"[^>]*>.*?</row>' % row, sheet, re.S)
    if found is None:
        return sheet.replace(b"</sheetData>", f'<row r="{row}">{cells}</row></sheetData>'
                             .encode())
    end = found.end() - len(b"</row>")
    return sheet[:end] + cells.encode() + sheet[end:]


def _anchor(edit: str, r1: int, r2: int, body: str) -> str:
    return (f'<xdr:twoCellAnchor{edit}><xdr:from><xdr:col>41</xdr:col><xdr:colOff>0'
            f'</xdr:colOff><xdr:row>{r1}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:from><xdr:to>'
            f'<xdr:col>43</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>{r2}</xdr:row><xdr:rowOff>'
            f'0</xdr:rowOff></xdr:to>{body}<xdr:clientData/></xdr:twoCellAnchor>')


PIC = ('<xdr:pic><xdr:nvPicPr><xdr:cNvPr id="2" name="Gambar 1"/><xdr:cNvPicPr/></xdr:nvPicPr>'
       f'<xdr:blipFill><a:blip xmlns:r="{R}" r:embed="rId1"/><a:stretch><a:fillRect/>'
       '</a:stretch></xdr:blipFill><xdr:spPr><a:prstGeom prst="rect"><a:avLst/></a:prstGeom>'
       '</xdr:spPr></xdr:pic>')
SHAPE = ('<xdr:sp macro="" textlink=""><xdr:nvSpPr><xdr:cNvPr id="3" name="Kotak Teks 2"/>'
         '<xdr:cNvSpPr txBox="1"/></xdr:nvSpPr><xdr:spPr><a:prstGeom prst="rect"><a:avLst/>'
         '</a:prstGeom></xdr:spPr><xdr:txBody><a:bodyPr/><a:lstStyle/><a:p><a:r><a:t>Kotak'
         '</a:t></a:r></a:p></xdr:txBody></xdr:sp>')
CHART_FRAME = ('<xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="4" name="Bagan 3"'
               '/><xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr><xdr:xfrm><a:off x="0" y="0"/>'
               '<a:ext cx="0" cy="0"/></xdr:xfrm><a:graphic><a:graphicData uri="http://schemas.'
               'openxmlformats.org/drawingml/2006/chart"><c:chart xmlns:c="http://schemas.'
               f'openxmlformats.org/drawingml/2006/chart" xmlns:r="{R}" r:id="rId2"/>'
               '</a:graphicData></a:graphic></xdr:graphicFrame>')
DRAWING = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'
           f'<xdr:wsDr xmlns:xdr="{XDR}" xmlns:a="{A}">'
           + _anchor(' editAs="oneCell"', 5, 8, PIC)  # from row 6: moves as a whole
           + _anchor("", 2, 6, SHAPE)  # rows 3..7: straddles, grows
           + _anchor("", 0, 1, CHART_FRAME)  # above: stays
           + "</xdr:wsDr>")
CHART = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n<c:chartSpace xmlns:c='
         f'"http://schemas.openxmlformats.org/drawingml/2006/chart" xmlns:a="{A}" '
         f'xmlns:r="{R}"><c:chart><c:plotArea><c:layout/><c:barChart><c:barDir val="col"/>'
         '<c:grouping val="clustered"/><c:ser><c:idx val="0"/><c:order val="0"/><c:val><c:numRef>'
         "<c:f>'Sub Kegiatan'!$N$3:$N$6</c:f></c:numRef></c:val></c:ser><c:axId val=\"1\"/>"
         '<c:axId val="2"/></c:barChart><c:catAx><c:axId val="1"/><c:scaling><c:orientation '
         'val="minMax"/></c:scaling><c:delete val="0"/><c:axPos val="b"/><c:crossAx val="2"/>'
         '</c:catAx><c:valAx><c:axId val="2"/><c:scaling><c:orientation val="minMax"/>'
         '</c:scaling><c:delete val="0"/><c:axPos val="l"/><c:crossAx val="1"/></c:valAx>'
         '</c:plotArea></c:chart></c:chartSpace>')
EXT_LST = (
    f'<extLst><ext uri="{{78C0D931-6437-407d-A8EE-F0AAD7539E65}}" xmlns:x14="{X14}">'
    f'<x14:conditionalFormattings><x14:conditionalFormatting xmlns:xm="{XM}"><x14:cfRule '
    'type="dataBar" id="{00000000-000E-0000-0000-000001000000}"><x14:dataBar minLength="0" '
    'maxLength="100"><x14:cfvo type="autoMin"/><x14:cfvo type="autoMax"/></x14:dataBar>'
    '</x14:cfRule><xm:sqref>AT3:AT6</xm:sqref></x14:conditionalFormatting>'
    '</x14:conditionalFormattings></ext>'
    f'<ext uri="{{05C60535-1F16-4fd2-B633-F4F36F0B64E0}}" xmlns:x14="{X14}">'
    f'<x14:sparklineGroups xmlns:xm="{XM}"><x14:sparklineGroup displayEmptyCellsAs="gap">'
    '<x14:colorSeries rgb="FF376092"/><x14:sparklines><x14:sparkline>'
    "<xm:f>'Sub Kegiatan'!N6:Q6</xm:f><xm:sqref>AS6</xm:sqref></x14:sparkline>"
    "<x14:sparkline><xm:f>'Sub Kegiatan'!N5:Q5</xm:f><xm:sqref>AS5</xm:sqref></x14:sparkline>"
    "</x14:sparklines></x14:sparklineGroup></x14:sparklineGroups></ext></extLst>")
NOTE_SHAPE = (
    '<v:shape id="_x0000_s2048" type="#_x0000_t202" style="position:absolute;margin-left:'
    '400pt;margin-top:60pt;width:108pt;height:59.25pt;z-index:9;visibility:hidden" fillcolor='
    '"#ffffe1" o:insetmode="auto"><v:fill color2="#ffffe1"/><v:textbox/><x:ClientData '
    'ObjectType="Note"><x:MoveWithCells/><x:SizeWithCells/><x:Anchor>\r\n 7, 15, 4, 2, 9, 15, '
    '8, 4</x:Anchor><x:AutoFill>False</x:AutoFill><x:Row>5</x:Row><x:Column>6</x:Column>'
    '</x:ClientData></v:shape>')
THREADED = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n<ThreadedComments '
            'xmlns="http://schemas.microsoft.com/office/spreadsheetml/2018/threadedcomments">'
            '<threadedComment ref="G6" dT="2025-01-06T08:00:00.00" personId="{6C1D0F2A-0000-'
            '4000-8000-000000000001}" id="{6C1D0F2A-0000-4000-8000-0000000000A1}"><text>Cek'
            '</text></threadedComment></ThreadedComments>')
TABLE = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n<table xmlns="http://'
         'schemas.openxmlformats.org/spreadsheetml/2006/main" id="7" name="TabelSaya" '
         'displayName="TabelSaya" ref="AV2:AW6"><autoFilter ref="AV2:AW6"/><tableColumns '
         'count="2"><tableColumn id="1" name="Kolom Saya"/><tableColumn id="2" name="Angka '
         'Saya"/></tableColumns><tableStyleInfo name="TableStyleMedium2" showFirstColumn="0" '
         'showLastColumn="0" showRowStripes="1" showColumnStripes="0"/></table>')


def excel_like(path: Path, pivot: bool = False) -> Path:
    """Add the user's features to the workbook at path (raw XML, as Excel writes them)."""
    src = zipfile.ZipFile(path)
    parts = {n: src.read(n) for n in src.namelist()}
    src.close()
    sub, user = _part_of(parts, SUB), _part_of(parts, USER)
    sheet = parts[sub]
    sheet = _add_cells(sheet, 2, '<c r="AV2" t="inlineStr"><is><t>Kolom Saya</t></is></c>'
                       '<c r="AW2" t="inlineStr"><is><t>Angka Saya</t></is></c>')
    sheet = _add_cells(sheet, 3, _cell_xml("AX3", "SUM(N3:N6)", "53"))
    for r in range(3, 7):
        sheet = _add_cells(sheet, r, f'<c r="AW{r}"><v>{r}</v></c>')
    sheet = _add_cells(sheet, 6, _cell_xml("AX6", "N6*2", "8"))
    sheet = sheet.replace(b"<dataValidations", (
        b'<mergeCells count="1"><mergeCell ref="AP6:AQ7"/></mergeCells>'
        b'<conditionalFormatting sqref="AP3:AP6"><cfRule type="expression" '
        b'priority="2"><formula>AP3&gt;$N$6</formula></cfRule></conditionalFormatting>'
        b'<conditionalFormatting sqref="AU3:AU6"><cfRule type="colorScale" priority="3">'
        b'<colorScale><cfvo type="num" val="$N$6"/><cfvo type="max"/><color rgb="FFF8696B"/>'
        b'<color rgb="FF63BE7B"/></colorScale></cfRule></conditionalFormatting>')
        + b"<dataValidations", 1)
    sheet = sheet.replace(b'<dataValidations count="4">', b'<dataValidations count="5">'
                          b'<dataValidation type="list" allowBlank="1" sqref="AQ3:AQ20">'
                          b'<formula1>$AR$3:$AR$5</formula1></dataValidation>')
    sheet = sheet.replace(b"<pageMargins", (
        f"<hyperlinks><hyperlink ref=\"AP6\" location=\"'{USER}'!A1\" display=\"ke catatan\"/>"
        f"<hyperlink ref=\"AP5\" location=\"'{USER}'!A1\" display=\"ke catatan\"/></hyperlinks>"
    ).encode() + b"<pageMargins", 1)
    sheet = re.sub(rb"(<legacyDrawing\b[^>]*/>)", (
        '<rowBreaks count="1" manualBreakCount="1"><brk id="10" max="16383" man="1"/>'
        f'</rowBreaks><drawing xmlns:r="{R}" r:id="rIdU1"/>').encode() + rb"\1"
        + f'<tableParts count="1"><tablePart xmlns:r="{R}" r:id="rIdU3"/></tableParts>'
        .encode(), sheet, count=1)
    parts[sub] = sheet.replace(b"</worksheet>", EXT_LST.encode() + b"</worksheet>")
    rels_name = sub.replace("worksheets/", "worksheets/_rels/") + ".rels"
    rels = _add_rel(parts[rels_name], "rIdU1", f"{REL}/drawing", "/xl/drawings/drawing1.xml")
    rels = _add_rel(rels, "rIdU2", "http://schemas.microsoft.com/office/2017/10/relationships/"
                    "threadedComment", "/xl/threadedComments/threadedComment1.xml")
    parts[rels_name] = _add_rel(rels, "rIdU3", f"{REL}/table", "/xl/tables/table7.xml")
    comments = next(n for n in parts if re.fullmatch(r"xl/comments/comment\d+\.xml", n)
                    and f"/{n}".encode() in parts[rels_name])
    parts[comments] = parts[comments].replace(
        b"</commentList>", b'<comment ref="G6" authorId="0"><text><t>catatan saya</t></text>'
        b"</comment></commentList>")
    vml = next(n for n in parts if n.endswith(".vml") and f"/{n}".encode() in parts[rels_name])
    parts[vml] = parts[vml].replace(b"</xml>", (
        NOTE_SHAPE.replace(
            '<v:shape ', '<v:shape xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:'
            'schemas-microsoft-com:office:office" xmlns:x="urn:schemas-microsoft-com:office:'
            'excel" ')).encode() + b"</xml>")
    parts["xl/drawings/drawing1.xml"] = DRAWING.encode()
    parts["xl/drawings/_rels/drawing1.xml.rels"] = _rels(
        ("rId1", f"{REL}/image", "../media/image1.png"),
        ("rId2", f"{REL}/chart", "../charts/chart1.xml"))
    parts["xl/media/image1.png"] = _png()
    parts["xl/charts/chart1.xml"] = CHART.encode()
    parts["xl/threadedComments/threadedComment1.xml"] = THREADED.encode()
    parts["xl/tables/table7.xml"] = TABLE.encode()
    cells = (_cell_xml("B2", "'Sub Kegiatan'!N6", "4")
             + _cell_xml("C2", "SUM('Sub Kegiatan'!N3:N6)", "53")
             + _cell_xml("D2", "'Sub Kegiatan'!A4", "7.01.01.2.02.0001", True,
                         ' t="shared" ref="D2:D4" si="0"')
             + _cell_xml("E2", '"N6"&amp;"!"', "N6!", True)
             + _cell_xml("F2", "TargetKu", "4"))
    user_sheet = _add_cells(parts[user], 2, cells)
    user_sheet = _add_cells(user_sheet, 3, _cell_xml("D3", "", "7.01.01.2.06.0004", True,
                                                     ' t="shared" si="0"'))
    parts[user] = _add_cells(user_sheet, 4, _cell_xml("D4", "", "7.01.02.2.01.0004", True,
                                                      ' t="shared" si="0"'))
    index = re.findall(rb'<sheet [^>]*name="([^"]*)"', parts["xl/workbook.xml"]).index(
        SUB.encode())
    names = (f"<definedName name=\"DiAtas\">'Sub Kegiatan'!$N$3</definedName>"
             f"<definedName name=\"TargetKu\">'Sub Kegiatan'!$N$6</definedName>"
             f"<definedName name=\"_xlnm.Print_Area\" localSheetId=\"{index}\">"
             "'Sub Kegiatan'!$A$1:$AN$6</definedName>").encode()
    wb = parts["xl/workbook.xml"]
    wb = wb.replace(b"<definedNames>", b"<definedNames>" + names) if b"<definedNames>" in wb \
        else wb.replace(b"</sheets>", b"</sheets><definedNames>" + names + b"</definedNames>")
    parts["xl/workbook.xml"] = wb
    overrides = {k: v for k, v in CT_OVERRIDES.items()
                 if k in ("/xl/drawings/drawing1.xml", "/xl/charts/chart1.xml",
                          "/xl/threadedComments/threadedComment1.xml")}
    overrides["/xl/tables/table7.xml"] = \
        "application/vnd.openxmlformats-officedocument.spreadsheetml.table+xml"
    if pivot:
        parts["xl/pivotCache/pivotCacheDefinition1.xml"] = (
            b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n<pivotCacheDefinition '
            b'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" refreshOnLoad="1"'
            b' recordCount="0"><cacheSource type="worksheet"><worksheetSource ref="A2:N6" '
            b'sheet="Sub Kegiatan"/></cacheSource><cacheFields count="0"/></pivotCacheDefinition>'
        )
        parts["xl/_rels/workbook.xml.rels"] = _add_rel(
            parts["xl/_rels/workbook.xml.rels"], "rIdU9", f"{REL}/pivotCacheDefinition",
            "pivotCache/pivotCacheDefinition1.xml")
        overrides["/xl/pivotCache/pivotCacheDefinition1.xml"] = (
            "application/vnd.openxmlformats-officedocument.spreadsheetml."
            "pivotCacheDefinition+xml")
    extra = "".join(f'<Override PartName="{k}" ContentType="{v}"/>' for k, v in overrides.items())
    extra += '<Default Extension="png" ContentType="image/png"/>'
    parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(
        b"</Types>", extra.encode() + b"</Types>")
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for name, body in parts.items():
            dst.writestr(name, body)
    path.write_bytes(out.getvalue())
    return path


@pytest.fixture
def rich(tmp_path) -> Path:
    path = import_file(write_xlsx(base_table(), tmp_path / "base.xlsx"),
                       tmp_path / "kinerja.xlsx").out
    wb = openpyxl.load_workbook(path)  # test setup: the user's own edits
    ws = wb[SUB]
    ws.cell(3, 14).value = 25
    wb.create_sheet(USER)["A1"] = "jangan dihapus"
    wb.save(path)
    return excel_like(path)


def _parts(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as z:
        return {n: z.read(n) for n in z.namelist()}


def _merge(rich: Path, tmp_path: Path, capsys) -> str:
    src = write_csv(new_table(), tmp_path / "renja.csv", ";")
    assert main(["impor", str(src), "--ke", str(rich)]) == 0
    return capsys.readouterr().out


def test_merge_inserts_the_row_and_moves_every_reference(rich, tmp_path, capsys):
    before = _parts(rich)
    sub, user = _part_of(before, SUB), _part_of(before, USER)
    out = _merge(rich, tmp_path, capsys)
    assert "1 baris disisipkan" in out
    after = _parts(rich)
    assert check_package(rich.read_bytes()) == []
    sheet = after[sub].decode()
    # the new row 6 (the node's second indicator) and the next node moved to row 7
    row6 = re.search(r'<row r="6"[^>]*>(.*?)</row>', sheet).group(1)
    assert "Jumlah paket ATK" in row6 and "7.01.01.2.06.0004" in row6
    assert "7.01.02.2.01.0004" in re.search(r'<row r="7"[^>]*>(.*?)</row>', sheet).group(1)
    assert '<mergeCell ref="AP7:AQ8"/>' in sheet
    assert 'sqref="AP3:AP7"><cfRule type="expression"' in sheet
    assert "<formula>AP3&gt;$N$7</formula>" in sheet
    assert 'sqref="AU3:AU7"><cfRule type="colorScale" priority="3"><colorScale><cfvo ' \
        'type="num" val="$N$7"/>' in sheet
    assert 'sqref="AQ3:AQ21"><formula1>$AR$3:$AR$5</formula1>' in sheet
    assert 'sqref="I3:I2001"' in sheet  # the template's own validations
    assert '<hyperlink ref="AP7" ' in sheet and '<hyperlink ref="AP5" ' in sheet
    assert '<brk id="11" ' in sheet
    assert "<xm:sqref>AT3:AT7</xm:sqref>" in sheet
    assert "<xm:f>'Sub Kegiatan'!N7:Q7</xm:f><xm:sqref>AS7</xm:sqref>" in sheet
    assert "<xm:f>'Sub Kegiatan'!N5:Q5</xm:f><xm:sqref>AS5</xm:sqref>" in sheet
    assert '<c r="AX3"><f>SUM(N3:N7)</f>' in sheet and '<c r="AX7"><f>N7*2</f>' in sheet
    assert '<dimension ref="A1:AN9"/>' in sheet  # 6 -> 7, then the new node's two rows
    drawing = after["xl/drawings/drawing1.xml"].decode()
    rows = [(int(a), int(b)) for a, b in re.findall(
        r"<xdr:from>.*?<xdr:row>(\d+)</xdr:row>.*?<xdr:to>.*?<xdr:row>(\d+)</xdr:row>", drawing)]
    assert rows == [(6, 9), (2, 7), (0, 1)]
    assert "<c:f>'Sub Kegiatan'!$N$3:$N$7</c:f>" in after["xl/charts/chart1.xml"].decode()
    assert 'ref="G7"' in after["xl/threadedComments/threadedComment1.xml"].decode()
    table = after["xl/tables/table7.xml"].decode()
    assert 'ref="AV2:AW7"><autoFilter ref="AV2:AW7"/>' in table
    comments = next(n for n in after if n.startswith("xl/comments/")
                    and b"catatan saya" in after[n])
    assert b'<comment ref="G7" authorId="0"><text><t>catatan saya' in after[comments]
    vml = next(n for n in after if n.endswith(".vml") and b"_x0000_s2048" in after[n])
    note = re.search(rb"_x0000_s2048.*?</v:shape>", after[vml], re.S).group(0)
    assert b"<x:Row>6</x:Row>" in note and b"7, 15, 4, 2, 9, 15, 9, 4" in note
    names = after["xl/workbook.xml"].decode()
    assert "'Sub Kegiatan'!$N$7</definedName>" in names  # TargetKu
    assert "'Sub Kegiatan'!$N$3</definedName>" in names  # DiAtas
    assert "'Sub Kegiatan'!$A$1:$AN$7</definedName>" in names
    user_xml = after[user].decode()
    assert "<f>'Sub Kegiatan'!N7</f>" in user_xml
    assert "<f>SUM('Sub Kegiatan'!N3:N7)</f>" in user_xml
    assert '<f>"N6"&amp;"!"</f>' in user_xml  # text is not a reference
    # the fill-down no longer fits one master: each cell has its own formula, as Excel does
    assert "<f>'Sub Kegiatan'!A4</f>" in user_xml and "<f>'Sub Kegiatan'!A5</f>" in user_xml
    assert "<f>'Sub Kegiatan'!A7</f>" in user_xml and 't="shared"' not in user_xml
    changed = {n for n in before if before[n] != after.get(n)}
    report = _part_of(after, SHEET)
    assert changed <= {sub, user, report, comments, vml, "xl/drawings/drawing1.xml",
                       "xl/charts/chart1.xml", "xl/threadedComments/threadedComment1.xml",
                       "xl/tables/table7.xml", "xl/workbook.xml", "xl/styles.xml",
                       "[Content_Types].xml", "xl/_rels/workbook.xml.rels"}
    assert set(before) <= set(after)


def test_the_node_reads_back_whole_and_periksa_finds_no_new_error(rich, tmp_path, capsys):
    base = check_file(rich, out=tmp_path / "sebelum.xlsx")
    _merge(rich, tmp_path, capsys)
    wb = open_workbook(rich, read_only=False)
    try:
        plan = read_plan(grids(wb, rich)).plan
    finally:
        wb.close()
    node = next(n for n in plan.nodes() if n.code == "7.01.01.2.06.0004")
    assert [i.name for i in node.indicators] == [
        "Jumlah paket bahan logistik kantor yang disediakan", "Jumlah paket ATK"]
    assert node.rows == [5, 6]
    nxt = next(n for n in plan.nodes() if n.code == "7.01.02.2.01.0004")
    assert nxt.rows[0] == 7 and len(nxt.indicators) == 2
    after = check_file(rich, out=tmp_path / "sesudah.xlsx")

    def errors(comp):
        return sorted(f"{f.sheet}!{f.row}: {f.message}" for f in comp.findings
                      if f.severity is Severity.ERROR)
    # the SIPD-like source has no Sasaran: its Programs lack a Kode Induk before and after
    assert errors(after) == errors(base)
    assert not [e for e in errors(after) if e.startswith(SUB)]


def test_a_sheet_with_a_pivot_source_is_not_shifted(tmp_path, capsys):
    path = import_file(write_xlsx(base_table(), tmp_path / "base.xlsx"),
                       tmp_path / "kinerja.xlsx").out
    wb = openpyxl.load_workbook(path)
    wb.create_sheet(USER)["A1"] = "jangan dihapus"
    wb.save(path)
    path = excel_like(path, pivot=True)
    before = _parts(path)
    sub = _part_of(before, SUB)
    out = _merge(path, tmp_path, capsys)
    assert "1 node baru" in out and "1 indikator belum dapat ditambahkan" in out
    after = _parts(path)
    assert check_package(path.read_bytes()) == []
    sheet = after[sub].decode()
    assert "Jumlah paket ATK" not in sheet and '<mergeCell ref="AP6:AQ7"/>' in sheet
    assert after["xl/drawings/drawing1.xml"] == before["xl/drawings/drawing1.xml"]
    report = " ".join(str(c.value) for row in openpyxl.load_workbook(path)[SHEET].iter_rows()
                      for c in row if c.value)
    assert "'Jumlah paket ATK' untuk Kode 7.01.01.2.06.0004 belum ditambahkan" in report
    assert "PivotTable yang sumber datanya sheet ini" in report


@needs_lo
def test_libreoffice_reads_the_moved_references_to_the_same_cells(rich, tmp_path, capsys):
    from lo import convert

    def values(path: Path, name: str) -> dict[str, object]:
        wb = openpyxl.load_workbook(convert(path, tmp_path / name), data_only=True)
        ws = wb[USER]
        return {k: ws[k].value for k in ("B2", "C2", "D2", "D3", "D4", "F2")} | {
            "AX3": wb[SUB]["AX3"].value}
    old = values(rich, "sebelum")
    _merge(rich, tmp_path, capsys)
    new = values(rich, "sesudah")
    assert old == {"B2": 4, "C2": 53, "D2": "7.01.01.2.02.0001", "D3": "7.01.01.2.06.0004",
                   "D4": "7.01.02.2.01.0004", "F2": 4, "AX3": 53}
    # the same cells; the sums grew by the new row's Target (12), as in Excel
    assert new == old | {"C2": 65, "AX3": 65}


# the operation alone, on a small package ------------------------------------------------------

def _small(tmp_path: Path, tail: str = "") -> tuple:
    from kinerja_xl.package.parts import Package
    from kinerja_xl.package.workbook import WorkbookPart

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "S"
    for r in range(1, 13):
        ws.cell(r, 1).value = r
    path = tmp_path / "kecil.xlsx"
    wb.save(path)
    parts = _parts(path)
    sheet = parts["xl/worksheets/sheet1.xml"]
    cells = [(5, '<f t="shared" ref="B5:B8" si="0">{}</f>')]
    cells += [(r, '<f t="shared" si="0"/>') for r in (6, 7, 8)]
    for r, f in cells:
        sheet = _add_cells(sheet, r, f'<c r="B{r}">{f}<v>0</v></c>')
    parts["xl/worksheets/sheet1.xml"] = sheet.replace(b"</worksheet>", tail.encode()
                                                      + b"</worksheet>")

    def package(master: str) -> tuple:
        data = dict(parts)
        data["xl/worksheets/sheet1.xml"] = data["xl/worksheets/sheet1.xml"].replace(
            b"{}", master.encode())
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w") as z:
            for name, body in data.items():
                z.writestr(name, body)
        pkg = Package(out.getvalue())
        return pkg, WorkbookPart(pkg)
    return package


@pytest.mark.parametrize(("master", "expected"), [
    # every cell still follows its master: the group stays shared, its range grows
    ("A5*2+$A$7", ['<c r="B5"><f t="shared" ref="B5:B9" si="0">A5*2+$A$8</f>',
                   '<c r="B6"><f t="shared" si="0"/>', '<c r="B8"><f t="shared" si="0"/>',
                   '<c r="B9"><f t="shared" si="0"/>']),
    # A9 from B5 means A10 from B6, A11 from B7 (moved to B8: now A12): written out per cell
    ("A9", ['<c r="B5"><f>A10</f>', '<c r="B6"><f>A11</f>', '<c r="B8"><f>A12</f>',
            '<c r="B9"><f>A13</f>']),
])
def test_a_shared_formula_on_the_sheet(tmp_path, master, expected):
    from kinerja_xl.package.insert_rows import insert_rows

    pkg, wb = _small(tmp_path)(master)
    insert_rows(pkg, wb, "S", [(7, 1)])
    sheet = pkg.read("xl/worksheets/sheet1.xml").decode()
    assert all(e in sheet for e in expected), sheet
    assert '<row r="7"/>' in sheet and '<c r="A13" t="n"><v>12</v></c>' in sheet


@pytest.mark.parametrize("tail", [
    '<extLst><ext uri="{A8765BA9-456A-4dab-B4F3-ACF838C121DE}"><x14:slicerList '
    f'xmlns:x14="{X14}"/></ext></extLst>',
    '<controls><control shapeId="1025" name="Tombol"/></controls>',
])
def test_what_cannot_be_moved_refuses_and_changes_nothing(tmp_path, tail):
    from kinerja_xl.package.insert_rows import InsertRefused, insert_rows, refusal

    pkg, wb = _small(tmp_path, tail)("A5")
    before = pkg.read("xl/worksheets/sheet1.xml")
    assert refusal(pkg, wb, "S", [(7, 1)])
    with pytest.raises(InsertRefused, match="Baris tidak dapat disisipkan di sheet S"):
        insert_rows(pkg, wb, "S", [(7, 1)])
    assert pkg.read("xl/worksheets/sheet1.xml") == before


def test_update_file_inserts_into_an_xlsm_made_the_way_excel_writes_it(tmp_path):
    """The seam itself, on the round-trip fixture (.xlsm with VBA, ribbon, picture, text box,
    chart, sparklines, data bar, threaded comment): two rows before Program row 4, then hitung
    runs on the result; xlsm_check passes."""
    import subprocess

    from conftest import SHARED
    from package_fixture import LEVEL_PART, enriched_workbook
    from sample import sample_plan

    from kinerja_xl.api import update_file
    from kinerja_xl.core.writes import CellWrite, Out, RowInsert, WritePlan

    path = enriched_workbook(tmp_path / "kaya.xlsm", sample_plan())
    before = _parts(path)
    plan = WritePlan(inserts=[RowInsert("Program", 4, 2)],
                     cells=[CellWrite("Program", 5, 40, Out("baris sisipan"))])
    update_file(path, plan=plan)
    after = _parts(path)
    assert check_package(path.read_bytes()) == []
    sheet = after[LEVEL_PART].decode()
    assert '<row r="4"/>' in sheet and '<c r="AN5" t="inlineStr">' in sheet
    assert '<row r="6"><c r="A6" ' in sheet and "<v>0</v>" in re.search(
        r'<row r="6">.*?</row>', sheet).group(0)  # P2 moved from row 4, its Target 0
    assert 'sqref="AC3:AC22"' in sheet and "<xm:sqref>AC3:AC22</xm:sqref>" in sheet
    assert "<xm:f>Program!S3:V3</xm:f><xm:sqref>BA3</xm:sqref>" in sheet
    assert 'sqref="I3:I2002"' in sheet
    assert "<c:f>Program!$S$3:$S$7</c:f>" in after["xl/charts/chart1.xml"].decode()
    rows = [(int(a), int(b)) for a, b in re.findall(
        r"<xdr:from>.*?<xdr:row>(\d+)</xdr:row>.*?<xdr:to>.*?<xdr:row>(\d+)</xdr:row>",
        after["xl/drawings/drawing1.xml"].decode())]
    assert rows == [(1, 9), (11, 17), (19, 25)]  # rows 2-8 grow; the others move by 2
    assert after["xl/threadedComments/threadedComment1.xml"] == before[
        "xl/threadedComments/threadedComment1.xml"]  # D3: above the insert
    assert "xl/calcChain.xml" not in after
    changed = {n for n in before if before[n] != after.get(n)}
    assert changed <= {LEVEL_PART, "xl/charts/chart1.xml", "xl/drawings/drawing1.xml",
                       "xl/workbook.xml", "xl/_rels/workbook.xml.rels", "[Content_Types].xml",
                       "xl/calcChain.xml"} | {n for n in before if n.startswith("xl/worksheets/")
                                              and b"Program" in before[n]}
    assert after["xl/vbaProject.bin"] == before["xl/vbaProject.bin"]
    assert main(["hitung", str(path)]) == 0
    tool = SHARED / "tools" / "xlsm_check" / "run.sh"
    if tool.exists():
        proc = subprocess.run(["bash", str(tool), str(path)], capture_output=True, text=True,
                              timeout=600)
        assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-2000:]


def test_inserts_on_several_nodes_compose(tmp_path, capsys):
    """One new indicator for the first sub kegiatan (rows 3-4), two for the second (row 5),
    one for the last (room under it) and a new node: rows worked out by hand."""
    import copy

    from impor_fixtures import SIPD

    path = import_file(write_xlsx(base_table(), tmp_path / "base.xlsx"),
                       tmp_path / "kinerja.xlsx").out
    rows = copy.deepcopy(SIPD)

    def after(code: str, *names: str) -> None:
        i = next(i for i, r in enumerate(rows) if r[:1] == [code]) + 1
        while i < len(rows) and not rows[i][0] and rows[i][2]:  # its indicator rows
            i += 1
        for k, name in enumerate(names):
            rows.insert(i + k, ["", "", name, "", k + 1, "Dokumen", "", "", ""])
    after("7.01.01.2.02.0001", "Jumlah SK gaji")
    after("7.01.01.2.06.0004", "Jumlah paket ATK", "Jumlah paket kertas")
    after("7.01.02.2.01.0004", "Jumlah pengaduan")
    src = write_csv(rows, tmp_path / "renja.csv", ";")
    assert main(["impor", str(src), "--ke", str(path), "--dry-run"]) == 0
    assert "3 baris disisipkan" in capsys.readouterr().out
    assert main(["impor", str(src), "--ke", str(path)]) == 0
    out = capsys.readouterr().out
    assert "1 node baru, 5 indikator baru" in out and "3 baris disisipkan" in out
    assert check_package(path.read_bytes()) == []
    wb = open_workbook(path, read_only=False)
    try:
        plan = read_plan(grids(wb, path)).plan
    finally:
        wb.close()
    found = {n.code: (n.rows, [i.name for i in n.indicators]) for n in plan.nodes()
             if n.level.sheet == SUB}
    assert found["7.01.01.2.02.0001"] == ([3, 4, 5], [
        "Jumlah orang yang menerima gaji dan tunjangan ASN", "Jumlah bulan gaji terbayar",
        "Jumlah SK gaji"])
    assert found["7.01.01.2.06.0004"] == ([6, 7, 8], [
        "Jumlah paket bahan logistik kantor yang disediakan", "Jumlah paket ATK",
        "Jumlah paket kertas"])
    assert found["7.01.02.2.01.0004"] == ([9, 10], ["Jumlah laporan pelayanan",
                                                    "Jumlah pengaduan"])
    assert found["7.01.01.2.02.0002"][0] == [11]
    report = " ".join(str(c.value) for row in openpyxl.load_workbook(path)[SHEET].iter_rows()
                      for c in row if c.value)
    assert "'Jumlah paket kertas' ditambahkan ke Kode 7.01.01.2.06.0004 di Sub Kegiatan baris 8"\
        " (baris baru disisipkan)" in report
    assert "ditambahkan di baris 11" in report


def _model_rows(n_rows: int, inserts: list[tuple[int, int]]) -> list[int | None]:
    """Insert Row done on a list of row labels: the new row number of every old row."""
    from itertools import pairwise

    sheet: list[int | None] = list(range(1, n_rows + 1))
    for before, count in sorted(inserts, reverse=True):  # bottom-up, old numbering
        sheet[before - 1:before - 1] = [None] * count
    where = {label: i + 1 for i, label in enumerate(sheet) if label is not None}
    assert all(a < b for a, b in pairwise(where.values()))
    return [where[r] for r in range(1, n_rows + 1)]


def test_references_follow_their_cells_for_any_inserts():
    """Any set of inserts: a reference to a row keeps pointing at the same content (a list
    with rows inserted is the model), a range keeps its first and last content rows."""
    from hypothesis import given, settings
    from hypothesis import strategies as st

    @settings(max_examples=200, deadline=None)
    @given(st.lists(st.tuples(st.integers(1, 40), st.integers(1, 3)), min_size=1, max_size=5),
           st.integers(1, 40), st.integers(0, 10), st.booleans())
    def check(inserts, r1, height, absolute):
        shift = RowShift(inserts)
        moved = _model_rows(60, inserts)
        r2 = min(r1 + height, 60)
        d = "$" if absolute else ""
        formula = f"SUM({d}B{d}{r1}:C{r2})+'S'!{d}D{d}{r2}+Lain!E{r1}"
        assert shift_formula(formula, "S", "S", shift) == (
            f"SUM({d}B{d}{moved[r1 - 1]}:C{moved[r2 - 1]})+'S'!{d}D{d}{moved[r2 - 1]}"
            f"+Lain!E{r1}")
    check()
