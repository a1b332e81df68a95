"""VBA module sources: read exported .bas/.cls text and render the form Excel stores.

Exported files may start with a `VERSION 1.0 CLASS / BEGIN ... END` block and module-level
`Attribute VB_...` lines. Excel stores every module as its `Attribute` header (fixed order per
module kind) followed by the code, with CRLF line endings, in the project code page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

CODEPAGE = 1252
ENCODING = "cp1252"
CLASS_BASE = "0{FCFB3D2A-A0FA-1068-A738-08002B3371B5}"
WORKBOOK_BASE = "0{00020819-0000-0000-C000-000000000046}"
WORKSHEET_BASE = "0{00020820-0000-0000-C000-000000000046}"

_IDENT = re.compile(r"[A-Za-z][A-Za-z0-9_]{0,30}")
_ATTR = re.compile(r"^\s*Attribute\s+(VB_\w+)\s*=\s*(.*?)\s*$")
_ANY_ATTR = re.compile(r"^\s*Attribute\s+[\w.]+\s*=")
# Attributes Excel writes for class and document modules, in its order.
_CLASS_ORDER = ("VB_GlobalNameSpace", "VB_Creatable", "VB_PredeclaredId", "VB_Exposed",
                "VB_TemplateDerived", "VB_Customizable")
_CLASS_DEFAULTS = dict.fromkeys(_CLASS_ORDER, "False")
_DOCUMENT_DEFAULTS = {**_CLASS_DEFAULTS, "VB_PredeclaredId": "True", "VB_Exposed": "True",
                      "VB_Customizable": "True"}


class ModuleKind(StrEnum):
    """How VBA treats a module: procedural, class, or the code behind a workbook/sheet."""

    STANDARD = "standard"
    CLASS = "class"
    DOCUMENT = "document"


@dataclass(frozen=True)
class VbaModule:
    """One module: its VBA name, kind and code (without the Attribute header)."""

    name: str
    kind: ModuleKind
    source: str
    attributes: dict[str, str] = field(default_factory=dict, compare=False)

    def __post_init__(self) -> None:
        if not _IDENT.fullmatch(self.name):
            raise ValueError(f"module name {self.name!r} is not a VBA identifier of <= 31 chars")


@dataclass(frozen=True)
class ExportedSource:
    """An exported module split into its declared name, header attributes and code."""

    name: str | None
    attributes: dict[str, str]
    body: str


def split_lines(text: str) -> list[str]:
    """Lines of `text` whatever its line endings (CRLF, LF or CR)."""
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def parse_exported(text: str) -> ExportedSource:
    """Drop the VERSION/BEGIN..END block and leading Attribute lines of an exported module."""
    lines = split_lines(text.lstrip("\ufeff"))
    if lines and lines[0].startswith("VERSION "):
        try:
            end = next(i for i, ln in enumerate(lines) if ln.strip() == "END")
        except StopIteration:
            raise ValueError("class header VERSION ... BEGIN has no END line") from None
        lines = lines[end + 1 :]
    attributes: dict[str, str] = {}
    while lines and (match := _ATTR.match(lines[0])):
        attributes[match.group(1)] = match.group(2)
        lines.pop(0)
    name = attributes.pop("VB_Name", None)
    if name is not None:
        name = name.strip('"')
    return ExportedSource(name, attributes, "\n".join(lines))


def module_from_file(path: Path, kind: ModuleKind | None = None) -> VbaModule:
    """Read a .bas (standard) or .cls (class) file exported from the VBA editor."""
    if kind is None:
        kinds = {".bas": ModuleKind.STANDARD, ".cls": ModuleKind.CLASS}
        if path.suffix.lower() not in kinds:
            raise ValueError(f"{path.name}: expected a .bas or .cls file")
        kind = kinds[path.suffix.lower()]
    exported = parse_exported(path.read_text(encoding="utf-8"))
    name = exported.name or path.stem
    if name != path.stem:
        raise ValueError(f"{path.name}: declares VB_Name {name!r}, expected {path.stem!r}")
    return VbaModule(name, kind, exported.body, exported.attributes)


def stored_text(module: VbaModule, workbook_module: str = "ThisWorkbook") -> str:
    """The module as Excel keeps it in its stream: Attribute header, code, CRLF endings."""
    header = [f'Attribute VB_Name = "{module.name}"']
    extra = dict(module.attributes)
    extra.pop("VB_Base", None)
    if module.kind is not ModuleKind.STANDARD:
        if module.kind is ModuleKind.CLASS:
            base, defaults = CLASS_BASE, _CLASS_DEFAULTS
        else:
            is_book = module.name == workbook_module
            base, defaults = (WORKBOOK_BASE if is_book else WORKSHEET_BASE), _DOCUMENT_DEFAULTS
        header.append(f'Attribute VB_Base = "{base}"')
        for key in _CLASS_ORDER:
            header.append(f"Attribute {key} = {extra.pop(key, defaults[key])}")
    header += [f"Attribute {key} = {value}" for key, value in extra.items()]
    body = split_lines(module.source)
    while body and body[-1] == "":
        body.pop()
    return "\r\n".join(header + body) + "\r\n"


def encode_source(text: str, what: str) -> bytes:
    """Encode in the project code page (cp1252), naming the module on failure."""
    try:
        return text.encode(ENCODING)
    except UnicodeEncodeError as exc:
        bad = text[exc.start : exc.end]
        raise ValueError(f"{what}: character {bad!r} is not in code page {CODEPAGE}") from None


def without_attributes(text: str) -> str:
    """Code with every `Attribute` line dropped and line endings normalised, for comparisons."""
    lines = [ln for ln in split_lines(text) if not _ANY_ATTR.match(ln)]
    return "\n".join(lines).strip("\n")
