"""Live xlwings Books without Excel, on xlwings' remote engine, for the Excel front-end tests.

The remote engine (xlwings Server / Lite) builds a real `xlwings.Book` from the JSON payload a
client sends and records every change as an action for the client to replay. Here the payload
is made from a workbook file (read with openpyxl, cached values), and `Replay` applies the
recorded actions to a small cell model so tests can compare the result with the openpyxl path.

xlwings' remote engine is licensed for non-commercial use (PolyForm Noncommercial), which covers
this government tool and its tests: `XLWINGS_LICENSE_KEY=noncommercial` must be set before
xlwings' PRO modules are imported, which `remote_book` takes care of.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import sys
import warnings
from copy import deepcopy
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import openpyxl
import xlwings as xw
from openpyxl.utils.cell import range_boundaries

WRITE_FUNCS = {"setValues", "setFormula", "rangeClearContents", "rangeClear", "addSheet",
               "sheetDelete", "setSheetName", "namesAdd", "setNameRefersTo", "nameDelete",
               "sheetClear", "sheetClearContents", "copySheet", "setFormulaArray", "rangeUnmerge"}


def _remote():
    """xlwings' remote engine module. Its licence check runs when `xlwings.pro` is first
    imported successfully, so the key is set right before (importing xlwings earlier without
    it only leaves the remote engine out of `xw.engines`, which these helpers do not use)."""
    os.environ.setdefault("XLWINGS_LICENSE_KEY", "noncommercial")
    from xlwings.pro import _xlremote

    return _xlremote


def _json_value(value: Any) -> Any:
    """A cell value the way the xlwings JavaScript client sends it."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%dT%H:%M:%S.000Z")
    if isinstance(value, dt.date):
        return f"{value.isoformat()}T00:00:00.000Z"
    if isinstance(value, dt.time):
        return value.isoformat()
    return value


def payload(path: Path, client: str = "Office.js", active: str | None = None) -> dict[str, Any]:
    """The JSON a client would send for the workbook file at path (cached values)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        wb = openpyxl.load_workbook(path, data_only=True)
    sheets = []
    for ws in wb.worksheets:
        rows = [[_json_value(v) for v in row] for row in ws.iter_rows(values_only=True)]
        sheets.append({"name": ws.title, "values": rows or [[]], "pictures": [], "tables": [],
                       "shapes": [], "charts": [], "notes": [], "visibility": "Visible",
                       "used_range_address": ws.dimensions if rows else None})
    index = {ws.title: i for i, ws in enumerate(wb.worksheets)}
    names = [{"name": name, "refers_to": "=" + dn.attr_text, "sheet_index": None,
              "address": None, "book_scope": False, "scope_sheet_index": i,
              "scope_sheet_name": ws.title}  # sheet-scoped names (e.g. the marker)
             for i, ws in enumerate(wb.worksheets) for name, dn in ws.defined_names.items()]
    for name, dn in wb.defined_names.items():
        sheet, _, ref = dn.attr_text.rpartition("!")
        sheet = sheet.strip("'").replace("''", "'")
        names.append({"name": name, "refers_to": "=" + dn.attr_text,
                      "sheet_index": index.get(sheet), "address": ref.replace("$", ""),
                      "book_scope": True, "scope_sheet_index": None, "scope_sheet_name": None})
    active_index = index[active] if active else wb.worksheets.index(wb.active)
    return {"client": client, "version": xw.__version__,
            "book": {"name": path.name, "active_sheet_index": active_index, "selection": "A1"},
            "names": names, "sheets": sheets}


def remote_book(data: dict[str, Any] | Path) -> xw.Book:
    """A real xlwings Book on the remote engine, from a payload or a workbook file."""
    if isinstance(data, Path):
        data = payload(data)
    r = _remote()
    impl = r.App(r.Apps(), add_book=False).books.open(deepcopy(data))
    return xw.Book(impl=impl)


def actions(book: xw.Book) -> list[dict[str, Any]]:
    return book.json()["actions"]


def alerts(book: xw.Book) -> list[str]:
    """The prompts of the alerts the code under test showed."""
    return [a["args"][0] for a in actions(book) if a["func"] == "alert"]


def writes(book: xw.Book) -> list[dict[str, Any]]:
    return [a for a in actions(book) if a["func"] in WRITE_FUNCS]


# Replaying the recorded actions ------------------------------------------------------------------

@dataclass
class SheetModel:
    name: str
    cells: dict[tuple[int, int], Any] = field(default_factory=dict)  # (row, col) 1-based
    formats: dict[tuple[int, int], str] = field(default_factory=dict)
    names: dict[str, str] = field(default_factory=dict)  # sheet-scoped defined names


def _stored(value: Any) -> Any:
    """What a cell holds after a value is assigned: "" is empty, a leading ' marks text."""
    if value == "" or value is None:
        return None
    if isinstance(value, str) and value.startswith("'"):
        return value[1:]
    return value


