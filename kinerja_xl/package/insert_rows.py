"""Inserting empty rows into one sheet of a user's workbook package, as Excel's Insert Row does.

Everything that points at a row of that sheet moves with it (docs/package.md, "Inserting
rows"): the sheet's rows and cells, its `<dimension>`, merged cells, conditional formats and
data validations (ranges and formulas, x14 extensions too), hyperlinks, auto filter, row breaks,
sparklines; formulas in every sheet, defined names, chart series, tables, drawing anchors and
notes (legacy and threaded). A new row copies the row above's style, as Excel does.

What the operation does not know how to move (a pivot table or cache on the sheet, a form
control, an unknown extension, a 3-D reference, an absolutely placed picture below the insert
point...) raises `InsertRefused` before anything is changed: no guess, no part dropped.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Sequence

from openpyxl.formula.translate import Translator, TranslatorError

from ..core.findings import WorkbookError
from .cells import CELL, ROW, SHEET_DATA, attr_row, cell_ref, col_letters, style_of
from .parts import Package, Rels
from .refs import (
    RowShift,
    Unshiftable,
    escape_formula,
    mentions,
    shift_area,
    shift_formula,
    shift_formula_xml,
    shift_sqref,
)
from .workbook import WorkbookPart

CALC_CHAIN = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/calcChain"
# relationships of the sheet whose row references this module moves (by the type's last word)
_SHEET_RELS = {"drawing", "comments", "vmlDrawing", "table", "threadedComment", "hyperlink",
               "printerSettings", "image"}
_KNOWN_EXT = {u.casefold() for u in (
    "{78C0D931-6437-407d-A8EE-F0AAD7539E65}",  # x14 conditional formats
    "{CCE6A557-97BC-4b89-ADB6-D9C93CAAB3DF}",  # x14 data validations
    "{05C60535-1F16-4fd2-B633-F4F36F0B64E0}",  # sparklines
    "{B025F937-C7B1-47D3-B67F-A62EFF666E3E}",  # a data bar rule's id
)}
_REFUSED_ELEMENTS = {b"oleObjects": "objek OLE", b"controls": "kontrol formulir",
                     b"scenarios": "skenario", b"cellWatches": "pantauan sel",
                     b"dataConsolidate": "konsolidasi data",
                     b"webPublishItems": "item publikasi web"}
_CHART_CTS = ("drawingml.chart+xml", "drawingml.chartex+xml", "chartex+xml")
_PIVOT_CACHE_CT = "pivotCacheDefinition+xml"
_MACRO_CTS = ("macrosheet+xml", "intlmacrosheet+xml")
_TABLE_CT = "spreadsheetml.table+xml"


class InsertRefused(WorkbookError):
    """Rows cannot be inserted into `sheet` without guessing; nothing was changed."""

    def __init__(self, sheet: str, reason: str) -> None:
        self.sheet, self.reason = sheet, reason
        super().__init__(f"Baris tidak dapat disisipkan di sheet {sheet}: {reason}.")


def insert_rows(pkg: Package, wb: WorkbookPart, sheet: str,
                inserts: Sequence[tuple[int, int]]) -> None:
    """Insert empty rows into `sheet`: `inserts` are (original row they go before, count),
    all in the numbering before the operation. Raises `InsertRefused` (nothing changed)."""
    shift = RowShift(inserts)
    if not shift:
        return
    try:
        changes, names = _plan(pkg, wb, sheet, shift)
    except Unshiftable as exc:
        raise InsertRefused(sheet, str(exc)) from None
    for part, data in changes.items():
        if data != pkg.read(part):
            pkg.write(part, data)
    for dn, value in names:
        dn.text = value
        wb.dirty = True
    for rel in wb.rels.items():  # Excel's calculation order lists cells by address
        if rel.get("Type") == CALC_CHAIN:
            target = wb.rels.target_part(rel)
            wb.rels.remove(rel)
            if target and pkg.has(target):
                pkg.remove(target)


def refusal(pkg: Package, wb: WorkbookPart, sheet: str,
            inserts: Sequence[tuple[int, int]]) -> str | None:
    """Why these rows could not be inserted (None: they can); nothing is changed."""
    try:
        _plan(pkg, wb, sheet, RowShift(inserts))
    except Unshiftable as exc:
        return str(exc)
    return None


def _plan(pkg: Package, wb: WorkbookPart, sheet: str, shift: RowShift
          ) -> tuple[dict[str, bytes], list[tuple[object, str]]]:
    """Every changed part's new bytes and every changed defined name (nothing written)."""
    entries = {s.name: s for s in wb.sheets()}
    entry = entries.get(sheet)
    if entry is None or entry.part is None or not pkg.has(entry.part):
        raise Unshiftable("sheet tidak ditemukan")
    own = entry.part
    changes: dict[str, bytes] = {own: _own_sheet(pkg.read(own), sheet, shift)}
    rels = Rels(pkg, own)
    for rel in rels.items():
        kind = rel.get("Type", "").rsplit("/", 1)[-1]
        if kind not in _SHEET_RELS:
            raise Unshiftable(f"sheet ini punya bagian '{kind}' yang tidak dapat digeser")
        target = rels.target_part(rel)
        if rel.get("TargetMode") == "External" or not target or not pkg.has(target):
            continue
        data = pkg.read(target)
        if kind == "drawing":
            changes[target] = _drawing(data, shift)
        elif kind in ("comments", "threadedComment"):
            changes[target] = _attrs(data, (b"ref",), shift)
        elif kind == "vmlDrawing":
            changes[target] = _vml(data, shift)
        elif kind == "table":
            data = _attrs(data, (b"ref",), shift)
            changes[target] = _formula_elements(data, sheet, sheet, shift)
    for s in entries.values():
        if s.name == sheet or s.part is None or not pkg.has(s.part):
            continue
        data = pkg.read(s.part)
        if mentions(data, sheet):
            changes[s.part] = _other_sheet(data, s.name, sheet, shift)
    for name in pkg.names():
        if name in changes:
            continue
        ct = pkg.content_type(name) or ""
        if ct.endswith(_CHART_CTS) or ct.endswith(_TABLE_CT) or ct.endswith(_MACRO_CTS):
            data = pkg.read(name)
            if not mentions(data, sheet):
                continue
            if ct.endswith(_MACRO_CTS):
                raise Unshiftable(f"lembar makro Excel 4.0 ({name}) merujuk sheet ini")
            host = None if ct.endswith(_CHART_CTS) else _table_sheet(pkg, entries, name)
            changes[name] = _formula_elements(data, host, sheet, shift,
                                              any_prefix=ct.endswith(_CHART_CTS))
        elif ct.endswith(_PIVOT_CACHE_CT):
            _check_pivot_cache(pkg.read(name), sheet)
    names = []
    for dn in wb.defined_names():
        value = dn.text or ""
        if mentions(value.encode(), sheet):
            new = shift_formula(value, None, sheet, shift)
            if new != value:
                names.append((dn, new))
    return changes, names


