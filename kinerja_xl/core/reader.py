"""Grids of cell values -> `Plan`, with a finding for every cell that cannot be read.

Cell-level problems (a bad number, an unknown Polaritas, a conflicting node field) are found
here, where the cell is at hand; tree-level rules live in `validate.py`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from .contract import (
    COMPUTED_HEADERS,
    JENIS_PK_CHOICES,
    LEVEL_SHEETS,
    PEJABAT,
    PEJABAT_HEADERS,
    PENGATURAN,
    H,
    Level,
    NegativeRule,
    P,
    Polarity,
    S,
    Tipe,
    level_headers,
    norm_header,
    required_headers,
)
from .findings import Finding, Severity, WorkbookError, clip, col_letter
from .formulas import POLARITY_KEYS, TIPE_KEYS, excel_key
from .grid import Grid, SheetLayout, cell, duplicate_headers, find_header, text
from .model import Indicator, Node, Official, Plan, Settings
from .numbers import (
    DEFAULT_SCALES,
    Parsed,
    Scale,
    is_money_unit,
    parse_amount,
    parse_quantity,
    unit_agrees,
)
from .vocab import exact_polarity, exact_tipe, read_date, read_periode, read_tipe


@dataclass
class ReadResult:
    """The plan read from a workbook, where each table sits, and what was wrong with cells."""

    plan: Plan
    layouts: dict[str, SheetLayout]
    findings: list[Finding] = field(default_factory=list)


def read_plan(grids: Mapping[str, Grid]) -> ReadResult:
    """Read the whole workbook contract. Raises WorkbookError when it cannot be used at all."""
    result = read_head(grids)
    for level in Level:
        layout = result.layouts[level.sheet]
        result.findings += duplicate_headers(grids[level.sheet], layout, level_headers(level))
        _LevelReader(level, grids[level.sheet], layout, result.plan, result.findings).read()
    return result


def read_head(grids: Mapping[str, Grid]) -> ReadResult:
    """What `read_plan` reads before the level sheets' rows: every table's layout, the
    settings and the officials (with their findings). Raises WorkbookError like read_plan."""
    missing = [name for name in (PEJABAT, *LEVEL_SHEETS) if name not in grids]
    if missing:
        raise WorkbookError("Sheet wajib tidak ditemukan: " + ", ".join(missing)
                            + ". Buat workbook baru dengan 'kinerja-xl baru' atau salin sheet"
                            " dari templat.")
    plan = Plan()
    result = ReadResult(plan, {})
    problems: list[str] = []
    for level in Level:
        layout = find_header(grids[level.sheet], level.sheet, H.KODE)
        if layout is None:
            problems.append(f"sheet {level.sheet}: tidak ada baris judul kolom dengan 'Kode'"
                            " di kolom A")
            continue
        lacking = [h for h in required_headers(level) if layout.col(h) is None]
        if lacking:
            problems.append(f"sheet {level.sheet} baris {layout.header_row}: kolom wajib tidak"
                            f" ditemukan: {', '.join(lacking)}")
            continue
        result.layouts[level.sheet] = layout
    pej = find_header(grids[PEJABAT], PEJABAT, P.ID)
    if pej is None or pej.col(P.JABATAN) is None:
        problems.append("sheet Pejabat: tidak ada baris judul dengan 'ID' di kolom A dan kolom"
                        " 'Jabatan'")
    if problems:
        raise WorkbookError("Workbook tidak dapat dibaca:\n- " + "\n- ".join(problems))
    assert pej is not None
    result.layouts[PEJABAT] = pej
    if PENGATURAN in grids:
        plan.settings = _read_settings(grids[PENGATURAN], result.findings)
    else:
        result.findings.append(Finding(Severity.WARNING, PENGATURAN, None, "",
                                       "sheet Pengaturan tidak ada; dipakai nilai bawaan"))
    _read_officials(grids[PEJABAT], pej, plan, result.findings)
    return result


# Pengaturan ------------------------------------------------------------------------------------

def read_settings(grids: Mapping[str, Grid]) -> Settings:
    """The Pengaturan sheet alone, as `read_plan` reads it (defaults when it is missing): e.g.
    Tahun, to name next year's file before the job runs."""
    grid = grids.get(PENGATURAN)
    return _read_settings(grid, []) if grid is not None else Settings()


