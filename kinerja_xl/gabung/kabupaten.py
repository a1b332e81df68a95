"""Across levels of government: unit Tujuan linked to the kabupaten's RPJMD Sasaran.

A unit's Tujuan names a Sasaran of the kabupaten workbook (same contract: Tujuan / Sasaran
with their IKU) in its `Kode Induk`. Here the links are checked (unknown codes, chains that
loop), unit capaian is rolled up to the kabupaten Sasaran and Tujuan, and the rows of the
cascading matrix and of a PK Bupati-style table are composed (plain rows; report.py writes them).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from ..core import capaian as rules
from ..core.contract import Level
from ..core.findings import WorkbookError, clip
from ..core.model import Indicator, Node, Plan
from ..core.reader import read_plan
from .read import FileLog, sheet_grids

OK, UNKNOWN, LOOP, BLANK = "OK", "Tidak dikenal", "Berputar", "Belum ditautkan"


@dataclass
class Iku:
    """An indicator of a kabupaten Sasaran (or Tujuan) with its own capaian."""

    node: Node
    indicator: Indicator
    capaian: float | None
    predikat: str


@dataclass
class Kabupaten:
    path: Path
    plan: Plan
    periode: int | None
    iku: dict[str, list[Iku]] = field(default_factory=dict)  # Sasaran code -> indicators

    @property
    def name(self) -> str:
        s = self.plan.settings
        return s.pemerintah_daerah or s.nama_instansi or self.path.stem


def read_kabupaten(path: str | Path, periode: int | None = None) -> Kabupaten:
    """The kabupaten workbook (read-only) and the capaian of its IKU by the core rules."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise WorkbookError(f"Workbook kabupaten '{path}' tidak dapat dibuka: {exc}") from exc
    plan = read_plan(sheet_grids(data, path.name)).plan
    if periode is not None:
        plan.settings.periode = periode
    n = rules.effective_periode(plan)
    kab = Kabupaten(path, plan, n)
    s = plan.settings
    for node in plan.levels[Level.SASARAN]:
        items = []
        for ind in node.indicators:
            value = (rules.indicator_capaian(ind, n, s.negative_rule, s.cap)[1].value
                     if n else None)
            items.append(Iku(node, ind, value, rules.predikat(value, s.bands)))
        kab.iku.setdefault(node.code, []).extend(items)
    return kab


@dataclass
class Link:
    """One unit Tujuan and the kabupaten Sasaran its Kode Induk names."""

    unit: str
    file: str
    row: int
    kode: str
    uraian: str
    kode_induk: str
    capaian: float | None
    status: str = OK
    message: str = ""


def unit_tujuan(frame: pd.DataFrame) -> pd.DataFrame:
    """Tujuan nodes of every unit with their node capaian (mean of computable indicators)."""
    rows = frame[frame["level"] == Level.TUJUAN.sheet]
    if rows.empty:
        return pd.DataFrame(columns=["unit", "file", "kode", "kode_induk", "uraian", "baris",
                                     "capaian"])
    grouped = rows.groupby(["unit", "kode"], observed=True, sort=False)
    return grouped.agg(file=("file", "first"), kode_induk=("kode_induk", "first"),
                       uraian=("uraian", "first"), baris=("baris", "min"),
                       capaian=("capaian", "mean")).reset_index()


def _loops(kab: Kabupaten, code: str) -> bool:
    """Does the Kode Induk chain up from kabupaten Sasaran `code` come back on itself (e.g. a
    kabupaten Tujuan whose Kode Induk names one of its own Sasaran)?"""
    nodes = {lv: {n.code: n for n in kab.plan.levels[lv]} for lv in (Level.TUJUAN,
                                                                    Level.SASARAN)}
    level, seen = Level.SASARAN, set()
    while code:
        node = nodes[level].get(code)
        if node is None:
            return False
        if (level, code) in seen:
            return True
        seen.add((level, code))
        code = node.parent_code
        level = Level.TUJUAN if level is Level.SASARAN else Level.SASARAN
    return False


def check_links(kab: Kabupaten, frame: pd.DataFrame) -> list[Link]:
    """Every unit Tujuan with the state of its link to the kabupaten."""
    sasaran = {n.code for n in kab.plan.levels[Level.SASARAN]}
    tujuan = {n.code for n in kab.plan.levels[Level.TUJUAN]}
    loops: dict[str, bool] = {}
    links = []
    for t in unit_tujuan(frame).itertuples(index=False):
        capaian = None if pd.isna(t.capaian) else float(t.capaian)
        link = Link(str(t.unit), str(t.file), int(t.baris), str(t.kode), str(t.uraian),
                    str(t.kode_induk), capaian)
        code = link.kode_induk
        if not code:
            link.status = BLANK
            link.message = ("Kode Induk Tujuan kosong; isi dengan Kode Sasaran kabupaten agar "
                            "capaian unit ini masuk ke sasaran kabupaten")
        elif code not in sasaran:
            link.status = UNKNOWN
            hint = (" (kode itu Tujuan kabupaten; Tujuan unit menginduk ke Sasaran kabupaten)"
                    if code in tujuan else "")
            link.message = (f"Kode Induk '{clip(code)}' pada sheet Tujuan baris {link.row} tidak "
                            f"ada di sheet Sasaran workbook kabupaten{hint}")
        else:
            if code not in loops:
                loops[code] = _loops(kab, code)
            if loops[code]:
                link.status = LOOP
                link.message = (f"rantai Kode Induk kabupaten dari Sasaran '{clip(code)}' "
                                "berputar (Tujuan dan Sasaran saling menginduk); periksa Kode "
                                "Induk di workbook kabupaten")
        links.append(link)
    return links


