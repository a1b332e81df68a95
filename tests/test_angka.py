"""The quantity grammar of docs/angka.md: every form planners write, read by hand.

Each row of the table: the cell text, then the reading computed by hand (low, high, bound,
unit, and whether a warning / "no value" / a grade is expected)."""

from __future__ import annotations

import datetime as dt
import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kinerja_xl.core.numbers import (
    DEFAULT_SCALES,
    Scale,
    format_number,
    is_money_unit,
    parse_amount,
    parse_quantity,
    unit_agrees,
)

# text, low, high, bound, unit, warns
TABLE = [
    # plain numbers and separators
    ("85", 85, 85, None, "", False),
    ("85%", 85, 85, None, "%", False),
    ("1.234,5", 1234.5, 1234.5, None, "", False),
    ("1.234", 1234, 1234, None, "", False),
    ("98.75", 98.75, 98.75, None, "", False),
    ("1,5", 1.5, 1.5, None, "", False),
    ("0,25", 0.25, 0.25, None, "", False),
    ("1,234.5", 1234.5, 1234.5, None, "", False),
    ("-5", -5, -5, None, "", False),
    # unit words (from real LKjIP/LKPJ/LPPD tables)
    ("6,5 bulan", 6.5, 6.5, None, "bulan", False),
    ("15 Dokumen", 15, 15, None, "Dokumen", False),
    ("60 kali", 60, 60, None, "kali", False),
    ("2 hari", 2, 2, None, "hari", False),
    ("1.000 Ton", 1000, 1000, None, "Ton", False),
    ("1.500bh", 1500, 1500, None, "bh", False),
    ("100 persen", 100, 100, None, "%", False),
    ("12 orang", 12, 12, None, "orang", False),
    ("4 unit", 4, 4, None, "unit", False),
    ("3 laporan", 3, 3, None, "laporan", False),
    ("27 desa", 27, 27, None, "desa", False),
    ("5 m", 5, 5, None, "m", False),  # lower-case m is metre, not miliar
    ("7,25 km.", 7.25, 7.25, None, "km", False),
    ("2 kegiatan/tahun", 2, 2, None, "kegiatan/tahun", False),
    # comparison words and signs
    ("≥ 80%", 80, 80, ">=", "%", False),
    (">= 80", 80, 80, ">=", "", False),
    ("> 75", 75, 75, ">", "", False),
    ("< 5", 5, 5, "<", "", False),
    ("<= 5", 5, 5, "<=", "", False),
    ("≤ 2,5 %", 2.5, 2.5, "<=", "%", False),
    ("minimal 90", 90, 90, ">=", "", False),
    ("Minimal 90 %", 90, 90, ">=", "%", False),
    ("paling sedikit 10 desa", 10, 10, ">=", "desa", False),
    ("sekurang-kurangnya 3 kali", 3, 3, ">=", "kali", False),
    ("maksimal 5", 5, 5, "<=", "", False),
    ("paling banyak 2 kasus", 2, 2, "<=", "kasus", False),
    ("setinggi-tingginya 10%", 10, 10, "<=", "%", False),
    ("maks. 3 hari", 3, 3, "<=", "hari", False),
    # ranges
    ("80-90", 80, 90, None, "", False),
    ("80 – 90", 80, 90, None, "", False),
    ("80 — 90", 80, 90, None, "", False),
    ("80%-90%", 80, 90, None, "%", False),
    ("80 s.d. 90", 80, 90, None, "", False),
    ("80 s/d 90", 80, 90, None, "", False),
    ("80 sd 90", 80, 90, None, "", False),
    ("80 sampai 90", 80, 90, None, "", False),
    ("80 sampai dengan 90", 80, 90, None, "", False),
    ("80 hingga 90", 80, 90, None, "", False),
    ("7,5-8,5", 7.5, 8.5, None, "", False),
    ("80 dokumen s.d. 90 dokumen", 80, 90, None, "dokumen", False),
    ("> 85 s.d. 100", 85, 100, ">", "", False),  # a bound before a range: the range is used
    ("91 % ≤ 100 %", 91, 100, None, "%", False),  # a ≤ b between two numbers: the range [a, b]
    ("60 < 70", 60, 70, None, "", False),
    # money
    ("Rp 1.234.567", 1234567, 1234567, None, "", False),
    ("Rp1.500.000,00", 1500000, 1500000, None, "", False),
    ("Rp. 55.463.202.837,-", 55463202837, 55463202837, None, "", False),
    ("55.463.202.837,-", 55463202837, 55463202837, None, "", False),
    ("Rp 1,2 M", 1.2e9, 1.2e9, None, "", False),
    ("2,5 juta", 2.5e6, 2.5e6, None, "", False),
    ("2,5 jt", 2.5e6, 2.5e6, None, "", False),
    ("750 ribu", 750e3, 750e3, None, "", False),
    ("750 rb", 750e3, 750e3, None, "", False),
    ("2,361 triliun", 2.361e12, 2.361e12, None, "", False),  # a multiplier: comma is decimal
    ("1,5 miliar", 1.5e9, 1.5e9, None, "", False),
    ("3 milyar", 3e9, 3e9, None, "", False),
    ("1 T", 1e12, 1e12, None, "", False),
    ("Rp 2,5 juta rupiah", 2.5e6, 2.5e6, None, "rupiah", False),
    # parenthetical notes
    ("3,5 (skala 4)", 3.5, 3.5, None, "", False),
    ("80 % (angka sementara)", 80, 80, None, "%", False),
    # the ambiguous comma with three digits
    ("9,154", 9.154, 9.154, None, "", True),
    ("1,100", 1.1, 1.1, None, "", True),
    ("9,154 dokumen", 9.154, 9.154, None, "dokumen", True),
]


