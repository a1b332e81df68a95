"""Parity of Hitung Capaian from the ribbon with `kinerja-xl hitung` (issue #13, item 1): the
Rekap charts and the predikat colour rules recorded by xlwings' remote engine against what the
file path wrote (read back with openpyxl), through xlwings' engine-neutral API only."""

from __future__ import annotations

import shutil
import warnings
from pathlib import Path

import openpyxl
import pytest
from xw_support import actions, install_api_tripwire, next_payload, payload, remote_book

from kinerja_xl.api import compute_file
from kinerja_xl.core.contract import LEVEL_SHEETS
from kinerja_xl.core.findings import col_letter
from kinerja_xl.xw import handlers

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "kenohan_2025.xlsm"
KIND = {"col": "ColumnClustered", "bar": "BarClustered"}


@pytest.fixture(scope="module")
def both(tmp_path_factory: pytest.TempPathFactory):
    ref = tmp_path_factory.mktemp("cli") / "kenohan.xlsm"
    shutil.copy(EXAMPLE, ref)
    compute_file(ref)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        wb = openpyxl.load_workbook(ref)
    book = remote_book(payload(EXAMPLE))
    handlers.run_hitung(book)
    return wb, book


def _ref(a: dict) -> str:
    r1, c1 = a["start_row"] + 1, a["start_column"] + 1
    r2, c2 = r1 + a["row_count"] - 1, c1 + a["column_count"] - 1
    return f"{col_letter(c1)}{r1}:{col_letter(c2)}{r2}"


def test_rekap_charts_match_the_file_path(both) -> None:
    wb, book = both
    want = []
    for ch in wb["Rekap"]._charts:
        s = ch.series[0]
        cat = s.cat.numRef or s.cat.strRef
        want.append((ch.title.tx.rich.p[0].r[0].t, KIND[ch.type],
                     s.val.numRef.f.split("!")[1], cat.f.split("!")[1],
                     f"${col_letter(ch.anchor._from.col + 1)}${ch.anchor._from.row + 1}"))
    acts = actions(book)
    added = [a["args"] for a in acts if a["func"] == "addChart"]
    axes = [a["args"] for a in acts if a["func"] == "setChartXAxisValues"]
    titles = [a["args"] for a in acts if a["func"] == "setChartTitle"]
    got = [(name, kind, source, axis[2], anchor)
           for (name, kind, sheet, source, *_, anchor, _style), axis in zip(added, axes,
                                                                             strict=True)]
    assert len(want) == 2 and got == want
    assert [t[1] for t in titles] == [w[0] for w in want]
    assert all(a[2] == "Rekap" for a in added)


def test_colour_rules_match_the_file_path(both) -> None:
    wb, book = both
    names = [s["name"] for s in book.impl.api["sheets"]]
    got: dict[str, list[tuple]] = {}
    for a in actions(book):
        if a["func"] == "addConditionalFormat":
            rule = a["args"][0]
            got.setdefault(names[a["sheet_position"]], []).insert(  # each new rule goes on top
                0, (_ref(a), rule["formula"].lstrip("="), rule["fill_color"].upper()[1:],
                    rule["stop_if_true"]))
    want: dict[str, list[tuple]] = {}
    for sheet in LEVEL_SHEETS:
        rules = sorted(((rule.priority, str(cf.sqref), rule) for cf in
                        wb[sheet].conditional_formatting for rule in cf.rules),
                       key=lambda item: item[0])
        want[sheet] = [(sqref, rule.formula[0], rule.dxf.fill.bgColor.rgb[-6:],
                        bool(rule.stopIfTrue)) for _, sqref, rule in rules]
    assert set(got) == set(LEVEL_SHEETS)
    assert got == want
    cleared = [(names[a["sheet_position"]], _ref(a)) for a in actions(book)
               if a["func"] == "clearConditionalFormats"]
    assert len(cleared) == len(LEVEL_SHEETS)  # the Capaian and Predikat columns, one call


def test_rerun_keeps_charts_and_rules_and_writes_values(both) -> None:
    _, book = both
    again = remote_book(next_payload(payload(EXAMPLE), book))
    handlers.run_hitung(again)
    funcs = {a["func"] for a in actions(again)}
    assert not funcs & {"addChart", "addConditionalFormat", "clearConditionalFormats",
                        "sheetDelete", "addSheet"}
    assert "setValues" in funcs


def test_visuals_use_no_api(monkeypatch: pytest.MonkeyPatch) -> None:
    install_api_tripwire(monkeypatch)
    book = remote_book(payload(EXAMPLE))
    handlers.run_hitung(book)
    assert any(a["func"] == "addChart" for a in actions(book))