@dataclass
class Rollup:
    """Capaian of the units linked to each kabupaten Sasaran and Tujuan."""

    sasaran: dict[str, float | None]
    tujuan: dict[str, float | None]
    units: dict[str, list[Link]]  # Sasaran code -> links


def rollup(kab: Kabupaten, links: Sequence[Link]) -> Rollup:
    """Sasaran: mean of the linked unit Tujuan capaian; Tujuan: mean of its Sasaran."""
    by_sasaran: dict[str, list[Link]] = {}
    for link in links:
        if link.status == OK:
            by_sasaran.setdefault(link.kode_induk, []).append(link)
    sasaran = {n.code: rules.node_capaian([lk.capaian for lk in by_sasaran.get(n.code, [])])
               for n in kab.plan.levels[Level.SASARAN]}
    tujuan = {}
    for t in kab.plan.levels[Level.TUJUAN]:
        kids = [sasaran.get(s.code) for s in kab.plan.children(t)]
        tujuan[t.code] = rules.node_capaian(kids)
    return Rollup(sasaran, tujuan, by_sasaran)


def _num(value: float | None) -> float | str:
    return "" if value is None or (isinstance(value, float) and np.isnan(value)) else value


CASCADE_HEADERS = ("Tujuan", "Capaian Tujuan (gabungan, %)", "Sasaran",
                   "Capaian Sasaran (gabungan, %)", "Indikator Kinerja Utama", "Target",
                   "Satuan", "Capaian IKU (%)", "Perangkat Daerah Penanggung Jawab",
                   "Tujuan Perangkat Daerah", "Capaian Perangkat Daerah (%)")


def cascade_rows(kab: Kabupaten, roll: Rollup) -> list[list[object]]:
    """The cascading matrix: per kabupaten Tujuan and Sasaran, its IKU side by side with the
    Perangkat Daerah whose Tujuan support it."""
    rows: list[list[object]] = []
    plan = kab.plan
    orphans = [s for s in plan.levels[Level.SASARAN] if plan.parent(s) is None]
    groups = [(t, plan.children(t)) for t in plan.levels[Level.TUJUAN]]
    if orphans:
        groups.append((None, orphans))
    for t, kids in groups:
        first_t = True
        for s in kids or [None]:
            iku = kab.iku.get(s.code, []) if s else []
            linked = roll.units.get(s.code, []) if s else []
            for i in range(max(1, len(iku), len(linked))):
                row: list[object] = [""] * len(CASCADE_HEADERS)
                if first_t:
                    row[0] = f"{t.code} {t.uraian}" if t else "(Sasaran tanpa Tujuan)"
                    row[1] = _num(roll.tujuan.get(t.code)) if t else ""
                    first_t = False
                if i == 0 and s is not None:
                    row[2] = f"{s.code} {s.uraian}"
                    row[3] = _num(roll.sasaran.get(s.code))
                if i < len(iku):
                    item = iku[i]
                    row[4] = item.indicator.name
                    row[5] = item.indicator.target_text
                    row[6] = item.indicator.satuan
                    row[7] = _num(item.capaian)
                if i < len(linked):
                    link = linked[i]
                    row[8] = link.unit
                    row[9] = f"{link.kode} {link.uraian}"
                    row[10] = _num(link.capaian)
                elif i == 0 and s is not None:
                    row[8] = "(belum ada perangkat daerah yang menautkan)"
                rows.append(row)
    return rows


PK_HEADERS = ("No", "Sasaran Strategis", "Indikator Kinerja", "Target", "Satuan",
              "Perangkat Daerah Penanggung Jawab")
BUDGET_HEADERS = ("No", "Perangkat Daerah", "Anggaran (Rp)", "Realisasi Anggaran (Rp)",
                  "Serapan Anggaran (%)")


def pk_rows(kab: Kabupaten, roll: Rollup) -> list[list[object]]:
    """PK Bupati-style lampiran: Sasaran Strategis · Indikator · Target · Satuan · PD."""
    rows: list[list[object]] = []
    for number, s in enumerate(kab.plan.levels[Level.SASARAN], start=1):
        units = sorted({lk.unit for lk in roll.units.get(s.code, [])})
        for i, ind in enumerate(s.indicators or [None]):
            rows.append([number if i == 0 else "", s.uraian if i == 0 else "",
                         ind.name if ind else "", ind.target_text if ind else "",
                         ind.satuan if ind else "", ", ".join(units) if i == 0 else ""])
    return rows


def budget_rows(kab: Kabupaten, roll: Rollup, units: Sequence[FileLog]) -> list[list[object]]:
    """Anggaran of the Perangkat Daerah that support a kabupaten Sasaran."""
    linked = {lk.unit for links in roll.units.values() for lk in links}
    rows: list[list[object]] = []
    for entry in units:
        if entry.unit in linked:
            serapan = rules.serapan(entry.anggaran, entry.realisasi_anggaran)
            rows.append([len(rows) + 1, entry.unit, _num(entry.anggaran),
                         _num(entry.realisasi_anggaran), _num(serapan)])
    return rows


def bupati(kab: Kabupaten) -> tuple[str, str]:
    """(jabatan, nama) of the top official of the kabupaten workbook (no Atasan)."""
    for off in kab.plan.officials.values():
        if not off.atasan:
            return off.jabatan or "Bupati", off.nama
    return "Bupati", ""
