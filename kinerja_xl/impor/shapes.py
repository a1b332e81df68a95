"""The two table shapes: a hierarchy in columns (Tujuan | Sasaran | Program | … | Indikator)
and a hierarchy in rows (one Uraian column; the level from a Tingkat column, the Permendagri
90/2019 kode, the leading word or the nomenclature).

Pure. Both walk the data rows once, tell the `Builder` which node each row is about, and put
every row they do not use in the report with the reason.
"""

from __future__ import annotations

import re

from ..core.contract import Level
from ..core.findings import clip
from . import headers as F
from .build import Builder, Item, text
from .headers import Mapping
from .kode import clean, kind_of, parent_code
from .nomenklatur import level_word_of, same_name
from .report import Kind
from .tables import Cell, Table

NOTE_ROW_ORDER = "Induk disimpulkan dari urutan baris tabel — mohon konfirmasi"
NOTE_LEVEL = "Tingkat disimpulkan dari nomenklatur — mohon konfirmasi"
_LEVEL_WORDS = {"tujuan": Level.TUJUAN, "sasaran": Level.SASARAN, "program": Level.PROGRAM,
                "kegiatan": Level.KEGIATAN, "subkegiatan": Level.SUB_KEGIATAN}
_LEAD = re.compile(r"^(sub\s*kegiatan|kegiatan|program)\s*[:.\-–]?\s+\S", re.IGNORECASE)
_LABELLED = re.compile(r"^(sub\s*kegiatan|kegiatan|program)\s*:\s*(\S.*)$", re.IGNORECASE)
_TOTAL = re.compile(r"^(jumlah|total|sub ?total|grand total)(\s+(pagu|anggaran|belanja|total|"
                    r"seluruhnya|keseluruhan|program|kegiatan))*\s*:?$", re.IGNORECASE)


def level_columns(mapping: Mapping) -> list[Level]:
    return [lv for lv in Level if F.LEVEL_FIELD[lv] in mapping.columns]


def shape_of(table: Table, mapping: Mapping) -> str | None:
    """'baris' (hierarchy in rows), 'kolom' (in columns) or None (neither can be read)."""
    cols = mapping.columns
    levels = level_columns(mapping)
    if F.URAIAN in cols or (F.TINGKAT in cols and len(levels) <= 1):
        return "baris"
    if F.KODE in cols and len(levels) <= 1:
        kinds = {kind_of(_code(r, mapping)) for r in table.rows[mapping.data_start:]}
        if len({k for k in kinds if isinstance(k, Level)}) >= 2:
            return "baris"
    return "kolom" if levels else None


def main_indicator(mapping: Mapping) -> str:
    """The column whose indicators take the row's Satuan/Target/…: 'Indikator', else the
    indicator column of the lowest level ("Indikator Kinerja Program" in a Renstra matrix),
    else the only level indicator column."""
    cols = mapping.columns
    if F.INDIKATOR in cols:
        return F.INDIKATOR
    levels = level_columns(mapping)
    if levels and F.IND_OF[levels[-1]] in cols:
        return F.IND_OF[levels[-1]]
    own = [F.IND_OF[lv] for lv in Level if F.IND_OF[lv] in cols]
    return own[0] if len(own) == 1 else F.INDIKATOR


def _code(row: list[Cell], mapping: Mapping) -> str:
    """The row's Kode; a code split over several Kode columns is joined with dots."""
    if F.KODE not in mapping.columns:
        return ""
    cols = [mapping.columns[F.KODE], *mapping.kode_parts]
    return clean(".".join(text(row[c]) for c in cols if c < len(row) and text(row[c])))


def _values(row: list[Cell], mapping: Mapping) -> dict[str, Cell]:
    return {k: (row[c] if c < len(row) else "") for k, c in mapping.columns.items()}


class _Walk:
    """What both shapes share: the row loop, the accounting of rows no shape used."""

    def __init__(self, table: Table, mapping: Mapping, builder: Builder) -> None:
        self.table, self.mapping, self.b = table, mapping, builder
        self.blank: list[int] = []
        self.junk: list[int] = []
        self.main = main_indicator(mapping)

    def rows(self):
        for i in range(self.mapping.data_start, len(self.table.rows)):
            row = self.table.rows[i]
            no = self.table.row_numbers[i]
            if all(v == "" for v in row):
                self.blank.append(no)
                continue
            yield no, row, _values(row, self.mapping)

    def done(self) -> None:
        if self.blank:
            self.b.add(Kind.INFO, self.blank, f"{len(self.blank)} baris kosong")
        if self.junk:
            self.b.add(Kind.DILEWATI, self.junk, f"{len(self.junk)} baris tanpa isi di kolom "
                       "yang dipakai (uraian/indikator kosong)")

    def indicator_and_fields(self, item: Item, values: dict[str, Cell], no: int) -> None:
        self.b.node_fields(item, values, no)
        self.b.sasaran(item, text(values.get(F.KINERJA)), no)
        name = text(values.get(self.main))
        if name:
            self.b.indicator(item, name, values, no)


