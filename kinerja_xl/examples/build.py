"""Build the example workbooks: `python -m kinerja_xl.examples.build [FOLDER]`.

Writes `kenohan_2025.xlsm` and `kebasen_2023.xlsm` (default folder: `examples/` of the
repository), each on the macro template when available, with sample numbers marked as such,
computed (Hitung Capaian) and, when `kinerja_xl.pk` is installed, with their PK sheets.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..api import compute_file
from ..core.compute import Computation
from ..core.contract import Level
from ..core.findings import Severity
from ..core.model import Plan
from ..core.writes import GeneratedSheet
from ..impor.workbook import (
    add_report,
    add_setting_note,
    fill_workbook,
    new_workbook,
    report_sheet,
)
from ..xlsx.save import save_workbook
from .kebasen import complete, kebasen_import
from .kenohan import kenohan_plan, planned_realisations
from .sample_data import SAMPLE_NOTE, fill_sample

REPO_EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
NOTE_LABEL = "Keterangan"
_SAMPLE_SUFFIX = "Target, realisasi dan anggaran: data contoh"


@dataclass
class Built:
    """What a build wrote, for the friendly summary of `kinerja-xl contoh`."""

    path: Path
    plan: Plan
    on_template: bool
    computation: Computation | None = None
    pk_sheets: list[str] = field(default_factory=list)
    pk_note: str = ""


def _notes_with_sample(notes: dict[tuple[Level, str], list[str]], plan: Plan,
                       ) -> dict[tuple[Level, str], list[str]]:
    out = {}
    for node in plan.nodes():
        out[(node.level, node.code)] = [*notes.get((node.level, node.code), []),
                                        _SAMPLE_SUFFIX]
    return out


def write_example(plan: Plan, notes: dict[tuple[Level, str], list[str]], out: Path,
                  report: GeneratedSheet | None = None, compute: bool = True, pk: bool = True,
                  ) -> Built:
    """Write plan into out (template for .xlsm), then Buat PK and Hitung Capaian on it.

    Hitung runs last: it is the step that stores the cached values of its formulas, which a
    later openpyxl round trip (such as Buat PK) would drop for readers that do not
    recalculate (pandas, viewers)."""
    wb, on_template = new_workbook(out.suffix.lower() == ".xlsm")
    fill_workbook(wb, plan, _notes_with_sample(notes, plan), status_notes=False)
    add_setting_note(wb, NOTE_LABEL, SAMPLE_NOTE)
    if report is not None:
        add_report(wb, report)
    out.parent.mkdir(parents=True, exist_ok=True)
    save_workbook(wb, out)
    built = Built(out, plan, on_template)
    if pk:
        make_pks(built)
    if compute:
        built.computation = compute_file(out)
    return built


def make_pks(built: Built) -> None:
    """Buat PK on the written file when the PK feature is installed (imported lazily)."""
    try:
        from kinerja_xl.pk import make_pk_file
    except ImportError:
        built.pk_note = ("fitur Perjanjian Kinerja (kinerja_xl.pk) belum terpasang; sheet PK "
                         "tidak dibuat")
        return
    result = make_pk_file(built.path)
    built.pk_sheets = list(result.sheets)


def build_kenohan(out: str | Path, compute: bool = True, pk: bool = True) -> Built:
    """The Kecamatan Kenohan 2025 example (hand transcription + sample numbers)."""
    plan, notes = kenohan_plan()
    fill_sample(plan, "kenohan-2025", planned_realisations())
    return write_example(plan, notes, Path(out), compute=compute, pk=pk)


def build_kebasen(out: str | Path, compute: bool = True, pk: bool = True) -> Built:
    """The Kecamatan Kebasen 2023 example (imported seed + sample numbers), with its
    Laporan Impor."""
    result = kebasen_import()
    complete(result)
    fill_sample(result.plan, "kebasen-2023")
    report = report_sheet(result.report, "cascading_kebasen_2023.txt", result.summary(),
                          result.line_count, result.encoding)
    return write_example(result.plan, result.notes, Path(out), report, compute, pk)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m kinerja_xl.examples.build",
                                     description="Membuat workbook contoh Kenohan dan Kebasen.")
    parser.add_argument("folder", nargs="?", default=str(REPO_EXAMPLES),
                        help=f"folder tujuan (default: {REPO_EXAMPLES})")
    args = parser.parse_args(argv)
    folder = Path(args.folder)
    for name, build in (("kenohan_2025.xlsm", build_kenohan),
                        ("kebasen_2023.xlsm", build_kebasen)):
        built = build(folder / name)
        comp = built.computation
        errors = sum(f.severity is Severity.ERROR for f in comp.findings) if comp else 0
        pk = f"{len(built.pk_sheets)} sheet PK" if built.pk_sheets else built.pk_note
        print(f"{built.path}: {sum(len(v) for v in built.plan.levels.values())} node, "
              f"{errors} kesalahan, {pk}")
        if errors:
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