def _table_sheet(pkg: Package, entries: dict, table: str) -> str | None:
    for s in entries.values():
        if s.part and pkg.has(s.part):
            rels = Rels(pkg, s.part)
            if any(rels.target_part(r) == table for r in rels.items()):
                return s.name
    return None


def _check_pivot_cache(data: bytes, sheet: str) -> None:
    m = re.search(rb"<(?:\w+:)?worksheetSource\b([^>]*)>", data)
    if m is None:
        return
    attrs = m.group(1)
    src = re.search(rb'\bsheet="([^"]*)"', attrs)
    if src is None:
        raise Unshiftable("ada PivotTable yang sumber datanya sebuah nama/tabel")
    if html.unescape(src.group(1).decode()).casefold() == sheet.casefold():
        raise Unshiftable("ada PivotTable yang sumber datanya sheet ini")


# the sheet itself -----------------------------------------------------------------------------

_F = re.compile(rb"<f\b([^>]*?)(/>|>(.*?)</f>)", re.S)
_SI = re.compile(rb'\bsi="(\d+)"')
_REF_ATTR = re.compile(rb'(\sref=")([^"]*)(")')
_CELL_R = re.compile(rb'(\sr=")([A-Za-z]{1,3})(\d+)(")')
_ROW_R = re.compile(rb'(\sr=")(\d+)(")')
_EXT_URI = re.compile(rb'<(?:\w+:)?ext\b[^>]*?\buri="([^"]*)"')
_VIEWS = re.compile(rb"<sheetViews\b.*?</sheetViews>", re.S)


def _split(data: bytes) -> tuple[bytes, bytes, bytes]:
    head = SHEET_DATA.search(data)
    if head is None:
        raise Unshiftable("bagian sheet tidak punya <sheetData>")
    if head.group(1) == b"/>":
        return data[:head.end()], b"", data[head.end():]
    end = data.index(b"</sheetData>", head.end())
    return data[:head.end()], data[head.end():end], data[end:]


