"""Importing a table (any format `tables` reads): choose the sheet, find the header, read the
shape, and account for every row. Pure apart from the `Table` given to it.

The result is the same `ImportResult` the e-SAKIP reader gives, so the workbook writer, the
merge into an existing workbook and the console output are shared.
"""

from __future__ import annotations

import re

from ..core.contract import Level
from ..core.findings import clip, col_letter
from ..core.model import Settings
from . import headers as F
from .build import Builder, text
from .esakip import ImportResult
from .headers import Mapping, apply_overrides, detect, parse_kolom
from .report import Kind, ReportEntry
from .shapes import read_columns, read_rows, shape_of
from .tables import Table
from .text import ImportFailed

_INSTANSI = re.compile(r"\b((?:kecamatan|kelurahan|dinas|badan|kantor|sekretariat|inspektorat|"
                       r"satuan polisi|bagian)\b.*?)(?=\s+(?:kabupaten|kota|provinsi|tahun)\b|"
                       r"\s*[,(]|$)", re.IGNORECASE)


def choose(tables: list[Table], lembar: str | None) -> tuple[Table, Mapping | None, list[str]]:
    """(table, its detected header, notes): the named sheet, else the one whose header names
    the most fields."""
    if not tables:
        raise ImportFailed("File ini tidak berisi lembar kerja yang terlihat.")
    if lembar:
        found = [t for t in tables if t.name.casefold() == lembar.strip().casefold()]
        if not found:
            raise ImportFailed(f"--lembar: tidak ada lembar '{lembar}'. Lembar yang ada: "
                               + ", ".join(f"'{t.name}'" for t in tables) + ".")
        table = found[0].filled()
        return table, detect(table), []
    scored = []
    for t in tables:
        filled = t.filled()
        mapping = detect(filled)
        scored.append((len(mapping.columns) if mapping else 0, filled, mapping))
    best = max(scored, key=lambda s: s[0])
    notes = []
    if len(tables) > 1:
        others = [t.name for _, t, _ in scored if t is not best[1]]
        notes.append(f"dibaca lembar '{best[1].name}' (judul kolomnya paling dikenali); lembar "
                     f"lain tidak dibaca: {', '.join(others)}. Pakai --lembar untuk memilih.")
    return best[1], best[2], notes


def unreadable(table: Table, mapping: Mapping | None, why: str) -> ImportFailed:
    """The refusal for a table the importer cannot make sense of: the headers it found and a
    --kolom line to try."""
    rows = [[text(v) for v in r] for r in table.rows[:30]]
    if mapping is not None and mapping.header_rows:
        head_i = mapping.header_rows[0]
    else:
        head_i = max(range(len(rows)), key=lambda i: sum(1 for v in rows[i] if v and len(v) < 60),
                     default=0)
    head = rows[head_i] if rows else []
    shown = "; ".join(f"{col_letter(c + 1)} '{clip(h, 30)}'" for c, h in enumerate(head) if h)
    data = rows[head_i + 1:]

    def long_text(c: int) -> float:
        vals = [r[c] for r in data if c < len(r) and r[c]]
        return sum(len(v) for v in vals if not re.fullmatch(r"[\d.,% -]+", v)) / max(len(vals), 1)

    known = mapping.columns if mapping is not None else {}
    cols = sorted(range(len(head)), key=lambda c: -long_text(c))
    texts = sorted(c for c in cols[:3] if c not in known.values() and long_text(c) > 0)
    numeric = [c for c in range(len(head)) if c not in texts and any(
        c < len(r) and re.fullmatch(r"[\d.,%]+", r[c] or "x") for r in data)]
    parts = []
    # a node column read as Sasaran (hierarchy in columns) always works; Uraian needs levels
    node = texts[0] if texts else None
    if node is not None:
        parts.append(f"Sasaran={col_letter(node + 1)}")
    if F.INDIKATOR in known:
        pass
    elif len(texts) > 1:
        parts.append(f"Indikator={col_letter(texts[1] + 1)}")
    if numeric and F.TARGET not in known:
        parts.append(f"Target={col_letter(numeric[0] + 1)}")
    where = f" di {table.kind}" if table.kind else ""
    found = (f"Judul kolom yang ditemukan{where} (baris {table.row_numbers[head_i]}): {shown}."
             if shown and table.row_numbers else "Tidak ada baris judul kolom.")
    if parts:
        hint = f"Tunjukkan kolomnya dengan --kolom, misalnya: --kolom \"{','.join(parts)}\""
    else:
        hint = ("Tabel ini tidak punya kolom node: tambahkan kolom Sasaran (atau Program, …) "
                "berisi pernyataan tiap baris lalu impor lagi, atau tunjuk kolomnya dengan "
                "--kolom \"Sasaran=B\"")
    return ImportFailed(
        f"File ini bukan ekspor cascading e-SAKIP maupun tabel kinerja yang dikenali: {why} "
        f"{found} {hint} "
        "(huruf kolom atau teks judul; nama yang dikenal: Tujuan, Sasaran, Program, Kegiatan, "
        "Sub Kegiatan, Uraian, Tingkat, Kode, Indikator, Satuan, Target, Target TW1…TW4, "
        "Formulasi, Sumber Data, Penanggung Jawab, Anggaran, Polaritas, Tipe Penghitungan).")


