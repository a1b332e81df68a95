"""The capaian rules of DESIGN §3, against values computed by hand, plus properties."""

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from kinerja_xl.core.capaian import (
    capaian,
    effective_periode,
    node_capaian,
    predikat,
    realisation,
    serapan,
    target,
)
from kinerja_xl.core.contract import DEFAULT_BANDS, NegativeRule, Polarity, Tipe
from kinerja_xl.core.model import Plan
from kinerja_xl.core.numbers import Quantity

P, N = Polarity.POSITIF, Polarity.NEGATIF
TR = NegativeRule.T_OVER_R


def qs(*values):
    out = [None if v is None else Quantity.point(v) for v in values]
    return tuple(out + [None] * (4 - len(out)))


def pt(x: float) -> Quantity:
    return Quantity.point(x)


class TestRealisation:
    def test_kumulatif_sums_quarters_up_to_n_empty_counts_zero(self):
        assert realisation(Tipe.KUMULATIF, qs(10, None, 5, 7), 3) == 15
        assert realisation(Tipe.KUMULATIF, qs(10, None, 5, 7), 4) == 22

    def test_non_kumulatif_takes_last_filled_quarter(self):
        assert realisation(Tipe.NON_KUMULATIF, qs(10, 20, None, 40), 3) == 20
        assert realisation(Tipe.NON_KUMULATIF, qs(10, 20, None, 40), 4) == 40

    def test_rata_rata_means_filled_quarters(self):
        assert realisation(Tipe.RATA_RATA, qs(80, None, 90), 3) == 85
        assert realisation(Tipe.RATA_RATA, qs(80, None, 90), 1) == 80

    @pytest.mark.parametrize("tipe", list(Tipe))
    def test_no_realisation_up_to_n_is_none(self, tipe):
        assert realisation(tipe, qs(None, None, 5), 2) is None


class TestTarget:
    def test_kumulatif_sums_quarterly_targets(self):
        assert target(Tipe.KUMULATIF, pt(100), qs(10, 20, 30, 40), 2) == pt(30)

    def test_kumulatif_without_quarterly_targets_uses_annual(self):
        assert target(Tipe.KUMULATIF, pt(100), qs(), 2) == pt(100)

    def test_non_kumulatif_uses_tn_else_annual(self):
        assert target(Tipe.NON_KUMULATIF, pt(100), qs(10, 20), 2) == pt(20)
        assert target(Tipe.NON_KUMULATIF, pt(100), qs(10, 20), 3) == pt(100)
        assert target(Tipe.RATA_RATA, pt(90), qs(None, None, 80), 3) == pt(80)


class TestCapaian:
    def test_positive(self):
        assert capaian(45, pt(60), P).value == pytest.approx(75.0)

    def test_negative_default_is_2t_minus_r(self):
        # T = 10, R = 8: (20 - 8) / 10 * 100 = 120
        assert capaian(8, pt(10), N).value == pytest.approx(120.0)
        assert "(2T-R)/T" in capaian(8, pt(10), N).note

    def test_negative_t_over_r_by_setting(self):
        assert capaian(8, pt(10), N, TR).value == pytest.approx(125.0)
        assert "T/R" in capaian(8, pt(10), N, TR).note

    def test_range_inside_is_100(self):
        assert capaian(85, Quantity(80, 90), P).value == 100.0
        assert capaian(80, Quantity(80, 90), N).value == 100.0

    def test_range_outside_uses_nearer_bound(self):
        assert capaian(70, Quantity(80, 90), P).value == pytest.approx(70 / 80 * 100)
        assert capaian(99, Quantity(80, 90), P).value == pytest.approx(110.0)
        assert capaian(70, Quantity(80, 90), N).value == pytest.approx((160 - 70) / 80 * 100)
        assert capaian(99, Quantity(80, 90), N).value == pytest.approx((180 - 99) / 90 * 100)

    def test_zero_target(self):
        assert capaian(0, pt(0), N).value == 100.0
        for out in (capaian(3, pt(0), N), capaian(0, pt(0), P), capaian(5, pt(0), P)):
            assert out.value is None and "tidak dapat dihitung" in out.note

    def test_t_over_r_with_zero_realisation(self):
        out = capaian(0, pt(5), N, TR)
        assert out.value is None and "tidak dapat dihitung" in out.note

    def test_no_cap_by_default_and_optional_cap(self):
        assert capaian(150, pt(100), P).value == 150.0
        out = capaian(150, pt(100), P, cap=120)
        assert out.value == 120 and "maksimum" in out.note
        assert capaian(90, pt(100), P, cap=120).value == 90.0

    def test_full_precision(self):
        assert capaian(1, pt(3), P).value == 1 / 3 * 100


