"""Finding the header row of a table and what each column holds (Indonesian headers, synonyms).

Pure. `detect` looks at the first rows of a `Table`: the row whose cells name the most known
fields is the header; a second header row under it ("Target" over "TW I … TW IV") is combined
with it; rows above are titles. `--kolom` overrides (letters or header texts) are applied on
top. Field keys are English; `LABELS` gives the Indonesian name shown to users.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..core.contract import Level
from ..core.findings import col_letter
from .tables import Cell, Table
from .text import ImportFailed

NO, KODE, URAIAN, TINGKAT = "no", "kode", "uraian", "tingkat"
INDIKATOR, SATUAN, TARGET, REALISASI = "indikator", "satuan", "target", "realisasi"
FORMULASI, SUMBER, PJ, PAGU, REAL_PAGU = "formulasi", "sumber", "pj", "pagu", "real_pagu"
POLARITAS, TIPE, BASELINE = "polaritas", "tipe", "baseline"
KINERJA = "kinerja"  # the statement of a node's result ("Kinerja" of the nomenclature appendix)
TARGET_TW = tuple(f"target_tw{q}" for q in range(1, 5))
REAL_TW = tuple(f"real_tw{q}" for q in range(1, 5))
LEVEL_FIELD = {lv: f"level_{lv.name.lower()}" for lv in Level}
IND_OF = {lv: f"indikator_{lv.name.lower()}" for lv in Level}
SASARAN_OF = {lv: f"sasaran_{lv.name.lower()}" for lv in
              (Level.PROGRAM, Level.KEGIATAN, Level.SUB_KEGIATAN)}
FIELD_LEVEL = {v: k for k, v in LEVEL_FIELD.items()}

LABELS: dict[str, str] = {
    NO: "No", KODE: "Kode", URAIAN: "Uraian (Program/Kegiatan/Sub Kegiatan)",
    TINGKAT: "Tingkat", INDIKATOR: "Indikator", SATUAN: "Satuan", TARGET: "Target",
    REALISASI: "Realisasi", FORMULASI: "Formulasi", SUMBER: "Sumber Data",
    PJ: "Penanggung Jawab", PAGU: "Anggaran", REAL_PAGU: "Realisasi Anggaran",
    POLARITAS: "Polaritas", TIPE: "Tipe Penghitungan", BASELINE: "Kondisi Awal",
    KINERJA: "Kinerja (Sasaran node)",
    **{f: f"Target TW{q}" for q, f in enumerate(TARGET_TW, start=1)},
    **{f: f"Realisasi TW{q}" for q, f in enumerate(REAL_TW, start=1)},
    **{f: lv.sheet for lv, f in LEVEL_FIELD.items()},
    **{f: f"Indikator {lv.sheet}" for lv, f in IND_OF.items()},
    **{f: f"Sasaran {lv.sheet}" for lv, f in SASARAN_OF.items()},
}

_LV = r"(tujuan|sasaran|program|kegiatan|sub ?kegiatan)"
_Q = r"(tw|triwulan|trw|tri wulan)?\s*(i{1,3}|iv|[1-4])"
_RULES: list[tuple[re.Pattern[str], str]] = [(re.compile(p), f) for p, f in [
    (r"^(no|nomor|no urut|nmr)$", NO),
    (r"^(kode|kd)\b", KODE),
    (r"^(tingkat|level|jenis (node|uraian|tingkat|level))$", TINGKAT),
    (rf"^indikator( kinerja)? {_LV}( strategis| skpd| pd| renstra)?$", "ind_of"),
    (r"indikator|^(iku|ikk|iki|ik|kpi)\b|tolok ukur", INDIKATOR),
    (r"^(kinerja|hasil|keluaran|output|outcome)$", KINERJA),
    (r"^sasaran (program|kegiatan|sub ?kegiatan)$", "sasaran_of"),
    (r"^tujuan\b", LEVEL_FIELD[Level.TUJUAN]),
    (r"^sasaran\b", LEVEL_FIELD[Level.SASARAN]),
    (r"program ?/ ?kegiatan|kegiatan ?/ ?sub|urusan.*program|^uraian|nomenklatur", URAIAN),
    (r"^(nama )?sub ?kegiatan\b", LEVEL_FIELD[Level.SUB_KEGIATAN]),
    (r"^(nama )?kegiatan\b", LEVEL_FIELD[Level.KEGIATAN]),
    (r"^(nama )?program\b", LEVEL_FIELD[Level.PROGRAM]),
    (r"\bsatuan\b", SATUAN),
    (rf"^(target|rencana)\b.*\b{_Q}$", "target_tw"),
    (r"^realisasi (anggaran|keuangan|pagu|belanja)", REAL_PAGU),
    (rf"^(realisasi|capaian)\b.*\b{_Q}$", "real_tw"),
    (r"^(target|sasaran target|rencana target)\b", TARGET),
    (r"^realisasi\b", REALISASI),
    (r"formulasi|formula|cara (pengukuran|perhitungan|penghitungan|menghitung)|alasan"
     r"|penjelasan|definisi operasional", FORMULASI),
    (r"sumber data", SUMBER),
    (r"penanggung ?jawab|^pj\b|^pic$|unit (kerja|pelaksana)|^pelaksana|^jabatan$", PJ),
    (r"pagu|anggaran|^rp$|^jumlah rp|kebutuhan dana|^dana\b|alokasi", PAGU),
    (r"polaritas|polarisasi", POLARITAS),
    (r"^(tipe|jenis)( penghitungan| perhitungan| konsolidasi| indikator)$|konsolidasi|^tipe$",
     TIPE),
    (r"kondisi (kinerja )?awal|baseline|capaian awal", BASELINE),
]]
_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}
_HIERARCHY = {URAIAN, INDIKATOR, *LEVEL_FIELD.values(), *IND_OF.values()}
_QUALIFIED = {KODE, REAL_PAGU, *TARGET_TW, *REAL_TW, *IND_OF.values(), *SASARAN_OF.values()}


def norm(text: object) -> str:
    """Header comparison text: lower case, punctuation to spaces ('/' kept), single spaces."""
    s = str(text).casefold().replace("\n", " ")
    s = re.sub(r"[^\w/ ]+", " ", s)
    s = re.sub(r"\s*/\s*", "/", s)
    return " ".join(s.split())


def _level_word(word: str) -> Level:
    return {"tujuan": Level.TUJUAN, "sasaran": Level.SASARAN, "program": Level.PROGRAM,
            "kegiatan": Level.KEGIATAN}.get(word.replace(" ", ""), Level.SUB_KEGIATAN)


def field_of(header: object) -> str | None:
    """The field a header text names, or None ('Target TW II' -> 'target_tw2')."""
    h = norm(header)
    if not h or len(h) > 120 or re.fullmatch(r"[\d ]+", h):
        return None
    for pattern, key in _RULES:
        m = pattern.search(h)
        if m is None:
            continue
        if key == "ind_of":
            return IND_OF[_level_word(m.group(2))]
        if key == "sasaran_of":
            return SASARAN_OF[_level_word(m.group(1))]
        if key in ("target_tw", "real_tw"):
            q = m.group(m.lastindex or 0)
            n = _ROMAN.get(q) or int(q)
            return (TARGET_TW if key == "target_tw" else REAL_TW)[n - 1]
        return key
    return None


@dataclass
class Mapping:
    """Where the table's header is and which column (0-based) holds each field."""

    header_rows: list[int]  # indices into table.rows (0, 1 or 2 rows)
    columns: dict[str, int]
    headers: list[str]  # the (combined) header text of every column
    unused: list[int] = field(default_factory=list)  # columns with a header not used
    overridden: set[str] = field(default_factory=set)  # fields set by --kolom
    kode_parts: list[int] = field(default_factory=list)  # more Kode columns (split codes)
    years: dict[str, str] = field(default_factory=dict)  # field -> year in its header

    @property
    def data_start(self) -> int:
        return (max(self.header_rows) + 1) if self.header_rows else 0

    def describe(self) -> list[str]:
        """'C Indikator Kinerja → Indikator' lines (for --dry-run and the report)."""
        out = []
        for key, col in sorted(self.columns.items(), key=lambda kv: kv[1]):
            how = " (--kolom)" if key in self.overridden else ""
            out.append(f"{col_letter(col + 1)} '{self.headers[col]}' → {LABELS[key]}{how}")
        return out


