"""Atomic saving, with the cached values of our formulas written into the file.

openpyxl writes formulas without results (`<f>…</f><v></v>`), so a reader that does not
recalculate (pandas, a phone viewer, openpyxl data_only) would see nothing. We patch the
values we computed into those cells, then move the finished file over the original in one
`os.replace`: an interrupted save never leaves a half-written workbook.
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from defusedxml import ElementTree
from openpyxl.workbook.workbook import Workbook

from ..core.findings import WorkbookError
from .guard import Snapshot, replace_atomic, snapshot_of

_NS_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_NS_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_NS_PKG = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_CELL = re.compile(rb'<c r="([A-Z]+[0-9]+)"([^>]*)><f>(.*?)</f><v\s*(?:/>|></v>)</c>', re.S)


def save_workbook(wb: Workbook, path: str | Path,
                  cached: dict[str, dict[str, object]] | None = None) -> None:
    """Save wb to path atomically (temporary file in the same folder, then replace). A
    workbook opened by `load.open_workbook` carries the snapshot taken before it was read:
    the save refuses when the file changed meanwhile."""
    path = Path(path)
    buf = io.BytesIO()
    try:
        wb.save(buf)
    except Exception as exc:  # openpyxl serialisation errors
        raise WorkbookError(f"Workbook tidak dapat disimpan: {type(exc).__name__}: "
                            f"{str(exc)[:200]}") from exc
    data = buf.getvalue()
    if cached:
        data = patch_cached_values(data, cached)
    write_atomic(path, data, snapshot_of(wb))


def write_atomic(path: Path, data: bytes, snapshot: Snapshot | None = None) -> None:
    """Write bytes to path through a temporary sibling and os.replace, behind the guards of
    `guard.replace_atomic` (open elsewhere, read-only, changed since `snapshot`, symlinks,
    stale temporaries, disk full)."""
    replace_atomic(snapshot, path, data)


def _sheet_parts(z: zipfile.ZipFile) -> dict[str, str]:
    wb = ElementTree.fromstring(z.read("xl/workbook.xml"))
    rels = ElementTree.fromstring(z.read("xl/_rels/workbook.xml.rels"))
    target = {r.get("Id"): r.get("Target") for r in rels.iter(f"{_NS_PKG}Relationship")}
    out = {}
    for sheet in wb.iter(f"{_NS_MAIN}sheet"):
        t = target.get(sheet.get(f"{_NS_REL}id"), "")
        out[sheet.get("name")] = t.lstrip("/") if t.startswith("/") else posixpath.normpath(
            posixpath.join("xl", t))
    return out


def _value_xml(value: object) -> tuple[bytes, bytes]:
    """(extra attributes, <v> content) for a cached value."""
    if isinstance(value, bool):
        return b' t="b"', b"1" if value else b"0"
    if isinstance(value, (int, float)):
        return b"", repr(float(value)).encode() if isinstance(value, float) else str(
            value).encode()
    return b' t="str"', escape("" if value is None else str(value)).encode("utf-8")


def patch_cached_values(data: bytes, cached: dict[str, dict[str, object]]) -> bytes:
    """Fill `<v>` of formula cells listed in cached (sheet -> ref -> value)."""
    src = zipfile.ZipFile(io.BytesIO(data))
    parts = _sheet_parts(src)
    by_part = {parts[s]: refs for s, refs in cached.items() if s in parts and refs}
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            body = src.read(info.filename)
            refs = by_part.get(info.filename)
            if refs:
                def fill(m: re.Match[bytes], refs: dict[str, object] = refs) -> bytes:
                    ref = m.group(1).decode()
                    if ref not in refs:
                        return m.group(0)
                    attrs, v = _value_xml(refs[ref])
                    extra = re.sub(rb'\s+t="[^"]*"', b"", m.group(2)) + attrs
                    return b'<c r="' + m.group(1) + b'"' + extra + b"><f>" + m.group(3) + \
                        b"</f><v>" + v + b"</v></c>"
                body = _CELL.sub(fill, body)
            dst.writestr(info, body)
    return out.getvalue()


def save_over(wb: Workbook, source: str | Path, out: str | Path | None = None,
              cached: dict[str, dict[str, object]] | None = None,
              before: Mapping[str, Sequence[Sequence[Any]]] | None = None) -> None:
    """Save a workbook loaded from source (to out, default source), keeping the cached results
    of every formula nobody rewrote: openpyxl drops them, and pandas or a phone viewer would
    then see blanks. `cached` holds the fresh values of the formulas just written; `before`,
    the grids read before the change, makes finding the other formulas cheap."""
    from .load import formula_cache

    kept = formula_cache(source, wb, cached, before)
    for sheet, values in (cached or {}).items():
        kept.setdefault(sheet, {}).update(values)
    save_workbook(wb, out or source, kept)
