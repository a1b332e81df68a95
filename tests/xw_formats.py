"""A format model of one sheet, built from the actions xlwings' remote engine records (what the
JavaScript client would apply): per-cell font attributes, fill, alignment, wrap, indent, number
format, merges, border lines and row heights, including `copyRange` (a copy brings every
format, merges and the cells' own border lines, within a sheet or into another; `BookFormats`
follows the whole book). Used to check that drawing a SheetSpec on the ribbon path gives
the formats the spec asks for."""

from __future__ import annotations

from copy import deepcopy
from dataclasses import dataclass, field
from typing import Any

from openpyxl.utils.cell import range_boundaries

Cell = tuple[int, int]
Line = tuple[str, int, int]  # ("h", boundary row, col) or ("v", row, boundary col)


@dataclass
class SheetFormats:
    attrs: dict[Cell, dict[str, Any]] = field(default_factory=dict)
    lines: set[Line] = field(default_factory=set)
    merges: set[tuple[int, int, int, int]] = field(default_factory=set)
    heights: dict[int, float] = field(default_factory=dict)

    @classmethod
    def of_worksheet(cls, ws: Any) -> SheetFormats:
        """The formats an openpyxl worksheet holds (a sheet of the file, such as the
        template's model sheets that a click copies from), in the model's terms."""
        out = cls()
        for row in ws.iter_rows():
            for c in row:
                if not c.has_style:
                    continue
                attrs = out.attrs.setdefault((c.row, c.column), {})
                f, a = c.font, c.alignment
                attrs.update(font_name=f.name, font_size=f.sz, font_bold=bool(f.b),
                             font_italic=bool(f.i))
                if f.color is not None and isinstance(f.color.rgb, str):
                    attrs["font_color"] = "#" + f.color.rgb[-6:]
                if c.fill.fill_type == "solid":
                    attrs["fill"] = "#" + c.fill.fgColor.rgb[-6:]
                for key, value in (("align", a.horizontal), ("valign", a.vertical)):
                    if value:
                        attrs[key] = value.capitalize()
                if a.wrap_text:
                    attrs["wrap"] = True
                if a.indent:
                    attrs["indent"] = a.indent
                if c.number_format != "General":
                    attrs["number_format"] = c.number_format
                b = c.border
                for side, line in ((b.top, ("h", c.row, c.column)),
                                   (b.bottom, ("h", c.row + 1, c.column)),
                                   (b.left, ("v", c.row, c.column)),
                                   (b.right, ("v", c.row, c.column + 1))):
                    if side is not None and side.style:
                        out.lines.add(line)
        out.merges = {(r.min_row, r.min_col, r.max_row, r.max_col)
                      for r in ws.merged_cells.ranges}
        for r1, c1, r2, c2 in out.merges:  # a merged cell shows its top-left cell's fill
            fill = out.attrs.get((r1, c1), {}).get("fill")
            for r in range(r1, r2 + 1):
                for col in range(c1, c2 + 1):
                    cell = out.attrs.setdefault((r, col), {})
                    if fill:
                        cell["fill"] = fill
                    else:
                        cell.pop("fill", None)
        out.heights = {r: d.height for r, d in ws.row_dimensions.items() if d.height}
        return out

    def run(self, acts: list[dict[str, Any]], position: int) -> SheetFormats:
        for a in acts:
            if a.get("sheet_position") == position and a.get("start_row") is not None:
                getattr(self, "_" + a["func"], lambda a: None)(a)
            elif a.get("sheet_position") == position and a["func"] == "copyRange":
                self._copyRange(a)
        return self

    @staticmethod
    def _cells(a: dict[str, Any]) -> tuple[int, int, int, int]:
        r1, c1 = a["start_row"] + 1, a["start_column"] + 1
        return r1, c1, r1 + a["row_count"] - 1, c1 + a["column_count"] - 1

    def _set(self, a: dict[str, Any], key: str, value: Any) -> None:
        r1, c1, r2, c2 = self._cells(a)
        for r in range(r1, r2 + 1):
            for c in range(c1, c2 + 1):
                self.attrs.setdefault((r, c), {})[key] = value

    def _setFontProperty(self, a: dict[str, Any]) -> None:
        self._set(a, "font_" + a["args"][0], a["args"][1])

    def _setRangeColor(self, a: dict[str, Any]) -> None:
        self._set(a, "fill", a["args"][0])

    def _setHorizontalAlignment(self, a: dict[str, Any]) -> None:
        self._set(a, "align", a["args"][0])

    def _setVerticalAlignment(self, a: dict[str, Any]) -> None:
        self._set(a, "valign", a["args"][0])

    def _setWrapText(self, a: dict[str, Any]) -> None:
        self._set(a, "wrap", a["args"][0])

    def _setNumberFormat(self, a: dict[str, Any]) -> None:
        self._set(a, "number_format", a["args"][0])

    def _rangeUnmerge(self, a: dict[str, Any]) -> None:
        r1, c1, r2, c2 = self._cells(a)
        self.merges = {m for m in self.merges
                       if m[2] < r1 or m[0] > r2 or m[3] < c1 or m[1] > c2}

    def _rangeClear(self, a: dict[str, Any]) -> None:
        """Formats of the cells go, with the lines inside the range and on its bottom and right
        edges. A line on the top or left edge may be the bottom or right border of a cell
        outside (Excel keeps a border with the cell it was set on): the model keeps it, unless
        the edge is the sheet's own (row 1, column A)."""
        r1, c1, r2, c2 = self._cells(a)
        for r in range(r1, r2 + 1):
            for c in range(c1, c2 + 1):
                self.attrs.pop((r, c), None)
        self.lines = {(k, r, c) for k, r, c in self.lines
                      if not (k == "h" and r1 - (r1 == 1) < r <= r2 + 1 and c1 <= c <= c2)
                      and not (k == "v" and r1 <= r <= r2 and c1 - (c1 == 1) < c <= c2 + 1)}

    _rangeClearFormats = _rangeClear

    def _setRowHeight(self, a: dict[str, Any]) -> None:
        r1, _, r2, _ = self._cells(a)
        for r in range(r1, r2 + 1):
            self.heights[r] = a["args"][0]

    def _rangeAdjustIndent(self, a: dict[str, Any]) -> None:
        r1, c1, r2, c2 = self._cells(a)
        for r in range(r1, r2 + 1):
            for c in range(c1, c2 + 1):
                cell = self.attrs.setdefault((r, c), {})
                cell["indent"] = cell.get("indent", 0) + a["args"][0]

    def _rangeMerge(self, a: dict[str, Any]) -> None:
        r1, c1, r2, c2 = self._cells(a)
        if a["args"][0]:
            self.merges |= {(r, c1, r, c2) for r in range(r1, r2 + 1)}
        else:
            self.merges.add((r1, c1, r2, c2))

    def _setBorderProperty(self, a: dict[str, Any]) -> None:
        side, attribute, value = a["args"]
        assert attribute == "line_style" and value == "continuous", a["args"]
        r1, c1, r2, c2 = self._cells(a)
        cols, rows = range(c1, c2 + 1), range(r1, r2 + 1)
        new: set[Line] = set()
        if side == "edge_top":
            new = {("h", r1, c) for c in cols}
        elif side == "edge_bottom":
            new = {("h", r2 + 1, c) for c in cols}
        elif side == "edge_left":
            new = {("v", r, c1) for r in rows}
        elif side == "edge_right":
            new = {("v", r, c2 + 1) for r in rows}
        elif side == "inside_horizontal":
            new = {("h", r, c) for r in range(r1 + 1, r2 + 1) for c in cols}
        elif side == "inside_vertical":
            new = {("v", r, c) for r in rows for c in range(c1 + 1, c2 + 1)}
        self.lines |= new

    def _copyRange(self, a: dict[str, Any]) -> None:
        self.paste(self, a)

    def paste(self, source: SheetFormats, a: dict[str, Any]) -> None:
        """copyRange from source (this sheet or another) into this sheet. A destination that
        is an exact multiple of the source's size is filled with it again and again (Excel's
        paste; Office.js `copyFrom` does the same, OfficeDev/office-js#2674), otherwise the
        source lands once at its top-left cell. A copy of entire rows (every column) brings
        the rows' heights. A destination merge cut by the paste area is an error in Excel."""
        sr1, sc1, sr2, sc2 = self._cells(a)
        min_col, min_row, max_col, max_row = range_boundaries(a["args"][1].replace("$", ""))
        h, w = sr2 - sr1 + 1, sc2 - sc1 + 1
        dh, dw = max_row - min_row + 1, max_col - min_col + 1
        tiles_r = dh // h if dh % h == 0 else 1
        tiles_c = dw // w if dw % w == 0 else 1
        area = (min_row, min_col, min_row + h * tiles_r - 1, min_col + w * tiles_c - 1)
        for m in self.merges:
            inside = area[0] <= m[0] and m[2] <= area[2] and area[1] <= m[1] and m[3] <= area[3]
            apart = m[2] < area[0] or m[0] > area[2] or m[3] < area[1] or m[1] > area[3]
            assert inside or apart, ("a paste cuts a merged cell", m, area)
        cells = {(r, c): dict(v) for (r, c), v in source.attrs.items()
                 if sr1 <= r <= sr2 and sc1 <= c <= sc2}
        lines = [(kind, r, c) for kind, r, c in source.lines
                 if sr1 <= r <= sr2 + (kind == "h") and sc1 <= c <= sc2 + (kind == "v")]
        merges = [m for m in source.merges
                  if sr1 <= m[0] and m[2] <= sr2 and sc1 <= m[1] and m[3] <= sc2]
        heights = {r: source.heights.get(r) for r in range(sr1, sr2 + 1)}
        whole = sc1 == 1 and sc2 == 16384
        for tr in range(tiles_r):
            for tc in range(tiles_c):
                dr, dc = min_row + tr * h - sr1, min_col + tc * w - sc1
                for r in range(sr1, sr2 + 1):  # the destination's formats are replaced
                    for c in range(sc1, min(sc2, 64) + 1):
                        self.attrs.pop((r + dr, c + dc), None)
                for (r, c), attrs in cells.items():
                    self.attrs[(r + dr, c + dc)] = dict(attrs)
                for kind, r, c in lines:
                    self.lines.add((kind, r + dr, c + dc))
                self.merges = {m for m in self.merges
                               if not (min_row + tr * h <= m[0] <= min_row + tr * h + h - 1)
                               or m[1] > sc2 + dc or m[3] < sc1 + dc}
                for m in merges:
                    self.merges.add((m[0] + dr, m[1] + dc, m[2] + dr, m[3] + dc))
                if whole:
                    for r, height in heights.items():
                        if height is None:
                            self.heights.pop(r + dr, None)
                        else:
                            self.heights[r + dr] = height


