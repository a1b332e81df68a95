"""The xlwings adapter: a live `xlwings.Book` -> core grids, and a core `WritePlan` -> the book.

It does what `kinerja_xl.xlsx.apply` does for files, with few calls: one read per sheet, one
2-D write per run of a computed column, one write per generated sheet. Only xlwings'
engine-neutral API is used (values, formula, number_format, sheets add/delete, names, fonts,
colours, widths): no COM-only `.api`, so desktop Excel and the remote engine behave alike.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable, Iterable, Sequence
from typing import Any

import xlwings as xw

from ..core.contract import LAPORAN_VALIDASI, LEVEL_SHEETS, PEJABAT, PENGATURAN
from ..core.findings import WorkbookError
from ..core.sheetnames import final_name
from ..core.writes import ColumnWrite, GeneratedSheet, Out, WritePlan
from ..models import REPORT_MODEL_ROWS
from . import marker
from .blocks import (
    Block,
    column_blocks,
    column_groups,
    excel_text,
    group_area,
    group_formats,
    rectangle,
)
from .models import report_model_sheet

INPUT_SHEETS = (PENGATURAN, PEJABAT, *LEVEL_SHEETS)
HEADER_FILL = (217, 217, 217)  # the same grey as the openpyxl adapter
_POINTS_ENGINES = ("remote", "officejs")  # engines whose column widths are in points
Row = tuple[Any, ...]


# Reading ---------------------------------------------------------------------------------------

def read_grids(book: xw.Book, names: Iterable[str] | None = INPUT_SHEETS) -> dict[str, list[Row]]:
    """Sheets as grids (row 1 first), the way openpyxl's `iter_rows(values_only=True)` gives
    them. `names=None` reads every sheet; absent names are skipped (the core reports them)."""
    wanted = None if names is None else set(names)
    return {s.name: read_sheet(s) for s in book.sheets if wanted is None or s.name in wanted}


def read_sheet(sheet: xw.Sheet) -> list[Row]:
    """One sheet in one read: the rectangle A1..last used cell, values normalised."""
    last = sheet.used_range.last_cell
    rng = sheet.range((1, 1), (last.row, last.column))
    values = rng.options(ndim=2, err_to_str=True).value
    return [tuple(normalise(v) for v in row) for row in values]


def normalise(value: Any) -> Any:
    """Map what xlwings returns to what openpyxl returns: whole floats -> int (Excel keeps every
    number as a double), "" -> None, date-only datetimes stay datetimes (as openpyxl's)."""
    if isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
        return int(value)
    if value == "":
        return None
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return dt.datetime(value.year, value.month, value.day)
    return value


# Writing ---------------------------------------------------------------------------------------

def check_plan(book: xw.Book, plan: WritePlan) -> None:
    """Refuse (WorkbookError) a plan that writes into sheets the book does not have."""
    present = {s.name for s in book.sheets}
    wanted = sorted({sw.sheet for sw in plan.sheets} | {w.sheet for w in plan.cells})
    missing = [name for name in wanted if name not in present]
    if missing:
        raise WorkbookError("Sheet tidak ditemukan di workbook: " + ", ".join(missing)
                            + ". Jangan mengganti nama sheet bawaan.")


def apply_plan(book: xw.Book, plan: WritePlan) -> None:
    """Write the plan into the live book. Everything is checked before the first write."""
    if plan.inserts:  # only the file editor inserts rows (package.insert_rows)
        raise WorkbookError("Penyisipan baris hanya dapat dilakukan pada file (kinerja-xl "
                            "impor --ke), tidak dari Excel yang sedang terbuka.")
    check_plan(book, plan)
    for sw in plan.sheets:
        write_columns(book.sheets[sw.sheet], sw.header_row, sw.columns)
    for w in plan.cells:
        write_cell(book.sheets[w.sheet], w.row, w.col, w.out)
    for gen in plan.generated:
        replace_sheet(book, gen)
    for name, ref in plan.names.items():
        set_name(book, name, ref)


def write_columns(sheet: xw.Sheet, header_row: int, columns: Sequence[ColumnWrite]) -> None:
    """Product-owned columns: headers of new ones, then each group of neighbouring columns
    that own the same rows as one 2-D write (`Range.formula`, which takes constants too) and
    its number formats in as few calls. A group whose formulas sit next to fractional numbers
    (values Python computed, e.g. for a range target) is written column by column instead, so
    those numbers go through `Range.value` at full double precision, never as formula text."""
    for cw in columns:
        if cw.is_new:
            head = sheet.range((header_row, cw.col))
            head.value = excel_text(cw.header)
            _style_header(head)
            set_width(sheet, cw.col, max(12, len(cw.header) + 2))
    for group in column_groups(columns):
        for part in _precise_parts(group):
            area = group_area(part)
            if not area.cells:
                continue
            if area.has_formulas and area.has_fractions:  # one column: formulas and values
                for block in column_blocks(part[0]):
                    _write_block(sheet, part[0].col, block)
                continue
            rng = sheet.range((area.first_row, area.first_col),
                              (area.first_row + len(area.cells) - 1,
                               area.first_col + len(part) - 1))
            data = [list(row) for row in area.cells]
            if area.has_formulas:
                rng.formula = data
            else:
                rng.value = data
        for (r1, c1, r2, c2), fmt in group_formats(group):
            sheet.range((r1, c1), (r2, c2)).number_format = fmt


def _precise_parts(group: Sequence[ColumnWrite]) -> list[list[ColumnWrite]]:
    """The group as is, unless formulas sit next to fractional values: then each column that
    has such values on its own, the others in runs of neighbours."""
    area = group_area(group)
    if not (area.has_formulas and area.has_fractions):
        return [list(group)]
    parts: list[list[ColumnWrite]] = []
    for cw in group:
        alone = group_area([cw]).has_fractions
        if alone or not parts or group_area(parts[-1]).has_fractions:
            parts.append([cw])
        else:
            parts[-1].append(cw)
    return parts


def _write_block(sheet: xw.Sheet, col: int, block: Block) -> None:
    rng = sheet.range((block.first_row, col), (block.last_row, col))
    data = [[c] for c in block.cells]
    if block.formulas:
        rng.formula = data
    else:
        rng.value = data


def write_column(sheet: xw.Sheet, header_row: int, cw: ColumnWrite) -> None:
    """One product-owned column (see `write_columns`)."""
    write_columns(sheet, header_row, [cw])


def write_cell(sheet: xw.Sheet, row: int, col: int, out: Out) -> None:
    rng = sheet.range((row, col))
    if out.formula:
        rng.formula = out.formula
    else:
        rng.value = excel_text(out.value)
    if out.number_format:
        rng.number_format = out.number_format


MOVED: dict[str, str] = {}  # generated name -> free name used this command (see claim_sheet)


Template = xw.Sheet | Callable[[], "xw.Sheet | None"] | None  # a sheet, or how to find one


def claim_sheet(book: xw.Book, name: str, after_prefix: str | None = None,
                layout_key: str | None = None,
                template: Template = None) -> tuple[xw.Sheet, bool]:
    """The sheet to draw the generated sheet `name` into, and whether it already has the same
    layout (`layout_key`, see `marker`): then only its values need writing.

    A sheet the user made or copied (no marker naming it, `marker.is_ours`) is never touched:
    the generated sheet goes to a free name instead ('Rekap (otomatis)', the file path's rule,
    `core.sheetnames.final_name`), right after the user's sheet, and `MOVED` records it. A
    sheet of the final name that the product generated is deleted and re-added at its position.
    A new sheet goes after the last sheet whose name starts with after_prefix, else last.
    A new sheet is a copy of `template` when given (`Sheet.copy`), else empty; a callable
    template is only called when a new sheet is made.
    (`Sheets.add(after=…)` is used: the remote engine places `before=` one sheet too early.)"""
    names = [s.name for s in book.sheets]
    final = final_name(name, names, lambda n: marker.is_ours(book.sheets[n]))
    if final != name:
        MOVED[name] = final
        if final not in names:
            user = names.index(next(n for n in names if n.casefold() == name.casefold()))
            return _new(book, final, book.sheets[user], template), False
        name = final
    if name in names:
        old = book.sheets[names.index(name)]
        if layout_key is not None and marker.layout(old) == layout_key:
            return old, True
        index = names.index(name)
        if len(names) == 1:  # Excel keeps at least one sheet: add first, then delete
            sheet = book.sheets.add(name=None, before=old)
            old.delete()
            sheet.name = name
            return sheet, False
        old.delete()
        if index == 0:
            template = _resolve(template)
            if template is not None:
                return template.copy(before=book.sheets[0], name=name), False
            return book.sheets.add(name, before=book.sheets[0]), False
        return _new(book, name, book.sheets[index - 1], template), False
    same = [i for i, n in enumerate(names) if after_prefix and n.startswith(after_prefix)]
    return _new(book, name, book.sheets[same[-1] if same else len(names) - 1], template), False


def _resolve(template: Template) -> xw.Sheet | None:
    return template() if callable(template) else template


def _new(book: xw.Book, name: str, after: xw.Sheet, template: Template = None) -> xw.Sheet:
    template = _resolve(template)
    if template is not None:
        return template.copy(after=after, name=name)
    return book.sheets.add(name, after=after)


def fresh_sheet(book: xw.Book, name: str, after_prefix: str | None = None) -> xw.Sheet:
    """An empty sheet called name (see `claim_sheet`), marked as generated."""
    sheet, _ = claim_sheet(book, name, after_prefix)
    marker.mark(sheet)
    return sheet


def delete_generated(book: xw.Book, names: Iterable[str]) -> list[str]:
    """Delete the sheets among names that the product generated; the names deleted."""
    present = {s.name for s in book.sheets}
    done = []
    for name in names:
        if name in present and marker.is_ours(book.sheets[name]):
            book.sheets[name].delete()
            done.append(name)
    return done


def layout_key(*parts: object) -> str:
    """A short fingerprint of everything that decides how a generated sheet looks."""
    return hashlib.sha1(repr(parts).encode("utf-8")).hexdigest()[:20]


def replace_sheet(book: xw.Book, gen: GeneratedSheet) -> xw.Sheet:
    """Replace (or add at the end) a generated sheet, keeping its position; one value write.
    When its layout did not change since the last run, only the values are rewritten. A new
    Laporan Validasi is a copy of the template's model when the book has it (`xw.models`):
    widths, header, title and wrapped rows come formatted."""
    data = rectangle(gen.rows)
    ncols = len(data[0]) if data else 0
    key = layout_key("generated", len(data), ncols, gen.widths, gen.header_row, gen.wrap_cols)
    model: list[xw.Sheet | None] = [None]  # the model copied, looked up only for a new sheet

    def find_model() -> xw.Sheet | None:
        model[0] = report_model_sheet(book) if gen.name == LAPORAN_VALIDASI else None
        return model[0]

    sheet, same = claim_sheet(book, gen.name, layout_key=key, template=find_model)
    if data and data[0]:
        sheet.range((1, 1)).value = data
    if not same:
        if model[0] is None:
            _format_generated(sheet, gen, len(data), ncols)
        else:
            best_effort(lambda: setattr(sheet, "visible", True))
            _wrap(sheet, gen, REPORT_MODEL_ROWS + 1, len(data))
        marker.mark(sheet, key)
    return sheet


def set_name(book: xw.Book, name: str, ref: str) -> None:
    """Define (or re-point) a workbook name; re-pointing keeps formulas that use it valid. A
    name that already points there is left alone (no write)."""
    refers_to = ref if ref.startswith("=") else "=" + ref
    if name in book.names:
        existing = book.names[name]
        if existing.refers_to != refers_to:
            existing.refers_to = refers_to
    else:
        book.names.add(name, refers_to)


# Cosmetics -------------------------------------------------------------------------------------

def best_effort(action: Callable[[], object], broad: bool = False) -> bool:
    """Run a purely cosmetic call; engines that lack it (xlwings raises NotImplementedError,
    or AttributeError where an engine has no implementation) skip it. `broad` also skips any
    error the host raises (print settings Excel may refuse). True when it ran."""
    try:
        action()
    except (NotImplementedError, AttributeError):
        return False
    except Exception:
        if not broad:
            raise
        return False
    return True


def set_width(sheet: xw.Sheet, col: int, chars: float, last_col: int | None = None) -> None:
    """Width of columns col..last_col in characters (desktop Excel's unit); converted for
    engines that measure in points."""
    engine = sheet.book.app.engine.name
    width = round(chars * 5.25 + 3.75, 2) if engine in _POINTS_ENGINES else chars

    def do() -> None:
        sheet.range((1, col), (1, last_col or col)).column_width = width

    best_effort(do)


def _style_header(rng: xw.Range) -> None:
    def bold() -> None:
        rng.font.bold = True

    def fill() -> None:
        rng.color = HEADER_FILL

    best_effort(bold)
    best_effort(fill)


def _format_generated(sheet: xw.Sheet, gen: GeneratedSheet, nrows: int, ncols: int) -> None:
    for i, width in enumerate(gen.widths, start=1):
        set_width(sheet, i, width)
    if gen.header_row and ncols and nrows >= gen.header_row:
        _style_header(sheet.range((gen.header_row, 1), (gen.header_row, ncols)))
        best_effort(lambda: sheet.freeze_panes.freeze_at(f"1:{gen.header_row}"))
    if nrows and ncols:
        title = sheet.range((1, 1))

        def title_font() -> None:
            title.font.bold = True
            title.font.size = 14

        best_effort(title_font)
    _wrap(sheet, gen, gen.header_row + 1, nrows)


def _wrap(sheet: xw.Sheet, gen: GeneratedSheet, body_first: int, nrows: int) -> None:
    """Wrapped text, aligned to the top, in the wrap columns of rows body_first..nrows."""
    for col in gen.wrap_cols:
        if nrows >= body_first:
            body = sheet.range((body_first, col), (nrows, col))

            def wrap(body: xw.Range = body) -> None:
                body.wrap_text = True

            def top(body: xw.Range = body) -> None:
                body.vertical_alignment = "top"

            best_effort(wrap)
            best_effort(top)


__all__ = ["INPUT_SHEETS", "apply_plan", "best_effort", "check_plan", "claim_sheet",
           "delete_generated", "fresh_sheet", "layout_key", "normalise",
           "read_grids", "read_sheet", "replace_sheet", "set_name", "set_width", "write_column",
           "write_columns"]
