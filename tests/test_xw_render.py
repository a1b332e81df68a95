"""Drawing SheetSpecs (PK, Pohon Kinerja) in a live xlwings Book (remote engine), compared
with the openpyxl renderer, and the Buat PK / Pohon Kinerja buttons end to end."""

from __future__ import annotations

import shutil
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from xw_support import (
    Replay,
    actions,
    alerts,
    cell_model,
    comparable,
    mark_payload,
    payload,
    remote_book,
)

from kinerja_xl.core.sheetspec import PrintSpec, SheetSpec, Style
from kinerja_xl.pk import make_pk_file
from kinerja_xl.xlsx.load import open_workbook
from kinerja_xl.xlsx.render import render_sheet
from kinerja_xl.xlsx.save import save_workbook
from kinerja_xl.xw import features, handlers, render
from kinerja_xl.xw.blocks import rectangles

BOLD = Style(bold=True, size=14, font="Arial")
BOX = Style(border="box", wrap=True, valign="top", font="Arial")


def small_spec() -> SheetSpec:
    spec = SheetSpec("PK UJI", widths={1: 5, 2: 30, 3: 30}, heights={4: 30, 5: 30},
                     print=PrintSpec(title_rows=(3, 3), area=(1, 1, 5, 3)), freeze=(4, 1))
    spec.put(1, 1, "PERJANJIAN KINERJA", BOLD, cols=3)
    spec.put(3, 1, "No", Style(bold=True, border="box", fill="D9D9D9", align="center"))
    spec.put(3, 2, "Indikator", Style(bold=True, border="box", fill="D9D9D9", align="center"))
    spec.put(3, 3, "Target", Style(bold=True, border="box", fill="D9D9D9", align="center"))
    for i, (name, target) in enumerate([("Nilai SAKIP", "80-90"), ("IKM", 85)], start=4):
        spec.put(i, 1, i - 3, BOX)
        spec.put(i, 2, name, BOX)
        spec.put(i, 3, target, Style(border="box", number_format="0.00", font="Arial"))
    return spec


def drawn(spec: SheetSpec, sample_xlsx: Path) -> tuple[Replay, list[dict]]:
    book = remote_book(sample_xlsx)
    render.draw_spec(book, spec)
    return Replay(sample_xlsx).run(actions(book)), actions(book)


def test_values_match_the_openpyxl_renderer(sample_xlsx: Path, tmp_path: Path) -> None:
    spec = small_spec()
    replay, _ = drawn(spec, sample_xlsx)
    wb = open_workbook(sample_xlsx)
    render_sheet(wb, spec)
    save_workbook(wb, tmp_path / "ref.xlsx")
    ref = cell_model(tmp_path / "ref.xlsx")
    assert [s.name for s in replay.sheets] == list(ref)
    got = replay.sheet("PK UJI").cells
    assert {k: comparable(v) for k, v in got.items()} == {
        k: comparable(v) for k, v in ref["PK UJI"].items()}
    assert got[(4, 3)] == "80-90"  # text stays text (written with Excel's ' marker)


def test_formatting_is_grouped_not_per_cell(sample_xlsx: Path) -> None:
    _, acts = drawn(small_spec(), sample_xlsx)
    funcs = Counter(a["func"] for a in acts)
    assert funcs["setValues"] == 1
    assert funcs["rangeMerge"] == 1
    borders = [a for a in acts if a["func"] == "setBorderProperty"]
    box = {(a["start_row"], a["start_column"], a["row_count"], a["column_count"])
           for a in borders}
    assert box == {(2, 0, 3, 3)}  # rows 3..5 x columns A..C in one rectangle
    fills = [a for a in acts if a["func"] == "setRangeColor"]
    assert [(a["args"], a["start_row"], a["column_count"]) for a in fills] == [(["#D9D9D9"], 2, 3)]
    fonts = [a for a in acts if a["func"] == "setFontProperty"]
    assert len(fonts) < 12  # a handful of rectangles, not one call per cell and attribute
    formats = [a for a in acts if a["func"] == "setNumberFormat"]
    assert [(a["args"], a["start_row"], a["start_column"], a["row_count"]) for a in formats] == [
        (["0.00"], 3, 2, 2)]
    widths = [(a["args"], a["start_column"], a["column_count"]) for a in acts
              if a["func"] == "setColumnWidth"]
    assert widths == [([round(5 * 5.25 + 3.75, 2)], 0, 1),
                      ([round(30 * 5.25 + 3.75, 2)], 1, 2)]  # points on this engine
    assert [(a["args"], a["row_count"]) for a in acts if a["func"] == "setRowHeight"] == [
        ([30], 2)]
    assert any(a["func"] == "freezePaneAtRange" and a["args"] == ["1:3"] for a in acts)