def _read_settings(grid: Grid, findings: list[Finding]) -> Settings:
    values: dict[str, tuple[int, Any]] = {}
    for r, row in enumerate(grid, start=1):
        label = norm_header(cell(row, 1))
        if label and label not in values:
            values[label] = (r, cell(row, 2))
    s = Settings()

    def get(label: str) -> tuple[int | None, Any]:
        return values.get(norm_header(label), (None, None))

    def bad(label: str, row: int | None, message: str) -> None:
        findings.append(Finding(Severity.ERROR, PENGATURAN, row, label, message, "B"))

    s.nama_instansi = text(get(S.NAMA_INSTANSI)[1])
    s.pemerintah_daerah = text(get(S.PEMDA)[1])
    s.tempat = text(get(S.TEMPAT)[1])
    row, raw = get(S.TAHUN)
    if text(raw):
        q = parse_quantity(raw).value
        if q is None or q.is_range or not q.value.is_integer():
            bad(S.TAHUN, row, f"Tahun '{clip(text(raw))}' bukan tahun (contoh: 2025)")
        else:
            s.tahun = int(q.value)
    row, raw = get(S.TANGGAL_PK)
    if text(raw):
        s.tanggal_pk = read_date(raw)
        if s.tanggal_pk is None:
            bad(S.TANGGAL_PK, row, f"Tanggal '{clip(text(raw))}' tidak dikenali (contoh: "
                "6 Januari 2025)")
    row, raw = get(S.JENIS_PK)
    if text(raw):
        match = [c for c in JENIS_PK_CHOICES if c.casefold() == text(raw).casefold()]
        if match:
            s.jenis_pk = match[0]
        else:
            bad(S.JENIS_PK, row, f"Jenis PK '{clip(text(raw))}' harus Murni atau Perubahan")
    row, raw = get(S.RUMUS_NEGATIF)
    if text(raw):
        key = text(raw).replace(" ", "").upper()
        rule = next((r for r in NegativeRule if r.value.upper() == key), None)
        if rule is None:
            bad(S.RUMUS_NEGATIF, row, f"rumus '{clip(text(raw))}' harus (2T-R)/T atau T/R")
        else:
            s.negative_rule = rule
    row, raw = get(S.BATAS_MAKS)
    if text(raw):
        parsed = parse_quantity(raw)
        if parsed.value is None or parsed.value.is_range:
            bad(S.BATAS_MAKS, row, f"batas maksimum '{clip(text(raw))}' bukan angka")
        elif _typed_as_text(raw, S.BATAS_MAKS, row, findings):
            s.cap = parsed.value.value
    row, raw = get(S.PERIODE)
    if text(raw):
        s.periode = read_periode(raw)
        if s.periode is None:
            bad(S.PERIODE, row, f"Periode '{clip(text(raw))}' harus TW1, TW2, TW3 atau TW4")
    bands = list(s.bands)
    for i, label in enumerate(S.BAND_LABELS):
        row, raw = get(label)
        if text(raw):
            parsed = parse_quantity(raw)
            if parsed.value is None or parsed.value.is_range:
                bad(label, row, f"batas predikat '{clip(text(raw))}' bukan angka")
            elif _typed_as_text(raw, label, row, findings):
                bands[i] = parsed.value.value
    if bands != sorted(bands, reverse=True):
        bad(S.BAND_LABELS[0], get(S.BAND_LABELS[0])[0],
            "batas predikat harus menurun: Sangat Tinggi > Tinggi > Sedang > Rendah")
    else:
        s.bands = (bands[0], bands[1], bands[2], bands[3])
    s.scales = _read_scales(grid)
    return s


def _typed_as_text(raw: Any, label: str, row: int | None, findings: list[Finding]) -> bool:
    """A numeric setting must be a number cell: the sheet's formulas read it through a defined
    name and see text as blank. Text is reported and ignored, as the formulas do."""
    if isinstance(raw, (int, float)) and not isinstance(raw, bool):
        return True
    findings.append(Finding(Severity.WARNING, PENGATURAN, row, label,
                            f"{label} '{clip(text(raw))}' ditulis sebagai teks; rumus di sheet "
                            "hanya membaca angka, jadi nilai ini diabaikan (dipakai nilai "
                            "bawaan). Ketik sebagai angka.", "B"))
    return False


