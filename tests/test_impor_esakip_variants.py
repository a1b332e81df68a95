"""The e-SAKIP reader on damaged copies of the Kebasen seed (issue 12, item 5): blank lines
removed, tabs turned into spaces, CRLF / CR line ends, UTF-16 with or without BOM, cp1252. Each
copy reads into exactly the tree of the clean export, or is refused naming the lines."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kinerja_xl.core.contract import Level
from kinerja_xl.impor.esakip import ImportFailed, parse_bytes, parse_text

SEED = Path(__file__).resolve().parent.parent / "kinerja_xl" / "examples" / \
    "cascading_kebasen_2023.txt"
TEXT = SEED.read_text(encoding="utf-8")


def tree(res) -> dict:
    """Every node with its parent, names and indicators (with their Penjelasan)."""
    return {(lv.sheet, n.code): (n.parent_code, n.uraian, n.sasaran,
                                 [(i.name, i.formulasi, i.tipe_text, i.sumber_data)
                                  for i in n.indicators])
            for lv in Level for n in res.plan.levels[lv]}


CLEAN = tree(parse_text(TEXT))


def no_blank_lines(text: str) -> str:
    return "\n".join(line for line in text.split("\n") if line.strip())


VARIANTS = {
    "tanpa baris kosong": no_blank_lines(TEXT),
    "tab jadi 4 spasi": TEXT.replace("\t", "    "),
    "tab jadi 2 spasi, tanpa baris kosong": no_blank_lines(TEXT.replace("\t", "  ")),
    "CRLF": TEXT.replace("\n", "\r\n"),
    "CR": TEXT.replace("\n", "\r"),
}


@pytest.mark.parametrize("name", list(VARIANTS))
def test_damaged_copy_reads_the_same_tree(name):
    res = parse_text(VARIANTS[name])
    assert tree(res) == CLEAN
    assert res.accounted() == set(range(1, res.line_count + 1))


def test_kegiatan_indicators_stay_with_their_kegiatan_without_blank_lines():
    # the run of empty "Indikator Kinerja Kegiatan 1..5" headings is followed by five blocks;
    # without blank lines the first block sits right under heading 5 (the bug in the issue)
    res = parse_text(VARIANTS["tanpa baris kosong"])
    keg = {n.code: [i.name for i in n.indicators] for n in res.plan.levels[Level.KEGIATAN]}
    assert keg["P1.K1"] == ["Jumlah dokumen perencanaan dan evaluasi kinerja yang disusun"]
    assert keg["P1.K5"] == ["Jumlah barang milik daerah yang tersedia"]
    assert any(e.kind.value == "Disimpulkan" for e in res.report)


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le", "utf-16-be", "utf-8-sig"])
def test_encodings(codec):
    res = parse_bytes(TEXT.replace("\n", "\r\n").encode(codec))
    assert tree(res) == CLEAN


def test_cp1252_keeps_special_characters():
    # cp1252 has no arrows: a Windows editor saving as "ANSI" drops them
    text = TEXT.replace("Mewujudkan kinerja", "Mewujudkan ‘kinerja’ – café")
    text = text.replace("←", "").replace("↓", "")
    res = parse_bytes(text.encode("cp1252", errors="strict"))
    assert res.encoding == "Windows-1252"
    assert res.plan.levels[Level.TUJUAN][0].uraian.startswith("Mewujudkan ‘kinerja’ – café")


def test_tabs_turned_into_single_spaces_is_refused_naming_the_lines():
    with pytest.raises(ImportFailed) as err:
        parse_text(TEXT.replace("\t", " "))
    msg = str(err.value)
    assert "Tabel TUJUAN" in msg and "baris 9" in msg and "tab" in msg


LINES = TEXT.split("\n")
BLANKS = [i for i, line in enumerate(LINES) if not line.strip()]
TABBED = [i for i, line in enumerate(LINES) if "\t" in line]


@settings(max_examples=40, deadline=None)
@given(st.sets(st.sampled_from(BLANKS)), st.sets(st.sampled_from(TABBED)),
       st.sampled_from(["  ", "   ", "    ", "\t"]), st.sampled_from(["\n", "\r\n"]))
def test_any_blank_lines_lost_and_tabs_spaced_reads_the_same_tree(drop, spaced, gap, eol):
    lines = [line.replace("\t", gap) if i in spaced else line
             for i, line in enumerate(LINES) if i not in drop]
    res = parse_text(eol.join(lines))
    assert tree(res) == CLEAN
    assert res.accounted() == set(range(1, res.line_count + 1))
