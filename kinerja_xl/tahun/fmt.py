"""Numbers written the Indonesian way for printed reports (1.234,56), in any Excel locale.

Report tables (Rencana Aksi, LKjIP) hold these texts, so the sheet, the Word document and the
PDF show the same characters whatever the reader's regional settings are.
"""

from __future__ import annotations

from ..core.numbers import Quantity

NBSP = "\u00a0"
MARK = "t.d."  # tidak dapat dihitung / tidak tersedia; each table explains it in its notes


def _grouped(x: float, decimals: int) -> str:
    text = f"{x:,.{decimals}f}"
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


def number(x: float | None, decimals: int = 2) -> str:
    """Up to `decimals` decimals, trailing zeros dropped: 1234.5 -> '1.234,5', 85.0 -> '85'."""
    if x is None:
        return MARK
    text = _grouped(round(x, decimals) + 0.0, decimals)
    if "," in text:
        text = text.rstrip("0").rstrip(",")
    return "0" if text in ("-0", "") else text


def percent(x: float | None) -> str:
    """Always two decimals: 96.4705 -> '96,47'."""
    return MARK if x is None else _grouped(round(x, 2) + 0.0, 2)


def quantity(q: Quantity | None, typed: str = "") -> str:
    """A target as printed: '80 – 90' for a range, the typed text when it is not a number."""
    if q is None:
        return typed or MARK
    if q.is_range:
        return f"{number(q.low)} – {number(q.high)}"
    return number(q.value)


def rupiah(x: float | None) -> str:
    """'Rp 1.234.567' (whole rupiah), with a no-break space so 'Rp' never ends a line."""
    if x is None:
        return MARK
    whole = round(x)
    return f"{'-' if whole < 0 else ''}Rp{NBSP}{_grouped(abs(whole), 0)}"


__all__ = ["MARK", "number", "percent", "quantity", "rupiah"]