def _own_sheet(data: bytes, sheet: str, shift: RowShift) -> bytes:
    head, body, tail = _split(data)
    for tag, what in _REFUSED_ELEMENTS.items():
        if re.search(rb"<(?:\w+:)?" + tag + rb"\b", tail):
            raise Unshiftable(f"sheet ini memuat {what}")
    for uri in _EXT_URI.findall(tail):
        if uri.decode().casefold() not in _KNOWN_EXT:
            raise Unshiftable(f"sheet ini memuat ekstensi {uri.decode()} yang tidak dikenal")
    around = [_around(part, sheet, shift) for part in (head, tail)]
    if body:
        body = _body(body, sheet, sheet, shift, own=True)
    return around[0] + body + around[1]


def _around(data: bytes, sheet: str, shift: RowShift) -> bytes:
    """What surrounds <sheetData> in the sheet itself (the view's selection and scroll
    position are left as they are)."""
    views = _VIEWS.search(data)
    if views is not None:
        return (_around(data[:views.start()], sheet, shift) + views.group(0)
                + _around(data[views.end():], sheet, shift))
    data = _formula_elements(data, sheet, sheet, shift)
    data = _attrs(data, (b"ref", b"sqref"), shift)
    data = re.sub(rb"(<xm:sqref>)(.*?)(</xm:sqref>)",
                  lambda m: m[1] + shift_sqref(m[2].decode(), shift).encode() + m[3], data,
                  flags=re.S)
    return re.sub(rb"<rowBreaks\b.*?</rowBreaks>", lambda m: re.sub(
        rb'(<brk\b[^>]*?\sid=")(\d+)(")',
        lambda b: b[1] + str(shift.row0(int(b[2]))).encode() + b[3], m[0]), data, flags=re.S)


def _attrs(data: bytes, names: tuple[bytes, ...], shift: RowShift) -> bytes:
    pattern = re.compile(rb'(\s(?:' + b"|".join(names) + rb')=")([^"]*)(")')
    return pattern.sub(lambda m: m[1] + shift_sqref(html.unescape(m[2].decode()), shift)
                       .encode() + m[3], data)


_FORMULA_EL = re.compile(
    rb"(<(formula|formula1|formula2|xm:f|calculatedColumnFormula|totalsRowFormula)\b[^>/]*>)"
    rb"(.*?)(</\2>)", re.S)
_CFVO_VAL = re.compile(rb'(<(?:\w+:)?cfvo\b[^>]*?\sval=")([^"]*)(")')
_ANY_F = re.compile(rb"(<((?:\w+:)?f)\b[^>/]*>)(.*?)(</\2>)", re.S)


def _formula_elements(data: bytes, host: str | None, target: str, shift: RowShift,
                      any_prefix: bool = False) -> bytes:
    """Formulas outside cells: conditional formats, validations, sparklines, tables; with
    any_prefix every `<…:f>` (chart series)."""
    pattern = _ANY_F if any_prefix else _FORMULA_EL
    data = pattern.sub(lambda m: m[1] + shift_formula_xml(m[3], host, target, shift) + m[4],
                       data)
    if b"<cfvo" not in data and b":cfvo" not in data:
        return data

    def value(m: re.Match) -> bytes:  # a colour scale / data bar threshold may be a formula
        new = shift_formula_xml(m[2], host, target, shift)
        return m[0] if new is m[2] else m[1] + new.replace(b'"', b"&quot;") + m[3]
    return _CFVO_VAL.sub(value, data)


def _other_sheet(data: bytes, host: str, target: str, shift: RowShift) -> bytes:
    head, body, tail = _split(data)
    head = _formula_elements(head, host, target, shift)
    tail = _formula_elements(tail, host, target, shift)
    if body:
        body = _body(body, host, target, shift, own=False)
    return head + body + tail


def _body(body: bytes, host: str, target: str, shift: RowShift, own: bool) -> bytes:
    expand = _shared_to_expand(body, host, target, shift, own)
    new_rows = list(shift.new_rows()) if own else []
    out: list[bytes] = []
    pos, prev, k = 0, 0, 0
    above: dict[int, bytes] = {}  # original row number -> its xml, for the row above an insert
    wanted = {b for b, _, _ in new_rows}
    for m in ROW.finditer(body):
        numbered = attr_row(m.group(1))
        r = numbered or prev + 1
        prev = r
        if own and numbered is None and r >= shift.first:
            raise Unshiftable(f"baris {r} tidak bernomor (atribut r)")
        while k < len(new_rows) and new_rows[k][0] <= r:
            out.append(body[pos:m.start()])
            pos = m.start()
            out.append(_new_row(new_rows[k][1], above.get(new_rows[k][2])))
            k += 1
        if own and r + 1 in wanted:
            above[r] = m.group(0)
        moved = shift.row(r) if own else r
        if moved == r and b"<f" not in m.group(0):
            continue
        out.append(body[pos:m.start()])
        out.append(_row(m, r, moved, host, target, shift, own, expand))
        pos = m.end()
    out.append(body[pos:])
    while k < len(new_rows):
        out.append(_new_row(new_rows[k][1], above.get(new_rows[k][2])))
        k += 1
    return b"".join(out)


