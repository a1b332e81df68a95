"""Reading many unit workbooks fast: python-calamine for the cells, the core reader for the rules.

Each file is read in a worker process (files are handed out in chunks), read-only, from its
bytes: calamine turns the contract's sheets into grids, `core.reader.read_plan` and
`core.validate.validate` apply exactly the rules `periksa` applies, and `FrameBuilder` turns the
plan into frame rows. A file that cannot be used becomes a `FileLog` entry with an Indonesian
reason; it never stops the run.
"""

from __future__ import annotations

import gc
import hashlib
import io
import os
import re
import zipfile
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd
from python_calamine import CalamineWorkbook

from ..core import capaian as rules
from ..core.contract import LEVEL_SHEETS, PEJABAT, PENGATURAN, H, Level
from ..core.findings import Finding, Severity, WorkbookError
from ..core.grid import Grid
from ..core.model import Plan
from ..core.reader import ReadResult, read_plan
from ..core.validate import validate
from .fast import FastUnit, RawGrid, Unusual, none_grid, read_fast
from .frame import FrameBuilder, concat_frames, empty_frame, node_budgets, sum_known

WORKBOOK_SUFFIXES = (".xlsx", ".xlsm")
_SHEETS = frozenset((PENGATURAN, PEJABAT, *LEVEL_SHEETS))
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP_MAGIC = b"PK\x03\x04"
_MAX_BYTES = 200 * 1024 * 1024

READ, SKIPPED, FAILED = "Dibaca", "Dilewati", "Gagal"


@dataclass
class FileLog:
    """What happened to one input file (one row of the Laporan Gabung sheet)."""

    path: str
    status: str  # Dibaca | Dilewati | Gagal
    reason: str = ""
    unit: str = ""
    sha256: str = ""
    indicators: int = 0
    errors: int = 0
    warnings: int = 0
    first_error: str = ""
    periode: int = 0
    anggaran: float | None = None
    realisasi_anggaran: float | None = None
    settings: dict[str, Any] = field(default_factory=dict)

    @property
    def name(self) -> str:
        return Path(self.path).name


@dataclass
class Gabungan:
    """Everything read: the indicator frame of the units read, and one log entry per file."""

    frame: pd.DataFrame
    log: list[FileLog]

    @property
    def units(self) -> list[FileLog]:
        return [entry for entry in self.log if entry.status == READ]


# Finding the files -----------------------------------------------------------------------------

def _natural(path: Path) -> list[Any]:
    return [int(t) if t.isdigit() else t.casefold() for t in re.split(r"(\d+)", str(path))]


def discover(inputs: Iterable[str | Path], exclude: Iterable[str | Path] = (),
             ) -> tuple[list[Path], list[FileLog]]:
    """Workbook files named or found (recursively) in folders, in natural order, and log entries
    for what was passed over (other file types, Excel lock files, excluded files)."""
    skip = {Path(p).resolve() for p in exclude}
    files: list[Path] = []
    log: list[FileLog] = []
    seen: set[Path] = set()
    for item in inputs:
        path = Path(item)
        if path.is_dir():
            found = sorted((p for p in path.rglob("*") if p.is_file()), key=_natural)
        elif path.exists():
            found = [path]
        else:
            log.append(FileLog(str(path), FAILED, "file atau folder tidak ditemukan"))
            continue
        for p in found:
            key = p.resolve()
            if key in seen:
                continue
            seen.add(key)
            reason = _pass_over(p, key in skip, named=not path.is_dir())
            if reason:
                log.append(FileLog(str(p), SKIPPED, reason))
            else:
                files.append(p)
    return files, log


def _pass_over(path: Path, excluded: bool, named: bool) -> str:
    if excluded:
        return "file keluaran atau workbook kabupaten, bukan workbook unit"
    if path.name.startswith("~$"):
        return "file kunci sementara Excel (workbook sedang dibuka), bukan workbook"
    suffix = path.suffix.lower()
    if suffix == ".xls":
        return "format Excel lama (.xls); buka di Excel lalu simpan sebagai .xlsx atau .xlsm"
    if suffix not in WORKBOOK_SUFFIXES and not named:
        return f"bukan workbook Excel (.xlsx/.xlsm): berakhiran '{suffix or '(tanpa akhiran)'}'"
    return ""


# Reading one file ------------------------------------------------------------------------------

def sheet_grids(data: bytes, name: str) -> dict[str, Grid]:
    """The contract's sheets of a workbook (given as bytes) as grids of cell values (row 1 of
    the sheet is grid[0]; blank cells are None; formula cells give their cached values)."""
    return {sheet: none_grid(rows) for sheet, rows in raw_sheets(data, name).items()}


