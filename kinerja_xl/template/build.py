"""Build `workbook_template.xlsm`: the blank workbook plus VBA project, ribbon and xlwings config.

Steps: take the openpyxl workbook from `kinerja_xl.xlsx.blank.build_workbook()`, add the
`xlwings.conf` sheet and the hidden model sheets (`template.models`), give the workbook and
every worksheet a codeName, save with openpyxl, then add the VBA project (document modules for
every codeName, our modules from `vba_src/`, xlwings' module and class) and the ribbon part.
The same sources give the same bytes.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import re
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from kinerja_xl.template.models import add_model_sheets
from kinerja_xl.template.package import make_macro_enabled
from kinerja_xl.template.xlwings_vba import xlwings_modules
from kinerja_xl.vba.project import build_vba_project
from kinerja_xl.vba.source import ModuleKind, VbaModule, module_from_file
from kinerja_xl.xlsx.guard import replace_atomic

if TYPE_CHECKING:
    from openpyxl import Workbook

VBA_SRC = Path(__file__).resolve().parent.parent / "vba_src"
RIBBON_FILE = VBA_SRC / "ribbon.xml"
WORKBOOK_CODE_NAME = "ThisWorkbook"
CONF_SHEET = "xlwings.conf"
# xlwings reads this sheet from A1 down: key in column A, value in column B (keys are
# case-insensitive). Only keys with a value: a blank entry would hide the user's own
# xlwings settings (e.g. the interpreter chosen in the xlwings add-in), since the sheet wins.
# ADD_WORKBOOK_TO_PYTHONPATH False: xlwings otherwise puts the workbook's folder first on
# sys.path, which fails with a traceback for OneDrive/SharePoint books and lets a `kinerja_xl`
# folder next to the workbook shadow the installed package (the VBA passes "False" to
# xlwings.utils.prepare_sys_path, which only adds the folder for "true").
XLWINGS_CONF: dict[str, str] = {"UDF Modules": "kinerja_xl.xw.udfs",
                                "ADD_WORKBOOK_TO_PYTHONPATH": "False"}
FIXED_CREATED = dt.datetime(2025, 1, 1)
_CODE_NAME = re.compile(r"[A-Za-z][A-Za-z0-9_]{0,30}")


def _default_workbook() -> Workbook:
    try:
        from kinerja_xl.xlsx.blank import build_workbook
    except ImportError as exc:
        raise RuntimeError(
            "kinerja_xl.xlsx.blank.build_workbook tidak tersedia; templat tidak bisa dibuat"
        ) from exc
    return build_workbook()


def set_xlwings_conf(wb: Workbook, settings: dict[str, str] = XLWINGS_CONF) -> None:
    """Create or update the hidden `xlwings.conf` sheet with `settings` (others are kept)."""
    if CONF_SHEET in wb.sheetnames:
        ws = wb[CONF_SHEET]
        existing = [(row[0], row[1] if len(row) > 1 else None)
                    for row in ws.iter_rows(min_col=1, max_col=2, values_only=True) if row[0]]
        ws.delete_rows(1, ws.max_row)
    else:
        ws = wb.create_sheet(CONF_SHEET)
        existing = []
    wanted = {k.upper(): (k, v) for k, v in settings.items()}
    rows = [(k, v) for k, v in existing if str(k).upper() not in wanted] + list(wanted.values())
    for i, (key, value) in enumerate(rows, start=1):
        ws.cell(row=i, column=1, value=key)
        ws.cell(row=i, column=2, value=value)
    ws.column_dimensions["A"].width = 24
    ws.column_dimensions["B"].width = 40
    ws.sheet_state = "hidden"


def assign_code_names(wb: Workbook) -> list[str]:
    """Give the workbook and each worksheet a codeName; returns the worksheets' codeNames.

    A valid, unique codeName already set is kept; the others become Sheet<position>.
    """
    wb.code_name = WORKBOOK_CODE_NAME
    taken = {WORKBOOK_CODE_NAME.upper()}
    names: list[str | None] = []
    for ws in wb.worksheets:
        name = ws.sheet_properties.codeName
        if name and _CODE_NAME.fullmatch(name) and name.upper() not in taken:
            taken.add(name.upper())
            names.append(name)
        else:
            names.append(None)
    result = []
    for position, (ws, name) in enumerate(zip(wb.worksheets, names, strict=True), start=1):
        if name is None:
            number = position
            while f"SHEET{number}" in taken:
                number += 1
            name = f"Sheet{number}"
            taken.add(name.upper())
        ws.sheet_properties.codeName = name
        result.append(name)
    return result


def project_modules(sheet_code_names: list[str]) -> list[VbaModule]:
    """Every module of the template, in the order the VBA editor lists them."""
    documents = [VbaModule(WORKBOOK_CODE_NAME, ModuleKind.DOCUMENT, "")]
    documents += [VbaModule(name, ModuleKind.DOCUMENT, "") for name in sheet_code_names]
    ours = [module_from_file(p) for p in sorted(VBA_SRC.iterdir())
            if p.suffix.lower() in (".bas", ".cls")]
    return documents + ours + xlwings_modules()


def build_template_bytes(base_workbook_factory: Callable[[], Workbook] | None = None) -> bytes:
    """The template .xlsm as bytes (see `build_template`)."""
    wb = (base_workbook_factory or _default_workbook)()
    set_xlwings_conf(wb)
    add_model_sheets(wb)
    code_names = assign_code_names(wb)
    wb.properties.created = FIXED_CREATED
    wb.properties.creator = "kinerja_xl"
    vba = build_vba_project(project_modules(code_names), workbook_module=WORKBOOK_CODE_NAME)
    raw = io.BytesIO()
    wb.save(raw)
    return make_macro_enabled(raw.getvalue(), vba, RIBBON_FILE.read_bytes())


def build_template(out_path: str | os.PathLike[str],
                   base_workbook_factory: Callable[[], Workbook] | None = None) -> Path:
    """Write the macro-enabled template to `out_path` atomically and return its path.

    `base_workbook_factory` returns the openpyxl workbook to start from; by default
    `kinerja_xl.xlsx.blank.build_workbook`.
    """
    data = build_template_bytes(base_workbook_factory)
    out = Path(out_path)
    out.parent.mkdir(parents=True, exist_ok=True)
    replace_atomic(None, out, data)  # refuses a target open in Excel or read-only
    return out
