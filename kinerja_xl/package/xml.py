"""Safe XML parsing (no DTDs, no entities, no network) and the namespaces of a package."""

from __future__ import annotations

import re

from lxml import etree

from ..core.findings import WorkbookError

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
CT = "http://schemas.openxmlformats.org/package/2006/content-types"
M = f"{{{MAIN}}}"
R = f"{{{REL}}}"

_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                          huge_tree=False, remove_blank_text=False)
_DOCTYPE = re.compile(rb"<!DOCTYPE|<!ENTITY", re.I)


def parse(data: bytes, part: str = "") -> etree._Element:
    """Parse a small package part; a DTD or malformed XML is refused in Indonesian."""
    if _DOCTYPE.search(data[:4096]) or _DOCTYPE.search(data):
        raise WorkbookError(f"Bagian '{part}' workbook memuat DTD/entitas XML yang tidak "
                            "diizinkan; file tidak diproses.")
    try:
        return etree.fromstring(data, _PARSER)
    except etree.XMLSyntaxError as exc:
        raise WorkbookError(f"Bagian '{part}' workbook bukan XML yang sah (baris "
                            f"{exc.lineno}); file tidak diproses.") from exc


def serialize(root: etree._Element) -> bytes:
    """A part as Excel writes it: XML declaration, UTF-8, standalone."""
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def escape_text(text: str) -> str:
    """Text for XML content: &, <, > escaped; characters XML 1.0 forbids written the way
    Excel does (_xHHHH_), and a literal '_xHHHH_' protected so it reads back unchanged."""
    if not _SPECIAL.search(text):
        return text
    if _RARE.search(text):
        text = _LITERAL_ESCAPE.sub(lambda m: "_x005F" + m.group(0), text)
        text = _ILLEGAL.sub(lambda m: f"_x{ord(m.group(0)):04X}_", text)
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


_SPECIAL = re.compile("[&<>\x00-\x08\x0b-\x1f\ufffe\uffff]|_x")
_RARE = re.compile("[\x00-\x08\x0b-\x1f\ufffe\uffff]|_x[0-9A-Fa-f]{4}_")
_ILLEGAL = re.compile("[\x00-\x08\x0b-\x1f\ufffe\uffff]")  # and CR (XML reads it as LF)
_LITERAL_ESCAPE = re.compile("_x[0-9A-Fa-f]{4}_")
_UNESCAPE = re.compile("_x([0-9A-Fa-f]{4})_")


def unescape_excel(text: str) -> str:
    """Excel's _xHHHH_ escapes back to characters."""
    if "_x" not in text:
        return text
    return _UNESCAPE.sub(lambda m: chr(int(m.group(1), 16)), text)
