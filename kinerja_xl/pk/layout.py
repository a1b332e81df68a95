"""A `PkDoc` laid out as a print-ready `SheetSpec` (pure: no spreadsheet library here).

Six columns serve both pages: the agreement uses B for labels ("Nama", "Jabatan") and C:F for
values; the Lampiran table is No (A) · Sasaran (B:C) · Indikator (D) · Target (E) · Satuan (F);
the budget table is No (A) · name (B:D) · Anggaran (E:F). Signatures sit in A:C (Pihak Kedua)
and D:F (Pihak Pertama). Row heights come from `wrap.count_lines`; a page break separates the
agreement from the Lampiran.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from ..core.rupiah import rupiah_format
from ..core.sheetspec import PrintSpec, SheetSpec, Style
from . import texts as T
from .budget import BudgetTable
from .content import Party, PkDoc, TargetBlock
from .wrap import count_lines, row_height_pt

FONT = "Arial"
SIZE = 11.0
WIDTHS = {1: 5.0, 2: 10.0, 3: 24.0, 4: 32.0, 5: 11.0, 6: 11.0}  # 93 x 7 px fits A4 at 100%
LAST_COL = 6
MARGINS_CM = (2.0, 1.5, 1.5, 1.5)  # left, right, top, bottom
SIGN_SPACE_PT = 62.0  # room for a signature and the stamp
GAP_PT = 9.0  # an empty spacer row

BODY = Style(font=FONT, size=SIZE, valign="top", wrap=True)
PARAGRAPH = replace(BODY, align="justify")
TITLE = Style(font=FONT, size=12, bold=True, align="center", valign="center", wrap=True)
HEAD = replace(TITLE, size=SIZE)
CENTER = replace(BODY, align="center")
NAME = replace(CENTER, bold=True, underline=True)
TH = Style(font=FONT, size=SIZE, bold=True, align="center", valign="center", wrap=True,
           border="box", fill="D9D9D9")
TD = Style(font=FONT, size=SIZE, valign="center", wrap=True, border="box")
TD_CENTER = replace(TD, align="center")
TD_GROUP = replace(TD, bold=True)
TD_ITEM = replace(TD, align="left", indent=1)


@dataclass
class _Sheet:
    """A SheetSpec under construction, with the height each row needs."""

    spec: SheetSpec
    row: int = 1
    need: dict[int, float] = field(default_factory=dict)
    spans: list[tuple[int, int, float]] = field(default_factory=list)  # first, rows, height
    widths: dict[int, float] = field(default_factory=lambda: dict(WIDTHS))  # column -> chars

    def put(self, first: int, last: int, value: object, style: Style, rows: int = 1,
            row: int | None = None) -> None:
        r = self.row if row is None else row
        self.spec.put(r, first, value, style, rows=rows, cols=last - first + 1)
        if isinstance(value, str) and value:
            width = sum(self.widths[c] for c in range(first, last + 1))
            size = style.size or SIZE
            lines = count_lines(value, width, size, style.bold) if style.wrap else 1
            height = row_height_pt(lines, size)
        else:
            height = row_height_pt(1, style.size or SIZE)
        if rows == 1:
            self.need[r] = max(self.need.get(r, 0.0), height)
        else:
            self.spans.append((r, rows, height))

    def gap(self, height: float = GAP_PT) -> None:
        self.need[self.row] = height
        self.row += 1

    def next(self) -> None:
        self.row += 1

    def heights(self) -> dict[int, float]:
        """Row heights: each row's own need, then rows under a taller merged cell grown evenly."""
        out = dict(self.need)
        for first, rows, height in self.spans:
            have = sum(out.get(r, row_height_pt(1)) for r in range(first, first + rows))
            if have < height:
                extra = (height - have) / rows
                for r in range(first, first + rows):
                    out[r] = round(out.get(r, row_height_pt(1)) + extra, 2)
        return out


Sheet = _Sheet  # for other print-ready documents (Rencana Aksi) with their own widths


def _party_lines(sh: _Sheet, party: Party, role: str) -> None:
    for label, value in (("Nama", party.nama), ("Jabatan", party.jabatan)):
        sh.put(2, 2, label, BODY)
        sh.put(3, LAST_COL, f": {value}", BODY)
        sh.next()
    sh.put(2, LAST_COL, role, BODY)
    sh.next()