def _read_scales(grid: Grid) -> tuple[Scale, ...]:
    """Grade scales: the defaults, replaced or extended by 'Skala <nama>' rows (best first)."""
    scales = {sc.name.casefold(): sc for sc in DEFAULT_SCALES}
    prefix = norm_header(S.SKALA_PREFIX) + " "
    for row in grid:
        label = text(cell(row, 1))
        if not norm_header(label).startswith(prefix):
            continue
        name = " ".join(label.split()[1:])
        grades = tuple(g.strip() for g in re.split(r"[,;|]", text(cell(row, 2))) if g.strip())
        if grades:
            scales[name.casefold()] = Scale(name, grades)
    return tuple(scales.values())


# Pejabat ---------------------------------------------------------------------------------------

def _read_officials(grid: Grid, layout: SheetLayout, plan: Plan, findings: list[Finding]) -> None:
    cols = {h: layout.col(h) for h in PEJABAT_HEADERS}
    for r in range(layout.header_row + 1, len(grid) + 1):
        row = grid[r - 1]
        values = {h: text(cell(row, c)) for h, c in cols.items()}
        if not any(values.values()):
            continue
        oid = values[P.ID]
        if not oid:
            findings.append(Finding(Severity.ERROR, PEJABAT, r, P.ID,
                                    "ID pejabat kosong padahal baris ini berisi data",
                                    layout.letter(P.ID)))
            continue
        if oid in plan.officials:
            findings.append(Finding(Severity.ERROR, PEJABAT, r, P.ID,
                                    f"ID '{clip(oid)}' sudah dipakai di baris "
                                    f"{plan.officials[oid].row}", layout.letter(P.ID)))
            continue
        plan.officials[oid] = Official(r, oid, values[P.JABATAN], values[P.NAMA], values[P.NIP],
                                       values[P.PANGKAT], values[P.ATASAN])


# Level sheets ----------------------------------------------------------------------------------

_INPUT_HEADERS = (
    H.KODE, H.KODE_INDUK, H.URAIAN, H.SASARAN, H.PJ, H.INDIKATOR, H.SATUAN, H.POLARITAS, H.TIPE,
    H.TIPE_ASLI, H.FORMULASI, H.SUMBER, H.TARGET, *H.TARGET_TW, *H.REAL_TW, H.ANGGARAN,
    H.REAL_ANGGARAN)
_INPUT_KEYS = [norm_header(h) for h in _INPUT_HEADERS]
_INDICATOR_VALUE_KEYS = [norm_header(h) for h in (H.TARGET, *H.TARGET_TW, *H.REAL_TW)]
_VALUE_HEADERS = (H.TARGET, *H.TARGET_TW, *H.REAL_TW)
_NODE_FIELDS = ((H.KODE_INDUK, "parent_code"), (H.URAIAN, "uraian"), (H.SASARAN, "sasaran"),
                (H.PJ, "pic"))


_COMPUTED_KEYS = frozenset(norm_header(h) for h in COMPUTED_HEADERS)


