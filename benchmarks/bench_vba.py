"""Benchmark MS-OVBA compression of the template's largest module (xlwings.bas, twice).

    python benchmarks/bench_vba.py

Building the template compresses every VBA module; this shows it stays well under a second.
"""

from __future__ import annotations

from pathlib import Path

import xlwings
from timing import best

from kinerja_xl.vba.compression import compress, decompress


def main() -> None:
    source = (Path(xlwings.__file__).parent / "xlwings.bas").read_bytes() * 2
    packed = compress(source)
    assert decompress(packed) == source
    seconds = best(lambda: compress(source))
    print(f"compress {len(source):,} bytes -> {len(packed):,} "
          f"({len(packed) / len(source):.0%}) in {seconds * 1000:.0f} ms")


if __name__ == "__main__":
    main()
