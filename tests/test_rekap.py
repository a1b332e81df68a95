"""Rekap: the numbers (hand-computed from the sample), the sheet and its two native charts,
regeneration on every Hitung, and what LibreOffice prints."""

from __future__ import annotations

import zipfile
from pathlib import Path

import openpyxl
import pytest
from conftest import needs_lo
from lo import convert
from sample import EXPECTED, sample_plan
from test_visual_support import (
    bare_computation,
    collapse,
    colour_count,
    needs_poppler,
    pdf_pages,
    pdf_text,
    pixels,
)

from kinerja_xl.cli import main
from kinerja_xl.core.compute import Computation, compute
from kinerja_xl.core.contract import Level
from kinerja_xl.core.model import Indicator, Node, Plan
from kinerja_xl.visual.export import export_pdf
from kinerja_xl.visual.palette import NO_CAPAIAN_FILL, PREDIKAT_FILL
from kinerja_xl.visual.rekap import NO_CAPAIAN, NO_OWNER, rekap_data, rekap_sheet
from kinerja_xl.xlsx.fill import write_plan
from kinerja_xl.xlsx.load import grids, open_workbook

K1 = 6 / 12 * 100
K2 = 80 / 85 * 100
SK3 = (100 + 92.5) / 2


def sample_comp() -> Computation:
    return compute(grids(write_plan(sample_plan())))


def hitung_with_visuals(path: Path) -> Computation:
    """`kinerja-xl hitung` itself, then the computation it made, read back from the file."""
    assert main(["hitung", str(path)]) == 0
    return compute(grids(open_workbook(path), path))


def chart_parts(path: Path) -> list[str]:
    with zipfile.ZipFile(path) as z:
        return sorted(n for n in z.namelist() if n.startswith("xl/charts/chart"))


def test_means_per_level_and_official_are_means_of_node_capaian() -> None:
    data = rekap_data(sample_comp())
    assert data.periode == 2
    lv = data.levels
    assert lv[Level.TUJUAN].value == pytest.approx(82 / 85 * 100)
    assert lv[Level.SASARAN].value == pytest.approx((88 / 90 * 100 + 100) / 2)
    assert lv[Level.PROGRAM].value == pytest.approx(100)
    assert lv[Level.KEGIATAN].value == pytest.approx((K1 + K2) / 2)
    sk = lv[Level.SUB_KEGIATAN]
    assert (sk.nodes, sk.measured) == (3, 2)
    assert sk.value == pytest.approx((50 + SK3) / 2)
    assert sk.predikat == "Sedang"
    by_id = {o.id: o for o in data.officials}
    assert list(by_id) == ["CAMAT", "SEKCAM", "KASUBBAG-PK"], "Bupati has no node"
    assert by_id["CAMAT"].mean.value == pytest.approx(
        (82 / 85 * 100 + (88 / 90 * 100 + 100) / 2) / 2)
    kasubbag = by_id["KASUBBAG-PK"].mean
    assert (kasubbag.nodes, kasubbag.measured) == (5, 4)
    assert kasubbag.value == pytest.approx((K1 + K2 + 50 + SK3) / 4)


def test_indicator_counts_and_program_budgets() -> None:
    data = rekap_data(sample_comp())
    for level in Level:
        want: dict[str, int] = {}
        for (sheet, _), (_, _, predikat) in EXPECTED.items():
            if sheet == level.sheet:
                want[predikat or NO_CAPAIAN] = want.get(predikat or NO_CAPAIAN, 0) + 1
        got = {name: n for name, n in data.counts[level].items() if n}
        assert got == want, level
    assert [(p.code, p.anggaran, p.realisasi, p.serapan) for p in data.programs] == [
        ("P1", 150_000_000, 75_000_000, 50.0), ("P2", 20_000_000, 20_000_000, 100.0)]


def test_unknown_and_missing_owners_get_their_own_rows() -> None:
    comp = sample_comp()
    plan = comp.read.plan
    plan.levels[Level.PROGRAM].append(Node(Level.PROGRAM, "P3", 99, "S1", "Program lain", "",
                                           "LURAH", [Indicator(99, "x")]))
    plan.levels[Level.PROGRAM].append(Node(Level.PROGRAM, "P4", 100, "S1", "Tanpa PJ", "", "",
                                           [Indicator(100, "y")]))
    rows = {o.jabatan: o for o in rekap_data(comp).officials}
    assert rows["LURAH"].nama == "(tidak ada di sheet Pejabat)"
    assert rows[NO_OWNER].mean.nodes == 1 and rows[NO_OWNER].mean.value is None


def test_sheet_tables_feed_the_charts() -> None:
    comp = sample_comp()
    spec = rekap_sheet(comp)
    at = {(c.row, c.col): c for c in spec.cells}
    assert len(spec.charts) == 2
    levels, officials = spec.charts
    col, first, last = levels.categories
    assert [at[(r, col)].value for r in range(first, last + 1)] == [lv.sheet for lv in Level]
    col, first, last = levels.values
    means = [at[(r, col)].value for r in range(first, last + 1)]
    assert means[3] == pytest.approx((K1 + K2) / 2)
    assert levels.point_colors[3] == PREDIKAT_FILL["Sedang"]
    col, first, last = officials.categories
    assert [at[(r, col)].value for r in range(first, last + 1)] == [
        "Camat Contoh", "Plt. Sekretaris Kecamatan", "Kasubbag Program dan Keuangan"]
    assert officials.horizontal and officials.values[1:] == officials.categories[1:]
    last_row = spec.print.area[2]
    assert all(c.anchor[0] < last_row for c in spec.charts), "charts inside the print area"


