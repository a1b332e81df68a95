"""A round-trip fixture: the sample kecamatan as an .xlsm enriched the way Excel writes it.

openpyxl makes the base (template with VBA and ribbon, the sample data, a user sheet with a
table, a hyperlink and protection, a hidden sheet); the features openpyxl cannot write are
added as raw XML the way Excel 365 writes them: a picture, a text box and a chart with its
style and colour parts on a level sheet, sparklines and an x14 data bar in the sheet's
extLst, threaded comments with the persons part, a rich-text shared string, custom document
properties, a VBA signature part and a calculation chain.
"""

from __future__ import annotations

import io
import re
import struct
import zipfile
import zlib
from pathlib import Path

from openpyxl.worksheet.table import Table

from kinerja_xl.api import template_workbook
from kinerja_xl.xlsx.fill import write_plan

LEVEL_PART = "xl/worksheets/sheet6.xml"  # Program
USER_SHEET = "Catatan"
X14 = "http://schemas.microsoft.com/office/spreadsheetml/2009/9/main"
XM = "http://schemas.microsoft.com/office/excel/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
RICH = ('<si><r><rPr><b/><sz val="11"/><color rgb="FFFF0000"/><rFont val="Calibri"/></rPr>'
        '<t>Tebal merah</t></r><r><rPr><i/><sz val="11"/><rFont val="Calibri"/></rPr>'
        '<t xml:space="preserve"> lalu miring</t></r></si>')

DATA_BAR = (
    '<conditionalFormatting sqref="AC3:AC20"><cfRule type="dataBar" priority="1"><dataBar>'
    '<cfvo type="min"/><cfvo type="max"/><color rgb="FF638EC6"/></dataBar><extLst>'
    f'<ext uri="{{B025F937-C7B1-47D3-B67F-A62EFF666E3E}}" xmlns:x14="{X14}"><x14:id>'
    '{00000000-000E-0000-0000-000001000000}</x14:id></ext></extLst></cfRule>'
    '</conditionalFormatting>')
EXT_LST = (
    f'<extLst><ext uri="{{78C0D931-6437-407d-A8EE-F0AAD7539E65}}" xmlns:x14="{X14}">'
    f'<x14:conditionalFormattings><x14:conditionalFormatting xmlns:xm="{XM}"><x14:cfRule '
    'type="dataBar" id="{00000000-000E-0000-0000-000001000000}"><x14:dataBar minLength="0" '
    'maxLength="100" gradient="0"><x14:cfvo type="autoMin"/><x14:cfvo type="autoMax"/>'
    '<x14:negativeFillColor rgb="FFFF0000"/><x14:axisColor rgb="FF000000"/></x14:dataBar>'
    '</x14:cfRule><xm:sqref>AC3:AC20</xm:sqref></x14:conditionalFormatting>'
    '</x14:conditionalFormattings></ext>'
    f'<ext uri="{{05C60535-1F16-4fd2-B633-F4F36F0B64E0}}" xmlns:x14="{X14}">'
    f'<x14:sparklineGroups xmlns:xm="{XM}"><x14:sparklineGroup displayEmptyCellsAs="gap">'
    '<x14:colorSeries rgb="FF376092"/><x14:colorNegative rgb="FFD00000"/><x14:colorAxis '
    'rgb="FF000000"/><x14:colorMarkers rgb="FFD00000"/><x14:colorFirst rgb="FFD00000"/>'
    '<x14:colorLast rgb="FFD00000"/><x14:colorHigh rgb="FFD00000"/><x14:colorLow '
    'rgb="FFD00000"/><x14:sparklines><x14:sparkline><xm:f>Program!S3:V3</xm:f>'
    '<xm:sqref>BA3</xm:sqref></x14:sparkline></x14:sparklines></x14:sparklineGroup>'
    '</x14:sparklineGroups></ext></extLst>')


def _anchor(col: int, row: int, body: str) -> str:
    return (f"<xdr:twoCellAnchor><xdr:from><xdr:col>{col}</xdr:col><xdr:colOff>0</xdr:colOff>"
            f"<xdr:row>{row}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:from><xdr:to><xdr:col>"
            f"{col + 3}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>{row + 6}</xdr:row>"
            f"<xdr:rowOff>0</xdr:rowOff></xdr:to>{body}<xdr:clientData/></xdr:twoCellAnchor>")


