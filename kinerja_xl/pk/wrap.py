"""Estimating how many lines a wrapped cell needs, so row heights can be set in advance.

Neither openpyxl nor LibreOffice sizes rows of merged cells to fit wrapped text, so a PK would
print with its paragraphs cut. We lay the words out ourselves with Arial's advance widths (the
Helvetica metrics, which Arial and Liberation Sans share) and a safety margin, against the
column widths in Excel's character units (7 px per unit for the default Calibri 11).
"""

from __future__ import annotations

from functools import lru_cache

# Advance widths in 1/1000 em (Helvetica AFM = Arial = Liberation Sans), printable ASCII.
_REGULAR = (
    " 278 !278 \"355 #556 $556 %889 &667 '191 (333 )333 *389 +584 ,278 -333 .278 /278 "
    "0556 1556 2556 3556 4556 5556 6556 7556 8556 9556 :278 ;278 <584 =584 >584 ?556 @1015 "
    "A667 B667 C722 D722 E667 F611 G778 H722 I278 J500 K667 L556 M833 N722 O778 P667 Q778 "
    "R722 S667 T611 U722 V667 W944 X667 Y667 Z611 [278 \\278 ]278 ^469 _556 `333 "
    "a556 b556 c500 d556 e556 f278 g556 h556 i222 j222 k500 l222 m833 n556 o556 p556 q556 "
    "r333 s500 t278 u556 v500 w722 x500 y500 z500 {334 |260 }334 ~584"
)
_BOLD = (
    " 278 !333 \"474 #556 $556 %889 &722 '238 (333 )333 *389 +584 ,278 -333 .278 /278 "
    "0556 1556 2556 3556 4556 5556 6556 7556 8556 9556 :333 ;333 <584 =584 >584 ?611 @975 "
    "A722 B722 C722 D722 E667 F611 G778 H722 I278 J556 K722 L611 M833 N722 O778 P667 Q778 "
    "R722 S667 T611 U722 V667 W944 X667 Y667 Z611 [333 \\278 ]333 ^584 _556 `333 "
    "a556 b611 c556 d611 e556 f333 g611 h611 i278 j278 k556 l278 m889 n611 o611 p611 q611 "
    "r389 s556 t333 u611 v556 w778 x556 y556 z500 {389 |280 }389 ~584"
)


def _table(spec: str) -> dict[str, int]:
    out = {" ": int(spec[1:4])}
    for token in spec[5:].split():
        out[token[0]] = int(token[1:])
    return out


_WIDTHS = {False: _table(_REGULAR), True: _table(_BOLD)}
_UNKNOWN = 667  # accented letters, dashes and symbols: a generous guess
PX_PER_UNIT = 7.0  # Excel column width unit in pixels (max digit width of Calibri 11)
_PADDING_PX = 2.0  # Excel adds 5 px to the units; its text margins take about 7 px
SAFETY = 1.06  # text is assumed 6% wider than the metrics say (Excel draws 11 pt as 15 px,
# 2% above 14.67, and rounds each glyph's advance; LibreOffice kerns differently)


def text_width_pt(text: str, size: float, bold: bool = False) -> float:
    """Width of one line of text in points, at the given font size."""
    table = _WIDTHS[bold]
    return sum(table.get(ch, _UNKNOWN) for ch in text) * size / 1000.0


def column_width_pt(width_units: float) -> float:
    """The usable width of a cell (or merged cells) whose widths add up to width_units."""
    return max(1.0, (width_units * PX_PER_UNIT - _PADDING_PX) * 0.75)


@lru_cache(maxsize=4096)
def count_lines(text: str, width_units: float, size: float = 11, bold: bool = False) -> int:
    """Lines a wrapped cell needs: words are laid out greedily; a word longer than the line
    is broken, as Excel and LibreOffice do."""
    room = column_width_pt(width_units)
    space = text_width_pt(" ", size, bold) * SAFETY
    lines = 0
    for paragraph in str(text).split("\n"):
        lines += 1
        used = 0.0
        for word in paragraph.split():
            w = text_width_pt(word, size, bold) * SAFETY
            if used and used + space + w <= room:
                used += space + w
                continue
            if used:
                lines += 1
            while w > room:  # a very long word fills whole lines
                lines += 1
                w -= room
            used = w
    return max(lines, 1)


def line_height_pt(size: float = 11) -> float:
    """Height of one line of text in a row (Excel gives Arial 11 about 14.25 pt)."""
    return round(size * 1.32, 2)


def row_height_pt(lines: int, size: float = 11) -> float:
    """Row height for `lines` lines of text, with a little room above and below."""
    return round(lines * line_height_pt(size) + 3.0, 2)
