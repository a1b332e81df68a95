"""MS-CFB compound file writer (version 3, 512-byte sectors), deterministic.

Layout: header, FAT sectors, DIFAT sectors, directory, MiniFAT, mini stream, then the large
streams, each contiguous. Streams shorter than 4096 bytes live in the mini stream. Timestamps
and CLSIDs are zero so that the same input always gives the same bytes.
"""

from __future__ import annotations

import struct
from collections.abc import Mapping
from dataclasses import dataclass, field

SECTOR = 512
MINI_SECTOR = 64
MINI_CUTOFF = 4096
_IDS_PER_SECTOR = SECTOR // 4
_HEADER_DIFAT = 109
_DIFAT_PER_SECTOR = _IDS_PER_SECTOR - 1
_DIR_ENTRY = 128

FREESECT = 0xFFFFFFFF
ENDOFCHAIN = 0xFFFFFFFE
FATSECT = 0xFFFFFFFD
DIFSECT = 0xFFFFFFFC
NOSTREAM = 0xFFFFFFFF

_STORAGE, _STREAM, _ROOT = 1, 2, 5
_RED, _BLACK = 0, 1
_SIGNATURE = bytes.fromhex("D0CF11E0A1B11AE1")
_FORBIDDEN = set("/\\:!")


@dataclass
class _Node:
    """One directory entry while the tree is being laid out."""

    name: str
    kind: int
    data: bytes = b""
    children: dict[str, _Node] = field(default_factory=dict)
    sid: int = 0
    left: int = NOSTREAM
    right: int = NOSTREAM
    child: int = NOSTREAM
    color: int = _BLACK
    start: int = ENDOFCHAIN


def sort_key(name: str) -> tuple[int, str]:
    """CFB sibling order: shorter name first, then code-unit-wise uppercase comparison."""
    units = name.encode("utf-16-le")
    upper = "".join(ch.upper() if len(ch.upper()) == 1 else ch for ch in name)
    return len(units) // 2, upper


def _check_name(name: str) -> None:
    if not name or len(name.encode("utf-16-le")) // 2 > 31:
        raise ValueError(f"CFB entry name {name!r} must have 1 to 31 UTF-16 code units")
    if _FORBIDDEN & set(name):
        raise ValueError(f"CFB entry name {name!r} contains one of / \\ : !")


def _build_tree(entries: Mapping[str, bytes]) -> _Node:
    root = _Node("Root Entry", _ROOT)
    for path in sorted(entries):
        parts = path.split("/")
        node = root
        for i, part in enumerate(parts):
            _check_name(part)
            last = i == len(parts) - 1
            existing = node.children.get(part.upper())
            if existing is not None and existing.name != part:
                raise ValueError(f"{path!r}: {existing.name!r} differs from {part!r} only in case")
            if last:
                if existing is not None:
                    raise ValueError(f"{path!r} is given as both a stream and a storage")
                node.children[part.upper()] = _Node(part, _STREAM, bytes(entries[path]))
            else:
                if existing is None:
                    existing = node.children[part.upper()] = _Node(part, _STORAGE)
                elif existing.kind != _STORAGE:
                    raise ValueError(f"{path!r}: {part!r} is a stream, not a storage")
                node = existing
    return root


def _number(root: _Node) -> list[_Node]:
    """Assign stream ids breadth first (root = 0) and link each storage's balanced tree."""
    order = [root]
    i = 0
    while i < len(order):
        node = order[i]
        i += 1
        kids = sorted(node.children.values(), key=lambda n: sort_key(n.name))
        for kid in kids:
            kid.sid = len(order)
            order.append(kid)
        node.child = _link(kids, 0, len(kids), depth=0, red_depth=_red_depth(len(kids)))
    return order


def _red_depth(count: int) -> int:
    """Depth whose nodes are red: the incomplete last level of a median-split tree."""
    full = (count + 1).bit_length() - 1  # levels that a median split always fills
    return full if count + 1 != 1 << full else -1


def _link(kids: list[_Node], lo: int, hi: int, depth: int, red_depth: int) -> int:
    """Median-split kids[lo:hi] into a balanced binary tree; returns the subtree root id."""
    if lo >= hi:
        return NOSTREAM
    mid = (lo + hi) // 2
    node = kids[mid]
    node.color = _RED if depth == red_depth else _BLACK
    node.left = _link(kids, lo, mid, depth + 1, red_depth)
    node.right = _link(kids, mid + 1, hi, depth + 1, red_depth)
    return node.sid


