"""The one way drawn sheets are prepared for LibreOffice's PDF export (PK, Pohon Kinerja, Rekap,
and anything later), so that pages do not depend on which fonts a machine has.

LibreOffice sizes a column as (width in characters) x (advance of '0' in the workbook's default
font), and draws text in whatever font it finds for the name in the cell. Calibri is missing on
most Linux machines, and Arial too where only DejaVu is installed, so the same workbook printed
15 % wider on one machine than on another and gained pages. Here the export names a font that
is really installed and whose metrics we know, then:

- sets it as the default font and rescales every column width, so a column prints as wide as
  Excel prints it (7 px = 5.25 pt per character unit of Calibri 11), whatever the font;
- draws every cell in it at the size at which its digits are exactly as wide as Calibri's (the
  font Excel prints with, for which the layouts were made), so a number that fits its column in
  Excel fits in the PDF (no `###`); at that size its letters are also narrower than the Arial
  metrics the row-height estimates of `pk.wrap` and `visual.text` assume, so wrapped text keeps
  its line count and nothing is cut;
- gives every row an explicit height, so default rows do not follow the font's line height.

The printed result is therefore fixed by the `SheetSpec` alone (checked in
`tests/test_printable.py` under different font sets).
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils.indexed_list import IndexedList

from ..core.sheetspec import CellSpec, SheetSpec
from .libreoffice import convert_to_pdf
from .render import render_sheet

EXCEL_PT_PER_UNIT = 5.25  # Excel: 7 px at 96 dpi per character unit of the default Calibri 11
DEFAULT_SIZE = 11.0
DEFAULT_ROW_PT = 15.0


CALIBRI_DIGIT_EM = 1038 / 2048  # advance of '0' in Calibri (and Carlito), regular and bold


@dataclass(frozen=True)
class PrintFont:
    """A font with known metrics: the advance of '0' in em, regular and bold (from the font
    files' hmtx tables). Measured with fontTools on every line of the two seed documents: at the
    scales below, DejaVu Sans text is at most 0.92 (bold 0.89) and Liberation Sans 0.92 times
    as wide as the Arial metrics of `pk.wrap`."""

    name: str
    digit_em: float
    bold_digit_em: float

    @property
    def scale(self) -> float:
        return CALIBRI_DIGIT_EM / self.digit_em

    @property
    def bold_scale(self) -> float:
        return CALIBRI_DIGIT_EM / self.bold_digit_em

    @property
    def width_factor(self) -> float:
        """Multiply a Calibri-unit column width by this to print it at Excel's width."""
        return EXCEL_PT_PER_UNIT / (self.digit_em * DEFAULT_SIZE)


LIBERATION_SANS = PrintFont("Liberation Sans", 1139 / 2048, 1139 / 2048)  # Arial's metrics
ARIAL = PrintFont("Arial", 1139 / 2048, 1139 / 2048)
DEJAVU_SANS = PrintFont("DejaVu Sans", 1303 / 2048, 1425 / 2048)
_PREFERENCE = (LIBERATION_SANS, ARIAL, DEJAVU_SANS)


@lru_cache(maxsize=1)
def installed_families() -> frozenset[str] | None:
    """Font families fontconfig knows (Linux, and Mac/Windows where it is installed), or None
    when there is no fontconfig to ask."""
    exe = shutil.which("fc-list")
    if exe is None:
        return None
    try:
        out = subprocess.run([exe, ":", "family"], capture_output=True, text=True,
                             timeout=30, check=False).stdout
    except (OSError, subprocess.TimeoutExpired):
        return None
    return frozenset(name.strip().casefold() for line in out.splitlines()
                     for name in line.split(","))


_ASK = frozenset({"?"})


def choose_font(families: frozenset[str] | None = _ASK) -> PrintFont:
    """The first installed font of Liberation Sans, Arial, DejaVu Sans (`families`: those
    installed, by default asked from fontconfig). Without fontconfig (None: Windows), Arial:
    it ships with Windows and with macOS."""
    families = installed_families() if families is _ASK else families
    if families is None:
        return ARIAL
    for font in _PREFERENCE:
        if font.name.casefold() in families:
            return font
    return ARIAL  # LibreOffice substitutes; layout may then differ (see docs/visual.md)


def printable_spec(spec: SheetSpec, font: PrintFont) -> SheetSpec:
    """spec with every cell in `font` (scaled), widths rescaled and every row height explicit."""
    def cell(c: CellSpec) -> CellSpec:
        size = (c.style.size or DEFAULT_SIZE) * (font.bold_scale if c.style.bold else font.scale)
        return replace(c, style=replace(c.style, font=font.name, size=round(size, 2)))

    last_col = max(spec.last_col, max(spec.widths, default=0))
    widths = {col: round(spec.widths.get(col, 8.43) * font.width_factor, 2)
              for col in range(1, last_col + 1)}
    heights = {row: spec.heights.get(row, DEFAULT_ROW_PT) for row in range(1, spec.last_row + 1)}
    return replace(spec, cells=[cell(c) for c in spec.cells], widths=widths, heights=heights)


def printable_workbook(specs: Sequence[SheetSpec], font: PrintFont | None = None) -> Workbook:
    """A new workbook holding just these sheets, prepared for LibreOffice (see module doc)."""
    font = choose_font() if font is None else font
    wb = Workbook()
    default = Font(name=font.name, size=DEFAULT_SIZE, family=2)
    wb._fonts = IndexedList([default])  # openpyxl has no public API for the default font
    wb._named_styles["Normal"].font = default
    first = wb.active
    for spec in specs:
        render_sheet(wb, printable_spec(spec, font))
    if first is not None:
        wb.remove(first)
    return wb


def export_pdfs(groups: Sequence[Sequence[SheetSpec]], targets: Sequence[Path],
                font: PrintFont | None = None) -> list[Path]:
    """One PDF per group of sheets (targets[i] gets groups[i]), in one LibreOffice batch.
    The caller makes the target folders and moves nothing: files are copied into place."""
    font = choose_font() if font is None else font
    with tempfile.TemporaryDirectory(prefix="kinerja-pdf-") as tmp:
        work = Path(tmp)
        sources = []
        for i, (specs, target) in enumerate(zip(groups, targets, strict=True)):
            src = work / "src" / f"{i:05d}_{Path(target).stem}.xlsx"
            src.parent.mkdir(exist_ok=True)
            printable_workbook(specs, font).save(src)
            sources.append(src)
        for made, target in zip(convert_to_pdf(sources, work), targets, strict=True):
            shutil.copyfile(made, target)
    return list(targets)
