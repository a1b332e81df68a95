"""MS-OVBA 2.4.1 compression: the LZ77 variant used for the `dir` stream and module sources.

A CompressedContainer is a signature byte 0x01 followed by chunks; each chunk holds up to
4096 decompressed bytes. Matching is greedy with 3-byte hash chains, which keeps 100 KB of
source well under a second in pure Python.
"""

from __future__ import annotations

import struct

CHUNK_SIZE = 4096
_SIGNATURE = 0x01
_MAX_COMPRESSED_DATA = 4096  # chunk data after the 2-byte header; 4098 bytes in all
_CHAIN_LIMIT = 24  # candidates tried per position: speed against ratio
_CHUNK_HEADER_SIG = 0b011 << 12


class DecompressionError(ValueError):
    """The bytes are not a valid MS-OVBA CompressedContainer."""


def _bit_count(position: int) -> int:
    """Offset bits of a CopyToken at `position` bytes into its chunk (MS-OVBA 2.4.1.3.19.1)."""
    return max((position - 1).bit_length(), 4)


def _compress_chunk(chunk: bytes) -> bytes:
    """Token sequences for one decompressed chunk (no header)."""
    out = bytearray()
    heads: dict[bytes, list[int]] = {}
    size = len(chunk)
    pos = 0
    while pos < size:
        flag_at = len(out)
        out.append(0)
        flags = 0
        for bit in range(8):
            if pos >= size:
                break
            length, offset = _longest_match(chunk, pos, heads)
            if length >= 3:
                bits = _bit_count(pos)
                token = ((offset - 1) << (16 - bits)) | (length - 3)
                out += struct.pack("<H", token)
                flags |= 1 << bit
                end = pos + length
            else:
                out.append(chunk[pos])
                end = pos + 1
            for i in range(pos, min(end, size - 2)):
                heads.setdefault(chunk[i : i + 3], []).append(i)
            pos = end
        out[flag_at] = flags
    return bytes(out)


def _longest_match(chunk: bytes, pos: int, heads: dict[bytes, list[int]]) -> tuple[int, int]:
    """Longest earlier match for chunk[pos:] as (length, offset); (0, 0) when none."""
    candidates = heads.get(chunk[pos : pos + 3])
    if not candidates:
        return 0, 0
    max_len = min((0xFFFF >> _bit_count(pos)) + 3, len(chunk) - pos)
    best_len, best_off = 0, 0
    for start in reversed(candidates[-_CHAIN_LIMIT:]):
        if chunk[start + best_len] != chunk[pos + best_len]:
            continue  # cannot beat the best so far
        lo, hi = 3, max_len  # chunk[start:start+lo] matches; find the largest matching length
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if chunk[start : start + mid] == chunk[pos : pos + mid]:
                lo = mid
            else:
                hi = mid - 1
        if lo > best_len:
            best_len, best_off = lo, pos - start
            if lo == max_len:
                break
    return best_len, best_off


def compress(data: bytes) -> bytes:
    """Compress `data` into an MS-OVBA CompressedContainer.

    An incompressible final chunk shorter than 4096 bytes cannot be stored exactly (a raw chunk
    always decompresses to 4096 bytes), so it raises ValueError; text never comes close.
    """
    out = bytearray([_SIGNATURE])
    for start in range(0, len(data), CHUNK_SIZE):
        chunk = bytes(data[start : start + CHUNK_SIZE])
        body = _compress_chunk(chunk)
        if len(body) <= _MAX_COMPRESSED_DATA:
            out += struct.pack("<H", 0x8000 | _CHUNK_HEADER_SIG | (len(body) + 2 - 3))
            out += body
        elif len(chunk) == CHUNK_SIZE:
            out += struct.pack("<H", _CHUNK_HEADER_SIG | (CHUNK_SIZE + 2 - 3))
            out += chunk
        else:
            raise ValueError(
                f"final chunk of {len(chunk)} bytes does not compress; MS-OVBA cannot store it"
            )
    return bytes(out)


def decompress(container: bytes) -> bytes:
    """Decompress an MS-OVBA CompressedContainer, validating its structure."""
    if not container or container[0] != _SIGNATURE:
        raise DecompressionError("missing CompressedContainer signature byte 0x01")
    out = bytearray()
    pos = 1
    while pos < len(container):
        if pos + 2 > len(container):
            raise DecompressionError(f"truncated chunk header at byte {pos}")
        header = struct.unpack_from("<H", container, pos)[0]
        if (header >> 12) & 0b111 != 0b011:
            raise DecompressionError(f"bad chunk signature at byte {pos}")
        chunk_len = (header & 0x0FFF) + 3
        end = pos + chunk_len
        if end > len(container):
            raise DecompressionError(f"chunk at byte {pos} runs past the end of the data")
        if header & 0x8000:
            _decompress_tokens(container, pos + 2, end, out)
        else:
            if chunk_len != CHUNK_SIZE + 2:
                raise DecompressionError(f"raw chunk at byte {pos} is not 4096 bytes")
            out += container[pos + 2 : end]
        pos = end
    return bytes(out)


def _decompress_tokens(data: bytes, pos: int, end: int, out: bytearray) -> None:
    """Append the decompressed tokens of one compressed chunk to `out`."""
    chunk_start = len(out)
    while pos < end:
        flags = data[pos]
        pos += 1
        for bit in range(8):
            if pos >= end:
                break
            if not flags >> bit & 1:
                out.append(data[pos])
                pos += 1
                continue
            if pos + 2 > end:
                raise DecompressionError(f"truncated CopyToken at byte {pos}")
            token = struct.unpack_from("<H", data, pos)[0]
            pos += 2
            bits = _bit_count(len(out) - chunk_start)
            length = (token & (0xFFFF >> bits)) + 3
            offset = (token >> (16 - bits)) + 1
            if offset > len(out) - chunk_start:
                raise DecompressionError(f"CopyToken at byte {pos - 2} reaches before its chunk")
            src = len(out) - offset
            if offset >= length:
                out += out[src : src + length]
            else:
                for i in range(length):
                    out.append(out[src + i])
        if len(out) - chunk_start > CHUNK_SIZE:
            raise DecompressionError("compressed chunk decompresses to more than 4096 bytes")
