"""Text from users is text (DESIGN §5) on the ribbon path: whatever a user typed — a formula,
a DDE payload, text starting with = + - @ — reaches Excel through xlwings as text, never as a
formula. Checked on the actions xlwings' remote engine records for every ribbon handler, with
hostile text injected into every kind of cell a handler copies into its output."""

from __future__ import annotations

from copy import deepcopy
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from xw_support import BUTTON_RUNS as RUNS
from xw_support import actions, payload, remote_book

from kinerja_xl.xw.blocks import excel_text

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "kenohan_2025.xlsm"
MARK = "ZQX"  # a tag no handler writes by itself
HOSTILE_STARTS = ["=", "+", "-", "@", "=cmd|' /C calc'!A0", '=HYPERLINK("http://x.invalid","',
                  "=1+1", "+cmd|'/c calc'!A1", "@SUM(1+1)*cmd|' /C calc'!A0", "-2+3+cmd|x!A",
                  "=DDE(\"cmd\";\"/C calc\";\"__DdeLink\")", " =1", "'=1", "==", "=-", "\t="]
hostile = st.builds(lambda start, rest: start + rest + MARK, st.sampled_from(HOSTILE_STARTS),
                    st.text(max_size=15))
LEVEL_FIELDS = ("Uraian", "Sasaran", "Indikator", "Satuan", "Formulasi", "Sumber Data")
PEJABAT_FIELDS = ("Nama", "Jabatan", "Pangkat/Golongan")


@cache
def base() -> dict[str, Any]:
    return payload(EXAMPLE)


def inject(data: dict[str, Any], text: str, link: bool = False) -> dict[str, Any]:
    """The payload with `text` in the first data row's user-text cells of every input sheet
    (and the unit name), as a client would send it; `link` also puts it in Program's first
    Kode Induk (a broken link Laporan Validasi quotes)."""
    data = deepcopy(data)
    for sheet in data["sheets"]:
        rows = sheet["values"]
        if sheet["name"] == "Pengaturan":
            for row in rows:
                if row and row[0] == "Nama Instansi":
                    row[1] = text
            continue
        head = next((i for i, row in enumerate(rows) if row and row[0] in ("Kode", "ID")), None)
        if head is None or head + 1 >= len(rows):
            continue
        fields = PEJABAT_FIELDS if rows[head][0] == "ID" else LEVEL_FIELDS
        if link and sheet["name"] == "Program":
            fields = (*fields, "Kode Induk")
        for j, title in enumerate(rows[head]):
            if title in fields:
                rows[head + 1][j] = text
    return data


def written(book) -> list[tuple[str, str]]:
    """(action, text) of every written cell that holds the injected text."""
    return [(a["func"], v) for a in actions(book) for row in a.get("values") or []
            for v in (row if isinstance(row, list) else [row])
            if isinstance(v, str) and MARK in v]


def formula_like_writes(book) -> list[str]:
    """Written cells holding the injected text that Excel would take as a formula or number
    entry (first character = + - @) instead of keeping it as text."""
    return [f"{func}: {v!r}" for func, v in written(book) if v[:1] in "=+-@"]


@pytest.mark.parametrize("job", sorted(RUNS))
@settings(max_examples=10, deadline=None)
@given(text=hostile)
def test_every_handler_writes_user_text_as_text(job: str, text: str) -> None:
    book = remote_book(inject(base(), text, link=job == "periksa"))
    RUNS[job](book)
    assert written(book), "the injected text should reach the output"
    assert formula_like_writes(book) == []


def test_the_check_sees_a_formula_written_raw() -> None:
    """The property above can fail: a handler that wrote raw text would be caught."""
    book = remote_book(inject(base(), "=ZQX"))
    book.sheets["Program"].range("A1").value = "=1+ZQX"
    assert formula_like_writes(book) == ["setValues: '=1+ZQX'"]


@given(st.text(max_size=30))
def test_excel_text_never_leaves_a_formula_start(text: str) -> None:
    out = excel_text(text)
    if out is None:
        assert text == ""
    else:
        assert out[0] not in "=+-@" and not out.lstrip().startswith("=")
        assert out in (text, "'" + text)


@given(st.sampled_from(HOSTILE_STARTS), st.text(max_size=20))
def test_hostile_starts_get_the_text_mark(start: str, rest: str) -> None:
    assert excel_text(start + rest) == "'" + start + rest
