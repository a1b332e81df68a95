"""Model sheets: pre-drawn layouts the template carries, hidden, for the ribbon to copy.

On desktop Excel every formatting call of a ribbon button is a cross-process call. A sheet the
button draws for the first time (the first PK, the Rekap) would cost a hundred or more of them.
The template therefore carries hidden *model sheets*, drawn by the file path when the template is
built: one Perjanjian Kinerja and one Rekap whose rows include every kind of row those sheets
have (table rows of sasaran with one to six indicators, budget rows of every rupiah magnitude,
officials of every predikat, …). The ribbon adds a model to the sheets it may copy rows (or the
whole sheet) from (`kinerja_xl.xw.render.draw_spec`), so a first click copies finished rows
instead of drawing them.

A model is only used when the workbook's copy is the one this version would draw: the model
sheet carries the fingerprint (`model_key`) of its spec, and the ribbon compares it with the spec
built here. The specs are built from a small fixed plan (`model_plan`), not from user data.
Laporan Validasi (a plain generated sheet, no spec) has a model too (`report_model`).
"""

from __future__ import annotations

import hashlib
from dataclasses import replace
from functools import cache

from .core.capaian import predikat
from .core.compute import report_sheet
from .core.contract import PREDIKAT_NAMES, Level, Polarity, Tipe
from .core.model import Indicator, Node, Official, Plan, Settings
from .core.numbers import Quantity
from .core.sheetspec import SheetSpec
from .core.writes import GeneratedSheet
from .visual.rekap import NO_CAPAIAN, Mean, OfficialRow, ProgramRow, RekapData, rekap_sheet

MODEL_PREFIX = "Model "
MODEL_SHEETS = {"pk": "Model PK", "rekap": "Model Rekap"}  # kind -> hidden sheet name
REPORT_MODEL = "Model Laporan Validasi"
REPORT_MODEL_ROWS = 500  # rows of the report model whose wrapped column is formatted
MODEL_KIND = "model"  # the marker kind of a model sheet (`package.marker`)
# The budget amounts of the model plan: no budget and each rupiah magnitude (the number format
# of a budget cell follows the amount's digit groups, `core.rupiah.rupiah_format`).
_AMOUNTS = (None, 750.0, 750_000.0, 750_000_000.0, 750_000_000_000.0, 750_000_000_000_000.0,
            7_500_000_000_000_000.0)


def _indicators(n: int) -> list[Indicator]:
    return [Indicator(0, f"Indikator model {i}", "%", Polarity.POSITIF, Tipe.NON_KUMULATIF,
                      Tipe.NON_KUMULATIF.value, target=Quantity.point(100.0))
            for i in range(1, n + 1)]


def model_plan() -> Plan:
    """A small plan whose PKs hold every kind of PK row: sasaran with one to six indicators,
    budget rows (program, group, item, a foreign parent's heading) and totals of every
    rupiah magnitude."""
    plan = Plan(Settings(nama_instansi="Model", tahun=2025, tempat="Model"))
    plan.officials["BUPATI"] = Official(0, "BUPATI", "Bupati", "Nama Bupati")
    people = [("KEPALA", "BUPATI"), ("SEK", "KEPALA"), ("LAIN", "SEK")]
    people += [(f"KASI{p}", "SEK") for p in range(1, len(_AMOUNTS) + 1)]
    for oid, atasan in people:
        plan.officials[oid] = Official(0, oid, f"Jabatan {oid}", f"Nama {oid}", "1", "III/a",
                                       atasan)
    L = plan.levels
    L[Level.TUJUAN].append(Node(Level.TUJUAN, "T1", 0, "", "Tujuan", "", "KEPALA",
                                _indicators(6)))
    for s in range(1, 6):
        L[Level.SASARAN].append(Node(Level.SASARAN, f"T1.S{s}", 0, "T1", f"Sasaran {s}", "",
                                     "KEPALA", _indicators(s)))
    for p, amount in enumerate(_AMOUNTS, start=1):  # a program (and kegiatan) per magnitude
        program = Node(Level.PROGRAM, f"T1.S1.P{p}", 0, "T1.S1", f"Program {p}", "", "SEK",
                       _indicators(1 + p % 2))
        L[Level.PROGRAM].append(program)
        for k, sub_amount in enumerate(_AMOUNTS if p == 1 else (amount,), start=1):
            kegiatan = Node(Level.KEGIATAN, f"{program.code}.K{k}", 0, program.code,
                            f"Kegiatan {p}.{k}", "", f"KASI{p if k == 1 else k}",
                            _indicators(1 + k % 3))
            L[Level.KEGIATAN].append(kegiatan)
            for x, owner in enumerate((kegiatan.pic, "LAIN"), start=1):
                L[Level.SUB_KEGIATAN].append(Node(
                    Level.SUB_KEGIATAN, f"{kegiatan.code}.{x}", 0, kegiatan.code,
                    f"Sub kegiatan {x}", "", owner, _indicators(2), anggaran=sub_amount,
                    realisasi_anggaran=None if sub_amount is None else sub_amount / 2))
    return plan


