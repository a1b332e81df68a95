"""The PK sheet as a SheetSpec: merges, numbers, print setup, row heights, rupiah format."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from pk_support import cell_at, plan_grids
from sample import sample_plan

from kinerja_xl.core.contract import Level
from kinerja_xl.core.model import Indicator
from kinerja_xl.core.rupiah import format_rupiah, rupiah_format
from kinerja_xl.pk import build_pk_specs
from kinerja_xl.pk.layout import LAST_COL, WIDTHS
from kinerja_xl.pk.wrap import count_lines, line_height_pt


def spec_of(official: str, plan=None):
    return build_pk_specs(plan_grids(plan or sample_plan()), [official])[0][0]


def test_rupiah_text_by_hand():
    assert format_rupiah(0) == "Rp 0"
    assert format_rupiah(999) == "Rp 999"
    assert format_rupiah(1000) == "Rp 1.000"
    assert format_rupiah(170_000_000) == "Rp 170.000.000"
    assert format_rupiah(1_234_567_890_123) == "Rp 1.234.567.890.123"
    assert format_rupiah(1234.6) == "Rp 1.235"


def test_rupiah_format_by_hand():
    assert rupiah_format(999) == '"Rp "0" "'
    assert rupiah_format(150_000_000) == '"Rp "#"."000"."000" "'
    assert rupiah_format(1_000_000_000) == '"Rp "#"."000"."000"."000" "'


@given(st.integers(min_value=0, max_value=10**15))
def test_rupiah_format_matches_the_digit_groups(amount):
    # A literal dot for every separator of the Indonesian text, three zero placeholders after
    # each, and a leading group of 1 to 3 digits for the '#' (or a lone '0' below 1.000).
    fmt = rupiah_format(amount)
    groups = str(amount)
    separators = (len(groups) - 1) // 3
    assert fmt.count('"."') == separators == format_rupiah(amount).count(".")
    if separators:
        assert fmt == '"Rp "#' + '"."000' * separators + '" "'
        assert 1 <= len(groups) - 3 * separators <= 3
    else:
        assert fmt == '"Rp "0" "'


def test_amounts_are_numbers_with_rupiah_format():
    spec = spec_of("KASUBBAG-PK")
    jumlah = cell_at(spec, "Jumlah")
    total = next(c for c in spec.cells if c.row == jumlah.row and c.col == 5)
    assert total.value == 100_000_000 + 50_000_000 + 20_000_000
    assert total.style.number_format == rupiah_format(170_000_000)
    assert (total.cols, jumlah.cols) == (2, 4)


def test_sasaran_cell_is_merged_over_its_indicator_rows():
    spec = spec_of("KASUBBAG-PK")
    sinergi = cell_at(spec, "Sinergi terlaksana")
    assert (sinergi.rows, sinergi.cols, sinergi.col) == (2, 2, 2)  # SK3 has two indicators
    first = cell_at(spec, "Jumlah rapat koordinasi")
    second = cell_at(spec, "Rata-rata kehadiran unsur")
    assert (first.row, second.row) == (sinergi.row, sinergi.row + 1)
    number = next(c for c in spec.cells if c.row == sinergi.row and c.col == 1)
    assert (number.value, number.rows) == (3, 2)


def test_print_setup_page_break_before_lampiran():
    spec = spec_of("CAMAT")
    p = spec.print
    assert (p.orientation, p.paper, p.fit_width) == ("portrait", "A4", True)
    assert p.area == (1, 1, spec.last_row, LAST_COL)
    lampiran = cell_at(spec, "LAMPIRAN PERJANJIAN KINERJA TAHUN 2025")
    assert p.row_breaks == [lampiran.row - 1]
    # The agreement page ends with the signatures (Pihak Pertama's NIP line).
    nip = [c for c in spec.cells if c.value == "NIP. 197001012000031001"]
    assert nip[0].row == lampiran.row - 1
    # One indicator table: its column header repeats with the Lampiran heading.
    header = cell_at(spec, "Sasaran Strategis")
    assert p.title_rows == (lampiran.row, header.row)
    assert not spec.gridlines


def test_several_tables_repeat_only_the_heading():
    spec = spec_of("KASUBBAG-PK")
    lampiran = cell_at(spec, "LAMPIRAN PERJANJIAN KINERJA TAHUN 2025")
    assert spec.print.title_rows == (lampiran.row, lampiran.row + 2)


def test_external_atasan_has_no_nip_line():
    spec = spec_of("CAMAT")
    nips = [c for c in spec.cells if isinstance(c.value, str) and c.value.startswith("NIP.")]
    assert {c.value for c in nips} == {"NIP. 197001012000031001"}
    assert all(c.col == 4 for c in nips)  # right side: Pihak Pertama; left stays blank
    blanks = [c for c in spec.cells if c.row == nips[0].row and c.col == 1]
    assert blanks[0].value == ""


def test_row_heights_fit_long_wrapped_text():
    plan = sample_plan()
    long_sasaran = " ".join(["Meningkatnya kualitas perencanaan dan penganggaran"] * 6)
    long_indicator = " ".join(["Persentase dokumen perencanaan yang tepat waktu"] * 4)
    k1 = plan.find(Level.KEGIATAN, "K1")
    k1.sasaran = long_sasaran
    k1.indicators = [Indicator(0, long_indicator, "%", target=None, target_text="100")]
    spec = spec_of("KASUBBAG-PK", plan)
    cell = cell_at(spec, long_indicator)
    needed = count_lines(long_indicator, WIDTHS[4]) * line_height_pt()
    assert spec.heights[cell.row] >= needed
    sasaran_lines = count_lines(long_sasaran, WIDTHS[2] + WIDTHS[3])
    assert sasaran_lines >= 4  # the test is about a really long text
    assert spec.heights[cell.row] >= sasaran_lines * line_height_pt()


def test_count_lines_by_hand():
    assert count_lines("", 10) == 1
    assert count_lines("a", 10) == 1
    assert count_lines("satu\ndua", 30) == 2
    # 40 'W' at 944/1000 em, 11 pt, 6% margin = 440 pt; 30 units give (210 - 2) * 0.75 = 156 pt
    assert count_lines("W" * 40, 30) == 3
    # "kata" = (500 + 556 + 278 + 556) / 1000 * 11 pt * 1.06 = 22.04 pt, a space 3.24 pt:
    # 22.04 + 5 * 25.28 = 148.4 <= 156, so 6 words a line, and 100 words need 17 lines.
    assert count_lines(" ".join(["kata"] * 100), 30) == 17
