"""Importing cascading documents (e-SAKIP text export) into the kinerja workbook.

    from kinerja_xl.impor import import_file
    outcome = import_file("cascading.txt", "kinerja.xlsm")
    print(outcome.result.summary())

`esakip` is the pure parser (text -> Plan + report), `nomenklatur` the standard names used to
find missing parents, `run` the file side. The file-side names load lazily, so importing the
parser never imports openpyxl.
"""

from __future__ import annotations

from typing import Any

from kinerja_xl.impor.esakip import ImportFailed, ImportResult, parse_bytes, parse_text

__all__ = ["ImportFailed", "ImportOutcome", "ImportResult", "import_file", "parse_bytes",
           "parse_text"]


def __getattr__(name: str) -> Any:
    if name in ("ImportOutcome", "import_file"):
        from kinerja_xl.impor import run

        return getattr(run, name)
    raise AttributeError(f"module 'kinerja_xl.impor' has no attribute {name!r}")