@pytest.mark.parametrize(("text", "low", "high", "bound", "unit", "warns"), TABLE)
def test_table_of_forms(text, low, high, bound, unit, warns) -> None:
    p = parse_quantity(text)
    assert p.error is None, p.error
    assert p.value is not None
    assert (p.value.low, p.value.high) == (pytest.approx(low, rel=1e-15),
                                           pytest.approx(high, rel=1e-15))
    assert p.bound == bound and p.unit == unit
    assert bool(p.warnings) is warns, p.warnings


def test_table_has_at_least_sixty_forms() -> None:
    assert len(TABLE) + len(NO_VALUE) + len(GRADES) >= 60


NO_VALUE = ["NA", "N/A", "n/a", "N.A.", "-", "—", "–", "tidak ada", "Belum ada", " NA "]


@pytest.mark.parametrize("text", NO_VALUE)
def test_no_value_is_a_status_not_an_error(text: str) -> None:
    p = parse_quantity(text)
    assert p.no_value and p.value is None and p.error is None and not p.blank


# text, scale, score (worst grade = 1), size
GRADES = [("AA", "SAKIP", 7, 7), ("A", "SAKIP", 6, 7), ("BB", "SAKIP", 5, 7),
          ("b", "SAKIP", 4, 7), ("CC", "SAKIP", 3, 7), ("D", "SAKIP", 1, 7),
          ("WTP", "Opini BPK", 4, 4), ("WDP", "Opini BPK", 3, 4), ("TMP", "Opini BPK", 1, 4),
          ("Baik", "Kualitatif", 4, 5), ("Sangat  Baik", "Kualitatif", 5, 5),
          ("sangat kurang", "Kualitatif", 1, 5)]


@pytest.mark.parametrize(("text", "scale", "score", "size"), GRADES)
def test_grades_on_default_scales(text, scale, score, size) -> None:
    p = parse_quantity(text)
    assert p.grade is not None and (p.grade.scale, p.grade.score, p.grade.size) == \
        (scale, score, size)
    assert p.value is not None and p.value.value == score


def test_scales_come_from_the_caller() -> None:
    mine = (Scale("IKM", ("Sangat Baik", "Baik", "Kurang Baik", "Tidak Baik")),)
    assert parse_quantity("Kurang Baik", mine).grade.score == 2
    assert parse_quantity("BB", mine).error  # not a grade of this workbook


def test_money_satuan_reads_the_three_digit_comma_as_thousands() -> None:
    p = parse_quantity("9,154", money=True)
    assert p.value.value == 9154 and p.warnings and "pemisah ribuan" in p.warnings[0]
    decimal = parse_quantity("9,154")
    assert "koma desimal" in decimal.warnings[0] and "9154" in decimal.warnings[0]
    assert parse_amount("1,100").value.value == 1100  # a budget cell is money


@pytest.mark.parametrize(("raw", "words"), [
    (dt.datetime(2025, 3, 1), "tanggal"), (dt.date(2025, 3, 1), "tanggal"),
    ("#N/A", "galat #N/A dari rumus"), ("#DIV/0!", "galat #DIV/0!"),
    ("#VALUE!", "galat #VALUE!"), ("Err:502", "galat Err:502"),
])
def test_dates_and_error_values_have_plain_messages(raw, words) -> None:
    p = parse_quantity(raw)
    assert p.value is None and words in p.error
    assert "datetime" not in p.error and "NoneType" not in p.error


@pytest.mark.parametrize("text", ["85 orang 3", "--", "abc", "Rp", "85.", "12 + 3",
                                  "90-80", "≥", "(skala 4)", "1.2.3 bulan", "A+"])
def test_rejected_with_a_reason(text: str) -> None:
    p = parse_quantity(text)
    assert p.value is None and p.error and len(p.error) < 200


