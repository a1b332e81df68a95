"""Reading a written package's cells straight from its XML (lxml, not the code under test):
sheet name, cell ref, cell type, text and formula of every cell."""

from __future__ import annotations

import posixpath
import zipfile
from dataclasses import dataclass
from pathlib import Path

from lxml import etree
from openpyxl.formula.translate import Translator

M = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
PR = "{http://schemas.openxmlformats.org/package/2006/relationships}"


@dataclass(frozen=True)
class XCell:
    sheet: str
    ref: str
    type: str  # the t attribute ("n" when absent)
    text: str | None  # the string or the cached value
    formula: str | None  # text of <f> (a shared formula's follower: the master's text moved
    #                      to this cell by openpyxl's Translator), None when the cell has none

    @property
    def is_string(self) -> bool:
        return self.formula is None and self.type in ("s", "inlineStr")


def _text(el) -> str:
    return "".join(t.text or "" for t in el.iter(f"{M}t") if t.getparent().tag != f"{M}rPh")


def sheet_parts(z: zipfile.ZipFile) -> dict[str, str]:
    wb = etree.fromstring(z.read("xl/workbook.xml"))
    rels = etree.fromstring(z.read("xl/_rels/workbook.xml.rels"))
    target = {r.get("Id"): r.get("Target") for r in rels.iter(f"{PR}Relationship")}
    out = {}
    for s in wb.iter(f"{M}sheet"):
        t = target[s.get(f"{R}id")]
        out[s.get("name")] = t.lstrip("/") if t.startswith("/") else posixpath.normpath(
            posixpath.join("xl", t))
    return out


def read_cells(path: Path) -> list[XCell]:
    out = []
    with zipfile.ZipFile(path) as z:
        shared = []
        if "xl/sharedStrings.xml" in z.namelist():
            sst = etree.fromstring(z.read("xl/sharedStrings.xml"))
            shared = [_text(si) for si in sst.iter(f"{M}si")]
        for name, part in sheet_parts(z).items():
            root = etree.fromstring(z.read(part))
            masters: dict[str, tuple[str, str]] = {}  # si -> (cell, formula text)
            for c in root.iter(f"{M}c"):
                t = c.get("t", "n")
                f = c.find(f"{M}f")
                v = c.find(f"{M}v")
                if t == "s" and v is not None:
                    text = shared[int(v.text)]
                elif t == "inlineStr":
                    is_ = c.find(f"{M}is")
                    text = _text(is_) if is_ is not None else ""
                else:
                    text = v.text if v is not None else None
                formula = None if f is None else (f.text or "")
                if f is not None and f.get("t") == "shared":
                    if f.get("ref"):
                        masters[f.get("si")] = (c.get("r"), formula or "")
                    elif f.get("si") in masters:
                        origin, master = masters[f.get("si")]
                        formula = Translator("=" + master, origin=origin).translate_formula(
                            c.get("r"))[1:]
                out.append(XCell(name, c.get("r"), t, text, formula))
    return out
