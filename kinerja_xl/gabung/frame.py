"""The DataFrame schema of `read_frame`: one row per indicator of every unit read.

Column names and dtypes are part of the public API (documented in docs/gabung.md). Text
columns are `category` (indicator names, codes and officials repeat across kecamatan, which
keeps a national frame small); numbers are float64 with NaN for a blank cell; a range target
"80-90" is `target_low` 80 and `target_high` 90 (a point has low == high).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from ..core.contract import PREDIKAT_NAMES, Level, NegativeRule, Polarity, Tipe
from ..core.model import Indicator, Node, Plan
from ..core.numbers import Quantity


@dataclass(frozen=True)
class Column:
    name: str
    dtype: str
    meaning: str


LEVEL_DTYPE = pd.CategoricalDtype([lv.sheet for lv in Level], ordered=True)
POLARITAS_DTYPE = pd.CategoricalDtype([p.value for p in Polarity])
TIPE_DTYPE = pd.CategoricalDtype([t.value for t in Tipe])
RUMUS_DTYPE = pd.CategoricalDtype([r.value for r in NegativeRule])
PREDIKAT_DTYPE = pd.CategoricalDtype(["", *PREDIKAT_NAMES])
QUARTERS = (1, 2, 3, 4)

_TEXT = "category"
INPUT_COLUMNS: tuple[Column, ...] = (
    Column("unit", _TEXT, "Nama Instansi dari Pengaturan (nama file bila kosong)"),
    Column("file", _TEXT, "path file workbook unit, seperti ditemukan (folder masukan + nama)"),
    Column("level", "category", "tingkat: Tujuan, Sasaran, Program, Kegiatan, Sub Kegiatan "
                                "(kategori berurutan)"),
    Column("baris", "int32", "nomor baris indikator di sheet tingkatnya"),
    Column("kode", _TEXT, "Kode node"),
    Column("kode_induk", _TEXT, "Kode Induk node (Tujuan: kode sasaran kabupaten, bila ada)"),
    Column("uraian", _TEXT, "Uraian node"),
    Column("sasaran", _TEXT, "Sasaran node"),
    Column("penanggung_jawab", _TEXT, "ID pejabat penanggung jawab"),
    Column("jabatan", _TEXT, "Jabatan penanggung jawab (dari sheet Pejabat)"),
    Column("indikator", _TEXT, "nama indikator"),
    Column("satuan", _TEXT, "satuan"),
    Column("polaritas", "category", "Positif atau Negatif"),
    Column("tipe", "category", "Kumulatif, Non Kumulatif atau Rata-rata"),
    Column("target_teks", _TEXT, "isi sel Target seperti diketik"),
    Column("target_low", "float64", "Target tahunan (batas bawah bila rentang)"),
    Column("target_high", "float64", "Target tahunan (batas atas bila rentang)"),
    *(Column(f"target_tw{q}_{b}", "float64", f"Target TW{q} ({'bawah' if b == 'low' else 'atas'})")
      for q in QUARTERS for b in ("low", "high")),
    *(Column(f"realisasi_tw{q}", "float64", f"Realisasi TW{q}") for q in QUARTERS),
    Column("anggaran", "float64", "Anggaran node (diketik atau jumlah di bawahnya); hanya di "
                                  "baris indikator pertama node, NaN di baris lain"),
    Column("realisasi_anggaran", "float64", "Realisasi Anggaran node, seperti `anggaran`"),
    Column("periode", "int8", "triwulan pelaporan unit (Pengaturan, atau triwulan terakhir yang "
                              "berisi realisasi); 0 = belum ada realisasi"),
    Column("rumus_negatif", "category", "(2T-R)/T atau T/R (Pengaturan unit)"),
    Column("batas_maks", "float64", "Batas Capaian Maksimum unit (NaN = tanpa batas)"),
    Column("batas_sangat_tinggi", "float64", "batas bawah predikat Sangat Tinggi unit"),
    Column("batas_tinggi", "float64", "batas bawah predikat Tinggi unit"),
    Column("batas_sedang", "float64", "batas bawah predikat Sedang unit"),
    Column("batas_rendah", "float64", "batas bawah predikat Rendah unit"),
)
COMPUTED_COLUMNS: tuple[Column, ...] = (
    Column("realisasi", "float64", "R s.d. periode (NaN = belum ada realisasi)"),
    Column("target_periode_low", "float64", "T s.d. periode (batas bawah)"),
    Column("target_periode_high", "float64", "T s.d. periode (batas atas)"),
    Column("capaian", "float64", "Capaian (%) dengan presisi penuh (NaN = tidak dapat dihitung)"),
    Column("predikat", "category", "predikat menurut batas unit ('' bila capaian kosong)"),
    Column("catatan", "category", "catatan aturan yang dipakai atau alasan tidak dihitung"),
)
BAND_COLUMNS = ("batas_sangat_tinggi", "batas_tinggi", "batas_sedang", "batas_rendah")
_FIXED = {"level": LEVEL_DTYPE, "polaritas": POLARITAS_DTYPE, "tipe": TIPE_DTYPE,
          "rumus_negatif": RUMUS_DTYPE, "predikat": PREDIKAT_DTYPE}
NAN = float("nan")
Budgets = dict[int, tuple[float | None, float | None]]  # id(node) -> (anggaran, realisasi)


def _low(q: Quantity | None) -> float:
    return NAN if q is None else q.low


def _high(q: Quantity | None) -> float:
    return NAN if q is None else q.high


class FrameBuilder:
    """Accumulates indicator rows as tuples in `INPUT_COLUMNS` order (one tuple per row is
    much cheaper than one append per column); `frame()` transposes them once."""

    def __init__(self) -> None:
        self.rows: list[tuple[Any, ...]] = []

    def __len__(self) -> int:
        return len(self.rows)

    def add_plan(self, plan: Plan, unit: str, file: str, periode: int | None,
                 budgets: Budgets | None = None) -> None:
        """Every indicator of plan, with the unit's settings on each row."""
        tail = settings_tail(plan, periode)
        budgets = node_budgets(plan) if budgets is None else budgets
        for node in plan.nodes():
            self.add_node(plan, node, (unit, file), tail, budgets.get(id(node), (None, None)))

    def add_values(self, plan: Plan, unit: str, file: str, periode: int | None,
                   values: dict[int, list[tuple[Any, ...]]], budgets: Budgets) -> None:
        """Like `add_plan`, for the fast path's plan: the indicator columns of each node come
        from values[id(node)], tuples of (row, *`indicator_values`)."""
        tail = settings_tail(plan, periode)
        append = self.rows.append
        later = (NAN, NAN)
        for node in plan.nodes():
            pic = plan.officials.get(node.pic)
            a, ra = budgets.get(id(node), (None, None))
            first = (NAN if a is None else a, NAN if ra is None else ra)
            head = (unit, file, node.level.sheet)
            where = (node.code, node.parent_code, node.uraian, node.sasaran, node.pic,
                     pic.jabatan if pic else "")
            for i, (row, *ind) in enumerate(values[id(node)]):
                append((*head, row, *where, *ind, *(later if i else first), *tail))

    def add_node(self, plan: Plan, node: Node, head: tuple[str, str], tail: tuple[Any, ...],
                 budget: tuple[float | None, float | None] = (None, None)) -> None:
        pic = plan.officials.get(node.pic)
        a, ra = budget
        first = (NAN if a is None else a, NAN if ra is None else ra)
        later = (NAN, NAN)
        where = (node.level.sheet, node.code, node.parent_code, node.uraian, node.sasaran,
                 node.pic, pic.jabatan if pic else "")
        append = self.rows.append
        for i, ind in enumerate(node.indicators):
            append((*head, where[0], ind.row, *where[1:], *indicator_values(ind),
                    *(later if i else first), *tail))

    def frame(self) -> pd.DataFrame:
        names = [c.name for c in INPUT_COLUMNS]
        if not self.rows:
            return empty_frame()
        return to_frame(dict(zip(names, (list(col) for col in zip(*self.rows, strict=True)),
                                 strict=True)))