class _LevelReader:
    """Reads one level sheet row by row; consecutive rows with one Kode are one node."""

    def __init__(self, level: Level, grid: Grid, layout: SheetLayout, plan: Plan,
                 findings: list[Finding]):
        self.level, self.grid, self.layout = level, grid, layout
        self.plan, self.findings = plan, findings
        self.cols = {key: layout.columns.get(key) for key in _INPUT_KEYS}
        self.by_header = {h: layout.col(h) for h in _INPUT_HEADERS}  # resolved once per sheet
        self.value_cols = [self.cols.get(k) for k in _INDICATOR_VALUE_KEYS]
        self.known_input = self.known_input_of(layout)
        self.first_row: dict[str, int] = {}

    @staticmethod
    def known_input_of(layout: SheetLayout) -> list[int]:
        """The columns whose content makes a row count (every header but the computed)."""
        return [c for k, c in layout.columns.items() if k not in _COMPUTED_KEYS]

    def find(self, severity: Severity, row: int, header: str, message: str) -> None:
        self.findings.append(Finding(severity, self.layout.sheet, row, header, message,
                                     self.layout.letter(header)))

    def get(self, row: tuple[Any, ...], header: str) -> Any:
        return cell(row, self.by_header[header])

    def read(self) -> None:
        current: Node | None = None
        nodes = self.plan.levels[self.level]
        for r in range(self.layout.header_row + 1, len(self.grid) + 1):
            raw = self.grid[r - 1]
            if not raw or all(v is None for v in raw):  # empty rows cost next to nothing
                continue
            row = tuple(raw)
            if _blank_row(row, self.known_input):
                continue
            code = text(self.get(row, H.KODE))
            if not code and current is None:
                self.find(Severity.ERROR, r, H.KODE, "Kode kosong; baris ini tidak dapat"
                          " dikaitkan ke node mana pun")
                continue
            if code and (current is None or code != current.code):
                if code in self.first_row:
                    self.find(Severity.ERROR, r, H.KODE,
                              f"Kode '{clip(code)}' sudah dipakai di baris {self.first_row[code]};"
                              " baris-baris satu node harus berurutan")
                else:
                    self.first_row[code] = r
                current = Node(self.level, code, r)
                nodes.append(current)
            assert current is not None
            self._node_fields(current, row, r)
            self._budget(current, row, r)
            self._indicator(current, row, r)

    def _node_fields(self, node: Node, row: tuple[Any, ...], r: int) -> None:
        for header, attr in _NODE_FIELDS:
            value = text(self.get(row, header))
            if not value:
                continue
            if len(value) > 2000 and attr != "uraian":
                self.find(Severity.WARNING, r, header, "isi sel sangat panjang (lebih dari 2.000"
                          " karakter); periksa apakah ada salah tempel")
            old = getattr(node, attr)
            if not old:
                setattr(node, attr, value)
            elif old != value:
                self.find(Severity.ERROR, r, header,
                          f"'{clip(value)}' bertentangan dengan '{clip(old)}' pada baris "
                          f"{node.row} (Kode {clip(node.code)} yang sama)")

    def _budget(self, node: Node, row: tuple[Any, ...], r: int) -> None:
        if not self.level.has_budget:
            return
        for header, attr in ((H.ANGGARAN, "anggaran"), (H.REAL_ANGGARAN, "realisasi_anggaran")):
            raw = self.get(row, header)
            if raw is None:
                continue
            parsed = parse_amount(raw)
            if parsed.error:
                self.find(Severity.ERROR, r, header, f"{header}: {parsed.error}")
            elif parsed.value is not None:
                if getattr(node, attr) is not None:
                    self.find(Severity.ERROR, r, header, f"{header} node ini sudah diisi di baris"
                              " sebelumnya; isi sekali saja per node")
                else:
                    setattr(node, attr, parsed.value.value)

    def _indicator(self, node: Node, row: tuple[Any, ...], r: int) -> None:
        col = self.by_header
        name = text(cell(row, col[H.INDIKATOR]))
        values = [cell(row, c) for c in self.value_cols]  # Target, Target TW1..4, Real. TW1..4
        if not name:
            if any(text(v) for v in values):
                self.find(Severity.ERROR, r, H.INDIKATOR, "Target/Realisasi diisi tetapi nama"
                          " Indikator kosong")
            return
        ind = Indicator(r, name, satuan=text(cell(row, col[H.SATUAN])),
                        formulasi=text(cell(row, col[H.FORMULASI])),
                        sumber_data=text(cell(row, col[H.SUMBER])))
        pol_blank = self._tipe_and_polarity(ind, row, r)
        raw_target = values[0]
        money = is_money_unit(ind.satuan)
        parsed = {h: self._read(raw, r, h, ind.satuan, money)
                  for h, raw in zip(_VALUE_HEADERS, values, strict=True)}
        notes: list[str] = []
        self._grades(ind, parsed, r, notes)
        self._bounds(ind, parsed, r, pol_blank, notes)
        ind.target = parsed[H.TARGET].value
        ind.target_text = text(raw_target)
        ind.target_is_text = isinstance(raw_target, str) and bool(raw_target.strip())
        ind.quarter_targets = tuple(parsed[h].value for h in H.TARGET_TW)
        reals = []
        for q, (header, raw) in enumerate(zip(H.REAL_TW, values[5:], strict=True), start=1):
            if text(raw):
                self.plan.last_quarter_seen = max(self.plan.last_quarter_seen, q)
            value = parsed[header].value
            if value is not None and value.is_range:
                self.find(Severity.ERROR, r, header, "realisasi tidak boleh berupa rentang")
                value = None
            reals.append(value)
        ind.realisations = tuple(reals)
        if parsed[H.TARGET].no_value:
            notes.append(f"Target ditulis '{clip(text(raw_target))}': tidak ada target")
        ind.reading_notes = tuple(notes)
        ind.inputs_are_numbers = (
            not ind.grade_scale
            and all(v is None or (isinstance(v, (int, float)) and not isinstance(v, bool))
                    for v in values)
            and excel_key(cell(row, col[H.TIPE])) in _TIPE_KEYS
            and excel_key(cell(row, col[H.POLARITAS])) in _POLARITY_KEYS)
        node.indicators.append(ind)

    def _read(self, raw: Any, r: int, header: str, satuan: str, money: bool) -> Parsed:
        """One Target/Realisasi cell through the quantity grammar (`money`: the Satuan is a
        money unit); errors and warnings become findings on the cell."""
        if raw is None:  # an empty cell says nothing (most quarterly cells early in the year)
            return _EMPTY
        parsed = parse_quantity(raw, self.plan.settings.scales, money)
        if parsed.error:
            self.find(Severity.ERROR, r, header, f"{header}: {parsed.error}")
        for warning in parsed.warnings:
            self.find(Severity.WARNING, r, header, f"{header}: {warning}")
        if parsed.unit and not unit_agrees(parsed.unit, satuan):
            self.find(Severity.WARNING, r, header, f"{header}: satuan '{clip(parsed.unit)}' "
                      f"berbeda dengan Satuan baris ini ('{clip(satuan)}'); angkanya tetap "
                      "dipakai")
        return parsed

    def _grades(self, ind: Indicator, parsed: dict[str, Parsed], r: int,
                notes: list[str]) -> None:
        """A row with a grade (BB, WTP, Baik): every value must be a grade of the same scale;
        capaian is the ratio of the grades' scores (worst = 1 ... best = size of the scale)."""
        graded = [p.grade for p in parsed.values() if p.grade is not None]
        if not graded:
            return
        scale = graded[0].scale
        for header, p in list(parsed.items()):
            if p.value is not None and (p.grade is None or p.grade.scale != scale):
                self.find(Severity.ERROR, r, header, f"{header}: baris ini memakai nilai huruf "
                          f"skala {scale}; isi juga dengan nilai huruf skala itu")
                parsed[header] = Parsed(None, "bukan nilai huruf")
        ind.grade_scale = scale
        grades = next(sc.grades for sc in self.plan.settings.scales if sc.name == scale)
        notes.append(f"nilai huruf skala {scale} ({' > '.join(grades)}): capaian = skor "
                     f"realisasi / skor target × 100, skor {grades[0]} = {len(grades)} s.d. "
                     f"{grades[-1]} = 1")
        if ind.tipe is Tipe.KUMULATIF:
            self.find(Severity.WARNING, r, H.TIPE, "nilai huruf tidak dapat dijumlahkan; "
                      "dihitung sebagai Non Kumulatif")
            ind.tipe = Tipe.NON_KUMULATIF
        if ind.polarity is Polarity.NEGATIF:
            self.find(Severity.WARNING, r, H.POLARITAS, "nilai huruf selalu lebih tinggi lebih"
                      " baik; dihitung sebagai Positif")
            ind.polarity = Polarity.POSITIF

    def _bounds(self, ind: Indicator, parsed: dict[str, Parsed], r: int, pol_blank: bool,
                notes: list[str]) -> None:
        """A comparison before a target ('≥ 80', 'maksimal 5') implies the polarity."""
        for header in H.REAL_TW:
            if parsed[header].bound:
                self.find(Severity.WARNING, r, header, f"{header}: tanda pembanding pada "
                          "realisasi diabaikan; angkanya dipakai")
        bound = next(((h, p) for h in (H.TARGET, *H.TARGET_TW)
                      if (p := parsed[h]).bound), None)
        if bound is None:
            if pol_blank and not ind.grade_scale:
                self.find(Severity.WARNING, r, H.POLARITAS, "Polaritas kosong; dianggap Positif")
            return
        header, p = bound
        implied = Polarity.POSITIF if p.lower_bound else Polarity.NEGATIF
        kind = "batas bawah" if p.lower_bound else "batas atas"
        if pol_blank:
            ind.polarity = implied
            notes.append(f"Polaritas dibaca {implied.value} dari {kind} '{p.bound}' pada "
                         f"{header}")
        elif ind.polarity is not implied:
            self.find(Severity.WARNING, r, H.POLARITAS, f"Polaritas {ind.polarity.value} "
                      f"bertentangan dengan {kind} '{p.bound}' pada {header} (yang berarti "
                      f"{implied.value}); Polaritas yang diketik dipakai")

    def _tipe_and_polarity(self, ind: Indicator, row: tuple[Any, ...], r: int) -> bool:
        """Set tipe and polarity; True when Polaritas is blank and nothing implied it."""
        col = self.by_header
        raw_tipe = text(cell(row, col[H.TIPE]))
        raw_pol = text(cell(row, col[H.POLARITAS]))
        ind.tipe_text = text(cell(row, col[H.TIPE_ASLI])) or raw_tipe
        ind.tipe, ind.polarity, notes, pol_blank = _classify(raw_tipe, raw_pol)
        for severity, header, message in notes:
            self.find(severity, r, header, message)
        return pol_blank