def _new_row(r: int, above: bytes | None) -> bytes:
    """An empty row with the style of the row above (row format and each cell's format)."""
    attrs = b""
    cells = b""
    if above is not None:
        open_tag = above[:above.index(b">") + 1]
        for name in (b"spans", b"s", b"customFormat"):
            found = re.search(rb'\s' + name + rb'="[^"]*"', open_tag)
            if found:
                attrs += found.group(0)
        for cm in CELL.finditer(above):
            s = style_of(cm.group(1))
            _, c = cell_ref(cm.group(1))
            if s and c:
                cells += f'<c r="{col_letters(c)}{r}" s="{s}"/>'.encode()
    if not cells:
        return f'<row r="{r}"'.encode() + attrs + b"/>"
    return f'<row r="{r}"'.encode() + attrs + b">" + cells + b"</row>"


def _row(m: re.Match, r: int, moved: int, host: str, target: str, shift: RowShift,
         own: bool, expand: dict[tuple[int, int], str]) -> bytes:
    xml = m.group(0)
    open_end = xml.index(b">") + 1
    open_tag, inner = xml[:open_end], xml[open_end:]
    if moved != r:
        open_tag = _ROW_R.sub(lambda x: x[1] + str(moved).encode() + x[3], open_tag, count=1)
    return open_tag + CELL.sub(lambda cm: _cell(cm, r, moved, host, target, shift, own, expand),
                               inner)


def _cell(cm: re.Match, r: int, moved: int, host: str, target: str, shift: RowShift,
          own: bool, expand: dict[tuple[int, int], str]) -> bytes:
    xml = cm.group(0)
    row, col = cell_ref(cm.group(1))
    if own and (row is None or col is None):
        raise Unshiftable(f"sel tanpa alamat di baris {r}")
    if moved != r:
        xml = _CELL_R.sub(lambda x: x[1] + x[2] + str(moved).encode() + x[4], xml, count=1)
    if b"<f" not in xml:
        return xml
    fm = _F.search(xml)
    if fm is None:
        return xml
    attrs, text = fm.group(1), fm.group(3)
    if own and b"dataTable" in attrs:
        raise Unshiftable("sheet memuat tabel data (What-If Analysis)")
    if (r, col or 0) in expand:
        new = b"<f>" + escape_formula(expand[(r, col or 0)]) + b"</f>"
    elif not own and (text is None or not mentions(text, target)):
        return xml
    else:
        if own:
            attrs = _REF_ATTR.sub(lambda x: x[1] + shift_sqref(x[2].decode(), shift).encode()
                                  + x[3], attrs)
        if text is None:
            new = b"<f" + attrs + b"/>"
        else:
            new = b"<f" + attrs + b">" + shift_formula_xml(text, host, target, shift) + b"</f>"
    return xml[:fm.start()] + new + xml[fm.end():]


def _translate(formula: str, r: int, c: int, to_r: int, to_c: int) -> str:
    try:
        return Translator("=" + formula, origin=f"{col_letters(c)}{r}").translate_formula(
            f"{col_letters(to_c)}{to_r}")[1:]
    except (TranslatorError, ValueError, IndexError) as exc:
        raise Unshiftable(f"rumus bersama '{formula[:60]}' tidak dapat dibaca") from exc


