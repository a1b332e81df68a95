"""PK sheets to PDF through headless LibreOffice, one PDF per official.

Each PK is drawn alone into a workbook prepared by `kinerja_xl.xlsx.printable` (the one export
preparation, so pages do not depend on the machine's fonts), and all of them are converted in
one LibreOffice batch.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from ..core.findings import WorkbookError
from ..core.sheetspec import SheetSpec
from ..xlsx.libreoffice import PdfUnavailable, require_soffice
from ..xlsx.printable import export_pdfs as export_groups


def export_pdfs(specs: Sequence[SheetSpec], names: Sequence[str], folder: str | Path
                ) -> list[Path]:
    """Write specs[i] as folder/names[i] (a .pdf name); returns the paths in order."""
    require_soffice()  # before any work: a clear message when LibreOffice is missing
    folder = Path(folder)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise WorkbookError(f"Folder PDF '{folder}' tidak dapat dibuat: {exc}") from exc
    targets = [folder / name for name in names]
    try:
        return export_groups([[spec] for spec in specs], targets)
    except OSError as exc:
        raise WorkbookError(f"PDF di '{folder}' tidak dapat ditulis (sedang dibuka?): "
                            f"{exc}") from exc


__all__ = ["PdfUnavailable", "export_pdfs", "require_soffice"]