def settings_tail(plan: Plan, periode: int | None) -> tuple[Any, ...]:
    """The unit's columns at the end of every row: periode, rumus_negatif, batas_*."""
    s = plan.settings
    return (periode or 0, s.negative_rule.value, NAN if s.cap is None else s.cap, *s.bands)


def node_budgets(plan: Plan) -> Budgets:
    """(anggaran, realisasi anggaran) of every budget node, by id: typed on the node, else the
    sum over its children, as `core.validate.effective_budget` says; worked out bottom-up once
    instead of once per node and ancestor."""
    out: dict[int, tuple[float | None, float | None]] = {}
    for level in reversed(Level):
        if not level.has_budget:
            continue
        below: dict[str, list[tuple[float | None, float | None]]] = {}  # = plan.children
        for child in plan.levels[level.child] if level.child else ():
            if child.parent_code:
                below.setdefault(child.parent_code, []).append(out[id(child)])
        for node in plan.levels[level]:
            kids = below.get(node.code, [])
            own = (node.anggaran, node.realisasi_anggaran)
            out[id(node)] = tuple(  # type: ignore[assignment]
                own[k] if own[k] is not None else sum_known([kid[k] for kid in kids])
                for k in (0, 1))
    return out


def sum_known(values: list[float | None]) -> float | None:
    """The sum of the known values (None when none is known)."""
    known = [v for v in values if v is not None]
    return sum(known) if known else None


