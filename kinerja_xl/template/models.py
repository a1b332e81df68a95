"""The template's hidden model sheets (`kinerja_xl.models`), drawn by the file path.

Each model sheet carries the product's marker with kind `model` and the fingerprint of its
spec (`kinerja_xl|model@<fingerprint>|Model PK`, `kinerja_xl.package.marker`): the ribbon copies
from a model only when that fingerprint is the one the running version computes, so a workbook
made with an older template never gets rows of a layout that changed since.
"""

from __future__ import annotations

from openpyxl.styles import Alignment
from openpyxl.workbook.workbook import Workbook

from ..models import MODEL_KIND, REPORT_MODEL_ROWS, model_key, model_specs, report_model
from ..xlsx.apply import mark_generated, replace_sheet
from ..xlsx.render import render_sheet


def add_model_sheets(wb: Workbook) -> list[str]:
    """Draw every model sheet at the end of wb, hidden and marked; returns their names."""
    sheets = [(render_sheet(wb, spec), spec) for spec in model_specs().values()]
    report = report_model()
    ws = replace_sheet(wb, report)
    for col in report.wrap_cols:  # as replace_sheet formats the rows of a report
        for r in range(report.header_row + 1, REPORT_MODEL_ROWS + 1):
            ws.cell(r, col).alignment = Alignment(wrap_text=True, vertical="top")
    sheets.append((ws, report))
    for ws, model in sheets:
        ws.sheet_state = "hidden"
        mark_generated(ws, MODEL_KIND, model_key(model))
    return [ws.title for ws, _ in sheets]