def raw_sheets(data: bytes, name: str) -> dict[str, RawGrid]:
    """The contract's sheets as calamine gives them: lists of rows, blank cells ""."""
    if data[:8] == _OLE_MAGIC:
        raise WorkbookError(f"File '{name}' terkunci kata sandi atau berformat Excel lama (.xls);"
                            " buka di Excel, hapus kata sandinya / simpan sebagai .xlsx, lalu "
                            "coba lagi.")
    if data[:4] != _ZIP_MAGIC:
        raise WorkbookError(f"File '{name}' bukan workbook Excel (.xlsx/.xlsm): isinya bukan "
                            "paket Office Open XML.")
    try:
        book = CalamineWorkbook.from_filelike(io.BytesIO(data))
        return {sheet: book.get_sheet_by_name(sheet).to_python(skip_empty_area=False)
                for sheet in book.sheet_names if sheet in _SHEETS}
    except WorkbookError:
        raise
    except (KeyboardInterrupt, SystemExit):
        raise
    except BaseException as exc:  # calamine's own errors, and a Rust panic (a BaseException)
        raise WorkbookError(f"File '{name}' rusak atau tidak dapat dibaca sebagai workbook: "
                            f"{str(exc)[:200]}") from exc


def _unit_findings(read_findings: list[Finding], plan: Plan, layouts: dict) -> list[Finding]:
    """Findings of one unit as `periksa` reports them, except the Kode Induk of a Tujuan: in a
    kabupaten that is the link to a kabupaten Sasaran, checked by `gabung --kabupaten`."""
    found = read_findings + validate(plan, layouts)
    return [f for f in found
            if not (f.sheet == Level.TUJUAN.sheet and f.column == H.KODE_INDUK)]


def read_unit(path: str | Path, builder: FrameBuilder) -> FileLog:
    """Read one workbook into builder's rows; the log entry says how it went. Nothing a file
    holds can stop the run: an unexpected error fails this file alone (its rows are dropped)."""
    start = len(builder)
    try:
        return _read_unit(Path(path), builder)
    except Exception as exc:  # a bug or a case nobody foresaw: this file fails, the run goes on
        del builder.rows[start:]
        return FileLog(str(path), FAILED, f"File '{Path(path).name}' tidak dapat diproses "
                                          f"(galat tak terduga {type(exc).__name__}: "
                                          f"{str(exc)[:200]}); laporkan ke pengelola kinerja_xl")


def _read_unit(path: Path, builder: FrameBuilder) -> FileLog:
    entry = FileLog(str(path), FAILED)
    try:
        size = path.stat().st_size
        if size > _MAX_BYTES:
            raise WorkbookError(f"File '{path.name}' terlalu besar ({size / 1e6:.0f} MB) untuk "
                                "workbook unit.")
        with path.open("rb") as fh:  # read-only: input files are never modified
            data = fh.read()
        entry.sha256 = hashlib.sha256(data).hexdigest()
        raw = raw_sheets(data, path.name)
        try:
            fast: FastUnit | None = read_fast(raw)
            read = ReadResult(fast.plan, fast.layouts, fast.findings)
        except Unusual:  # something the core reader reports on: let it read the file
            fast = None
            read = read_plan({sheet: none_grid(rows) for sheet, rows in raw.items()})
    except WorkbookError as exc:
        entry.reason = str(exc).replace("\n", " ")
        return entry
    except (OSError, zipfile.BadZipFile) as exc:
        entry.reason = f"File '{path.name}' tidak dapat dibuka: {exc}"
        return entry
    plan = read.plan
    s = plan.settings
    findings = _unit_findings(read.findings, plan, read.layouts)
    errors = [f for f in findings if f.severity is Severity.ERROR]
    entry.status = READ
    entry.unit = " ".join(s.nama_instansi.split()) or path.stem
    if not s.nama_instansi:
        entry.reason = "Nama Instansi kosong di Pengaturan; dipakai nama file"
    entry.errors = len(errors)
    entry.warnings = sum(f.severity is Severity.WARNING for f in findings)
    entry.first_error = f"{errors[0].where()}: {errors[0].message}" if errors else ""
    entry.settings = {"rumus_negatif": s.negative_rule.value, "batas_maks": s.cap,
                      "bands": s.bands, "tahun": s.tahun}
    start = len(builder)
    budgets = node_budgets(plan)
    if fast is None:
        entry.periode = rules.effective_periode(plan) or 0
        builder.add_plan(plan, entry.unit, str(path), entry.periode, budgets)
    else:  # every realisation read is in last_quarter_seen (effective_periode's other source)
        entry.periode = s.periode or plan.last_quarter_seen
        builder.add_values(plan, entry.unit, str(path), entry.periode, fast.values, budgets)
    entry.indicators = len(builder) - start
    programs = [budgets[id(n)] for n in plan.levels[Level.PROGRAM]]
    entry.anggaran = sum_known([b[0] for b in programs])
    entry.realisasi_anggaran = sum_known([b[1] for b in programs])
    return entry


