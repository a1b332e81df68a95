"""Rekap's charts and the predikat colour rules in a live book, through xlwings' engine-neutral
chart API (`sheet.charts.add`, xlwings >= 0.37.3) and conditional formats
(`range.conditional_formats.add_custom`, >= 0.37.5): the same content the file path draws
(`kinerja_xl.visual.draw`), described by the same pure builders (`ChartSpec`, `colour_rules`).

Differences that the neutral API imposes (docs/excel.md): a chart's bars share one colour (there
is no per-point fill), and because the remote engine cannot read existing rules, a rerun
clears every rule on the product-owned Capaian/Predikat column ranges before adding ours.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import xlwings as xw

from ..core.compute import Computation
from ..core.findings import col_letter
from ..core.sheetspec import ChartSpec
from ..visual.colours import ColourRule, colour_rules
from ..visual.palette import PREDIKAT_FILL
from . import marker
from .book import best_effort, layout_key

CM = 72 / 2.54  # points per centimetre
BAR_COLOUR = PREDIKAT_FILL["Tinggi"]
_CELL = re.compile(r"\$?([A-Za-z]{1,3})\$?(\d+)")


def draw_chart(sheet: xw.Sheet, spec: ChartSpec) -> xw.Chart | None:
    """One bar chart of `spec` on sheet (None when the engine has no charts)."""
    col, first, last = spec.values
    values = sheet.range((first, col), (last, col))
    col, first, last = spec.categories
    categories = sheet.range((first, col), (last, col))
    anchor = sheet.range(spec.anchor)
    kind = "bar_clustered" if spec.horizontal else "column_clustered"
    try:
        chart = sheet.charts.add(source=values, chart_type=kind, anchor=anchor,
                                 width=round(spec.width_cm * CM, 1),
                                 height=round(spec.height_cm * CM, 1), name=spec.title)
    except (NotImplementedError, AttributeError):
        return None

    def details() -> None:
        chart.set_x_axis_values(categories)
        chart.title = spec.title
        chart.legend.visible = False
        chart.value_axis.set(title=spec.y_title or None, minimum_scale=0,
                             maximum_scale=spec.y_max, number_format="0")
        if spec.horizontal:  # first category on top, as in the table
            chart.category_axis.reverse_order = True
        chart.series[0].fill_color = f"#{BAR_COLOUR}"

    best_effort(details, broad=True)
    return chart


def _clear_areas(rules: Iterable[ColourRule]) -> dict[str, list[str]]:
    """Per sheet, the ranges to clear: one rectangle over the rule columns when they touch."""
    refs: dict[str, list[str]] = {}
    for r in rules:
        if r.ref not in refs.setdefault(r.sheet, []):
            refs[r.sheet].append(r.ref)
    return refs


def apply_colour_rules(book: xw.Book, comp: Computation, force: bool = False) -> int:
    """Replace the predikat colour rules of the level sheets; returns how many were added.
    Rules are added last-first because each new rule goes on top of Excel's order, so ours end
    in the file path's order. A sheet whose rules are the ones the last run added (same
    fingerprint in its `_KinerjaXL_Warna` name) is left alone unless `force`."""
    rules = colour_rules(comp)
    present = {s.name for s in book.sheets}
    rules = [r for r in rules if r.sheet in present]
    added = 0
    for name, refs in _clear_areas(rules).items():
        sheet = book.sheets[name]
        mine = [r for r in rules if r.sheet == name]
        key = layout_key("warna", mine)
        if not force and marker.read(sheet, marker.COLOURS) == key:
            continue
        for ref in _joined(refs):
            try:
                sheet.range(ref).conditional_formats.clear()
            except (NotImplementedError, AttributeError):
                return 0
        for r in reversed(mine):
            sheet.range(r.ref).conditional_formats.add_custom(
                "=" + r.formula, fill_color=f"#{r.fill}", stop_if_true=True)
            added += 1
        marker.write(sheet, marker.COLOURS, key)
    return added


def _joined(refs: list[str]) -> list[str]:
    """'R3:R600' and 'S3:S600' -> ['R3:S600'] (same rows, neighbouring columns)."""
    boxes = sorted(_box(ref) for ref in refs)
    out: list[tuple[int, int, int, int]] = []
    for c1, r1, c2, r2 in boxes:
        if out and out[-1][1] == r1 and out[-1][3] == r2 and out[-1][2] == c1 - 1:
            out[-1] = (out[-1][0], r1, c2, r2)
        else:
            out.append((c1, r1, c2, r2))
    return [f"{col_letter(c1)}{r1}:{col_letter(c2)}{r2}" for c1, r1, c2, r2 in out]


def _box(ref: str) -> tuple[int, int, int, int]:
    """'R3:S600' -> (min col, min row, max col, max row)."""
    (a, r1), (b, r2) = (_CELL.fullmatch(part).groups() for part in ref.split(":"))  # type: ignore[union-attr]
    return col_number(a), int(r1), col_number(b), int(r2)


def col_number(letters: str) -> int:
    n = 0
    for ch in letters.upper():
        n = n * 26 + ord(ch) - 64
    return n
