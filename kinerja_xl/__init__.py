"""kinerja_xl: Pohon Kinerja, capaian and Perjanjian Kinerja in Excel and headless.

The pure rules live in `kinerja_xl.core`; `kinerja_xl.api` runs them on files.
"""

__version__ = "0.1.0"

from .api import WorkbookError, check_file, compute_file, new_workbook

__all__ = ["WorkbookError", "__version__", "check_file", "compute_file", "new_workbook"]
