"""Drawing a SheetSpec on the ribbon path gives exactly the formats the spec asks for: the
remote engine's recorded actions are replayed into a format model (`xw_formats`) and compared
cell by cell with the spec — fonts, alignment, wrap, indent and number formats on every cell
with content, fills and visible border lines on every cell, merges. Covers the ways the drawing
saves calls: don't-care rectangles, merges across, per-side borders, copied blocks."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import openpyxl
import pytest
from xw_formats import BookFormats, SheetFormats
from xw_support import Replay, actions, comparable, inputs_only, payload, remote_book

from kinerja_xl.core.sheetspec import SheetSpec
from kinerja_xl.xw import features, handlers, render
from kinerja_xl.xw.book import read_grids
from kinerja_xl.xw.features import as_output
from kinerja_xl.xw.models import model_library
from kinerja_xl.xw.render import area

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "kenohan_2025.xlsm"
JS_ALIGN = {"center": "Center", "left": "Left", "right": "Right", "general": "General",
            "top": "Top", "bottom": "Bottom", "justify": "Justify", "distributed": "Distributed"}
BORDER_LINES = {"box": "tblr", "left": "l", "bottom": "b", "top": "t", "left_bottom": "lb"}


def specs(key: str) -> list[SheetSpec]:
    book = remote_book(inputs_only(payload(EXAMPLE)))
    return as_output(features.resolve(key)(read_grids(book, None))).specs


def drawn(spec: SheetSpec) -> SheetFormats:
    book = remote_book(inputs_only(payload(EXAMPLE)))
    render.draw_spec(book, spec)
    position = [s.name for s in book.sheets].index(spec.name)
    return SheetFormats().run(actions(book), position)


def expected_lines(spec: SheetSpec) -> set[tuple[str, int, int]]:
    lines = set()
    for c in spec.cells:
        sides = BORDER_LINES.get(c.style.border, "")
        for r in range(c.row, c.row + c.rows):
            for col in range(c.col, c.col + c.cols):
                for s in sides:
                    lines.add({"t": ("h", r, col), "b": ("h", r + 1, col),
                               "l": ("v", r, col), "r": ("v", r, col + 1)}[s])
    return lines


def hidden_by_merge(spec: SheetSpec, line: tuple[str, int, int]) -> bool:
    kind, r, c = line
    for m in spec.cells:
        if kind == "v" and m.row <= r < m.row + m.rows and m.col < c < m.col + m.cols:
            return True
        if kind == "h" and m.col <= c < m.col + m.cols and m.row < r < m.row + m.rows:
            return True
    return False


def check(spec: SheetSpec, got: SheetFormats) -> None:
    for c in spec.cells:
        st, have = c.style, got.attrs.get((c.row, c.col), {})
        where = f"{spec.name} R{c.row}C{c.col}"
        if c.value not in (None, ""):
            assert have.get("font_name") == st.font, where
            assert have.get("font_size") == st.size, where
            assert bool(have.get("font_bold")) == st.bold, where
            assert bool(have.get("font_italic")) == st.italic, where
            color = have.get("font_color")
            assert (color.upper() if color else None) == (f"#{st.color}".upper()
                                                           if st.color else None), where
            assert have.get("align") == (JS_ALIGN[st.align] if st.align else None), where
            assert have.get("valign") == (JS_ALIGN[st.valign] if st.valign else None), where
            assert bool(have.get("wrap")) == st.wrap, where
            assert have.get("indent", 0) == st.indent, where
            assert have.get("number_format") == st.number_format, where
        for r in range(c.row, c.row + c.rows):
            for col in range(c.col, c.col + c.cols):
                fill = got.attrs.get((r, col), {}).get("fill")
                assert (fill.upper() if fill else None) == (f"#{st.fill}".upper()
                                                           if st.fill else None), where
    want = {line for line in expected_lines(spec) if not hidden_by_merge(spec, line)}
    have = {line for line in got.lines if not hidden_by_merge(spec, line)}
    assert have == want, (spec.name, sorted(have ^ want)[:8])
    merged = {(c.row, c.col, c.row + c.rows - 1, c.col + c.cols - 1) for c in spec.cells
              if c.rows > 1 or c.cols > 1}
    assert got.merges == merged, spec.name
    covered = {cell for c in spec.cells for cell in area(c)}
    stray = sorted(cell for cell, attrs in got.attrs.items()
                   if attrs.get("fill") and cell not in covered)
    assert not stray, (spec.name, stray[:8])  # no fill outside the spec's cells


@pytest.mark.parametrize("key", ["pohon", "pk"])
def test_drawn_formats_are_the_spec(key: str) -> None:
    for spec in specs(key)[:3]:
        check(spec, drawn(spec))


def rekap_spec() -> SheetSpec:
    from kinerja_xl.core.compute import compute
    from kinerja_xl.visual.rekap import rekap_sheet

    return rekap_sheet(compute(read_grids(remote_book(inputs_only(payload(EXAMPLE))))))


def test_drawn_rekap_is_its_spec() -> None:
    """Rekap (four tables, section titles copied from the first, `stamps`) is its spec."""
    spec = rekap_spec()
    got = drawn(spec)
    check(spec, got)
    check_heights(spec, got)


def test_pohon_boxes_are_copied() -> None:
    spec = specs("pohon")[0]
    book = remote_book(inputs_only(payload(EXAMPLE)))
    render.draw_spec(book, spec)
    copies = [a for a in actions(book) if a["func"] == "copyRange"]
    assert len(copies) >= 20  # the boxes after the first of each look


def test_the_check_sees_a_missing_fill(monkeypatch: pytest.MonkeyPatch) -> None:
    """Negative control: copies without their fill fixes are caught."""
    from kinerja_xl.xw import stamps

    monkeypatch.setattr(stamps, "_fill_fixes", lambda source, target: [])
    spec = specs("pohon")[0]
    with pytest.raises(AssertionError):
        check(spec, drawn(spec))


def click(key: str) -> tuple[list[SheetSpec], BookFormats, list[dict]]:
    """A first click of the button on Kenohan: the specs, the drawn book, the actions."""
    data = inputs_only(payload(EXAMPLE))
    book = remote_book(data)
    handlers.run_feature(book, key)
    acts = actions(book)
    names = [s["name"] for s in data["sheets"]]
    return specs(key), BookFormats.of(names, model_formats()).run(acts), acts


@cache
def model_formats() -> dict[str, SheetFormats]:
    """The formats of the example's hidden model sheets, read from the file (`models`)."""
    wb = openpyxl.load_workbook(EXAMPLE)
    return {ws.title: SheetFormats.of_worksheet(ws) for ws in wb.worksheets
            if ws.title.startswith("Model ")}


