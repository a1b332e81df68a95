"""Turn the .xlsx package openpyxl writes into a macro-enabled one with a ribbon.

Adds `xl/vbaProject.bin` and `customUI/customUI.xml` with their relationships and content
types, switches the workbook content type to macro-enabled, fixes the document dates and
rewrites the zip with fixed timestamps and a stable member order, so builds are reproducible.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterable
from xml.etree import ElementTree as ET

CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
MACRO_WORKBOOK_CT = "application/vnd.ms-excel.sheet.macroEnabled.main+xml"
VBA_PROJECT_CT = "application/vnd.ms-office.vbaProject"
VBA_PROJECT_REL = "http://schemas.microsoft.com/office/2006/relationships/vbaProject"
CUSTOM_UI_REL = "http://schemas.microsoft.com/office/2006/relationships/ui/extensibility"
VBA_PART = "xl/vbaProject.bin"
CUSTOM_UI_PART = "customUI/customUI.xml"
FIXED_DOC_TIME = "2025-01-01T00:00:00Z"
FIXED_ZIP_TIME = (1980, 1, 1, 0, 0, 0)
_DECLARATION = b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
_FIRST = ("[Content_Types].xml", "_rels/.rels")


def _xml(root: ET.Element, namespace: str) -> bytes:
    ET.register_namespace("", namespace)
    return _DECLARATION + ET.tostring(root, encoding="unicode").encode("utf-8")


def _content_types(data: bytes) -> bytes:
    root = ET.fromstring(data)
    overrides = {el.get("PartName"): el for el in root.findall(f"{{{CT_NS}}}Override")}
    workbook = overrides.get("/xl/workbook.xml")
    if workbook is None:
        raise ValueError("[Content_Types].xml has no entry for /xl/workbook.xml")
    workbook.set("ContentType", MACRO_WORKBOOK_CT)
    vba = overrides.get("/" + VBA_PART)
    if vba is None:
        vba = ET.SubElement(root, f"{{{CT_NS}}}Override", PartName="/" + VBA_PART)
    vba.set("ContentType", VBA_PROJECT_CT)
    defaults = {el.get("Extension", "").lower() for el in root.findall(f"{{{CT_NS}}}Default")}
    if "xml" not in defaults and "/" + CUSTOM_UI_PART not in overrides:
        ET.SubElement(root, f"{{{CT_NS}}}Override", PartName="/" + CUSTOM_UI_PART,
                      ContentType="application/xml")
    return _xml(root, CT_NS)


def _add_relationship(data: bytes, rel_type: str, target: str) -> bytes:
    """Add a relationship unless one of that type already exists (then point it at target)."""
    root = ET.fromstring(data)
    rels = root.findall(f"{{{REL_NS}}}Relationship")
    for rel in rels:
        if rel.get("Type") == rel_type:
            rel.set("Target", target)
            return _xml(root, REL_NS)
    used = {rel.get("Id") for rel in rels}
    number = 1
    while f"rId{number}" in used:
        number += 1
    ET.SubElement(root, f"{{{REL_NS}}}Relationship", Type=rel_type, Target=target,
                  Id=f"rId{number}")
    return _xml(root, REL_NS)


def _fixed_dates(core: bytes) -> bytes:
    text = core.decode("utf-8")
    for tag in ("created", "modified"):
        text = re.sub(rf"(<dcterms:{tag}\b[^>]*>)[^<]*(</dcterms:{tag}>)",
                      rf"\g<1>{FIXED_DOC_TIME}\g<2>", text)
    return text.encode("utf-8")


def make_macro_enabled(xlsx: bytes, vba_project: bytes, custom_ui: bytes) -> bytes:
    """The .xlsm package bytes: `xlsx` plus the VBA project and the ribbon part."""
    with zipfile.ZipFile(io.BytesIO(xlsx)) as src:
        parts = {name: src.read(name) for name in src.namelist()}
    order = [n for n in _FIRST if n in parts] + [n for n in parts if n not in _FIRST]
    parts["[Content_Types].xml"] = _content_types(parts["[Content_Types].xml"])
    parts["xl/_rels/workbook.xml.rels"] = _add_relationship(
        parts["xl/_rels/workbook.xml.rels"], VBA_PROJECT_REL, "vbaProject.bin")
    parts["_rels/.rels"] = _add_relationship(parts["_rels/.rels"], CUSTOM_UI_REL, CUSTOM_UI_PART)
    if "docProps/core.xml" in parts:
        parts["docProps/core.xml"] = _fixed_dates(parts["docProps/core.xml"])
    parts[VBA_PART] = vba_project
    parts[CUSTOM_UI_PART] = custom_ui
    order += [n for n in (VBA_PART, CUSTOM_UI_PART) if n not in order]
    return deterministic_zip((name, parts[name]) for name in order)


def deterministic_zip(members: Iterable[tuple[str, bytes]]) -> bytes:
    """Zip (name, bytes) pairs with fixed timestamps and attributes, in the order given."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zf:
        for name, data in members:
            info = zipfile.ZipInfo(name, date_time=FIXED_ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 0
            info.external_attr = 0
            zf.writestr(info, data, compresslevel=6)
    return out.getvalue()
