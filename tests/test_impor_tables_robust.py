"""Hypothesis: any column order, extra columns, blank rows and junk cells or rows never crash
the table importer and never mislink: every indicator ends up on the node its row names, with
that node's parents, in both shapes and in every text format."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from impor_fixtures import write_csv, write_md, write_tsv, write_xlsx

from kinerja_xl.core.contract import Level
from kinerja_xl.impor.run import read_any

LEVEL_HEADERS = ["Tujuan", "Sasaran", "Program", "Kegiatan", "Sub Kegiatan"]
JUNK_HEADERS = ["Keterangan", "Lokasi", "Sumber Dana", "Catatan", ""]
JUNK = st.text(alphabet="abcxyz =|;,\"'-", min_size=1, max_size=12).filter(str.strip)

# a tree: per level, how many children each node has (names are made unique below)
SHAPE = st.lists(st.integers(1, 2), min_size=5, max_size=5)


def paths(shape: list[int]) -> list[tuple[str, ...]]:
    """Every root-to-leaf path of names, e.g. ('Tujuan satu 1', 'Sasaran dua 1 2', …)."""
    words = ["satu", "dua", "tiga", "empat", "lima"]
    out: list[tuple[str, ...]] = [()]
    for depth, count in enumerate(shape):
        def name(p: tuple[str, ...], k: int, depth: int = depth) -> str:
            numbers = [*(p[-1].split()[2:] if p else []), str(k + 1)]
            return f"{LEVEL_HEADERS[depth]} {words[depth]} {' '.join(numbers)}"

        out = [(*p, name(p, k)) for p in out for k in range(count)]
    return out


def write_any(rows, fmt: str, folder: Path) -> Path:
    if fmt == "csv":
        return write_csv(rows, folder / "t.csv", ";")
    if fmt == "tsv":
        return write_tsv(rows, folder / "t.txt")
    if fmt == "md":
        return write_md(rows, folder / "t.md", 0)
    return write_xlsx(rows, folder / "t.xlsx")


def jumble(draw, header: list[str], body: list[list[object]]) -> list[list[object]]:
    """Shuffle columns, add junk columns, blank rows and junk-only rows."""
    extra = draw(st.lists(st.sampled_from(JUNK_HEADERS), max_size=3))
    width = len(header) + len(extra)
    order = draw(st.permutations(range(width)))
    junk_cols = set(range(len(header), width))
    rows = [header + extra]
    for row in body:
        full = list(row) + [draw(st.one_of(st.just(""), JUNK)) for _ in extra]
        rows.append(full)
        if draw(st.integers(0, 5)) == 0:
            rows.append([""] * width)
        if extra and draw(st.integers(0, 5)) == 0:
            rows.append([draw(JUNK) if c in junk_cols else "" for c in range(width)])
    return [[r[c] if c < len(r) else "" for c in order] for r in rows]


@st.composite
def column_tables(draw):
    shape = draw(SHAPE)
    expected: dict[str, tuple[str, ...]] = {}
    body = []
    prev: tuple[str, ...] = ()
    for n, path in enumerate(paths(shape)):
        for k in range(draw(st.integers(1, 2))):
            ind = f"Indikator nomor {n} {k}"
            expected[ind] = path
            cells = [name if not (prev[:d + 1] == path[:d + 1] and draw(st.booleans()))
                     else "" for d, name in enumerate(path)]
            body.append([*cells, ind, "Dokumen", draw(st.integers(1, 500))])
            prev = path
    header = [*LEVEL_HEADERS, "Indikator Kinerja", "Satuan", "Target"]
    return jumble(draw, header, body), expected, shape


def source_lines(rows, fmt: str) -> int:
    """Lines (rows) of the written source: markdown adds its |---| line; a sheet ends at its
    last row with a value."""
    n = len(rows)
    if fmt == "xlsx":
        while n and all(v in ("", None) for v in rows[n - 1]):
            n -= 1
    return n + (1 if fmt == "md" else 0)


def chain(res, node) -> tuple[str, ...]:
    names = []
    while node is not None:
        names.append(node.uraian)
        node = res.plan.parent(node)
    return tuple(reversed(names))


def lead_table() -> tuple[list[list[object]], dict[str, tuple[str, ...]]]:
    """A falsifying example of test_hierarchy_in_columns_never_mislinks: 13 indicators over 8
    sub kegiatan, blank and junk rows between, and a lone `"` in the first Keterangan cell of
    the last indicator row ('Indikator nomor 7 0'); in tab-separated text that quote opened a
    quoted cell which swallowed the row."""
    header = ["Tujuan", "Sasaran", "Program", "Kegiatan", "Sub Kegiatan", "Satuan", "Target",
              "Keterangan", "Indikator Kinerja", "Keterangan"]
    per_path = [2, 2, 1, 2, 2, 1, 2, 1]
    rows: list[list[object]] = [header]
    expected = {}
    for n, path in enumerate(paths([1, 2, 2, 2, 1])):
        for k in range(per_path[n]):
            ind = f"Indikator nomor {n} {k}"
            expected[ind] = path
            rows.append([*path, "Dokumen", 10 * n + k, '"' if (n, k) == (7, 0) else "", ind,
                         ""])
            rows.append([""] * len(header))
            if n % 2 and n < 7:
                rows.append(["", "", "", "", "", "", "", ";", "", ";"])
    return rows, expected


def target_one_table() -> tuple[list[list[object]], dict[str, tuple[str, ...]]]:
    """A falsifying example: the first data row has Target 1 under "Target" and a blank
    column header beside it, so it read as the header's lower half ("Target" over "1" =
    Target TW1) and its indicator and nodes were lost."""
    header = ["Tujuan", "Sasaran", "Program", "Kegiatan", "Target", "", "Satuan",
              "Sub Kegiatan", "Indikator Kinerja"]
    all_paths = paths([1, 2, 1, 2, 1])
    rows: list[list[object]] = [header]
    expected = {}
    for n, k in [(0, 0), (1, 0), (1, 1), (2, 0), (3, 0)]:
        path = all_paths[n]
        expected[f"Indikator nomor {n} {k}"] = path
        rows.append([*path[:4], 1, "", "Dokumen", path[4], f"Indikator nomor {n} {k}"])
        rows.append([""] * len(header))
        rows.append(["", "", "", "", "", ";", "", "", ""])
    return rows, expected


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(column_tables(), st.sampled_from(["csv", "tsv", "md", "xlsx"]))
@example((*lead_table(), [1, 2, 2, 2, 1]), "tsv")
@example((*target_one_table(), [1, 2, 1, 2, 1]), "csv")
def test_hierarchy_in_columns_never_mislinks(table, fmt):
    rows, expected, shape = table
    with tempfile.TemporaryDirectory() as folder:
        res = read_any(write_any(rows, fmt, Path(folder)))
    found = {i.name: chain(res, n) for n in res.plan.nodes() for i in n.indicators}
    assert found == expected
    counts = [len(res.plan.levels[lv]) for lv in Level]
    want, total = [], 1
    for count in shape:
        total *= count
        want.append(total)
    assert counts == want
    assert res.accounted() == set(range(1, source_lines(rows, fmt) + 1))


@pytest.mark.parametrize("fmt", ["csv", "tsv", "md", "xlsx"])
@pytest.mark.parametrize("make", [lead_table, target_one_table])
def test_falsifying_examples_in_every_format(make, fmt, tmp_path):
    rows, expected = make()
    res = read_any(write_any(rows, fmt, tmp_path))
    found = {i.name: chain(res, n) for n in res.plan.nodes() for i in n.indicators}
    assert found == expected
    for lv in Level:
        assert len(res.plan.levels[lv]) == len({p[: lv.value + 1] for p in expected.values()})
    assert res.accounted() == set(range(1, source_lines(rows, fmt) + 1))


@st.composite
def row_tables(draw):
    """SIPD-like: Kode | Uraian | Indikator | Target | Satuan | Pagu, one row per node and
    more rows for more indicators (kode repeated or left blank)."""
    programs = draw(st.integers(1, 2))
    body, expected = [], {}
    for p in range(1, programs + 1):
        pk = f"7.01.0{p}"
        for k in range(1, draw(st.integers(1, 2)) + 1):
            kk = f"{pk}.2.0{k}"
            for s in range(1, draw(st.integers(1, 3)) + 1):
                sk = f"{kk}.000{s}"
                for code, name in ((pk, f"Program uji {p}"), (kk, f"Kegiatan uji {p} {k}"),
                                   (sk, f"Sub kegiatan uji {p} {k} {s}")):
                    if code in {r[0] for r in body}:
                        continue
                    for i in range(draw(st.integers(1, 2))):
                        ind = f"Jumlah ukuran {code} {i}"
                        expected[ind] = code
                        again = i == 0 or draw(st.booleans())
                        body.append([code if again else "", name if again else "", ind,
                                     draw(st.integers(1, 99)), "Unit",
                                     draw(st.integers(1, 10**9)) if i == 0 else ""])
    header = ["Kode", "Program/Kegiatan/Sub Kegiatan", "Indikator", "Target", "Satuan", "Pagu"]
    return jumble(draw, header, body), expected


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(row_tables(), st.sampled_from(["csv", "tsv", "md", "xlsx"]))
def test_hierarchy_in_rows_never_mislinks(table, fmt):
    rows, expected = table
    with tempfile.TemporaryDirectory() as folder:
        res = read_any(write_any(rows, fmt, Path(folder)))
    found = {i.name: n.code for n in res.plan.nodes() for i in n.indicators}
    assert found == expected
    assert res.accounted() == set(range(1, source_lines(rows, fmt) + 1))
    for node in res.plan.nodes():
        if node.level is Level.PROGRAM:
            assert node.parent_code == ""
        else:
            assert node.code.startswith(node.parent_code + ".")


WORDS = st.sampled_from([
    "", "", "Tujuan", "Sasaran", "Program", "Kegiatan", "Sub Kegiatan", "Indikator", "Target",
    "Satuan", "Kode", "Uraian", "Tingkat", "Pagu", "TW I", "2025", "(1)", "JUMLAH", "7",
    "7.01", "7.01.01", "7.01.01.2.01", "7.01.01.2.01.0001", "5.1.02.01.01.0001",
    "Program Penunjang Urusan Pemerintahan Daerah Kabupaten/Kota", "Penyediaan Gaji dan "
    "Tunjangan ASN", "=1+1", "Jumlah dokumen", "12 Dokumen", "abc", "Kegiatan", "-", "0,5"])
CELLS = st.one_of(WORDS, st.integers(-5, 10**6), st.floats(allow_nan=True))


@settings(max_examples=150, deadline=None)
@given(st.lists(st.lists(CELLS, max_size=8), max_size=14), st.booleans())
def test_any_grid_is_imported_consistently_or_refused(grid, merged):
    from kinerja_xl.impor.headers import detect
    from kinerja_xl.impor.tables import Table, _cell
    from kinerja_xl.impor.tabular import import_table
    from kinerja_xl.impor.text import ImportFailed

    rows = [[_cell(v) for v in r] for r in grid]
    table = Table("Data", rows, list(range(1, len(rows) + 1)),
                  [(0, 0, 1, 1)] if merged and len(rows) > 1 else []).filled()
    try:
        res = import_table(table, detect(table))
    except ImportFailed:
        return
    assert res.accounted() >= set(range(1, len(rows) + 1))
    for level in Level:
        codes = [n.code for n in res.plan.levels[level]]
        assert len(codes) == len(set(codes))
        if level.parent is not None:
            above = {n.code for n in res.plan.levels[level.parent]}
            for n in res.plan.levels[level]:
                assert not n.parent_code or n.parent_code in above or "." in n.parent_code
