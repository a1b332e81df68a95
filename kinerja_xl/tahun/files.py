"""The report jobs on workbook files: read once (read-only, cached values), build the pure
plan, write through `kinerja_xl.api.update_file` (the one seam into a user's workbook).
tahun-baru reads and writes through the same package editor that seam uses, opened once on
LAST with NEW as its output (the edits depend on what it read)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..api import update_file
from ..core.contract import LEVEL_SHEETS, PEJABAT, PENGATURAN
from ..core.findings import WorkbookError
from ..core.writes import WritePlan
from ..xlsx.load import open_workbook
from .baru import NewYear, plan_tahun_baru
from .lkjip import Lkjip, plan_lkjip
from .lkjip_sheets import lkjip_specs
from .rencana_aksi import RaBuild, pdf_name, plan_rencana_aksi

Grids = dict[str, list[tuple[Any, ...]]]
INPUT_SHEETS = (PENGATURAN, PEJABAT, *LEVEL_SHEETS)


HEAD_ROWS = 5  # other sheets are read this far: enough to recognise a generated sheet


def read_grids(path: str | Path) -> Grids:
    """The input sheets of the file as rows of values (formulas as their cached results) and
    the first rows of every other sheet: what openpyxl's read-only `iter_rows(values_only=True)`
    with cached values gives. Read with python-calamine (Rust; about 50x faster than openpyxl on
    a kabupaten workbook, and it expands no XML entities); any file it cannot read goes through
    openpyxl, whose checks give the Indonesian message. The reports never write what they
    read."""
    try:
        return _calamine_grids(Path(path))
    except Exception:  # not installed, or a file calamine refuses: the careful path decides
        return _openpyxl_grids(path)


def _calamine_grids(path: Path) -> Grids:
    from python_calamine import CalamineWorkbook

    wb = CalamineWorkbook.from_path(str(path))
    out: Grids = {}
    for name in wb.sheet_names:
        limit = None if name in INPUT_SHEETS else HEAD_ROWS
        rows = wb.get_sheet_by_name(name).to_python(skip_empty_area=False, nrows=limit)
        out[name] = [tuple(_normal(v) for v in row) for row in rows]
    return out


def _normal(value: Any) -> Any:
    """calamine's values as openpyxl gives them: "" is None, whole floats are ints, dates are
    datetimes."""
    if value == "":
        return None
    if isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
        return int(value)
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return dt.datetime(value.year, value.month, value.day)
    return value


def _openpyxl_grids(path: str | Path) -> Grids:
    wb = open_workbook(path, data_only=True, read_only=True)
    try:
        return {ws.title: list(ws.iter_rows(values_only=True, max_row=None
                                            if ws.title in INPUT_SHEETS else HEAD_ROWS))
                for ws in wb.worksheets}
    finally:
        wb.close()


@dataclass
class RaFileResult:
    build: RaBuild
    sheets: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    pdfs: list[Path] = field(default_factory=list)


def make_rencana_aksi_file(path: str | Path, ids: Iterable[str] | None = None,
                           pdf_dir: str | Path | None = None,
                           out: str | Path | None = None) -> RaFileResult:
    """Rencana Aksi sheets into the workbook (and PDFs into pdf_dir). Nothing is written when
    the job cannot run (WorkbookError)."""
    from ..pk.pdf import export_pdfs, require_soffice

    if pdf_dir is not None:
        require_soffice()
    build = plan_rencana_aksi(read_grids(path), ids)
    update_file(path, specs=build.specs, remove=build.stale, out=out)
    result = RaFileResult(build, [s.name for s in build.specs], list(build.stale))
    if pdf_dir is not None and build.specs:
        names = [pdf_name(d.official_id) for d in build.docs]
        result.pdfs = export_pdfs(build.specs, names, pdf_dir)
    return result


@dataclass
class LkjipFileResult:
    doc: Lkjip
    sheets: list[str]
    docx: Path | None


def default_docx(path: str | Path) -> Path:
    """'kecamatan.xlsm' -> 'kecamatan_LKjIP_Bab3.docx' next to it."""
    path = Path(path)
    return path.with_name(f"{path.stem}_LKjIP_Bab3.docx")


def make_lkjip_file(path: str | Path, docx: str | Path | None = None, out: str | Path | None
                    = None, write_docx_file: bool = True) -> LkjipFileResult:
    """LKjIP Bab III: the six table sheets into the workbook, and the Word document (default
    next to the workbook). Nothing is written when the job cannot run (WorkbookError)."""
    from .docx import write_docx

    grids = read_grids(path)
    doc = plan_lkjip(grids)
    specs = lkjip_specs(doc, grids)
    update_file(path, specs=specs, out=out)
    target = None
    if write_docx_file:
        target = write_docx(doc, docx if docx is not None else default_docx(path))
    return LkjipFileResult(doc, [s.name for s in specs], target)


def make_tahun_baru_file(last: str | Path, new: str | Path) -> NewYear:
    """Next year's workbook: LAST read once from its package, next year's edits applied to it,
    written (atomically) to NEW; every part the edits do not touch is copied byte for byte.
    LAST is never changed; NEW is not written when the edits cannot be made. Returns what was
    carried (counts, added columns); the plan itself is released once written."""
    from ..package.editor import Editor
    from ..package.gcpause import collector_paused
    from ..package.jobs import input_grids

    last, new = Path(last), Path(new)
    if new.exists() and last.exists() and new.resolve() == last.resolve():
        raise WorkbookError("File tahun baru harus berbeda dari file tahun lalu (pakai -o "
                            "NAMA_BARU.xlsm).")
    if new.suffix.lower() != last.suffix.lower():
        raise WorkbookError(f"File tahun baru '{new.name}' harus berakhiran {last.suffix} seperti"
                            f" '{last.name}'.")
    with collector_paused():  # see package/gcpause.py: ~0.2 s of collector passes saved
        ed = Editor(last, new)
        year = plan_tahun_baru(input_grids(ed))
        ed.apply_plan(year.plan)
        ed.save(new)
        # What was carried, without the written plan: its ~80,000 objects are freed here,
        # not walked once more by the collector when it resumes (~25 ms).
        summary = dataclasses.replace(year, plan=WritePlan(), log=None)
        del ed, year
    return summary


__all__ = [
    "LkjipFileResult",
    "RaFileResult",
    "default_docx",
    "make_lkjip_file",
    "make_rencana_aksi_file",
    "make_tahun_baru_file",
    "read_grids",
]