def _shared_to_expand(body: bytes, host: str, target: str, shift: RowShift, own: bool
                      ) -> dict[tuple[int, int], str]:
    """Shared formulas (Excel's fill-down) whose cells would no longer follow their master
    once rows move (e.g. a reference that crosses the insert point for some cells only): each
    of their cells gets its own formula, the way Excel writes them out after an insert."""
    if b'"shared"' not in body:
        return {}
    masters: dict[bytes, tuple[int, int, str]] = {}
    members: dict[bytes, list[tuple[int, int]]] = {}
    for cm in CELL.finditer(body):
        inner = cm.group(2)
        if not inner or b't="shared"' not in inner:
            continue
        fm = _F.search(inner)
        si = _SI.search(fm.group(1)) if fm else None
        row, col = cell_ref(cm.group(1))
        if fm is None or si is None or row is None or col is None:
            raise Unshiftable("rumus bersama tanpa alamat sel")
        members.setdefault(si.group(1), []).append((row, col))
        if fm.group(3):
            masters[si.group(1)] = (row, col, html.unescape(fm.group(3).decode()))
    new_row: Callable[[int], int] = shift.row if own else (lambda x: x)
    expand: dict[tuple[int, int], str] = {}
    for si, (mr, mc, text) in masters.items():
        if not own and target.casefold() not in text.casefold():
            continue
        master = shift_formula(text, host, target, shift)
        written: dict[tuple[int, int], str] = {}
        uniform = True
        for r, c in members[si]:
            here = shift_formula(_translate(text, mr, mc, r, c), host, target, shift)
            written[(r, c)] = here
            if uniform and _translate(master, new_row(mr), mc, new_row(r), c) != _translate(
                    here, new_row(r), c, new_row(r), c):
                uniform = False
        if not uniform:
            expand.update(written)
    return expand


# parts of the sheet --------------------------------------------------------------------------

_ANCHOR = re.compile(rb"<(\w+:|)(twoCellAnchor|oneCellAnchor)\b([^>]*)>(.*?)</\1\2>", re.S)


def _anchor_row(body: bytes, prefix: bytes, end: bytes) -> re.Match | None:
    return re.search(rb"(<" + prefix + end + rb">.*?<" + prefix + rb"row>)(\d+)(</" + prefix
                     + rb"row>)", body, re.S)


def _drawing(data: bytes, shift: RowShift) -> bytes:
    """Anchors of pictures, shapes and charts: 'move and size with cells' (twoCell) move
    each edge, 'move but don't size' (oneCell) move as a whole; an absolutely placed object
    below the insert point is refused (its cells depend on row heights)."""
    def anchor(m: re.Match) -> bytes:
        prefix, kind, attrs, body = m.group(1), m.group(2), m.group(3), m.group(4)
        frm = _anchor_row(body, prefix, b"from")
        if frm is None:
            return m.group(0)
        old_from = int(frm.group(2))
        new_from = shift.row0(old_from)
        edits = [(frm, new_from)]
        to = _anchor_row(body, prefix, b"to") if kind == b"twoCellAnchor" else None
        if to is not None:
            old_to = int(to.group(2))
            mode = re.search(rb'editAs="(\w+)"', attrs)
            mode_name = mode.group(1) if mode else b"twoCell"
            if mode_name == b"absolute":
                if shift.row0(old_to) != old_to:
                    raise Unshiftable("ada gambar/objek berposisi absolut di bawah baris "
                                      "yang disisipkan")
                return m.group(0)
            new_to = old_to + new_from - old_from if mode_name == b"oneCell" else \
                shift.row0(old_to)
            edits.append((to, new_to))
        for found, value in sorted(edits, key=lambda e: -e[0].start()):
            body = body[:found.start(2)] + str(value).encode() + body[found.end(2):]
        head = m.group(0)[:m.start(4) - m.start()]
        return head + body + m.group(0)[m.end(4) - m.start():]
    return _ANCHOR.sub(anchor, data)


def _vml(data: bytes, shift: RowShift) -> bytes:
    """Legacy note boxes: the note's row and the box's anchor rows."""
    def client(m: re.Match) -> bytes:
        block = re.sub(rb"(<x:Row>)\s*(\d+)\s*(</x:Row>)",
                       lambda x: x[1] + str(shift.row0(int(x[2]))).encode() + x[3], m.group(0))

        def anchor(x: re.Match) -> bytes:
            values = [v.strip() for v in x[2].decode().split(",")]
            if len(values) != 8 or not all(v.isdigit() for v in values):
                raise Unshiftable("posisi kotak catatan (VML) tidak dapat dibaca")
            for i in (2, 6):
                values[i] = str(shift.row0(int(values[i])))
            return x[1] + ", ".join(values).encode() + x[3]
        return re.sub(rb"(<x:Anchor>)(.*?)(</x:Anchor>)", anchor, block, flags=re.S)
    return re.sub(rb"<x:ClientData\b.*?</x:ClientData>", client, data, flags=re.S)


__all__ = ["InsertRefused", "insert_rows", "refusal", "shift_area"]