_EMPTY = parse_quantity(None)
_TIPE_KEYS = frozenset(("", *TIPE_KEYS))
_POLARITY_KEYS = frozenset(("", *POLARITY_KEYS))


def _blank_row(row: tuple[Any, ...], cols: list[int]) -> bool:
    """Is every one of cols blank (what `text(value) == ""` says, without building text)?"""
    width = len(row)
    for c in cols:
        if c <= width:
            v = row[c - 1]
            if v is not None and not (isinstance(v, str) and not v.strip()):
                return False
    return True


@lru_cache(maxsize=1024)
def _classify(raw_tipe: str, raw_pol: str,
              ) -> tuple[Tipe, Polarity, tuple[tuple[Severity, str, str], ...], bool]:
    """(tipe, polarity, findings without their row, Polaritas blank with nothing implying it)
    for one Tipe/Polaritas text pair; pure, so each distinct pair is worked out once. The
    'Polaritas kosong' warning is the caller's: a bound on the target may still imply it."""
    notes: list[tuple[Severity, str, str]] = []
    guessed_tipe, guessed_pol = read_tipe(raw_tipe)
    tipe = exact_tipe(raw_tipe) if raw_tipe else None
    if tipe is None and raw_tipe and guessed_tipe is not None:
        tipe = guessed_tipe
        notes.append((Severity.WARNING, H.TIPE, f"'{clip(raw_tipe)}' dibaca sebagai "
                      f"{tipe.value}; pilih dari daftar ({', '.join(t.value for t in Tipe)})"))
    elif tipe is None and raw_tipe:
        notes.append((Severity.ERROR, H.TIPE, f"Tipe Penghitungan '{clip(raw_tipe)}' tidak"
                      f" dikenal; pilih {', '.join(t.value for t in Tipe)}"))
    elif tipe is None:
        notes.append((Severity.WARNING, H.TIPE, "Tipe Penghitungan kosong; dianggap Non"
                      " Kumulatif"))
    pol = exact_polarity(raw_pol) if raw_pol else None
    if pol is None and raw_pol:
        pol = read_tipe(raw_pol)[1]
        if pol is None:
            notes.append((Severity.ERROR, H.POLARITAS, f"Polaritas '{clip(raw_pol)}' tidak"
                          " dikenal; pilih Positif atau Negatif"))
        else:
            notes.append((Severity.WARNING, H.POLARITAS, f"'{clip(raw_pol)}' dibaca sebagai"
                          f" {pol.value}; pilih Positif atau Negatif"))
    elif pol is None and guessed_pol is not None:
        pol = guessed_pol
    return (tipe or Tipe.NON_KUMULATIF, pol or Polarity.POSITIF, tuple(notes),
            pol is None and not raw_pol)


__all__ = ["ReadResult", "col_letter", "read_plan"]