def test_every_pk_sheet_of_a_click_has_exactly_its_values() -> None:
    """Sheet and row copies bring their source's text: none of it may stay behind."""
    data = inputs_only(payload(EXAMPLE))
    book = remote_book(data)
    handlers.run_feature(book, "pk")
    replay = Replay.of_payload(data).run(actions(book))
    for spec in specs("pk"):
        want = {(c.row, c.col): comparable(c.value) for c in spec.cells
                if c.value not in (None, "")}
        got = {k: comparable(v) for k, v in replay.sheet(spec.name).cells.items()}
        assert got == want, (spec.name, sorted(set(got.items()) ^ set(want.items()))[:6])


def check_heights(spec: SheetSpec, got: SheetFormats) -> None:
    assert {r: got.heights.get(r) for r in spec.heights} == spec.heights, spec.name


def test_every_pk_sheet_of_a_click_is_its_spec() -> None:
    """Buat PK copies rows from the PK sheets it drew before (`rowcopy`): every sheet still
    gets exactly its spec's formats, merges and row heights."""
    pk_specs, book, acts = click("pk")
    across = [a for a in acts if a["func"] == "copyRange"
              and a["args"][0] != a["sheet_position"]]
    assert across  # rows really come from other sheets
    for spec in pk_specs:
        check(spec, book.sheet(spec.name))
        check_heights(spec, book.sheet(spec.name))


