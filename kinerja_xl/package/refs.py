"""Row references moved the way Excel's Insert Row moves them.

`RowShift` maps an original row number to its number after inserting empty rows before some
rows; references are found with openpyxl's formula tokenizer (a text literal that looks like a
reference is never touched). Rules, as in Excel: a row at or below an insert point moves down,
a range that straddles it grows, whole-column references (`A:A`) stay, `$` references move too,
references to other sheets and to other workbooks (`[1]Sheet!A1`) stay. What cannot be shifted
for sure (a 3-D reference, a formula the tokenizer cannot read, a row past 1,048,576) raises
`Unshiftable`: the caller refuses the insert rather than guess.
"""

from __future__ import annotations

import html
import re
from bisect import bisect_right
from collections.abc import Iterable, Iterator

from openpyxl.formula.tokenizer import Token, Tokenizer, TokenizerError

MAX_ROW = 1048576


class Unshiftable(Exception):
    """A reference the insert cannot move for sure; the message is Indonesian."""


class RowShift:
    """Rows inserted before original rows: `row(r)` is the original row r's new number."""

    def __init__(self, inserts: Iterable[tuple[int, int]]) -> None:
        merged: dict[int, int] = {}
        for before, count in inserts:
            if before < 1 or count < 0:
                raise ValueError(f"bad insert {before}, {count}")
            if count:
                merged[before] = merged.get(before, 0) + count
        self.points = sorted(merged.items())
        self._before = [b for b, _ in self.points]
        self._cum = [0]
        for _, n in self.points:
            self._cum.append(self._cum[-1] + n)

    def __bool__(self) -> bool:
        return bool(self.points)

    @property
    def first(self) -> int:
        return self._before[0] if self._before else MAX_ROW + 1

    def row(self, r: int) -> int:
        new = r + self._cum[bisect_right(self._before, r)]
        if new > MAX_ROW:
            raise Unshiftable(f"baris {r} akan bergeser melewati baris {MAX_ROW}")
        return new

    def row0(self, r0: int) -> int:
        """A 0-based row index (drawing anchors, VML notes)."""
        return self.row(r0 + 1) - 1

    def new_rows(self) -> Iterator[tuple[int, int, int]]:
        """(original row it goes before, new row number, original row above it)."""
        for i, (before, count) in enumerate(self.points):
            base = before + self._cum[i]
            for k in range(count):
                yield before, base + k, before - 1


_CELL = r"(\$?)([A-Za-z]{1,3})(\$?)(\d+)"
_AREA = re.compile(rf"{_CELL}(?::{_CELL})?")
_ROWS = re.compile(r"(\$?)(\d+):(\$?)(\d+)")


def shift_area(ref: str, shift: RowShift) -> str:
    """'A5', 'A5:B9', '5:9' moved; anything else (a name, 'A:A', a table) unchanged."""
    m = _AREA.fullmatch(ref)
    if m:
        out = f"{m[1]}{m[2]}{m[3]}{shift.row(int(m[4]))}"
        if m[8] is not None:
            out += f":{m[5]}{m[6]}{m[7]}{shift.row(int(m[8]))}"
        return out
    m = _ROWS.fullmatch(ref)
    if m:
        return f"{m[1]}{shift.row(int(m[2]))}:{m[3]}{shift.row(int(m[4]))}"
    parts = ref.split(":")
    if len(parts) > 2 and all(_AREA.fullmatch(p) for p in parts):  # A1:A3:B5
        return ":".join(shift_area(p, shift) for p in parts)
    return ref


def shift_sqref(sqref: str, shift: RowShift) -> str:
    """A space-separated list of areas (sqref attributes, <xm:sqref>)."""
    return " ".join(shift_area(part, shift) for part in sqref.split(" "))


def _split_sheet(operand: str) -> tuple[str | None, str]:
    """('Sheet', 'A1') for "'Sheet'!A1" / 'Sheet!A1'; (None, operand) without a sheet."""
    if operand.startswith("'"):
        i = 1
        while i < len(operand):
            if operand[i] == "'":
                if operand[i + 1:i + 2] == "'":
                    i += 2
                    continue
                break
            i += 1
        if operand[i + 1:i + 2] != "!":
            return None, operand
        return operand[1:i].replace("''", "'"), operand[i + 2:]
    bang = operand.rfind("!")
    if bang < 0:
        return None, operand
    return operand[:bang], operand[bang + 1:]


def shift_operand(operand: str, host: str | None, target: str, shift: RowShift) -> str:
    sheet, ref = _split_sheet(operand)
    if sheet is None:
        if host is None or host.casefold() != target.casefold():
            return operand
    else:
        if sheet.startswith("["):
            return operand  # another workbook
        if ":" in sheet:
            if target.casefold() in sheet.casefold() or "'" not in operand:
                raise Unshiftable(f"rumus memakai referensi 3-D {operand}")
            return operand
        if sheet.casefold() != target.casefold():
            return operand
    new = shift_area(ref, shift)
    return operand if new == ref else operand[:len(operand) - len(ref)] + new


def shift_formula(formula: str, host: str | None, target: str, shift: RowShift) -> str:
    """A formula (without '=') written on sheet `host` (None: a defined name or chart, where
    only sheet-qualified references count) after inserting rows in sheet `target`."""
    if not formula or not shift:
        return formula
    try:
        tokens = Tokenizer("=" + formula).items
    except (TokenizerError, ValueError, IndexError) as exc:
        raise Unshiftable(f"rumus '{formula[:60]}' tidak dapat dibaca") from exc
    out: list[str] = []
    pos = 0
    for tok in tokens:
        if tok.type == Token.WSPACE:
            continue  # copied with the text before the next token
        at = formula.find(tok.value, pos)
        if at < 0 or formula[pos:at].strip():
            raise Unshiftable(f"rumus '{formula[:60]}' tidak dapat dibaca")
        end = at + len(tok.value)
        out.append(formula[pos:at])
        out.append(_shift_token(tok, formula, host, target, shift))
        pos = end
    out.append(formula[pos:])
    return "".join(out)


def _shift_token(tok: Token, formula: str, host: str | None, target: str,
                 shift: RowShift) -> str:
    value = tok.value
    if tok.type == Token.OPERAND and tok.subtype == Token.RANGE:
        if value.startswith(":"):  # INDEX(…):A9 — the sheet is the function's
            if host is not None and host.casefold() == target.casefold():
                return ":" + shift_area(value[1:], shift)
            if target.casefold() in formula.casefold():
                raise Unshiftable(f"rumus '{formula[:60]}' memakai rentang fungsi:sel")
            return value
        return shift_operand(value, host, target, shift)
    if tok.type == Token.FUNC and tok.subtype == Token.OPEN and ":" in value:
        cut = value.rindex(":")  # A6:INDEX( — a range from a cell to a function's result
        return shift_operand(value[:cut], host, target, shift) + value[cut:]
    return value


def shift_formula_xml(raw: bytes, host: str | None, target: str, shift: RowShift) -> bytes:
    """The same for a formula as it stands escaped in XML text; unchanged bytes when no
    reference moved."""
    text = html.unescape(raw.decode("utf-8"))
    new = shift_formula(text, host, target, shift)
    if new == text:
        return raw
    return escape_formula(new)


def escape_formula(text: str) -> bytes:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").encode()


def mentions(data: bytes, sheet: str) -> bool:
    """Could this part refer to the sheet by name (quick filter before tokenizing)?"""
    names = {sheet.encode(), escape_formula(sheet), escape_formula(sheet.replace("'", "''"))}
    return any(re.search(re.escape(n), data, re.I) for n in names)