def _text(value: Cell) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip() if value != "" else ""


def _map(headers: list[str]) -> tuple[dict[str, int], list[int], dict[str, str]]:
    columns: dict[str, int] = {}
    unused: list[int] = []
    years: dict[str, str] = {}
    for col, h in enumerate(headers):
        key = field_of(h) if h else None
        if key == KODE and KODE in columns:
            continue  # a code split over columns ("Kode" over Urusan | Bidang | Program …)
        if key is not None and key in columns and _names(h, key) and not _names(
                headers[columns[key]], key):
            unused.append(columns[key])  # "Formulasi" wins over an earlier "Alasan"
        elif key is None or key in columns:
            if h:
                unused.append(col)
            continue
        columns[key] = col
        if year := re.search(r"\b(19|20)\d\d\b", h):
            years[key] = year.group(0)
    return columns, sorted(unused), years


def _names(header: str, key: str) -> bool:
    """True when the header starts with the field's own name (not a synonym)."""
    return norm(header).startswith(norm(LABELS[key]).split()[0])


def _combined(top: list[str], below: list[str]) -> list[str]:
    """Two header rows as one: a cell of the lower row is prefixed with the group above it
    (a blank upper cell belongs to the group on its left when the lower row is filled)."""
    out = []
    group = ""
    for c in range(max(len(top), len(below))):
        t = top[c] if c < len(top) else ""
        b = below[c] if c < len(below) else ""
        if t:
            group = t
        parent = t or group
        if not b:
            out.append(parent)
            continue
        joined = f"{parent} {b}".strip() if parent and parent != b else b
        own, both = field_of(b), field_of(joined)
        # a child that names a field alone ("Pagu Indikatif" under "Rencana Tahun 2025", "Rp"
        # under "Target Kinerja dan Kerangka Pendanaan") keeps its own name unless the group
        # makes it more specific ("Realisasi" over "Anggaran", "Kode" over "Program");
        # "TW I" or "2025" under "Target" needs the group
        if own is not None and both not in _QUALIFIED:
            joined = b
        out.append(joined)
    return out


