"""Atomic saving of workbooks made with openpyxl (new files: `baru`, `contoh`, `impor -o`).

A user's existing workbook is never re-saved by openpyxl: `kinerja_xl.package` edits it part by
part. The bytes go to disk through `guard.replace_atomic` (temporary sibling, then one
`os.replace`): an interrupted save never leaves a half-written workbook.
"""

from __future__ import annotations

import io
import posixpath
import zipfile
from pathlib import Path

from defusedxml import ElementTree
from openpyxl.workbook.workbook import Workbook

from ..core.findings import WorkbookError
from .guard import Snapshot, replace_atomic, snapshot_of

_NS_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_NS_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_NS_PKG = "{http://schemas.openxmlformats.org/package/2006/relationships}"


def save_workbook(wb: Workbook, path: str | Path) -> None:
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
    write_atomic(path, buf.getvalue(), snapshot_of(wb))


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
