"""Drawing the visual parts into an openpyxl workbook (files, headless).

The content is decided elsewhere (`pohon`, `rekap`, `colours` build data); this module only
turns it into openpyxl objects, replacing what an earlier run drew and nothing else.
"""

from __future__ import annotations

from collections.abc import Sequence

from openpyxl.formatting.formatting import ConditionalFormatting, ConditionalFormattingList
from openpyxl.formatting.rule import Rule
from openpyxl.styles import PatternFill
from openpyxl.styles.differential import DifferentialStyle
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from ..core.compute import Computation
from ..core.contract import LEVEL_SHEETS
from ..core.sheetspec import SheetSpec
from ..xlsx.render import render_sheet
from .colours import colour_rules, is_ours
from .pohon import MAX_BANDS, SHEET_PATTERN, pohon_specs
from .rekap import rekap_sheet


def render_pohon(wb: Workbook, comp: Computation, max_bands: int = MAX_BANDS,
                 specs: Sequence[SheetSpec] | None = None) -> list[str]:
    """Replace the Pohon Kinerja sheet(s) (same place; new ones follow; surplus ones from an
    earlier, wider tree are removed). `specs` skips rebuilding them. Returns the names."""
    specs = pohon_specs(comp, max_bands) if specs is None else specs
    old = [name for name in wb.sheetnames if SHEET_PATTERN.match(name)]
    names = [spec.name for spec in specs]
    after: int | None = None
    for spec in specs:
        index = wb.sheetnames.index(spec.name) if spec.name in wb.sheetnames else after
        ws = render_sheet(wb, spec, index)
        after = wb.sheetnames.index(ws.title) + 1
    for name in old:
        if name not in names:
            del wb[name]
    return names


def render_rekap(wb: Workbook, comp: Computation) -> Worksheet:
    """Replace (or add, at the end) the Rekap sheet with its tables and charts."""
    return render_sheet(wb, rekap_sheet(comp))


def _fill_of(rule: Rule) -> str | None:
    fill = getattr(rule.dxf, "fill", None) if rule.dxf is not None else None
    for color in (getattr(fill, "bgColor", None), getattr(fill, "fgColor", None)):
        rgb = getattr(color, "rgb", None)
        if isinstance(rgb, str) and rgb.upper()[-6:] != "000000":
            return rgb
    return None


def _is_ours(rule: Rule) -> bool:
    formulas = list(rule.formula or [])
    return rule.type == "expression" and len(formulas) == 1 and is_ours(formulas[0],
                                                                         _fill_of(rule))


def apply_colour_rules(wb: Workbook, comp: Computation) -> int:
    """Write the predikat colour rules on the level sheets, replacing the ones an earlier run
    wrote and keeping every rule the user added (they keep precedence). Returns how many."""
    rules = colour_rules(comp)
    for sheet in LEVEL_SHEETS:
        if sheet not in wb.sheetnames or not any(r.sheet == sheet for r in rules):
            continue  # e.g. a Periksa computation: it has no capaian columns to colour
        ws = wb[sheet]
        kept = sorted(((rule.priority or 0, str(cf.sqref), rule)
                       for cf in ws.conditional_formatting for rule in cf.rules
                       if not _is_ours(rule)), key=lambda item: item[0])
        fresh = ConditionalFormattingList()
        for priority, (_, sqref, rule) in enumerate(kept, start=1):
            rule.priority = priority
            fresh.add(ConditionalFormatting(sqref=sqref), rule)
        priority = len(kept)
        for r in (r for r in rules if r.sheet == sheet):
            priority += 1
            argb = "FF" + r.fill  # opaque
            fill = PatternFill(fill_type="solid", start_color=argb, end_color=argb)
            fresh.add(ConditionalFormatting(sqref=r.ref),
                      Rule(type="expression", formula=[r.formula], priority=priority,
                           stopIfTrue=True, dxf=DifferentialStyle(fill=fill)))
        ws.conditional_formatting = fresh
    return len(rules)


def apply_visuals(wb: Workbook, comp: Computation) -> None:
    """What Hitung Capaian adds after writing its columns: the Rekap sheet, the predikat
    colours, and a fresh Pohon Kinerja when the workbook already has one."""
    render_rekap(wb, comp)
    apply_colour_rules(wb, comp)
    if any(SHEET_PATTERN.match(name) for name in wb.sheetnames):
        render_pohon(wb, comp)