def _score(columns: dict[str, int]) -> int:
    return len(columns) + (2 if _HIERARCHY & set(columns) else -len(columns))


_COLNUM = re.compile(r"^\(?\d{1,2}\)?$")


def detect(table: Table, limit: int = 40) -> Mapping | None:
    """The best header (one, two or three rows) among the first rows, or None."""
    rows = [[_text(v) for v in r] for r in table.rows[:limit]]
    # rows i whose cells are merged with row i + 1: a two-row header there is certain
    joined = {r for r0, _, r1, _ in table.merged if r1 > r0 for r in range(r0, min(r1, limit))}
    best: Mapping | None = None
    best_score = 1
    for i, row in enumerate(rows):
        if sum(1 for v in row if v) < 2 or (i - 1 in joined and best is not None
                                           and i in best.header_rows[1:]):
            continue
        cols, unused, years = _map(row)
        score, mapping = _score(cols), Mapping([i], cols, row, unused, years=years)
        if i + 1 < len(rows) and (_header_like(rows[i + 1]) or i in joined):
            both = _combined(row, rows[i + 1])
            cols2, unused2, years2 = _map(both)
            data = _data_under(row, rows[i + 1])
            grouped = _grouped(row, rows[i + 1]) and not data
            if (_score(cols2) > score and not data) or (
                    (grouped or i in joined) and _score(cols2) >= score) \
                    or (i in joined and _score(cols2) > 1):
                score, mapping = _score(cols2), Mapping([i, i + 1], cols2, both, unused2,
                                                       years=years2)
                third = _third_row(rows, i, both, score, joined)
                if third is not None:
                    score, mapping = third
        if score > best_score:
            best, best_score = mapping, score
    if best is not None:
        best.kode_parts = [c for c, h in enumerate(best.headers)
                           if c != best.columns.get(KODE) and h and field_of(h) == KODE]
        nxt = best.data_start
        if nxt < len(rows) and _is_column_numbers(rows[nxt]):
            best.header_rows.append(nxt)  # the "(1) (2) (3)" row under many government tables
    return best


def _third_row(rows: list[list[str]], i: int, both: list[str], score: int,
               joined: set[int]) -> tuple[int, Mapping] | None:
    """A third header row under a two-row header (Renstra: "Target Kinerja dan Kerangka
    Pendanaan" over "2025 | 2026" over "K | Rp | K | Rp"), when it names more fields."""
    if i + 2 >= len(rows) or not (_header_like(rows[i + 2]) or i + 1 in joined):
        return None
    below = rows[i + 2]
    if _data_under(both, below):
        return None
    three = _combined(both, below)
    cols, unused, years = _map(three)
    if _score(cols) > score or (i + 1 in joined and _score(cols) >= score):
        return _score(cols), Mapping([i, i + 1, i + 2], cols, three, unused, years=years)
    return None


def _data_under(top: list[str], below: list[str]) -> bool:
    """True when `below` is data, not the lower half of a header: it puts a text under a
    Tujuan/…/Sub Kegiatan, Uraian or Indikator header that does not make that header a more
    specific field ("Tujuan satu" or "Program Penunjang …" under "Program"; but "Tujuan"
    under "Indikator" is the header "Indikator Tujuan"). A data row whose Target is 1 would
    otherwise read as "Target" over "1" (Target TW1) and be lost as a header row."""
    return any(v and v != top[c] and field_of(top[c]) in _HIERARCHY
               and field_of(f"{top[c]} {v}") not in _QUALIFIED
               for c, v in enumerate(below) if c < len(top))


def _grouped(top: list[str], below: list[str]) -> bool:
    """True when the lower row fills a group: a cell under a blank upper cell whose group
    (the nearest filled upper cell to its left) also has a lower cell ("Target Kinerja" over
    "2025 | 2026", "Rencana Tahun 2025" over "Lokasi | Target | Pagu")."""
    start = None
    for c in range(len(below)):
        t = top[c] if c < len(top) else ""
        if t:
            start = c if below[c] else None
        elif below[c] and start is not None:
            return True
    return False


