"""Editing a worksheet part in place: replace or insert only the cells the product owns.

Every other cell, every row attribute, and everything outside `<sheetData>` except the
`<dimension>`, the column widths of new columns and the product's conditional formats stays
byte for byte. Cells keep their column order; rows keep their row order.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ..core.findings import WorkbookError
from .cells import (
    CELL,
    MAX_COL,
    MAX_ROW,
    ROW,
    SHEET_DATA,
    attr_row,
    cell_ref,
    cell_xml,
    col_index,
    col_letters,
    follower_xml,
    plain_xml,
    shared_master_ref,
    style_of,
)


@dataclass(slots=True)
class Edit:
    """What one owned cell becomes. `restyle` maps the cell's current style index to the one
    it gets (None keeps it)."""

    value: Any = None
    formula: str | None = None
    restyle: Callable[[int], int] | None = None
    share: tuple[int, str | None] | None = None  # (si, master range | None): shared formula


Edits = dict[int, dict[int, Edit]]  # row -> column -> edit
_SPANS = re.compile(rb'\sspans="(\d+):(\d+)"')
_REF_RANGE = re.compile(r"\$?([A-Z]{1,3})\$?(\d+)(?::\$?([A-Z]{1,3})\$?(\d+))?")


def _check_bounds(sheet: str, edits: Edits) -> None:
    for r, cols in edits.items():
        for c in cols:
            if not (1 <= r <= MAX_ROW and 1 <= c <= MAX_COL):
                raise WorkbookError(f"Sheet {sheet}: kolom yang diisi otomatis tidak muat lagi "
                                    f"(melewati kolom XFD / baris {MAX_ROW}). Kosongkan "
                                    "kolom di kanan tabel lalu jalankan lagi.")


def edit_cells(data: bytes, edits: Edits, sheet: str) -> bytes:
    """The worksheet part with the edited cells replaced/inserted."""
    if not edits:
        return data
    _check_bounds(sheet, edits)
    head = SHEET_DATA.search(data)
    if head is None:
        raise WorkbookError(f"Sheet {sheet}: bagian sheet tidak punya <sheetData>; "
                            "file tidak diproses.")
    if head.group(1) == b"/>":
        body_start = body_end = head.end()
        prefix, suffix = data[:head.start()] + data[head.start():head.end() - 2] + b">", \
            b"</sheetData>" + data[head.end():]
    else:
        body_start = head.end()
        body_end = data.index(b"</sheetData>", body_start)
        prefix, suffix = data[:body_start], data[body_end:]
    body = data[body_start:body_end]
    in_place = _edit_in_place(body, edits)
    if in_place is not None:
        body, edits = in_place
        if not edits:
            return prefix + body + suffix
    pending = sorted(edits)
    fast = _edit_by_find(body, pending, edits, sheet)
    if fast is not None:
        return prefix + fast + suffix
    out: list[bytes] = [prefix]
    pos, prev_row, k = 0, 0, 0
    for m in ROW.finditer(body):
        r = attr_row(m.group(1)) or prev_row + 1
        prev_row = r
        while k < len(pending) and pending[k] < r:
            out.append(body[pos:m.start()])
            pos = m.start()
            out.append(_new_row(pending[k], edits[pending[k]], sheet))
            k += 1
        if k < len(pending) and pending[k] == r:
            out.append(body[pos:m.start()])
            out.append(_edit_row(r, m.group(1), m.group(3), edits[r], sheet))
            pos = m.end()
            k += 1
    out.append(body[pos:])
    while k < len(pending):
        out.append(_new_row(pending[k], edits[pending[k]], sheet))
        k += 1
    out.append(suffix)
    return b"".join(out)


_LETTER_CACHE: dict[int, str] = {}
_PREFIX_CACHE: dict[int, bytes] = {}


def _cell_prefix(c: int) -> bytes:
    got = _PREFIX_CACHE.get(c)
    if got is None:
        got = _PREFIX_CACHE[c] = b'<c r="' + col_letters(c).encode()
    return got


def _letters(c: int) -> str:
    got = _LETTER_CACHE.get(c)
    if got is None:
        got = _LETTER_CACHE[c] = col_letters(c)
    return got


class _Elsewhere(Exception):
    """An edit the in-place substitution cannot make (a shared formula reaching outside)."""


def _edit_in_place(body: bytes, edits: Edits) -> tuple[bytes, Edits] | None:
    """Every edited cell that exists replaced in one substitution over the part (the usual
    case after the first run), and the edits still to make: those with content whose cell
    does not exist yet (for the row-by-row paths). None when a shared formula reaches
    outside the edits (the row-by-row paths explain the refusal)."""
    cols = {c for row in edits.values() for c in row}
    letters = {_letters(c).encode(): c for c in cols}
    pattern = re.compile(rb'<c r="(' + b"|".join(sorted(letters, key=len, reverse=True))
                         + rb')([0-9]{1,7})"([^>]*?)(?:/>|>([^<]*(?:<(?!/c>)[^<]*)*)</c>)')
    done: set[tuple[int, int]] = set()

    def replace(m: re.Match[bytes]) -> bytes:
        name, digits, attrs, inner = m.groups()
        r = int(digits)
        row = edits.get(r)
        c = letters[name]
        edit = row.get(c) if row is not None else None
        if edit is None:
            return m.group(0)
        if inner and b' ref="' in inner and b't="shared"' in inner:
            master = shared_master_ref(inner)
            if master and not _inside_edits(master, r, c, row):
                raise _Elsewhere
        if edit.value not in (None, "") or edit.formula:  # what `left` asks about
            done.add((r, c))
        s = style_of(attrs)
        if edit.restyle is not None:
            s = edit.restyle(s)
        share = edit.share
        if share is not None and share[1] is None:  # a shared formula's follower: most cells
            fast = follower_xml(name + digits, s, share[0], edit.value)
            if fast is not None:
                return fast
        elif edit.formula is None:  # a value or a clear (tahun-baru's moved/emptied cells)
            fast = plain_xml(name + digits, s, edit.value)
            if fast is not None:
                return fast
        return cell_xml((name + digits).decode(), s, edit.value, edit.formula, share)

    try:
        out = pattern.sub(replace, body)
    except _Elsewhere:
        return None
    left: Edits = {}
    for r, row in edits.items():
        for c, e in row.items():
            if (e.value not in (None, "") or e.formula) and (r, c) not in done:
                left.setdefault(r, {})[c] = e
    return out, left


def _edit_by_find(body: bytes, pending: list[int], edits: Edits, sheet: str) -> bytes | None:
    """Rows located by their r attribute (Excel and openpyxl write it first), for when every
    edited row exists; None sends the caller to the general scan."""
    out: list[bytes] = []
    pos = 0
    for r in pending:
        i = body.find(b'<row r="%d"' % r, pos)
        if i < 0:
            return None
        gt = body.find(b">", i)
        if body[gt - 1:gt] == b"/":
            return None
        end = body.find(b"</row>", gt)
        if end < 0:
            return None
        cols = edits[r]
        if min(cols) > _last_col(body, gt + 1, end) and not _SPANS.search(body, i + 4, gt):
            # Every cell new and right of the row's (tahun-baru's N-1/N-2 columns, added):
            # the row copied once up to its end tag, the cells written after it.
            out.append(body[pos:end])
            out.append(b"".join(_render(r, c, cols[c], 0) for c in sorted(cols)))
            pos = end  # "</row>" starts the next piece
            continue
        end += 6
        out.append(body[pos:i])
        out.append(_edit_row(r, body[i + 4:gt], body[gt + 1:end - 6], edits[r], sheet))
        pos = end
    out.append(body[pos:])
    return b"".join(out)


def _render(r: int, c: int, edit: Edit, old_s: int) -> bytes:
    s = edit.restyle(old_s) if edit.restyle is not None else old_s
    if edit.formula is None:
        fast = plain_xml(f"{_letters(c)}{r}".encode(), s, edit.value)
        if fast is not None:
            return fast
    return cell_xml(f"{_letters(c)}{r}", s, edit.value, edit.formula, edit.share)


def _new_row(r: int, cols: dict[int, Edit], sheet: str) -> bytes:
    cells = b"".join(_render(r, c, cols[c], 0) for c in sorted(cols))
    return f'<row r="{r}">'.encode() + cells + b"</row>" if cells else b""


def _fast_edit_row(r: int, row_attrs: bytes, inner: bytes | None, cols: dict[int, Edit]
                   ) -> bytes | None:
    """The row with its owned cells replaced where they exist and inserted in column order
    where they do not (found by the cells' r attributes alone, without parsing their content),
    or None for the general path (a row whose cells are not all numbered, a shared formula
    reaching beyond the edits)."""
    if inner is None:
        return None
    if min(cols) > _last_col(inner) and not _SPANS.search(row_attrs):  # all right of the row
        return (b"<row" + row_attrs + b">" + inner
                + b"".join(_render(r, c, cols[c], 0) for c in sorted(cols)) + b"</row>")
    pieces: list[tuple[int, int, int, int, bytes]] = []  # start, insert?, col, end, xml
    tail = b'%d"' % r
    starts: list[tuple[int, int]] | None = None  # (col, position) of every cell, when needed
    last = 0  # the row's last column, once needed
    for c, edit in cols.items():
        i = inner.find(_cell_prefix(c) + tail)
        if i < 0:
            if edit.value in (None, "") and not edit.formula:
                continue
            last = last or _last_col(inner)
            if c > last:  # a new column right of the row's cells: appended
                pieces.append((len(inner), 0, c, len(inner), _render(r, c, edit, 0)))
                continue
            if starts is None:
                starts = [(col_index(m.group(1)), m.start()) for m in _CELL_REF.finditer(inner)]
                if len(starts) != inner.count(b"<c ") + inner.count(b"<c>"):
                    return None  # a cell without its r attribute
            at = next((pos for col, pos in starts if col > c), len(inner))
            pieces.append((at, 0, c, at, _render(r, c, edit, 0)))
            continue
        gt = inner.find(b">", i)
        if inner[gt - 1:gt] == b"/":
            attrs, end = inner[i + 2:gt - 1], gt + 1
        else:
            end = inner.find(b"</c>", gt) + 4
            attrs = inner[i + 2:gt]
            if inner.find(b't="shared"', gt, end) >= 0 and inner.find(b' ref="', gt, end) >= 0:
                master = shared_master_ref(inner[gt + 1:end - 4])
                if master and not _inside_edits(master, r, c, cols):
                    return None  # the general path explains the refusal
        pieces.append((i, 1, c, end, _render(r, c, edit, style_of(attrs))))
    pieces.sort()
    out, pos = [], 0
    for start, _, _, end, new in pieces:
        out.append(inner[pos:start])
        out.append(new)
        pos = end
    out.append(inner[pos:])
    inserted = [c for _, kind, c, _, _ in pieces if kind == 0]
    spans = _SPANS.search(row_attrs) if inserted else None
    if spans:  # the row's column span hint covers the new cells
        lo = min(int(spans.group(1)), *inserted)
        hi = max(int(spans.group(2)), *inserted)
        row_attrs = (row_attrs[:spans.start()] + f' spans="{lo}:{hi}"'.encode()
                     + row_attrs[spans.end():])
    return b"<row" + row_attrs + b">" + b"".join(out) + b"</row>"


_CELL_REF = re.compile(rb'<c r="([A-Z]{1,3})[0-9]{1,7}"')


def _last_col(data: bytes, start: int = 0, end: int | None = None) -> int:
    """The column of the last cell of a row's cells (data[start:end]) when that cell is
    numbered, else a column no new cell is right of (so the caller looks at every cell)."""
    end = len(data) if end is None else end
    at = data.rfind(b'<c r="', start, end)
    m = _CELL_REF.match(data, at) if at >= 0 else None
    if m is None or max(data.rfind(b"<c ", start, end), data.rfind(b"<c>", start, end)) != at:
        return MAX_COL
    letters = m.group(1)
    col = _COLUMNS.get(letters)
    if col is None:
        col = _COLUMNS[letters] = col_index(letters)
    return col


_COLUMNS: dict[bytes, int] = {}


def _edit_row(r: int, attrs: bytes, inner: bytes | None, cols: dict[int, Edit],
              sheet: str) -> bytes:
    fast = _fast_edit_row(r, attrs, inner, cols)
    if fast is not None:
        return fast
    inner = inner or b""
    existing: list[tuple[int, bytes, int, bytes | None]] = []  # col, xml, style, inner
    prev = 0
    for cm in CELL.finditer(inner):
        _, c = cell_ref(cm.group(1))
        c = c or prev + 1
        prev = c
        raw = cm.group(0)
        if b' r="' not in cm.group(1)[:40] and cell_ref(cm.group(1))[1] is None:
            raw = b'<c r="' + f"{col_letters(c)}{r}".encode() + b'"' + raw[2:]
        existing.append((c, raw, style_of(cm.group(1)), cm.group(2)))
    by_col = {c: (raw, s, body) for c, raw, s, body in existing}
    for c in cols:
        if c in by_col:
            master = shared_master_ref(by_col[c][2])
            if master and not _inside_edits(master, r, c, cols):
                raise WorkbookError(
                    f"Sheet {sheet}: sel {col_letters(c)}{r} memulai rumus bersama (shared "
                    f"formula) untuk {master} yang meluas ke sel di luar kolom yang diisi "
                    "otomatis. Salin-tempel ulang rumus di luar kolom itu lalu jalankan lagi.")
    merged: list[tuple[int, bytes]] = []
    for c, raw, s, _ in existing:
        if c in cols:
            merged.append((c, _render(r, c, cols[c], s)))
        else:
            merged.append((c, raw))
    for c, edit in cols.items():
        if c not in by_col:
            merged.append((c, _render(r, c, edit, 0)))
    merged.sort(key=lambda item: item[0])
    spans = _SPANS.search(attrs)
    if spans and merged:
        lo = min(int(spans.group(1)), merged[0][0])
        hi = max(int(spans.group(2)), merged[-1][0])
        attrs = attrs[:spans.start()] + f' spans="{lo}:{hi}"'.encode() + attrs[spans.end():]
    if b' r="' not in attrs and attr_row(attrs) is None:
        attrs = f' r="{r}"'.encode() + attrs
    cells = b"".join(x for _, x in merged)
    if not cells:
        return b"<row" + attrs.rstrip(b"/") + b"/>"
    return b"<row" + attrs + b">" + cells + b"</row>"


def _inside_edits(ref: str, r: int, c: int, cols: dict[int, Edit]) -> bool:
    """Does a shared formula's range stay within one rewritten column (ours)?"""
    m = _REF_RANGE.fullmatch(ref)
    if not m:
        return False
    c1, c2 = col_index(m.group(1)), col_index(m.group(3) or m.group(1))
    return c1 == c2 == c


# around the cells ------------------------------------------------------------------------------

_DIMENSION = re.compile(rb'<dimension\b[^>]*?\bref="([^"]*)"[^>]*?/>')


def widen_dimension(data: bytes, max_row: int, max_col: int) -> bytes:
    """Make <dimension ref> cover (max_row, max_col) too."""
    m = _DIMENSION.search(data)
    if m is None:
        return data
    ref = m.group(1).decode()
    found = _REF_RANGE.fullmatch(ref)
    if not found:
        return data
    c1, r1 = col_index(found.group(1)), int(found.group(2))
    c2 = col_index(found.group(3) or found.group(1))
    r2 = int(found.group(4) or found.group(2))
    if ref == "A1" and max_row and max_col:
        c1 = r1 = 1
        c2, r2 = c2, r2
    nc2, nr2 = max(c2, max_col), max(r2, max_row)
    if (nc2, nr2) == (c2, r2):
        return data
    new = f"{col_letters(c1)}{r1}:{col_letters(nc2)}{nr2}".encode()
    start, end = m.span(1)
    return data[:start] + new + data[end:]


_COLS = re.compile(rb"<cols>(.*?)</cols>", re.S)
_COL = re.compile(rb'<col\b[^>]*?\bmin="(\d+)"[^>]*?\bmax="(\d+)"[^>]*?/>')


def add_widths(data: bytes, widths: dict[int, float]) -> bytes:
    """Give new columns a width, only where no <col> covers them already."""
    m = _COLS.search(data)
    spans = [(int(a), int(b)) for a, b in _COL.findall(m.group(1))] if m else []
    spans += [(int(b), int(a)) for a, b in re.findall(rb'<col\b[^>]*?\bmax="(\d+)"[^>]*?\bmin'
                                                      rb'="(\d+)"', m.group(1))] if m else []
    todo = {c: w for c, w in widths.items() if not any(a <= c <= b for a, b in spans)}
    if not todo:
        return data
    new = b"".join(f'<col min="{c}" max="{c}" width="{w:g}" customWidth="1"/>'.encode()
                   for c, w in sorted(todo.items()))
    if m is not None:  # keep <col> elements sorted by min
        items = re.findall(rb"<col\b[^>]*?/>", m.group(1))
        items += re.findall(rb"<col\b[^>]*?/>", new)

        def first(x: bytes) -> int:
            found = re.search(rb'\bmin="(\d+)"', x)
            return int(found.group(1)) if found else 0
        body = b"".join(sorted(items, key=first))
        if len(re.findall(rb"<col\b", m.group(1))) != len(items) - len(todo):
            body = m.group(1) + new  # unusual content: append
        return data[:m.start(1)] + body + data[m.end(1):]
    head = SHEET_DATA.search(data)
    assert head is not None
    return data[:head.start()] + b"<cols>" + new + b"</cols>" + data[head.start():]


def merged_ranges(data: bytes) -> list[str]:
    return [r.decode() for r in re.findall(rb'<mergeCell\b[^>]*?\bref="([^"]+)"', data)]


def range_bounds(ref: str) -> tuple[int, int, int, int] | None:
    """(first row, first col, last row, last col) of 'A1:B2' (or 'A1')."""
    m = _REF_RANGE.fullmatch(ref)
    if not m:
        return None
    c1, r1 = col_index(m.group(1)), int(m.group(2))
    return r1, c1, int(m.group(4) or r1), col_index(m.group(3) or m.group(1))
