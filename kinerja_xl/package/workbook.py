"""The workbook part: its sheet list, defined names, calculation flag and active tab.

Edits are minimal: a sheet entry is inserted, replaced or removed; every other entry and
attribute stays. Sheet-scoped names use the sheet's position (`localSheetId`), so inserting or
removing a sheet shifts those numbers, and the active tab follows its sheet.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..core.findings import WorkbookError
from . import xml
from .parts import Package, Rels, resolve
from .xml import PKG_REL, M, R

OFFICE_DOC = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
WORKSHEET_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet"
WORKSHEET_CT = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"


@dataclass
class SheetEntry:
    name: str
    sheet_id: int
    rid: str
    part: str | None  # None for a relationship that is missing or external
    state: str  # visible, hidden, veryHidden


def workbook_part(pkg: Package) -> str:
    root = xml.parse(pkg.read("_rels/.rels"), "_rels/.rels")
    for rel in root.findall(f"{{{PKG_REL}}}Relationship"):
        if rel.get("Type") == OFFICE_DOC:
            return resolve("", rel.get("Target", ""))
    raise WorkbookError(f"File '{pkg.label}' bukan workbook Excel (tidak ada bagian workbook).")


class WorkbookPart:
    def __init__(self, pkg: Package) -> None:
        self.pkg = pkg
        self.part = workbook_part(pkg)
        self.root = xml.parse(pkg.read(self.part), self.part)
        self.rels = Rels(pkg, self.part)
        self.dirty = False
        sheets = self.root.find(f"{M}sheets")
        if sheets is None:
            raise WorkbookError(f"File '{pkg.label}' tidak punya daftar sheet.")
        self._sheets = sheets

    # sheets --------------------------------------------------------------------------------
    def sheets(self) -> list[SheetEntry]:
        out = []
        for el in self._sheets.findall(f"{M}sheet"):
            rid = el.get(f"{R}id", "")
            rel = self.rels.by_id(rid)
            part = self.rels.target_part(rel) if rel is not None else None
            out.append(SheetEntry(el.get("name", ""), int(el.get("sheetId", "0")), rid, part,
                                  el.get("state", "visible")))
        return out

    def names(self) -> list[str]:
        return [el.get("name", "") for el in self._sheets.findall(f"{M}sheet")]

    def index(self, name: str) -> int:
        return self.names().index(name)

    def add_sheet(self, name: str, part: str, index: int | None = None) -> None:
        """Register a new worksheet part under name at position index (default: last)."""
        count = len(self._sheets.findall(f"{M}sheet"))
        index = count if index is None or index > count else index
        rid = self.rels.add(WORKSHEET_REL, part)
        el = xml.etree.Element(f"{M}sheet")
        el.set("name", name)
        el.set("sheetId", str(max((s.sheet_id for s in self.sheets()), default=0) + 1))
        el.set(f"{R}id", rid)
        self._sheets.insert(index, el)
        self._shift(index, +1)
        self.dirty = True

    def remove_sheet(self, name: str) -> str | None:
        """Unregister a sheet; returns its part (to be removed by the caller)."""
        index = self.index(name)
        el = self._sheets.findall(f"{M}sheet")[index]
        rel = self.rels.by_id(el.get(f"{R}id", ""))
        part = self.rels.target_part(rel) if rel is not None else None
        if rel is not None:
            self.rels.remove(rel)
        self._sheets.remove(el)
        names = self.root.find(f"{M}definedNames")
        if names is not None:
            for dn in list(names):
                if dn.get("localSheetId") == str(index):
                    names.remove(dn)
            if not len(names):
                self.root.remove(names)
        self._shift(index + 1, -1)
        self.dirty = True
        return part

    def _shift(self, start: int, step: int) -> None:
        """Sheet positions from start on moved by step: local names and the views follow."""
        names = self.root.find(f"{M}definedNames")
        for dn in names if names is not None else ():
            local = dn.get("localSheetId")
            if local is not None and local.isdigit() and int(local) >= start:
                dn.set("localSheetId", str(int(local) + step))
        count = len(self._sheets.findall(f"{M}sheet"))
        for view in self.root.iter(f"{M}workbookView"):
            for attr in ("activeTab", "firstSheet"):
                value = view.get(attr)
                if value is not None and value.isdigit() and int(value) >= start:
                    view.set(attr, str(max(0, min(int(value) + step, count - 1))))

    def _after(self, *tags: str) -> xml.etree._Element:
        """The last present element among <sheets> and tags (schema order): insert after it."""
        anchor = self._sheets
        for tag in tags:
            found = self.root.find(f"{M}{tag}")
            if found is not None:
                anchor = found
        return anchor

    # defined names ---------------------------------------------------------------------------
    def defined_names(self) -> list[xml.etree._Element]:
        names = self.root.find(f"{M}definedNames")
        return list(names) if names is not None else []

    def local_names(self, index: int) -> dict[str, str]:
        return {dn.get("name", ""): dn.text or "" for dn in self.defined_names()
                if dn.get("localSheetId") == str(index)}

    def set_name(self, name: str, value: str, local: int | None = None,
                 hidden: bool = False) -> None:
        """Set a workbook (local=None) or sheet-scoped name, replacing only that name."""
        names = self.root.find(f"{M}definedNames")
        if names is None:
            names = xml.etree.Element(f"{M}definedNames")
            self._after("functionGroups", "externalReferences").addnext(names)
        key = name.casefold()
        for dn in names:
            if (dn.get("name", "").casefold() == key
                    and dn.get("localSheetId") == (None if local is None else str(local))):
                if dn.text != value:
                    dn.text = value
                    self.dirty = True
                return
        dn = xml.etree.SubElement(names, f"{M}definedName")
        dn.set("name", name)
        if local is not None:
            dn.set("localSheetId", str(local))
        if hidden:
            dn.set("hidden", "1")
        dn.text = value
        self.dirty = True

    # calculation -----------------------------------------------------------------------------
    def recalc_on_load(self) -> None:
        """Ask Excel to recalculate when it opens the file (our cached values are Python's)."""
        calc = self.root.find(f"{M}calcPr")
        if calc is None:
            calc = xml.etree.Element(f"{M}calcPr")
            self._after("functionGroups", "externalReferences", "definedNames").addnext(calc)
        if calc.get("fullCalcOnLoad") != "1":
            calc.set("fullCalcOnLoad", "1")
            self.dirty = True

    def save(self) -> None:
        self.rels.save()
        if self.dirty:
            self.pkg.write(self.part, xml.serialize(self.root))
            self.dirty = False