def _header_like(row: list[str]) -> bool:
    """A row that can be the lower half of a header: short texts, numbers only as years or
    quarters, and not the "(1) (2) (3)" column numbers."""
    filled = [v for v in row if v]
    return bool(filled) and not _is_column_numbers(row) and all(
        len(v) <= 60 and (not re.fullmatch(r"[\d.,%+-]+", v)
                          or re.fullmatch(r"(19|20)\d\d|[1-4]", v)) for v in filled)


def _is_column_numbers(row: list[str]) -> bool:
    filled = [v for v in row if v]
    return len(filled) >= 3 and all(_COLNUM.match(v) for v in filled) and len(
        {v.strip("()") for v in filled}) == len(filled) and _ascending(filled)


def _ascending(values: list[str]) -> bool:
    nums = [int(v.strip("()")) for v in values]
    return nums == sorted(nums) and nums[0] <= 2


def parse_kolom(spec: str) -> list[tuple[str, str]]:
    """'Indikator=C, Target=Target 2025' -> [('indikator', 'C'), ('target', 'Target 2025')]."""
    out = []
    for part in re.split(r"[,;]", spec):
        if not part.strip():
            continue
        if "=" not in part:
            raise ImportFailed(f"--kolom: '{part.strip()}' harus berbentuk Nama=Kolom, mis. "
                               "\"Indikator=C,Target=F\".")
        name, _, where = part.partition("=")
        key = field_of(name) or next((k for k, v in LABELS.items() if norm(v) == norm(name)),
                                     None)
        if key is None:
            raise ImportFailed(f"--kolom: '{name.strip()}' bukan nama kolom yang dikenal. "
                               f"Yang dikenal: {', '.join(sorted(set(LABELS.values())))}.")
        out.append((key, where.strip()))
    return out


def apply_overrides(table: Table, mapping: Mapping | None,
                    overrides: list[tuple[str, str]]) -> Mapping:
    """Put the --kolom choices on top of the detected mapping (or on none)."""
    if mapping is None:
        head = _guess_header(table, [w for _, w in overrides])
        headers = [_text(v) for v in table.rows[head]] if head is not None else []
        mapping = Mapping([head] if head is not None else [], {},
                          headers + [""] * (table.width - len(headers)))
    headers = mapping.headers + [""] * (table.width - len(mapping.headers))
    for key, where in overrides:
        col = _column(where, headers, table.width)
        for other, c in list(mapping.columns.items()):
            if c == col:
                del mapping.columns[other]
        mapping.columns[key] = col
        mapping.overridden.add(key)
        if col in mapping.unused:
            mapping.unused.remove(col)
        if not headers[col]:
            headers[col] = col_letter(col + 1)
    mapping.headers = headers
    return mapping


def _guess_header(table: Table, wanted: list[str]) -> int | None:
    """The header row when detection found none: the first row holding every header text
    named in --kolom, else the row among the first 30 with the most text cells and no
    number (None: the table has no header row)."""
    rows = [[_text(v) for v in r] for r in table.rows[:30]]
    texts = [norm(w) for w in wanted if not re.fullmatch(r"[A-Za-z]{1,3}", w)]
    if texts:
        for i, row in enumerate(rows):
            cells = [norm(v) for v in row if v]
            if all(any(t == c or t in c for c in cells) for t in texts):
                return i
        return None
    best, best_n = None, 1
    for i, row in enumerate(rows):
        filled = [v for v in row if v]
        if any(re.fullmatch(r"[\d.,%+-]+", v) for v in filled):
            continue
        if len(filled) > best_n:
            best, best_n = i, len(filled)
    return best


def _column(where: str, headers: list[str], width: int) -> int:
    if re.fullmatch(r"[A-Za-z]{1,3}", where):
        n = 0
        for ch in where.upper():
            n = n * 26 + ord(ch) - 64
        if n > max(width, 1):
            raise ImportFailed(f"--kolom: kolom {where.upper()} di luar tabel (tabel hanya "
                               f"sampai kolom {col_letter(max(width, 1))}).")
        return n - 1
    exact = [c for c, h in enumerate(headers) if norm(h) == norm(where)]
    part = [c for c, h in enumerate(headers) if norm(where) and norm(where) in norm(h)]
    found = exact or part
    if not found:
        raise ImportFailed(f"--kolom: tidak ada judul kolom '{where}'. Judul yang ada: "
                           + "; ".join(f"{col_letter(c + 1)} '{h}'"
                                       for c, h in enumerate(headers) if h) + ".")
    return found[0]
