"""Importing what planners already have into the kinerja workbook: the e-SAKIP cascading text
export and tables (Excel/ODS/CSV/tab-separated/markdown), into a new workbook or merged into an
existing one.

    from kinerja_xl.impor import import_file, read_any
    outcome = import_file("renja_sipd.xlsx", "kinerja.xlsm")
    print(outcome.result.summary())
    print(read_any("iku.csv", kolom="Indikator=C").columns)

`esakip` is the pure e-SAKIP parser, `tables`/`headers`/`shapes`/`build`/`tabular` the table
importer, `merge` the merge into an existing workbook, `run` the file side. The file-side names
load lazily, so importing the parser never imports openpyxl.
"""

from __future__ import annotations

from typing import Any

from kinerja_xl.impor.esakip import ImportFailed, ImportResult, parse_bytes, parse_text

__all__ = ["ImportFailed", "ImportOutcome", "ImportResult", "import_file", "parse_bytes",
           "parse_text", "read_any"]


def __getattr__(name: str) -> Any:
    if name in ("ImportOutcome", "import_file", "read_any"):
        from kinerja_xl.impor import run

        return getattr(run, name)
    raise AttributeError(f"module 'kinerja_xl.impor' has no attribute {name!r}")
