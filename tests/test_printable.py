"""The one export preparation (`kinerja_xl.xlsx.printable`): PDFs of PK, Pohon Kinerja and Rekap
must not depend on the fonts a machine has.

The LibreOffice tests print the same sheets with two fonts of very different widths (DejaVu Sans,
and DejaVu Sans Condensed, 10 % narrower) and require the same pages and the same column
positions, no `###`, and no words drawn over each other. Before the shared preparation, Pohon
Kinerja printed on 4 pages instead of 2 where Calibri was missing.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import needs_lo
from pk_support import POPPLER, overlapping, pdf_pages, pdf_words, plan_grids, render_gray
from sample import sample_plan
from test_visual_support import kecamatan_plan

from kinerja_xl.core.compute import compute
from kinerja_xl.core.sheetspec import SheetSpec
from kinerja_xl.pk import plan_pk
from kinerja_xl.visual.pohon import pohon_specs
from kinerja_xl.visual.rekap import rekap_sheet
from kinerja_xl.xlsx.fill import write_plan
from kinerja_xl.xlsx.load import grids
from kinerja_xl.xlsx.printable import (
    ARIAL,
    CALIBRI_DIGIT_EM,
    DEJAVU_SANS,
    EXCEL_PT_PER_UNIT,
    LIBERATION_SANS,
    PrintFont,
    choose_font,
    export_pdfs,
    printable_spec,
    printable_workbook,
)

# DejaVu Sans Condensed: '0' is 1172/2048 em, bold 1282/2048 (its hmtx table).
CONDENSED = PrintFont("DejaVu Sans Condensed", 1172 / 2048, 1282 / 2048)


def kecamatan_specs() -> dict[str, list[SheetSpec]]:
    comp = compute(grids(write_plan(kecamatan_plan())))
    pk = plan_pk(plan_grids(sample_plan()), ["KASUBBAG-PK"]).specs
    return {"pohon": pohon_specs(comp), "rekap": [rekap_sheet(comp)], "pk": pk}


def test_choice_prefers_arial_metrics_then_dejavu() -> None:
    assert choose_font(frozenset({"dejavu sans", "liberation sans"})) == LIBERATION_SANS
    assert choose_font(frozenset({"dejavu sans", "carlito"})) == DEJAVU_SANS
    assert choose_font(frozenset({"arial", "dejavu sans"})) == ARIAL
    assert choose_font(None) == ARIAL  # no fontconfig: Windows, where Arial always exists
    assert choose_font(frozenset({"noto sans"})) == ARIAL  # nothing known: LibreOffice picks


def test_columns_print_as_wide_as_in_excel_whatever_the_font() -> None:
    spec = kecamatan_specs()["pk"][0]
    for font in (DEJAVU_SANS, LIBERATION_SANS, CONDENSED):
        out = printable_spec(spec, font)
        for col, width in spec.widths.items():
            # LibreOffice prints a unit as the default font's '0' at 11 pt
            printed = out.widths[col] * font.digit_em * 11
            assert printed == pytest.approx(width * EXCEL_PT_PER_UNIT, abs=0.1)
        assert set(out.heights) == set(range(1, spec.last_row + 1))
        assert {c.style.font for c in out.cells} == {font.name}
        for before, after in zip(spec.cells, out.cells, strict=True):
            digit = (font.bold_digit_em if before.style.bold else font.digit_em)
            assert after.style.size * digit == pytest.approx(
                (before.style.size or 11) * CALIBRI_DIGIT_EM, rel=0.01)
            assert after.value == before.value


def test_prepared_workbook_uses_the_font_as_default() -> None:
    wb = printable_workbook(kecamatan_specs()["rekap"], CONDENSED)
    assert wb.sheetnames == ["Rekap"]
    assert wb._named_styles["Normal"].font.name == "DejaVu Sans Condensed"


@pytest.fixture(scope="module")
def printed(tmp_path_factory) -> dict[tuple[str, str], Path]:
    if not POPPLER:
        pytest.skip("poppler-utils not installed")
    tmp = tmp_path_factory.mktemp("printable")
    groups, targets = [], []
    for kind, specs in kecamatan_specs().items():
        for font in (DEJAVU_SANS, CONDENSED):
            groups.append(specs)
            targets.append(tmp / f"{kind}-{font.name.replace(' ', '_')}.pdf")
    out = {}
    for font in (DEJAVU_SANS, CONDENSED):
        mine = [(g, t) for g, t in zip(groups, targets, strict=True)
                if font.name.replace(" ", "_") + ".pdf" == t.name.split("-", 1)[1]]
        export_pdfs([g for g, _ in mine], [t for _, t in mine], font)
        for _, t in mine:
            out[(t.name.split("-")[0], font.name)] = t
    return out


def vertical_rules(pdf: Path, page: int, tmp: Path, dpi: int = 60) -> list[int]:
    """x (pixels) of the vertical lines of a page: table and box borders, found as columns
    with a dark run of at least 25 px (a centimetre; text never stacks that high)."""
    gray = render_gray(pdf, page, tmp / f"{pdf.stem}-{page}", dpi)
    xs = []
    for x in range(len(gray[0])):
        run = best = 0
        for row in gray:
            run = run + 1 if row[x] < 160 else 0
            best = max(best, run)
        if best >= 25:
            xs.append(x)
    return xs


@needs_lo
@pytest.mark.parametrize("kind", ["pk", "pohon", "rekap"])
def test_same_pages_and_columns_with_either_font(printed, kind: str, tmp_path: Path) -> None:
    wide, narrow = printed[(kind, DEJAVU_SANS.name)], printed[(kind, CONDENSED.name)]
    specs = kecamatan_specs()[kind]
    expected = sum(len(s.print.row_breaks) + 1 for s in specs)
    assert pdf_pages(wide) == pdf_pages(narrow) == expected
    for pdf in (wide, narrow):
        words = pdf_words(pdf)
        assert words, pdf.name
        assert not [w for w in words if "###" in w.text], pdf.name
        assert overlapping(words) == [], pdf.name
    # the borders of tables and boxes stand at the same places with either font
    ruled = 0
    for page in range(1, expected + 1):
        a, b = vertical_rules(wide, page, tmp_path), vertical_rules(narrow, page, tmp_path)
        assert len(a) == len(b), (kind, page)
        assert all(abs(x - y) <= 1 for x, y in zip(a, b, strict=True)), (kind, page, a, b)
        ruled += len(a)
    assert ruled >= 4, "the check saw no borders"


@needs_lo
def test_pdf_embeds_only_the_chosen_font(printed) -> None:
    import subprocess

    for (kind, font), pdf in printed.items():
        out = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True,
                             check=True).stdout
        names = {line.split()[0].split("+")[-1] for line in out.splitlines()[2:]}
        base = font.replace(" ", "")
        assert base in names, (font, names)
        if kind != "rekap":  # Rekap's charts draw their labels in LibreOffice's chart font
            assert all(n.startswith(base) for n in names), (font, names)
