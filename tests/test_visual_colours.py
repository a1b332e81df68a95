"""Predikat colours on the level sheets: the rules, their bands, replacing only our own rules,
and LibreOffice colouring the live capaian cells (also after a realisation is typed)."""

from __future__ import annotations

import re
from pathlib import Path

import openpyxl
from conftest import needs_lo
from hypothesis import given
from hypothesis import strategies as st
from lo import convert
from openpyxl.formatting.rule import CellIsRule, FormulaRule
from openpyxl.styles import PatternFill
from sample import sample_plan
from test_visual_support import colour_count, needs_poppler, pixels

from kinerja_xl.api import compute_file, run_file
from kinerja_xl.core.capaian import predikat
from kinerja_xl.core.compute import Computation, check, compute
from kinerja_xl.core.contract import LEVEL_SHEETS, PENGATURAN, S
from kinerja_xl.visual.colours import band_formulas, colour_rules, is_ours
from kinerja_xl.visual.draw import _is_ours, apply_colour_rules
from kinerja_xl.visual.palette import PREDIKAT_FILL
from kinerja_xl.xlsx.fill import write_plan
from kinerja_xl.xlsx.load import grids, open_workbook
from kinerja_xl.xlsx.save import save_workbook

_CONDITION = re.compile(r"\$[A-Z]+\d+(>=|<)([0-9.]+(?:E[+-]?\d+)?)")


def hitung_with_colours(path: Path) -> Computation:
    """The real Hitung of the Python API (columns, Rekap, colours), as scripts call it."""
    return compute_file(path)


def rules_of(path: Path, sheet: str) -> list[tuple[str, object]]:
    ws = openpyxl.load_workbook(path)[sheet]
    return [(str(cf.sqref), rule) for cf in ws.conditional_formatting for rule in cf.rules]


def test_rules_cover_capaian_and_predikat_of_every_level() -> None:
    """Predikat right of Capaian (the layout `baru` makes): five band rules over both."""
    comp = compute(grids(write_plan(sample_plan())))
    rules = colour_rules(comp)
    assert len(rules) == 5 * len(LEVEL_SHEETS)
    keg = [r for r in rules if r.sheet == "Kegiatan"]
    st_, t, se, re_ = ("BatasSangatTinggi", "BatasTinggi", "BatasSedang", "BatasRendah")
    assert [(r.ref, r.formula) for r in keg] == [
        ("X3:Y504", f"AND(ISNUMBER($X3),$X3>={st_})"),
        ("X3:Y504", f"AND(ISNUMBER($X3),$X3>={t},$X3<{st_})"),
        ("X3:Y504", f"AND(ISNUMBER($X3),$X3>={se},$X3<{t})"),
        ("X3:Y504", f"AND(ISNUMBER($X3),$X3>={re_},$X3<{se})"),
        ("X3:Y504", f"AND(ISNUMBER($X3),$X3<{re_})")]
    assert [r.fill for r in keg] == list(PREDIKAT_FILL.values())


def test_predikat_apart_from_capaian_gets_its_own_rules() -> None:
    """A column the user put between Capaian and Predikat: Predikat is coloured by its text."""
    wb = write_plan(sample_plan())
    ws = wb["Kegiatan"]
    header = next(r for r in range(1, 6) if ws.cell(r, 25).value == "Predikat")
    ws.insert_cols(25)
    ws.cell(header, 25, "Catatan Saya")
    keg = [r for r in colour_rules(compute(grids(wb))) if r.sheet == "Kegiatan"]
    assert len(keg) == 10
    assert {r.ref for r in keg[:5]} == {"X3:X504"}
    assert keg[9].formula == '$Z3="Sangat Rendah"' and keg[9].ref == "Z3:Z504"


@given(st.floats(-50, 250, allow_nan=False),
       st.lists(st.floats(0, 150), min_size=4, max_size=4, unique=True))
def test_exactly_one_band_matches_and_it_is_the_predikat(value: float, bands: list) -> None:
    bands = tuple(sorted(bands, reverse=True))
    hits = []
    for name, formula in band_formulas("$X3", bands):
        conds = _CONDITION.findall(formula)
        if all(value >= float(n) if op == ">=" else value < float(n) for op, n in conds):
            hits.append(name)
    assert hits == [predikat(value, bands)]


