"""The Pohon Kinerja sheets as `SheetSpec`s (pure: no spreadsheet library here).

Each node is a box of five merged cells stacked in one column band (level and Kode, uraian,
indicators with target, penanggung jawab, capaian coloured by predikat); connectors are thin
cell borders. Everything is native sheet content, so the diagram prints, can be edited, and is
drawn the same way by openpyxl (files) and xlwings (live Excel). Layout rules: `tree.py`.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ..core.capaian import predikat
from ..core.compute import Computation, compute
from ..core.contract import DEFAULT_BANDS, Level
from ..core.grid import Grid
from ..core.model import Indicator, Node, Plan
from ..core.sheetspec import PrintSpec, SheetSpec, Style
from . import text as tx
from .palette import (
    CONTEXT_FILL,
    ERROR_FONT,
    FONT,
    LEVEL_FILL,
    LEVEL_TINT,
    NO_CAPAIAN_FILL,
    PREDIKAT_FILL,
    predikat_fill,
)
from .tree import (
    STACK_INDENT,
    STACK_TIER,
    Page,
    Placed,
    Placement,
    build_forest,
    paginate,
    place,
)

SHEET = "Pohon Kinerja"
SHEET_PATTERN = re.compile(r"^Pohon Kinerja( \d+)?$")  # every sheet this module owns
MAX_BANDS = 10  # column bands per sheet: about 45 mm each on A3 landscape at ~85 % zoom
BOX_UNITS = 10  # box width in unit columns (even: the connector sits on its middle)
GAP_UNITS = 2
UNIT_WIDTH = 2.0  # width of a unit column, in Excel characters
LABEL_WIDTH = 11.0  # column A: the level names
FIRST_UNIT_COL = 3  # column A labels, column B a spacer
LEGEND_UNITS = 8
MIN_UNITS = 3 * LEGEND_UNITS  # narrow trees still get room for the title and legend
FIRST_TIER_ROW = 5  # rows 1-3: title, subtitle, legend; row 4: air
BOX_ROWS = 5  # head, uraian, indicators, penanggung jawab, capaian
CONNECTOR_HEIGHT = 9.0
GAP_HEIGHT = 7.0
_A3_LANDSCAPE_PT = (42.0 * 72 / 2.54, 29.7 * 72 / 2.54)
_MARGINS_CM = (1.0, 1.0, 1.0, 1.0)
MIN_SCALE = 70  # never shrink a page below this zoom to save a page break
_SAFETY = 0.96  # Excel and LibreOffice measure columns slightly differently

_LEGEND_ITEMS = len(DEFAULT_BANDS) + 2  # a line per band, the lowest "<" band, "Belum ada"
_EDGE_STYLE = {frozenset({"left"}): Style(border="left"),
               frozenset({"bottom"}): Style(border="bottom"),
               frozenset({"left", "bottom"}): Style(border="left_bottom")}
_INDENT_CHARS = (0, 0, 2, 0, 0)  # the indicator list is indented one step
# (font size, bold) of the five box rows
_FONTS = ((7.5, True), (8.5, True), (7.5, False), (7.5, False), (8.0, True))


def _s(**style: Any) -> Style:
    """A style in the drawing font."""
    return Style(font=FONT, **style)


def sheet_name(page: int) -> str:
    """'Pohon Kinerja', 'Pohon Kinerja 2', … (page counts from 1)."""
    return SHEET if page == 1 else f"{SHEET} {page}"


@dataclass(frozen=True)
class Box:
    """Where one node's box sits on its sheet (rows x cols from the top-left cell)."""

    node: Node
    row: int
    col: int
    rows: int
    cols: int
    repeated: bool = False

    def overlaps(self, other: Box) -> bool:
        return (self.row < other.row + other.rows and other.row < self.row + self.rows
                and self.col < other.col + other.cols and other.col < self.col + self.cols)


@dataclass
class PohonPage:
    spec: SheetSpec
    boxes: list[Box]


def pohon_specs(source: Computation | Mapping[str, Grid],
                max_bands: int = MAX_BANDS) -> list[SheetSpec]:
    """The Pohon Kinerja sheet(s) of a computed workbook (or of its grids, computed here)."""
    return [p.spec for p in pohon_pages(source, max_bands)]


