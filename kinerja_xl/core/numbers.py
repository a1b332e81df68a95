"""Reading numbers the way Indonesian planners type them (DESIGN §3).

Accepted: numbers, ``85``, ``85%``, ``1.234,5`` (decimal comma), ``1,234.5``, ``Rp 1.234.567``,
and ranges ``80-90``, ``80 – 90``, ``80 s.d. 90``. A single dot followed by exactly three digits
is a thousands separator (``1.234`` = 1234, as Indonesians write it); any other single dot is a
decimal point (``98.75``). The parser never raises: it returns `Parsed` with a reason instead.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import NamedTuple


@dataclass(frozen=True)
class Quantity:
    """A number or a closed range [low, high] (a point has low == high)."""

    low: float
    high: float

    @property
    def is_range(self) -> bool:
        return self.low != self.high

    @property
    def value(self) -> float:
        """The point value (the low bound of a range)."""
        return self.low

    @classmethod
    def point(cls, x: float) -> Quantity:
        return cls(float(x), float(x))

    def __str__(self) -> str:
        if self.is_range:
            return f"{format_number(self.low)} – {format_number(self.high)}"
        return format_number(self.low)


class Parsed(NamedTuple):
    """Result of `parse_quantity`: a quantity, or None with the reason (blank has no reason)."""

    value: Quantity | None
    error: str | None = None

    @property
    def blank(self) -> bool:
        return self.value is None and self.error is None


_NUMBER = re.compile(r"[+-]?\d[\d.,]*")
_RANGE_SEP = re.compile(r"\s*(?:–|—|−|-|s\.?\s?d\.?|s/d|sampai(?:\s+dengan)?)\s*", re.IGNORECASE)
_SPACES = re.compile(r"[\s\u00a0\u202f]+")
_MAX_LEN = 100


def format_number(x: float) -> str:
    """Short Indonesian rendering: 1234.5 -> '1.234,5'; 85.0 -> '85'."""
    if x == int(x) and abs(x) < 1e15:
        text = f"{int(x):,}"
    else:
        text = f"{x:,.6f}".rstrip("0").rstrip(".")
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


def _number(token: str) -> float | None:
    """One number token with Indonesian or English separators, or None."""
    sign = -1.0 if token.startswith("-") else 1.0
    token = token.lstrip("+-")
    if not token or not token[0].isdigit() or not token[-1].isdigit():
        return None
    dots, commas = token.count("."), token.count(",")
    if dots and commas:
        decimal = "," if token.rfind(",") > token.rfind(".") else "."
        thousands = "." if decimal == "," else ","
        if token.count(decimal) > 1:
            return None
        int_part, frac = token.split(decimal)
        groups = int_part.split(thousands)
    elif commas:
        parts = token.split(",")
        if commas == 1:  # a lone comma is the Indonesian decimal comma, even in "1,234"
            groups, frac = [parts[0]], parts[1]
        else:
            groups, frac = parts, ""
    elif dots:
        parts = token.split(".")
        if dots == 1 and (len(parts[1]) != 3 or parts[0] in ("0", "")):
            groups, frac = [parts[0]], parts[1]
        else:
            groups, frac = parts, ""
    else:
        groups, frac = [token], ""
    if len(groups) > 1 and (not 1 <= len(groups[0]) <= 3 or any(len(g) != 3 for g in groups[1:])):
        return None
    digits = "".join(groups)
    if not digits.isdigit() or (frac and not frac.isdigit()):
        return None
    value = float(f"{digits}.{frac}" if frac else digits)
    return sign * value if math.isfinite(value) else None


def _strip_decorations(text: str) -> str:
    text = _SPACES.sub(" ", text).strip()
    if text[:2].casefold() == "rp":
        text = text[2:].lstrip(" .")
    return text


def parse_quantity(raw: object) -> Parsed:
    """Parse a cell value into a Quantity. Never raises; errors come back in Indonesian."""
    if raw is None:
        return Parsed(None)
    if isinstance(raw, bool):
        return Parsed(None, "berisi nilai logika (TRUE/FALSE), bukan angka")
    if isinstance(raw, (int, float)):
        if not math.isfinite(raw):
            return Parsed(None, "bukan angka yang sah")
        return Parsed(Quantity.point(float(raw)))
    if not isinstance(raw, str):
        return Parsed(None, f"berisi {type(raw).__name__}, bukan angka")
    text = _strip_decorations(raw)
    if not text:
        return Parsed(None)
    if len(text) > _MAX_LEN:
        return Parsed(None, "terlalu panjang untuk sebuah angka")
    shown = text if len(text) <= 40 else text[:37] + "..."
    text = text.replace("%", " ").strip()
    single = _number(text) if _NUMBER.fullmatch(text) else None
    if single is not None:
        return Parsed(Quantity.point(single))
    m = re.fullmatch(r"([+-]?\d[\d.,]*)" + _RANGE_SEP.pattern + r"([+-]?\d[\d.,]*)", text,
                     re.IGNORECASE)
    if m:
        low, high = _number(m.group(1)), _number(m.group(2))
        if low is not None and high is not None:
            if low > high:
                return Parsed(None, f"rentang '{shown}' terbalik (batas bawah lebih besar)")
            return Parsed(Quantity(low, high))
    return Parsed(None, f"'{shown}' bukan angka (contoh yang benar: 85, 85%, 1.234,5, 80-90)")


def parse_amount(raw: object) -> Parsed:
    """Like `parse_quantity` but for rupiah amounts: a range is an error."""
    parsed = parse_quantity(raw)
    if parsed.value is not None and parsed.value.is_range:
        return Parsed(None, "anggaran tidak boleh berupa rentang")
    return parsed
