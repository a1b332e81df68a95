"""The styles part, changed only by appending: fonts, fills, borders, number formats, cell
formats (xfs) and differential formats (dxfs) the product needs are added at the end (or
found among what is there, so reruns do not grow the file); nothing is renumbered."""

from __future__ import annotations

from openpyxl.styles.numbers import BUILTIN_FORMATS, is_date_format

from . import xml
from .parts import Package
from .workbook import WorkbookPart
from .xml import M

STYLES_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles"
_BUILTIN_IDS = {code: i for i, code in BUILTIN_FORMATS.items()}


def _key(el: xml.etree._Element) -> tuple:
    """A comparable form of an element (tag, attributes, text, children)."""
    return (el.tag, tuple(sorted(el.attrib.items())), (el.text or "").strip(),
            tuple(_key(c) for c in el if isinstance(c.tag, str)))


class Styles:
    def __init__(self, pkg: Package, wb: WorkbookPart) -> None:
        self.pkg = pkg
        self.part = next((wb.rels.target_part(r) for r in wb.rels.items()
                          if r.get("Type") == STYLES_REL), None)
        if self.part and pkg.has(self.part):
            self.root = xml.parse(pkg.read(self.part), self.part)
        else:  # a package without styles: make the minimal one
            self.root = xml.parse(_MINIMAL, "styles")
            self.part = "xl/styles.xml"
            wb.rels.add(STYLES_REL, self.part)
            self.pkg.write(self.part, b"", "application/vnd.openxmlformats-officedocument."
                                           "spreadsheetml.styles+xml")
            self.dirty_new = True
        self.dirty = False
        self._lists: dict[str, xml.etree._Element] = {}
        self._index: dict[str, dict[tuple, int]] = {}
        self._date: dict[int, bool] = {}

    # collections ---------------------------------------------------------------------------
    _ORDER = ("numFmts", "fonts", "fills", "borders", "cellStyleXfs", "cellXfs", "cellStyles",
              "dxfs", "tableStyles", "colors", "extLst")

    def _list(self, tag: str) -> xml.etree._Element:
        if tag in self._lists:
            return self._lists[tag]
        el = self.root.find(f"{M}{tag}")
        if el is None:
            el = xml.etree.Element(f"{M}{tag}")
            pos = self._ORDER.index(tag)
            before = next((self.root.find(f"{M}{t}") for t in self._ORDER[pos + 1:]
                           if self.root.find(f"{M}{t}") is not None), None)
            if before is not None:
                before.addprevious(el)
            else:
                self.root.append(el)
        self._lists[tag] = el
        return el

    def _items(self, tag: str) -> list[xml.etree._Element]:
        return [c for c in self._list(tag) if isinstance(c.tag, str)]

    def _append(self, tag: str, item: xml.etree._Element) -> int:
        """Index of an equal existing item, else append item; counts kept right."""
        index = self._index.get(tag)
        if index is None:
            index = {}
            for i, c in enumerate(self._items(tag)):
                index.setdefault(_key(c), i)
            self._index[tag] = index
        key = _key(item)
        if key in index:
            return index[key]
        parent = self._list(tag)
        parent.append(item)
        n = len(self._items(tag))
        parent.set("count", str(n))
        index[key] = n - 1
        self.dirty = True
        return n - 1

    def xf(self, s: int) -> xml.etree._Element | None:
        items = self._items("cellXfs")
        return items[s] if 0 <= s < len(items) else None

    # number formats --------------------------------------------------------------------------
    def num_fmt_id(self, code: str) -> int:
        if code in _BUILTIN_IDS:
            return _BUILTIN_IDS[code]
        fmts = self._items("numFmts")
        for f in fmts:
            if f.get("formatCode") == code:
                return int(f.get("numFmtId", "0"))
        new_id = max([163, *(int(f.get("numFmtId", "0")) for f in fmts)]) + 1
        el = xml.etree.Element(f"{M}numFmt")
        el.set("numFmtId", str(new_id))
        el.set("formatCode", code)
        self._list("numFmts").append(el)
        self._list("numFmts").set("count", str(len(fmts) + 1))
        self.dirty = True
        return new_id

    def num_fmt_code(self, fmt_id: int) -> str | None:
        if fmt_id in BUILTIN_FORMATS:
            return BUILTIN_FORMATS[fmt_id]
        for f in self._items("numFmts"):
            if f.get("numFmtId") == str(fmt_id):
                return f.get("formatCode")
        return None

    date1904 = False  # the workbook counts dates from 1904 (old Mac Excel): set by the reader

    def is_date(self, s: int) -> bool:
        """Does cell format s show a date (so the number in the cell is a date serial)?"""
        if s not in self._date:
            xf = self.xf(s)
            fmt_id = int(xf.get("numFmtId", "0")) if xf is not None else 0
            code = self.num_fmt_code(fmt_id)
            self._date[s] = fmt_id in range(14, 23) or (
                fmt_id >= 164 and code is not None and is_date_format(code))
        return self._date[s]

    # cell formats ------------------------------------------------------------------------------
    def with_number_format(self, s: int, code: str) -> int:
        """A cell format like s but showing numbers as code (s itself when it already does)."""
        base = self.xf(s)
        fmt_id = self.num_fmt_id(code)
        if base is not None and base.get("numFmtId") == str(fmt_id):
            return s
        xf = _copy(base) if base is not None else _new_xf()
        xf.set("numFmtId", str(fmt_id))
        xf.set("applyNumberFormat", "1")
        return self._append("cellXfs", xf)

    def add_xf(self, xf: xml.etree._Element, font: xml.etree._Element | None,
               fill: xml.etree._Element | None, border: xml.etree._Element | None,
               num_fmt: str | None) -> int:
        """Append a cell format taken from another package (with its font/fill/border/format
        appended too); returns its index here."""
        xf = _copy(xf)
        for attr, tag, item in (("fontId", "fonts", font), ("fillId", "fills", fill),
                                ("borderId", "borders", border)):
            if item is not None:
                xf.set(attr, str(self._append(tag, _copy(item))))
            else:
                xf.set(attr, "0")
        xf.set("numFmtId", str(self.num_fmt_id(num_fmt)) if num_fmt else "0")
        xf.set("xfId", "0")
        return self._append("cellXfs", xf)

    def add_dxf(self, dxf: xml.etree._Element) -> int:
        return self._append("dxfs", _copy(dxf))

    def dxf(self, i: int) -> xml.etree._Element | None:
        items = self._items("dxfs")
        return items[i] if 0 <= i < len(items) else None

    def save(self) -> None:
        if self.dirty or getattr(self, "dirty_new", False):
            self.pkg.write(self.part, xml.serialize(self.root))
            self.dirty = self.dirty_new = False


def _copy(el: xml.etree._Element) -> xml.etree._Element:
    """A detached copy of an element, in the main namespace of the target."""
    return xml.etree.fromstring(xml.etree.tostring(el))


def _new_xf() -> xml.etree._Element:
    xf = xml.etree.Element(f"{M}xf")
    for attr in ("numFmtId", "fontId", "fillId", "borderId", "xfId"):
        xf.set(attr, "0")
    return xf


_MINIMAL = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            b'<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
            b'<fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>'
            b'<fills count="2"><fill><patternFill patternType="none"/></fill><fill>'
            b'<patternFill patternType="gray125"/></fill></fills><borders count="1"><border>'
            b'<left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs '
            b'count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
            b'<cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
            b'</cellXfs></styleSheet>')
