"""Drawing a core `SheetSpec` (PK, Pohon Kinerja, …) in a live book with xlwings' neutral API.

The sheet is replaced whole at its position. Values go in one 2-D write; every formatting
attribute is grouped by value and applied to few rectangles (not cell by cell): fonts
(`font.set`), fills, alignment, wrap, indent, number formats, borders (`borders.set`), merges,
widths, heights, print area. What xlwings has no neutral call for (orientation, paper,
margins, fit to page, print titles, page breaks) is handed to the workbook's VBA macro
`KinerjaAturHalaman` on desktop Excel when the workbook has it (docs/excel.md); charts are
drawn with xlwings' chart API (`visuals`), conditional fills with its conditional-format API;
tab colours and underline are not drawn here.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from dataclasses import replace
from typing import Any

import xlwings as xw

from ..core.findings import col_letter
from ..core.sheetspec import CellSpec, SheetSpec, Style
from . import marker
from .blocks import Rect, cover, excel_text, paint_plan, rectangles, repaint_plan
from .book import best_effort, claim_sheet, layout_key, set_width
from .models import ClickLibrary, is_model, model_for
from .rowcopy import RowPlan, heights_after, row_plan, same_rows
from .stamps import StampPlan, stamp_plan
from .visuals import draw_chart

PAGE_SETUP_MACRO = "KinerjaAturHalaman"
_BORDER_SIDES: dict[str, list[str]] = {  # a per-cell border over a block of cells
    "box": ["edge_top", "edge_bottom", "edge_left", "edge_right", "inside_horizontal",
            "inside_vertical"],
    "bottom": ["edge_bottom", "inside_horizontal"],
    "top": ["edge_top", "inside_horizontal"],
    "left": ["edge_left", "inside_vertical"],
    "left_bottom": ["edge_left", "inside_vertical", "edge_bottom", "inside_horizontal"],
}
Attr = Callable[[Style], Hashable]
# Attributes that only show on a cell with content (the top-left cell of a merge): an empty
# cell may take any value, so they are set on large rectangles. Fill and borders show on every
# cell. Each font attribute is its own group (the engines write one attribute per call).
_CONTENT_ATTRS: dict[str, Attr] = {
    "font_name": lambda s: s.font,
    "font_size": lambda s: s.size,
    "font_bold": lambda s: s.bold or None,
    "font_italic": lambda s: s.italic or None,
    "font_color": lambda s: s.color,
    "align": lambda s: s.align,
    "valign": lambda s: s.valign,
    "wrap": lambda s: s.wrap or None,
    "indent": lambda s: s.indent or None,
    "number_format": lambda s: s.number_format,
}
_EVERY_CELL_ATTRS: dict[str, Attr] = {
    "fill": lambda s: s.fill,
    "border": lambda s: None if s.border == "none" else s.border,
}


def area(c: CellSpec) -> set[tuple[int, int]]:
    return {(r, col) for r in range(c.row, c.row + c.rows) for col in range(c.col, c.col + c.cols)}


def _has_content(c: CellSpec) -> bool:
    return c.value is not None and c.value != ""


def style_groups(spec: SheetSpec) -> list[tuple[str, Hashable, list[Rect]]]:
    """(attribute, value, rectangles) for every formatting attribute set in the spec."""
    out: list[tuple[str, Hashable, list[Rect]]] = []
    content = [c for c in spec.cells if _has_content(c)]
    for attr, key in _CONTENT_ATTRS.items():
        by_value: dict[Hashable, set[tuple[int, int]]] = {}
        for c in content:
            by_value.setdefault(key(c.style), set()).add((c.row, c.col))
        for value, where in by_value.items():
            if value is None:
                continue
            others = {cell for v, cells in by_value.items() if v != value for cell in cells}
            out.append((attr, value, cover(where, others)))
    for attr, key in _EVERY_CELL_ATTRS.items():
        cells: dict[Hashable, set[tuple[int, int]]] = {}
        for c in spec.cells:
            value = key(c.style)
            for part in _SIDE_PARTS.get(value, (value,)) if attr == "border" else (value,):
                if part is not None:
                    cells.setdefault(part, set()).update(area(c))
        for value, where in cells.items():
            out.append((attr, value, rectangles(where)))
    return out


# A cell bordered left and bottom is in the left group and in the bottom group, so connector
# lines (Pohon Kinerja) join the straight runs next to them instead of costing a call each.
_SIDE_PARTS: dict[Hashable, tuple[str, ...]] = {"left_bottom": ("left", "bottom")}


def merge_groups(spec: SheetSpec) -> list[tuple[Rect, bool]]:
    """(rectangle, across) merges: one-row merges with the same columns on consecutive rows
    are one `merge(across=True)` call; taller merges one call each."""
    out: list[tuple[Rect, bool]] = []
    single: dict[tuple[int, int], list[int]] = {}
    for c in spec.cells:
        if c.rows > 1:
            out.append(((c.row, c.col, c.row + c.rows - 1, c.col + c.cols - 1), False))
        elif c.cols > 1:
            single.setdefault((c.col, c.col + c.cols - 1), []).append(c.row)
    for (c1, c2), rows in single.items():
        for first, last, _ in runs(dict.fromkeys(rows, 0.0)):
            out.append(((first, c1, last, c2), last > first))
    return out


def values_block(spec: SheetSpec) -> list[list[Any]]:
    data: list[list[Any]] = [[None] * spec.last_col for _ in range(spec.last_row)]
    for c in spec.cells:
        data[c.row - 1][c.col - 1] = excel_text(c.value)
    return data


def runs(sizes: dict[int, float]) -> list[tuple[int, int, float]]:
    """Consecutive indexes with the same size: (first, last, size)."""
    out: list[tuple[int, int, float]] = []
    for i in sorted(sizes):
        if out and out[-1][1] == i - 1 and out[-1][2] == sizes[i]:
            out[-1] = (out[-1][0], i, sizes[i])
        else:
            out.append((i, i, sizes[i]))
    return out


Library = list[tuple[xw.Sheet, SheetSpec]]  # sheets drawn earlier in the same click


def draw_spec(book: xw.Book, spec: SheetSpec, after_prefix: str | None = None,
              library: Library | None = None) -> xw.Sheet:
    """Replace (or add) the sheet spec.name with the drawing of spec. When the sheet was
    drawn by an earlier run with the same layout (its fingerprint, `marker`), only the values
    are written: one call instead of the whole formatting. Rows that look like rows of a sheet
    in `library` (or like rows above them) are copied, not drawn (`rowcopy`); the new sheet
    is added to `library`."""
    groups, merges = style_groups(spec), merge_groups(spec)
    key = layout_key("spec", spec.last_row, spec.last_col, groups, merges,
                     sorted(spec.widths.items()), sorted(spec.heights.items()), spec.print,
                     spec.gridlines, spec.freeze, spec.charts, spec.tab_color, spec.rules)
    chosen: list[tuple[int, int] | None] = [None]

    def template_sheet() -> xw.Sheet | None:
        """The look-alike sheet to copy, chosen only when a new sheet is made (the models
        are read from the book then, `ClickLibrary`)."""
        lib = library.with_models() if isinstance(library, ClickLibrary) else library
        chosen[0] = like = _template(spec, [s for _, s in lib or ()])
        return lib[like[0]][0] if lib and like else None

    sheet, same = claim_sheet(book, spec.name, after_prefix, key, template_sheet)
    if same:
        if spec.cells:
            sheet.range((1, 1)).value = values_block(spec)
        return sheet
    like = chosen[0]
    template = library[like[0]] if library and like else None
    specs = [s for _, s in library or ()]
    keep = 0
    if template is not None:  # a copy of a look-alike sheet: clear what differs below its top
        keep = like[1]  # type: ignore[index]
        if is_model(template[1]):  # models are hidden, and so is a copy of one
            best_effort(lambda: setattr(sheet, "visible", True))
        _clear_below(sheet, keep, spec, template[1])
    rows, stamps, drawn = _cheapest(spec, specs, keep)
    for rect, across in merge_groups(drawn):
        sheet.range(rect[:2], rect[2:]).merge(across)
    spans = merged_spans(drawn)
    for attr, value, rects in style_groups(drawn):
        for rect in rects:
            if attr == "border":
                _border(sheet.range(rect[:2], rect[2:]), value, rect, spans)
            else:
                _format(sheet.range(rect[:2], rect[2:]), attr, value)
    if stamps is not None:  # repeated blocks: copy the prototypes
        _stamp(sheet, stamps, library or [])
    if rows is not None:
        _copy_rows(sheet, rows, library or [])
    if spec.cells:  # after the copies, which bring their source's cells
        sheet.range((1, 1)).value = values_block(spec)
    old = template[1] if template is not None else None
    widths = {c: w for c, w in spec.widths.items() if old is None or old.widths.get(c) != w}
    for first, last, width in paint_plan(widths):
        set_width(sheet, first, width, last)
    have = old.heights if old else {}
    if rows is not None:
        have = heights_after(rows, have, specs)
    for first, last, height in repaint_plan(spec.heights, have):
        rows_ = sheet.range((first, 1), (last, 1))
        best_effort(lambda rows_=rows_, height=height: setattr(rows_, "row_height", height))
    if old is None or (old.gridlines, old.freeze) != (spec.gridlines, spec.freeze):
        _sheet_options(sheet, spec)
    _print(book, sheet, spec)
    if spec.rules != (old.rules if old is not None else []):
        _rules(sheet, spec, old)
    for chart in spec.charts:
        draw_chart(sheet, chart)
    marker.mark(sheet, key)
    if library is not None:
        library.append((sheet, spec))
    return sheet


SHEET_COPY_SHARE = 0.25  # copy a drawn sheet when at least this share of the rows is the same


def _template(spec: SheetSpec, library: list[SheetSpec]) -> tuple[int, int] | None:
    """(library index, shared top rows) of the drawn sheet to copy for spec, or None: among
    those sharing a fair share of top rows (and no charts), the one leaving the fewest rows
    to redraw and row heights to set. The template's model of the same
    kind of sheet (`kinerja_xl.xw.models`) qualifies whatever it shares: a copy brings its
    column widths, tab colour and page setup (one call more: models are hidden)."""
    if not spec.cells:
        return None
    best: tuple[int, int, int] | None = None  # (cost, index, shared rows)
    for i, old in enumerate(library):
        keep = same_rows(spec, old)
        model = model_for(spec, old)
        if old.charts or (keep < SHEET_COPY_SHARE * spec.last_row and not model):
            continue
        cost = (len(repaint_plan(spec.heights, old.heights)) + (spec.last_row - keep) // 2
                + model)
        if best is None or cost < best[0]:
            best = (cost, i, keep)
    return None if best is None else (best[1], best[2])


def _clear_below(sheet: xw.Sheet, keep: int, spec: SheetSpec, old: SheetSpec) -> None:
    """Unmerge and clear (contents and formats) what the copy brought below row `keep`."""
    last_row, last_col = max(spec.last_row, old.last_row), max(spec.last_col, old.last_col)
    if keep >= last_row:
        return
    rest = sheet.range((keep + 1, 1), (last_row, last_col))
    rest.unmerge()
    rest.clear()


def _cheapest(spec: SheetSpec, library: list[SheetSpec], keep: int = 0
              ) -> tuple[RowPlan | None, StampPlan | None, SheetSpec]:
    """Row copies then block copies, or block copies alone: whichever costs fewer calls.
    Rows up to `keep` are drawn already (a copied sheet's shared top)."""
    options = []
    planned = row_plan(spec, library, keep)
    tail = replace(spec, cells=[c for c in spec.cells if c.row > keep]) if keep else spec
    for rows in (planned, None) if planned is not None else (None,):
        base = rows.rest if rows is not None else tail
        stamps = stamp_plan(base, library)
        drawn = stamps.rest if stamps is not None else base
        options.append((_calls(rows, stamps, drawn), rows is None, rows, stamps, drawn))
    _, _, rows, stamps, drawn = min(options, key=lambda o: o[:2])
    return rows, stamps, drawn


def _calls(rows: RowPlan | None, stamps: StampPlan | None, drawn: SheetSpec) -> int:
    """Calls of one way to draw a sheet: row copies, block copies, and drawing the rest."""
    return draw_calls(drawn) + (len(rows.copies) if rows else 0) + (
        sum(c.calls() for c in stamps.copies) if stamps else 0)


def draw_calls(spec: SheetSpec) -> int:
    """About how many calls drawing spec's merges and formats costs (borders: per side)."""
    return len(merge_groups(spec)) + sum(
        len(rects) * (len(_BORDER_SIDES.get(value, ())) - 1 if attr == "border" else 1)
        for attr, value, rects in style_groups(spec))


def _copy_rows(sheet: xw.Sheet, plan: RowPlan, library: Library) -> None:
    for step in plan.copies:
        source = sheet if step.source is None else library[step.source][0]
        if step.whole:  # entire rows: their heights come along
            source.range(f"{step.source_first}:{step.source_last}").copy(
                sheet.range(f"{step.target}:{step.target_last}"))
        else:
            source.range((step.source_first, 1), (step.source_last, step.cols)).copy(
                sheet.range((step.target, 1), (step.target_last, step.cols)))


def merged_spans(spec: SheetSpec) -> dict[tuple[int, int, int], Rect]:
    """(row, first col, last col) of every row of every merged cell -> the merged cell."""
    return {(r, c.col, c.col + c.cols - 1): (c.row, c.col, c.row + c.rows - 1,
                                             c.col + c.cols - 1)
            for c in spec.cells if c.cols > 1 or c.rows > 1
            for r in range(c.row, c.row + c.rows)}


def _border(rng: xw.Range, kind: str, rect: Rect | None,
            spans: dict[tuple[int, int, int], Rect]) -> None:
    """A per-cell border kind on a rectangle: one call per side. Inside lines that cannot show
    are left out: vertical ones in a one-column range or where every row of the rectangle is
    one merged cell across it, horizontal ones in a one-row range or one merged cell."""
    rows, cols = rng.shape
    across = rect is not None and all((r, rect[1], rect[3]) in spans
                                      for r in range(rect[0], rect[2] + 1))
    whole = rect is not None and spans.get((rect[0], rect[1], rect[3])) == rect
    sides = [side for side in _BORDER_SIDES[kind]
             if not (side == "inside_vertical" and (cols == 1 or across))
             and not (side == "inside_horizontal" and (rows == 1 or whole))]
    # a new continuous border is thin and automatic (black)
    best_effort(lambda: rng.borders.set(sides, line_style="continuous"))


def _stamp(sheet: xw.Sheet, plan: StampPlan, library: Library) -> None:
    """Copy each prototype block onto its look-alikes, then set the fills and font colours
    that differ."""
    for step in plan.copies:
        src, dst = step.source, step.target
        source = sheet if step.sheet is None else library[step.sheet][0]
        source.range(src[:2], src[2:]).copy(sheet.range(dst[:2], dst[2:]))
        for fill, rects in step.fills:
            for rect in rects:
                rng = sheet.range(rect[:2], rect[2:])
                if fill is None:
                    best_effort(lambda rng=rng: setattr(rng, "color", None))
                else:
                    _format(rng, "fill", fill)
        for colour, rects in step.colours:
            for rect in rects:
                _format(sheet.range(rect[:2], rect[2:]), "font_color", colour)


def _format(rng: xw.Range, attr: str, value: Any) -> None:
    if attr.startswith("font_"):
        what = attr.removeprefix("font_")
        best_effort(lambda: rng.font.set(**{what: f"#{value}" if what == "color" else value}))
    elif attr == "fill":
        best_effort(lambda: setattr(rng, "color", f"#{value}"))
    elif attr == "align":
        best_effort(lambda: setattr(rng, "horizontal_alignment", value))
    elif attr == "valign":
        best_effort(lambda: setattr(rng, "vertical_alignment", value))
    elif attr == "wrap":
        best_effort(lambda: setattr(rng, "wrap_text", True))
    elif attr == "indent":
        best_effort(lambda: rng.adjust_indent(value))
    elif attr == "number_format":
        rng.number_format = value
    elif attr == "border":
        _border(rng, value, None, {})


def _rules(sheet: xw.Sheet, spec: SheetSpec, old: SheetSpec | None) -> None:
    """The spec's conditional fills (a copied sheet's own ones cleared first), added last
    first: each new rule goes on top of Excel's order."""
    for ref in dict.fromkeys(r.ref for r in (old.rules if old is not None else [])):
        best_effort(lambda ref=ref: sheet.range(ref).conditional_formats.clear())
    for r in reversed(spec.rules):
        best_effort(lambda r=r: sheet.range(r.ref).conditional_formats.add_custom(
            "=" + r.formula, fill_color=f"#{r.fill}", stop_if_true=True))


def _sheet_options(sheet: xw.Sheet, spec: SheetSpec) -> None:
    best_effort(lambda: setattr(sheet, "show_gridlines", spec.gridlines))
    if spec.freeze and spec.freeze != (1, 1):
        row, col = spec.freeze
        if col == 1:
            target = f"1:{row - 1}"
        elif row == 1:
            target = f"A:{col_letter(col - 1)}"
        else:
            target = f"A1:{col_letter(col - 1)}{row - 1}"
        best_effort(lambda: sheet.freeze_panes.freeze_at(target))


def _print(book: xw.Book, sheet: xw.Sheet, spec: SheetSpec) -> None:
    p = spec.print
    first_row, first_col, last_row, last_col = p.area or (1, 1, max(spec.last_row, 1),
                                                          max(spec.last_col, 1))
    where = f"{col_letter(first_col)}{first_row}:{col_letter(last_col)}{last_row}"
    best_effort(lambda: setattr(sheet.page_setup, "print_area", where), broad=True)
    if book.app.engine.name != "excel":  # VBA runs on desktop Excel only
        return
    titles = f"${p.title_rows[0]}:${p.title_rows[1]}" if p.title_rows else ""
    left, right, top, bottom = p.margins_cm

    def run_macro() -> None:
        book.macro(PAGE_SETUP_MACRO)(sheet.name, p.orientation, p.paper, left, right, top,
                                     bottom, p.fit_width, p.scale or 0, p.center_horizontally,
                                     titles, ",".join(str(r) for r in p.row_breaks))

    best_effort(run_macro, broad=True)
