"""An integrity check of a written package: what Excel would otherwise offer to "repair".

Unique relationship Ids in every .rels, no relationship to a missing part, a content type for
every part, unique sheet names and ids, defined names unique per scope and scoped to an
existing sheet, style indices within the style tables, and (with the VBA readers of the test
tools installed) every sheet's codeName matching a document module of the VBA project.
"""

from __future__ import annotations

import io
import re
import zipfile

from . import xml
from .parts import Package, Rels, source_of
from .workbook import WorkbookPart
from .xml import PKG_REL, M

_S_INDEX = re.compile(rb'<c\b[^>]*?\bs="(\d+)"')
_DXF_INDEX = re.compile(rb'\bdxfId="(\d+)"')


def check_package(data: bytes) -> list[str]:
    """Problems found in a package (empty list: none)."""
    problems: list[str] = []
    pkg = Package(data, "check")
    names = pkg.names()
    present = {n.lower() for n in names}
    for name in names:
        if name.endswith("/") or name == "[Content_Types].xml":
            continue
        if pkg.content_type(name) is None:
            problems.append(f"no content type for {name}")
        if not name.endswith(".rels"):
            continue
        root = xml.parse(pkg.read(name), name)
        ids = [r.get("Id") for r in root.findall(f"{{{PKG_REL}}}Relationship")]
        dupes = sorted({i for i in ids if ids.count(i) > 1})
        if dupes:
            problems.append(f"{name}: duplicate relationship Ids {dupes}")
        source = source_of(name)
        rels = Rels(pkg, source)
        for rel in rels.items():
            target = rels.target_part(rel)
            if target is not None and target.lower() not in present:
                problems.append(f"{name}: {rel.get('Id')} points to missing {target}")
    wb = WorkbookPart(pkg)
    sheets = wb.sheets()
    lowered = [s.name.casefold() for s in sheets]
    if len(set(lowered)) != len(lowered):
        problems.append("duplicate sheet names")
    ids = [s.sheet_id for s in sheets]
    if len(set(ids)) != len(ids):
        problems.append("duplicate sheetId")
    scoped = [(dn.get("name", "").casefold(), dn.get("localSheetId")) for dn in
              wb.defined_names()]
    if len(set(scoped)) != len(scoped):
        problems.append("defined name defined twice in one scope")
    for _, local in scoped:
        if local is not None and (not local.isdigit() or int(local) >= len(sheets)):
            problems.append(f"defined name scoped to missing sheet {local}")
    problems += _styles(pkg, wb, sheets)
    problems += code_name_problems(data)
    return problems


def _styles(pkg: Package, wb: WorkbookPart, sheets: list) -> list[str]:
    from .styles import Styles

    styles = Styles(pkg, wb)
    n_xf = len(styles._items("cellXfs"))
    n_dxf = len(styles._items("dxfs"))
    out = []
    for s in sheets:
        if not s.part or not pkg.has(s.part):
            continue
        data = pkg.read(s.part)
        top = max((int(x) for x in _S_INDEX.findall(data)), default=0)
        if top >= n_xf:
            out.append(f"sheet {s.name}: style index {top} beyond {n_xf} cell formats")
        dxf = max((int(x) for x in _DXF_INDEX.findall(data)), default=-1)
        if dxf >= n_dxf:
            out.append(f"sheet {s.name}: dxfId {dxf} beyond {n_dxf} differential formats")
    root = styles.root
    for tag in ("fonts", "fills", "borders", "cellXfs", "dxfs", "numFmts"):
        el = root.find(f"{M}{tag}")
        if el is not None and el.get("count") not in (None, str(len(el))):
            out.append(f"styles: {tag} count {el.get('count')} != {len(el)}")
    return out


def code_name_problems(data: bytes) -> list[str]:
    """Every codeName has a document module (needs oletools/olefile; skipped without)."""
    zf = zipfile.ZipFile(io.BytesIO(data))
    if "xl/vbaProject.bin" not in zf.namelist():
        return []
    try:
        from ..template.check import _check_code_names, read_vba_project
    except ImportError:  # pragma: no cover - the test tools are not installed
        return []
    problems: list[str] = []
    info = read_vba_project(zf.read("xl/vbaProject.bin"), problems)
    return problems + _check_code_names(zf, info)

