"""What one official's Perjanjian Kinerja says, decided from the plan (no layout here).

Every gap in the workbook becomes a visible placeholder in the document and a finding that
names the cell to fill, so a PK is produced whenever it can be and never silently wrong.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..core.chains import atasan_cycles
from ..core.contract import PEJABAT, PENGATURAN, H, Level, P, S, norm_header
from ..core.findings import Finding, Severity, clip
from ..core.grid import SheetLayout
from ..core.model import Indicator, Node, Official, Plan
from ..core.vocab import format_date
from . import texts as T
from .budget import BudgetTable, budget_table

LEVEL_HEADINGS = {
    Level.TUJUAN: "Sasaran Strategis",
    Level.SASARAN: "Sasaran Strategis",
    Level.PROGRAM: "Sasaran Program",
    Level.KEGIATAN: "Sasaran Kegiatan",
    Level.SUB_KEGIATAN: "Sasaran Sub Kegiatan",
}


@dataclass(frozen=True)
class Party:
    """A signatory. An empty NIP or pangkat prints no line (e.g. an external Bupati)."""

    jabatan: str
    nama: str
    pangkat: str = ""
    nip: str = ""


@dataclass(frozen=True)
class TargetRow:
    indikator: str
    target: str
    satuan: str


@dataclass(frozen=True)
class SasaranRow:
    no: int
    sasaran: str
    indicators: tuple[TargetRow, ...]


@dataclass(frozen=True)
class TargetBlock:
    heading: str  # "Sasaran Strategis", "Sasaran Program", ...
    rows: tuple[SasaranRow, ...]


@dataclass(frozen=True)
class PkDoc:
    """Everything printed on one official's PK sheet."""

    official_id: str
    sheet: str
    title: str
    lampiran_title: str
    unit: str
    pemda: str
    first: Party
    second: Party
    place_date: str
    lampiran_jabatan: str
    blocks: tuple[TargetBlock, ...]
    budget: BudgetTable | None


class Notes:
    """Collects PK findings once each (a missing Tahun concerns every PK but is said once)."""

    def __init__(self, layouts: dict[str, SheetLayout], setting_rows: dict[str, int]):
        self.layouts, self.setting_rows = layouts, setting_rows
        self._seen: dict[tuple[str, int | None, str, str], Finding] = {}

    def add(self, sheet: str, row: int | None, column: str, message: str) -> None:
        if sheet == PENGATURAN:
            row, letter = self.setting_rows.get(norm_header(column)), "B"
        else:
            layout = self.layouts.get(sheet)
            letter = layout.letter(column) if layout else ""
        key = (sheet, row, column, message)
        if key not in self._seen:
            self._seen[key] = Finding(Severity.WARNING, sheet, row, column, message, letter)

    @property
    def findings(self) -> list[Finding]:
        return list(self._seen.values())


def owned_nodes(plan: Plan) -> dict[str, list[Node]]:
    """Official ID -> the nodes it is Penanggung Jawab of, top level first, sheet order."""
    out: dict[str, list[Node]] = {}
    for node in plan.nodes():
        if node.pic:
            out.setdefault(node.pic, []).append(node)
    return out


def _setting(value: str, placeholder: str, label: str, notes: Notes) -> str:
    if value:
        return value
    notes.add(PENGATURAN, None, label, f"{label} kosong atau tidak sah; PK tertulis "
              f"'{placeholder}'. Isi di sheet Pengaturan lalu buat PK lagi.")
    return placeholder


def _party(off: Official, notes: Notes) -> Party:
    def need(value: str, header: str, placeholder: str) -> str:
        if value:
            return value
        notes.add(PEJABAT, off.row, header, f"{header} pejabat {clip(off.id)} kosong; PK "
                  f"tertulis '{placeholder}'. Isi lalu buat PK lagi.")
        return placeholder

    return Party(need(off.jabatan, P.JABATAN, T.JABATAN), need(off.nama, P.NAMA, T.NAMA),
                 off.pangkat, off.nip)


def atasan_cycle(plan: Plan, off: Official) -> list[str]:
    """The IDs of the Atasan chain that leads back to `off` ([] when it does not). For many
    officials, compute `atasan_cycles(plan.officials)` once instead."""
    return atasan_cycles(plan.officials).get(off.id, [])