class Replay:
    """Applies the remote engine's actions to a cell model of a workbook (values/formulas,
    number formats, sheet order, defined names) — what the JavaScript client would do."""

    def __init__(self, path: Path) -> None:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            wb = openpyxl.load_workbook(path)
        self.sheets = [SheetModel(ws.title, _cells(ws),
                                  names={n: "=" + dn.attr_text
                                         for n, dn in ws.defined_names.items()})
                       for ws in wb.worksheets]
        self.names = {name: "=" + dn.attr_text for name, dn in wb.defined_names.items()}

    @classmethod
    def of_sheets(cls, *names: str) -> Replay:
        """A model of empty sheets (for payloads made by hand)."""
        replay = cls.__new__(cls)
        replay.sheets, replay.names = [SheetModel(n) for n in names], {}
        return replay

    @classmethod
    def of_payload(cls, data: dict[str, Any]) -> Replay:
        """A model of the workbook a client payload describes (values, sheet-scoped names)."""
        replay = cls.__new__(cls)
        replay.sheets = []
        for i, sheet in enumerate(data["sheets"]):
            cells = {(r + 1, c + 1): v for r, row in enumerate(sheet["values"])
                     for c, v in enumerate(row) if v not in ("", None)}
            names = {n["name"]: n["refers_to"] for n in data["names"]
                     if not n["book_scope"] and n["scope_sheet_index"] == i}
            replay.sheets.append(SheetModel(sheet["name"], cells, names=names))
        replay.names = {n["name"]: n["refers_to"] for n in data["names"] if n["book_scope"]}
        return replay

    def sheet(self, name: str) -> SheetModel:
        return next(s for s in self.sheets if s.name == name)

    def run(self, acts: list[dict[str, Any]]) -> Replay:
        for a in acts:
            getattr(self, "_" + a["func"], lambda a: None)(a)
        return self

    def _block(self, a: dict[str, Any]) -> tuple[SheetModel, int, int]:
        return self.sheets[a["sheet_position"]], a["start_row"] + 1, a["start_column"] + 1

    def _setValues(self, a: dict[str, Any]) -> None:
        sheet, r0, c0 = self._block(a)
        for i, row in enumerate(a["values"]):
            for j, v in enumerate(row):
                v = _stored(v)
                if v is None:
                    sheet.cells.pop((r0 + i, c0 + j), None)
                else:
                    sheet.cells[(r0 + i, c0 + j)] = v

    _setFormula = _setValues

    def _setNumberFormat(self, a: dict[str, Any]) -> None:
        sheet, r0, c0 = self._block(a)
        for i in range(a["row_count"]):
            for j in range(a["column_count"]):
                sheet.formats[(r0 + i, c0 + j)] = a["args"][0]

    def _rangeClearContents(self, a: dict[str, Any]) -> None:
        sheet, r0, c0 = self._block(a)
        for i in range(a["row_count"]):
            for j in range(a["column_count"]):
                sheet.cells.pop((r0 + i, c0 + j), None)

    _rangeClear = _rangeClearContents  # contents and formats: the model keeps no formats

    def _copySheet(self, a: dict[str, Any]) -> None:
        """Sheet.copy: args "Before"/"After", the target's index, the copy's first name."""
        where, index, name = a["args"]
        source = self.sheets[a["sheet_position"]]
        self.sheets.insert(index + (where == "After"),
                           SheetModel(name, dict(source.cells), dict(source.formats)))

    def _addSheet(self, a: dict[str, Any]) -> None:
        position, name = a["args"]
        self.sheets.insert(position, SheetModel(name))

    def _sheetDelete(self, a: dict[str, Any]) -> None:
        del self.sheets[a["sheet_position"]]

    def _setSheetName(self, a: dict[str, Any]) -> None:
        self.sheets[a["sheet_position"]].name = a["args"][0]

    def _namesAdd(self, a: dict[str, Any]) -> None:
        if a.get("sheet_position") is not None:  # added through Sheet.names: sheet scope
            self.sheets[a["sheet_position"]].names[a["args"][0]] = a["args"][1]
        else:
            self.names[a["args"][0]] = a["args"][1]

    def _setNameRefersTo(self, a: dict[str, Any]) -> None:
        name, book_scope, scope, value = a["args"][:4]
        if book_scope is False and scope is not None:
            self.sheets[scope].names[name.rsplit("!", 1)[-1]] = value
        else:
            self.names[name] = value


def _cells(ws: Any) -> dict[tuple[int, int], Any]:
    return {(c.row, c.column): c.value for row in ws.iter_rows() for c in row
            if c.value is not None and c.value != ""}


