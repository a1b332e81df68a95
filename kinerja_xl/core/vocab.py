"""Vocabularies: Polaritas, Tipe Penghitungan, Periode and Indonesian dates.

Source documents write "Komulatif Negatif", "Tipe Penghitungan: 1. Kumulatif" or "Non-Kumulatif";
these helpers map such text to the canonical values and say when they had to guess.
"""

from __future__ import annotations

import datetime as dt
import re

from .contract import Polarity, Tipe

_TIPE_PATTERNS = (
    (re.compile(r"\bnon[\s\-_]*k[ou]mm?ulatif\b"), Tipe.NON_KUMULATIF),
    (re.compile(r"\b(rata[\s\-]*rata|rerata|average)\b"), Tipe.RATA_RATA),
    (re.compile(r"\bk[ou]mm?ulatif\b"), Tipe.KUMULATIF),
)
_POLARITY_PATTERNS = (
    (re.compile(r"\b(negatif|negative|minimi[sz]e)\b"), Polarity.NEGATIF),
    (re.compile(r"\b(positif|positive|maximi[sz]e)\b"), Polarity.POSITIF),
)


def _key(text: str) -> str:
    return " ".join(text.replace("\u00a0", " ").split()).casefold()


def read_tipe(text: str) -> tuple[Tipe | None, Polarity | None]:
    """(tipe, polarity) found in free text; either may be None when not mentioned."""
    key = _key(text)
    tipe = next((t for pat, t in _TIPE_PATTERNS if pat.search(key)), None)
    polarity = next((p for pat, p in _POLARITY_PATTERNS if pat.search(key)), None)
    return tipe, polarity


def exact_tipe(text: str) -> Tipe | None:
    """The Tipe whose canonical name equals text (case and spacing insensitive)."""
    key = _key(text)
    return next((t for t in Tipe if _key(t.value) == key), None)


def exact_polarity(text: str) -> Polarity | None:
    key = _key(text)
    return next((p for p in Polarity if _key(p.value) == key), None)


_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}


def read_periode(raw: object) -> int | None:
    """'TW1', 'TW 2', 'TW III', 'Triwulan IV', 3 -> quarter number; None when not a quarter."""
    if isinstance(raw, bool):
        return None
    if isinstance(raw, (int, float)):
        return int(raw) if raw in (1, 2, 3, 4) else None
    key = _key(str(raw)).replace("triwulan", "tw").replace(" ", "")
    m = re.fullmatch(r"(?:tw)?([1-4]|i{1,3}|iv)", key)
    if not m:
        return None
    token = m.group(1)
    return int(token) if token.isdigit() else _ROMAN[token]


MONTHS = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus",
          "September", "Oktober", "November", "Desember")
_MONTH_KEYS = {m.casefold(): i for i, m in enumerate(MONTHS, start=1)}
_MONTH_KEYS.update({m[:3].casefold(): i for i, m in enumerate(MONTHS, start=1)})
_MONTH_KEYS.update({"agu": 8, "ags": 8, "okt": 10, "des": 12, "peb": 2, "pebruari": 2})


def read_date(raw: object) -> dt.date | None:
    """A date cell or text like '06 Januari 2025', '6/1/2025', '2025-01-06'; None otherwise."""
    if isinstance(raw, dt.datetime):
        return raw.date()
    if isinstance(raw, dt.date):
        return raw
    if not isinstance(raw, str):
        return None
    text = _key(raw)
    m = re.fullmatch(r"(\d{1,2})\s+([a-z]+)\.?\s+(\d{4})", text)
    try:
        if m and m.group(2) in _MONTH_KEYS:
            return dt.date(int(m.group(3)), _MONTH_KEYS[m.group(2)], int(m.group(1)))
        m = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", text)
        if m:
            return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        m = re.fullmatch(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})", text)
        if m:  # Indonesian order: day/month/year
            return dt.date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
    except ValueError:
        return None
    return None


def format_date(day: dt.date) -> str:
    """6 Januari 2025 (Indonesian long date)."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"
