"""Pohon Kinerja: geometry (every node one box, no overlaps, parents over children, connectors),
pagination of wide trees, and the sheet as LibreOffice prints it (PDF text, pages, PNG)."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from conftest import needs_lo
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sample import sample_plan
from test_visual_support import (
    bare_computation,
    collapse,
    colour_count,
    kecamatan_plan,
    needs_poppler,
    node_count,
    pdf_pages,
    pdf_text,
    pixels,
    png_size,
)

from kinerja_xl.cli import main
from kinerja_xl.core.compute import compute
from kinerja_xl.core.contract import Level
from kinerja_xl.core.model import Indicator, Node, Plan
from kinerja_xl.core.sheetspec import SheetSpec
from kinerja_xl.visual.palette import LEVEL_FILL, PREDIKAT_FILL
from kinerja_xl.visual.pohon import (
    BOX_ROWS,
    BOX_UNITS,
    FIRST_UNIT_COL,
    GAP_UNITS,
    MAX_BANDS,
    Box,
    PohonPage,
    pohon_pages,
    pohon_specs,
)
from kinerja_xl.visual.tree import STACK_INDENT, bands, build_forest, paginate
from kinerja_xl.xlsx.fill import write_plan
from kinerja_xl.xlsx.load import grids
from kinerja_xl.xlsx.save import save_workbook


def sample_pages(max_bands: int = MAX_BANDS) -> list[PohonPage]:
    return pohon_pages(compute(grids(write_plan(sample_plan()))), max_bands)


def assert_cells_disjoint(spec: SheetSpec) -> None:
    """No two cell specs (boxes, connectors, labels) claim the same sheet cell."""
    seen: dict[tuple[int, int], object] = {}
    for c in spec.cells:
        for r in range(c.row, c.row + c.rows):
            for col in range(c.col, c.col + c.cols):
                assert (r, col) not in seen, f"{spec.name}: cell {(r, col)} drawn twice"
                seen[(r, col)] = c


def edges(spec: SheetSpec) -> dict[tuple[int, int], str]:
    return {(c.row, c.col): c.style.border for c in spec.cells
            if c.value is None and c.style.border in ("left", "bottom", "left_bottom")}


def centre(box: Box) -> int:
    return box.col + box.cols // 2


def assert_geometry(plan: Plan, pages: list[PohonPage]) -> None:
    """Boxes = nodes, disjoint cells, parents above and centred over their sideways children,
    Sub Kegiatan listed under their Kegiatan, and a connector on every link."""
    primary = [id(b.node) for page in pages for b in page.boxes if not b.repeated]
    assert sorted(primary) == sorted(id(n) for n in plan.nodes())
    for page in pages:
        assert_cells_disjoint(page.spec)
        boxes = page.boxes
        for i, a in enumerate(boxes):
            assert a.rows == BOX_ROWS
            for b in boxes[i + 1:]:
                assert not a.overlaps(b), (a.node.code, b.node.code)
        where = {id(b.node): b for b in boxes}
        lines = edges(page.spec)
        kids: dict[int, list[Box]] = {}
        for b in boxes:
            parent = plan.parent(b.node)
            if parent is not None and id(parent) in where and plan.find(
                    parent.level, parent.code) is parent:
                kids.setdefault(id(parent), []).append(b)
        for pid, children in kids.items():
            p = where[pid]
            for k in children:
                assert k.row > p.row + p.rows - 1, "a child sits below its parent"
            if p.node.level is Level.KEGIATAN:  # listed Sub Kegiatan
                spine = p.col + STACK_INDENT - 1
                for k in children:
                    assert k.col == p.col + STACK_INDENT
                    assert lines.get((k.row, spine)) == "left_bottom"
                assert lines.get((p.row + p.rows, spine)) == "left"
            else:
                cs = [centre(k) for k in children]
                assert min(cs) <= centre(p) <= max(cs), "parent centred over its children"
                assert lines.get((p.row + p.rows, centre(p))) in ("left", "left_bottom")
                for k in children:
                    assert lines.get((k.row - 1, centre(k))) == "left"


# Geometry --------------------------------------------------------------------------------------

def test_sample_is_one_sheet_with_a_box_per_node() -> None:
    comp = compute(grids(write_plan(sample_plan())))
    pages = pohon_pages(comp)
    assert [p.spec.name for p in pages] == ["Pohon Kinerja"]
    assert len(pages[0].boxes) == node_count(comp.read.plan) == 9
    assert sorted(b.node.code for b in pages[0].boxes) == sorted(
        n.code for n in comp.read.plan.nodes())
    assert_geometry(comp.read.plan, pages)


def test_box_shows_uraian_indicators_target_pj_and_coloured_capaian() -> None:
    page = sample_pages()[0]
    k1 = next(b for b in page.boxes if b.node.code == "K1")
    texts = {c.row - k1.row: c for c in page.spec.cells
             if c.col == k1.col and k1.row <= c.row < k1.row + BOX_ROWS}
    assert texts[0].value == "KEGIATAN · K1"
    assert texts[0].style.fill == LEVEL_FILL[Level.KEGIATAN][0]
    assert texts[1].value == "Perencanaan, Penganggaran dan Evaluasi Kinerja"
    assert texts[2].value == "• Jumlah dokumen: 12 dokumen"
    assert texts[3].value == "PJ: Kasubbag Program dan Keuangan"
    assert texts[4].value.startswith("Capaian 50,00%\nSangat Rendah")
    assert "Serapan anggaran 50,00%" in texts[4].value
    assert texts[4].style.fill == PREDIKAT_FILL["Sangat Rendah"]
    sk2 = next(b for b in page.boxes if b.node.code == "SK2")  # no realisation yet
    cap = next(c for c in page.spec.cells if (c.row, c.col) == (sk2.row + 4, sk2.col))
    assert cap.value.startswith("Capaian: belum dapat dihitung")


def test_kecamatan_fits_one_a3_sheet_and_geometry_holds() -> None:
    plan = kecamatan_plan()
    pages = pohon_pages(bare_computation(plan))
    assert len(pages) == 1
    assert_geometry(plan, pages)
    spec = pages[0].spec
    assert (spec.print.paper, spec.print.orientation) == ("A3", "landscape")
    assert spec.print.scale is not None and spec.print.scale >= 70, "readable zoom"


def test_wide_tree_splits_by_subtree_and_repeats_ancestors() -> None:
    plan = kecamatan_plan((5, 4, 3, 2, 2))  # 16 bands
    pages = pohon_pages(bare_computation(plan))
    assert [p.spec.name for p in pages] == ["Pohon Kinerja", "Pohon Kinerja 2"]
    assert_geometry(plan, pages)
    second = {b.node.code: b.repeated for b in pages[1].boxes}
    assert second["T1"] and second["S1"], "ancestors drawn again, marked as repeated"
    assert not any(b.repeated for b in pages[0].boxes)
    head = next(c.value for c in pages[1].spec.cells if c.value == "TUJUAN · T1 (lanjutan)")
    assert head
    for page in pohon_pages(bare_computation(plan)):
        widest = max(b.col + b.cols for b in page.boxes) - FIRST_UNIT_COL
        assert widest <= MAX_BANDS * (BOX_UNITS + GAP_UNITS)


def test_one_program_wider_than_a_page_splits_by_kegiatan() -> None:
    plan = kecamatan_plan((23,))
    pages = pohon_pages(bare_computation(plan), max_bands=10)
    assert len(pages) == 3
    assert_geometry(plan, pages)
    assert all(bands(t) <= 10 for p in paginate(build_forest(plan), 10) for t in p.forest)


def test_orphans_duplicates_and_empty_plans_are_still_drawn() -> None:
    plan = sample_plan()
    stray = Node(Level.PROGRAM, "P9", 0, "S9", "Program tanpa induk", "", "SEKCAM",
                 [Indicator(0, "Indikator")])
    lost = Node(Level.SUB_KEGIATAN, "SK9", 0, "K9", "Sub kegiatan tanpa induk", "", "",
                [Indicator(0, "Indikator")])
    twin = Node(Level.KEGIATAN, "K1", 0, "P1", "Kode kembar", "", "", [])
    plan.levels[Level.PROGRAM].append(stray)
    plan.levels[Level.SUB_KEGIATAN].append(lost)
    plan.levels[Level.KEGIATAN].append(twin)
    pages = pohon_pages(bare_computation(plan))
    assert_geometry(plan, pages)
    heads = [c.value for c in pages[0].spec.cells if isinstance(c.value, str)]
    assert "PROGRAM · P9 · induk 'S9' tidak ditemukan" in heads
    assert "SUB KEGIATAN · SK9 · induk 'K9' tidak ditemukan" in heads
    empty = pohon_specs(bare_computation(Plan()))
    assert len(empty) == 1 and "Belum ada node" in empty[0].cells[1].value


@st.composite
def plans(draw: st.DrawFn) -> Plan:
    """Random trees: any fan-out per level, sometimes orphans, long or short uraian."""
    plan = Plan()
    text = st.text(alphabet="abc defgh", min_size=0, max_size=80)
    parents: list[Node] = []
    for level in Level:
        count = draw(st.integers(0, 3)) if level is Level.TUJUAN else 0
        made: list[Node] = []
        for i in range(count):
            made.append(Node(level, f"{level.name}{i}", 0, "", draw(text)))
        for p in parents:
            for i in range(draw(st.integers(0, 4 if level is Level.SUB_KEGIATAN else 3))):
                made.append(Node(level, f"{p.code}.{i}", 0, p.code, draw(text),
                                 indicators=[Indicator(0, draw(text))]))
        if level is not Level.TUJUAN and draw(st.booleans()):
            made.append(Node(level, f"X{level}", 0, "tidak-ada", draw(text)))
        plan.levels[level] = made
        parents = made
    return plan


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(plans(), st.integers(1, 6))
def test_any_tree_any_page_width_keeps_boxes_apart(plan: Plan, max_bands: int) -> None:
    pages = pohon_pages(bare_computation(plan), max_bands)
    assert_geometry(plan, pages)
    for page in paginate(build_forest(plan), max_bands):
        assert page.bands() <= max_bands


# The sheet in a file, and through LibreOffice ---------------------------------------------------

def kecamatan_xlsx(tmp_path: Path, kegiatan: tuple[int, ...] = (4, 3, 2, 1)) -> Path:
    path = tmp_path / "kecamatan.xlsx"
    save_workbook(write_plan(kecamatan_plan(kegiatan)), path)
    return path


def test_pohon_command_replaces_only_its_sheets(tmp_path: Path, capsys) -> None:
    path = kecamatan_xlsx(tmp_path, (5, 4, 3, 2, 2))
    assert main(["hitung", str(path)]) == 0
    before = openpyxl.load_workbook(path, data_only=True)
    capaian = [c.value for c in before["Kegiatan"]["X"]]  # Capaian (%) of Kegiatan
    assert main(["pohon", str(path)]) == 0
    assert "di 2 sheet (Pohon Kinerja, Pohon Kinerja 2)" in capsys.readouterr().out
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames[-2:] == ["Pohon Kinerja", "Pohon Kinerja 2"]
    ws = wb["Pohon Kinerja"]
    assert len(ws.merged_cells.ranges) >= 5 * 20
    after = openpyxl.load_workbook(path, data_only=True)
    assert [c.value for c in after["Kegiatan"]["X"]] == capaian, "cached results kept"
    wb["Pohon Kinerja 2"]["A1"] = "lama"
    wb.move_sheet("Pohon Kinerja", offset=-3)
    wb.save(path)
    assert main(["pohon", str(path), "--maks-kolom", "30"]) == 0
    wb = openpyxl.load_workbook(path)
    assert "Pohon Kinerja 2" not in wb.sheetnames, "a narrower tree drops the extra sheet"
    assert wb.sheetnames.index("Pohon Kinerja") == len(wb.sheetnames) - 4, "kept its place"


def test_pohon_command_rejects_a_bad_page_width(tmp_path: Path) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["pohon", str(tmp_path / "x.xlsx"), "--maks-kolom", "0"])
    assert exc.value.code == 2
    assert main(["pohon", str(tmp_path / "tidak-ada.xlsx")]) == 2


@needs_lo
@needs_poppler
def test_pdf_and_png_show_every_box(tmp_path: Path) -> None:
    path = kecamatan_xlsx(tmp_path)
    pdf, png = tmp_path / "pohon.pdf", tmp_path / "pohon.png"
    assert main(["pohon", str(path), "--pdf", str(pdf), "--png", str(png)]) == 0
    plan = kecamatan_plan()
    text = pdf_text(pdf)
    for node in plan.nodes():
        assert collapse(node.uraian) in text, node.code
        assert f"{node.level.sheet.upper()} · {node.code}" in text
    specs = pohon_specs(compute(grids(openpyxl.load_workbook(path))))
    assert pdf_pages(pdf) == sum(len(s.print.row_breaks) + 1 for s in specs) <= 3
    ppm = pixels(pdf)
    for level in Level:
        assert colour_count(ppm, LEVEL_FILL[level][0]) > 100, f"{level.sheet} boxes visible"
    width, height = png_size(png)
    assert width > 800 and height > 200
    assert png.with_name("pohon-2.png").exists()
