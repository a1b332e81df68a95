"""MS-OVBA compression: round trips, and oletools' independent decompressor reads our output."""

from __future__ import annotations

import random
import struct
from pathlib import Path

import pytest
import xlwings
from hypothesis import given, settings
from hypothesis import strategies as st
from oletools.olevba import decompress_stream

from kinerja_xl.vba.compression import CHUNK_SIZE, DecompressionError, compress, decompress

SIZES = [0, 1, 2, 3, 4, 100, 4095, 4096, 4097, 8191, 8192, 8193, 100_000]


def _text(size: int, seed: int = 1) -> bytes:
    rng = random.Random(seed)
    words = [b"Dim", b"As", b"String", b"If", b"Then", b"End", b"Sub", b"RunPython", b"\r\n",
             b"    ", b"capaian", b"kinerja", b"=", b"(", b")", b'"', b"&"]
    out = bytearray()
    while len(out) < size:
        out += rng.choice(words) + b" "
    return bytes(out[:size])


def _repetitive(size: int) -> bytes:
    return (b"abcabcabd" * (size // 9 + 1))[:size]


def _random_full_chunks(size: int, seed: int = 2) -> bytes:
    """Random bytes; the tail after the last full chunk is kept short enough to compress."""
    rng = random.Random(seed)
    tail = size % CHUNK_SIZE
    head = size - tail
    return rng.randbytes(head) + rng.randbytes(min(tail, 3000)) + bytes(max(tail - 3000, 0))


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("make", [_text, _repetitive, _random_full_chunks, bytes])
def test_oletools_decompresses_our_output(size: int, make) -> None:
    data = make(size)
    packed = compress(data)
    assert decompress_stream(bytearray(packed)) == data
    assert decompress(packed) == data


def test_real_module_sizes_compress_small() -> None:
    """Speed is measured in benchmarks/bench_vba.py, not here."""
    source = (Path(xlwings.__file__).parent / "xlwings.bas").read_bytes() * 2  # ~93 KB
    packed = compress(source)
    assert decompress_stream(bytearray(packed)) == source
    assert len(packed) < len(source) * 0.6


def test_incompressible_full_chunks_are_stored_raw() -> None:
    data = random.Random(3).randbytes(2 * CHUNK_SIZE)
    packed = compress(data)
    header = struct.unpack_from("<H", packed, 1)[0]
    assert header & 0x8000 == 0, "a random chunk should be stored as a raw chunk"
    assert len(packed) == 1 + 2 * (CHUNK_SIZE + 2)
    assert decompress_stream(bytearray(packed)) == data


def test_incompressible_short_final_chunk_is_refused() -> None:
    # a raw chunk always decompresses to 4096 bytes, so this tail cannot be stored exactly
    with pytest.raises(ValueError, match="does not compress"):
        compress(random.Random(4).randbytes(4095))


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(st.binary(max_size=40), st.sampled_from([b"abc" * 50, b"\0" * 300])),
                max_size=60))
def test_round_trip(pieces: list[bytes]) -> None:
    data = b"".join(pieces)
    packed = compress(data)
    assert decompress(packed) == data
    assert decompress_stream(bytearray(packed)) == data


def test_decompress_rejects_broken_containers() -> None:
    packed = bytearray(compress(_text(5000)))
    with pytest.raises(DecompressionError, match="signature byte"):
        decompress(b"\x02" + bytes(packed[1:]))
    broken = bytearray(packed)
    broken[2] &= 0x8F  # chunk signature bits 12-14 must be 0b011
    with pytest.raises(DecompressionError, match="chunk signature"):
        decompress(bytes(broken))
    with pytest.raises(DecompressionError):
        decompress(bytes(packed[:-10]) + b"\xff\xff")
