"""PK sheets to PDF through headless LibreOffice, one PDF per official.

Each PK is drawn alone into a temporary workbook, and all of them are converted by one
`soffice --convert-to pdf` batch (`kinerja_xl.xlsx.libreoffice`).
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils.indexed_list import IndexedList

from ..core.findings import WorkbookError
from ..core.sheetspec import SheetSpec
from ..xlsx.libreoffice import PdfUnavailable, convert_to_pdf, require_soffice
from ..xlsx.render import render_sheet
from .wrap import PX_PER_UNIT

_PDF_FONT = "Arial"  # LibreOffice: Liberation Sans, the same metrics
_ARIAL_DIGIT_PX = 8.0  # a column width unit when the default font is Arial 11


def _workbook(spec: SheetSpec) -> Workbook:
    """A workbook holding only `spec`, with Arial as its default font and the widths rescaled
    to it: column units follow the default font, and Calibri (the usual default) is missing
    on most Linux machines, where LibreOffice would substitute a wider font and shrink the
    page. The printed widths stay those of Calibri in Excel."""
    wb = Workbook()
    font = Font(name=_PDF_FONT, size=11, family=2)
    wb._fonts = IndexedList([font])  # openpyxl has no public API for the default font
    wb._named_styles["Normal"].font = font
    default = wb.active
    ratio = PX_PER_UNIT / _ARIAL_DIGIT_PX
    render_sheet(wb, replace(spec, widths={c: round(w * ratio, 2)
                                           for c, w in spec.widths.items()}))
    if default is not None:
        wb.remove(default)
    return wb


def export_pdfs(specs: Sequence[SheetSpec], names: Sequence[str], folder: str | Path
                ) -> list[Path]:
    """Write specs[i] as folder/names[i] (a .pdf name); returns the paths in order."""
    require_soffice()  # before any work: a clear message when LibreOffice is missing
    folder = Path(folder)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise WorkbookError(f"Folder PDF '{folder}' tidak dapat dibuat: {exc}") from exc
    out: list[Path] = []
    with tempfile.TemporaryDirectory(prefix="kinerja-pdf-") as tmp:
        work = Path(tmp)
        sources = []
        for spec, name in zip(specs, names, strict=True):
            src = work / "src" / (Path(name).stem + ".xlsx")
            src.parent.mkdir(exist_ok=True)
            _workbook(spec).save(src)
            sources.append(src)
        for pdf, name in zip(convert_to_pdf(sources, work), names, strict=True):
            target = folder / name
            try:
                shutil.move(str(pdf), target)
            except OSError as exc:
                raise WorkbookError(f"PDF '{target}' tidak dapat ditulis (sedang dibuka?): "
                                    f"{exc}") from exc
            out.append(target)
    return out


__all__ = ["PdfUnavailable", "export_pdfs", "require_soffice"]
