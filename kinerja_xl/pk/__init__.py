"""Perjanjian Kinerja: one print-ready PK sheet per official, and PDFs (DESIGN §4).

    from kinerja_xl.pk import make_pk_file
    result = make_pk_file("kecamatan.xlsm", pdf_dir="pk_pdf")

`build_pk_specs` / `plan_pk` are pure (grids in, sheet specs out) for the ribbon handler and
import no spreadsheet library; `make_pk_file`, `apply_pk` and `export_pdfs` work on files with
openpyxl and are imported on first use. See docs/pk.md.
"""

from __future__ import annotations

import importlib
from typing import Any

from .build import PkBuild, build_pk_specs, pdf_name, plan_pk, sheet_name

_LAZY = {"PkFileResult": "files", "apply_pk": "files", "make_pk_file": "files",
         "PdfUnavailable": "pdf", "export_pdfs": "pdf"}

__all__ = ["PdfUnavailable", "PkBuild", "PkFileResult", "apply_pk", "build_pk_specs",
           "export_pdfs", "make_pk_file", "pdf_name", "plan_pk", "sheet_name"]


def __getattr__(name: str) -> Any:
    """The openpyxl/LibreOffice side, loaded when first asked for."""
    if name in _LAZY:
        return getattr(importlib.import_module(f".{_LAZY[name]}", __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