DRAWING = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'
    '<xdr:wsDr xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing"'
    ' xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main">'
    + _anchor(40, 1, f'<xdr:pic><xdr:nvPicPr><xdr:cNvPr id="2" name="Gambar 1"/><xdr:cNvPicPr>'
              '<a:picLocks noChangeAspect="1"/></xdr:cNvPicPr></xdr:nvPicPr><xdr:blipFill>'
              f'<a:blip xmlns:r="{R}" r:embed="rId1"/><a:stretch><a:fillRect/></a:stretch>'
              '</xdr:blipFill><xdr:spPr><a:prstGeom prst="rect"><a:avLst/></a:prstGeom>'
              '</xdr:spPr></xdr:pic>')
    + _anchor(40, 9, '<xdr:sp macro="" textlink=""><xdr:nvSpPr><xdr:cNvPr id="3" '
              'name="Kotak Teks 2"/><xdr:cNvSpPr txBox="1"/></xdr:nvSpPr><xdr:spPr><a:prstGeom'
              ' prst="rect"><a:avLst/></a:prstGeom></xdr:spPr><xdr:txBody><a:bodyPr '
              'wrap="square"/><a:lstStyle/><a:p><a:r><a:rPr lang="id-ID" sz="1100"/><a:t>'
              'Catatan di kotak teks</a:t></a:r></a:p></xdr:txBody></xdr:sp>')
    + _anchor(40, 17, '<xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="4" '
              'name="Bagan 3"/><xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr><xdr:xfrm><a:off '
              'x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm><a:graphic><a:graphicData '
              'uri="http://schemas.openxmlformats.org/drawingml/2006/chart"><c:chart xmlns:c='
              f'"http://schemas.openxmlformats.org/drawingml/2006/chart" xmlns:r="{R}" '
              'r:id="rId2"/></a:graphicData></a:graphic></xdr:graphicFrame>')
    + "</xdr:wsDr>")

CHART = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'
    '<c:chartSpace xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    f'xmlns:r="{R}"><c:chart><c:autoTitleDeleted val="1"/><c:plotArea><c:layout/>'
    '<c:barChart><c:barDir val="col"/><c:grouping val="clustered"/><c:varyColors val="0"/>'
    '<c:ser><c:idx val="0"/><c:order val="0"/><c:val><c:numRef><c:f>Program!$S$3:$S$5</c:f>'
    '</c:numRef></c:val></c:ser><c:axId val="1"/><c:axId val="2"/></c:barChart><c:catAx>'
    '<c:axId val="1"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/>'
    '<c:axPos val="b"/><c:crossAx val="2"/></c:catAx><c:valAx><c:axId val="2"/><c:scaling>'
    '<c:orientation val="minMax"/></c:scaling><c:delete val="0"/><c:axPos val="l"/>'
    '<c:crossAx val="1"/></c:valAx></c:plotArea><c:plotVisOnly val="1"/></c:chart>'
    '</c:chartSpace>')
CHART_STYLE = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n<cs:chartStyle '
               'xmlns:cs="http://schemas.microsoft.com/office/drawing/2012/chartStyle" '
               'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" id="201"/>')
CHART_COLORS = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n<cs:colorStyle '
                'xmlns:cs="http://schemas.microsoft.com/office/drawing/2012/chartStyle" '
                'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" meth="cycle" '
                'id="10"><a:schemeClr val="accent1"/></cs:colorStyle>')
THREADED = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n<ThreadedComments '
            'xmlns="http://schemas.microsoft.com/office/spreadsheetml/2018/threadedcomments" '
            'xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
            '<threadedComment ref="D3" dT="2025-01-06T08:00:00.00" personId="{6C1D0F2A-0000-'
            '4000-8000-000000000001}" id="{6C1D0F2A-0000-4000-8000-0000000000A1}"><text>Cek '
            'lagi uraian ini</text></threadedComment></ThreadedComments>')
PERSONS = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n<personList '
           'xmlns="http://schemas.microsoft.com/office/spreadsheetml/2018/threadedcomments" '
           'xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><person '
           'displayName="Analis Bappeda" id="{6C1D0F2A-0000-4000-8000-000000000001}" '
           'userId="analis@example.go.id" providerId="None"/></personList>')
