"""The uniform formulas of one level sheet, row by row (Hitung writes them, Periksa checks them).

Each computed column has one formula in R1C1 terms, so it is composed once per sheet for a
sentinel row and the row number is substituted: cheap on 6,000 rows, and the same text for
Hitung and the drift check by construction.
"""

from __future__ import annotations

from . import formulas
from .contract import H, Level
from .findings import col_letter
from .grid import SheetLayout

_ROW = "7654321"  # sentinel row numbers in the templates (never a real reference)
_ABOVE = "7654320"


def row_refs(layout: SheetLayout, row: int | str) -> formulas.RowRefs:
    """The cells of one indicator row the capaian formulas read ('""' for a missing column)."""
    def ref(header: str) -> str:
        col = layout.col(header)
        return f"{col_letter(col)}{row}" if col else '""'

    return formulas.RowRefs(ref(H.TARGET), [ref(h) for h in H.TARGET_TW],
                            [ref(h) for h in H.REAL_TW], formulas.PERIODE_NAME,
                            ref(H.POLARITAS), ref(H.TIPE))


class SheetFormulas:
    """Formula of a computed column at a row. `letters` gives the computed columns' letters
    (Hitung passes where it writes them; by default where the layout has them)."""

    def __init__(self, level: Level, layout: SheetLayout, parent: SheetLayout | None,
                 letters: dict[str, str] | None = None):
        self.level, self.layout, self.parent = level, layout, parent
        self.letters = letters if letters is not None else {
            h: layout.letter(h) for h in (H.URAIAN_INDUK, H.REALISASI, H.CAPAIAN, H.PREDIKAT,
                                          H.SERAPAN) if layout.letter(h)}
        self._templates: dict[str, str | None] = {}

    def _template(self, header: str) -> str | None:
        if header not in self._templates:
            self._templates[header] = self._compose(header)
        return self._templates[header]

    def _compose(self, header: str) -> str | None:
        letter, layout = self.letters.get, self.layout
        if header == H.URAIAN_INDUK and self.parent is not None and letter(header):
            assert self.level.parent is not None
            ki, kode = layout.letter(H.KODE_INDUK), layout.letter(H.KODE)
            return formulas.parent_uraian(
                self.level.parent.sheet, self.parent.letter(H.URAIAN), f"${ki}{_ROW}",
                f"${kode}{_ROW}", f"${kode}{_ABOVE}", f"{letter(header)}{_ABOVE}")
        if header == H.REALISASI:
            return formulas.realisation(row_refs(layout, _ROW))
        if header == H.CAPAIAN and letter(H.REALISASI):
            return formulas.capaian(row_refs(layout, _ROW), f"{letter(H.REALISASI)}{_ROW}")
        if header == H.PREDIKAT and letter(H.CAPAIAN):
            return formulas.predikat(f"{letter(H.CAPAIAN)}{_ROW}")
        a, ra = layout.letter(H.ANGGARAN), layout.letter(H.REAL_ANGGARAN)
        if header == H.SERAPAN and a and ra:
            return formulas.serapan(f"{a}{_ROW}", f"{ra}{_ROW}")
        return None

    def at(self, header: str, row: int) -> str | None:
        """The formula of column header at row, or None when the column has none."""
        template = self._template(header)
        if template is None:
            return None
        return template.replace(_ROW, str(row)).replace(_ABOVE, str(row - 1))
