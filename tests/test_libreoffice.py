"""An independent engine: LibreOffice recalculates every formula we write and must agree with
the core's values, with no formula ending in an error value."""

from pathlib import Path

import openpyxl
import pytest
from conftest import needs_lo
from lo import convert
from sample import sample_plan

from kinerja_xl.api import compute_file
from kinerja_xl.core.contract import Level, NegativeRule, Polarity, Tipe
from kinerja_xl.core.numbers import Quantity
from kinerja_xl.xlsx.fill import write_plan
from kinerja_xl.xlsx.save import save_workbook

pytestmark = needs_lo
ERRORS = ("#NAME?", "#VALUE!", "#DIV/0!", "#REF!", "#N/A", "#NUM!", "Err:")


def formula_cells(path: Path):
    wb = openpyxl.load_workbook(path)
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for c in row:
                if isinstance(c.value, str) and c.value.startswith("="):
                    yield ws.title, c.coordinate


def assert_libreoffice_agrees(path: Path, work: Path) -> int:
    recalculated = openpyxl.load_workbook(convert(path, work), data_only=True)
    ours = openpyxl.load_workbook(path, data_only=True)
    checked = 0
    for sheet, ref in formula_cells(path):
        lo, mine = recalculated[sheet][ref].value, ours[sheet][ref].value
        assert not (isinstance(lo, str) and lo.startswith(ERRORS)), (sheet, ref, lo)
        if isinstance(mine, float) or isinstance(lo, float):
            assert lo == pytest.approx(mine, rel=1e-12, abs=1e-12), (sheet, ref)
        else:
            assert (lo or "") == (mine or ""), (sheet, ref, lo, mine)
        checked += 1
    return checked


def test_sample_formulas_equal_core_values(sample_xlsx: Path, tmp_path: Path) -> None:
    compute_file(sample_xlsx)
    assert assert_libreoffice_agrees(sample_xlsx, tmp_path) >= 40


def test_every_tipe_polarity_rule_and_periode(tmp_path: Path) -> None:
    """A grid of indicators over every tipe x polarity x target shape, with T/R and a cap,
    at each reporting quarter: LibreOffice agrees with Python on all of them."""
    plan = sample_plan()
    plan.settings.negative_rule = NegativeRule.T_OVER_R
    plan.settings.cap = 120
    node = plan.levels[Level.SUB_KEGIATAN][0]
    node.indicators = []
    shapes = [(50, (), (10, 20, None, 30)), (0, (), (0, 0)), (40, (5, 10, 15, 10), (6, 0, 12)),
              (None, (5, None, 5), (1, 2, 3, 4)), (10, (), (None, None, 12.5)),
              (3, (), (0,)), (100, (), ())]
    for tipe in Tipe:
        for pol in Polarity:
            for target, tw, reals in shapes:
                ind = type(plan.levels[Level.TUJUAN][0].indicators[0])(
                    0, f"{tipe.value} {pol.value} {target} {tw} {reals}", "%", pol, tipe,
                    tipe.value,
                    target=None if target is None else Quantity.point(target),
                    quarter_targets=tuple([Quantity.point(v) if v is not None else None
                                           for v in tw] + [None] * (4 - len(tw))),
                    realisations=tuple([Quantity.point(v) if v is not None else None
                                        for v in reals] + [None] * (4 - len(reals))))
                node.indicators.append(ind)
    for periode in (1, 2, 3, 4):
        path = tmp_path / f"grid{periode}.xlsx"
        save_workbook(write_plan(plan), path)
        comp = compute_file(path, periode=periode)
        assert sum(r.live for r in comp.rows) >= 42  # 3 tipe x 2 polaritas x 7 shapes
        assert assert_libreoffice_agrees(path, tmp_path / f"lo{periode}") >= 150
