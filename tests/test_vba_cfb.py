"""Compound file writer: two independent readers (olefile strict, cfb) return what we wrote."""

from __future__ import annotations

import io
import random
import struct

import olefile
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from xlsm_helpers import read_cfb, read_olefile

from kinerja_xl.vba.cfb import MINI_CUTOFF, SECTOR, sort_key, write_cfb


def _both(entries: dict[str, bytes]) -> bytes:
    data = write_cfb(entries)
    assert read_olefile(data) == entries
    assert read_cfb(data) == entries
    return data


def test_vba_like_project() -> None:
    _both({
        "PROJECT": b'ID="{00000000-0000-0000-0000-000000000000}"\r\n' * 5,
        "PROJECTwm": b"Module1\0M\0o\0\0\0\0\0",
        "VBA/_VBA_PROJECT": bytes.fromhex("cc61ffff000100"),
        "VBA/dir": b"\x01" + bytes(range(256)) * 3,
        "VBA/Module1": b"x" * 5000,
    })


@pytest.mark.parametrize("size", [0, 1, 63, 64, 65, MINI_CUTOFF - 1, MINI_CUTOFF,
                                  MINI_CUTOFF + 1, SECTOR * 9, SECTOR * 9 + 1])
def test_stream_sizes_around_the_cutoffs(size: int) -> None:
    payload = random.Random(size).randbytes(size)
    _both({"a": payload, "b": b"small", "c/d": payload[::-1]})


def test_nested_storages() -> None:
    _both({
        "A/B/C/D/deep": b"1" * 10,
        "A/B/side": b"2" * 5000,
        "A/top": b"3",
        "Z/other": b"",
        "root stream": b"4" * 100,
    })


def test_large_stream_needs_difat_and_both_readers_agree() -> None:
    big = random.Random(7).randbytes(7_500_000)  # > 109 FAT sectors: one DIFAT sector
    data = _both({"big": big, "VBA/dir": b"small"})
    fat_sectors, = struct.unpack_from("<I", data, 0x2C)
    difat_sectors, = struct.unpack_from("<I", data, 0x48)
    assert fat_sectors > 109
    assert difat_sectors == 1


def test_very_large_stream_chains_difat_sectors() -> None:
    # the `cfb` package misreads DIFAT chains longer than one sector, so olefile only here
    big = random.Random(8).randbytes(20_000_000)
    data = write_cfb({"big": big, "s": b"x"})
    assert struct.unpack_from("<I", data, 0x48)[0] == 2
    assert read_olefile(data) == {"big": big, "s": b"x"}


def test_output_is_deterministic_and_order_independent() -> None:
    entries = {"VBA/dir": b"d" * 300, "PROJECT": b"p" * 7000, "PROJECTwm": b"w"}
    reordered = dict(reversed(list(entries.items())))
    assert write_cfb(entries) == write_cfb(dict(entries)) == write_cfb(reordered)


@pytest.mark.parametrize("bad", ["a" * 32, "a/b:c", "x!", ""])
def test_invalid_names_are_refused(bad: str) -> None:
    with pytest.raises(ValueError):
        write_cfb({bad: b"1"})


def test_stream_and_storage_with_one_name_is_refused() -> None:
    with pytest.raises(ValueError):
        write_cfb({"A": b"1", "A/b": b"2"})
    with pytest.raises(ValueError):
        write_cfb({"abc": b"1", "ABC": b"2"})


def _directory(data: bytes) -> list[olefile.olefile.OleDirectoryEntry]:
    ole = olefile.OleFileIO(io.BytesIO(data), raise_defects=olefile.DEFECT_INCORRECT)
    return [e for e in ole.direntries if e is not None]


def _check_red_black(entries: dict[int, object], sid: int) -> tuple[int, list[str]]:
    """(black height, names in order) of the subtree at sid; asserts red-black rules."""
    if sid == olefile.NOSTREAM:
        return 1, []
    node = entries[sid]
    left_h, left_names = _check_red_black(entries, node.sid_left)
    right_h, right_names = _check_red_black(entries, node.sid_right)
    assert left_h == right_h, f"unequal black height under {node.name}"
    if node.color == 0:  # red: children must be black
        for child in (node.sid_left, node.sid_right):
            assert child == olefile.NOSTREAM or entries[child].color == 1
    return left_h + (node.color == 1), [*left_names, node.name, *right_names]


names = st.text(alphabet="abcXYZ_0123 é", min_size=1, max_size=31)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.dictionaries(names, st.integers(0, 6000), min_size=1, max_size=80))
def test_many_entries_are_read_back_and_form_valid_trees(sizes: dict[str, int]) -> None:
    lower = {}
    for name, size in sizes.items():
        lower.setdefault(name.upper(), (name, size))  # names differing only by case clash
    entries = {f"S/{name}": bytes([len(name)]) * size for name, size in lower.values()}
    entries["top"] = b"t"
    data = _both(entries)
    by_sid = {e.sid: e for e in _directory(data)}
    storage = next(e for e in by_sid.values() if e.name == "S")
    assert by_sid[storage.sid_child].color == 1, "tree root must be black"
    _, in_order = _check_red_black(by_sid, storage.sid_child)
    assert in_order == sorted(in_order, key=sort_key)
    assert len(in_order) == len(lower)


def test_sibling_order_is_length_then_uppercase() -> None:
    assert sorted(["bb", "A", "a2", "ccc", "B"], key=sort_key) == ["A", "B", "a2", "bb", "ccc"]
    assert sort_key("abc") == sort_key("ABC")
