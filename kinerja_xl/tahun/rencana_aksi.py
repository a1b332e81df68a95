"""Rencana Aksi: one print-ready sheet per official who signs a PK, for quarterly planning and
monitoring of the PK targets (pure: grids in, `SheetSpec`s out).

Columns: No · Sasaran · Indikator · Satuan · Target tahunan · Rencana Aksi · Target TW I–IV ·
Realisasi TW I–IV · Capaian s.d. periode · Tindak Lanjut. The Rencana Aksi of a node are the
nodes one level below it (a Sub Kegiatan, which has none, is its own action); capaian comes
from the same `compute` as Hitung at the workbook's Periode. Signed by the official (right) and
the atasan (left, "Mengetahui"). See docs/lkjip.md.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace

from ..core.findings import Finding, WorkbookError, clip
from ..core.grid import Grid, text
from ..core.model import Node, Official
from ..core.sheetspec import PrintSpec, SheetSpec, Style
from ..pk import texts as PT
from ..pk.build import _setting_rows, _sorted, wanted_ids
from ..pk.content import Notes, Party, PkDoc, owned_nodes, pk_document
from ..pk.layout import BODY, CENTER, NAME, TD, TD_CENTER, TH, TITLE, Sheet
from . import fmt
from .columns import TINDAK_LANJUT
from .source import Source, load

SHEET_PREFIX = "RA "
MARK_TITLE = "RENCANA AKSI"  # how a generated Rencana Aksi sheet is recognised (its title)
_MAX_SHEET = 31
_BAD_SHEET_CHARS = re.compile(r"[\\/?*\[\]:]")
_BAD_FILE_CHARS = re.compile(r'[\\/:*?"<>|\s]+')
ROMAN = ("I", "II", "III", "IV")
SIZE = 10.0
WIDTHS = {1: 4.0, 2: 18.0, 3: 20.0, 4: 9.0, 5: 9.0, 6: 22.0, **{c: 6.5 for c in range(7, 15)},
          15: 9.0, 16: 16.0}
LAST_COL = 16
LEFT, RIGHT = (1, 6), (11, 16)  # signature blocks: atasan (left), the official (right)
MARGINS_CM = (1.5, 1.5, 1.5, 1.5)


def _small(style: Style) -> Style:
    return replace(style, size=SIZE)


TH_S, TD_S, TD_C = _small(TH), _small(TD), _small(TD_CENTER)
TD_R = replace(TD_S, align="right")
BODY_S, CENTER_S, NAME_S = _small(BODY), _small(CENTER), _small(NAME)


@dataclass(frozen=True)
class RaRow:
    indikator: str
    satuan: str
    target: str
    targets: tuple[str, str, str, str]
    reals: tuple[str, str, str, str]
    capaian: str
    tindak_lanjut: str


@dataclass(frozen=True)
class RaGroup:
    no: int
    sasaran: str
    actions: str  # one "• …" line per action
    rows: tuple[RaRow, ...]


@dataclass(frozen=True)
class RaDoc:
    official_id: str
    sheet: str
    title: str
    pk: PkDoc
    periode: int | None
    groups: tuple[RaGroup, ...]
    notes: tuple[str, ...]  # why a capaian shows t.d.


@dataclass
class RaBuild:
    docs: list[RaDoc] = field(default_factory=list)
    specs: list[SheetSpec] = field(default_factory=list)
    stale: list[str] = field(default_factory=list)  # generated RA sheets to delete
    findings: list[Finding] = field(default_factory=list)


def sheet_name(official_id: str) -> str:
    return (SHEET_PREFIX + _BAD_SHEET_CHARS.sub("_", official_id))[:_MAX_SHEET].rstrip("'")


def pdf_name(official_id: str) -> str:
    return f"RA_{_BAD_FILE_CHARS.sub('_', official_id).strip('._') or 'pejabat'}.pdf"


def is_generated(name: str, grid: Grid) -> bool:
    """A sheet this product generated: named 'RA …' and titled RENCANA AKSI…"""
    return name.startswith(SHEET_PREFIX) and any(
        text(v).upper().startswith(MARK_TITLE) for row in grid[:5] for v in row[:8])


def _actions(src: Source, node: Node) -> str:
    kids = src.plan.children(node)
    names = [k.uraian or k.code for k in kids] or [node.uraian or node.code]
    return "\n".join(f"• {n}" for n in names)


def _group(src: Source, no: int, node: Node, notes: list[str]) -> RaGroup:
    rows = []
    for ind in node.indicators:
        res = src.result(node, ind.row)
        cap = res.capaian if res else None
        if cap is None:
            why = res.note if res and res.note else "belum dihitung"
            notes.append(f"{clip(ind.name, 80)}: {why}")
        reals = tuple("" if q is None else fmt.quantity(q) for q in ind.realisations)
        targets = tuple("" if q is None else fmt.quantity(q) for q in ind.quarter_targets)
        rows.append(RaRow(ind.name, ind.satuan, fmt.quantity(ind.target, ind.target_text),
                          targets, reals, fmt.percent(cap),  # type: ignore[arg-type]
                          src.past(node, ind.row).text(TINDAK_LANJUT)))
    if not rows:
        rows.append(RaRow(PT.INDIKATOR_KOSONG, "", "", ("",) * 4, ("",) * 4, fmt.MARK, ""))
    return RaGroup(no, node.sasaran or node.uraian or PT.SASARAN_KOSONG, _actions(src, node),
                   tuple(rows))


def ra_document(src: Source, off: Official, nodes: list[Node], sheet: str,
                notes: Notes) -> RaDoc:
    pk = pk_document(src.plan, off, nodes, sheet, notes)
    tahun = str(src.tahun) if src.tahun else PT.TAHUN
    why: list[str] = []
    ordered = sorted(nodes, key=lambda n: n.level)
    groups = tuple(_group(src, i, n, why) for i, n in enumerate(ordered, start=1))
    return RaDoc(off.id, sheet, f"{MARK_TITLE} TAHUN {tahun}", pk, src.periode, groups,
                 tuple(why))


def plan_rencana_aksi(grids: Mapping[str, Grid], ids: Iterable[str] | None = None) -> RaBuild:
    """The Rencana Aksi sheets of every official who owns a node (or of `ids`), and the
    generated RA sheets to drop. Refuses (WorkbookError) to replace a user's own 'RA …'
    sheet, an unknown ID or an official without nodes."""
    src = load(grids)
    plan = src.plan
    owned = owned_nodes(plan)
    wanted = wanted_ids(plan, owned, ids, "Rencana Aksi")
    notes = Notes(src.comp.read.layouts, _setting_rows(grids))
    out = RaBuild()
    names: set[str] = set()
    for off in plan.officials.values():
        if off.id not in owned or (wanted is not None and off.id not in wanted):
            continue
        name = sheet_name(off.id)
        while name in names:
            name = name[:_MAX_SHEET - 2] + "~" + str(len(names) % 10)
        names.add(name)
        if name in grids and not is_generated(name, grids[name]):
            raise WorkbookError(f"Sheet '{name}' sudah ada dan bukan buatan kinerja_xl (judulnya"
                                f" bukan {MARK_TITLE}). Ganti nama sheet itu, lalu jalankan "
                                "Rencana Aksi lagi.")
        doc = ra_document(src, off, owned[off.id], name, notes)
        out.docs.append(doc)
        out.specs.append(ra_sheet(doc))
    if wanted is None:
        out.stale = [n for n, g in grids.items() if n not in names and is_generated(n, g)]
    out.findings = _sorted(notes.findings)
    return out


# Layout ----------------------------------------------------------------------------------------

def _header(sh: Sheet, periode: int | None) -> tuple[int, int]:
    top = sh.row
    capaian = f"Capaian s.d. TW {ROMAN[periode - 1]} (%)" if periode else "Capaian (%)"
    for col, label in ((1, PT.NO), (2, "Sasaran"), (3, PT.INDIKATOR), (4, PT.SATUAN),
                       (5, "Target Tahunan"), (6, MARK_TITLE.title()), (15, capaian),
                       (16, "Tindak Lanjut")):
        sh.put(col, col, label, TH_S, rows=2)
    sh.put(7, 10, "Target", TH_S)
    sh.put(11, 14, "Realisasi", TH_S)
    sh.next()
    for q, roman in enumerate(ROMAN):
        sh.put(7 + q, 7 + q, f"TW {roman}", TH_S)
        sh.put(11 + q, 11 + q, f"TW {roman}", TH_S)
    sh.next()
    return top, sh.row - 1


def _group_rows(sh: Sheet, group: RaGroup) -> None:
    n = len(group.rows)
    sh.put(1, 1, group.no, replace(TD_C, valign="top"), rows=n)
    sh.put(2, 2, group.sasaran, replace(TD_S, valign="top"), rows=n)
    sh.put(6, 6, group.actions, replace(TD_S, valign="top"), rows=n)
    for row in group.rows:
        sh.put(3, 3, row.indikator, TD_S)
        sh.put(4, 4, row.satuan, TD_C)
        sh.put(5, 5, row.target, TD_C)
        for q in range(4):
            sh.put(7 + q, 7 + q, row.targets[q], TD_C)
            sh.put(11 + q, 11 + q, row.reals[q], TD_C)
        sh.put(15, 15, row.capaian, TD_C)
        sh.put(16, 16, row.tindak_lanjut, TD_S)
        sh.next()


def _signatures(sh: Sheet, pk: PkDoc) -> None:
    sh.put(*RIGHT, pk.place_date, CENTER_S)
    sh.next()
    sides: tuple[tuple[tuple[int, int], Party, str], ...] = (
        (LEFT, pk.second, "Mengetahui,"), (RIGHT, pk.first, ""))
    for (first, last), party, lead in sides:
        sh.put(first, last, f"{lead}\n{party.jabatan}" if lead else party.jabatan, CENTER_S)
    sh.next()
    sh.gap(56)
    for (first, last), party, _lead in sides:
        sh.put(first, last, party.nama, NAME_S)
    sh.next()
    for attr, prefix in (("pangkat", ""), ("nip", "NIP. ")):
        if any(getattr(p, attr) for _c, p, _l in sides):
            for (first, last), party, _lead in sides:
                value = getattr(party, attr)
                sh.put(first, last, f"{prefix}{value}" if value else "", CENTER_S)
            sh.next()


def ra_sheet(doc: RaDoc) -> SheetSpec:
    """The print-ready Rencana Aksi of one official: A4 landscape, one page wide, the column
    header repeated on every page, signatures at the end."""
    sh = Sheet(SheetSpec(doc.sheet, widths=dict(WIDTHS), tab_color="375623"),
               widths=dict(WIDTHS))
    pk = doc.pk
    for line in (doc.title, pk.lampiran_jabatan, pk.unit):
        sh.put(1, LAST_COL, line, replace(TITLE, size=12))
        sh.next()
    sh.gap(10)
    titles = _header(sh, doc.periode)
    for group in doc.groups:
        _group_rows(sh, group)
    if doc.notes:
        sh.gap(6)
        lines = [f"{fmt.MARK} = capaian tidak dapat dihitung:"] + [f"- {n}" for n in doc.notes]
        sh.put(1, LAST_COL, "\n".join(lines), replace(BODY_S, italic=True))
        sh.next()
    sh.gap(16)
    _signatures(sh, pk)
    sh.spec.heights = sh.heights()
    sh.spec.print = PrintSpec(orientation="landscape", margins_cm=MARGINS_CM, title_rows=titles,
                              area=(1, 1, sh.row - 1, LAST_COL))
    return sh.spec


__all__ = ["RaBuild", "RaDoc", "is_generated", "pdf_name", "plan_rencana_aksi", "ra_sheet",
           "sheet_name"]
