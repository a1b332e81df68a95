"""Domain objects: the performance tree, its indicators, officials and settings (DESIGN §2).

Plain dataclasses with no I/O. Every object remembers the sheet row it came from so that
findings and computed cells can point back at the user's cell.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field

from .contract import DEFAULT_BANDS, Level, NegativeRule, Polarity, Tipe
from .numbers import DEFAULT_SCALES, Quantity, Scale

QUARTERS = 4


@dataclass
class Indicator:
    """One indicator row of a node."""

    row: int
    name: str
    satuan: str = ""
    polarity: Polarity = Polarity.POSITIF
    tipe: Tipe = Tipe.NON_KUMULATIF
    tipe_text: str = ""
    formulasi: str = ""
    sumber_data: str = ""
    target: Quantity | None = None
    target_text: str = ""
    quarter_targets: tuple[Quantity | None, ...] = (None,) * QUARTERS
    realisations: tuple[Quantity | None, ...] = (None,) * QUARTERS
    target_is_text: bool = False  # the Target cell is a typed string (e.g. "85%") not a number
    inputs_are_numbers: bool = True  # the uniform formula reads this row exactly as Python does
    grade_scale: str = ""  # the grade scale of the row's target/realisations ("" = numbers)
    reading_notes: tuple[str, ...] = ()  # how text inputs were read, for the Status column


@dataclass
class Node:
    """A node of the cascade: one Kode on one level, with its indicators."""

    level: Level
    code: str
    row: int
    parent_code: str = ""
    uraian: str = ""
    sasaran: str = ""
    pic: str = ""
    indicators: list[Indicator] = field(default_factory=list)
    anggaran: float | None = None
    realisasi_anggaran: float | None = None

    @property
    def rows(self) -> list[int]:
        return [self.row] + [i.row for i in self.indicators if i.row != self.row]


@dataclass
class Official:
    """A row of the Pejabat sheet. `atasan` is an ID, or free text for an external superior."""

    row: int
    id: str
    jabatan: str = ""
    nama: str = ""
    nip: str = ""
    pangkat: str = ""
    atasan: str = ""


@dataclass
class Settings:
    """The Pengaturan sheet, with DESIGN defaults for anything left blank."""

    nama_instansi: str = ""
    pemerintah_daerah: str = ""
    tahun: int | None = None
    tempat: str = ""
    tanggal_pk: dt.date | None = None
    jenis_pk: str = "Murni"
    negative_rule: NegativeRule = NegativeRule.TWO_T_MINUS_R
    cap: float | None = None
    periode: int | None = None
    bands: tuple[float, float, float, float] = DEFAULT_BANDS
    scales: tuple[Scale, ...] = DEFAULT_SCALES


@dataclass
class Plan:
    """The whole workbook as a performance plan: settings, officials and the tree."""

    settings: Settings = field(default_factory=Settings)
    officials: dict[str, Official] = field(default_factory=dict)
    levels: dict[Level, list[Node]] = field(default_factory=lambda: {lv: [] for lv in Level})
    last_quarter_seen: int = 0  # last TW with any typed realisation, even an invalid one
    _by_key: dict[tuple[Level, str], Node] = field(default_factory=dict, repr=False)
    _kids: dict[tuple[Level, str], list[Node]] = field(default_factory=dict, repr=False)
    _indexed: int = field(default=-1, repr=False)

    def nodes(self) -> Iterator[Node]:
        for level in Level:
            yield from self.levels[level]

    def find(self, level: Level, code: str) -> Node | None:
        return self._index().get((level, code))

    def children(self, node: Node) -> list[Node]:
        self._index()
        return self._kids.get((node.level, node.code), [])

    def parent(self, node: Node) -> Node | None:
        if node.level.parent is None or not node.parent_code:
            return None
        return self.find(node.level.parent, node.parent_code)

    def _index(self) -> dict[tuple[Level, str], Node]:
        """(level, code) -> first node; rebuilt when nodes were added since the last build."""
        count = sum(len(v) for v in self.levels.values())
        if count != self._indexed:
            self._by_key.clear()
            self._kids.clear()
            for n in self.nodes():
                self._by_key.setdefault((n.level, n.code), n)
                if n.level.parent is not None and n.parent_code:
                    self._kids.setdefault((n.level.parent, n.parent_code), []).append(n)
            self._indexed = count
        return self._by_key