def pohon_pages(source: Computation | Mapping[str, Grid],
                max_bands: int = MAX_BANDS) -> list[PohonPage]:
    """Like `pohon_specs`, with the geometry of every box (for checks and tests)."""
    comp = source if isinstance(source, Computation) else compute(source)
    pages = paginate(build_forest(comp.read.plan), max_bands)
    if not pages:
        return [_empty(comp)]
    return [_Page(comp, page, i, len(pages)).build() for i, page in enumerate(pages, 1)]


def _empty(comp: Computation) -> PohonPage:
    spec = SheetSpec(SHEET, print=PrintSpec("landscape", "A3"))
    spec.put(1, 1, _title(comp.read.plan), _s(bold=True, size=14))
    spec.put(3, 1, "Belum ada node. Isi sheet Tujuan, Sasaran, Program, Kegiatan dan Sub "
             "Kegiatan, lalu buat Pohon Kinerja lagi.", _s(italic=True))
    spec.widths[1] = 100
    return PohonPage(spec, [])


def _title(plan: Plan) -> str:
    s = plan.settings
    parts = ["POHON KINERJA"]
    if s.nama_instansi:
        parts.append(s.nama_instansi.upper())
    if s.tahun:
        parts.append(f"TAHUN {s.tahun}")
    return " ".join(parts)


def _target(ind: Indicator) -> str:
    if ind.target is not None and not ind.target_is_text:
        value = str(ind.target)
    else:
        value = ind.target_text or "-"
    unit = ind.satuan.strip()
    if not unit or value.casefold().endswith(unit.casefold()):
        return value
    return f"{value}{unit}" if unit == "%" else f"{value} {unit}"


def _band(value: float) -> str:
    return tx.number(value, 0 if float(value).is_integer() else 2)


