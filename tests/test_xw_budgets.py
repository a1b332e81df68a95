"""Calls into Excel per ribbon button (issue #13, item 2), counted as the actions xlwings'
remote engine records — each one a call a client makes into Excel. These tests fail when a
change makes a button exceed its budget.

Budgets from the issue: Periksa <= 40, Hitung <= 150 (Rekap and colours included), Buat PK
<= 20 per official + a constant, Pohon Kinerja <= 400 for Kenohan, independent of the number of
rows. They hold from the second click on (generated sheets keep their layout and only values
are rewritten, `kinerja_xl.xw.marker`). On the first click, a workbook made from the template
copies Rekap, Laporan Validasi and the first PK from the template's hidden model sheets
(`kinerja_xl.models`) instead of drawing them; every button meets its
budgets then too. Pohon Kinerja copies boxes, their connector stubs and the level labels
(`kinerja_xl.xw.stamps`) and grows by less than 20 calls per official; Buat PK copies rows
(`kinerja_xl.xw.rowcopy`: entire rows, which bring their heights, and one tiled copy per run of
like rows), grows by less than 20 calls per official, and meets the budget on Kenohan (nine PKs
whose row heights differ) and on the synthetic OPD (docs/excel.md, "Calls into Excel").
"""

from __future__ import annotations

import tempfile
from functools import cache
from pathlib import Path

import pytest
from xw_support import BUTTON_RUNS as RUNS
from xw_support import actions, inputs_only, next_payload, payload, remote_book

from kinerja_xl.synthetic import kabupaten
from kinerja_xl.xlsx.fill import write_plan
from kinerja_xl.xlsx.save import save_workbook

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "kenohan_2025.xlsm"


@cache
def kenohan() -> dict:
    return inputs_only(payload(EXAMPLE))


@cache
def synthetic(indicators: int = 40, units: int = 4) -> tuple[dict, int]:
    plan = kabupaten(units=units, indicators_per_unit=indicators)
    path = Path(tempfile.mkdtemp()) / "sintetis.xlsx"
    save_workbook(write_plan(plan), path)
    return payload(path), sum(1 for o in plan.officials.values() if o.atasan)


def clicks(data: dict, job: str) -> tuple[int, int]:
    """Actions of the first click and of the next one."""
    book = remote_book(data)
    RUNS[job](book)
    again = remote_book(next_payload(data, book))
    RUNS[job](again)
    return len(actions(book)), len(actions(again))


def issue_budget(job: str, pks: int) -> int:
    return {"periksa": 40, "hitung": 150, "pk": 20 * pks + 20, "pohon": 400}[job]


@pytest.mark.parametrize("job", sorted(RUNS))
def test_kenohan_next_click_within_the_issue_budget(job: str) -> None:
    _, again = clicks(kenohan(), job)
    assert again <= issue_budget(job, pks=9), (job, again)


@pytest.mark.parametrize("job", sorted(RUNS))
def test_synthetic_opd_next_click_within_the_issue_budget(job: str) -> None:
    data, pks = synthetic()
    _, again = clicks(data, job)
    assert again <= issue_budget(job, pks), (job, again, pks)


# The first click -----------------------------------------------------------------------------
FIRST_CLICK_CEILING = {"periksa": 15, "hitung": 120, "pk": 180, "pohon": 380}  # Kenohan, today


@pytest.mark.parametrize("job", sorted(RUNS))
def test_kenohan_first_click_ceiling(job: str) -> None:
    first, _ = clicks(kenohan(), job)
    assert first <= FIRST_CLICK_CEILING[job], (job, first)


def test_synthetic_opd_first_click_buat_pk_within_the_issue_budget() -> None:
    data, pks = synthetic()
    first, _ = clicks(data, "pk")
    assert first <= issue_budget("pk", pks), (first, pks)


def test_buat_pk_first_click_grows_less_than_20_per_official() -> None:
    """Twice the officials: each added PK costs fewer than 20 calls."""
    (small, few), (big, many) = synthetic(40, units=2), synthetic(40, units=4)
    first_small, _ = clicks(small, "pk")
    first_big, _ = clicks(big, "pk")
    assert many > few
    assert first_big - first_small < 20 * (many - few), (first_small, first_big, few, many)


def test_pohon_first_click_grows_less_than_20_per_official() -> None:
    """Twice the officials (and their nodes): each added official costs fewer than 20 calls."""
    (small, few), (big, many) = synthetic(40, units=2), synthetic(40, units=4)
    first_small, _ = clicks(small, "pohon")
    first_big, _ = clicks(big, "pohon")
    assert many > few
    assert first_big - first_small < 20 * (many - few), (first_small, first_big, few, many)


@pytest.mark.parametrize("job", sorted(RUNS))
def test_kenohan_first_click_within_the_issue_budget(job: str) -> None:
    first, _ = clicks(kenohan(), job)
    assert first <= issue_budget(job, pks=9), (job, first)


@pytest.mark.parametrize("job", ["periksa", "hitung"])
def test_first_click_does_not_grow_with_rows(job: str) -> None:
    """More indicator rows, same officials: the same number of calls (Rekap's per-official
    rows are the only part that follows the data, not the indicator count)."""
    few, _ = clicks(synthetic(20)[0], job)
    many, _ = clicks(synthetic(120)[0], job)
    assert many == few, (job, few, many)


@cache
def on_template(units: int) -> dict:
    """A synthetic OPD made on the template (with its model sheets), as every ribbon user's
    workbook is."""
    from kinerja_xl.api import template_workbook

    path = Path(tempfile.mkdtemp()) / "sintetis.xlsm"
    save_workbook(write_plan(kabupaten(units=units, indicators_per_unit=40),
                             template_workbook()), path)
    return payload(path)


def test_first_hitung_on_the_template_stays_within_budget_for_a_large_opd() -> None:
    """73 officials and 192 programs: Rekap's official rows are alike (their predikat colour
    is a conditional format), so the first click grows only slowly with them."""
    first, _ = clicks(on_template(8), "hitung")
    assert first <= issue_budget("hitung", pks=0), first
