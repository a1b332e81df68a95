"""kinerja_xl: Pohon Kinerja, capaian and Perjanjian Kinerja in Excel and headless.

The pure rules live in `kinerja_xl.core` (no spreadsheet library); `kinerja_xl.api` runs them on
files. The API names below load lazily, so importing the core never imports openpyxl.
"""

from __future__ import annotations

from typing import Any

__version__ = "0.1.0"
__all__ = ["WorkbookError", "__version__", "check_file", "compute_file", "compute_frame",
           "new_workbook", "read_frame"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from . import api

        return getattr(api, name)
    raise AttributeError(f"module 'kinerja_xl' has no attribute {name!r}")
