"""Deterministic synthetic plans for benchmarks and scale tests (a kecamatan, a kabupaten).

Not sample data for users: names are generic and numbers random (seeded), but the shape is
realistic: every level, several indicators per node, mixed tipe and polarity, budgets on
Sub Kegiatan, realisations up to TW2.
"""

from __future__ import annotations

import random

from .core.contract import Level, Polarity, Tipe
from .core.model import Indicator, Node, Official, Plan, Settings
from .core.numbers import Quantity


def _indicator(rng: random.Random, name: str) -> Indicator:
    tipe = rng.choice(list(Tipe))
    polarity = Polarity.NEGATIF if rng.random() < 0.15 else Polarity.POSITIF
    target = float(rng.choice([4, 10, 12, 50, 80, 90, 100]))
    reals = tuple(Quantity.point(float(round(target * rng.uniform(0.1, 0.6), 1)))
                  if q < 2 else None for q in range(4))
    return Indicator(0, name, "%", polarity, tipe, tipe.value, target=Quantity.point(target),
                     realisations=reals)


def kabupaten(units: int = 20, indicators_per_unit: int = 300, seed: int = 1) -> Plan:
    """`units` OPD/kecamatan in one plan, about `indicators_per_unit` indicator rows each."""
    rng = random.Random(seed)
    plan = Plan(Settings(nama_instansi="Kabupaten Sintetis", tahun=2025, tempat="Sintetis"))
    plan.officials["BUPATI"] = Official(0, "BUPATI", "Bupati Sintetis", "Nama Bupati")
    for u in range(1, units + 1):
        head = f"U{u}-KEPALA"
        plan.officials[head] = Official(0, head, f"Kepala Unit {u}", f"Nama Kepala {u}",
                                        f"1970{u:04d}0000001", "Pembina (IV/a)", "BUPATI")
        sek = f"U{u}-SEK"
        plan.officials[sek] = Official(0, sek, f"Sekretaris Unit {u}", f"Nama Sekretaris {u}",
                                       f"1975{u:04d}0000002", "Penata Tk. I (III/d)", head)
        staff = [f"U{u}-KASI{k}" for k in range(1, 8)]
        for k, sid in enumerate(staff, start=1):
            plan.officials[sid] = Official(0, sid, f"Kepala Seksi {k} Unit {u}", f"Nama {sid}",
                                           f"1980{u:04d}{k:04d}", "Penata (III/c)", sek)
        _unit(rng, plan, u, head, sek, staff, indicators_per_unit)
    return plan


def _unit(rng: random.Random, plan: Plan, u: int, head: str, sek: str, staff: list[str],
          budget_rows: int) -> None:
    L = plan.levels
    t = Node(Level.TUJUAN, f"U{u}.T1", 0, "", f"Tujuan unit {u}", "Pelayanan prima", head,
             [_indicator(rng, "Indeks kepuasan masyarakat")])
    L[Level.TUJUAN].append(t)
    rows = 1
    for s in range(1, 3):
        sn = Node(Level.SASARAN, f"{t.code}.S{s}", 0, t.code, f"Sasaran {s} unit {u}", "",
                  head, [_indicator(rng, f"IKU {s}.{i}") for i in range(1, 3)])
        L[Level.SASARAN].append(sn)
        rows += 2
        for p in range(1, 4):
            pn = Node(Level.PROGRAM, f"{sn.code}.P{p}", 0, sn.code, f"Program {p}", "", sek,
                      [_indicator(rng, f"Indikator program {p}.{i}") for i in range(1, 3)])
            L[Level.PROGRAM].append(pn)
            rows += 2
            for k in range(1, 5):
                kn = Node(Level.KEGIATAN, f"{pn.code}.K{k}", 0, pn.code, f"Kegiatan {k}",
                          "", rng.choice(staff),
                          [_indicator(rng, f"Indikator kegiatan {k}.{i}") for i in range(1, 3)])
                L[Level.KEGIATAN].append(kn)
                rows += 2
                subs = max(1, round((budget_rows - 65) / (2 * 3 * 4 * 2)))  # 65 rows above
                for x in range(1, subs + 1):
                    anggaran = float(rng.randrange(10, 500) * 1_000_000)
                    L[Level.SUB_KEGIATAN].append(Node(
                        Level.SUB_KEGIATAN, f"{kn.code}.{x}", 0, kn.code, f"Sub kegiatan {x}",
                        "", kn.pic, [_indicator(rng, f"Keluaran {x}.{i}") for i in (1, 2)],
                        anggaran=anggaran, realisasi_anggaran=round(anggaran * rng.random())))
                    rows += 2
