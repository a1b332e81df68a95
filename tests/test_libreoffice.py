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


# Life after Hitung: edits made in the spreadsheet, recalculated by LibreOffice, no Hitung ------

RUN = "jalankan Hitung"


def _col(ws, header: str) -> int:
    from kinerja_xl.core.contract import norm_header

    for c in range(1, ws.max_column + 1):
        if norm_header(ws.cell(2, c).value) == norm_header(header):
            return c
    raise KeyError(header)


def _row(ws, name: str) -> int:
    c = _col(ws, "Indikator")
    return next(r for r in range(3, ws.max_row + 1) if ws.cell(r, c).value == name)


def _copy_row(ws, src: int, dst: int) -> None:
    """What Excel's copy and paste of a whole row does: values, and formulas with their
    relative references moved."""
    from openpyxl.formula.translate import Translator

    for c in range(1, ws.max_column + 1):
        a, b = ws.cell(src, c), ws.cell(dst, c)
        if isinstance(a.value, str) and a.value.startswith("="):
            b.value = Translator(a.value, origin=a.coordinate).translate_formula(b.coordinate)
        else:
            b.value = a.value


def _set_setting(wb, label: str, value) -> None:
    from kinerja_xl.core.contract import PENGATURAN

    ws = wb[PENGATURAN]
    row = next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == label)
    ws.cell(row, 2).value = value


def _core_values(path: Path):
    """The core's values for every computed cell of the edited file (Hitung not written)."""
    from kinerja_xl.core.compute import compute
    from kinerja_xl.xlsx.load import grids, open_workbook

    comp = compute(grids(open_workbook(path), path))
    out = {}
    for sw in comp.writes.sheets:
        for cw in sw.columns:
            for r, o in cw.cells.items():
                if o.formula:
                    out[(sw.sheet, r, cw.col)] = o.value
    return comp, out


def _compare(path: Path, work: Path, expect_run: set[tuple[str, int]]) -> int:
    """Every computed formula cell: LibreOffice equals the core, except the rows in
    expect_run, whose Realisasi and Capaian show "jalankan Hitung" and Predikat nothing."""
    from openpyxl.utils import get_column_letter

    lo = openpyxl.load_workbook(convert(path, work), data_only=True)
    _, core = _core_values(path)
    checked = 0
    for (sheet, r, c), mine in core.items():
        got = lo[sheet].cell(r, c).value
        header = lo[sheet].cell(2, c).value
        where = (sheet, f"{get_column_letter(c)}{r}", header)
        if (sheet, r) in expect_run and header in ("Realisasi", "Capaian (%)"):
            assert got == RUN, (*where, got)
        elif (sheet, r) in expect_run and header == "Predikat":
            assert got in (None, ""), (*where, got)
        elif isinstance(mine, float) or isinstance(got, float):
            assert got == pytest.approx(mine, rel=1e-12, abs=1e-12), (*where, got, mine)
        else:
            assert (got or "") == (mine or ""), (*where, got, mine)
        checked += 1
    return checked


