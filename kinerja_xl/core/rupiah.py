"""Rupiah shown the Indonesian way ("Rp 1.234.567") in any Excel or LibreOffice locale.

A format like `"Rp "#,##0` prints the thousands separator of the computer's locale, so an
English Windows shows "Rp 1,234,567". Instead each amount cell gets a format with literal dots
sized to its own number of digits (`"Rp "#"."000"."000` for 150.000.000): the cell stays a
number (it can be summed and copied), and every spreadsheet program prints the same text.
Amounts are whole rupiah (APBD budgets are); a fraction is rounded for display. A trailing
literal space keeps right-aligned amounts off the cell border.
"""

from __future__ import annotations


def _digits(amount: float) -> int:
    return len(str(abs(round(amount))))


def rupiah_format(amount: float) -> str:
    """The number format that shows `amount` as 'Rp 1.234.567' (a negative as '-Rp 1.234')."""
    groups = (_digits(amount) - 1) // 3
    return ('"Rp "0' if groups == 0 else '"Rp "#' + '"."000' * groups) + '" "'


def format_rupiah(amount: float) -> str:
    """The text `rupiah_format(amount)` displays (less its trailing space):
    150000000 -> 'Rp 150.000.000'."""
    whole = round(amount)
    text = f"{abs(whole):,}".replace(",", ".")
    return f"{'-' if whole < 0 else ''}Rp {text}"