def test_hitung_regenerates_rekap_and_its_charts(sample_xlsx: Path) -> None:
    hitung_with_visuals(sample_xlsx)
    assert chart_parts(sample_xlsx) == ["xl/charts/chart1.xml", "xl/charts/chart2.xml"]
    wb = openpyxl.load_workbook(sample_xlsx)
    order = wb.sheetnames
    assert "Rekap" in order and "Pohon Kinerja" not in order
    wb["Sub Kegiatan"]["S4"] = 4  # SK2 gets its first realisation, so a capaian
    wb.save(sample_xlsx)
    hitung_with_visuals(sample_xlsx)
    assert len(chart_parts(sample_xlsx)) == 2, "the old charts were replaced, not kept"
    wb = openpyxl.load_workbook(sample_xlsx)
    assert wb.sheetnames == order
    ws = wb["Rekap"]
    row = next(r for r in ws.iter_rows() if r[1].value == "Sub Kegiatan")
    assert row[3].value == 3, "all three Sub Kegiatan now have a capaian"


def test_hitung_refreshes_an_existing_pohon(sample_xlsx: Path) -> None:
    assert main(["pohon", str(sample_xlsx)]) == 0
    wb = openpyxl.load_workbook(sample_xlsx)
    wb["Sub Kegiatan"]["S4"] = 4
    wb.save(sample_xlsx)
    hitung_with_visuals(sample_xlsx)
    ws = openpyxl.load_workbook(sample_xlsx)["Pohon Kinerja"]
    texts = [c.value for row in ws.iter_rows() for c in row if isinstance(c.value, str)]
    assert any(t.startswith("Capaian 40,00%") for t in texts), "SK2: 4 of 10 reports"


@needs_lo
@needs_poppler
def test_libreoffice_draws_the_charts(sample_xlsx: Path, tmp_path: Path) -> None:
    comp = hitung_with_visuals(sample_xlsx)
    spec = rekap_sheet(comp)
    pdf = export_pdf([spec], tmp_path / "rekap.pdf")
    text = pdf_text(pdf)
    for title in ("Capaian per Tingkat (%)", "Capaian per Pejabat (%)",
                  "Kasubbag Program dan Keuangan", "Program Penunjang Urusan Pemerintahan"):
        assert collapse(title) in text
    assert pdf_pages(pdf) == len(spec.print.row_breaks) + 1 == 2
    ppm = pixels(pdf)
    assert colour_count(ppm, PREDIKAT_FILL["Sedang"]) > 500, "yellow bars and cells"
    again = convert(sample_xlsx, tmp_path)  # LibreOffice reads and writes the charts back
    assert len(chart_parts(again)) == 2


def test_an_empty_workbook_gets_a_rekap_without_the_officials_chart() -> None:
    spec = rekap_sheet(bare_computation(Plan()))
    assert [c.title for c in spec.charts] == ["Capaian per Tingkat (%)"]
    assert any(c.value == "Belum ada node." for c in spec.cells)


def test_rupiah_cells_fit_their_column() -> None:
    """Amounts show as 'Rp 1.234.567' and their column is wide enough (no '###' in print)."""
    from kinerja_xl.core.rupiah import format_rupiah

    spec = rekap_sheet(sample_comp())
    money = [c for c in spec.cells if (c.style.number_format or "").startswith('"Rp "')]
    assert len(money) >= 6  # two programs + Jumlah, Anggaran and Realisasi
    for c in money:
        width = sum(spec.widths.get(c.col + i, 8.43) for i in range(c.cols))
        assert width >= len(format_rupiah(c.value)) + 1, (c.row, c.col, c.value, width)


def _rekap_rules(path: Path) -> list[tuple[str, str, str]]:
    ws = openpyxl.load_workbook(path)["Rekap"]
    rules = sorted(((rule.priority, str(cf.sqref), rule) for cf in ws.conditional_formatting
                    for rule in cf.rules), key=lambda item: item[0])
    return [(sqref, rule.formula[0], rule.dxf.fill.fgColor.rgb[-6:])
            for _, sqref, rule in rules]


def test_predikat_colours_of_tables_a_and_b_are_rules(sample_xlsx: Path) -> None:
    """Tables A and B colour their Predikat cells by conditional formats on column F (one
    rule per predikat and one for "-"), written through the package editor with their
    differential styles; a second Hitung finds those styles again instead of adding more."""
    hitung_with_visuals(sample_xlsx)
    want = [("F1:F1048576", f'$F1="{name}"', fill) for name, fill in PREDIKAT_FILL.items()]
    want.append(("F1:F1048576", '$F1="-"', NO_CAPAIAN_FILL))
    assert _rekap_rules(sample_xlsx) == want
    ws = openpyxl.load_workbook(sample_xlsx)["Rekap"]
    coloured = [c for row in ws.iter_rows(min_col=6, max_col=6) for c in row
                if c.value in (*PREDIKAT_FILL, "-")]
    assert len(coloured) >= 5 and all(c.fill.fill_type is None for c in coloured)
    with zipfile.ZipFile(sample_xlsx) as z:
        dxfs = z.read("xl/styles.xml").count(b"<dxf>")
    hitung_with_visuals(sample_xlsx)
    with zipfile.ZipFile(sample_xlsx) as z:
        assert z.read("xl/styles.xml").count(b"<dxf>") == dxfs
    assert _rekap_rules(sample_xlsx) == want