class _Page:
    """One sheet of the diagram: placement -> rows and columns -> cells."""

    def __init__(self, comp: Computation, page: Page, number: int, pages: int):
        self.comp, self.parts, self.page, self.pages = comp, page.parts, number, pages
        self.plan = comp.read.plan
        self.placed: Placed = place(page.forest, BOX_UNITS, GAP_UNITS)
        self.units = max(self.placed.units, MIN_UNITS)
        self.last_col = FIRST_UNIT_COL + self.units  # one spacer column on the right
        self.spec = SheetSpec(sheet_name(number), tab_color="548235")
        self.tier_row: dict[int, int] = {}
        self.connector_rows: dict[int, tuple[int, int]] = {}
        self.blocks: list[tuple[int, int]] = []  # (first row, last row) kept on one page
        legend_rows = math.ceil(_LEGEND_ITEMS / self.legend_per_row())
        self.first_row = FIRST_TIER_ROW + legend_rows - 1  # a narrow page stacks its legend

    # content ----------------------------------------------------------------------------------
    def sections(self, p: Placement) -> list[tuple[str, Style]]:
        t, node = p.tree, p.tree.node
        fill, font = CONTEXT_FILL if t.repeated else LEVEL_FILL[node.level]
        head = f"{node.level.sheet.upper()} · {node.code}"
        if t.repeated:
            head += " (lanjutan)"
        if t.orphan:
            head += f" · induk '{node.parent_code}' tidak ditemukan"
        inds = "\n".join(f"• {i.name}: {_target(i)}" for i in node.indicators) or "• -"
        official = self.plan.officials.get(node.pic)
        pj = official.jabatan if official and official.jabatan else (node.pic or "-")
        cap, cap_fill = self.capaian(node)
        grey = "808080" if t.repeated else None
        return [
            (head, _s(bold=True, size=_FONTS[0][0], color=ERROR_FONT if t.orphan else font,
                         fill="FFE0E0" if t.orphan else fill, align="center",
                         valign="center", wrap=True, border="box")),
            (node.uraian or "(uraian kosong)",
             _s(bold=True, size=_FONTS[1][0], color=grey, wrap=True, align="center",
                   valign="center", border="box")),
            (inds, _s(size=_FONTS[2][0], color=grey, wrap=True, valign="top", border="box",
                      indent=1)),
            (f"PJ: {pj}", _s(italic=True, size=_FONTS[3][0], color=grey, wrap=True,
                                align="center", valign="center", border="box")),
            (cap, _s(bold=True, size=_FONTS[4][0], fill=cap_fill, wrap=True,
                        align="center", valign="center", border="box")),
        ]

    def capaian(self, node: Node) -> tuple[str, str]:
        value = self.comp.node_capaian.get((node.level, node.code))
        if value is None:
            why = "belum ada realisasi" if self.comp.periode is None else "belum dapat dihitung"
            line, fill = f"Capaian: {why}", NO_CAPAIAN_FILL
        else:
            name = predikat(value, self.plan.settings.bands)
            line, fill = f"Capaian {tx.number(value)}%\n{name}", predikat_fill(name)
        serapan = self.comp.serapan.get((node.level, node.code))
        if node.level.has_budget and serapan is not None:
            line += f"\nSerapan anggaran {tx.number(serapan)}%"
        return line, fill

    # geometry ---------------------------------------------------------------------------------
    def build(self) -> PohonPage:
        contents = {id(p.tree): self.sections(p) for p in self.placed.boxes}
        self.rows(contents)
        boxes = []
        for p in self.placed.boxes:
            col = FIRST_UNIT_COL + p.col
            top = self.tier_row[p.tier]
            for i, (value, style) in enumerate(contents[id(p.tree)]):
                self.spec.put(top + i, col, value, style, cols=p.width)
            boxes.append(Box(p.tree.node, top, col, BOX_ROWS, p.width, p.tree.repeated))
        self.connectors()
        self.labels()
        self.header()
        self.layout_columns()
        self.print_setup()
        return PohonPage(self.spec, boxes)

    def rows(self, contents: dict[int, list[tuple[str, Style]]]) -> None:
        """Rows of every tier (heights from the tallest box) and of the connectors between."""
        tiers = sorted({p.tier for p in self.placed.boxes})
        r = self.first_row
        for k, tier in enumerate(tiers):
            boxes = [p for p in self.placed.boxes if p.tier == tier]
            for i, (size, bold) in enumerate(_FONTS):
                lines = max(tx.line_count(contents[id(p.tree)][i][0],
                                          p.width * UNIT_WIDTH - _INDENT_CHARS[i], size, bold)
                            for p in boxes)
                self.spec.heights[r + i] = tx.height(lines, size)
            self.tier_row[tier] = r
            first = r
            r += BOX_ROWS
            if k + 1 == len(tiers):
                self.blocks.append((first, r - 1))
                break
            joined = tier < STACK_TIER and any(p.tree.kids or p.tree.stack for p in boxes)
            if joined:
                self.connector_rows[tier] = (r, r + 1)
                self.spec.heights[r] = self.spec.heights[r + 1] = CONNECTOR_HEIGHT
                r += 2
            else:
                self.spec.heights[r] = GAP_HEIGHT
                r += 1
            self.blocks.append((first, r - 1))

    def connectors(self) -> None:
        edges: dict[tuple[int, int], set[str]] = {}

        def mark(row: int, col: int, side: str) -> None:
            edges.setdefault((row, col), set()).add(side)

        for p in self.placed.boxes:
            t = p.tree
            if t.kids:
                c1, c2 = self.connector_rows[p.tier]
                cp = FIRST_UNIT_COL + p.centre
                kids = [FIRST_UNIT_COL + self.placed.of(k).centre for k in t.kids]
                mark(c1, cp, "left")
                for col in range(min(*kids, cp), max(*kids, cp)):
                    mark(c1, col, "bottom")
                for ck in kids:
                    mark(c2, ck, "left")
            if t.stack:
                spine = FIRST_UNIT_COL + p.col + STACK_INDENT - 1  # left edge of the list
                for r in self.connector_rows[p.tier]:
                    mark(r, spine, "left")
                for i, s in enumerate(t.stack):
                    head = self.tier_row[self.placed.of(s).tier]
                    mark(head, spine, "left")
                    mark(head, spine, "bottom")
                    if i + 1 < len(t.stack):
                        for r in range(head + 1, head + BOX_ROWS + 1):  # through the gap row
                            mark(r, spine, "left")
        for (row, col), sides in sorted(edges.items()):
            self.spec.put(row, col, None, _EDGE_STYLE[frozenset(sides)])

    def labels(self) -> None:
        for tier, top in sorted(self.tier_row.items()):
            if tier > STACK_TIER:
                continue
            level = Level(tier)
            last = top + BOX_ROWS - 1
            if tier == STACK_TIER:
                last = max(r for t, r in self.tier_row.items() if t >= STACK_TIER) + BOX_ROWS - 1
            self.spec.put(top, 1, level.sheet.upper(),
                          _s(bold=True, size=9, color=LEVEL_FILL[level][0],
                                fill=LEVEL_TINT[level], align="center",
                                valign="center", wrap=True, border="box"), rows=last - top + 1)

    def header(self) -> None:
        width = LABEL_WIDTH + (self.last_col - 1) * UNIT_WIDTH
        s = self.plan.settings
        title = _title(self.plan)
        self.spec.put(1, 1, title, _s(bold=True, size=14, align="center", valign="center",
                                         wrap=True), cols=self.last_col)
        self.spec.heights[1] = tx.height(tx.line_count(title, width, 14, True), 14)
        bits = [s.pemerintah_daerah] if s.pemerintah_daerah else []
        periode = f"TW{self.comp.periode}" if self.comp.periode else "belum ada realisasi"
        bits.append(f"Capaian s.d. {periode}; warna = predikat")
        if self.pages > 1:
            roots = ", ".join(t.node.code for t in self.parts)
            bits.append(f"Bagian {self.page} dari {self.pages} (cabang {roots})")
        if any(p.tree.repeated for p in self.placed.boxes):
            bits.append("kotak abu-abu (lanjutan) diulang dari bagian sebelumnya")
        sub = " · ".join(bits)
        self.spec.put(2, 1, sub, _s(italic=True, size=9, align="center", valign="center",
                                       wrap=True), cols=self.last_col)
        self.spec.heights[2] = tx.height(tx.line_count(sub, width, 9), 9)
        self.legend()

    def legend_per_row(self) -> int:
        return max(1, self.units // LEGEND_UNITS)

    def legend(self) -> None:
        bands = self.plan.settings.bands
        names = list(PREDIKAT_FILL)
        items = [(f"{n} ≥ {_band(b)}", PREDIKAT_FILL[n])
                 for n, b in zip(names, bands, strict=False)]
        items.append((f"{names[-1]} < {_band(bands[-1])}", PREDIKAT_FILL[names[-1]]))
        items.append(("Belum ada capaian", NO_CAPAIAN_FILL))
        per_row = self.legend_per_row()
        self.spec.put(3, 1, "Predikat:", _s(bold=True, size=8, align="right",
                                               valign="center"))
        for i, (label, fill) in enumerate(items):
            row = 3 + i // per_row
            col = FIRST_UNIT_COL + (i % per_row) * LEGEND_UNITS
            self.spec.put(row, col, label, _s(size=7.5, fill=fill, align="center",
                                                 valign="center", border="box"),
                          cols=LEGEND_UNITS - 1)

    def layout_columns(self) -> None:
        self.spec.widths[1] = LABEL_WIDTH
        for col in range(2, self.last_col + 1):
            self.spec.widths[col] = UNIT_WIDTH

    def print_setup(self) -> None:
        left, right, top, bottom = _MARGINS_CM
        page_w = _A3_LANDSCAPE_PT[0] - (left + right) * 72 / 2.54
        page_h = _A3_LANDSCAPE_PT[1] - (top + bottom) * 72 / 2.54
        width = sum(self.spec.widths.values()) * tx.POINTS_PER_CHAR
        scale = max(10, min(100, int(page_w / width * 100 * _SAFETY)))
        total = sum(self.spec.heights.get(r, 15.0) for r in range(1, self.spec.last_row + 1))
        fit_height = int(page_h / total * 100 * _SAFETY)
        if fit_height < scale and fit_height >= MIN_SCALE:  # small tree: one page, a bit smaller
            scale = fit_height
        room = page_h / (scale / 100) * _SAFETY
        breaks: list[int] = []
        used = sum(self.spec.heights.get(r, 15.0) for r in range(1, self.first_row))
        for first, last in self.blocks:
            need = sum(self.spec.heights.get(r, 15.0) for r in range(first, last + 1))
            if used + need > room and used > 0 and first > self.first_row:
                breaks.append(first - 1)
                used = 0
            used += need
        self.spec.print = PrintSpec("landscape", "A3", fit_width=False, margins_cm=_MARGINS_CM,
                                    area=(1, 1, self.spec.last_row, self.last_col),
                                    row_breaks=breaks, scale=scale)
