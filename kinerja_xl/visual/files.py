"""The Pohon Kinerja job on a file, for the CLI and scripts: read, compute in memory, draw the
sheet(s), save atomically, and optionally export PDF/PNG.

Only the Pohon Kinerja sheets change; the capaian shown is what Hitung Capaian would compute
now (the level sheets' computed columns are left as they are: run `hitung` to refresh them).
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from ..core.compute import Computation, compute
from ..package.editor import Editor
from ..package.jobs import input_grids, put_pohon
from .export import export_pdf, pdf_to_png
from .pohon import MAX_BANDS, pohon_specs


@dataclass
class PohonResult:
    comp: Computation
    sheets: list[str]
    nodes: int
    pdf: Path | None = None
    pngs: list[Path] = field(default_factory=list)


def pohon_file(path: str | Path, out: str | Path | None = None, pdf: str | Path | None = None,
               png: str | Path | None = None, max_bands: int = MAX_BANDS,
               dpi: int = 80) -> PohonResult:
    """Draw the Pohon Kinerja sheet(s) into the workbook (saved to out, default path) and
    export them to pdf and/or png (one PNG per page: png, <stem>-2.png, …)."""
    ed = Editor(path, out)
    comp = compute(input_grids(ed))
    specs = pohon_specs(comp, max_bands)
    names = put_pohon(ed, specs)
    ed.save(out)
    result = PohonResult(comp, names, sum(len(v) for v in comp.read.plan.levels.values()))
    if pdf is None and png is None:
        return result
    with tempfile.TemporaryDirectory(prefix="kinerja-xl-") as tmp:
        made = export_pdf(specs, Path(pdf) if pdf else Path(tmp) / "pohon.pdf")
        if pdf:
            result.pdf = made
        if png:
            result.pngs = pdf_to_png(made, png, dpi)
    return result