def test_bands_come_from_pengaturan(tmp_path: Path) -> None:
    """The colour rules read the bands through the defined names Hitung points at the
    Pengaturan cells (so a changed band recolours without Hitung)."""
    path = tmp_path / "pita.xlsx"
    wb = write_plan(sample_plan())
    ws = wb[PENGATURAN]
    row = next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == S.BAND_LABELS[1])
    ws.cell(row, 2, 80.5)
    save_workbook(wb, path)
    comp = compute(grids(openpyxl.load_workbook(path)))
    formulas = [r.formula for r in colour_rules(comp)]
    assert "AND(ISNUMBER($X3),$X3>=BatasTinggi,$X3<BatasSangatTinggi)" in formulas
    cell = f"'{PENGATURAN}'!$B${row}"
    assert comp.writes.names["BatasTinggi"] == f"IF(ISNUMBER({cell}),{cell},76)"


def test_is_ours_needs_our_shape_and_our_colour() -> None:
    assert is_ours("AND(ISNUMBER($R3),$R3>=91)", "FF63BE7B")
    assert is_ours("AND(ISNUMBER($R3),$R3>=BatasTinggi,$R3<BatasSangatTinggi)", "FFC6EFCE")
    assert is_ours('=$S3="Tinggi"', "00C6EFCE")
    assert not is_ours("AND(ISNUMBER($R3),$R3>=91)", "FF0000FF")
    assert not is_ours("$R3>100", "FF63BE7B")
    assert not is_ours('$S3="Lulus"', "FFC6EFCE")
    tiny = band_formulas("$R3", (90.0, 80.0, 70.0, 5e-05))[3][1]
    assert tiny == "AND(ISNUMBER($R3),$R3>=5E-05,$R3<70)" and is_ours(tiny, "FFF8CBAD")


def test_rerun_replaces_ours_and_keeps_the_users(sample_xlsx: Path) -> None:
    hitung_with_colours(sample_xlsx)
    wb = openpyxl.load_workbook(sample_xlsx)
    ws = wb["Kegiatan"]
    blue = PatternFill("solid", start_color="FF0000FF", end_color="FF0000FF")
    ws.conditional_formatting.add("X3:X50", CellIsRule(operator="greaterThan", formula=["100"],
                                                       fill=blue))
    ws.conditional_formatting.add("D3:D50", FormulaRule(formula=['LEN($D3)>60'], fill=blue))
    stale = PatternFill("solid", start_color="FF63BE7B", end_color="FF63BE7B")
    ws.conditional_formatting.add("B3:B9", FormulaRule(formula=["AND(ISNUMBER($B3),$B3>=91)"],
                                                       fill=stale))  # ours, from an old column
    wb.save(sample_xlsx)
    hitung_with_colours(sample_xlsx)
    hitung_with_colours(sample_xlsx)
    rules = rules_of(sample_xlsx, "Kegiatan")
    ours = [(ref, r) for ref, r in rules if _is_ours(r)]
    users = [(ref, r) for ref, r in rules if not _is_ours(r)]
    assert len(ours) == 5 and {ref for ref, _ in ours} == {"X3:Y504"}
    assert sorted((ref, r.type) for ref, r in users) == [("D3:D50", "expression"),
                                                         ("X3:X50", "cellIs")]
    assert max(r.priority for _, r in users) < min(r.priority for _, r in ours)


@needs_lo
@needs_poppler
def test_libreoffice_colours_live_capaian(sample_xlsx: Path, tmp_path: Path) -> None:
    plain = tmp_path / "tanpa-warna.xlsx"
    run_file(sample_xlsx, compute, out=plain)  # the computed columns, without colour rules
    hitung_with_colours(sample_xlsx)
    green, red = PREDIKAT_FILL["Sangat Tinggi"], PREDIKAT_FILL["Sangat Rendah"]
    none = pixels(convert(plain, tmp_path / "a", "pdf"))
    assert colour_count(none, green) == colour_count(none, red) == 0, "control"
    before = pixels(convert(sample_xlsx, tmp_path / "b", "pdf"))
    assert colour_count(before, green) > 200 and colour_count(before, red) > 50
    wb = openpyxl.load_workbook(sample_xlsx)
    wb["Kegiatan"]["T3"] = 9  # K1: 3 + 9 = 12 of 12 documents; no Hitung afterwards
    wb.save(sample_xlsx)
    after = pixels(convert(sample_xlsx, tmp_path / "c", "pdf"))
    assert colour_count(after, red) < colour_count(before, red) * 0.75
    assert colour_count(after, green) > colour_count(before, green)


def test_a_periksa_run_leaves_the_colours_alone(sample_xlsx: Path) -> None:
    hitung_with_colours(sample_xlsx)
    wb = open_workbook(sample_xlsx)
    assert apply_colour_rules(wb, check(grids(wb, sample_xlsx))) == 0
    wb.save(sample_xlsx)
    assert sum(_is_ours(r) for _, r in rules_of(sample_xlsx, "Program")) == 5
