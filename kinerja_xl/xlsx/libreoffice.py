"""Headless LibreOffice, the one way this package turns drawn sheets into PDF without Excel.

A throw-away profile (`-env:UserInstallation`) lets conversions run side by side, as root, and
without disturbing a LibreOffice the user has open. Batches keep start-up cost (seconds) off
each page.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Sequence
from pathlib import Path

from ..core.findings import WorkbookError

_WINDOWS = (r"C:\Program Files\LibreOffice\program\soffice.exe",
            r"C:\Program Files (x86)\LibreOffice\program\soffice.exe")
_BATCH = 40  # files per LibreOffice run
_SECONDS_PER_FILE = 20


class PdfUnavailable(WorkbookError):
    """LibreOffice is not installed, so no PDF can be made."""


def find_soffice() -> str | None:
    """LibreOffice's soffice, from PATH or the usual Windows install folders."""
    found = shutil.which("soffice") or shutil.which("libreoffice")
    return found or next((p for p in _WINDOWS if os.path.exists(p)), None)


def require_soffice() -> str:
    exe = find_soffice()
    if exe is None:
        raise PdfUnavailable("LibreOffice tidak terpasang, jadi PDF tidak dapat dibuat. Pasang "
                             "LibreOffice (Debian/Ubuntu: apt-get install libreoffice-calc-nogui;"
                             " Windows: libreoffice.org), atau cetak sheet-nya ke PDF dari Excel.")
    return exe


def convert_to_pdf(sources: Sequence[Path], work: Path) -> list[Path]:
    """Convert workbook files to PDF in work/pdf (batched); returns the PDF paths in order.
    A source LibreOffice could not convert is an Indonesian WorkbookError."""
    exe = require_soffice()
    outdir = work / "pdf"
    profile = work / "lo-profile"
    for start in range(0, len(sources), _BATCH):
        batch = [str(s) for s in sources[start:start + _BATCH]]
        cmd = [exe, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
               "--nolockcheck", "--convert-to", "pdf", "--outdir", str(outdir), *batch]
        try:
            proc = subprocess.run(cmd, capture_output=True, text=True, check=False,
                                  timeout=60 + _SECONDS_PER_FILE * len(batch))
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise WorkbookError(f"LibreOffice gagal membuat PDF: {exc}") from exc
        for src in batch:
            if not (outdir / (Path(src).stem + ".pdf")).exists():
                raise WorkbookError(f"LibreOffice tidak menghasilkan PDF untuk {Path(src).name}: "
                                    f"{(proc.stderr or proc.stdout).strip()[:300]}")
    return [outdir / (Path(s).stem + ".pdf") for s in sources]