def test_every_pohon_sheet_of_a_click_is_its_spec() -> None:
    """Pohon Kinerja copies boxes (with their connector stubs) from the sheet it drew before
    (`stamps`, library): every sheet still gets exactly its spec's formats and merges."""
    pohon_specs, book, acts = click("pohon")
    across = [a for a in acts if a["func"] == "copyRange"
              and a["args"][0] != a["sheet_position"]]
    assert len(pohon_specs) > 1 and across  # boxes really come from the other sheet
    for spec in pohon_specs:
        check(spec, book.sheet(spec.name))
        check_heights(spec, book.sheet(spec.name))


def test_the_check_sees_a_stub_not_drawn(monkeypatch: pytest.MonkeyPatch) -> None:
    """Negative control: stubs left out of the drawn rest and of the copies are caught."""
    from kinerja_xl.xw import stamps

    monkeypatch.setattr(stamps.Unit, "with_stub", property(lambda self: self.rect))
    pohon_specs, book, _ = click("pohon")
    with pytest.raises(AssertionError):
        for spec in pohon_specs:
            check(spec, book.sheet(spec.name))


def test_the_check_sees_rows_not_copied(monkeypatch: pytest.MonkeyPatch) -> None:
    """Negative control: without the row copies the sheets lack formats and the check says so."""
    monkeypatch.setattr(render, "_copy_rows", lambda sheet, plan, library: None)
    pk_specs, book, _ = click("pk")
    with pytest.raises(AssertionError):
        for spec in pk_specs:
            check(spec, book.sheet(spec.name))


def test_pohon_and_rekap_heights_are_the_spec() -> None:
    """Row heights go in few overlapping writes (`blocks.paint_plan`); the last write wins."""
    for spec in specs("pohon")[:2]:
        check_heights(spec, drawn(spec))


def test_the_checks_see_what_a_sheet_copy_leaves(monkeypatch: pytest.MonkeyPatch) -> None:
    """Negative control: PK sheets copied without clearing below their shared top keep the
    copied sheet's text and formats (or its merges, which a paste would cut: an error in
    Excel), and both checks say so."""
    monkeypatch.setattr(render, "_clear_below", lambda *args: None)
    with pytest.raises(AssertionError):
        test_every_pk_sheet_of_a_click_has_exactly_its_values()
    with pytest.raises(AssertionError):
        pk_specs, book, _ = click("pk")
        for spec in pk_specs:
            check(spec, book.sheet(spec.name))


def test_rekap_rules_drawn_without_a_model_are_the_specs() -> None:
    """Without the template's model, the Rekap's predikat rules are added through xlwings'
    conditional formats (last first: each goes on top), equal to the spec's; the model's copy
    brings them, so a first click on the template adds none."""
    spec = rekap_spec()
    book = remote_book(inputs_only(payload(EXAMPLE)))
    render.draw_spec(book, spec)
    added = [a for a in actions(book) if a["func"] == "addConditionalFormat"]
    got = [(a["start_row"] + 1, a["row_count"], a["start_column"] + 1,
            a["args"][0]["formula"], a["args"][0]["fill_color"].upper()) for a in added]
    want = [(1, 1_048_576, 6, "=" + r.formula, f"#{r.fill}".upper()) for r in spec.rules]
    assert len(want) == 6 and got == want[::-1]
    book = remote_book(inputs_only(payload(EXAMPLE)))
    render.draw_spec(book, spec, library=model_library(book))
    assert not [a for a in actions(book) if a["func"] == "addConditionalFormat"]
    assert any(a["func"] == "copySheet" for a in actions(book))
