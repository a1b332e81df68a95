"""Generated sheets: drawn by openpyxl into a scratch workbook, then moved into the user's
package part by part.

The scratch sheet's cell formats (and its conditional formats' differential styles) are
appended to the user's styles (found again on reruns), its shared strings become inline strings
(the user's shared-string table is never touched), and its drawing and chart parts are copied
under fresh names with their relationships.
"""

from __future__ import annotations

import io
import posixpath
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from openpyxl.workbook.workbook import Workbook

from ..core.sheetspec import SheetSpec
from ..core.writes import GeneratedSheet
from ..xlsx.render import render_sheet
from . import xml
from .cells import cell_ref, cell_xml, col_letters, plain_xml, read_value
from .parts import Package, Rels
from .read import shared_strings
from .styles import Styles
from .workbook import WorkbookPart


@dataclass
class ScratchSheet:
    name: str
    xml: bytes  # worksheet part, styles and strings already mapped into the user's package
    parts: dict[str, tuple[bytes, str | None]] = field(default_factory=dict)  # new part -> data
    rels: list[tuple[str, str, str]] = field(default_factory=list)  # (Id, Type, target part)
    names: dict[str, str] = field(default_factory=dict)  # sheet-scoped defined names


def generated_sheet_xml(gen: GeneratedSheet, styles: Styles) -> ScratchSheet:
    """A simple generated sheet (Laporan Validasi) written straight as worksheet XML: bold
    title, grey bold header row frozen under the panes, wrapped text columns. Text is text."""
    from lxml import etree

    def xf(font: str | None, fill: str | None, align: str | None) -> int:
        el = etree.fromstring(f'<xf xmlns="{xml.MAIN}" numFmtId="0" fontId="0" fillId="0" '
                              f'borderId="0" xfId="0"/>')
        if align:
            el.set("applyAlignment", "1")
            etree.SubElement(el, f"{{{xml.MAIN}}}alignment", vertical="top", wrapText="1")
        f = etree.fromstring(f'<font xmlns="{xml.MAIN}">{font}</font>') if font else None
        if f is not None:
            el.set("applyFont", "1")
        g = etree.fromstring(f'<fill xmlns="{xml.MAIN}"><patternFill patternType="solid">'
                             f'<fgColor rgb="FF{fill}"/><bgColor indexed="64"/></patternFill>'
                             "</fill>") if fill else None
        if g is not None:
            el.set("applyFill", "1")
        return styles.add_xf(el, f, g, None, None)

    title = xf('<b/><sz val="14"/>', None, None)
    head = xf('<b/><sz val="11"/>', "D9D9D9", None)
    wrap = xf(None, None, "wrap")
    rows = []
    letters = [col_letters(c).encode() for c in range(1, max(map(len, gen.rows), default=0) + 1)]

    def style(r: int, c: int) -> int:
        if r == 1 and c == 1:
            return title
        if r == gen.header_row:
            return head
        return wrap if r > gen.header_row and c in gen.wrap_cols else 0

    for r, values in enumerate(gen.rows, start=1):
        plain = r != 1 and r != gen.header_row and not (r > gen.header_row and gen.wrap_cols)
        digits = b"%d" % r
        cells = [b'<row r="%b">' % digits]
        if plain:  # unstyled (most rows, e.g. the 6,100 of Log Tahun Baru): the tight loop
            for letter, value in zip(letters, values, strict=False):
                if value is None:
                    continue  # nothing to write (what plain_xml gives)
                fast = plain_xml(letter + digits, 0, value)
                cells.append(fast if fast is not None
                             else cell_xml((letter + digits).decode(), 0, value, None))
        else:
            for c, (letter, value) in enumerate(zip(letters, values, strict=False), start=1):
                s = style(r, c)
                if value is None and not s:
                    continue
                ref = letter + digits
                fast = plain_xml(ref, s, value)
                cells.append(fast if fast is not None else cell_xml(ref.decode(), s, value, None))
        cells.append(b"</row>")
        rows.append(b"".join(cells))
    cols = "".join(f'<col min="{i}" max="{i}" width="{w:g}" customWidth="1"/>'
                   for i, w in enumerate(gen.widths, start=1))
    pane = ""
    if gen.header_row:
        top = gen.header_row + 1
        pane = (f'<pane ySplit="{gen.header_row}" topLeftCell="A{top}" activePane="bottomLeft" '
                f'state="frozen"/><selection pane="bottomLeft" activeCell="A{top}" '
                f'sqref="A{top}"/>')
    last = f"{col_letters(max((len(r) for r in gen.rows), default=1) or 1)}{len(gen.rows) or 1}"
    data = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns='
            f'"{xml.MAIN}" xmlns:r="{xml.REL}"><dimension ref="A1:{last}"/><sheetViews>'
            f'<sheetView workbookViewId="0">{pane}</sheetView></sheetViews><sheetFormatPr '
            f'defaultRowHeight="15"/>' + (f"<cols>{cols}</cols>" if cols else "")
            + "<sheetData>").encode() + b"".join(rows) + (
            b'</sheetData><pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" '
            b'header="0.3" footer="0.3"/></worksheet>')
    return ScratchSheet(gen.name, data)


def render_scratch(specs: Sequence[SheetSpec]) -> bytes:
    """The sheets drawn into a new workbook, saved to bytes."""
    wb = Workbook()
    wb.remove(wb.active)
    for spec in specs:
        render_sheet(wb, spec)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


