"""Helpers shared by the visual tests (Pohon Kinerja, Rekap, colours), and their own checks:
a kecamatan-sized plan, a Computation without a workbook, and reading PDFs and pixels."""

from __future__ import annotations

import random
import shutil
import struct
import subprocess
from pathlib import Path

import numpy as np
import pytest

from kinerja_xl.core.compute import Computation
from kinerja_xl.core.contract import Level, Polarity, Tipe
from kinerja_xl.core.model import Indicator, Node, Official, Plan, Settings
from kinerja_xl.core.numbers import Quantity
from kinerja_xl.core.reader import ReadResult
from kinerja_xl.visual.export import _content_box

needs_poppler = pytest.mark.skipif(shutil.which("pdftoppm") is None or
                                   shutil.which("pdftotext") is None,
                                   reason="poppler-utils not installed")

_TEXT = ("Penyediaan Jasa Komunikasi Sumber Daya Air dan Listrik Koordinasi Penyelenggaraan "
         "Kegiatan Pemerintahan di Tingkat Kecamatan Pemberdayaan Lembaga Kemasyarakatan "
         "Ketenteraman Ketertiban Umum Perencanaan Penganggaran Evaluasi Kinerja Perangkat "
         "Daerah")
_WORDS = _TEXT.split()


def kecamatan_plan(kegiatan: tuple[int, ...] = (4, 3, 2, 1), seed: int = 7) -> Plan:
    """1 Tujuan, 1 Sasaran, one Program per entry with that many Kegiatan, 1-3 Sub Kegiatan
    each: (4, 3, 2, 1) gives a 10-band tree of about 40 nodes, like a real kecamatan."""
    rng = random.Random(seed)

    def words(n: int) -> str:
        return " ".join(rng.choice(_WORDS) for _ in range(n))

    def indicator() -> Indicator:
        t = float(rng.choice([4, 12, 90, 100]))
        reals = (Quantity.point(round(t * rng.uniform(0.2, 0.6), 1)),
                 Quantity.point(round(t * rng.uniform(0.1, 0.5), 1)), None, None)
        return Indicator(0, f"Jumlah {words(4)}", rng.choice(["%", "dokumen", "laporan"]),
                         Polarity.POSITIF, Tipe.KUMULATIF, target=Quantity.point(t),
                         realisations=reals)

    plan = Plan(Settings(nama_instansi="Kecamatan Uji", pemerintah_daerah="Kabupaten Uji",
                         tahun=2025))
    for oid, jabatan in (("CAMAT", "Camat Uji"), ("SEKCAM", "Sekretaris Kecamatan"),
                         ("KASI", "Kasi Pemerintahan"), ("KASUBBAG", "Kasubbag Program")):
        plan.officials[oid] = Official(0, oid, jabatan, f"Nama {jabatan}")
    L = plan.levels
    L[Level.TUJUAN].append(Node(Level.TUJUAN, "T1", 0, "", f"Tujuan {words(5)}", "", "CAMAT",
                                [indicator()]))
    L[Level.SASARAN].append(Node(Level.SASARAN, "S1", 0, "T1", f"Sasaran {words(5)}", "",
                                 "CAMAT", [indicator(), indicator()]))
    for p, count in enumerate(kegiatan, start=1):
        L[Level.PROGRAM].append(Node(Level.PROGRAM, f"P{p}", 0, "S1", f"Program {words(5)}",
                                     "", "SEKCAM", [indicator()]))
        for k in range(1, count + 1):
            code = f"P{p}.K{k}"
            L[Level.KEGIATAN].append(Node(Level.KEGIATAN, code, 0, f"P{p}", words(6), "",
                                          "KASI", [indicator()]))
            for x in range(1, rng.randint(1, 3) + 1):
                budget = float(rng.randrange(10, 300) * 1_000_000)
                L[Level.SUB_KEGIATAN].append(Node(
                    Level.SUB_KEGIATAN, f"{code}.{x}", 0, code, words(7), "", "KASUBBAG",
                    [indicator()], anggaran=budget, realisasi_anggaran=round(budget / 2)))
    return plan


def bare_computation(plan: Plan) -> Computation:
    """A Computation of a plan with nothing computed (as if read but not yet counted)."""
    return Computation(ReadResult(plan, {}), [])


def node_count(plan: Plan) -> int:
    return sum(len(nodes) for nodes in plan.levels.values())


def pdf_pages(pdf: Path) -> int:
    out = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
    return int(out.stdout.split("Pages:")[1].split()[0])


def pdf_text(pdf: Path) -> str:
    """The PDF's text with all whitespace collapsed (wrapped cells become one line)."""
    out = subprocess.run(["pdftotext", "-raw", str(pdf), "-"], capture_output=True,
                         text=True, check=True)
    return " ".join(out.stdout.split())


def collapse(text: str) -> str:
    return " ".join(text.split())


def pixels(pdf: Path, dpi: int = 30) -> bytes:
    """All pages rendered as raw PPM bytes (for counting exact fill colours)."""
    return subprocess.run(["pdftoppm", "-r", str(dpi), str(pdf)], capture_output=True,
                          check=True).stdout


def colour_count(ppm: bytes, rgb: str) -> int:
    """Pixels of exactly this colour in (concatenated) binary PPM images; fills are flat, so
    their interior pixels match exactly while anti-aliased text and lines rarely do."""
    want = np.frombuffer(bytes.fromhex(rgb), dtype=np.uint8)
    total, pos = 0, 0
    while pos < len(ppm):
        magic, width, height, depth = ppm[pos:pos + 64].split(maxsplit=4)[:4]
        assert magic == b"P6" and depth == b"255"
        start = pos + len(b" ".join((magic, width, height, depth))) + 1
        size = int(width) * int(height) * 3
        image = np.frombuffer(ppm, dtype=np.uint8, count=size, offset=start).reshape(-1, 3)
        total += int((image == want).all(axis=1).sum())
        pos = start + size
    return total


def png_size(png: Path) -> tuple[int, int]:
    data = png.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", f"{png} is not a PNG"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def test_content_box_finds_the_drawing() -> None:
    white, black = b"\xff\xff\xff", b"\x00\x00\x00"
    rows = [white * 5, white * 2 + black + white * 2, white + black * 2 + white * 2, white * 5]
    ppm = b"P6\n5 4\n255\n" + b"".join(rows)
    assert _content_box(ppm) == (1, 1, 2, 2)
    assert _content_box(b"P6\n2 1\n255\n" + white * 2) is None


def test_kecamatan_plan_has_the_size_of_a_kecamatan() -> None:
    plan = kecamatan_plan()
    assert 35 <= node_count(plan) <= 50
    assert len(plan.levels[Level.KEGIATAN]) == 10