def indicator_values(ind: Indicator) -> tuple[Any, ...]:
    """The indicator's own columns, indikator … realisasi_tw4, in `INPUT_COLUMNS` order."""
    t, (q1, q2, q3, q4), (r1, r2, r3, r4) = ind.target, ind.quarter_targets, ind.realisations
    return (ind.name, ind.satuan, ind.polarity.value, ind.tipe.value, ind.target_text,
            NAN if t is None else t.low, NAN if t is None else t.high,
            NAN if q1 is None else q1.low, NAN if q1 is None else q1.high,
            NAN if q2 is None else q2.low, NAN if q2 is None else q2.high,
            NAN if q3 is None else q3.low, NAN if q3 is None else q3.high,
            NAN if q4 is None else q4.low, NAN if q4 is None else q4.high,
            NAN if r1 is None else r1.low, NAN if r2 is None else r2.low,
            NAN if r3 is None else r3.low, NAN if r4 is None else r4.low)


def to_frame(cols: dict[str, list[Any]]) -> pd.DataFrame:
    """Columns (lists) -> a DataFrame with the documented dtypes."""
    data: dict[str, Any] = {}
    for col in INPUT_COLUMNS:
        values = cols[col.name]
        if col.name in _FIXED:
            data[col.name] = pd.Categorical(values, dtype=_FIXED[col.name])
        elif col.dtype == "category":
            data[col.name] = pd.Categorical(values)
        else:
            data[col.name] = np.asarray(values, dtype=col.dtype)
    return pd.DataFrame(data)


def empty_frame() -> pd.DataFrame:
    return to_frame({c.name: [] for c in INPUT_COLUMNS})


def concat_frames(frames: Iterable[pd.DataFrame]) -> pd.DataFrame:
    """Concatenate frames of this schema, keeping categorical columns categorical (pandas
    would fall back to object when the categories differ)."""
    frames = [f for f in frames if len(f)]
    if not frames:
        return empty_frame()
    if len(frames) == 1:
        return frames[0].reset_index(drop=True)
    data: dict[str, Any] = {}
    for name in frames[0].columns:
        parts = [f[name] for f in frames]
        if isinstance(parts[0].dtype, pd.CategoricalDtype) and name not in _FIXED:
            data[name] = pd.api.types.union_categoricals(parts, ignore_order=True)
        elif name in _FIXED:
            data[name] = pd.Categorical.from_codes(
                np.concatenate([p.cat.codes.to_numpy() for p in parts]), dtype=_FIXED[name])
        else:
            data[name] = np.concatenate([p.to_numpy() for p in parts])
    return pd.DataFrame(data)
