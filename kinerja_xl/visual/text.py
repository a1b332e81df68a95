"""Text helpers for drawn sheets: Indonesian number formats and row heights for wrapped text.

Neither Excel nor LibreOffice grows a merged cell's row to fit wrapped text, so the heights are
computed here from an estimate of the text width. The estimate is deliberately generous (it
assumes a font wider than Calibri, as LibreOffice substitutes when Calibri is missing), so text
never gets cut; at worst a box has a little air below its last line.
"""

from __future__ import annotations

import math

_PX_PER_CHAR = 7.0  # Excel column width unit: the '0' of Calibri 11 at 96 dpi
_PADDING_PX = 8.0  # cell padding plus a safety margin
_EM_REGULAR = 0.50  # average character width, in em (Calibri ~0.45, Arial ~0.50)
_EM_BOLD = 0.55
# Printed width of one column-width unit, in points: Excel prints 7 px = 5.25 pt, LibreOffice
# uses the width of '0' in the default font (Calibri/Carlito 11: about 5.6 pt). Take the wider.
POINTS_PER_CHAR = 5.6


def number(value: float, decimals: int = 2) -> str:
    """96.4705 -> '96,47'; 150000000 -> '150.000.000,00' (Indonesian separators)."""
    text = f"{value:,.{decimals}f}"
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


def chars_per_line(width_chars: float, font_pt: float, bold: bool = False) -> int:
    """How many average characters fit on one line of a cell width_chars wide."""
    px = width_chars * _PX_PER_CHAR - _PADDING_PX
    per_char = font_pt * 4 / 3 * (_EM_BOLD if bold else _EM_REGULAR)
    return max(1, int(px / per_char))


def line_count(text: str, width_chars: float, font_pt: float, bold: bool = False) -> int:
    """Lines the text takes when word-wrapped in a cell width_chars wide (at least 1)."""
    limit = chars_per_line(width_chars, font_pt, bold)
    total = 0
    for paragraph in str(text).split("\n"):
        lines, used = 1, 0
        for word in paragraph.split():
            n = len(word)
            if used and used + 1 + n <= limit:
                used += 1 + n
            elif used == 0 and n <= limit:
                used = n
            else:
                if used:
                    lines += 1
                lines += (n - 1) // limit
                used = n - ((n - 1) // limit) * limit
        total += lines
    return max(total, 1)


def height(lines: int, font_pt: float) -> float:
    """Row height in points for `lines` lines of font_pt text (Excel's limit is 409)."""
    return min(409.0, math.ceil(lines * font_pt * 1.25 + 5))