def _sectors(size: int, unit: int) -> int:
    return -(-size // unit)


def _chain(table: list[int], start: int, count: int) -> None:
    for i in range(count):
        table[start + i] = start + i + 1 if i < count - 1 else ENDOFCHAIN


def _dir_entry(node: _Node, size: int) -> bytes:
    name = node.name.encode("utf-16-le") + b"\0\0"
    return struct.pack(
        "<64sHBBIII16sIQQIQ",
        name,
        len(name),
        node.kind,
        node.color,
        node.left,
        node.right,
        node.child,
        b"\0" * 16,
        0,
        0,
        0,
        node.start if node.kind != _STORAGE else 0,
        size,
    )


def _fat_geometry(payload: int) -> tuple[int, int]:
    """(FAT sectors, DIFAT sectors) needed to map `payload` sectors plus themselves."""
    fat, difat = 1, 0
    while True:
        difat = _sectors(max(fat - _HEADER_DIFAT, 0), _DIFAT_PER_SECTOR)
        if fat * _IDS_PER_SECTOR >= payload + fat + difat:
            return fat, difat
        fat += 1


def write_cfb(entries: Mapping[str, bytes]) -> bytes:
    """Compound file holding `entries`: paths such as "VBA/dir" mapped to stream bytes.

    Storages are created from the path prefixes; names are limited to 31 UTF-16 units.
    """
    order = _number(_build_tree(entries))
    streams = [n for n in order if n.kind == _STREAM]
    small = [n for n in streams if len(n.data) < MINI_CUTOFF]
    large = [n for n in streams if len(n.data) >= MINI_CUTOFF]

    minifat: list[int] = []
    mini_stream = bytearray()
    for node in small:
        count = _sectors(len(node.data), MINI_SECTOR)
        if count == 0:
            continue
        node.start = len(minifat)
        minifat += [0] * count
        _chain(minifat, node.start, count)
        mini_stream += node.data.ljust(count * MINI_SECTOR, b"\0")

    n_dir = _sectors(len(order) * _DIR_ENTRY, SECTOR)
    n_minifat = _sectors(len(minifat) * 4, SECTOR)
    n_mini = _sectors(len(mini_stream), SECTOR)
    n_large = [_sectors(len(n.data), SECTOR) for n in large]
    n_fat, n_difat = _fat_geometry(n_dir + n_minifat + n_mini + sum(n_large))

    fat = [FREESECT] * (n_fat * _IDS_PER_SECTOR)
    for i in range(n_fat):
        fat[i] = FATSECT
    for i in range(n_fat, n_fat + n_difat):
        fat[i] = DIFSECT
    at = n_fat + n_difat
    dir_start = at
    _chain(fat, at, n_dir)
    at += n_dir
    minifat_start = at if n_minifat else ENDOFCHAIN
    _chain(fat, at, n_minifat)
    at += n_minifat
    root = order[0]
    root.start = at if n_mini else ENDOFCHAIN
    _chain(fat, at, n_mini)
    at += n_mini
    for node, count in zip(large, n_large, strict=True):
        node.start = at
        _chain(fat, at, count)
        at += count

    fat_ids = list(range(n_fat))
    out = bytearray(_header(n_fat, dir_start, minifat_start, n_minifat, n_difat, fat_ids))
    out += struct.pack(f"<{len(fat)}I", *fat)
    out += _difat_sectors(fat_ids[_HEADER_DIFAT:], first=n_fat, count=n_difat)
    directory = bytearray()
    for node in order:
        size = len(mini_stream) if node is root else len(node.data)
        directory += _dir_entry(node, 0 if node.kind == _STORAGE else size)
    while len(directory) % SECTOR:
        directory += _empty_entry()
    out += directory
    mf = minifat + [FREESECT] * (n_minifat * _IDS_PER_SECTOR - len(minifat))
    out += struct.pack(f"<{len(mf)}I", *mf)
    out += bytes(mini_stream).ljust(n_mini * SECTOR, b"\0")
    for node, count in zip(large, n_large, strict=True):
        out += node.data.ljust(count * SECTOR, b"\0")
    assert len(out) == SECTOR * (1 + at), "sector accounting is off"
    return bytes(out)


def _empty_entry() -> bytes:
    return struct.pack("<64sHBBIII16sIQQIQ", b"", 0, 0, 0, NOSTREAM, NOSTREAM, NOSTREAM,
                       b"\0" * 16, 0, 0, 0, 0, 0)


def _header(n_fat: int, dir_start: int, minifat_start: int, n_minifat: int, n_difat: int,
            fat_ids: list[int]) -> bytes:
    head = fat_ids[:_HEADER_DIFAT] + [FREESECT] * (_HEADER_DIFAT - min(n_fat, _HEADER_DIFAT))
    difat_start = n_fat if n_difat else ENDOFCHAIN
    return (
        _SIGNATURE
        + b"\0" * 16
        + struct.pack("<HHHHH6sIIIIIIIII", 0x003E, 0x0003, 0xFFFE, 9, 6, b"", 0, n_fat,
                      dir_start, 0, MINI_CUTOFF, minifat_start, n_minifat, difat_start, n_difat)
        + struct.pack(f"<{_HEADER_DIFAT}I", *head)
    )


def _difat_sectors(rest: list[int], first: int, count: int) -> bytes:
    """DIFAT sectors listing the FAT sectors beyond the header's 109, chained in order."""
    out = bytearray()
    for i in range(count):
        ids = rest[i * _DIFAT_PER_SECTOR : (i + 1) * _DIFAT_PER_SECTOR]
        ids += [FREESECT] * (_DIFAT_PER_SECTOR - len(ids))
        nxt = first + i + 1 if i < count - 1 else ENDOFCHAIN
        out += struct.pack(f"<{_IDS_PER_SECTOR}I", *ids, nxt)
    return bytes(out)
