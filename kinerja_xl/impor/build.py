"""Building a `Plan` from table rows: nodes (merged by Kode or by name under one parent),
indicators with every field a table can give, codes, and an account of every row.

Pure. The shape readers (`shapes`) decide which node a row is about; this module owns the
rules that must not differ between them: one node per Kode, several indicator rows under one
node stay one node, typed values are read the way the workbook reader reads them, and every
row ends up in the report.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..core.contract import H, Level
from ..core.findings import clip
from ..core.model import Indicator, Node, Plan, Settings
from ..core.numbers import Quantity, parse_amount, parse_quantity
from ..core.vocab import exact_polarity, exact_tipe, read_tipe
from . import headers as F
from .nomenklatur import norm_name, same_name
from .report import Kind, ReportEntry
from .tables import Cell
from .text import read_penjelasan

GENERATED_PREFIX = {Level.TUJUAN: "T", Level.SASARAN: "S", Level.PROGRAM: "P",
                    Level.KEGIATAN: "K", Level.SUB_KEGIATAN: "S"}


def text(value: Cell | None) -> str:
    if value is None or value == "":
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return " ".join(str(value).split())


@dataclass(eq=False)
class Item:
    """A node being built, with what the table said about it."""

    node: Node
    row: int
    source_code: bool  # the code came from the table (False: generated)
    given: set[str] = field(default_factory=set)  # node headers the table filled
    ind_given: dict[int, set[str]] = field(default_factory=dict)  # id(indicator) -> headers
    ind_rows: dict[int, int] = field(default_factory=dict)  # id(indicator) -> source row
    pagu_rows: list[int] = field(default_factory=list)


class Builder:
    """Collects nodes and indicators; `finish` gives the Plan, notes and report."""

    def __init__(self, settings: Settings | None = None) -> None:
        self.plan = Plan(settings or Settings())
        self.items: dict[tuple[Level, str], Item] = {}
        self.by_name: dict[tuple[Level, str, str], Item] = {}
        self.counter: dict[tuple[Level, str], int] = {}
        self.report: list[ReportEntry] = []
        self.notes: dict[tuple[Level, str], list[str]] = {}
        self.uses: dict[str, list[int]] = {}  # what a row was used as -> source rows
        self.unknown_tipe: list[int] = []

    # accounting -------------------------------------------------------------------------------
    def add(self, kind: Kind, rows: list[int] | tuple[int, ...], message: str) -> None:
        self.report.append(ReportEntry(kind, tuple(rows), message))

    def used(self, what: str, row: int) -> None:
        self.uses.setdefault(what, []).append(row)

    def note(self, item: Item, message: str) -> None:
        msgs = self.notes.setdefault((item.node.level, item.node.code), [])
        if message not in msgs:
            msgs.append(message)

    # nodes ------------------------------------------------------------------------------------
    def node(self, level: Level, uraian: str, code: str, parent: Item | None,
             row: int, stated_parent: str = "") -> Item:
        """The node with this Kode (or, without one, this name under this parent); created
        when new. A Kode already used for another name gets a suffix (reported).
        `stated_parent` is a Kode Induk the source states without listing that node."""
        parent_code = parent.node.code if parent is not None and parent.node.level == \
            level.parent else stated_parent
        key_name = (level, parent_code, norm_name(uraian))
        if code:
            found = self.items.get((level, code))
            if found is not None:
                if not uraian or not found.node.uraian or same_name(found.node.uraian, uraian):
                    return found
                new_code = self._free(level, code)
                self.add(Kind.PERINGATAN, [row], f"Kode {code} sudah dipakai untuk "
                         f"'{clip(found.node.uraian, 60)}' (baris {found.row}); "
                         f"'{clip(uraian, 60)}' diberi kode {new_code}")
                code = new_code
        else:
            found = self.by_name.get(key_name) if uraian else None
            if found is not None:
                return found
        generated = not code
        if generated:
            code = self._generate(level, parent_code)
        node = Node(level, code, 0, parent_code, uraian)
        item = Item(node, row, source_code=not generated)
        self.items[(level, code)] = item
        if uraian:
            self.by_name.setdefault(key_name, item)
        self.plan.levels[level].append(node)
        return item

    @staticmethod
    def _prefix(level: Level, parent_code: str) -> str:
        base = f"{parent_code}." if level >= Level.KEGIATAN and parent_code else ""
        return base + GENERATED_PREFIX[level]

    def _generate(self, level: Level, parent_code: str) -> str:
        prefix = self._prefix(level, parent_code)
        n = self.counter.get((level, prefix), 0)
        while True:
            n += 1
            code = f"{prefix}{n}"
            if (level, code) not in self.items:
                self.counter[(level, prefix)] = n
                return code

    def _free(self, level: Level, code: str) -> str:
        n = 2
        while (level, f"{code}-{n}") in self.items:
            n += 1
        return f"{code}-{n}"

    def node_fields(self, item: Item, values: dict[str, Cell], row: int) -> None:
        """Sasaran, Penanggung Jawab, Anggaran and Kondisi Awal of a node row."""
        node = item.node
        for key, header, attr in ((F.PJ, H.PJ, "pic"),):
            value = text(values.get(key))
            if value and not getattr(node, attr):
                setattr(node, attr, value)
                item.given.add(header)
        for key, header, attr in ((F.PAGU, H.ANGGARAN, "anggaran"),
                                  (F.REAL_PAGU, H.REAL_ANGGARAN, "realisasi_anggaran")):
            raw = values.get(key)
            if raw in (None, "") or not node.level.has_budget:
                continue
            parsed = parse_amount(raw)
            if parsed.value is None:
                self.add(Kind.PERINGATAN, [row], f"{header} '{clip(text(raw), 40)}' bukan "
                         f"angka rupiah ({parsed.error}); tidak diisi")
            elif getattr(node, attr) is None:
                setattr(node, attr, parsed.value.value)
                item.given.add(header)
                item.pagu_rows.append(row)
        baseline = text(values.get(F.BASELINE))
        if baseline:
            self.note(item, f"Kondisi awal: {baseline}")

    def sasaran(self, item: Item, value: str, row: int) -> None:
        if not value:
            return
        node = item.node
        if not node.sasaran:
            node.sasaran = value
            item.given.add(H.SASARAN)
        elif not same_name(node.sasaran, value):
            self.add(Kind.PERINGATAN, [row], f"{node.level.sheet} {node.code}: sasaran kedua "
                     f"'{clip(value, 60)}' berbeda dari '{clip(node.sasaran, 60)}'; dipakai "
                     "yang pertama")

    # indicators -------------------------------------------------------------------------------
    def indicator(self, item: Item, name: str, values: dict[str, Cell], row: int) -> None:
        """An indicator row of a node; the same indicator name twice stays one indicator
        (the later row only fills what the first left empty)."""
        node = item.node
        key = norm_name(name)  # a repeated row repeats the text: no fuzzy match needed
        ind = next((i for i in node.indicators if norm_name(i.name) == key), None)
        if ind is None:
            ind = Indicator(0, name)
            node.indicators.append(ind)
            item.ind_given[id(ind)] = {H.INDIKATOR}
            item.ind_rows[id(ind)] = row
        else:
            self.add(Kind.DIGABUNG, [row], f"indikator '{clip(name, 60)}' sudah ada di "
                     f"{node.level.sheet} {node.code} (baris {item.ind_rows[id(ind)]}); "
                     "baris ini hanya mengisi yang masih kosong")
        given = item.ind_given.setdefault(id(ind), {H.INDIKATOR})
        self._indicator_fields(ind, given, values, row)

    def _indicator_fields(self, ind: Indicator, given: set[str], values: dict[str, Cell],
                          row: int) -> None:
        def put(header: str, attr: str, value: object) -> None:
            if value in (None, "") or header in given:
                return
            setattr(ind, attr, value)
            given.add(header)

        satuan = text(values.get(F.SATUAN))
        formulasi = text(values.get(F.FORMULASI))
        sumber = text(values.get(F.SUMBER))
        tipe_text = text(values.get(F.TIPE))
        if formulasi and not sumber and not tipe_text:  # e-SAKIP style "Formulasi … Tipe …"
            pen = read_penjelasan(formulasi)
            if pen.tipe_text or pen.sumber:
                formulasi, sumber, tipe_text = pen.formulasi, pen.sumber, pen.tipe_text
        target, target_text, unit = self._target(values.get(F.TARGET), row)
        put(H.SATUAN, "satuan", satuan or unit)
        put(H.FORMULASI, "formulasi", formulasi)
        put(H.SUMBER, "sumber_data", sumber)
        if (target is not None or target_text) and H.TARGET not in given:
            ind.target, ind.target_text = target, target_text
            ind.target_is_text = target is None
            given.add(H.TARGET)
        self._tipe(ind, given, tipe_text, text(values.get(F.POLARITAS)), row)
        quarters = list(ind.quarter_targets)
        reals = list(ind.realisations)
        for q in range(4):
            for keys, out, header in ((F.TARGET_TW, quarters, H.TARGET_TW),
                                      (F.REAL_TW, reals, H.REAL_TW)):
                raw = values.get(keys[q])
                if raw in (None, "") or header[q] in given:
                    continue
                parsed = parse_quantity(raw)
                if parsed.value is None:
                    self.add(Kind.PERINGATAN, [row], f"{header[q]} '{clip(text(raw), 40)}': "
                             f"{parsed.error}; tidak diisi")
                    continue
                out[q] = parsed.value
                given.add(header[q])
        ind.quarter_targets, ind.realisations = tuple(quarters), tuple(reals)

    def _target(self, raw: Cell | None, row: int) -> tuple[Quantity | None, str, str]:
        """(number, text as typed, unit split off '12 Dokumen')."""
        if raw in (None, ""):
            return None, "", ""
        parsed = parse_quantity(raw)
        if parsed.value is not None:
            return parsed.value, text(raw), ""
        m = re.fullmatch(r"\s*([+-]?\d[\d.,]*)\s*(%|[A-Za-z][\w /().-]{0,40})\s*", text(raw))
        if m:
            number = parse_quantity(m.group(1))
            if number.value is not None:
                unit = "%" if m.group(2) == "%" else m.group(2).strip()
                return number.value, m.group(1), unit
        return None, text(raw), ""

    def _tipe(self, ind: Indicator, given: set[str], tipe_text: str, pol_text: str,
              row: int) -> None:
        if tipe_text and H.TIPE not in given:
            tipe = exact_tipe(tipe_text)
            pol = None
            if tipe is None:
                tipe, pol = read_tipe(tipe_text)
            if tipe is None:
                self.unknown_tipe.append(row)
            else:
                ind.tipe = tipe
                given.add(H.TIPE)
            ind.tipe_text = tipe_text
            given.add(H.TIPE_ASLI)
            if pol is not None and H.POLARITAS not in given:
                ind.polarity = pol
                given.add(H.POLARITAS)
        if pol_text and H.POLARITAS not in given:
            pol = exact_polarity(pol_text) or read_tipe(pol_text)[1]
            if pol is None:
                self.add(Kind.PERINGATAN, [row], f"Polaritas '{clip(pol_text, 30)}' tidak "
                         "dikenal (Positif/Negatif); dianggap Positif")
            else:
                ind.polarity = pol
                given.add(H.POLARITAS)

    def given(self) -> dict[int, set[str]]:
        """id(node or indicator) -> the workbook headers the table filled for it (a merge
        writes only these; defaults such as Positif are not the source's word)."""
        out: dict[int, set[str]] = {}
        for item in self.items.values():
            out[id(item.node)] = {*item.given, H.URAIAN}
            for ind in item.node.indicators:
                out[id(ind)] = item.ind_given.get(id(ind), {H.INDIKATOR})
        return out

    def source_rows(self) -> dict[int, int]:
        """id(node or indicator) -> the source row it was first read from."""
        out: dict[int, int] = {}
        for item in self.items.values():
            out[id(item.node)] = item.row
            for ind in item.node.indicators:
                out[id(ind)] = item.ind_rows.get(id(ind), item.row)
        return out

    # the end ----------------------------------------------------------------------------------
    def finish(self) -> tuple[Plan, dict[tuple[Level, str], list[str]], list[ReportEntry]]:
        """Budgets on the lowest level that has them, defaults reported, rows accounted."""
        for item in self.items.values():
            node = item.node
            kids = self.plan.children(node)
            if node.anggaran is not None and any(k.anggaran is not None for k in kids):
                total = sum(k.anggaran or 0 for k in kids)
                if abs(total - node.anggaran) > 0.5:
                    self.add(Kind.PERINGATAN, item.pagu_rows, f"Anggaran {node.level.sheet} "
                             f"{node.code} ({node.anggaran:,.0f}) berbeda dari jumlah "
                             f"{node.level.child.sheet if node.level.child else ''} di "
                             f"bawahnya ({total:,.0f}); yang di bawah dipakai".replace(",", "."))
                node.anggaran = None  # the workbook sums the children (no double count)
                item.given.discard(H.ANGGARAN)
            if not node.indicators:
                self.add(Kind.PERINGATAN, [item.row], f"{node.level.sheet} {node.code} "
                         f"'{clip(node.uraian, 60)}' tidak punya indikator; lengkapi sebelum "
                         "Periksa Tautan")
        if self.unknown_tipe:
            self.add(Kind.PERINGATAN, sorted(self.unknown_tipe), f"{len(self.unknown_tipe)} "
                     "Tipe Penghitungan tidak dikenali; dianggap Non Kumulatif (teks aslinya "
                     "di kolom Teks Asli Tipe)")
        defaults = [r for it in self.items.values() for i in it.node.indicators
                    if H.POLARITAS not in it.ind_given.get(id(i), set())
                    for r in [it.ind_rows.get(id(i), it.row)]]
        if defaults:
            self.add(Kind.INFO, sorted(defaults), f"{len(defaults)} indikator tanpa Polaritas "
                     "di sumber; dianggap Positif")
        for what, rows in self.uses.items():
            self.add(Kind.INFO, sorted(rows), f"{len(rows)} baris dipakai: {what}")
        return self.plan, self.notes, self.report

