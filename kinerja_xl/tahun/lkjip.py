"""LKjIP Bab III (PermenPAN-RB 53/2014) as pure data: tables 3.1–3.6 and a narrative skeleton
per sasaran, every number from the same `compute` as Hitung at the workbook's Periode.

Cells are texts in Indonesian number format (`fmt`), so the workbook sheets, the Word document
and its PDF hold the same characters. What cannot be computed shows `t.d.` and the table's
notes say why. The status (3.3) and efisiensi (3.5) rules are in docs/lkjip.md.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from ..core import capaian as rules
from ..core.contract import Level, Polarity
from ..core.findings import clip
from ..core.grid import Grid
from ..core.model import Indicator, Node
from ..core.numbers import Quantity
from ..core.validate import effective_budget
from . import fmt
from .columns import (
    CAPAIAN_N1,
    CAPAIAN_N2,
    DEFAULT_HEADERS,
    KONDISI_AWAL,
    PENDORONG,
    PENGHAMBAT,
    REAL_N1,
    REAL_N2,
    STANDAR,
    TARGET_AKHIR,
    TINDAK_LANJUT,
    Value,
)
from .source import Source, load

RENSTRA_YEARS = 5  # a Renstra covers five years; Kondisi Awal is the year before the first
TERCAPAI, AKAN, USAHA = "Tercapai", "Akan Tercapai", "Perlu Usaha Keras"
EFISIEN, TIDAK_EFISIEN = "Efisien", "Kurang Efisien"
ROMAN = ("I", "II", "III", "IV")


@dataclass(frozen=True)
class Table:
    """One numbered table: header texts, rows of texts, and notes printed under it."""

    number: str  # "3.1"
    title: str  # "Tabel 3.1 Pengukuran Kinerja per Sasaran Tahun 2025"
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    widths: tuple[float, ...]  # relative column widths (characters)
    numeric: frozenset[int] = frozenset()  # 0-based columns aligned right
    bold_rows: frozenset[int] = frozenset()  # 0-based rows printed bold (groups, totals)
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class Narrative:
    no: int
    heading: str
    paragraphs: tuple[str, ...]


@dataclass
class Lkjip:
    tahun: str
    unit: str
    periode: int | None
    tables: list[Table] = field(default_factory=list)
    narratives: list[Narrative] = field(default_factory=list)

    def table(self, number: str) -> Table:
        return next(t for t in self.tables if t.number == number)


class _Notes:
    """Notes of one table: each reason for 't.d.' once, with the indicators it concerns."""

    def __init__(self) -> None:
        self.by_reason: dict[str, list[str]] = {}

    def mark(self, what: str, why: str) -> str:
        names = self.by_reason.setdefault(why, [])
        if what not in names:
            names.append(what)
        return fmt.MARK

    def done(self) -> tuple[str, ...]:
        if not self.by_reason:
            return ()
        lines = [f"{fmt.MARK} = tidak dapat dihitung / tidak tersedia:"]
        for why, names in self.by_reason.items():
            shown = "; ".join(clip(n, 60) for n in names[:5])
            more = f" dan {len(names) - 5} lainnya" if len(names) > 5 else ""
            lines.append(f"- {why}: {shown}{more}")
        return tuple(lines)


def _sasaran_rows(src: Source) -> list[tuple[int, Node, Indicator, bool]]:
    """(sasaran number, node, indicator, first indicator of the node) of the Sasaran sheet."""
    out = []
    for no, node in enumerate(src.plan.levels[Level.SASARAN], start=1):
        for i, ind in enumerate(node.indicators):
            out.append((no, node, ind, i == 0))
    return out


def _lead(no: int, node: Node, first: bool) -> tuple[str, str]:
    return (str(no), node.sasaran or node.uraian or node.code) if first else ("", "")


def _value(v: Value, notes: _Notes, what: str, header: str, *, blank: str) -> str:
    if v.blank:
        return notes.mark(what, blank)
    if v.quantity is None:
        return notes.mark(what, f"{header} '{clip(v.text, 30)}' bukan angka")
    return fmt.quantity(v.quantity)


# 3.1 -------------------------------------------------------------------------------------------

def table_3_1(src: Source, suffix: str) -> Table:
    notes = _Notes()
    rows = []
    for no, node, ind, first in _sasaran_rows(src):
        res = src.result(node, ind.row)
        real = fmt.number(res.realisasi) if res and res.realisasi is not None else \
            notes.mark(ind.name, res.note if res and res.note else "belum ada realisasi")
        cap = fmt.percent(res.capaian) if res and res.capaian is not None else \
            notes.mark(ind.name, res.note if res and res.note else "capaian belum dihitung")
        predikat = res.predikat if res and res.predikat else fmt.MARK
        rows.append((*_lead(no, node, first), ind.name, ind.satuan,
                     fmt.quantity(ind.target, ind.target_text), real, cap, predikat))
    if not rows:
        rows.append(("", "", f"{fmt.MARK}: sheet Sasaran belum berisi indikator", "", "", "",
                     "", ""))
    return Table("3.1", f"Tabel 3.1 Pengukuran Kinerja per Sasaran {suffix}",
                 ("No", "Sasaran", "Indikator Kinerja", "Satuan", "Target", "Realisasi",
                  "Capaian (%)", "Predikat"), tuple(rows), (5, 26, 30, 9, 10, 10, 10, 12),
                 frozenset({4, 5, 6}), notes=notes.done())


# 3.2 -------------------------------------------------------------------------------------------

def trend(now: float | None, before: float | None, polarity: Polarity) -> str:
    """Membaik / Memburuk / Tetap: the direction of this year's realisation against last
    year's, in the indicator's polarity (lower is better for Negatif)."""
    if now is None or before is None:
        return fmt.MARK
    if abs(now - before) < 1e-9:
        return "Tetap"
    better = now > before if polarity is Polarity.POSITIF else now < before
    return "Membaik" if better else "Memburuk"


def _year_label(src: Source, offset: int) -> str:
    year = src.tahun - offset if src.tahun else None
    return str(year) if year else f"N-{offset}"


def table_3_2(src: Source, suffix: str) -> Table:
    notes = _Notes()
    rows = []
    y1, y2 = _year_label(src, 1), _year_label(src, 2)
    yn = str(src.tahun) if src.tahun else "N"
    for no, node, ind, first in _sasaran_rows(src):
        past = src.past(node, ind.row)
        res = src.result(node, ind.row)
        r_now = res.realisasi if res else None
        cap = res.capaian if res else None
        now = {REAL_N1: fmt.number(r_now) if r_now is not None
               else notes.mark(ind.name, "belum ada realisasi tahun ini"),
               CAPAIAN_N1: fmt.percent(cap) if cap is not None
               else notes.mark(ind.name, "capaian tahun ini belum dapat dihitung")}
        cells = []
        for n2, n1 in ((REAL_N2, REAL_N1), (CAPAIAN_N2, CAPAIAN_N1)):  # N-2, N-1, then N
            for key, year in ((n2, y2), (n1, y1)):
                cells.append(_value(past.value(key), notes, ind.name, DEFAULT_HEADERS[key],
                                    blank=f"{DEFAULT_HEADERS[key]} ({year}) kosong"))
            cells.append(now[n1])
        before = past.value(REAL_N1).quantity
        cells.append(trend(r_now, before.value if before else None, ind.polarity))
        rows.append((*_lead(no, node, first), ind.name, ind.satuan, *cells))
    headers = ("No", "Sasaran", "Indikator Kinerja", "Satuan", f"Realisasi {y2}",
               f"Realisasi {y1}", f"Realisasi {yn}", f"Capaian {y2} (%)", f"Capaian {y1} (%)",
               f"Capaian {yn} (%)", "Tren")
    quarter = suffix[suffix.find(" ("):] if " (" in suffix else ""
    return Table("3.2", f"Tabel 3.2 Realisasi dan Capaian Kinerja Tahun {y2}, {y1} dan {yn}"
                 f"{quarter}", headers, tuple(rows), (5, 18, 22, 9, 11, 11, 11, 11, 11, 11, 10),
                 frozenset(range(4, 10)), notes=notes.done())


# 3.3 -------------------------------------------------------------------------------------------

def renstra_status(capaian_akhir: float | None, progress: float | None, tahun: int | None,
                   end_year: int | None) -> tuple[str, str]:
    """(status, why when not decidable). Tercapai: capaian against the end target >= 100.
    Otherwise, with the Renstra's last year known: Akan Tercapai when the share of the way
    from Kondisi Awal to the end target already covered is at least the share of the
    five-year period elapsed (linear path), else Perlu Usaha Keras (also when the last year
    has come without reaching it)."""
    if capaian_akhir is None:
        return fmt.MARK, "capaian terhadap target akhir tidak dapat dihitung"
    if capaian_akhir >= 100:
        return TERCAPAI, ""
    if tahun is None or end_year is None:
        return fmt.MARK, ("tahun target akhir tidak diketahui (tulis di judul kolom, mis. "
                          "'Target Akhir Renstra 2026') atau Tahun kosong")
    remaining = end_year - tahun
    if remaining <= 0:
        return USAHA, ""
    elapsed = min(max(RENSTRA_YEARS - remaining, 0), RENSTRA_YEARS) / RENSTRA_YEARS
    share = progress if progress is not None else capaian_akhir / 100
    return (AKAN if share >= elapsed else USAHA), ""


def _progress(r: float, start: Quantity | None, end: Quantity) -> float | None:
    """Share of the way from Kondisi Awal to the end target covered by r (any polarity)."""
    if start is None or start.is_range or end.value == start.value:
        return None
    return (r - start.value) / (end.value - start.value)


def table_3_3(src: Source, suffix: str) -> Table:
    notes = _Notes()
    rows = []
    s = src.plan.settings
    cols = src.columns.get(Level.SASARAN.sheet)
    end_year = cols.years.get(TARGET_AKHIR) if cols else None
    yn = str(src.tahun) if src.tahun else "tahun ini"
    for no, node, ind, first in _sasaran_rows(src):
        past = src.past(node, ind.row)
        res = src.result(node, ind.row)
        start, end = past.value(KONDISI_AWAL), past.value(TARGET_AKHIR)
        r = res.realisasi if res else None
        cap_end: float | None = None
        if r is not None and end.quantity is not None:
            cap_end = rules.capaian(r, end.quantity, ind.polarity, s.negative_rule).value
        status, why = renstra_status(
            cap_end, _progress(r, start.quantity, end.quantity)
            if r is not None and end.quantity is not None else None, src.tahun, end_year)
        if why:
            notes.mark(ind.name, f"Status: {why}")
        rows.append((*_lead(no, node, first), ind.name, ind.satuan,
                     _value(start, notes, ind.name, "Kondisi Awal", blank="Kondisi Awal kosong"),
                     _value(end, notes, ind.name, "Target Akhir Renstra",
                            blank="Target Akhir Renstra kosong"),
                     fmt.number(r) if r is not None else notes.mark(ind.name, "belum ada "
                                                                    "realisasi"),
                     fmt.percent(cap_end) if cap_end is not None else fmt.MARK, status))
    end_label = f"Target Akhir Renstra ({end_year})" if end_year else "Target Akhir Renstra"
    return Table("3.3", f"Tabel 3.3 Realisasi Kinerja terhadap Target Akhir Renstra {suffix}",
                 ("No", "Sasaran", "Indikator Kinerja", "Satuan", "Kondisi Awal", end_label,
                  f"Realisasi s.d. {yn}", "Capaian thd Target Akhir (%)", "Status"),
                 tuple(rows), (5, 20, 24, 9, 10, 12, 11, 12, 14), frozenset({4, 5, 6, 7}),
                 notes=notes.done())


# 3.4 -------------------------------------------------------------------------------------------

def table_3_4(src: Source, suffix: str) -> Table:
    notes = _Notes()
    rows = []
    s = src.plan.settings
    no = 0
    for node in src.plan.nodes():
        for ind in node.indicators:
            std = src.past(node, ind.row).value(STANDAR)
            if std.blank:
                continue
            no += 1
            res = src.result(node, ind.row)
            r = res.realisasi if res else None
            cap = None
            if r is not None and std.quantity is not None:
                cap = rules.capaian(r, std.quantity, ind.polarity, s.negative_rule).value
            ket = fmt.MARK if cap is None else ("Memenuhi standar" if cap >= 100
                                                else "Di bawah standar")
            rows.append((str(no), node.level.sheet, ind.name, ind.satuan,
                         fmt.number(r) if r is not None
                         else notes.mark(ind.name, "belum ada realisasi"),
                         _value(std, notes, ind.name, "Standar Nasional", blank=""),
                         fmt.percent(cap) if cap is not None else fmt.MARK, ket))
    if not rows:
        rows.append(("", "", "Tidak ada indikator dengan kolom Standar Nasional terisi", "", "",
                     "", "", ""))
    return Table("3.4", f"Tabel 3.4 Perbandingan Realisasi Kinerja dengan Standar Nasional "
                 f"{suffix}", ("No", "Tingkat", "Indikator Kinerja", "Satuan", "Realisasi",
                               "Standar Nasional", "Capaian thd Standar (%)", "Keterangan"),
                 tuple(rows), (5, 12, 34, 9, 10, 11, 12, 16), frozenset({4, 5, 6}),
                 notes=notes.done())


# 3.5 and 3.6 -----------------------------------------------------------------------------------

def efisiensi(capaian_output: float | None, serapan: float | None) -> float | None:
    """Efisiensi = capaian output (%) / capaian input, i.e. serapan anggaran (%): the BPKP
    LKj rule. >= 1 is Efisien (the output was reached with proportionally less money)."""
    if capaian_output is None or serapan is None or serapan == 0:
        return None
    return capaian_output / serapan


def _budget_cells(capaian: float | None, anggaran: float | None,
                  realisasi: float | None, notes: _Notes, what: str) -> tuple[str, ...]:
    serapan = rules.serapan(anggaran, realisasi)
    eff = efisiensi(capaian, serapan)
    if capaian is None:
        notes.mark(what, "capaian kinerja belum dapat dihitung")
    if serapan is None:
        notes.mark(what, "anggaran atau realisasinya kosong/nol")
    kategori = fmt.MARK if eff is None else (EFISIEN if eff >= 1 else TIDAK_EFISIEN)
    return (fmt.percent(capaian), fmt.rupiah(anggaran), fmt.rupiah(realisasi),
            fmt.percent(serapan), fmt.percent(eff), kategori)


def _sum(values: list[float | None]) -> float | None:
    known = [v for v in values if v is not None]
    return sum(known) if known else None


def table_3_5(src: Source, suffix: str) -> Table:
    notes = _Notes()
    plan = src.plan
    rows: list[tuple[str, ...]] = []
    bold: set[int] = set()
    for no, sasaran in enumerate(plan.levels[Level.SASARAN], start=1):
        programs = plan.children(sasaran)
        budgets = [effective_budget(plan, p) for p in programs]
        spent = [effective_budget(plan, p, "realisasi_anggaran") for p in programs]
        cap = src.comp.node_capaian.get((Level.SASARAN, sasaran.code))
        bold.add(len(rows))
        label = sasaran.sasaran or sasaran.uraian or sasaran.code
        rows.append((str(no), f"Sasaran: {label}",
                     *_budget_cells(cap, _sum(budgets), _sum(spent), notes, label)))
        for i, program in enumerate(programs, start=1):
            cap = src.comp.node_capaian.get((Level.PROGRAM, program.code))
            rows.append((f"{no}.{i}", program.uraian or program.code,
                         *_budget_cells(cap, budgets[i - 1], spent[i - 1], notes,
                                        program.uraian or program.code)))
    return Table("3.5", f"Tabel 3.5 Efisiensi Penggunaan Sumber Daya per Sasaran dan Program "
                 f"{suffix}", ("No", "Sasaran / Program", "Capaian Kinerja (%)", "Anggaran",
                               "Realisasi Anggaran", "Serapan (%)", "Efisiensi", "Kategori"),
                 tuple(rows), (5, 38, 11, 18, 18, 10, 10, 13), frozenset(range(2, 7)),
                 frozenset(bold), notes=notes.done())


def table_3_6(src: Source, suffix: str) -> Table:
    notes = _Notes()
    plan = src.plan
    rows: list[tuple[str, ...]] = []
    bold: set[int] = set()
    total_a: list[float | None] = []
    total_r: list[float | None] = []

    def line(no: str, node: Node) -> tuple[float | None, float | None]:
        a = effective_budget(plan, node)
        r = effective_budget(plan, node, "realisasi_anggaran")
        serapan = src.comp.serapan.get((node.level, node.code))
        if serapan is None:
            notes.mark(node.uraian or node.code, "anggaran atau realisasinya kosong/nol")
        rows.append((no, node.code, node.uraian or node.code, fmt.rupiah(a), fmt.rupiah(r),
                     fmt.percent(serapan)))
        return a, r

    for i, program in enumerate(plan.levels[Level.PROGRAM], start=1):
        bold.add(len(rows))
        a, r = line(str(i), program)
        total_a.append(a)
        total_r.append(r)
        for j, kegiatan in enumerate(plan.children(program), start=1):
            line(f"{i}.{j}", kegiatan)
    a, r = _sum(total_a), _sum(total_r)
    bold.add(len(rows))
    rows.append(("", "", "Jumlah", fmt.rupiah(a), fmt.rupiah(r),
                 fmt.percent(rules.serapan(a, r))))
    return Table("3.6", f"Tabel 3.6 Realisasi Anggaran per Program dan Kegiatan {suffix}",
                 ("No", "Kode", "Program / Kegiatan", "Anggaran", "Realisasi", "Serapan (%)"),
                 tuple(rows), (5, 14, 44, 20, 20, 11), frozenset({3, 4, 5}), frozenset(bold),
                 notes=notes.done())


# Narrative -------------------------------------------------------------------------------------

def _unit(satuan: str) -> str:
    return f" {satuan}" if satuan and satuan != "%" else ("%" if satuan == "%" else "")


def _placeholder(label: str, node: Node, rows: list[int]) -> str:
    where = ", ".join(str(r) for r in rows[:3])
    return (f"[{label} belum diisi: isi kolom {label} di sheet {node.level.sheet} baris "
            f"{where}]")


def _indicator_text(src: Source, node: Node, ind: Indicator, t33: dict[int, tuple[str, str]]
                    ) -> str:
    res = src.result(node, ind.row)
    unit = _unit(ind.satuan)
    target = fmt.quantity(ind.target, ind.target_text)
    year = src.tahun or "ini"
    text = f"Indikator \"{ind.name}\" tahun {year} ditargetkan {target}{unit}"
    if res and res.realisasi is not None:
        text += f" dan terealisasi {fmt.number(res.realisasi)}{unit}"
        if res.capaian is not None:
            text += f", sehingga capaiannya {fmt.percent(res.capaian)}% (predikat {res.predikat})."
        else:
            text += f"; capaiannya tidak dapat dihitung ({res.note})."
    else:
        text += f"; realisasinya belum ada ({res.note if res else 'belum dihitung'})."
    before = src.past(node, ind.row).value(REAL_N1).quantity
    if before is not None and res and res.realisasi is not None:
        direction = trend(res.realisasi, before.value, ind.polarity).lower()
        last = src.tahun - 1 if src.tahun else "lalu"
        text += (f" Dibanding tahun {last} (realisasi {fmt.quantity(before)}{unit}), kinerjanya "
                 f"{direction}.")
    if ind.row in t33:
        cap_end, status = t33[ind.row]
        text += (f" Terhadap target akhir Renstra, capaian sampai tahun ini {cap_end}% dengan "
                 f"status {status}.")
    return text


def narratives(src: Source, t33: Table) -> list[Narrative]:
    by_row: dict[int, tuple[str, str]] = {}
    for (_no, _node, ind, _first), row in zip(_sasaran_rows(src), t33.rows, strict=True):
        if row[7] != fmt.MARK:
            by_row[ind.row] = (row[7], row[8])
    out = []
    for no, node in enumerate(src.plan.levels[Level.SASARAN], start=1):
        paragraphs = [_indicator_text(src, node, ind, by_row) for ind in node.indicators]
        rows = [ind.row for ind in node.indicators] or [node.row]
        for key, label in ((PENDORONG, "Faktor Pendorong"), (PENGHAMBAT, "Faktor Penghambat"),
                           (TINDAK_LANJUT, "Tindak Lanjut")):
            texts = list(dict.fromkeys(
                t for ind in node.indicators if (t := src.past(node, ind.row).text(key))))
            body = " ".join(texts) if texts else _placeholder(label, node, rows)
            paragraphs.append(f"{label}: {body}")
        heading = f"Sasaran {no}: {node.sasaran or node.uraian or node.code}"
        out.append(Narrative(no, heading, tuple(paragraphs)))
    return out


# The whole chapter -----------------------------------------------------------------------------

def build_lkjip(src: Source) -> Lkjip:
    s = src.plan.settings
    tahun = str(s.tahun) if s.tahun else "[Tahun]"
    suffix = f"Tahun {tahun}"
    if src.periode and src.periode != 4:
        suffix += f" (s.d. Triwulan {ROMAN[src.periode - 1]})"
    doc = Lkjip(tahun, s.nama_instansi or "[Nama Instansi]", src.periode)
    doc.tables = [table_3_1(src, suffix), table_3_2(src, suffix), table_3_3(src, suffix),
                  table_3_4(src, suffix), table_3_5(src, suffix), table_3_6(src, suffix)]
    doc.narratives = narratives(src, doc.table("3.3"))
    return doc


def plan_lkjip(grids: Mapping[str, Grid]) -> Lkjip:
    """The chapter from a workbook's grids (computed as Hitung does; nothing written)."""
    return build_lkjip(load(grids))


__all__ = ["Lkjip", "Narrative", "Table", "build_lkjip", "efisiensi", "plan_lkjip",
           "renstra_status", "trend"]