CUSTOM = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n<Properties xmlns='
          '"http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" '
          'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
          '<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="2" name="Unit">'
          '<vt:lpwstr>Kecamatan Contoh</vt:lpwstr></property></Properties>')

CT_OVERRIDES = {
    "/xl/drawings/drawing1.xml": "application/vnd.openxmlformats-officedocument.drawing+xml",
    "/xl/charts/chart1.xml": "application/vnd.openxmlformats-officedocument.drawingml.chart+xml",
    "/xl/charts/style1.xml": "application/vnd.ms-office.chartstyle+xml",
    "/xl/charts/colors1.xml": "application/vnd.ms-office.chartcolorstyle+xml",
    "/xl/threadedComments/threadedComment1.xml": "application/vnd.ms-excel.threadedcomments+xml",
    "/xl/persons/person.xml": "application/vnd.ms-excel.person+xml",
    "/docProps/custom.xml":
        "application/vnd.openxmlformats-officedocument.custom-properties+xml",
    "/xl/vbaProjectSignature.bin": "application/vnd.ms-office.vbaProjectSignature",
    "/xl/calcChain.xml":
        "application/vnd.openxmlformats-officedocument.spreadsheetml.calcChain+xml",
    "/xl/sharedStrings.xml":
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml",
}


def _png() -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(
            ">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    raw = b"\x00\xff\x00\x00"
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


def _rels(*items: tuple[str, str, str]) -> bytes:
    body = "".join(f'<Relationship Id="{i}" Type="{t}" Target="{target}"/>'
                   for i, t, target in items)
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n<Relationships xmlns='
            f'"http://schemas.openxmlformats.org/package/2006/relationships">{body}'
            "</Relationships>").encode()


def _add_rel(xml: bytes, rid: str, rtype: str, target: str, mode: str = "") -> bytes:
    extra = f' TargetMode="{mode}"' if mode else ""
    new = f'<Relationship Id="{rid}" Type="{rtype}" Target="{target}"{extra}/>'.encode()
    return xml.replace(b"</Relationships>", new + b"</Relationships>")


