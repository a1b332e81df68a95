"""Cells of a worksheet part as bytes: where they are, what they hold, and how ours are written.

The worksheet XML is scanned with anchored regular expressions instead of being parsed into a
tree: a kabupaten's level sheet has hundreds of thousands of cells and we touch a few columns.
"""

from __future__ import annotations

import datetime as dt
import html
import math
import re
from dataclasses import dataclass
from typing import Any

from .xml import escape_text, unescape_excel

# "[^<]*(?:<(?!/c>)[^<]*)*" is ".*?" unrolled: several times faster in Python's re engine.
ROW = re.compile(rb"<row\b([^>]*?)(/>|>([^<]*(?:<(?!/row>)[^<]*)*)</row>)")
CELL = re.compile(rb"<c\b([^>]*?)(?:/>|>([^<]*(?:<(?!/c>)[^<]*)*)</c>)")
_R = re.compile(rb'\br="\$?([A-Za-z]{0,3})\$?(\d*)"')
_T = re.compile(rb'\bt="([a-zA-Z]+)"')
_S = re.compile(rb'\bs="(\d+)"')
_V = re.compile(rb"<v(?:\s[^>]*)?>(.*?)</v>", re.S)
_F = re.compile(rb"<f\b([^>]*?)(?:/>|>(.*?)</f>)", re.S)
_TEXT = re.compile(rb"<t\b[^>]*?(?:/>|>(.*?)</t>)", re.S)
_PHONETIC = re.compile(rb"<rPh\b.*?</rPh>", re.S)
SHEET_DATA = re.compile(rb"<sheetData\b[^>]*?(/>|>)")
MAX_COL, MAX_ROW = 16384, 1048576


def col_index(letters: bytes | str) -> int:
    n = 0
    for ch in letters.upper() if isinstance(letters, str) else letters.decode().upper():
        n = n * 26 + ord(ch) - 64
    return n


def col_letters(col: int) -> str:
    out = ""
    while col:
        col, rem = divmod(col - 1, 26)
        out = chr(65 + rem) + out
    return out


def attr_row(attrs: bytes) -> int | None:
    m = _R.search(attrs)
    return int(m.group(2)) if m and m.group(2) else None


def cell_ref(attrs: bytes) -> tuple[int | None, int | None]:
    """(row, col) of a cell's r attribute (None when absent)."""
    m = _R.search(attrs)
    if not m:
        return None, None
    return (int(m.group(2)) if m.group(2) else None,
            col_index(m.group(1)) if m.group(1) else None)


def style_of(attrs: bytes) -> int:
    i = attrs.find(b' s="')
    if i < 0:
        m = _S.search(attrs)
        return int(m.group(1)) if m else 0
    end = attrs.find(b'"', i + 4)
    return int(attrs[i + 4:end])


_XML_ENTITIES = (("&quot;", '"'), ("&apos;", "'"), ("&lt;", "<"), ("&gt;", ">"))


def xml_text(raw: bytes) -> str:
    text = raw.decode("utf-8")
    if "&" in text:
        if "&#" in text:  # character references: the general (slower) decoder
            text = html.unescape(text)
        else:  # the five XML entities (formulas are full of &quot;), &amp; last
            for entity, char in _XML_ENTITIES:
                text = text.replace(entity, char)
            text = text.replace("&amp;", "&")
    return unescape_excel(text)


def rich_text(inner: bytes) -> str:
    """The plain text of an <si> or <is> (all runs, phonetic hints left out)."""
    if b"<rPh" in inner:
        inner = _PHONETIC.sub(b"", inner)
    return "".join(xml_text(m.group(1) or b"") for m in _TEXT.finditer(inner))


@dataclass
class CellValue:
    value: Any
    formula: bool


def read_value(attrs: bytes, inner: bytes | None, strings: list[str],
               is_date: Any) -> CellValue | None:
    """The value of one cell (cached value for formulas); None for an empty cell."""
    if not inner:
        return None
    m = _T.search(attrs)
    t = m.group(1) if m else b"n"
    formula = b"<f" in inner
    if t == b"inlineStr":
        return CellValue(rich_text(inner), formula)
    v = _V.search(inner)
    if v is None:
        return CellValue(None, True) if formula else None
    raw = v.group(1)
    if t == b"s":
        try:
            return CellValue(strings[int(raw)], formula)
        except (ValueError, IndexError):
            return None
    if t in (b"str", b"e"):
        return CellValue(xml_text(raw), formula)
    if t == b"b":
        return CellValue(raw.strip() in (b"1", b"true"), formula)
    if t == b"d":
        try:
            return CellValue(dt.datetime.fromisoformat(raw.decode().strip()), formula)
        except ValueError:
            return CellValue(raw.decode(), formula)
    try:
        text = raw.strip()
        number: Any = int(text) if text.lstrip(b"-").isdigit() else float(text)
    except ValueError:
        return CellValue(xml_text(raw), formula)
    s = style_of(attrs)
    if s and is_date(s):
        from openpyxl.utils.datetime import CALENDAR_MAC_1904, CALENDAR_WINDOWS_1900, from_excel

        owner = getattr(is_date, "__self__", None)  # the Styles whose is_date this is
        epoch = CALENDAR_MAC_1904 if getattr(owner, "date1904", False) else \
            CALENDAR_WINDOWS_1900
        try:
            return CellValue(from_excel(number, epoch), formula)
        except (ValueError, OverflowError):
            pass
    return CellValue(number, formula)


