"""Generated sheets: drawn by openpyxl into a scratch workbook, then moved into the user's
package part by part.

The scratch sheet's cell formats are appended to the user's styles (found again on reruns),
its shared strings become inline strings (the user's shared-string table is never touched),
and its drawing and chart parts are copied under fresh names with their relationships.
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
from ..xlsx.apply import replace_sheet
from ..xlsx.render import render_sheet
from . import xml
from .cells import cell_ref, cell_xml, col_letters, read_value
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


def _draw_generated(wb: Workbook, gen: GeneratedSheet) -> None:
    """A simple generated sheet (Laporan Validasi), its text kept as text (openpyxl would
    store a message starting with '=' as a formula)."""
    ws = replace_sheet(wb, gen)
    for row in ws.iter_rows():
        for cell in row:
            if cell.data_type == "f" and isinstance(cell.value, str):
                cell.data_type = "s"


def render_scratch(specs: Sequence[SheetSpec], generated: Sequence[GeneratedSheet]) -> bytes:
    """The sheets drawn into a new workbook, saved to bytes."""
    wb = Workbook()
    wb.remove(wb.active)
    for spec in specs:
        render_sheet(wb, spec)
    for gen in generated:
        _draw_generated(wb, gen)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


_C_STYLE = re.compile(rb'(<c\b[^>]*?\bs=")(\d+)(")')
_ROW_STYLE = re.compile(rb'(<row\b[^>]*?\bs=")(\d+)(")')
_COL_STYLE = re.compile(rb'(<col\b[^>]*?\bstyle=")(\d+)(")')
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
