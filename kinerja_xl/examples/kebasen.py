"""Kecamatan Kebasen 2023: the e-SAKIP cascading export imported with `kinerja_xl.impor`, then
completed with sample officials, penanggung jawab, satuan and targets so that the example
computes (the export has none of these; the workbook marks them as data contoh).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from ..core.contract import Level
from ..core.model import Official
from ..core.numbers import Quantity
from ..impor.esakip import ImportResult, parse_bytes

SEED = Path(__file__).with_name("cascading_kebasen_2023.txt")
JT = 1_000_000

# Officials: sample names; jabatan from the sumber data of the export (Subag Umum dan
# Kepegawaian, Subag Perencanaan dan Keuangan, Kasi Permas, Kasi Ekbang, Kasi Trantibum,
# Kasi Pemdes) plus a Kasi Pemerintahan for the pelayanan program.
OFFICIALS: tuple[tuple[str, str, str], ...] = (
    ("BUPATI", "Bupati Banyumas", ""),
    ("CAMAT", "Camat Kebasen", "BUPATI"),
    ("SEKCAM", "Sekretaris Kecamatan", "CAMAT"),
    ("KASUBBAG-PK", "Kasubbag Perencanaan dan Keuangan", "SEKCAM"),
    ("KASUBBAG-UMUM", "Kasubbag Umum dan Kepegawaian", "SEKCAM"),
    ("KASI-PEM", "Kasi Pemerintahan", "CAMAT"),
    ("KASI-PERMAS", "Kasi Pemberdayaan Masyarakat", "CAMAT"),
    ("KASI-EKBANG", "Kasi Ekonomi dan Pembangunan", "CAMAT"),
    ("KASI-TRANTIB", "Kasi Ketentraman dan Ketertiban Umum", "CAMAT"),
    ("KASI-PEMDES", "Kasi Pemerintahan Desa", "CAMAT"),
)
# Penanggung jawab by code prefix (the longest matching prefix wins).
PIC_BY_PREFIX = {
    "T": "CAMAT", "S": "CAMAT", "P": "SEKCAM",
    "P1.K1": "KASUBBAG-PK", "P1.K2": "KASUBBAG-PK",
    "P1.K3": "KASUBBAG-UMUM", "P1.K4": "KASUBBAG-UMUM", "P1.K5": "KASUBBAG-UMUM",
    "P1.K6": "KASUBBAG-UMUM",
    "P2.": "KASI-PEM", "P3.": "KASI-PERMAS", "P3.K1.S1": "KASI-EKBANG",
    "P4.": "KASI-TRANTIB", "P5.": "KASI-PEMDES",
}
# (satuan, target) for indicators by code; the rest by `guess_unit`.
TARGETS = {"P2": ("%", 5.0), "P1.K2.S1": ("orang", 28.0), "P2.K1.S1": ("orang", 1200.0)}
BUDGETS = {"P1.K2.S1": 2_950 * JT, "P1.K4.S3": 420 * JT, "P1.K3.S4": 85 * JT}


def guess_unit(name: str) -> tuple[str, float]:
    """A plausible (satuan, annual target) for an indicator name (sample data only)."""
    n = name.casefold()
    rules = (
        (("indeks",), ("indeks", 85.0)),
        (("persentase", "presentase", "prosentase", "kesesuaian", "tertib"), ("%", 100.0)),
        (("desa",), ("desa", 12.0)),
        (("frekuensi", "rapat", "penanganan"), ("kali", 12.0)),
        (("dokumen",), ("dokumen", 4.0)),
        (("jenis",), ("jenis", 10.0)),
        (("unsur", "lembaga"), ("unsur", 8.0)),
        (("gedung",), ("unit", 2.0)),
        (("kendaraan",), ("unit", 5.0)),
        (("kegiatan",), ("kegiatan", 12.0)),
    )
    for keys, value in rules:
        if any(n.startswith(k) or f" {k}" in f" {n}" for k in keys):
            return value
    return "paket", 12.0


def _pic(code: str) -> str:
    best = max((p for p in PIC_BY_PREFIX if code.startswith(p)), key=len)
    return PIC_BY_PREFIX[best]


def kebasen_import() -> ImportResult:
    """The seed imported exactly as `kinerja-xl impor` would."""
    return parse_bytes(SEED.read_bytes())


def complete(result: ImportResult) -> None:
    """Add the sample parts the export lacks: settings, officials, PJ, satuan, targets."""
    plan = result.plan
    s = plan.settings
    s.pemerintah_daerah = "Pemerintah Kabupaten Banyumas"
    s.tempat, s.tanggal_pk = "Kebasen", dt.date(2023, 1, 2)
    for i, (oid, jabatan, atasan) in enumerate(OFFICIALS, start=1):
        nip = "" if oid == "BUPATI" else f"(contoh) 1975{i:02d}01 200{i % 10}01 1 0{i:02d}"
        pangkat = "" if oid == "BUPATI" else ("(contoh) Pembina (IV/a)" if oid in (
            "CAMAT", "SEKCAM") else "(contoh) Penata (III/c)")
        plan.officials[oid] = Official(0, oid, jabatan, f"(contoh) Nama {jabatan}", nip,
                                       pangkat, atasan)
    for node in plan.nodes():
        node.pic = _pic(node.code)
        for ind in node.indicators:
            satuan, target = TARGETS.get(node.code) or guess_unit(ind.name)
            ind.satuan, ind.target = satuan, Quantity.point(target)
        if node.level is Level.SUB_KEGIATAN and node.code in BUDGETS:
            node.anggaran = float(BUDGETS[node.code])
