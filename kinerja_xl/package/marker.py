"""The mark of a sheet the product generated: a hidden sheet-scoped defined name.

    <definedName name="_KinerjaXL" localSheetId="12" hidden="1">
        "kinerja_xl|pk|PK CAMAT"</definedName>

The value names the kind of sheet and the sheet's own name when it was made. A sheet is ours
only when its marker names it: Excel copies sheet-scoped names with a sheet, so a user's copy
"PK CAMAT (2)" carries a marker naming "PK CAMAT" and is the user's; a sheet the user renamed
is the user's too. Sheets are never recognised by their name alone.
"""

from __future__ import annotations

from pathlib import Path

MARKER_NAME = "_KinerjaXL"
_PREFIX = "kinerja_xl"


def marker_value(kind: str, sheet: str) -> str:
    """The defined name's formula text: a string constant (quotes doubled)."""
    text = f"{_PREFIX}|{kind}|{sheet}"
    return '"' + text.replace('"', '""') + '"'


def parse_marker(value: str) -> tuple[str, str] | None:
    """(kind, sheet name) of a marker value, None when it is not one."""
    value = value.strip().lstrip("=")
    if len(value) < 2 or value[0] != '"' or value[-1] != '"':
        return None
    parts = value[1:-1].replace('""', '"').split("|", 2)
    if len(parts) != 3 or parts[0] != _PREFIX:
        return None
    return parts[1], parts[2]


def generated_sheets(wb: object) -> dict[str, str]:
    """Sheet name -> kind, for every sheet of a `WorkbookPart` that carries its own marker."""
    names = wb.names()  # type: ignore[attr-defined]
    out: dict[str, str] = {}
    for dn in wb.defined_names():  # type: ignore[attr-defined]
        local = dn.get("localSheetId")
        if dn.get("name") != MARKER_NAME or local is None or not local.isdigit():
            continue
        index = int(local)
        found = parse_marker(dn.text or "")
        if found and index < len(names) and names[index] == found[1]:
            out[names[index]] = found[0]
    return out


def is_generated(workbook: str | Path | object, sheet: str) -> bool:
    """Did the product make this sheet (a file path or an open `WorkbookPart`)?"""
    if isinstance(workbook, (str, Path)):
        from .parts import Package
        from .workbook import WorkbookPart

        workbook = WorkbookPart(Package.open(workbook))
    return sheet in generated_sheets(workbook)
