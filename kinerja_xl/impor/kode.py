"""The level of a Permendagri 90/2019 code (klasifikasi, kodefikasi dan nomenklatur).

Pure. Program `7.01.01` (urusan . bidang . program), Kegiatan `7.01.01.2.01`, Sub Kegiatan
`7.01.01.2.01.0001` (Kepmendagri 050-5889/2021 writes four digits, older documents two);
`X.XX` stands for urusan penunjang shared by every perangkat daerah. Codes of other kinds
(urusan, bidang urusan, the 22-character unit code of SIPD, belanja accounts `5.1.02.…`) are
named so that the row can be reported instead of being guessed into the tree.
"""

from __future__ import annotations

import re

from ..core.contract import Level

_U = r"[0-9X]"
_B = r"[0-9X]{2}"
PATTERNS: tuple[tuple[re.Pattern[str], Level | str], ...] = (
    (re.compile(rf"^{_U}\.{_B}\.\d{{2}}\.\d\.\d{{2}}\.\d{{2,4}}$"), Level.SUB_KEGIATAN),
    (re.compile(rf"^{_U}\.{_B}\.\d{{2}}\.\d\.\d{{2}}$"), Level.KEGIATAN),
    (re.compile(rf"^{_U}\.{_B}\.\d{{2}}$"), Level.PROGRAM),
    (re.compile(rf"^{_U}$"), "urusan"),
    (re.compile(rf"^{_U}\.{_B}$"), "bidang urusan"),
    (re.compile(r"^\d\.\d{2}\.\d\.\d{2}\.\d\.\d{2}\.\d{2}\.\d{4}$"), "unit/SKPD"),
    (re.compile(r"^[4-6](\.\d+){1,6}$"), "rekening pendapatan/belanja/pembiayaan"),
)


def clean(raw: object) -> str:
    """A code as written, without spaces, a leading apostrophe or a trailing dot; 'x' -> 'X'."""
    if isinstance(raw, float) and raw.is_integer():
        raw = int(raw)
    text = re.sub(r"\s+", "", str(raw)).lstrip("'").rstrip(".")
    return re.sub(r"x", "X", text) if re.fullmatch(r"[0-9xX.]+", text) else text


def kind_of(code: str) -> Level | str | None:
    """Level.PROGRAM/KEGIATAN/SUB_KEGIATAN, a description of another known code kind, or None."""
    for pattern, kind in PATTERNS:
        if pattern.match(code):
            return kind
    return None


def parent_code(code: str) -> str:
    """'7.01.01.2.01.0001' -> '7.01.01.2.01'; '7.01.01.2.01' -> '7.01.01'; else ''."""
    kind = kind_of(code)
    if kind is Level.SUB_KEGIATAN:
        return code.rsplit(".", 1)[0]
    if kind is Level.KEGIATAN:
        return code.rsplit(".", 2)[0]
    return ""
