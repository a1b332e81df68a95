"""Writing a whole `Plan` into a new workbook (importers, examples, benchmarks, tests).

The opposite of reading: settings into Pengaturan, officials into Pejabat, one row per
indicator into the level sheets (node fields on the node's first row only).
"""

from __future__ import annotations

from typing import Any

from openpyxl.workbook.workbook import Workbook

from ..core.contract import PEJABAT, PENGATURAN, H, Level, P, S, level_headers, norm_header
from ..core.model import Indicator, Node, Plan
from ..core.numbers import Quantity
from .blank import HEADER_ROW, build_workbook
from .text import text_cell


def _q(q: Quantity | None, text: str = "") -> Any:
    if q is None:
        return text or None
    if q.is_range:
        return text or f"{q.low:g}-{q.high:g}"
    return int(q.value) if q.value.is_integer() and abs(q.value) < 2**53 else q.value


def write_plan(plan: Plan, wb: Workbook | None = None,
               extra: dict[tuple[Level, str], dict[str, Any]] | None = None) -> Workbook:
    """Fill wb (default: a new blank workbook) with plan. `extra` maps (level, code) to more
    column values for the node's first row (e.g. a Status note from an importer)."""
    wb = wb or build_workbook()
    _settings(wb, plan)
    ws = wb[PEJABAT]
    for r, off in enumerate(plan.officials.values(), start=HEADER_ROW + 1):
        for c, value in enumerate((off.id, off.jabatan, off.nama, off.nip, off.pangkat,
                                   off.atasan), start=1):
            text_cell(ws, r, c, value or None)
    for level in Level:
        _level(wb, plan, level, (extra or {}))
    return wb


def _settings(wb: Workbook, plan: Plan) -> None:
    s = plan.settings
    ws = wb[PENGATURAN]
    rows = {norm_header(ws.cell(r, 1).value): r for r in range(1, ws.max_row + 1)}
    values = {S.NAMA_INSTANSI: s.nama_instansi, S.PEMDA: s.pemerintah_daerah, S.TAHUN: s.tahun,
              S.TEMPAT: s.tempat, S.TANGGAL_PK: s.tanggal_pk, S.JENIS_PK: s.jenis_pk,
              S.RUMUS_NEGATIF: s.negative_rule.value, S.BATAS_MAKS: s.cap,
              S.PERIODE: f"TW{s.periode}" if s.periode else None}
    values.update(dict(zip(S.BAND_LABELS, s.bands, strict=True)))
    for label, value in values.items():
        text_cell(ws, rows[norm_header(label)], 2, value if value != "" else None)


def _row_values(node: Node, ind: Indicator | None, first: bool) -> dict[str, Any]:
    out: dict[str, Any] = {H.KODE: node.code}
    if first:
        out.update({H.KODE_INDUK: node.parent_code, H.URAIAN: node.uraian,
                    H.SASARAN: node.sasaran, H.PJ: node.pic,
                    H.ANGGARAN: node.anggaran, H.REAL_ANGGARAN: node.realisasi_anggaran})
    if ind is not None:
        out.update({H.INDIKATOR: ind.name, H.SATUAN: ind.satuan,
                    H.POLARITAS: ind.polarity.value, H.TIPE: ind.tipe.value,
                    H.TIPE_ASLI: ind.tipe_text, H.FORMULASI: ind.formulasi,
                    H.SUMBER: ind.sumber_data, H.TARGET: _q(ind.target, ind.target_text)})
        out.update({h: _q(q) for h, q in zip(H.TARGET_TW, ind.quarter_targets, strict=True)})
        out.update({h: _q(q) for h, q in zip(H.REAL_TW, ind.realisations, strict=True)})
    return out


def _level(wb: Workbook, plan: Plan, level: Level,
           extra: dict[tuple[Level, str], dict[str, Any]]) -> None:
    ws = wb[level.sheet]
    col = {h: i for i, h in enumerate(level_headers(level), start=1)}
    r = HEADER_ROW + 1
    for node in plan.levels[level]:
        rows = node.indicators or [None]
        for i, ind in enumerate(rows):
            values = _row_values(node, ind, i == 0)
            if i == 0:
                values.update(extra.get((level, node.code), {}))
            for header, value in values.items():
                if header in col and value not in (None, ""):
                    text_cell(ws, r, col[header], value)
            if ind is not None:
                ind.row = r
            if i == 0:
                node.row = r
            r += 1


__all__ = ["P", "write_plan"]