def read_columns(table: Table, mapping: Mapping, b: Builder) -> None:
    """Hierarchy in columns: a blank cell is "same as above"; a new value at one level starts
    a new node there and clears the levels below it."""
    walk = _Walk(table, mapping, b)
    levels = level_columns(mapping)
    current: dict[Level, Item | None] = dict.fromkeys(levels)
    gaps: list[int] = []
    for no, row, values in walk.rows():
        names = {lv: text(values.get(F.LEVEL_FIELD[lv])) for lv in levels}
        if any(_TOTAL.match(n) for n in names.values() if n):
            b.add(Kind.DILEWATI, [no], "baris jumlah/total (bukan node)")
            continue
        new = [lv for lv in levels if names[lv] and not (
            current[lv] is not None and same_name(current[lv].node.uraian, names[lv]))]
        deepest_new = new[-1] if new else None
        code = _code(row, mapping)
        for lv in new:
            above = [current[u] for u in levels if u < lv and current[u] is not None]
            parent = above[-1] if above else None
            if parent is not None and parent.node.level != lv.parent:
                gaps.append(no)
            own = code if lv is deepest_new and kind_of(code) in (None, lv) else ""
            current[lv] = b.node(lv, names[lv], own, parent, no)
            for deeper in levels:
                if deeper > lv:
                    current[deeper] = None
        held = [lv for lv in levels if current[lv] is not None]
        if not held:
            if text(values.get(walk.main)) or any(text(values.get(F.IND_OF[lv]))
                                                  for lv in levels):
                b.add(Kind.DILEWATI, [no], "indikator tanpa node: kolom "
                      f"{'/'.join(lv.sheet for lv in levels)} kosong di baris ini dan di atasnya")
            else:
                walk.junk.append(no)
            continue
        used = bool(new)
        for lv in held:
            ind = text(values.get(F.IND_OF[lv])) if F.IND_OF[lv] != walk.main else ""
            if ind:
                b.indicator(current[lv], ind, {}, no)
                used = True
            if lv in F.SASARAN_OF and text(values.get(F.SASARAN_OF[lv])):
                b.sasaran(current[lv], text(values[F.SASARAN_OF[lv]]), no)
        deepest = current[held[-1]]
        assert deepest is not None
        if text(values.get(walk.main)) or used:
            walk.indicator_and_fields(deepest, values, no)
            b.used(f"node/indikator {deepest.node.level.sheet}", no)
        else:
            walk.junk.append(no)
    if gaps:
        b.add(Kind.INFO, gaps, "tabel tidak memuat tingkat di antaranya (mis. Program tanpa "
              "kolom Sasaran); Kode Induk node ini dikosongkan")
    walk.done()


def _level_of(name: str, tingkat: str, kind: Level | str | None) -> tuple[Level | None, str]:
    """(level, how): from the Tingkat column, the kode, the leading word, the nomenclature."""
    if tingkat:
        word = re.sub(r"[^a-z]", "", tingkat.casefold())
        if word in _LEVEL_WORDS:
            return _LEVEL_WORDS[word], "tingkat"
    if isinstance(kind, Level):
        return kind, "kode"
    if name and (m := _LEAD.match(name)):
        return _LEVEL_WORDS[re.sub(r"\s+", "", m.group(1).casefold())], "nama"
    if name and (word := level_word_of(name)):
        return _LEVEL_WORDS[word.replace(" ", "")], "nomenklatur"
    return None, ""


