"""Reading quantities the way Indonesian planners type them (DESIGN §3; grammar in docs/angka.md).

`parse_quantity` reads one cell into a `Parsed`: the number or range used, plus what else the
text said (a comparison bound, a unit word, a grade on an ordinal scale, "no value", warnings).
It never raises: a cell it cannot read comes back with `error`, an Indonesian reason.

Separators: a single dot followed by exactly three digits is a thousands separator (``1.234`` =
1234); any other single dot is a decimal point (``98.75``); a lone comma is the decimal comma.
``9,154`` (one comma, exactly three digits) is ambiguous: it is read as a decimal (9,154) with a
warning, or as thousands (9154) with a warning when the row's Satuan (or the cell) is money.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import NamedTuple


@dataclass(frozen=True)
class Quantity:
    """A number or a closed range [low, high] (a point has low == high)."""

    low: float
    high: float

    @property
    def is_range(self) -> bool:
        return self.low != self.high

    @property
    def value(self) -> float:
        """The point value (the low bound of a range)."""
        return self.low

    @classmethod
    def point(cls, x: float) -> Quantity:
        return cls(float(x), float(x))

    def __str__(self) -> str:
        if self.is_range:
            return f"{format_number(self.low)} – {format_number(self.high)}"
        return format_number(self.low)


@dataclass(frozen=True)
class Scale:
    """An ordinal grade scale, best grade first (e.g. SAKIP: AA A BB B CC C D)."""

    name: str
    grades: tuple[str, ...]


DEFAULT_SCALES = (
    Scale("SAKIP", ("AA", "A", "BB", "B", "CC", "C", "D")),
    Scale("Opini BPK", ("WTP", "WDP", "TW", "TMP")),
    Scale("Kualitatif", ("Sangat Baik", "Baik", "Cukup", "Kurang", "Sangat Kurang")),
)


@dataclass(frozen=True)
class Grade:
    """A grade read from a cell: its scale and its score (worst grade = 1, best = size)."""

    scale: str
    name: str
    score: int
    size: int


class Parsed(NamedTuple):
    """Result of `parse_quantity`: the quantity used (None when blank, "no value" or an error),
    the reason when it could not be read, and what else the text said."""

    value: Quantity | None
    error: str | None = None
    bound: str | None = None  # ">=", ">", "<=" or "<" typed before the number
    unit: str = ""  # unit word after the number as typed ("bulan", "dokumen"); "%" for percent
    grade: Grade | None = None
    no_value: bool = False  # NA, N/A, -, tidak ada: no target / no realisation (not an error)
    warnings: tuple[str, ...] = ()
    money: bool = False  # Rp prefix, ",-" suffix or a money multiplier (juta, M, ...)

    @property
    def blank(self) -> bool:
        return self.value is None and self.error is None and not self.no_value

    @property
    def lower_bound(self) -> bool:
        return self.bound in (">=", ">")

    @property
    def upper_bound(self) -> bool:
        return self.bound in ("<=", "<")


_SPACES = re.compile(r"[\s\u00a0\u202f]+")
_MAX_LEN = 100
_NO_VALUE = frozenset({"na", "n/a", "n.a", "n.a.", "-", "—", "–", "tidak ada", "belum ada",
                       "tdk ada", "blm ada"})
_EXCEL_ERRORS = ("#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A",
                 "#GETTING_DATA", "#SPILL!", "#CALC!", "#FIELD!", "#BLOCKED!", "#UNKNOWN!")
_LO_ERROR = re.compile(r"Err:\d{3}")
_BOUNDS = (  # longest first; matched case-insensitively at the start
    (">=", ">="), ("=>", ">="), ("≥", ">="), ("≧", ">="), ("paling sedikit", ">="),
    ("sekurang-kurangnya", ">="), ("sekurang kurangnya", ">="), ("minimal", ">="),
    ("minimum", ">="), ("min.", ">="), ("<=", "<="), ("=<", "<="), ("≤", "<="), ("≦", "<="),
    ("paling banyak", "<="), ("setinggi-tingginya", "<="), ("setinggi tingginya", "<="),
    ("maksimal", "<="), ("maksimum", "<="), ("maks.", "<="), ("max.", "<="), (">", ">"),
    ("<", "<"),
)
_MULTIPLIERS = {"ribu": 3, "rb": 3, "juta": 6, "jt": 6, "miliar": 9, "milyar": 9, "m": 9,
                "triliun": 12, "trilyun": 12, "t": 12}
_NUM = r"[+-]?\d(?:[\d.,]*\d)?"
_MULT = r"(?:(?i:ribu|rb|juta|jt|miliar|milyar|triliun|trilyun)|(?-i:M|T))(?![^\W\d_])\.?"
_UNIT = r"(?:%|[^\W\d_][^\d()<>≤≥]*?)"
_SEP = r"(?:–|—|−|-|s\.?\s?d\.?|s/d|sampai(?:\s+dengan)?|hingga|≤|<=|<)"
_QUANTITY = re.compile(
    rf"(?P<n1>{_NUM})\s*(?P<m1>{_MULT})?\s*(?P<u1>{_UNIT})?"
    rf"(?:\s*(?P<sep>{_SEP})\s*(?P<n2>{_NUM})\s*(?P<m2>{_MULT})?\s*(?P<u2>{_UNIT})?)?",
    re.IGNORECASE)
_NOTE = re.compile(r"(?P<body>.*?\S)\s*\((?P<note>[^()]*)\)")
_RP = re.compile(r"rp\.?\s*", re.IGNORECASE)
_MONEY_TAIL = re.compile(r"\s*[,.]\s*-+$")
_AMBIGUOUS = re.compile(r"[+-]?\d{1,3},\d{3}")
_MONEY_WORDS = re.compile(r"\b(rp|rupiah|idr)\b", re.IGNORECASE)
_HINT = "contoh yang benar: 85, 85%, 15 dokumen, ≥ 80, 80 s.d. 90, Rp 1,2 M, NA"


def format_number(x: float) -> str:
    """Short Indonesian rendering: 1234.5 -> '1.234,5'; 85.0 -> '85'."""
    if x == int(x) and abs(x) < 1e15:
        text = f"{int(x):,}"
    else:
        text = f"{x:,.6f}".rstrip("0").rstrip(".")
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


def is_money_unit(satuan: str) -> bool:
    """Is a Satuan a money unit (Rp, Rupiah, Rp juta, ribu rupiah, IDR)?"""
    return bool(_MONEY_WORDS.search(satuan or ""))


def _digits(token: str) -> str | None:
    """One number token with Indonesian or English separators as plain 'digits.frac', or None."""
    sign = "-" if token.startswith("-") else ""
    token = token.lstrip("+-")
    if not token or not token[0].isdigit() or not token[-1].isdigit():
        return None
    dots, commas = token.count("."), token.count(",")
    if dots and commas:
        decimal = "," if token.rfind(",") > token.rfind(".") else "."
        thousands = "." if decimal == "," else ","
        if token.count(decimal) > 1:
            return None
        int_part, frac = token.split(decimal)
        groups = int_part.split(thousands)
    elif commas:
        parts = token.split(",")
        if commas == 1:  # a lone comma is the Indonesian decimal comma, even in "1,234"
            groups, frac = [parts[0]], parts[1]
        else:
            groups, frac = parts, ""
    elif dots:
        parts = token.split(".")
        if dots == 1 and (len(parts[1]) != 3 or parts[0] in ("0", "")):
            groups, frac = [parts[0]], parts[1]
        else:
            groups, frac = parts, ""
    else:
        groups, frac = [token], ""
    if len(groups) > 1 and (not 1 <= len(groups[0]) <= 3 or any(len(g) != 3 for g in groups[1:])):
        return None
    digits = "".join(groups)
    if not digits.isdigit() or (frac and not frac.isdigit()):
        return None
    return sign + (f"{digits}.{frac}" if frac else digits)


def _to_float(digits: str, exponent: int = 0) -> float | None:
    try:
        value = float(Decimal(digits).scaleb(exponent))
    except (InvalidOperation, ValueError, OverflowError):
        return None
    return value if math.isfinite(value) else None


def _shown(text: str) -> str:
    return text if len(text) <= 40 else text[:37] + "..."


def _grade_index(scales: Sequence[Scale]) -> dict[str, Grade]:
    out: dict[str, Grade] = {}
    for scale in scales:
        size = len(scale.grades)
        for i, name in enumerate(scale.grades):
            key = _SPACES.sub(" ", name).strip().casefold()
            if key:
                out.setdefault(key, Grade(scale.name, name, size - i, size))
    return out


_DEFAULT_GRADES = _grade_index(DEFAULT_SCALES)


_NUMBERS: dict[float, Parsed] = {}  # a number cell's reading (immutable), by its value


def parse_quantity(raw: object, scales: Sequence[Scale] | None = None,
                   money: bool = False) -> Parsed:
    """Read a cell value. Never raises; errors come back in Indonesian. `scales` are the grade
    scales of the workbook (default: SAKIP, Opini BPK, Kualitatif); `money` says the row's
    Satuan is money (then ``9,154`` reads as 9154)."""
    if raw is None:
        return Parsed(None)
    if isinstance(raw, bool):
        return Parsed(None, "berisi nilai logika (TRUE/FALSE), bukan angka")
    if isinstance(raw, (int, float)):
        got = _NUMBERS.get(raw)
        if got is None:
            if not math.isfinite(raw):
                return Parsed(None, "bukan angka yang sah")
            if len(_NUMBERS) > 50_000:
                _NUMBERS.clear()
            got = Parsed(Quantity.point(float(raw)))
            if raw:  # not 0.0 / -0.0, which compare equal
                _NUMBERS[raw] = got
        return got
    if isinstance(raw, (dt.date, dt.datetime, dt.time, dt.timedelta)):
        return Parsed(None, "berisi tanggal/waktu, bukan angka (format sel diubah menjadi "
                      "Number lalu ketik ulang angkanya)")
    if not isinstance(raw, str):
        return Parsed(None, "berisi isi yang bukan angka maupun teks")
    try:
        return _parse_text(raw, scales, money)
    except (ValueError, OverflowError, RecursionError, KeyError, IndexError):
        # defensive: the contract is that reading a cell never raises
        return Parsed(None, f"'{_shown(raw.strip())}' bukan angka ({_HINT})")


def _parse_text(raw: str, scales: Sequence[Scale] | None, money: bool) -> Parsed:
    text = _SPACES.sub(" ", raw).strip()
    if not text:
        return Parsed(None)
    if len(text) > _MAX_LEN:
        return Parsed(None, "terlalu panjang untuk sebuah angka")
    upper = text.upper()
    if upper in _EXCEL_ERRORS or _LO_ERROR.fullmatch(text):
        code = upper if upper in _EXCEL_ERRORS else text
        return Parsed(None, f"berisi galat {code} dari rumus, bukan angka")
    key = text.casefold()
    if key in _NO_VALUE:
        return Parsed(None, no_value=True)
    grades = _DEFAULT_GRADES if scales is None else _grade_index(scales)
    if key in grades:
        grade = grades[key]
        return Parsed(Quantity.point(grade.score), grade=grade)
    shown = _shown(text)
    note = _NOTE.fullmatch(text)
    if note:
        text = note.group("body")
    in_money = False
    rp = _RP.match(text)
    if rp and (len(text) == rp.end() or not text[rp.end()].isalpha()):
        text, in_money = text[rp.end():], True
    tail = _MONEY_TAIL.search(text)
    if tail and tail.start() > 0:
        text, in_money = text[:tail.start()], True
    bound = None
    low = text.casefold()
    for word, sign in _BOUNDS:
        if low.startswith(word):
            text, bound = text[len(word):].lstrip(" :"), sign
            break
    m = _QUANTITY.fullmatch(text)
    if not m:
        return Parsed(None, f"'{shown}' bukan angka ({_HINT})")
    warnings: list[str] = []
    multiplier = bool(m.group("m1") or m.group("m2"))
    in_money = in_money or multiplier
    values = []
    for n, mult in ((m.group("n1"), m.group("m1")), (m.group("n2"), m.group("m2"))):
        if n is None:
            continue
        value = _number(n, mult, money or in_money, warnings)
        if value is None:
            return Parsed(None, f"'{shown}' bukan angka ({_HINT})")
        values.append(value)
    unit = _unit(m.group("u2") or m.group("u1") or "")
    if m.group("u1") and m.group("u2") and _unit(m.group("u1")) != unit:
        warnings.append(f"satuan '{_unit(m.group('u1'))}' dan '{unit}' berbeda dalam satu sel")
    if len(values) == 2:
        if values[0] > values[1]:
            return Parsed(None, f"rentang '{shown}' terbalik (batas bawah lebih besar)")
        q = Quantity(values[0], values[1])
    else:
        q = Quantity.point(values[0])
    return Parsed(q, None, bound, unit, None, False, tuple(warnings), in_money)


def _unit(word: str) -> str:
    word = word.strip().rstrip(".").strip()
    return "%" if word.casefold() in ("%", "persen", "prosen", "percent") else word


def _number(token: str, mult: str | None, money: bool, warnings: list[str]) -> float | None:
    """A number token (with its multiplier word) as a float; notes an ambiguous comma."""
    digits = _digits(token)
    if digits is None:
        return None
    exponent = 0
    if mult:
        word = mult.rstrip(".")
        exponent = _MULTIPLIERS[word.casefold()]
    elif _AMBIGUOUS.fullmatch(token):
        thousands = token.replace(",", "")
        if money:
            warnings.append(f"'{token}' dibaca {format_number(float(thousands))} (koma sebagai "
                            "pemisah ribuan, karena nilainya uang); bila maksudnya desimal, "
                            f"tulis {_decimal_hint(digits)}0")
            return _to_float(thousands)
        warnings.append(f"'{token}' dibaca {_decimal_hint(digits)} (koma desimal); bila "
                        f"maksudnya {format_number(float(thousands))}, tulis {thousands} atau "
                        f"{format_number(float(thousands))}")
    return _to_float(digits, exponent)


def _decimal_hint(digits: str) -> str:
    whole, _, frac = digits.partition(".")
    return f"{whole},{frac}" if frac else whole


def parse_amount(raw: object) -> Parsed:
    """Like `parse_quantity` but for rupiah amounts: a range, a grade or a bound is an error;
    a comma with three digits is read as thousands (the cell is money)."""
    parsed = parse_quantity(raw, scales=(), money=True)
    if parsed.value is not None and parsed.value.is_range:
        return Parsed(None, "anggaran tidak boleh berupa rentang")
    if parsed.value is not None and parsed.bound:
        return Parsed(None, "anggaran tidak boleh memakai tanda pembanding")
    return parsed


def describe(parsed: Parsed) -> str:
    """A short Indonesian reading of a parsed cell, for notes: '≥ 80 (batas bawah)'."""
    if parsed.no_value:
        return "tidak ada nilai"
    if parsed.grade is not None:
        g = parsed.grade
        return f"nilai {g.name} (skala {g.scale}, posisi {g.score} dari {g.size})"
    if parsed.value is None:
        return ""
    text = str(parsed.value)
    if parsed.bound:
        text = f"{parsed.bound} {text}"
    return f"{text} {parsed.unit}".strip()


_UNIT_SYNONYMS = {"bh": "buah", "org": "orang", "dok": "dokumen", "keg": "kegiatan",
                  "lap": "laporan", "kl": "kali", "bln": "bulan", "thn": "tahun", "hr": "hari",
                  "persen": "%", "prosen": "%"}
_WORDS = re.compile(r"[^\W\d_]+|%")


def unit_agrees(unit: str, satuan: str) -> bool:
    """Does a unit word typed after a number fit the row's Satuan? ('dok' fits 'Dokumen';
    '%' fits 'Persen'; a blank Satuan fits anything)."""
    if not unit or not satuan.strip():
        return True
    if is_money_unit(unit) and is_money_unit(satuan):
        return True
    wanted = [_UNIT_SYNONYMS.get(w, w) for w in _WORDS.findall(satuan.casefold())]
    for word in _WORDS.findall(unit.casefold()):
        word = _UNIT_SYNONYMS.get(word, word)
        if not any(w == word or (len(word) >= 2 and len(w) >= 2
                                 and (w.startswith(word) or word.startswith(w)))
                   for w in wanted):
            return False
    return True