def _signatures(sh: _Sheet, doc: PkDoc) -> None:
    """Place and date, then Pihak Kedua (left, A:C) and Pihak Pertama (right, D:F)."""
    sh.put(4, LAST_COL, doc.place_date, CENTER)
    sh.next()
    sides = ((1, 3, doc.second, T.SECOND_PARTY), (4, LAST_COL, doc.first, T.FIRST_PARTY))
    for first, last, _party, role in sides:
        sh.put(first, last, role, CENTER)
    sh.next()
    for first, last, party, _role in sides:
        sh.put(first, last, party.jabatan, CENTER)
    sh.next()
    sh.gap(SIGN_SPACE_PT)
    for first, last, party, _role in sides:
        sh.put(first, last, party.nama, NAME)
    sh.next()
    if any(p.pangkat for _f, _l, p, _r in sides):
        for first, last, party, _role in sides:
            sh.put(first, last, party.pangkat, CENTER)
        sh.next()
    if any(p.nip for _f, _l, p, _r in sides):
        for first, last, party, _role in sides:
            sh.put(first, last, f"NIP. {party.nip}" if party.nip else "", CENTER)
        sh.next()


def _agreement(sh: _Sheet, doc: PkDoc) -> None:
    for text in (doc.title, doc.unit, doc.pemda):
        sh.put(1, LAST_COL, text, TITLE)
        sh.next()
    sh.gap(18)
    sh.put(1, LAST_COL, T.OPENING, PARAGRAPH)
    sh.next()
    sh.gap()
    _party_lines(sh, doc.first, T.FIRST_ROLE)
    sh.gap()
    _party_lines(sh, doc.second, T.SECOND_ROLE)
    sh.gap()
    sh.put(1, LAST_COL, T.PROMISE, PARAGRAPH)
    sh.next()
    sh.gap()
    sh.put(1, LAST_COL, T.SUPERVISION, PARAGRAPH)
    sh.next()
    sh.gap(24)
    _signatures(sh, doc)


def _target_block(sh: _Sheet, block: TargetBlock) -> int:
    """The table of one level's sasaran; returns its header row."""
    header = sh.row
    for first, last, text in ((1, 1, T.NO), (2, 3, block.heading), (4, 4, T.INDIKATOR),
                              (5, 5, T.TARGET), (6, 6, T.SATUAN)):
        sh.put(first, last, text, TH)
    sh.next()
    for sasaran in block.rows:
        n = len(sasaran.indicators)
        sh.put(1, 1, sasaran.no, TD_CENTER, rows=n)
        sh.put(2, 3, sasaran.sasaran, TD, rows=n)
        for ind in sasaran.indicators:
            sh.put(4, 4, ind.indikator, TD)
            sh.put(5, 5, ind.target, TD_CENTER)
            sh.put(6, 6, ind.satuan, TD_CENTER)
            sh.next()
    return header


def _budget(sh: _Sheet, table: BudgetTable) -> None:
    for first, last, text in ((1, 1, T.NO), (2, 4, table.heading), (5, 6, T.ANGGARAN)):
        sh.put(first, last, text, TH)
    sh.next()
    for line in table.lines:
        sh.put(1, 1, line.no, TD_CENTER)
        sh.put(2, 4, line.label, TD_GROUP if line.is_group else TD_ITEM)
        _amount(sh, line.amount, line.is_group)
        sh.next()
    sh.put(1, 4, T.JUMLAH, replace(TH, fill=None))
    _amount(sh, table.total, True)
    sh.next()


def _amount(sh: _Sheet, amount: float | None, bold: bool) -> None:
    style = replace(TD, align="right", bold=bold, wrap=False)
    if amount is None:
        sh.put(5, 6, None, style)
    else:
        sh.put(5, 6, amount, replace(style, number_format=rupiah_format(amount)))


def _lampiran(sh: _Sheet, doc: PkDoc) -> tuple[int, int]:
    """The Lampiran page(s); returns the rows to repeat on its continuation pages."""
    start = sh.row
    for text in (doc.lampiran_title, doc.lampiran_jabatan, doc.unit):
        sh.put(1, LAST_COL, text, HEAD)
        sh.next()
    sh.gap(14)
    headers = []
    for i, block in enumerate(doc.blocks):
        if i:
            sh.gap()
        headers.append(_target_block(sh, block))
    if doc.budget is not None:
        sh.gap(18)
        _budget(sh, doc.budget)
    sh.gap(24)
    _signatures(sh, doc)
    # One table: repeat the Lampiran heading and its column header; several: the heading only.
    return (start, headers[0]) if len(headers) == 1 else (start, start + 2)


def pk_sheet(doc: PkDoc) -> SheetSpec:
    """The print-ready sheet of one PK: the agreement page, a page break, the Lampiran."""
    sh = _Sheet(SheetSpec(doc.sheet, widths=dict(WIDTHS), tab_color="1F4E78"))
    _agreement(sh, doc)
    page_end = sh.row - 1
    title_rows = _lampiran(sh, doc)
    last = sh.row - 1
    sh.spec.heights = sh.heights()
    sh.spec.print = PrintSpec(margins_cm=MARGINS_CM, title_rows=title_rows,
                              area=(1, 1, last, LAST_COL), row_breaks=[page_end])
    return sh.spec