def read_rows(table: Table, mapping: Mapping, b: Builder) -> None:
    """Hierarchy in rows: one row per node (more rows for more indicators)."""
    walk = _Walk(table, mapping, b)
    levels = level_columns(mapping)
    current: dict[Level, Item | None] = dict.fromkeys(Level)
    last: Item | None = None
    other: dict[str, list[int]] = {}
    for no, row, values in walk.rows():
        name = text(values.get(F.URAIAN)) or next(
            (text(values[F.LEVEL_FIELD[lv]]) for lv in levels
             if text(values.get(F.LEVEL_FIELD[lv]))), "")
        code = _code(row, mapping)
        kind = kind_of(code) if code else None
        if kind == "urusan" and "urusan" not in name.casefold():
            kind = None  # a row number in a Kode column, not urusan "7"
        if isinstance(kind, str):
            other.setdefault(kind, []).append(no)
            last = None  # indicator rows under it must not go to the node above
            continue
        if name and _TOTAL.match(name):
            b.add(Kind.DILEWATI, [no], "baris jumlah/total (bukan node)")
            last = None
            continue
        if not name:
            ind = text(values.get(walk.main))
            if ind and last is not None:
                walk.indicator_and_fields(last, values, no)
                b.used(f"indikator tambahan {last.node.level.sheet}", no)
            elif ind:
                b.add(Kind.DILEWATI, [no], f"indikator '{clip(ind, 60)}' tanpa node di "
                      "atasnya (baris sebelumnya dilewati atau tidak ada)")
            else:
                walk.junk.append(no)
            continue
        if m := _LABELLED.match(name):  # "Kegiatan : Administrasi Umum …"
            name = m.group(2).strip()
            values = {**values, F.TINGKAT: values.get(F.TINGKAT) or m.group(1)}
        level, how = _level_of(name, text(values.get(F.TINGKAT)), kind)
        if level is None:
            b.add(Kind.DILEWATI, [no], f"'{clip(name, 60)}': tingkatnya tidak diketahui "
                  "(tanpa kolom Tingkat, kode Permendagri 90/2019, kata Program/Kegiatan/Sub "
                  "Kegiatan di depan, dan tidak ada di nomenklatur); baris di bawahnya yang "
                  "tanpa uraian juga dilewati")
            last = None
            continue
        if how == "tingkat" and isinstance(kind, Level) and kind is not level:
            b.add(Kind.PERINGATAN, [no], f"kolom Tingkat '{text(values.get(F.TINGKAT))}' "
                  f"berbeda dari tingkat kodenya {code} ({kind.sheet}); dipakai kolom Tingkat")
        item, note = _place(b, current, level, name, code if kind is level else "", no)
        if how == "nomenklatur":
            b.note(item, NOTE_LEVEL)
            b.add(Kind.DISIMPULKAN, [no], f"'{clip(name, 60)}' dianggap {level.sheet} "
                  "menurut nomenklatur Kepmendagri 050-5889/2021")
        if note:
            b.note(item, note)
        current[level] = item
        for deeper in Level:
            if deeper > level:
                current[deeper] = None
        last = item
        if level in F.SASARAN_OF:
            b.sasaran(item, text(values.get(F.SASARAN_OF[level])), no)
        walk.indicator_and_fields(item, values, no)
        b.used(f"node {level.sheet}", no)
    for kind, rows in other.items():
        b.add(Kind.INFO, rows, f"{len(rows)} baris berkode {kind} (bukan Program/Kegiatan/"
              "Sub Kegiatan); dilewati")
    walk.done()


def _place(b: Builder, current: dict[Level, Item | None], level: Level, name: str,
           code: str, no: int) -> tuple[Item, str]:
    """The node of a row and the note on how its parent was found ('' when stated)."""
    if level.parent is None:
        return b.node(level, name, code, None, no), ""
    pc = parent_code(code) if code else ""
    if pc:
        parent = b.items.get((level.parent, pc))
        if parent is None:
            b.add(Kind.INFO, [no], f"{level.sheet} {code}: induknya ({level.parent.sheet} "
                  f"{pc}, menurut kode) tidak ada di tabel; Kode Induk ditulis {pc}")
        return b.node(level, name, code, parent, no, stated_parent=pc), ""
    parent = current[level.parent]
    if parent is None:
        return b.node(level, name, code, None, no), ""
    item = b.node(level, name, code, parent, no)
    if item.row == no and item.node.parent_code == parent.node.code and not item.source_code:
        b.add(Kind.DISIMPULKAN, [no], f"{level.sheet} '{clip(name, 60)}' → "
              f"{parent.node.level.sheet} {parent.node.code}: induk menurut urutan baris "
              "(tanpa kode)")
        return item, NOTE_ROW_ORDER
    return item, ""


__all__ = ["NOTE_LEVEL", "NOTE_ROW_ORDER", "read_columns", "read_rows", "shape_of"]
