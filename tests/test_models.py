"""The template's hidden model sheets (`kinerja_xl.models`): what the template carries, that a
model holds every kind of row real PKs and Rekaps have, and that a first ribbon click copies
from a model only when the model is this version's."""

from __future__ import annotations

from copy import deepcopy
from pathlib import Path

import openpyxl
import pytest
from test_xw_budgets import EXAMPLE, kenohan, synthetic
from xw_support import BUTTON_RUNS, actions, inputs_only, payload, remote_book

from kinerja_xl.core.compute import compute
from kinerja_xl.models import (
    MODEL_KIND,
    MODEL_SHEETS,
    REPORT_MODEL,
    model_key,
    model_specs,
    report_model,
)
from kinerja_xl.package.marker import parse_text
from kinerja_xl.pk import plan_pk
from kinerja_xl.synthetic import kabupaten
from kinerja_xl.visual.rekap import rekap_sheet
from kinerja_xl.xlsx.fill import write_plan
from kinerja_xl.xlsx.load import grids
from kinerja_xl.xw.rowcopy import bands

TEMPLATE = Path(__file__).resolve().parent.parent / "workbook_template.xlsm"


def _marker(ws) -> tuple[str, str, str | None] | None:
    dn = ws.defined_names.get("_KinerjaXL")
    return parse_text(dn.attr_text.strip('"')) if dn is not None else None


def test_template_carries_every_model_hidden_and_fingerprinted() -> None:
    wb = openpyxl.load_workbook(TEMPLATE)
    models = {**{name: model_specs()[kind] for kind, name in MODEL_SHEETS.items()},
              REPORT_MODEL: report_model()}
    for name, model in models.items():
        ws = wb[name]
        assert ws.sheet_state == "hidden", name
        assert _marker(ws) == (MODEL_KIND, name, model_key(model)), name
    visible = [ws.title for ws in wb.worksheets if ws.sheet_state == "visible"]
    assert not any(n.startswith("Model ") for n in visible)


def test_model_rows_are_the_specs_rows() -> None:
    """The drawn model holds the spec's merges (what row copies bring along)."""
    ws = openpyxl.load_workbook(TEMPLATE)[MODEL_SHEETS["pk"]]
    spec = model_specs()["pk"]
    merged = {str(r) for r in ws.merged_cells.ranges}
    wanted = {c for c in spec.cells if c.rows > 1 or c.cols > 1}
    assert len(merged) == len(wanted)


def _missing(kind: str, specs: list) -> list[tuple[str, int]]:
    have = {b.signature for b in bands(model_specs()[kind])}
    return [(s.name, b.first) for s in specs for b in bands(s) if b.signature not in have]


@pytest.mark.parametrize("source", ["kenohan", "synthetic"])
def test_model_pk_has_every_row_of_real_pks(source: str) -> None:
    if source == "kenohan":
        data = grids(openpyxl.load_workbook(EXAMPLE))
    else:
        data = grids(write_plan(kabupaten(units=3, indicators_per_unit=40, seed=7)))
    specs = plan_pk(data).specs
    assert len(specs) >= 9
    assert _missing("pk", specs) == []


def test_model_rekap_has_nearly_every_row_of_a_real_rekap() -> None:
    """Every row but the Jumlah of the budget table, whose two amounts may fall in any pair
    of rupiah magnitudes (that row is drawn)."""
    data = grids(write_plan(kabupaten(units=3, indicators_per_unit=40, seed=7)))
    spec = rekap_sheet(compute(data))
    missing = _missing("rekap", [spec])
    jumlah = [c.row for c in spec.cells if c.value == "Jumlah"]
    assert {row for _, row in missing} <= {jumlah[-1]}


def _copied_from_models(book) -> set[str]:
    names = [s.name for s in book.sheets]
    return {names[a["sheet_position"]] for a in actions(book)
            if a["func"] in ("copySheet", "copyRange") and a["sheet_position"] is not None
            and names[a["sheet_position"]].startswith("Model ")}


def test_first_clicks_copy_from_the_models() -> None:
    copied = set()
    for job in ("hitung", "pk"):
        book = remote_book(kenohan())
        BUTTON_RUNS[job](book)
        copied |= _copied_from_models(book)
        shown = [a for a in actions(book) if a["func"] == "setSheetVisibility"]
        assert shown and all(a["args"] == ["Visible"] for a in shown)
    assert copied == {*MODEL_SHEETS.values(), REPORT_MODEL}


def test_a_model_from_another_version_is_not_used() -> None:
    """A fingerprint that is not this version's (an older template): the sheet is drawn."""
    data = deepcopy(kenohan())  # kenohan() is cached: never change it in place
    for n in data["names"]:
        if n["name"] == "_KinerjaXL" and "|model@" in n["refers_to"]:
            n["refers_to"] = n["refers_to"].replace("|model@", "|model@0")
    book = remote_book(data)
    BUTTON_RUNS["pk"](book)
    assert _copied_from_models(book) == set()
    assert not [a for a in actions(book) if a["func"] == "setSheetVisibility"]


def test_a_workbook_without_models_still_gets_its_sheets() -> None:
    """Workbooks made before the models (or from `baru` as .xlsx) draw as before."""
    data, _ = synthetic()
    assert not any(s["name"].startswith("Model ") for s in data["sheets"])
    book = remote_book(inputs_only(data))
    BUTTON_RUNS["pk"](book)
    assert _copied_from_models(book) == set()
    assert any(s.name.startswith("PK ") for s in book.sheets)


def test_example_workbooks_keep_the_models() -> None:
    names = [s["name"] for s in payload(EXAMPLE)["sheets"]]
    assert {*MODEL_SHEETS.values(), REPORT_MODEL} <= set(names)


def test_a_click_that_only_rewrites_values_never_reads_the_models(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """On desktop Excel reading the model sheets costs calls too: a next click (same layout,
    values only) must not look for them; a first click does."""
    from xw_support import next_payload

    from kinerja_xl.xw import models as xw_models

    calls = []
    real = xw_models.model_library
    monkeypatch.setattr(xw_models, "model_library", lambda book: calls.append(1) or real(book))
    book = remote_book(kenohan())
    BUTTON_RUNS["hitung"](book)
    assert calls == [1]
    calls.clear()
    BUTTON_RUNS["hitung"](remote_book(next_payload(kenohan(), book)))
    assert calls == []
