"""Classifying the lines of an e-SAKIP cascading export (headings, table rows, text).

Pure. `classify` looks at one line alone; the parser in `esakip` decides what it means in
context.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..core.contract import Level
from .text import EDGE

ARROWS = "↓↑←→⇩⇧⬇⬆"
_LEVEL_WORDS = {"program": Level.PROGRAM, "kegiatan": Level.KEGIATAN,
                "subkegiatan": Level.SUB_KEGIATAN, "tujuan": Level.TUJUAN,
                "sasaran": Level.SASARAN}
_LV = r"(Program|Kegiatan|Sub\s*Kegiatan)"
_RE_TITLE = re.compile(r"^CASCADING\b(?:\s+KINERJA)?\s*(?P<who>.*?)\s*"
                       r"(?:(?:TAHUN\s+)?(?P<year>\d{4}))?\s*$", re.IGNORECASE)
_RE_ESELON = re.compile(r"^Eselon\s+[IVX]+\s*$", re.IGNORECASE)
_RE_TABLE_TITLE = re.compile(r"^(TUJUAN|SASARAN)\s*$", re.IGNORECASE)
_RE_NODE = re.compile(rf"^{_LV}\s+(\d+)\s*(?:[:.\-–]\s*(.*))?$", re.IGNORECASE)
_RE_SASARAN = re.compile(rf"^Sasaran\s+{_LV}(?:\s+(\d+))?\s*:?\s*$", re.IGNORECASE)
_RE_INDIKATOR = re.compile(rf"^Indikator\s+Kinerja\s+{_LV}(?:\s+(\d+))?\s*:?\s*$",
                           re.IGNORECASE)
_RE_PENJELASAN = re.compile(r"^Penjelasan\s*:?\s*$", re.IGNORECASE)
_RE_TABLE_HEAD = re.compile(r"^(Tujuan|Sasaran)(\s+(SKPD|Strategis|PD))?$", re.IGNORECASE)
_RE_HEAD_SPACED = re.compile(r"^(Tujuan|Sasaran)(?:\s+(?:SKPD|Strategis|PD))?\s+Indikator\b",
                             re.IGNORECASE)
_GAP = re.compile(r"\s{2,}")


def read_title(text: str) -> tuple[str, int | None]:
    """'CASCADING KECAMATAN KEBASEN TAHUN 2023' -> ('Kecamatan Kebasen', 2023)."""
    m = _RE_TITLE.match(text)
    if m is None:
        return "", None
    year = m.group("year")
    return " ".join(m.group("who").split()).title(), int(year) if year else None


def _level(word: str) -> Level:
    return _LEVEL_WORDS[re.sub(r"\s+", "", word).casefold()]


@dataclass
class Line:
    no: int
    raw: str
    text: str
    kind: str
    level: Level | None = None
    number: int | None = None
    rest: str = ""


def classify(no: int, raw: str) -> Line:
    text = raw.strip()
    if not text:
        return Line(no, raw, "", "blank")
    if all(ch in ARROWS or ch.isspace() for ch in text):
        return Line(no, raw, text, "arrow")
    cells = [c.strip() for c in raw.split("\t")]
    filled = [c for c in cells if c]
    if len(filled) >= 2:
        head = _RE_TABLE_HEAD.match(filled[0])
        if head and filled[1].casefold().startswith("indikator"):
            return Line(no, raw, text, "table_head", _level(head.group(1)))
        return Line(no, raw, text, "table_row")
    if m := _RE_HEAD_SPACED.match(text):  # a table header whose tabs became spaces
        return Line(no, raw, text, "table_head", _level(m.group(1)))
    text = text.strip(ARROWS + " \t")
    if _RE_TITLE.match(text):
        return Line(no, raw, text, "title")
    if _RE_ESELON.match(text):
        return Line(no, raw, text, "eselon")
    if m := _RE_TABLE_TITLE.match(text):
        return Line(no, raw, text, "table_title", _level(m.group(1)))
    if m := _RE_NODE.match(text):
        return Line(no, raw, text, "node", _level(m.group(1)), int(m.group(2)),
                     (m.group(3) or "").strip())
    if m := _RE_SASARAN.match(text):
        return Line(no, raw, text, "sasaran", _level(m.group(1)),
                     int(m.group(2)) if m.group(2) else None)
    if m := _RE_INDIKATOR.match(text):
        return Line(no, raw, text, "indikator", _level(m.group(1)),
                     int(m.group(2)) if m.group(2) else None)
    if _RE_PENJELASAN.match(text):
        return Line(no, raw, text, "penjelasan")
    return Line(no, raw, text, "text")


def spaced_cells(raw: str) -> list[str]:
    """The cells of a table row whose tabs were turned into runs of spaces ([] when the line
    has no run of two or more spaces to split at)."""
    cells = [c.strip() for c in _GAP.split(raw.rstrip())]
    return cells if len(cells) >= 2 else []


def split_names(text: str) -> list[str]:
    """'- A - B' -> ['A', 'B']; '1. A' -> ['A']; other text -> [text]."""
    text = text.strip()
    if text[:1] in "-–•":
        parts = re.split(r"\s+[-–•]\s+", text[1:].strip())
    else:
        parts = [re.sub(r"^\d+[.)]\s+", "", text)]
    return [p.strip(EDGE) for p in parts if p.strip(EDGE)]