@dataclass
class BookFormats:
    """Format models of every sheet of a book, by the sheet order the actions leave: follows
    added, deleted, renamed and copied sheets (a copy has every format of its source), and
    range copies from one sheet into another."""

    sheets: list[SheetFormats]
    names: list[str]

    @classmethod
    def of(cls, names: list[str], known: dict[str, SheetFormats] | None = None) -> BookFormats:
        """Sheets without formats, but for those whose formats are `known`."""
        known = known or {}
        return cls([deepcopy(known.get(n, SheetFormats())) for n in names], list(names))

    def sheet(self, name: str) -> SheetFormats:
        return self.sheets[self.names.index(name)]

    def run(self, acts: list[dict[str, Any]]) -> BookFormats:
        for a in acts:
            func, pos = a["func"], a.get("sheet_position")
            if func == "addSheet":
                self.sheets.insert(a["args"][0], SheetFormats())
                self.names.insert(a["args"][0], a["args"][1])
            elif func == "copySheet":  # args: "Before"/"After", target index, name
                where = a["args"][1] + (a["args"][0] == "After")
                self.sheets.insert(where, deepcopy(self.sheets[pos]))
                self.names.insert(where, a["args"][2])
            elif func == "sheetDelete":
                del self.sheets[pos], self.names[pos]
            elif func == "setSheetName":
                self.names[pos] = a["args"][0]
            elif func == "copyRange" and a["args"][0] != pos:
                self._copy_across(a)
            elif pos is not None and a.get("start_row") is not None:
                self.sheets[pos].run([a], pos)
        return self

    def _copy_across(self, a: dict[str, Any]) -> None:
        self.sheets[a["args"][0]].paste(self.sheets[a["sheet_position"]], a)