@pytest.mark.parametrize(("unit", "satuan", "ok"), [
    ("dokumen", "Dokumen", True), ("dok", "Dokumen", True), ("bh", "buah", True),
    ("%", "Persen", True), ("%", "%", True), ("bulan", "Dokumen", False),
    ("orang", "", True), ("rupiah", "Rp", True), ("kali", "Kegiatan", False),
])
def test_unit_agreement(unit, satuan, ok) -> None:
    assert unit_agrees(unit, satuan) is ok


def test_money_satuan() -> None:
    assert is_money_unit("Rp") and is_money_unit("Rupiah") and is_money_unit("Rp juta")
    assert not is_money_unit("Dokumen") and not is_money_unit("persen")


# Hypothesis -------------------------------------------------------------------------------

@given(st.text(max_size=60))
def test_never_raises_on_any_string(text: str) -> None:
    p = parse_quantity(text)
    assert (p.value is None) or (p.error is None)
    if p.value is not None:
        assert math.isfinite(p.value.low) and p.value.low <= p.value.high


@given(st.text(alphabet="0123456789.,-–%≥≤<> sdRpMjutaribkl()/NA", max_size=30),
       st.booleans())
def test_never_raises_on_number_like_strings(text: str, money: bool) -> None:
    p = parse_quantity(text, DEFAULT_SCALES, money)
    assert (p.value is None) or (p.error is None)


_UNITS = st.sampled_from(["", "%", " persen", " dokumen", " Dokumen", " kali", " hari",
                          " bulan", "bh", " orang", " unit"])
_BOUNDS = st.sampled_from([("", None), ("≥ ", ">="), (">=", ">="), ("minimal ", ">="),
                           ("paling sedikit ", ">="), ("≤ ", "<="), ("maksimal ", "<="),
                           ("< ", "<"), ("> ", ">"), ("paling banyak ", "<=")])
_SEPS = st.sampled_from(["-", " - ", " – ", " s.d. ", " s/d ", " sampai ", " hingga ",
                         " sampai dengan "])
_NOTES = st.sampled_from(["", " (skala 4)", " (sementara)"])


def _render(x: float) -> str:
    """A number as an Indonesian planner writes it (thousands dots, decimal comma)."""
    return format_number(x)


_VALUES = st.one_of(st.integers(0, 10**9).map(float),
                    st.integers(0, 10**6).map(lambda n: n / 100))


@given(_VALUES, _UNITS, _BOUNDS, _NOTES)
def test_round_trip_number_unit_bound_note(x: float, unit: str, bound, note: str) -> None:
    prefix, sign = bound
    text = f"{prefix}{_render(x)}{unit}{note}"
    p = parse_quantity(text)
    if _AMBIGUOUS_COMMA(_render(x)):
        assert p.warnings
        return
    assert p.error is None, text
    assert p.value.low == p.value.high == x, text
    assert p.bound == sign
    assert p.unit == {"": "", " persen": "%"}.get(unit, unit.strip())


def _AMBIGUOUS_COMMA(token: str) -> bool:
    whole, _, frac = token.partition(",")
    return "." not in whole and len(frac) == 3


@given(_VALUES, _VALUES, _SEPS, _UNITS)
def test_round_trip_ranges(a: float, b: float, sep: str, unit: str) -> None:
    low, high = sorted((a, b))
    text = f"{_render(low)}{unit}{sep}{_render(high)}{unit}"
    p = parse_quantity(text)
    if _AMBIGUOUS_COMMA(_render(low)) or _AMBIGUOUS_COMMA(_render(high)):
        return
    assert p.error is None, text
    assert (p.value.low, p.value.high) == (low, high), text


@given(st.integers(1, 999), st.integers(0, 99),
       st.sampled_from([("ribu", 3), ("rb", 3), ("juta", 6), ("jt", 6), ("M", 9),
                        ("miliar", 9), ("milyar", 9), ("T", 12), ("triliun", 12)]),
       st.sampled_from(["", "Rp ", "Rp. ", "rp"]))
def test_round_trip_money(whole: int, cents: int, mult, rp: str) -> None:
    word, exponent = mult
    text = f"{rp}{whole},{cents:02d} {word}"
    p = parse_quantity(text)
    assert p.error is None and p.money, text
    assert p.value.value == float(f"{whole}.{cents:02d}e{exponent}"), text


@given(st.integers(0, 10**12))
def test_round_trip_rupiah_with_dash(n: int) -> None:
    p = parse_quantity(f"Rp. {format_number(n)},-")
    assert p.value.value == n and p.money


@given(st.sampled_from(DEFAULT_SCALES), st.data())
def test_round_trip_grades(scale, data) -> None:
    i = data.draw(st.integers(0, len(scale.grades) - 1))
    name = scale.grades[i]
    for text in (name, name.upper(), name.lower(), f"  {name}  "):
        p = parse_quantity(text)
        assert p.grade.name == name and p.grade.score == len(scale.grades) - i