def shared_master_ref(inner: bytes | None) -> str | None:
    """The range of a shared formula whose master this cell holds (None otherwise)."""
    if not inner or b't="shared"' not in inner:
        return None
    m = _F.search(inner)
    if m is None or not m.group(2):
        return None
    ref = re.search(rb'\bref="([^"]+)"', m.group(1))
    return ref.group(1).decode() if ref else None


def _number(value: Any) -> str | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return repr(value) if math.isfinite(value) else None
    return None


def _formula_xml(formula: str) -> str:
    """A formula the product composed, for <f>: without '=', markup escaped (the general
    escaping only when it holds unprintable characters: a formula normally has none)."""
    if formula[:1] == "=":
        formula = formula[1:]
    if not formula.isprintable():
        return escape_text(formula)
    return formula.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def follower_xml(ref: bytes, s: int, si: int, value: Any) -> bytes | None:
    """A shared formula's follower with a number or blank cached value, as `cell_xml` writes
    it (the bulk of Hitung's cells, written without the general path); None otherwise."""
    sattr = b' s="%d"' % s if s else b""
    if type(value) is float and math.isfinite(value):
        return b'<c r="%b"%b><f t="shared" si="%d"/><v>%b</v></c>' % (
            ref, sattr, si, repr(value).encode())
    if value is None or value == "":
        return b'<c r="%b"%b t="str"><f t="shared" si="%d"/><v></v></c>' % (ref, sattr, si)
    return None


def plain_xml(ref: bytes, s: int, value: Any) -> bytes | None:
    """A cell without a formula holding nothing, a whole or finite number, or text, as
    `cell_xml` writes it (the bulk of tahun-baru's cleared and moved cells and of a generated
    sheet's cells, written without the general path); None for any other value."""
    sattr = b' s="%d"' % s if s else b""
    kind = type(value)
    if value is None or (kind is str and not value):
        return b'<c r="%b"%b/>' % (ref, sattr) if s else b""
    if kind is int:
        return b'<c r="%b"%b><v>%d</v></c>' % (ref, sattr, value)
    if kind is float and math.isfinite(value):
        return b'<c r="%b"%b><v>%b</v></c>' % (ref, sattr, repr(value).encode())
    if kind is str:
        return b'<c r="%b"%b t="inlineStr"><is><t xml:space="preserve">%b</t></is></c>' % (
            ref, sattr, escape_text(value).encode())
    return None


def cell_xml(ref: str, s: int, value: Any, formula: str | None,
             share: tuple[int, str | None] | None = None) -> bytes:
    """One <c>: a formula with its cached value, a number, a bool, or text (always as an
    inline string: never a formula, and the user's shared strings stay untouched). `share`
    (si, the master's range or None) writes the formula as part of a shared formula."""
    sattr = f' s="{s}"' if s else ""
    if isinstance(value, (dt.datetime, dt.date)):
        from openpyxl.utils.datetime import to_excel

        value = to_excel(value)
    if formula:
        if share is None:
            body = f"<f>{_formula_xml(formula)}</f>"
        elif share[1]:
            body = f'<f t="shared" ref="{share[1]}" si="{share[0]}">{_formula_xml(formula)}</f>'
        else:
            body = f'<f t="shared" si="{share[0]}"/>'
        if type(value) in (int, float) and math.isfinite(value):
            return f'<c r="{ref}"{sattr}>{body}<v>{value!r}</v></c>'.encode()
        if isinstance(value, bool):
            return f'<c r="{ref}"{sattr} t="b">{body}<v>{int(value)}</v></c>'.encode()
        num = _number(value)
        if num is not None:
            return f'<c r="{ref}"{sattr}>{body}<v>{num}</v></c>'.encode()
        text = "" if value is None else escape_text(str(value))
        return f'<c r="{ref}"{sattr} t="str">{body}<v>{text}</v></c>'.encode()
    if value is None or value == "":
        return f'<c r="{ref}"{sattr}/>'.encode() if s else b""
    if isinstance(value, bool):
        return f'<c r="{ref}"{sattr} t="b"><v>{int(value)}</v></c>'.encode()
    num = _number(value)
    if num is not None:
        return f'<c r="{ref}"{sattr}><v>{num}</v></c>'.encode()
    return (f'<c r="{ref}"{sattr} t="inlineStr"><is><t xml:space="preserve">'
            f"{escape_text(str(value))}</t></is></c>").encode()