def _second_party(plan: Plan, off: Official, notes: Notes,
                  cycles: dict[str, list[str]] | None = None) -> Party:
    where = (PEJABAT, off.row, P.ATASAN)
    if not off.atasan:
        notes.add(*where, f"Atasan pejabat {clip(off.id)} kosong; Pihak Kedua di PK tertulis "
                  f"'{T.ATASAN_KOSONG}'. Isi dengan ID atasannya (Bupati/Wali Kota sebagai baris"
                  " tersendiri tanpa NIP), lalu buat PK lagi.")
        return Party(T.JABATAN_ATASAN, T.ATASAN_KOSONG)
    boss = plan.officials.get(off.atasan)
    if boss is None:
        placeholder = T.atasan_unknown(clip(off.atasan, 40))
        notes.add(*where, f"Atasan '{clip(off.atasan)}' bukan ID di sheet Pejabat; Pihak Kedua "
                  f"di PK {clip(off.id)} tertulis '{placeholder}'.")
        return Party(off.atasan, placeholder)
    cycle = cycles.get(off.id, []) if cycles is not None else atasan_cycle(plan, off)
    if cycle:
        notes.add(*where, f"rantai Atasan berputar ({clip(' → '.join(cycle), 120)}); Pihak "
                  f"Kedua di PK {clip(off.id)} tertulis '{T.ATASAN_BERPUTAR}'.")
        return Party(T.JABATAN_ATASAN, T.ATASAN_BERPUTAR)
    return _party(boss, notes)


def _target_row(node: Node, ind: Indicator, notes: Notes) -> TargetRow:
    if ind.target is not None:
        target = str(ind.target)
    elif ind.target_text:
        target = ind.target_text
    else:
        target = T.TARGET_KOSONG
        notes.add(node.level.sheet, ind.row, H.TARGET, f"Target indikator '{clip(ind.name)}' "
                  f"kosong; PK {clip(node.pic)} tertulis '{T.TARGET_KOSONG}'.")
    return TargetRow(ind.name, target, ind.satuan)


def _sasaran_row(no: int, node: Node, notes: Notes) -> SasaranRow:
    sasaran = node.sasaran or node.uraian
    if not sasaran:
        sasaran = T.SASARAN_KOSONG
        notes.add(node.level.sheet, node.row, H.SASARAN, f"Sasaran dan Uraian node "
                  f"{clip(node.code)} kosong; PK {clip(node.pic)} tertulis '{T.SASARAN_KOSONG}'.")
    rows = tuple(_target_row(node, ind, notes) for ind in node.indicators)
    if not rows:
        notes.add(node.level.sheet, node.row, H.INDIKATOR, f"node {clip(node.code)} tidak punya "
                  f"indikator; PK {clip(node.pic)} tertulis '{T.INDIKATOR_KOSONG}'.")
        rows = (TargetRow(T.INDIKATOR_KOSONG, "", ""),)
    return SasaranRow(no, sasaran, rows)


def _blocks(nodes: list[Node], notes: Notes) -> tuple[TargetBlock, ...]:
    by_heading: dict[str, list[Node]] = {}
    for node in sorted(nodes, key=lambda n: n.level):  # stable: sheet order within a level
        by_heading.setdefault(LEVEL_HEADINGS[node.level], []).append(node)
    return tuple(TargetBlock(heading, tuple(_sasaran_row(i, n, notes)
                                            for i, n in enumerate(group, start=1)))
                 for heading, group in by_heading.items())


def pk_document(plan: Plan, off: Official, nodes: list[Node], sheet: str,
                notes: Notes, cycles: dict[str, list[str]] | None = None) -> PkDoc:
    """The PK of `off`, who is Penanggung Jawab of `nodes`. `cycles`: the plan's
    `atasan_cycles`, computed once for many PKs."""
    s = plan.settings
    tahun = _setting(str(s.tahun) if s.tahun else "", T.TAHUN, S.TAHUN, notes)
    kind = " PERUBAHAN" if s.jenis_pk == "Perubahan" else ""
    title = f"PERJANJIAN KINERJA{kind} TAHUN {tahun}"
    tempat = _setting(s.tempat, T.TEMPAT, S.TEMPAT, notes)
    tanggal = _setting(format_date(s.tanggal_pk) if s.tanggal_pk else "", T.TANGGAL,
                       S.TANGGAL_PK, notes)
    unit = _setting(s.nama_instansi.upper(), T.INSTANSI, S.NAMA_INSTANSI, notes)
    pemda = _setting(s.pemerintah_daerah.upper(), T.PEMDA, S.PEMDA, notes)
    first = _party(off, notes)
    return PkDoc(
        official_id=off.id, sheet=sheet, title=title, lampiran_title=f"{T.LAMPIRAN} {title}",
        unit=unit, pemda=pemda, first=first, second=_second_party(plan, off, notes, cycles),
        place_date=f"{tempat}, {tanggal}",
        lampiran_jabatan=first.jabatan if first.jabatan == T.JABATAN else first.jabatan.upper(),
        blocks=_blocks(nodes, notes), budget=budget_table(plan, nodes))