def test_copied_rows_and_changed_polarity_tipe_follow_without_hitung(sample_xlsx: Path,
                                                                   tmp_path: Path) -> None:
    """Copy a row and make it Negatif + Kumulatif, change Polaritas and Tipe of existing rows,
    type new realisations and a target only Python can read: after LibreOffice recalculates
    (no Hitung), every computed cell equals what the core computes for the edited file."""
    compute_file(sample_xlsx)
    wb = openpyxl.load_workbook(sample_xlsx)
    sub = wb["Sub Kegiatan"]
    src = _row(sub, "Rata-rata kehadiran unsur")
    dst = src + 1
    _copy_row(sub, src, dst)  # same Kode (SK3): a new indicator of the same node
    sub.cell(dst, _col(sub, "Indikator")).value = "Jumlah pelanggaran (salinan)"
    sub.cell(dst, _col(sub, "Polaritas")).value = "Negatif"
    sub.cell(dst, _col(sub, "Tipe Penghitungan")).value = "Kumulatif"
    sub.cell(dst, _col(sub, "Target TW1")).value = 40
    sub.cell(dst, _col(sub, "Target TW2")).value = 60
    dst2 = dst + 1  # a second copy, then a text target only Python can read
    _copy_row(sub, src, dst2)
    sub.cell(dst2, _col(sub, "Indikator")).value = "Salinan dengan target teks"
    sub.cell(dst2, _col(sub, "Target")).value = "≥ 90 %"
    sas = wb["Sasaran"]
    sas.cell(_row(sas, "Persentase layanan tepat waktu"), _col(sas, "Polaritas")).value = \
        "Negatif"
    sas.cell(_row(sas, "Persentase keluhan"), _col(sas, "Tipe Penghitungan")).value = \
        "Rata-rata"
    keg = wb["Kegiatan"]
    keg.cell(_row(keg, "Jumlah dokumen"), _col(keg, "Realisasi TW2")).value = 9
    prog = wb["Program"]
    sakip = _row(prog, "Nilai SAKIP")  # a range target: Python's value, guarded
    prog.cell(sakip, _col(prog, "Realisasi TW2")).value = 99
    wb.save(sample_xlsx)
    expect_run = {("Sub Kegiatan", dst2), ("Program", sakip)}
    assert _compare(sample_xlsx, tmp_path, expect_run) >= 55


def test_changed_settings_follow_without_hitung(sample_xlsx: Path, tmp_path: Path) -> None:
    """Rumus Polaritas Negatif, Batas Capaian Maksimum, a predikat band and Periode changed in
    Pengaturan: live rows follow; rows Python computed say "jalankan Hitung"."""
    from kinerja_xl.core.contract import S

    compute_file(sample_xlsx)
    wb = openpyxl.load_workbook(sample_xlsx)
    _set_setting(wb, S.RUMUS_NEGATIF, "T/R")
    _set_setting(wb, S.BATAS_MAKS, 95)
    _set_setting(wb, S.BAND_LABELS[0], 99)
    _set_setting(wb, S.PERIODE, "TW1")
    sas = wb["Sasaran"]  # make a Negatif row give something the cap and T/R change
    sas.cell(_row(sas, "Persentase keluhan"), _col(sas, "Realisasi TW1")).value = 3
    wb.save(sample_xlsx)
    comp, _ = _core_values(sample_xlsx)
    python_rows = {(r.sheet, r.row) for r in comp.rows if not r.live}
    assert python_rows == {("Program", _row(wb["Program"], "Nilai SAKIP")),
                           ("Kegiatan", _row(wb["Kegiatan"], "Persentase koordinasi"))}
    assert any(r.capaian == 95 for r in comp.rows if r.live)  # the cap is in play
    assert _compare(sample_xlsx, tmp_path, python_rows) >= 45


def test_every_live_row_has_the_same_formula_in_r1c1(sample_xlsx: Path) -> None:
    """One formula per computed column: relative to its row, every live row's formula is the
    same text (checked by moving each formula to one row with openpyxl's translator)."""
    from openpyxl.formula.translate import Translator

    comp = compute_file(sample_xlsx)
    wb = openpyxl.load_workbook(sample_xlsx)
    live = {(r.sheet, r.row) for r in comp.rows if r.live}
    shapes: dict[tuple[str, str], set[str]] = {}
    for sheet in {s for s, _ in live}:
        ws = wb[sheet]
        for header in ("Uraian Induk", "Realisasi", "Capaian (%)", "Predikat"):
            try:
                c = _col(ws, header)
            except KeyError:
                continue
            for s, r in live:
                if s == sheet:
                    f = ws.cell(r, c)
                    moved = Translator(f.value, origin=f.coordinate).translate_formula(
                        f"{f.column_letter}100")
                    shapes.setdefault((header, sheet), set()).add(moved)
    by_header: dict[str, set[str]] = {}
    for (header, _), forms in shapes.items():
        assert len(forms) == 1, (header, forms)
        by_header.setdefault(header, set()).update(forms)
    assert {"Realisasi", "Capaian (%)", "Predikat"} <= set(by_header)
