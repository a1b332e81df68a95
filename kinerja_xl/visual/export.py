"""PDF and PNG of drawn sheets through LibreOffice (headless) and poppler's pdftoppm.

Only the requested sheets are exported: `kinerja_xl.xlsx.printable` draws them into a fresh
workbook prepared for LibreOffice, which converts it with a throw-away profile.
PNGs are cropped to the drawing, with a small white margin.
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Sequence
from pathlib import Path

from ..core.findings import WorkbookError
from ..core.sheetspec import SheetSpec
from ..xlsx.printable import export_pdfs

_TIMEOUT = 300


class ExportError(WorkbookError):
    """PDF/PNG export failed (missing LibreOffice or poppler, or a conversion error)."""


def export_pdf(specs: Sequence[SheetSpec], pdf: str | Path) -> Path:
    """Write the sheets as one PDF (their print setup decides paper, zoom and pages), prepared
    by `kinerja_xl.xlsx.printable` so the pages do not depend on the machine's fonts."""
    pdf = Path(pdf)
    try:
        pdf.parent.mkdir(parents=True, exist_ok=True)
        (made,) = export_pdfs([list(specs)], [pdf])
    except OSError as exc:
        raise ExportError(f"PDF '{pdf}' tidak dapat ditulis: {exc}") from exc
    return made


def _pdftoppm() -> str:
    exe = shutil.which("pdftoppm")
    if exe is None:
        raise ExportError("pdftoppm (poppler-utils) tidak ditemukan; pasang poppler untuk "
                          "ekspor PNG.")
    return exe


def _content_box(ppm: bytes) -> tuple[int, int, int, int] | None:
    """(x, y, width, height) of the non-white pixels of a binary PPM (P6), or None."""
    parts = ppm.split(maxsplit=4)
    width, height = int(parts[1]), int(parts[2])
    pixels = parts[4]
    stride = width * 3
    top = bottom = None
    left, right = width, 0
    for y in range(height):
        row = pixels[y * stride:(y + 1) * stride]
        inner = row.strip(b"\xff")
        if not inner:
            continue
        top = y if top is None else top
        bottom = y
        start = (len(row) - len(row.lstrip(b"\xff"))) // 3
        end = (len(row.rstrip(b"\xff")) - 1) // 3
        left, right = min(left, start), max(right, end)
    if top is None or bottom is None:
        return None
    return left, top, right - left + 1, bottom - top + 1


def pdf_to_png(pdf: str | Path, png: str | Path, dpi: int = 80,
               crop: bool = True) -> list[Path]:
    """One PNG per PDF page: `png` for page 1, `<stem>-2.png` … for the next ones."""
    exe = _pdftoppm()
    png = Path(png)
    png.parent.mkdir(parents=True, exist_ok=True)
    out: list[Path] = []
    page = 1
    while True:
        base = [exe, "-r", str(dpi), "-f", str(page), "-l", str(page)]
        probe = subprocess.run([*base, str(pdf)], capture_output=True, timeout=_TIMEOUT)
        if probe.returncode != 0 or not probe.stdout:
            break
        box = _content_box(probe.stdout) if crop else None
        margin = max(4, dpi // 8)
        args = list(base)
        if box is not None:
            x, y, w, h = box
            args += ["-x", str(max(0, x - margin)), "-y", str(max(0, y - margin)),
                     "-W", str(w + 2 * margin), "-H", str(h + 2 * margin)]
        target = png if page == 1 else png.with_name(f"{png.stem}-{page}{png.suffix}")
        done = subprocess.run([*args, "-png", "-singlefile", str(pdf),
                               str(target.with_suffix(""))], capture_output=True,
                              timeout=_TIMEOUT)
        made = target.with_suffix(".png")
        if done.returncode != 0 or not made.exists():
            raise ExportError(f"pdftoppm gagal: {done.stderr.decode(errors='replace')[:300]}")
        if made != target:
            made.replace(target)
        out.append(target)
        page += 1
    if not out:
        raise ExportError(f"PDF '{pdf}' tidak dapat diubah menjadi PNG.")
    return out
