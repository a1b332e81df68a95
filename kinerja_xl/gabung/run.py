"""The `gabung` use case: read every unit, compute, check kabupaten links, write the rekap."""

from __future__ import annotations

import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
from python_calamine import CalamineWorkbook

from ..core.findings import WorkbookError
from . import kabupaten as kab_rules
from .read import FAILED, READ, SKIPPED, FileLog, Progress, read_all
from .report import LAPORAN, KabupatenPart, UnitSummary, write_rekap
from .vector import compute_frame


@dataclass
class GabungResult:
    frame: pd.DataFrame
    log: list[FileLog]
    summaries: list[UnitSummary]
    links: list[kab_rules.Link] = field(default_factory=list)
    seconds: dict[str, float] = field(default_factory=dict)

    def count(self, status: str) -> int:
        return sum(e.status == status for e in self.log)


def _check_output(out: Path, inputs: list[Path]) -> None:
    if out.suffix.lower() != ".xlsx":
        raise WorkbookError(f"File keluaran '{out.name}' harus berakhiran .xlsx (rekap baru, "
                            "tanpa makro).")
    if any(out.resolve() == p.resolve() for p in inputs):
        raise WorkbookError(f"File keluaran '{out.name}' sama dengan file masukan; file masukan "
                            "tidak pernah ditimpa. Pilih nama lain.")
    if out.exists():
        try:
            names = CalamineWorkbook.from_path(str(out)).sheet_names
        except Exception:  # not a workbook at all: still not ours to overwrite
            names = []
        if LAPORAN not in names:
            raise WorkbookError(f"File keluaran '{out.name}' sudah ada dan bukan rekap gabung "
                                "(tidak ada sheet Laporan Gabung); pilih nama lain agar file "
                                "itu tidak tertimpa.")


def gabung(inputs: Iterable[str | Path], out: str | Path, kabupaten: str | Path | None = None,
           periode: int | None = None, workers: int | None = None,
           progress: Progress | None = None) -> GabungResult:
    """Consolidate the unit workbooks in inputs (files or folders) into the rekap at out."""
    inputs = [Path(p) for p in inputs]
    out = Path(out)
    _check_output(out, inputs)
    times: dict[str, float] = {}
    t0 = time.perf_counter()
    kab = kab_rules.read_kabupaten(kabupaten, periode) if kabupaten else None
    exclude = [out] + ([Path(kabupaten)] if kabupaten else [])
    got = read_all(inputs, exclude, workers, progress)
    times["baca"] = time.perf_counter() - t0
    if not any(e.status == READ for e in got.log):
        failed = [e for e in got.log if e.status == FAILED]
        hint = f" Contoh: {failed[0].name}: {failed[0].reason}" if failed else ""
        raise WorkbookError(f"Tidak ada workbook unit yang dapat dibaca dari {len(got.log)} file"
                            f" yang ditemukan.{hint}")
    t1 = time.perf_counter()
    frame = compute_frame(got.frame, periode=periode)
    part = None
    links: list[kab_rules.Link] = []
    if kab is not None:
        links = kab_rules.check_links(kab, frame)
        part = KabupatenPart(kab, links, kab_rules.rollup(kab, links))
    times["hitung"] = time.perf_counter() - t1
    t2 = time.perf_counter()
    summaries = write_rekap(out, frame, got.log, part)
    times["tulis"] = time.perf_counter() - t2
    return GabungResult(frame, got.log, summaries, links, times)


__all__ = ["FAILED", "READ", "SKIPPED", "GabungResult", "gabung"]