def cell_model(path: Path) -> dict[str, dict[tuple[int, int], Any]]:
    """Every non-empty cell of a workbook file by sheet (formulas as text, not cached values)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        wb = openpyxl.load_workbook(path)
    return {ws.title: _cells(ws) for ws in wb.worksheets}


def defined_names(path: Path) -> dict[str, str]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        wb = openpyxl.load_workbook(path)
    return {name: "=" + dn.attr_text for name, dn in wb.defined_names.items()}


def comparable(value: Any) -> Any:
    """Values as the JavaScript client would carry them (dates as ISO text, ints as floats)."""
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float)):
        return float(value)
    if isinstance(value, str) and value.endswith("T00:00:00.000Z"):
        return value[:10]
    return value


def region(ref: str) -> tuple[int, int, int, int]:
    """(min_col, min_row, max_col, max_row) of an A1 range."""
    return range_boundaries(ref)


def install_api_tripwire(monkeypatch: Any) -> None:
    """Make `.api` on xlwings' public objects fail when kinerja_xl code calls it (xlwings' own
    internals use it on some paths; those calls go through to the real property)."""
    def wire(cls: type) -> None:
        original = cls.api

        def api(self: Any) -> Any:
            caller = sys._getframe(1).f_globals.get("__name__", "")
            if caller.startswith("kinerja_xl"):
                raise AssertionError(f"{caller} called .api on {type(self).__name__}")
            return original.fget(self)

        monkeypatch.setattr(cls, "api", property(api))

    for cls in (xw.main.App, xw.main.Book, xw.main.Sheet, xw.main.Range, xw.main.Name):
        wire(cls)


# The generated-sheet marker (sheet-scoped name `_KinerjaXL`), as the file path writes it ----------

def mark_payload(data: dict[str, Any], sheet: str, kind: str = "pk",
                 named: str | None = None) -> dict[str, Any]:
    """The payload with sheet carrying the marker `kinerja_xl|kind|named` (default: its name)."""
    index = [s["name"] for s in data["sheets"]].index(sheet)
    data["names"].append({"name": "_KinerjaXL",
                          "refers_to": f'="kinerja_xl|{kind}|{named or sheet}"',
                          "sheet_index": None, "address": None, "book_scope": False,
                          "scope_sheet_index": index, "scope_sheet_name": sheet})
    return data


def mark_file(path: Path, *sheets: str, kind: str = "laporan_validasi") -> Path:
    """Give sheets of a workbook file the marker (a test stand-in for the file path's own)."""
    from openpyxl.workbook.defined_name import DefinedName

    wb = openpyxl.load_workbook(path)
    for name in sheets:
        wb[name].defined_names["_KinerjaXL"] = DefinedName(
            "_KinerjaXL", attr_text=f'"kinerja_xl|{kind}|{name}"')
    wb.save(path)
    return path


def next_payload(before: dict[str, Any], book: xw.Book) -> dict[str, Any]:
    """What the client sends for the next click, after replaying book's actions on the workbook
    of payload `before`: sheets the click added carry their values, every sheet its local names
    (the marker); sheets that existed keep their values (a rerun recomputes the same)."""
    replay = Replay.of_payload(before).run(actions(book))
    old = {s["name"]: s for s in before["sheets"]}
    sheets, names = [], [n for n in before["names"] if n["book_scope"]]
    for i, model in enumerate(replay.sheets):
        if model.name in old:
            sheet = deepcopy(old[model.name])
        else:
            rows = max((r for r, _ in model.cells), default=0)
            cols = max((c for _, c in model.cells), default=0)
            values = [[_json_value(model.cells.get((r, c))) for c in range(1, cols + 1)]
                      for r in range(1, rows + 1)]
            sheet = {"name": model.name, "values": values or [[]], "pictures": [], "tables": [],
                     "shapes": [], "charts": [], "notes": [], "visibility": "Visible",
                     "used_range_address": None}
        sheets.append(sheet)
        names += [{"name": n, "refers_to": v, "sheet_index": None, "address": None,
                   "book_scope": False, "scope_sheet_index": i, "scope_sheet_name": model.name}
                  for n, v in model.names.items()]
    data = deepcopy(before)
    data["sheets"], data["names"] = sheets, names
    return data


GENERATED = re.compile(r"^(PK .*|Pohon Kinerja( \d+)?|Rekap|Laporan Validasi)$")


def inputs_only(data: dict[str, Any]) -> dict[str, Any]:
    """The payload without the sheets the product generates (a workbook before any click)."""
    data = deepcopy(data)
    keep = [i for i, s in enumerate(data["sheets"]) if not GENERATED.match(s["name"])]
    index = {old: new for new, old in enumerate(keep)}
    data["sheets"] = [data["sheets"][i] for i in keep]
    data["names"] = [n for n in data["names"]
                     if n["book_scope"] or n["scope_sheet_index"] in index]
    for n in data["names"]:
        if not n["book_scope"]:
            n["scope_sheet_index"] = index[n["scope_sheet_index"]]
    data["book"]["active_sheet_index"] = 0
    return data


def _handlers() -> Any:
    from kinerja_xl.xw import handlers

    return handlers


# The ribbon buttons as the tests drive them on the remote engine: name -> run(book).
BUTTON_RUNS = {
    "periksa": lambda book: _handlers().run_periksa(book),
    "hitung": lambda book: _handlers().run_hitung(book),
    "pk": lambda book: _handlers().run_feature(book, "pk"),
    "pohon": lambda book: _handlers().run_feature(book, "pohon"),
}
