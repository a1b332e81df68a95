"""Helpers for the PK tests: plans to grids, spec lookups, and reading PDFs with poppler."""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kinerja_xl.core.model import Plan
from kinerja_xl.core.sheetspec import CellSpec, SheetSpec
from kinerja_xl.xlsx.fill import write_plan
from kinerja_xl.xlsx.load import grids

POPPLER = all(shutil.which(t) for t in ("pdftotext", "pdfinfo", "pdftoppm"))


def plan_grids(plan: Plan) -> dict[str, list[tuple[Any, ...]]]:
    """The grids a workbook written from `plan` hands to the core."""
    return grids(write_plan(plan))


def values(spec: SheetSpec) -> list[Any]:
    return [c.value for c in spec.cells]


def texts(spec: SheetSpec) -> str:
    """Every text cell of a spec, one per line (for 'appears in the PK' checks)."""
    return "\n".join(str(c.value) for c in spec.cells if isinstance(c.value, str))


def cell_at(spec: SheetSpec, value: Any) -> CellSpec:
    found = [c for c in spec.cells if c.value == value]
    assert found, f"{value!r} not in sheet {spec.name}"
    return found[0]


def sheet_text(ws) -> str:
    return "\n".join(str(v) for row in ws.iter_rows(values_only=True) for v in row
                     if v is not None)


# PDFs ------------------------------------------------------------------------------------------

def pdf_pages(pdf: Path) -> int:
    out = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
    return int(re.search(r"^Pages:\s+(\d+)", out.stdout, re.M).group(1))


def pdf_text(pdf: Path) -> str:
    out = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                         text=True, check=True)
    return out.stdout


def squash(text: str) -> str:
    """Whitespace-insensitive text: layout mode breaks lines and pads columns."""
    return " ".join(text.split())


@dataclass(frozen=True)
class Word:
    page: int
    x0: float
    y0: float
    x1: float
    y1: float
    text: str


_WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">'
                   r"(.*?)</word>")


def pdf_words(pdf: Path) -> list[Word]:
    """Every word with its box (points, origin top-left), from `pdftotext -bbox`."""
    out = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True,
                         text=True, check=True).stdout
    words = []
    for page, body in enumerate(out.split("<page ")[1:], start=1):
        for m in _WORD.finditer(body):
            x0, y0, x1, y1 = (float(m.group(i)) for i in range(1, 5))
            words.append(Word(page, x0, y0, x1, y1, m.group(5)))
    return words


def overlapping(words: list[Word], slack: float = 4.0) -> list[tuple[Word, Word]]:
    """Pairs of words drawn over each other (text cut by a short row spills onto the next).
    Boxes include ascent and descent, so lines of one paragraph overlap by about 2 pt."""
    out = []
    for i, a in enumerate(words):
        for b in words[i + 1:]:
            if a.page == b.page and (min(a.x1, b.x1) - max(a.x0, b.x0) > slack
                                     and min(a.y1, b.y1) - max(a.y0, b.y0) > slack):
                out.append((a, b))
    return out


def render_png(pdf: Path, out_prefix: Path, dpi: int = 60) -> list[Path]:
    subprocess.run(["pdftoppm", "-r", str(dpi), "-png", str(pdf), str(out_prefix)], check=True)
    return sorted(out_prefix.parent.glob(out_prefix.name + "*.png"))


def png_size(png: Path) -> tuple[int, int]:
    data = png.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    return int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")


def render_gray(pdf: Path, page: int, out_prefix: Path, dpi: int = 60) -> list[list[int]]:
    """One page as rows of grey levels (0 black .. 255 white), via pdftoppm's PGM output."""
    subprocess.run(["pdftoppm", "-r", str(dpi), "-gray", "-f", str(page), "-l", str(page),
                    "-singlefile", str(pdf), str(out_prefix)], check=True)
    data = Path(str(out_prefix) + ".pgm").read_bytes()
    head = re.match(rb"P5\s+(\d+)\s+(\d+)\s+(\d+)\s", data)
    assert head, "not a binary PGM"
    width, height = int(head.group(1)), int(head.group(2))
    pixels = data[head.end():]
    return [list(pixels[r * width:(r + 1) * width]) for r in range(height)]


def ink_columns(gray: list[list[int]], threshold: int = 128) -> tuple[int, int]:
    """(first, last) pixel column that holds any dark pixel."""
    cols = [x for x in range(len(gray[0])) if any(row[x] < threshold for row in gray)]
    return (cols[0], cols[-1]) if cols else (-1, -1)
