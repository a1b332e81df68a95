"""Checks of a built .xlsm without Excel: package, VBA project, sources and ribbon callbacks.

Every check returns a list of problems (empty = fine) so tests and CI can show them all at
once. The VBA project is read back with olefile (strict) and oletools' strict MS-OVBA parser,
i.e. with readers we did not write. Messages are for developers, hence English.
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
from pathlib import Path
from xml.etree import ElementTree as ET

from defusedxml import ElementTree as SafeET

from kinerja_xl.template.package import (
    CT_NS,
    CUSTOM_UI_REL,
    MACRO_WORKBOOK_CT,
    REL_NS,
    VBA_PART,
    VBA_PROJECT_CT,
    VBA_PROJECT_REL,
)
from kinerja_xl.vba.project import SOURCE_ONLY_HEADER
from kinerja_xl.vba.source import (
    parse_exported,
    split_lines,
    without_attributes,
)

CUSTOM_UI_NS = "http://schemas.microsoft.com/office/2006/01/customui"
RIBBON_CALLBACKS = frozenset({
    "onAction", "onLoad", "onChange", "getLabel", "getEnabled", "getVisible", "getImage",
    "getText", "getPressed", "getScreentip", "getSupertip", "getItemCount", "getItemLabel",
    "getItemID", "getSelectedItemIndex", "getSize", "getKeytip", "getDescription",
})
_RIBBON_PARAM = re.compile(r"\s*(?:ByRef\s+|ByVal\s+)?\w+\s+As\s+(?:Office\.)?IRibbonControl\s*",
                           re.IGNORECASE)
# Base classes of document modules, spelled out here rather than imported from the writer so
# that a wrong constant there is caught here.
_WORKBOOK_BASE = 'VB_Base = "0{00020819-0000-0000-C000-000000000046}"'
_WORKSHEET_BASE = 'VB_Base = "0{00020820-0000-0000-C000-000000000046}"'
_SUB = re.compile(r"^\s*(?:Public\s+)?Sub\s+(\w+)\s*\(([^)]*)\)", re.IGNORECASE | re.MULTILINE)


class VbaProjectInfo:
    """What the independent readers decoded: module sources and the PROJECT declarations."""

    def __init__(self) -> None:
        self.sources: dict[str, str] = {}
        self.declared: dict[str, str] = {}  # module name -> Module | Class | Document


def read_vba_project(data: bytes, problems: list[str]) -> VbaProjectInfo:
    """Decode vbaProject.bin with olefile + oletools (strict); problems are appended."""
    import olefile
    from oletools.olevba import VBA_Project

    info = VbaProjectInfo()
    try:
        ole = olefile.OleFileIO(io.BytesIO(data), raise_defects=olefile.DEFECT_INCORRECT)
    except Exception as exc:
        problems.append(f"compound file rejected by olefile: {exc}")
        return info
    try:
        if ole.openstream("VBA/_VBA_PROJECT").read() != SOURCE_ONLY_HEADER:
            problems.append("VBA/_VBA_PROJECT is not the source-only header cc61ffff000100")
        project_text = ole.openstream("PROJECT").read().decode("cp1252", "replace")
        for line in split_lines(project_text):
            key, _, value = line.partition("=")
            if key in ("Module", "Class", "Document") and value:
                info.declared[value.split("/", 1)[0]] = key
        project = VBA_Project(ole, "", "PROJECT", "VBA/dir", relaxed=False)
        for _ in project.parse_modules():
            pass
        for module in project.modules:
            raw = bytes(module.code_raw or b"")
            info.sources[module.name] = raw.decode(project.codec, "replace")
    except Exception as exc:
        problems.append(f"oletools strict parse failed: {type(exc).__name__}: {exc}")
    finally:
        ole.close()
    for name, source in info.sources.items():
        if name not in info.declared:
            problems.append(f"module {name} is not declared in the PROJECT stream")
        if "\n" in source.replace("\r\n", ""):
            problems.append(f"module {name}: line endings are not CRLF")
    for name in info.declared:
        if name not in info.sources:
            problems.append(f"PROJECT declares {name}, which is not in the dir stream")
    return info


def check_vba_project(data: bytes, expected_dir: Path | None = None) -> list[str]:
    """Problems of a bare vbaProject.bin, optionally compared with DIR/*.bas|*.cls."""
    problems: list[str] = []
    info = read_vba_project(data, problems)
    if expected_dir is not None:
        problems += compare_sources(info.sources, expected_dir)
    return problems


def compare_sources(sources: dict[str, str], expected_dir: Path) -> list[str]:
    """Each .bas/.cls in `expected_dir` must be a module with the same code."""
    problems = []
    for path in sorted(expected_dir.iterdir()):
        if path.suffix.lower() not in (".bas", ".cls"):
            continue
        name = path.stem
        if name not in sources:
            problems.append(f"module {name} ({path.name}) is missing from the project")
            continue
        want = without_attributes(parse_exported(path.read_text(encoding="utf-8")).body)
        if without_attributes(sources[name]) != want:
            problems.append(f"module {name}: decoded source differs from {path.name}")
    return problems


def _header(source: str) -> str:
    return "\n".join(split_lines(source)[:12])


def check_ribbon(ui: bytes, sources: dict[str, str], declared: dict[str, str],
                 xsd: Path | None = None) -> list[str]:
    """Namespace, optional schema, unique ids; every callback is a Sub of a standard module."""
    problems = []
    root = SafeET.fromstring(ui)
    if root.tag != f"{{{CUSTOM_UI_NS}}}customUI":
        problems.append(f"ribbon root is {root.tag}, expected customUI in {CUSTOM_UI_NS}")
    if xsd is not None:
        from lxml import etree

        schema = etree.XMLSchema(etree.parse(str(xsd)))
        if not schema.validate(etree.fromstring(ui)):
            problems += [f"ribbon schema: {e.message} (line {e.line})" for e in schema.error_log]
    ids = [el.get("id") for el in root.iter() if el.get("id")]
    problems += [f"ribbon: duplicate id {i}" for i in sorted({i for i in ids if ids.count(i) > 1})]
    subs: dict[str, str] = {}
    for name, source in sources.items():
        if declared.get(name) != "Module":
            continue  # class and document modules cannot host ribbon callbacks
        for match in _SUB.finditer(source):
            subs[match.group(1).lower()] = subs[f"{name}.{match.group(1)}".lower()] = match.group(2)
    for el in root.iter():
        for attr in sorted(RIBBON_CALLBACKS & set(el.attrib)):
            callback = el.attrib[attr]
            params = subs.get(callback.lower())
            if params is None:
                problems.append(f"ribbon: {attr}={callback!r} names no Sub in a standard module")
            elif attr == "onAction" and el.tag == f"{{{CUSTOM_UI_NS}}}button" \
                    and not _RIBBON_PARAM.fullmatch(params):
                problems.append(f"ribbon: {callback}({params}) is not (control As IRibbonControl)")
    return problems


def _content_type(types: ET.Element, part: str) -> str | None:
    """Content type of `part`: its Override, else the Default for its extension (OPC rule)."""
    for el in types.iter(f"{{{CT_NS}}}Override"):
        if el.get("PartName", "").lower() == "/" + part.lower():
            return el.get("ContentType")
    ext = part.rsplit(".", 1)[-1].lower()
    for el in types.iter(f"{{{CT_NS}}}Default"):
        if el.get("Extension", "").lower() == ext:
            return el.get("ContentType")
    return None


def _check_code_names(zf: zipfile.ZipFile, info: VbaProjectInfo) -> list[str]:
    """The workbook's and every worksheet's codeName has a document module of the right base."""
    wanted = [(name, _WORKBOOK_BASE) for name in re.findall(
        r'<workbookPr\b[^>]*\bcodeName="([^"]+)"', zf.read("xl/workbook.xml").decode("utf-8"))]
    for part in sorted(zf.namelist()):
        if part.startswith("xl/worksheets/") and part.endswith(".xml"):
            wanted += [(name, _WORKSHEET_BASE) for name in re.findall(
                r'<sheetPr\b[^>]*\bcodeName="([^"]+)"', zf.read(part).decode("utf-8"))]
    problems = []
    for name, base in wanted:
        if info.declared.get(name) != "Document" or name not in info.sources:
            problems.append(f"codeName {name} has no document module")
        elif base not in _header(info.sources[name]):
            problems.append(f"document module {name} lacks Attribute {base}")
    return problems


def check_xlsm(path: str | Path, expected_dir: Path | None = None,
               ribbon_xsd: Path | None = None) -> list[str]:
    """All checks of a macro-enabled workbook; returns the problems found (empty = OK)."""
    problems: list[str] = []
    with zipfile.ZipFile(path) as zf:
        names = set(zf.namelist())
        types = SafeET.fromstring(zf.read("[Content_Types].xml"))
        if _content_type(types, "xl/workbook.xml") != MACRO_WORKBOOK_CT:
            problems.append("xl/workbook.xml does not have the macro-enabled content type")
        if VBA_PART not in names:
            return [*problems, "no xl/vbaProject.bin"]
        if _content_type(types, VBA_PART) != VBA_PROJECT_CT:
            problems.append("xl/vbaProject.bin does not have the vbaProject content type")
        wb_rels = SafeET.fromstring(zf.read("xl/_rels/workbook.xml.rels"))
        if not any(r.get("Type") == VBA_PROJECT_REL
                   and posixpath.normpath(posixpath.join("xl", r.get("Target", ""))) == VBA_PART
                   for r in wb_rels.iter(f"{{{REL_NS}}}Relationship")):
            problems.append("no workbook relationship to vbaProject.bin")
        info = read_vba_project(zf.read(VBA_PART), problems)
        if expected_dir is not None:
            problems += compare_sources(info.sources, expected_dir)
        root_rels = SafeET.fromstring(zf.read("_rels/.rels"))
        ui_parts = [r.get("Target", "").lstrip("/")
                    for r in root_rels.iter(f"{{{REL_NS}}}Relationship")
                    if r.get("Type") == CUSTOM_UI_REL]
        if not ui_parts:
            problems.append("no ribbon (customUI) relationship in _rels/.rels")
        for part in ui_parts:
            if part not in names:
                problems.append(f"ribbon relationship points to missing part {part}")
            else:
                problems += check_ribbon(zf.read(part), info.sources, info.declared, ribbon_xsd)
        problems += _check_code_names(zf, info)
    return problems
