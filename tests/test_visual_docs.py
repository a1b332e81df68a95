"""The README pictures of the Pohon Kinerja and the Rekap (sample kecamatan, computed).

They are committed; `KINERJA_DOCS_IMG=1 pytest tests/test_visual_docs.py` draws them again
through LibreOffice and pdftoppm (about 80 dpi at the sheet's natural size, cropped).
"""

from __future__ import annotations

import os
import struct
import subprocess
import zlib
from pathlib import Path

import numpy as np
import pytest
from conftest import REPO, needs_lo
from sample import sample_plan
from test_visual_support import needs_poppler, png_size

from kinerja_xl.core.compute import compute
from kinerja_xl.visual.export import _content_box, export_pdf, pdf_to_png
from kinerja_xl.visual.pohon import pohon_specs
from kinerja_xl.visual.rekap import rekap_sheet
from kinerja_xl.xlsx.fill import write_plan
from kinerja_xl.xlsx.load import grids

IMG = REPO / "docs" / "img"
POHON, REKAP = IMG / "pohon_kinerja.png", IMG / "rekap.png"


def test_readme_images_are_present_and_small() -> None:
    for png in (POHON, REKAP):
        assert png.exists(), f"{png} missing: run KINERJA_DOCS_IMG=1 pytest {__file__}"
        width, height = png_size(png)
        assert 300 <= width <= 1600 and 300 <= height <= 2400, (png, width, height)
        assert png.stat().st_size < 400_000


def _page(pdf: Path, page: int, dpi: int) -> np.ndarray | None:
    """One PDF page as RGB pixels, cropped to the drawing (None past the last page)."""
    args = ["pdftoppm", "-r", str(dpi), "-f", str(page), "-l", str(page), str(pdf)]
    ppm = subprocess.run(args, capture_output=True).stdout
    if not ppm:
        return None
    magic, width, height, _depth, pixels = ppm.split(maxsplit=4)
    image = np.frombuffer(pixels, dtype=np.uint8).reshape(int(height), int(width), 3)
    box = _content_box(ppm)
    assert magic == b"P6" and box is not None
    x, y, w, h = box
    m = 8
    return image[max(0, y - m):y + h + m, max(0, x - m):x + w + m]


def _write_png(path: Path, rgb: np.ndarray) -> None:
    height, width, _ = rgb.shape
    raw = b"".join(b"\x00" + rgb[y].tobytes() for y in range(height))

    def chunk(kind: bytes, body: bytes) -> bytes:
        return (struct.pack(">I", len(body)) + kind + body
                + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF))

    path.write_bytes(b"\x89PNG\r\n\x1a\n"
                     + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
                     + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b""))


def _stack(pdf: Path, out: Path, dpi: int) -> None:
    """Every page of the PDF one under the other, on white, as one picture."""
    images = []
    while (image := _page(pdf, len(images) + 1, dpi)) is not None:
        images.append(image)
    width = max(i.shape[1] for i in images)
    padded = [np.pad(i, ((0, 12), (0, width - i.shape[1]), (0, 0)), constant_values=255)
              for i in images]
    _write_png(out, np.concatenate(padded))


@pytest.mark.skipif(os.environ.get("KINERJA_DOCS_IMG") != "1",
                    reason="set KINERJA_DOCS_IMG=1 to draw the README images again")
@needs_lo
@needs_poppler
def test_draw_readme_images(tmp_path: Path) -> None:
    comp = compute(grids(write_plan(sample_plan())))
    IMG.mkdir(parents=True, exist_ok=True)
    specs = pohon_specs(comp)
    scale = specs[0].print.scale or 100
    pdf = export_pdf(specs, tmp_path / "pohon.pdf")
    pdf_to_png(pdf, POHON, dpi=round(80 * 100 / scale))
    _stack(export_pdf([rekap_sheet(comp)], tmp_path / "rekap.pdf"), REKAP, dpi=80)
    test_readme_images_are_present_and_small()
