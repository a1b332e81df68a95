"""The number parser (DESIGN §3): Indonesian separators, percent, ranges, clear errors."""

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kinerja_xl.core.numbers import Quantity, format_number, parse_amount, parse_quantity


@pytest.mark.parametrize(("text", "low", "high"), [
    ("85", 85, 85), ("85%", 85, 85), (" 85 % ", 85, 85), ("1.234,5", 1234.5, 1234.5),
    ("1,5", 1.5, 1.5), ("1.234", 1234, 1234), ("1.234.567", 1234567, 1234567),
    ("12.5", 12.5, 12.5), ("0.123", 0.123, 0.123), ("1,234.5", 1234.5, 1234.5),
    ("Rp 1.234.567", 1234567, 1234567), ("Rp1.500.000,00", 1500000, 1500000),
    ("-5", -5, -5), ("80-90", 80, 90), ("80 – 90", 80, 90), ("80 — 90", 80, 90),
    ("80%-90%", 80, 90), ("80 s.d. 90", 80, 90), ("80 s/d 90", 80, 90),
    ("1.000 - 2.000", 1000, 2000), ("7,5-8,5", 7.5, 8.5), ("\u00a085\u00a0", 85, 85),
])
def test_accepted(text: str, low: float, high: float) -> None:
    parsed = parse_quantity(text)
    assert parsed.error is None
    assert parsed.value == Quantity(low, high)


@pytest.mark.parametrize("raw", [85, 85.0, 0, -3.25])
def test_numbers_pass_through(raw: float) -> None:
    assert parse_quantity(raw).value == Quantity.point(float(raw))


@pytest.mark.parametrize("text", ["abc", "85 orang 3", "1.2.3", "90-80", "--", "1,2,3,4",
                                  "12..5", "%", "x" * 10_000, "inf", "nan", "1e5"])
def test_rejected_with_a_reason(text: str) -> None:
    parsed = parse_quantity(text)
    assert parsed.value is None and parsed.error
    assert len(parsed.error) < 200  # the message quotes the cell, shortened


@pytest.mark.parametrize("raw", [None, "", "   "])
def test_blank(raw: object) -> None:
    assert parse_quantity(raw).blank


def test_other_types_are_errors_not_crashes() -> None:
    assert parse_quantity(True).error
    assert parse_quantity(float("nan")).error
    assert parse_quantity(object()).error


def test_amount_refuses_ranges() -> None:
    assert parse_amount("1.000-2.000").error
    assert parse_amount("Rp 2.500.000").value == Quantity.point(2_500_000)


def test_format_number_is_indonesian() -> None:
    assert format_number(1234567) == "1.234.567"
    assert format_number(1234.5) == "1.234,5"
    assert format_number(85.0) == "85"


@given(st.text())
def test_never_raises_on_any_string(text: str) -> None:
    parsed = parse_quantity(text)
    assert (parsed.value is None) or (parsed.error is None)
    if parsed.value is not None:
        assert math.isfinite(parsed.value.low) and parsed.value.low <= parsed.value.high


@given(st.integers(min_value=0, max_value=10**12))
def test_indonesian_thousands_round_trip(n: int) -> None:
    assert parse_quantity(format_number(n)).value == Quantity.point(float(n))


@given(st.integers(min_value=0, max_value=10**9), st.integers(min_value=1, max_value=99))
def test_decimal_comma_round_trip(whole: int, frac: int) -> None:
    text = f"{format_number(whole)},{frac:02d}"
    assert parse_quantity(text).value == Quantity.point(float(f"{whole}.{frac:02d}"))