def _settings(table: Table, mapping: Mapping) -> Settings:
    s = Settings()
    titles = " ".join(text(v) for r in table.rows[: min(mapping.header_rows or [0])]
                      for v in r if v != "")
    if m := _INSTANSI.search(titles):
        s.nama_instansi = " ".join(m.group(1).split()).title()[:120]
    year = mapping.years.get(F.TARGET) or (re.search(r"\btahun\s+((?:19|20)\d\d)\b", titles,
                                                     re.IGNORECASE) or [None, None])[1]
    s.tahun = int(year) if year else None
    return s


def import_table(table: Table, mapping: Mapping | None, kolom: str | None = None,
                 encoding: str = "", notes: list[ReportEntry] | None = None,
                 sheet_notes: list[str] | None = None) -> ImportResult:
    """Read a table into a plan; raises ImportFailed (with the --kolom hint) when it cannot."""
    if kolom:
        mapping = apply_overrides(table, mapping, parse_kolom(kolom))
    if mapping is None:
        raise unreadable(table, None, "tidak ada baris judul kolom yang dikenali (Tujuan, "
                         "Sasaran, Program, Kegiatan, Sub Kegiatan, Uraian, Indikator …).")
    shape = shape_of(table, mapping)
    if shape is None:
        raise unreadable(table, mapping, "tidak ada kolom Tujuan/Sasaran/Program/Kegiatan/Sub "
                         "Kegiatan atau Uraian (Program/Kegiatan/Sub Kegiatan).")
    b = Builder(_settings(table, mapping))
    b.report.extend(notes or [])
    for note in sheet_notes or []:
        b.add(Kind.INFO, [], note)
    _account_header(table, mapping, b, shape)
    (read_rows if shape == "baris" else read_columns)(table, mapping, b)
    plan, node_notes, report = b.finish()
    if not any(plan.levels[lv] for lv in Level):
        raise unreadable(table, mapping, "tidak satu baris pun menjadi node (semua baris "
                         "dilewati; lihat kolom yang dipetakan).")
    used = {r for rows in b.uses.values() for r in rows}
    result = ImportResult(plan, report, node_notes, used, table.line_total or len(table.rows),
                          encoding or table.kind)
    every = set(range(1, table.line_total + 1)) if table.line_total else set(table.row_numbers)
    missing = sorted(every - result.accounted())
    if missing:  # a safety net: the walk should account for every row itself
        result.report.append(ReportEntry(Kind.DILEWATI, tuple(missing),
                                         "baris tidak terpakai (tidak dikenali)"))
    result.shape = ("tabel, hierarki dalam baris" if shape == "baris"
                    else "tabel, hierarki dalam kolom")
    result.columns = mapping.describe()
    result.given = b.given()
    result.rows = b.source_rows()
    return result


def _account_header(table: Table, mapping: Mapping, b: Builder, shape: str) -> None:
    first = min(mapping.header_rows) if mapping.header_rows else 0
    titles = [table.row_numbers[i] for i in range(first) if any(v != "" for v in table.rows[i])]
    blank = [table.row_numbers[i] for i in range(first) if all(v == "" for v in table.rows[i])]
    for why, rows in table.skipped.items():
        if rows:
            b.add(Kind.INFO, rows, why)
    for why, rows in table.doubtful.items():
        if rows:
            b.add(Kind.PERINGATAN, rows, why)
    if titles:
        b.add(Kind.INFO, titles, f"{len(titles)} baris judul di atas tabel (tidak diimpor)")
    if blank:
        b.add(Kind.INFO, blank, f"{len(blank)} baris kosong di atas tabel")
    heads = [table.row_numbers[i] for i in mapping.header_rows]
    how = ("hierarki dalam baris (satu kolom uraian)" if shape == "baris"
           else "hierarki dalam kolom (sel kosong = sama dengan di atasnya)")
    b.add(Kind.INFO, heads, f"baris judul kolom; bentuk tabel: {how}. Kolom: "
          + "; ".join(mapping.describe()))
    unused = [f"{col_letter(c + 1)} '{clip(mapping.headers[c], 30)}'" for c in mapping.unused
              if c < len(mapping.headers)]
    if unused:
        b.add(Kind.INFO, heads, "kolom tidak dipakai: " + "; ".join(unused))