def read_chunk(paths: Sequence[str]) -> tuple[list[FileLog], pd.DataFrame]:
    """Worker: read a chunk of files into one frame (categoricals pickle compactly). The
    cyclic garbage collector is paused meanwhile: the rows are many small acyclic tuples that
    it would scan again and again for nothing (about 5% of the reading time)."""
    paused = gc.isenabled()
    gc.disable()
    try:
        builder = FrameBuilder()
        log = [read_unit(p, builder) for p in paths]
        return log, builder.frame()
    finally:
        if paused:
            gc.enable()


# Many files ------------------------------------------------------------------------------------

def _chunks(paths: Sequence[Path], workers: int) -> list[list[str]]:
    size = max(1, min(64, -(-len(paths) // (workers * 6))))
    return [[str(p) for p in paths[i:i + size]] for i in range(0, len(paths), size)]


def default_workers() -> int:
    return max(1, min(os.cpu_count() or 1, 8))


Progress = Callable[[int, int], None]  # (files done, files in all)


def read_files(paths: Sequence[Path], workers: int | None = None,
               progress: Progress | None = None) -> tuple[list[FileLog], pd.DataFrame]:
    """Read the files (in processes when there are enough to pay for them), in order."""
    workers = workers or default_workers()
    if workers == 1 or len(paths) < 8:
        return read_chunk([str(p) for p in paths])
    results: list[tuple[list[FileLog], pd.DataFrame]] = []
    broken: list[str] = []
    with ProcessPoolExecutor(max_workers=workers) as pool:
        futures = [(chunk, pool.submit(read_chunk, chunk))
                   for chunk in _chunks(paths, workers)]
        for chunk, future in futures:
            try:
                results.append(future.result())
            except Exception:  # a dead reader (BrokenProcessPool) or a result that failed
                broken += chunk
            if progress is not None:
                progress(sum(len(log) for log, _ in results) + len(broken), len(paths))
    if broken:  # a reader process died (e.g. killed for memory): retry its files one by one
        results += [_read_alone(p) for p in broken]
    log = [entry for chunk_log, _ in results for entry in chunk_log]
    return log, concat_frames(frame for _, frame in results)


def _read_alone(path: str) -> tuple[list[FileLog], pd.DataFrame]:
    """One file in a process of its own, so a file that kills its reader fails alone."""
    try:
        with ProcessPoolExecutor(max_workers=1) as pool:
            return pool.submit(read_chunk, [path]).result()
    except Exception:  # BrokenProcessPool above all
        entry = FileLog(path, FAILED, f"File '{Path(path).name}' menghentikan proses pembaca "
                                      "(rusak atau terlalu besar untuk memori)")
        return [entry], empty_frame()


def drop_duplicates(log: list[FileLog], frame: pd.DataFrame) -> pd.DataFrame:
    """Skip a second file with the same content or the same Nama Instansi (the first, in
    natural file order, is kept) and drop its rows from the frame."""
    by_hash: dict[str, FileLog] = {}
    by_unit: dict[str, FileLog] = {}
    dropped: list[str] = []
    for entry in log:
        if entry.status != READ:
            continue
        key = entry.unit.casefold()
        first = by_hash.get(entry.sha256)
        why = ""
        if first is not None:
            why = f"isi file sama persis dengan '{first.name}'"
        elif key in by_unit:
            first = by_unit[key]
            why = f"Nama Instansi '{entry.unit}' sama dengan '{first.name}'"
        if first is not None:
            entry.status = SKIPPED
            entry.reason = f"duplikat: {why}; yang dipakai '{first.name}'"
            dropped.append(entry.path)
            continue
        by_hash[entry.sha256] = entry
        by_unit[key] = entry
    if not dropped or frame.empty:
        return frame
    keep = ~frame["file"].isin(dropped).to_numpy()
    out = frame[keep].reset_index(drop=True)
    return out.assign(**{c: out[c].cat.remove_unused_categories() for c in ("unit", "file")})


def read_all(inputs: Iterable[str | Path], exclude: Iterable[str | Path] = (),
             workers: int | None = None, progress: Progress | None = None) -> Gabungan:
    """Discover, read (in processes) and de-duplicate: the frame and the full file log."""
    files, passed = discover(inputs, exclude)
    log, frame = read_files(files, workers, progress) if files else ([], empty_frame())
    frame = drop_duplicates(log, frame)
    order = {str(p): i for i, p in enumerate(files)}
    log.sort(key=lambda e: order.get(e.path, -1))
    return Gabungan(frame, passed + log)


def read_frame(paths: str | Path | Iterable[str | Path]) -> pd.DataFrame:
    """One row per indicator of every unit workbook in paths (files or folders); columns and
    dtypes as documented in docs/gabung.md. Files that cannot be used are left out (use
    `read_all` for the reasons)."""
    if isinstance(paths, (str, Path)):
        paths = [paths]
    return read_all(paths).frame
