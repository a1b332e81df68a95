"""The tree as read from an export, before codes: nodes that still point at each other.

Pure. The parser (`esakip`) builds it; `assemble` numbers it and turns it into a `Plan`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..core.contract import Level
from ..core.findings import clip
from .text import Penjelasan

NOTE_NOMENKLATUR = "Induk disimpulkan dari nomenklatur — mohon konfirmasi"
NOTE_ORDER = "Induk disimpulkan dari urutan dokumen — mohon konfirmasi"
NOTE_PAIRED = "Sasaran/indikator dipasangkan menurut urutan dokumen — mohon konfirmasi"


@dataclass
class RawIndicator:
    name: str
    line: int
    pen: Penjelasan
    pen_lines: tuple[int, ...] = ()


@dataclass(eq=False)
class RawNode:
    level: Level
    number: int | None
    line: int
    uraian: str = ""
    sasaran: str = ""
    program: RawNode | None = None
    after_kegiatan: RawNode | None = None  # the kegiatan heading just before (document order)
    parent: RawNode | None = None
    parent_note: str = ""
    indicators: list[RawIndicator] = field(default_factory=list)
    ind_head: bool = False  # an "Indikator Kinerja …" heading was read for this node
    notes: list[str] = field(default_factory=list)
    code: str = ""
    number_used: int = 0

    def label(self) -> str:
        num = f" {self.number}" if self.number is not None else ""
        return f"{self.level.sheet}{num} '{clip(self.uraian or self.sasaran, 70)}'"


@dataclass
class RawTree:
    """Every node read, per level, in document order."""

    tujuan: list[RawNode] = field(default_factory=list)
    sasaran: list[RawNode] = field(default_factory=list)
    programs: list[RawNode] = field(default_factory=list)
    kegiatan: list[RawNode] = field(default_factory=list)
    subs: list[RawNode] = field(default_factory=list)

    def all(self) -> list[RawNode]:
        return [*self.tujuan, *self.sasaran, *self.programs, *self.kegiatan, *self.subs]