def _rekap_data(plan: Plan) -> RekapData:
    """Rekap numbers with a row of every predikat (and none) in each table, and programs of
    every rupiah magnitude (realisasi of the same magnitude, one lower, or none)."""
    values = (95.0, 85.0, 70.0, 55.0, 30.0, None)
    means = [Mean(1, int(v is not None), v, predikat(v, plan.settings.bands)) for v in values]
    data = RekapData(1)
    for level, mean in zip(Level, means, strict=False):
        data.levels[level] = mean
    data.officials = [OfficialRow(f"P{i}", f"Jabatan {i}", f"Nama {i}", mean)
                      for i, mean in enumerate(means + means[:1], start=1)]
    data.counts = {level: {name: 1 for name in (*PREDIKAT_NAMES, NO_CAPAIAN)}
                   for level in Level}
    spent = (0.5, 0.0005, None)  # realisasi: same magnitude, one lower, none
    data.programs = [ProgramRow("P", "Program", amount, None if amount is None or share is None
                                else amount * share, 50.0)
                     for amount in _AMOUNTS for share in spent]
    return data


@cache
def model_specs() -> dict[str, SheetSpec]:
    """kind -> the spec of its model sheet (built once per process)."""
    from .core.compute import compute
    from .pk import plan_pk
    from .xlsx.fill import write_plan
    from .xlsx.load import grids

    data = grids(write_plan(model_plan()))
    pks = plan_pk(data).specs
    rekap = rekap_sheet(compute(data), _rekap_data(model_plan()))
    return {"pk": compose(MODEL_SHEETS["pk"], pks),
            "rekap": replace(rekap, name=MODEL_SHEETS["rekap"], charts=[])}


def compose(name: str, specs: list[SheetSpec]) -> SheetSpec:
    """The specs one below the other on one sheet, each after a blank row, skipping a spec
    whose every band (rows no merged cell crosses, `kinerja_xl.xw.rowcopy.bands`) is there
    already: whole PKs, so that a PK finds long runs of rows to copy at once."""
    from .xw.rowcopy import bands

    first = specs[0]
    out = replace(first, name=name, cells=list(first.cells), heights=dict(first.heights))
    seen = {b.signature for b in bands(first)}
    row = first.last_row + 2
    for spec in specs[1:]:
        mine = {b.signature for b in bands(spec)}
        if mine <= seen:
            continue
        seen |= mine
        shift = row - 1
        out.cells += [replace(c, row=c.row + shift) for c in spec.cells]
        out.heights.update({r + shift: h for r, h in spec.heights.items()})
        row += spec.last_row + 1
    return out


def report_model() -> GeneratedSheet:
    """The model of Laporan Validasi: its title and header rows; the template formats the
    wrapped column down to `REPORT_MODEL_ROWS`."""
    report = report_sheet([])
    return replace(report, name=REPORT_MODEL, rows=report.rows[:report.header_row])


def model_key(model: SheetSpec | GeneratedSheet) -> str:
    """The fingerprint a model sheet carries: its spec as this version builds it."""
    extra = REPORT_MODEL_ROWS if isinstance(model, GeneratedSheet) else None
    return hashlib.sha1(repr((model, extra)).encode("utf-8")).hexdigest()[:20]