def test_no_page_setup_macro_outside_desktop_excel(sample_xlsx: Path) -> None:
    _, acts = drawn(small_spec(), sample_xlsx)
    assert not any(a["func"] == "runMacro" for a in acts)


@given(st.sets(st.tuples(st.integers(1, 8), st.integers(1, 8)), max_size=40))
def test_rectangles_cover_exactly(cells: set[tuple[int, int]]) -> None:
    rects = rectangles(cells)
    covered = [(r, c) for r1, c1, r2, c2 in rects
               for r in range(r1, r2 + 1) for c in range(c1, c2 + 1)]
    assert len(covered) == len(set(covered))  # disjoint
    assert set(covered) == cells


def test_rectangles_merge_blocks() -> None:
    block = {(r, c) for r in range(3, 10) for c in range(1, 6)}
    assert rectangles(block) == [(3, 1, 9, 5)]


# The real features, end to end -------------------------------------------------------------------

@pytest.fixture
def no_overrides(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(features, "_REGISTERED", {})


def test_buat_pk_draws_what_the_file_path_draws(sample_xlsx: Path, tmp_path: Path,
                                                no_overrides: None) -> None:
    assert features.resolve("pk") is not None, "the registry must find plan_pk"
    reference = tmp_path / "ref.xlsx"
    shutil.copy(sample_xlsx, reference)
    make_pk_file(reference)
    book = remote_book(sample_xlsx)
    names = handlers.run_feature(book, "pk")
    replay = Replay(sample_xlsx).run(actions(book))
    ref = cell_model(reference)
    assert [s.name for s in replay.sheets] == list(ref)
    for name in names:
        got = {k: comparable(v) for k, v in replay.sheet(name).cells.items()}
        assert got == {k: comparable(v) for k, v in ref[name].items()}, name
    (prompt,) = alerts(book)
    assert prompt.startswith(f"Buat PK selesai: {len(names)} sheet dibuat/diperbarui (PK ")
    assert "Temuan:" in prompt


def test_pohon_kinerja_draws_its_sheet(sample_xlsx: Path, no_overrides: None) -> None:
    assert features.resolve("pohon") is not None, "the registry must find pohon_specs"
    book = remote_book(sample_xlsx)
    names = handlers.run_feature(book, "pohon")
    assert names and all(n in [s.name for s in book.sheets] for n in names)
    (prompt,) = alerts(book)
    assert prompt.startswith("Pohon Kinerja selesai")


def test_buat_pk_deletes_stale_pk_sheets(sample_xlsx: Path, no_overrides: None) -> None:
    assert features.resolve("pk") is not None, "the registry must find plan_pk"
    data = payload(sample_xlsx)
    data["sheets"].append({"name": "PK LAMA", "values": [["PERJANJIAN KINERJA TAHUN 2024"]],
                           "pictures": [], "tables": [], "visibility": "Visible"})
    data["sheets"].append({"name": "PK Catatan", "values": [["catatan pengguna"]],
                           "pictures": [], "tables": [], "visibility": "Visible"})
    book = remote_book(mark_payload(data, "PK LAMA"))
    handlers.run_feature(book, "pk")
    sheets = [s.name for s in book.sheets]
    assert "PK LAMA" not in sheets and "PK Catatan" in sheets  # only generated PKs go
    (prompt,) = alerts(book)
    assert "1 sheet lama dihapus: PK LAMA." in prompt


@given(st.dictionaries(st.integers(1, 80), st.sampled_from([9.0, 15.0, 17.52, 30.0, 47.0]),
                       max_size=60))
def test_paint_plan_leaves_every_row_its_height_and_no_other(heights: dict) -> None:
    """Applied in order (later writes win), the plan gives every row its height, touches no
    row without one, and never needs more writes than the runs of equal heights."""
    from kinerja_xl.xw.blocks import paint_plan
    from kinerja_xl.xw.render import runs

    got: dict[int, float] = {}
    plan = paint_plan(heights)
    for first, last, height in plan:
        for r in range(first, last + 1):
            got[r] = height
    assert got == heights
    assert len(plan) <= len(runs(heights))


HEIGHT = st.sampled_from([9.0, 15.0, 30.0, 47.0])


@given(st.dictionaries(st.integers(1, 40), HEIGHT, max_size=30),
       st.dictionaries(st.integers(1, 45), HEIGHT, max_size=30))
def test_repaint_plan_leaves_every_row_its_height_over_a_copied_sheet(heights: dict,
                                                                      have: dict) -> None:
    """Over rows that already hold heights (a copied sheet), the plan gives every row its
    height, touches no row without one, and needs no more writes than painting the rows that
    differ."""
    from kinerja_xl.xw.blocks import paint_plan, repaint_plan

    got = dict(have)
    plan = repaint_plan(heights, have)
    for first, last, height in plan:
        for r in range(first, last + 1):
            assert r in heights
            got[r] = height
    assert {r: got.get(r) for r in heights} == heights
    differ = {r: h for r, h in heights.items() if have.get(r) != h}
    assert len(plan) <= len(paint_plan(differ))


def test_repaint_plan_spans_rows_that_are_right_already() -> None:
    from kinerja_xl.xw.blocks import paint_plan, repaint_plan

    # rows 1 and 3 need 30, row 2 has 30 already: one write over the three (not two)
    assert repaint_plan({1: 30, 2: 30, 3: 30}, {2: 30}) == [(1, 3, 30)]
    assert paint_plan({1: 30, 3: 30}) == [(1, 1, 30), (3, 3, 30)]
    # row 2 has its 15 already and a 30 write over it must put it back
    assert repaint_plan({1: 30, 2: 15, 3: 30}, {2: 15}) == [(1, 1, 30), (3, 3, 30)]
    assert repaint_plan({1: 30, 2: 15}, {1: 30, 2: 15}) == []


def test_paint_plan_overlaps_where_it_saves_writes() -> None:
    from kinerja_xl.xw.blocks import paint_plan

    # by hand: 30 over rows 1-6, then 15 on 2-3 and 47 on 5 (five runs, three writes)
    assert paint_plan({1: 30, 2: 15, 3: 15, 4: 30, 5: 47, 6: 30}) == [
        (1, 6, 30), (2, 3, 15), (5, 5, 47)]
    assert paint_plan({1: 30, 3: 30}) == [(1, 1, 30), (3, 3, 30)]  # row 2 has no height


def test_row_plan_cuts_bands_at_merges_and_tiles_repeated_rows() -> None:
    from kinerja_xl.core.sheetspec import CellSpec
    from kinerja_xl.xw.rowcopy import bands, row_plan

    boxed = Style(border="box")
    cells = [CellSpec(1, 1, "Judul", Style(bold=True), rows=2, cols=3)]  # rows 1-2: one band
    cells += [CellSpec(r, c, f"{r}.{c}", boxed) for r in range(3, 11) for c in (1, 2, 3)]
    spec = SheetSpec("PK X", cells)
    assert [(b.first, b.last) for b in bands(spec)][:3] == [(1, 2), (3, 3), (4, 4)]
    plan = row_plan(spec, [])
    assert plan is not None
    # rows 4-10 are row 3 seven times: one copy, its destination seven times its size
    assert [(c.source_first, c.source_last, c.target, c.times, c.target_last)
            for c in plan.copies] == [(3, 3, 4, 7, 10)]
    assert all(c.source is None and c.source_last < c.target for c in plan.copies)
    assert {c.row for c in plan.rest.cells} == {1, 3}  # drawn: the title and one table row


def test_row_plan_tiles_a_repeated_block_and_brings_its_heights() -> None:
    """A two-row block (title row, item row) four times: drawn once, then one copy whose
    destination is three times the block. Entire rows are copied, so the copy brings the
    block's heights; heights_after follows them (worked by hand below)."""
    from kinerja_xl.core.sheetspec import CellSpec
    from kinerja_xl.xw.rowcopy import heights_after, row_plan

    bold, boxed = Style(bold=True, border="box"), Style(border="box")
    cells = []
    for top in (1, 3, 5, 7):
        cells += [CellSpec(top, 1, f"Sasaran {top}", bold, cols=2),
                  CellSpec(top + 1, 1, "a", boxed), CellSpec(top + 1, 2, "b", boxed)]
    heights = {r: 30.0 if r % 2 else 15.0 for r in range(1, 9)}
    spec = SheetSpec("PK X", cells, heights=heights)
    plan = row_plan(spec, [])
    assert plan is not None
    assert [(c.source, c.source_first, c.source_last, c.target, c.times, c.whole)
            for c in plan.copies] == [(None, 1, 2, 3, 3, True)]
    assert {c.row for c in plan.rest.cells} == {1, 2}
    # rows 1-2 are drawn with their heights (30, 15): the copy gives rows 3-8 30, 15, ...
    assert heights_after(plan, {1: 30.0, 2: 15.0}, []) == heights
    # a row without a height in the source takes the default in every tile
    assert heights_after(plan, {1: 30.0}, []) == {1: 30.0, 3: 30.0, 5: 30.0, 7: 30.0}


def test_row_copies_with_a_chart_stay_within_the_columns() -> None:
    """An entire-row copy would bring a chart lying over the rows: a sheet with a chart is
    copied column by column (A to its last column), and its heights are written."""
    from dataclasses import replace

    from kinerja_xl.core.sheetspec import CellSpec, ChartSpec
    from kinerja_xl.xw.rowcopy import heights_after, row_plan

    boxed = Style(border="box")
    cells = [CellSpec(r, c, f"{r}.{c}", boxed) for r in range(1, 5) for c in (1, 2)]
    chart = ChartSpec("Grafik", anchor=(1, 4), categories=(1, 1, 4), values=(2, 1, 4))
    spec = SheetSpec("Rekap", cells, charts=[chart])
    plan = row_plan(spec, [])
    assert plan is not None and plan.copies
    assert not any(c.whole for c in plan.copies)
    assert heights_after(plan, {1: 20.0}, []) == {1: 20.0}
    plain = row_plan(replace(spec, charts=[]), [])
    assert plain is not None and all(c.whole for c in plain.copies)


def test_stamps_copy_boxes_with_their_stub_and_never_onto_a_neighbours_line() -> None:
    """Units take the connector stub on their left along when the source has one; a box whose
    outline a neighbour's border draws on is not a unit (the copy would bring that line)."""
    from kinerja_xl.core.sheetspec import CellSpec
    from kinerja_xl.xw.stamps import stamp_plan, units

    boxed = Style(border="box", fill="63BE7B")
    cells = []
    for top in (2, 6):  # two boxes, each with a stub cell and the spine beside it
        cells.append(CellSpec(top, 1, None, Style(border="left_bottom")))
        cells += [CellSpec(top + i, 1, None, Style(border="left")) for i in (1, 2)]
        cells += [CellSpec(top + i, 2, f"{top}.{i}", boxed, cols=3) for i in range(3)]
    spec = SheetSpec("Pohon Kinerja", cells)
    plan = stamp_plan(spec)
    assert plan is not None and [(c.source, c.target) for c in plan.copies] == [
        ((2, 1, 4, 4), (6, 1, 8, 4))]  # the stub column comes with the copy
    stub = next(c for c in plan.rest.cells if (c.row, c.col) == (6, 1))
    assert stub.style.border == "left"  # its bottom line comes from the copy
    under = [*cells, CellSpec(9, 3, None, Style(border="top"))]  # a line under box 2
    assert [u.rect for u in units(SheetSpec("Pohon Kinerja", under))] == [(2, 2, 4, 4)]
