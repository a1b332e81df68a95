"""Buat PK on a workbook file: draw the PK sheets, drop stale ones, replace Laporan Validasi,
save atomically, and optionally write one PDF per official."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from openpyxl.workbook.workbook import Workbook

from ..core.findings import Finding
from ..package.editor import Editor
from ..package.jobs import input_grids
from ..xlsx.apply import replace_sheet
from ..xlsx.render import render_sheet
from .build import SHEET_PREFIX, PkBuild, pdf_name, plan_pk
from .pdf import export_pdfs, require_soffice


@dataclass
class PkFileResult:
    path: Path
    build: PkBuild
    sheets: list[str] = field(default_factory=list)  # PK sheets written
    removed: list[str] = field(default_factory=list)  # stale PK sheets deleted
    pdfs: list[Path] = field(default_factory=list)

    @property
    def findings(self) -> list[Finding]:
        return self.build.findings

    @property
    def has_errors(self) -> bool:
        return self.build.has_errors


def apply_pk(wb: Workbook, build: PkBuild) -> tuple[list[str], list[str]]:
    """Write a PkBuild into wb: existing PK sheets keep their place, new ones follow the last
    PK sheet (or go last); stale ones are deleted. Returns (written, removed)."""
    for name in build.stale:
        del wb[name]
    for spec in build.specs:
        if spec.name in wb.sheetnames:
            render_sheet(wb, spec)
            continue
        pks = [i for i, n in enumerate(wb.sheetnames) if n.startswith(SHEET_PREFIX)]
        render_sheet(wb, spec, pks[-1] + 1 if pks else None)
    replace_sheet(wb, build.report)
    return [s.name for s in build.specs], list(build.stale)


def put_pk(ed: Editor, build: PkBuild, drop_stale: bool = True) -> tuple[list[str], list[str]]:
    """Write a PkBuild into a package: our PK sheets keep their place, new ones follow our last
    PK sheet (or go last); our PK sheets for officials who no longer own a node are deleted
    (only when all PKs were made). Returns (written, removed)."""
    wanted = {spec.name for spec in build.specs}
    stale = [n for n in ed.generated_of("pk") if n not in wanted] if drop_stale else []
    removed = ed.remove_sheets(stale)
    ours = ed.generated_of("pk")
    written = ed.put_sheets(build.specs, kind="pk", after=ours[-1] if ours else None)
    ed.put_sheets([], [build.report])
    return written, removed


def make_pk_file(path: str | Path, ids: Iterable[str] | None = None,
                 pdf_dir: str | Path | None = None, out: str | Path | None = None
                 ) -> PkFileResult:
    """Buat PK on a file (saved to out, default path); PDFs into pdf_dir when given.
    Raises WorkbookError (Indonesian) before changing anything when the job cannot run,
    including `PdfUnavailable` when PDFs are asked for and LibreOffice is missing."""
    path = Path(path)
    if pdf_dir is not None:
        require_soffice()
    ed = Editor(path, out)
    build = plan_pk(input_grids(ed), ids)
    result = PkFileResult(path, build)
    result.sheets, result.removed = put_pk(ed, build, ids is None)
    ed.save(out)
    if pdf_dir is not None and build.specs:
        names = _unique([pdf_name(doc.official_id) for doc in build.docs])
        result.pdfs = export_pdfs(build.specs, names, pdf_dir)
    return result


def _unique(names: list[str]) -> list[str]:
    """PK_A_B.pdf twice (IDs 'A B' and 'A/B') becomes PK_A_B.pdf and PK_A_B_2.pdf."""
    seen: set[str] = set()
    out = []
    for name in names:
        stem, n, candidate = name[:-4], 1, name
        while candidate.casefold() in seen:
            n += 1
            candidate = f"{stem}_{n}.pdf"
        seen.add(candidate.casefold())
        out.append(candidate)
    return out
