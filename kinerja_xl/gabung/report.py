"""The rekap workbook of `gabung`: a NEW file, written from the computed frame.

Sheets: Ringkasan (per unit), Peringkat (ranked, with native bar charts), Semua Indikator
(every indicator of every unit; split over several sheets beyond Excel's row limit), the
kabupaten sheets when a kabupaten workbook was given, and Laporan Gabung (every file: read,
skipped or failed, and why). Small sheets go through openpyxl's write-only mode; the big table
through `bigsheet`. Text from unit files is always written as text, never as a formula.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import openpyxl
import pandas as pd
from openpyxl.cell import WriteOnlyCell
from openpyxl.chart import BarChart, Reference
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils.exceptions import IllegalCharacterError

from ..core import capaian as rules
from ..core.contract import DEFAULT_BANDS, PREDIKAT_NAMES
from ..core.findings import WorkbookError
from ..xlsx.guard import check_not_open, check_writable, new_file_mode, os_error_message
from . import kabupaten as kab_rules
from .bigsheet import MAX_ROWS, BigColumn, Placeholder, splice
from .read import FAILED, READ, SKIPPED, FileLog

RINGKASAN, PERINGKAT, SEMUA, LAPORAN = ("Ringkasan", "Peringkat", "Semua Indikator",
                                        "Laporan Gabung")
TAUTAN, KASKADE, PK_BUPATI = "Tautan Kabupaten", "Kaskade Kabupaten", "PK Bupati"
PERCENT, RUPIAH = "0.00", "#,##0"
CHART_UNITS = 40  # units shown in the ranking chart (the table lists all)
_BOLD = Font(bold=True)
_HEAD_FILL = PatternFill("solid", fgColor="D9E1F2")
_TITLE = Font(bold=True, size=13)

UNIT_HEADERS = ("No", "Nama Instansi", "File", "Periode", "Indikator", "Dapat Dihitung",
                "Rata-rata Capaian (%)", *PREDIKAT_NAMES, "Anggaran (Rp)",
                "Realisasi Anggaran (Rp)", "Serapan Anggaran (%)", "Kesalahan", "Peringatan")
RANK_HEADERS = ("Peringkat", "Nama Instansi", "Rata-rata Capaian (%)", "Predikat",
                "Dapat Dihitung", "Serapan Anggaran (%)")
LOG_HEADERS = ("No", "File", "Status", "Nama Instansi", "Indikator", "Kesalahan", "Peringatan",
               "Keterangan")


@dataclass
class UnitSummary:
    entry: FileLog
    computable: int
    mean: float | None
    counts: dict[str, int]

    @property
    def serapan(self) -> float | None:
        return rules.serapan(self.entry.anggaran, self.entry.realisasi_anggaran)

    @property
    def predikat(self) -> str:
        return rules.predikat(self.mean, self.entry.settings.get("bands", DEFAULT_BANDS))


def summarise(frame: pd.DataFrame, units: Sequence[FileLog]) -> list[UnitSummary]:
    """Per unit: computable indicators, mean capaian, count per predikat."""
    if frame.empty:
        stats = pd.DataFrame(columns=["computable", "mean"])
        counts = pd.DataFrame()
    else:
        grouped = frame.groupby("unit", observed=True, sort=False)
        stats = grouped["capaian"].agg(computable="count", mean="mean")
        counts = pd.crosstab(frame["unit"], frame["predikat"])
    out = []
    for entry in units:
        if entry.unit in stats.index:
            row = stats.loc[entry.unit]
            mean = None if pd.isna(row["mean"]) else float(row["mean"])
            computable = int(row["computable"])
        else:
            mean, computable = None, 0
        by = {name: int(counts.at[entry.unit, name])
              if entry.unit in counts.index and name in counts.columns else 0
              for name in PREDIKAT_NAMES}
        out.append(UnitSummary(entry, computable, mean, by))
    return out


def _value(value: Any) -> Any:
    if value is None:
        return None
    if isinstance(value, (float, np.floating)):
        return None if np.isnan(value) else float(value)
    if isinstance(value, np.integer):
        return int(value)
    return value


class _Writer:
    """openpyxl write-only rows with headers, number formats and text kept as text."""

    def __init__(self) -> None:
        self.wb = openpyxl.Workbook(write_only=True)

    def sheet(self, title: str, widths: Sequence[float]) -> Any:
        ws = self.wb.create_sheet(title)
        for i, width in enumerate(widths, start=1):
            ws.column_dimensions[openpyxl.utils.get_column_letter(i)].width = width
        return ws

    def cell(self, ws: Any, value: Any, fmt: str = "", bold: bool = False,
             fill: bool = False) -> WriteOnlyCell:
        value = _value(value)
        c = WriteOnlyCell(ws)
        if isinstance(value, str):
            value = value[:32767]  # Excel's limit for one cell
            try:
                c.value = value
            except IllegalCharacterError:
                c.value = "".join(ch for ch in value if ch >= " " or ch in "\t\n\r")
            if c.data_type == "f":  # a unit's text that starts with "=" stays text
                c.data_type = "s"
        else:
            c.value = value
        if fmt and isinstance(value, (int, float)):
            c.number_format = fmt
        if bold:
            c.font = _BOLD
        if fill:
            c.fill = _HEAD_FILL
            c.alignment = Alignment(wrap_text=True, vertical="center")
        return c

    def header(self, ws: Any, headers: Sequence[str]) -> None:
        ws.append([self.cell(ws, h, bold=True, fill=True) for h in headers])

    def rows(self, ws: Any, rows: Sequence[Sequence[Any]], formats: Sequence[str] = ()) -> None:
        for row in rows:
            ws.append([self.cell(ws, v, formats[i] if i < len(formats) else "")
                       for i, v in enumerate(row)])

    def title(self, ws: Any, *lines: str) -> None:
        for i, line in enumerate(lines):
            ws.append([self.cell(ws, line, bold=i == 0)])
        ws.append([])


def _unit_rows(summaries: Sequence[UnitSummary]) -> list[list[Any]]:
    return [[i, s.entry.unit, s.entry.path, f"TW{s.entry.periode}" if s.entry.periode else "",
             s.entry.indicators, s.computable, s.mean,
             *(s.counts[name] for name in PREDIKAT_NAMES), s.entry.anggaran,
             s.entry.realisasi_anggaran, s.serapan, s.entry.errors, s.entry.warnings]
            for i, s in enumerate(summaries, start=1)]


def ranked(summaries: Sequence[UnitSummary]) -> list[UnitSummary]:
    """Highest mean capaian first; units with nothing computable last (by name)."""
    return sorted(summaries, key=lambda s: (s.mean is None, -(s.mean or 0.0),
                                            s.entry.unit.casefold()))


def _ranking(w: _Writer, summaries: Sequence[UnitSummary]) -> None:
    ws = w.sheet(PERINGKAT, [10, 40, 14, 14, 12, 14, 4, 18, 12])
    order = ranked(summaries)
    w.header(ws, (*RANK_HEADERS, "", "Predikat", "Jumlah Indikator"))
    totals = {name: sum(s.counts[name] for s in summaries) for name in PREDIKAT_NAMES}
    rows = []
    for i, s in enumerate(order, start=1):
        rows.append([i if s.mean is not None else "", s.entry.unit, s.mean, s.predikat,
                     s.computable, s.serapan])
    for i, name in enumerate(PREDIKAT_NAMES):  # the predikat totals sit beside the ranking
        extra = ["", name, totals[name]]
        if i < len(rows):
            rows[i] = rows[i] + extra
        else:
            rows.append(["", "", "", "", "", "", *extra])
    w.rows(ws, rows, ["", "", PERCENT, "", "", PERCENT])
    shown = min(CHART_UNITS, sum(s.mean is not None for s in order))
    if shown:
        chart = BarChart()
        chart.type = "bar"
        chart.title = f"Rata-rata capaian (%), {shown} unit teratas"
        chart.y_axis.title = "Capaian (%)"
        chart.add_data(Reference(ws, min_col=3, min_row=1, max_row=shown + 1),
                       titles_from_data=True)
        chart.set_categories(Reference(ws, min_col=2, min_row=2, max_row=shown + 1))
        chart.x_axis.scaling.orientation = "maxMin"
        chart.height, chart.width = max(7.5, 0.45 * shown), 18
        chart.legend = None
        ws.add_chart(chart, "K2")
    pred = BarChart()
    pred.title = "Jumlah indikator per predikat (semua unit)"
    pred.add_data(Reference(ws, min_col=9, min_row=1, max_row=1 + len(PREDIKAT_NAMES)),
                  titles_from_data=True)
    pred.set_categories(Reference(ws, min_col=8, min_row=2, max_row=1 + len(PREDIKAT_NAMES)))
    pred.legend = None
    pred.height, pred.width = 7.5, 14
    ws.add_chart(pred, "W2")


def _big_columns(frame: pd.DataFrame) -> list[BigColumn]:
    """The all-indicators table. Target is a number, or the typed text for a range or text."""
    point = (frame["target_low"] == frame["target_high"]).to_numpy()
    target = pd.Series(np.where(point, frame["target_low"].to_numpy(), np.nan))
    texts = frame["target_teks"].astype(object).where(~point, "")
    jabatan = frame["jabatan"].astype(object)
    pj = jabatan.where(jabatan != "", frame["penanggung_jawab"].astype(object))
    return [
        BigColumn("Nama Instansi", frame["unit"]),
        BigColumn("Tingkat", frame["level"]),
        BigColumn("Kode", frame["kode"]),
        BigColumn("Uraian", frame["uraian"]),
        BigColumn("Indikator", frame["indikator"]),
        BigColumn("Satuan", frame["satuan"]),
        BigColumn("Target", target.to_numpy(), number=True, style="General"),
        BigColumn("Target (teks)", pd.Series(pd.Categorical(texts))),
        BigColumn("Realisasi", frame["realisasi"].to_numpy(), number=True, style="General"),
        BigColumn("Capaian (%)", frame["capaian"].to_numpy(), number=True, style=PERCENT),
        BigColumn("Predikat", frame["predikat"]),
        BigColumn("Penanggung Jawab", pd.Series(pd.Categorical(pj))),
        BigColumn("Catatan", frame["catatan"]),
    ]


def _all_indicators(w: _Writer, frame: pd.DataFrame) -> list[Placeholder]:
    columns = _big_columns(frame)
    per_sheet = MAX_ROWS - 1
    holders = []
    for part, start in enumerate(range(0, max(len(frame), 1), per_sheet), start=1):
        name = SEMUA if part == 1 else f"{SEMUA} {part}"
        ws = w.sheet(name, [30, 12, 18, 40, 40, 10, 10, 12, 10, 11, 13, 30, 40])
        ws.freeze_panes = "A2"
        w.header(ws, [c.header for c in columns])
        ws.append([w.cell(ws, 0, c.style) if c.number else w.cell(ws, "") for c in columns])
        holders.append(Placeholder(name, columns, start, min(start + per_sheet, len(frame))))
    return holders


def _log_sheet(w: _Writer, log: Sequence[FileLog]) -> None:
    ws = w.sheet(LAPORAN, [6, 50, 10, 34, 10, 10, 10, 110])
    counts = {s: sum(e.status == s for e in log) for s in (READ, SKIPPED, FAILED)}
    w.title(ws, "LAPORAN GABUNG",
            f"{len(log)} file: {counts[READ]} dibaca, {counts[SKIPPED]} dilewati, "
            f"{counts[FAILED]} gagal. File masukan tidak diubah.")
    w.header(ws, LOG_HEADERS)
    rows = []
    for i, e in enumerate(log, start=1):
        why = e.reason
        if e.status == READ and e.first_error:
            why = "; ".join(p for p in (why, f"kesalahan pertama: {e.first_error}") if p)
        rows.append([i, e.path, e.status, e.unit, e.indicators if e.status == READ else "",
                     e.errors if e.status == READ else "", e.warnings if e.status == READ else "",
                     why])
    if not rows:
        rows.append(["", "", "", "", "", "", "", "Tidak ada file yang ditemukan."])
    w.rows(ws, rows)


def _kabupaten_sheets(w: _Writer, kab: kab_rules.Kabupaten, links: Sequence[kab_rules.Link],
                      roll: kab_rules.Rollup, units: Sequence[FileLog]) -> None:
    ws = w.sheet(TAUTAN, [34, 40, 8, 16, 40, 16, 16, 90])
    bad = sum(lk.status != kab_rules.OK for lk in links)
    w.title(ws, f"TAUTAN TUJUAN PERANGKAT DAERAH KE SASARAN {kab.name.upper()}",
            f"{len(links)} Tujuan perangkat daerah; {bad} bermasalah.")
    w.header(ws, ("Nama Instansi", "File", "Baris", "Kode Tujuan", "Uraian Tujuan",
                  "Kode Induk", "Status", "Keterangan"))
    w.rows(ws, [[lk.unit, lk.file, lk.row, lk.kode, lk.uraian, lk.kode_induk, lk.status,
                 lk.message] for lk in links])
    ws = w.sheet(KASKADE, [40, 14, 40, 14, 40, 12, 10, 12, 34, 40, 14])
    w.title(ws, f"CASCADING KINERJA {kab.name.upper()}",
            f"Periode: TW{kab.periode}" if kab.periode else "Periode: belum ada realisasi")
    w.header(ws, kab_rules.CASCADE_HEADERS)
    w.rows(ws, kab_rules.cascade_rows(kab, roll),
           ["", PERCENT, "", PERCENT, "", "", "", PERCENT, "", "", PERCENT])
    ws = w.sheet(PK_BUPATI, [6, 44, 44, 12, 12, 40])
    s = kab.plan.settings
    tahun = s.tahun or ""
    w.title(ws, f"PERJANJIAN KINERJA TAHUN {tahun}".strip(), kab.name.upper(),
            "Sasaran Strategis, Indikator Kinerja dan Target")
    w.header(ws, kab_rules.PK_HEADERS)
    w.rows(ws, kab_rules.pk_rows(kab, roll))
    ws.append([])
    ws.append([w.cell(ws, "Anggaran Perangkat Daerah Pendukung", bold=True)])
    w.header(ws, kab_rules.BUDGET_HEADERS)
    w.rows(ws, kab_rules.budget_rows(kab, roll, units), ["", "", RUPIAH, RUPIAH, PERCENT])
    jabatan, nama = kab_rules.bupati(kab)
    ws.append([])
    place = ", ".join(p for p in (s.tempat, s.tanggal_pk.isoformat() if s.tanggal_pk else "")
                      if p)
    for line in (place, jabatan.upper(), "", "", nama):
        ws.append(["", "", "", "", "", w.cell(ws, line, bold=line == nama and bool(nama))])


@dataclass
class KabupatenPart:
    kab: kab_rules.Kabupaten
    links: list[kab_rules.Link]
    roll: kab_rules.Rollup


def write_rekap(path: str | Path, frame: pd.DataFrame, log: Sequence[FileLog],
                kabupaten: KabupatenPart | None = None) -> list[UnitSummary]:
    """Write the rekap workbook to path (atomically: temporary file, then replace)."""
    path = Path(path)
    units = [e for e in log if e.status == READ]
    summaries = summarise(frame, units)
    w = _Writer()
    ws = w.sheet(RINGKASAN, [6, 36, 40, 9, 10, 10, 12, 9, 9, 9, 9, 9, 18, 18, 12, 10, 10, 14])
    ws.freeze_panes = "C2"
    rows = _unit_rows(summaries)
    headers: tuple[str, ...] = UNIT_HEADERS
    if kabupaten is not None:  # unknown, looping or blank links, per unit
        bad: dict[str, int] = {}
        for link in kabupaten.links:
            bad[link.unit] = bad.get(link.unit, 0) + (link.status != kab_rules.OK)
        headers += ("Tautan Kabupaten Bermasalah",)
        rows = [[*row, bad.get(s.entry.unit, 0)] for row, s in zip(rows, summaries, strict=True)]
    w.header(ws, headers)
    w.rows(ws, rows,
           ["", "", "", "", "", "", PERCENT, "", "", "", "", "", RUPIAH, RUPIAH, PERCENT])
    _ranking(w, summaries)
    holders = _all_indicators(w, frame)
    if kabupaten is not None:
        _kabupaten_sheets(w, kabupaten.kab, kabupaten.links, kabupaten.roll, units)
    _log_sheet(w, log)
    folder = path.parent if str(path.parent) else Path(".")
    check_not_open(path)  # a rekap open in Excel is not replaced under the user
    if path.exists():
        check_writable(path.resolve())
    try:
        folder.mkdir(parents=True, exist_ok=True)  # `-o rekap/2025.xlsx` into a new folder
        fd, draft = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".draft", dir=folder)
        os.close(fd)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
        os.close(fd)
    except OSError as exc:
        raise WorkbookError(os_error_message(exc, folder, "ditulisi")) from exc
    try:
        w.wb.save(draft)
        splice(Path(draft), Path(tmp), holders)
        os.chmod(tmp, new_file_mode())
        os.replace(tmp, path)
    except OSError as exc:
        raise WorkbookError(os_error_message(exc, path)) from exc
    finally:
        for leftover in (draft, tmp):
            if os.path.exists(leftover):
                os.unlink(leftover)
    return summaries
