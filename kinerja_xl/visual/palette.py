"""Colours shared by the Pohon Kinerja, the Rekap and the conditional formatting.

One palette everywhere, so a predikat looks the same in a level sheet, a tree box and a chart
bar. Fills are light enough for black text to stay readable when printed in grey scale.
"""

from __future__ import annotations

from ..core.contract import PREDIKAT_NAMES, Level

FONT = "Calibri"  # named on every drawn cell: a nameless font is a serif in LibreOffice

# Predikat -> fill "RRGGBB", in PREDIKAT_NAMES order (Sangat Tinggi … Sangat Rendah).
PREDIKAT_FILL: dict[str, str] = dict(zip(PREDIKAT_NAMES, (
    "63BE7B",  # Sangat Tinggi: green
    "C6EFCE",  # Tinggi: light green
    "FFEB9C",  # Sedang: yellow
    "F8CBAD",  # Rendah: orange
    "FF8B8B",  # Sangat Rendah: red
), strict=True))
PREDIKAT_FONT = "000000"
NO_CAPAIAN_FILL = "EDEDED"  # no capaian yet (grey)

# Level -> (header fill, header font colour) of the tree boxes.
LEVEL_FILL: dict[Level, tuple[str, str]] = {
    Level.TUJUAN: ("1F3864", "FFFFFF"),
    Level.SASARAN: ("2F5597", "FFFFFF"),
    Level.PROGRAM: ("548235", "FFFFFF"),
    Level.KEGIATAN: ("BF8F00", "FFFFFF"),
    Level.SUB_KEGIATAN: ("7F7F7F", "FFFFFF"),
}
LEVEL_TINT: dict[Level, str] = {  # light version, for the level names in column A
    Level.TUJUAN: "D6DCE4",
    Level.SASARAN: "DAE3F3",
    Level.PROGRAM: "E2EFDA",
    Level.KEGIATAN: "FFF2CC",
    Level.SUB_KEGIATAN: "EDEDED",
}
CONTEXT_FILL = ("D9D9D9", "404040")  # a box repeated from another sheet ("lanjutan")
ERROR_FONT = "C00000"


def predikat_fill(name: str) -> str:
    """Fill of a predikat name; grey for "" (no capaian yet) or an unknown text."""
    return PREDIKAT_FILL.get(name, NO_CAPAIAN_FILL)