class TestPredikat:
    @pytest.mark.parametrize(("value", "name"), [
        (91, "Sangat Tinggi"), (150, "Sangat Tinggi"), (90.999, "Tinggi"), (76, "Tinggi"),
        (75.99, "Sedang"), (66, "Sedang"), (65.9, "Rendah"), (51, "Rendah"),
        (50.99, "Sangat Rendah"), (0, "Sangat Rendah"), (-20, "Sangat Rendah")])
    def test_default_bands(self, value, name):
        assert predikat(value, DEFAULT_BANDS) == name

    def test_configurable_bands_and_blank(self):
        assert predikat(85, (85, 70, 55, 40)) == "Sangat Tinggi"
        assert predikat(None, DEFAULT_BANDS) == ""


def test_node_capaian_is_mean_of_computable():
    assert node_capaian([80, None, 100]) == 90
    assert node_capaian([None]) is None


def test_serapan():
    assert serapan(200_000_000, 50_000_000) == 25.0
    assert serapan(0, 5) is None and serapan(None, 5) is None and serapan(5, None) is None


def test_effective_periode_prefers_setting_then_last_quarter_with_data():
    plan = Plan()
    assert effective_periode(plan) is None
    plan.last_quarter_seen = 3
    assert effective_periode(plan) == 3
    plan.settings.periode = 1
    assert effective_periode(plan) == 1


values = st.floats(min_value=-1e6, max_value=1e6, allow_nan=False)
targets = st.floats(min_value=0.01, max_value=1e6, allow_nan=False)


@given(values, values, targets)
def test_monotone_in_realisation(r1, r2, t):
    lo, hi = sorted((r1, r2))
    assert capaian(lo, pt(t), P).value <= capaian(hi, pt(t), P).value
    assert capaian(lo, pt(t), N).value >= capaian(hi, pt(t), N).value


@given(st.floats(min_value=0.01, max_value=1e6), st.floats(min_value=0.01, max_value=1e6),
       targets)
def test_t_over_r_monotone_decreasing(r1, r2, t):
    lo, hi = sorted((r1, r2))
    assert capaian(lo, pt(t), N, TR).value >= capaian(hi, pt(t), N, TR).value


bounds = st.floats(min_value=0.01, max_value=1e6)


@given(bounds, bounds, st.sampled_from(list(Polarity)), st.sampled_from(list(NegativeRule)),
       st.floats(min_value=1e-9, max_value=1e-6))
def test_range_is_continuous_at_its_bounds(a, b, pol, rule, rel):
    """Just inside each bound gives 100; just outside gives almost 100, on the side the
    polarity says (worse below a Positif range, worse above a Negatif one)."""
    a, b = sorted((a, b))
    assume(b - a > 4 * rel * b)
    t = Quantity(a, b)
    for inside in (a, a * (1 + rel), b * (1 - rel), b):
        assert capaian(inside, t, pol, rule).value == 100.0
    below = capaian(a * (1 - rel), t, pol, rule).value
    above = capaian(b * (1 + rel), t, pol, rule).value
    assert below == pytest.approx(100.0, rel=10 * rel)
    assert above == pytest.approx(100.0, rel=10 * rel)
    if pol is P:
        assert below < 100.0 < above
    else:
        assert above < 100.0 < below


@given(values, targets, st.sampled_from(list(Polarity)), st.sampled_from(list(NegativeRule)),
       st.one_of(st.none(), st.floats(min_value=0, max_value=500)))
def test_never_raises_and_cap_holds(r, t, pol, rule, cap):
    out = capaian(r, pt(t), pol, rule, cap)
    assert out.value is None or cap is None or out.value <= cap