def base_workbook(plan: object) -> bytes:
    """The sample data in the template, with a user sheet (table, link, protection) and a
    hidden sheet, saved by openpyxl."""
    wb = template_workbook()
    write_plan(plan, wb)  # type: ignore[arg-type]
    ws = wb.create_sheet(USER_SHEET)
    ws.append(["Nama", "Nilai", "Tautan"])
    for i in range(1, 5):
        ws.append([f"Baris {i}", i * 10, None])
    ws.add_table(Table(displayName="TabelCatatan", ref="A1:C5"))
    ws["C2"].hyperlink = "https://example.go.id/sakip"
    ws["C2"].value = "situs"
    ws.protection.sheet = True
    hidden = wb.create_sheet("Rahasia")
    hidden["A1"] = "tersembunyi"
    hidden.sheet_state = "hidden"
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def enrich(data: bytes) -> bytes:
    """Add the parts openpyxl cannot write, as Excel writes them."""
    src = zipfile.ZipFile(io.BytesIO(data))
    parts = {n: src.read(n) for n in src.namelist()}
    sheet = parts[LEVEL_PART]
    sheet = sheet.replace(b"<dataValidations", DATA_BAR.encode() + b"<dataValidations", 1)
    sheet = re.sub(rb"(<legacyDrawing\b)", rb'<drawing xmlns:r="' + R.encode()
                   + rb'" r:id="rIdKx1"/>\1', sheet, count=1)
    sheet = sheet.replace(b"</worksheet>", EXT_LST.encode() + b"</worksheet>")
    parts[LEVEL_PART] = sheet
    rels_name = "xl/worksheets/_rels/sheet6.xml.rels"
    rels = parts[rels_name]
    rels = _add_rel(rels, "rIdKx1", f"{REL}/drawing", "/xl/drawings/drawing1.xml")
    rels = _add_rel(rels, "rIdKx2", "http://schemas.microsoft.com/office/2017/10/relationships/"
                    "threadedComment", "/xl/threadedComments/threadedComment1.xml")
    parts[rels_name] = rels
    parts["xl/drawings/drawing1.xml"] = DRAWING.encode()
    parts["xl/drawings/_rels/drawing1.xml.rels"] = _rels(
        ("rId1", f"{REL}/image", "../media/image1.png"),
        ("rId2", f"{REL}/chart", "../charts/chart1.xml"))
    parts["xl/media/image1.png"] = _png()
    parts["xl/charts/chart1.xml"] = CHART.encode()
    parts["xl/charts/_rels/chart1.xml.rels"] = _rels(
        ("rId1", "http://schemas.microsoft.com/office/2011/relationships/chartStyle",
         "style1.xml"),
        ("rId2", "http://schemas.microsoft.com/office/2011/relationships/chartColorStyle",
         "colors1.xml"))
    parts["xl/charts/style1.xml"] = CHART_STYLE.encode()
    parts["xl/charts/colors1.xml"] = CHART_COLORS.encode()
    parts["xl/threadedComments/threadedComment1.xml"] = THREADED.encode()
    parts["xl/persons/person.xml"] = PERSONS.encode()
    wb_rels = parts["xl/_rels/workbook.xml.rels"]
    wb_rels = _add_rel(wb_rels, "rIdKx3", "http://schemas.microsoft.com/office/2017/10/"
                       "relationships/person", "persons/person.xml")
    wb_rels = _add_rel(wb_rels, "rIdKx4", f"{REL}/sharedStrings", "sharedStrings.xml")
    wb_rels = _add_rel(wb_rels, "rIdKx6", f"{REL}/calcChain", "calcChain.xml")
    parts["xl/calcChain.xml"] = (
        b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n<calcChain xmlns="http://'
        b'schemas.openxmlformats.org/spreadsheetml/2006/main"><c r="C3" i="6"/></calcChain>'
    )
    parts["xl/_rels/workbook.xml.rels"] = wb_rels
    parts["xl/sharedStrings.xml"] = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n<sst xmlns="http://schemas.'
        f'openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="1">{RICH}</sst>'
    ).encode()
    user_part = _part_of(parts, USER_SHEET)
    parts[user_part] = re.sub(rb'(<row r="1"[^>]*>)(.*?)(</row>)',
                              lambda m: m.group(1) + m.group(2)
                              + b'<c r="E1" t="s"><v>0</v></c>' + m.group(3),
                              parts[user_part], count=1, flags=re.S)
    parts["docProps/custom.xml"] = CUSTOM.encode()
    parts["_rels/.rels"] = _add_rel(
        parts["_rels/.rels"], "rIdKx5", f"{REL}/custom-properties", "docProps/custom.xml")
    parts["xl/vbaProjectSignature.bin"] = bytes(range(256)) * 4
    parts["xl/_rels/vbaProject.bin.rels"] = _rels(
        ("rId1", "http://schemas.microsoft.com/office/2006/relationships/vbaProjectSignature",
         "vbaProjectSignature.bin"))
    types = parts["[Content_Types].xml"]
    extra = "".join(f'<Override PartName="{k}" ContentType="{v}"/>'
                    for k, v in CT_OVERRIDES.items()).encode()
    if b'Extension="png"' not in types:
        extra += b'<Default Extension="png" ContentType="image/png"/>'
    parts["[Content_Types].xml"] = types.replace(b"</Types>", extra + b"</Types>")
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for name, body in parts.items():
            dst.writestr(name, body)
    return out.getvalue()


def _part_of(parts: dict[str, bytes], sheet: str) -> str:
    wb = parts["xl/workbook.xml"].decode()
    rid = re.search(rf'<sheet [^>]*name="{sheet}"[^>]*r:id="([^"]+)"', wb)
    assert rid, sheet
    rels = parts["xl/_rels/workbook.xml.rels"].decode()
    target = re.search(rf'<Relationship [^>]*Target="/?(?:xl/)?([^"]+)"[^>]*Id="{rid.group(1)}"',
                       rels) or re.search(rf'<Relationship [^>]*Id="{rid.group(1)}"[^>]*'
                                          r'Target="/?(?:xl/)?([^"]+)"', rels)
    assert target, rid.group(1)
    return "xl/" + target.group(1)


def enriched_workbook(path: Path, plan: object) -> Path:
    path.write_bytes(enrich(base_workbook(plan)))
    return path
