"""The template's hidden model sheets in a live book (`kinerja_xl.models`): the sheets a
first click copies finished rows from, when the book has them and they are this version's."""

from __future__ import annotations

import xlwings as xw

from ..core.sheetspec import SheetSpec
from ..models import (
    MODEL_KIND,
    MODEL_SHEETS,
    REPORT_MODEL,
    model_key,
    model_specs,
    report_model,
)
from . import marker


def model_library(book: xw.Book) -> list[tuple[xw.Sheet, SheetSpec]]:
    """(sheet, spec) of every model sheet of book whose marker and fingerprint say it is the
    drawing of the spec this version builds (an older template's models are left out)."""
    present = {s.name: s for s in book.sheets}
    out = []
    for kind, name in MODEL_SHEETS.items():
        sheet = present.get(name)
        if sheet is None:
            continue
        spec = model_specs()[kind]
        if marker.marker(sheet) == (MODEL_KIND, name) and marker.layout(sheet) == model_key(spec):
            out.append((sheet, spec))
    return out


class ClickLibrary(list):
    """The sheets a click may copy from: the template's models, read from the book only when
    a sheet is really drawn (a click that only rewrites values never reads them: on desktop
    Excel each read is a call too), then the sheets drawn in the click."""

    def __init__(self, book: xw.Book) -> None:
        super().__init__()
        self.book = book
        self.loaded = False

    def with_models(self) -> ClickLibrary:
        if not self.loaded:
            self.loaded = True
            self[:0] = model_library(self.book)
        return self


def report_model_sheet(book: xw.Book) -> xw.Sheet | None:
    """The book's model of Laporan Validasi when it is this version's."""
    sheet = next((s for s in book.sheets if s.name == REPORT_MODEL), None)
    if sheet is None or marker.marker(sheet) != (MODEL_KIND, REPORT_MODEL):
        return None
    return sheet if marker.layout(sheet) == model_key(report_model()) else None


def model_for(spec: SheetSpec, candidate: SheetSpec) -> bool:
    """Whether `candidate` is the model of the kind of sheet `spec` draws."""
    return MODEL_SHEETS.get(marker.kind_of(spec.name)) == candidate.name


def is_model(spec: SheetSpec) -> bool:
    return spec.name in MODEL_SHEETS.values()
