"""Unit and kabupaten workbooks for the gabung tests, written with the project's own writer."""

from __future__ import annotations

import hashlib
import io
from pathlib import Path

from openpyxl.workbook.workbook import Workbook
from sample import sample_plan

from kinerja_xl.core.contract import H, Level, Polarity, Tipe
from kinerja_xl.core.model import Indicator, Node, Official, Plan, Settings
from kinerja_xl.core.numbers import Quantity
from kinerja_xl.xlsx.blank import HEADER_ROW
from kinerja_xl.xlsx.fill import write_plan
from kinerja_xl.xlsx.save import save_workbook


def with_tujuan_induk(wb: Workbook, code: str) -> Workbook:
    """Add a `Kode Induk` column to the Tujuan sheet (the template has none: a unit adds it to
    link its Tujuan to a kabupaten Sasaran) holding code on every Tujuan row."""
    ws = wb[Level.TUJUAN.sheet]
    col = ws.max_column + 1
    ws.cell(HEADER_ROW, col, H.KODE_INDUK)
    for r in range(HEADER_ROW + 1, ws.max_row + 1):
        if ws.cell(r, 1).value:
            ws.cell(r, col, code)
    return wb


def unit_file(path: Path, name: str, tujuan_induk: str = "", **changes) -> Path:
    """The sample kecamatan under another Nama Instansi, its Tujuan linked to tujuan_induk."""
    plan = sample_plan()
    plan.settings.nama_instansi = name
    for key, value in changes.items():
        setattr(plan.settings, key, value)
    wb = write_plan(plan)
    save_workbook(with_tujuan_induk(wb, tujuan_induk) if tujuan_induk else wb, path)
    return path


def kabupaten_plan() -> Plan:
    """A Pemerintah Kabupaten: Tujuan T-KAB.1 with Sasaran S-KAB.1 (two IKU) and S-KAB.2."""
    plan = Plan(Settings(nama_instansi="Pemerintah Kabupaten Contoh",
                         pemerintah_daerah="Pemerintah Kabupaten Contoh", tahun=2025,
                         tempat="Contoh"))
    plan.officials["BUPATI"] = Official(0, "BUPATI", "Bupati Contoh", "H. Contoh Bupati")

    def iku(name: str, target: float, reals: tuple[float, ...]) -> Indicator:
        return Indicator(0, name, "%", Polarity.POSITIF, Tipe.NON_KUMULATIF,
                         target=Quantity.point(target), target_text=str(target),
                         realisations=tuple(Quantity.point(r) for r in reals)
                         + (None,) * (4 - len(reals)))

    plan.levels[Level.TUJUAN] = [Node(Level.TUJUAN, "T-KAB.1", 0, "",
                                      "Tata kelola pemerintahan yang baik", "", "BUPATI",
                                      [iku("Indeks Reformasi Birokrasi", 80, (60, 70))])]
    plan.levels[Level.SASARAN] = [
        Node(Level.SASARAN, "S-KAB.1", 0, "T-KAB.1", "Meningkatnya kualitas pelayanan publik",
             "", "BUPATI", [iku("Indeks Kepuasan Masyarakat", 80, (70, 72)),
                            iku("Nilai SAKIP", 70, (70, 70))]),
        Node(Level.SASARAN, "S-KAB.2", 0, "T-KAB.1", "Meningkatnya akuntabilitas kinerja", "",
             "BUPATI", [iku("Opini BPK", 100, (100,))]),
    ]
    return plan


def kabupaten_file(path: Path, tujuan_induk: str = "") -> Path:
    wb = write_plan(kabupaten_plan())
    save_workbook(with_tujuan_induk(wb, tujuan_induk) if tujuan_induk else wb, path)
    return path


def encrypt(src: Path, dst: Path) -> Path:
    from msoffcrypto.format.ooxml import OOXMLFile

    out = io.BytesIO()
    with src.open("rb") as fh:
        OOXMLFile(fh).encrypt("rahasia", out)
    dst.write_bytes(out.getvalue())
    return dst


def digests(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}