_C_STYLE = re.compile(rb'(<c\b[^>]*?\bs=")(\d+)(")')
_ROW_STYLE = re.compile(rb'(<row\b[^>]*?\bs=")(\d+)(")')
_COL_STYLE = re.compile(rb'(<col\b[^>]*?\bstyle=")(\d+)(")')
_DXF = re.compile(rb'(<cfRule\b[^>]*?\bdxfId=")(\d+)(")')
_SHARED_CELL = re.compile(rb'<c\b[^>]*?\bt="s"[^>]*?>.*?</c>', re.S)


class Transplanter:
    """Moves sheets from one scratch package into the user's package."""

    def __init__(self, scratch: bytes, pkg: Package, styles: Styles) -> None:
        self.src = Package(scratch, "scratch")
        self.src_wb = WorkbookPart(self.src)
        self.src_styles = Styles(self.src, self.src_wb)
        self.strings = shared_strings(self.src, self.src_wb)
        self.pkg, self.styles = pkg, styles
        self._xf: dict[int, int] = {}
        self._copied: dict[str, str] = {}

    def sheet(self, name: str, index_in_scratch: int) -> ScratchSheet:
        entry = next(s for s in self.src_wb.sheets() if s.name == name)
        assert entry.part is not None
        data = self.src.read(entry.part)
        data = _SHARED_CELL.sub(self._inline, data)
        data = _C_STYLE.sub(self._restyle, data)
        data = _ROW_STYLE.sub(self._restyle, data)
        data = _COL_STYLE.sub(self._restyle, data)
        data = _DXF.sub(self._redxf, data)
        data = data.replace(b' tabSelected="1"', b"")
        out = ScratchSheet(name, data)
        rels = Rels(self.src, entry.part)
        for rel in rels.items():
            target = rels.target_part(rel)
            if target is None:
                continue  # external links (none in what openpyxl draws)
            out.rels.append((rel.get("Id", ""), rel.get("Type", ""), self._copy(target, out)))
        out.names = {k: v for k, v in self.src_wb.local_names(index_in_scratch).items()}
        return out

    def _inline(self, m: re.Match[bytes]) -> bytes:
        cell = m.group(0)
        attrs_end = cell.index(b">")
        attrs = cell[2:attrs_end].rstrip(b"/")
        got = read_value(attrs, cell[attrs_end + 1:], self.strings, lambda s: False)
        row, col = cell_ref(attrs)
        s = re.search(rb'\bs="(\d+)"', attrs)
        ref = f"{col_letters(col or 1)}{row or 1}"
        return cell_xml(ref, int(s.group(1)) if s else 0,
                        got.value if got else None, None) or f'<c r="{ref}"/>'.encode()

    def _redxf(self, m: re.Match[bytes]) -> bytes:
        """A conditional format's differential style, added to the user's (found again on
        reruns)."""
        dxf = self.src_styles.dxf(int(m.group(2)))
        if dxf is None:
            return m.group(0)
        return m.group(1) + str(self.styles.add_dxf(dxf)).encode() + m.group(3)

    def _restyle(self, m: re.Match[bytes]) -> bytes:
        return m.group(1) + str(self.map_xf(int(m.group(2)))).encode() + m.group(3)

    def map_xf(self, s: int) -> int:
        if s not in self._xf:
            src = self.src_styles
            xf = src.xf(s)
            if xf is None or s == 0:
                self._xf[s] = 0
            else:
                def item(tag: str, attr: str) -> xml.etree._Element | None:
                    items = src._items(tag)
                    i = int(xf.get(attr, "0"))
                    return items[i] if 0 <= i < len(items) and i else None
                fmt_id = int(xf.get("numFmtId", "0"))
                self._xf[s] = self.styles.add_xf(
                    xf, item("fonts", "fontId"), item("fills", "fillId"),
                    item("borders", "borderId"), src.num_fmt_code(fmt_id) if fmt_id else None)
        return self._xf[s]

    def _copy(self, part: str, sheet: ScratchSheet) -> str:
        """Copy a part (and what it refers to) into the user's package under a fresh name."""
        if part in self._copied:
            return self._copied[part]
        folder, base = posixpath.split(part)
        stem = re.sub(r"\d+(?=\.[^.]+$)", "{}", base)
        if "{}" not in stem:
            stem = stem.replace(".", "{}.", 1)
        new = self.pkg.free_name(posixpath.join(folder, stem))
        for taken in sheet.parts:  # parts of this sheet not yet written
            if taken == new:
                new = self.pkg.free_name(posixpath.join(folder, "k" + stem))
        self._copied[part] = new
        ctype = self.src.content_type(part)
        self.pkg.write(new, b"", ctype)  # reserve the name
        rels = Rels(self.src, part)
        new_rels = Rels(self.pkg, new)
        for rel in rels.items():
            target = rels.target_part(rel)
            if target is None:
                continue
            new_rels.add(rel.get("Type", ""), self._copy(target, sheet), rel.get("Id"))
        new_rels.save()
        self.pkg.write(new, self.src.read(part), ctype)
        sheet.parts[new] = (self.src.read(part), ctype)
        return new


__all__ = ["ScratchSheet", "Transplanter", "render_scratch"]
