"""The mark of a sheet the product generated: a hidden sheet-scoped defined name.

    <definedName name="_KinerjaXL" localSheetId="12" hidden="1">
        "kinerja_xl|pk|PK CAMAT"</definedName>

The value names the kind of sheet (with, on sheets the ribbon drew, the fingerprint of their
layout: `pk@3f2a…`) and the sheet's own name when it was made. A sheet is ours
only when its marker names it: Excel copies sheet-scoped names with a sheet, so a user's copy
"PK CAMAT (2)" carries a marker naming "PK CAMAT" and is the user's; a sheet the user renamed
is the user's too. Sheets are never recognised by their name alone.
"""

from __future__ import annotations

from pathlib import Path

MARKER_NAME = "_KinerjaXL"
_PREFIX = "kinerja_xl"


def marker_text(kind: str, sheet: str, layout: str | None = None) -> str:
    """`kinerja_xl|<kind>|<sheet>`; the ribbon adds the fingerprint of the layout it drew to
    the kind (`pk@<layout>`), so a rerun with the same layout only rewrites values."""
    return f"{_PREFIX}|{kind}@{layout}|{sheet}" if layout else f"{_PREFIX}|{kind}|{sheet}"


def marker_value(kind: str, sheet: str, layout: str | None = None) -> str:
    """The defined name's formula text: a string constant (quotes doubled)."""
    return '"' + marker_text(kind, sheet, layout).replace('"', '""') + '"'


def parse_text(text: str) -> tuple[str, str, str | None] | None:
    """(kind, sheet name, layout or None) of a marker's text, None when it is not one."""
    parts = text.split("|", 2)
    if len(parts) != 3 or parts[0] != _PREFIX:
        return None
    kind, _, layout = parts[1].partition("@")
    return kind, parts[2], layout or None


def parse_marker(value: str) -> tuple[str, str] | None:
    """(kind, sheet name) of a marker value, None when it is not one."""
    value = value.strip().lstrip("=")
    if len(value) < 2 or value[0] != '"' or value[-1] != '"':
        return None
    found = parse_text(value[1:-1].replace('""', '"'))
    return None if found is None else found[:2]


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
