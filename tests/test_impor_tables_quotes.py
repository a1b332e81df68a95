"""Stray quotes in delimited text never swallow rows (issue 12, "nothing silent").

A cell holding a lone `"` (a ditto mark, or junk) opens a quoted field for Python's csv
module, which then reads on over the following lines as one cell. The reader must give the
planner what the source shows: the `"` is text, every row stays a row, and the line with the
stray quote is named in the report. Quoted cells written by a real CSV writer (`"a;b"`, a cell
holding a line break, an escaped `""`) keep their meaning.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from test_impor_tables_robust import lead_table, write_any

from kinerja_xl.impor.report import Kind
from kinerja_xl.impor.run import read_any
from kinerja_xl.impor.tables import read_text_table


def test_lone_quote_tab_text_is_a_quote_and_its_line_is_named(tmp_path):
    rows, _ = lead_table()
    res = read_any(write_any(rows, "tsv", tmp_path))
    line = next(i for i, r in enumerate(rows, start=1) if '"' in r)
    warned = [e for e in res.report if e.kind is Kind.PERINGATAN and 'petik (")' in e.message]
    assert [e.lines for e in warned] == [(line,)]
    node = next(n for n in res.plan.nodes() if n.uraian == "Sub Kegiatan lima 1 2 2 2 1")
    assert [i.name for i in node.indicators] == ["Indikator nomor 7 0"]
    assert node.indicators[0].target.low == 70


def rows_of(text: str) -> list[list[object]]:
    table = read_text_table(text)
    assert table is not None
    return table.rows


@pytest.mark.parametrize("sep", [";", ",", "\t"])
def test_ditto_marks_in_one_column_are_text(sep):
    """Two `"` (ditto) cells in a column: csv pairs them into one cell over two lines."""
    text = sep.join(["Program", "Indikator", "Satuan"]) + "\n" + "\n".join(
        sep.join(r) for r in [["P1", "Jumlah dokumen", "Dokumen"], ["P1", "Jumlah laporan", '"'],
                              ["P2", "Jumlah rapat", '"'], ["P3", "Indeks", "Nilai"]]) + "\n"
    table = read_text_table(text)
    assert table.rows == [["Program", "Indikator", "Satuan"], ["P1", "Jumlah dokumen", "Dokumen"],
                          ["P1", "Jumlah laporan", '"'], ["P2", "Jumlah rapat", '"'],
                          ["P3", "Indeks", "Nilai"]]
    assert table.row_numbers == [1, 2, 3, 4, 5]
    assert [rows for rows in table.doubtful.values() if rows] == [[3, 4]]


@pytest.mark.parametrize("sep", [";", "\t"])
def test_unclosed_quote_at_the_start_of_a_cell_swallows_nothing(sep):
    lines = [["Program", "Indikator", "Target"], ["P1", '"Jumlah dokumen', "4"],
             ["P1", "Jumlah laporan", "12"], ["", "", ""]]
    table = read_text_table("\n".join(sep.join(r) for r in lines) + "\n")
    assert table.rows == [["Program", "Indikator", "Target"], ["P1", '"Jumlah dokumen', "4"],
                          ["P1", "Jumlah laporan", "12"], []]
    assert [rows for rows in table.doubtful.values() if rows] == [[2]]


def test_quoting_a_csv_writer_produces_keeps_its_meaning():
    text = ('Program;Indikator;Formulasi\n'
            'P1;"Jumlah dokumen; laporan";"a. Formulasi = x\nb. Tipe: Kumulatif"\n'
            'P2;"Ukuran 5"" x 3""";";"\n'
            'P3,x;Indeks;"baris satu\nbaris dua"\n')
    table = read_text_table(text)
    assert table.rows == [
        ["Program", "Indikator", "Formulasi"],
        ["P1", "Jumlah dokumen; laporan", "a. Formulasi = x\nb. Tipe: Kumulatif"],
        ["P2", 'Ukuran 5" x 3"', ";"], ["P3,x", "Indeks", "baris satu\nbaris dua"]]
    assert table.row_numbers == [1, 2, 4, 5]
    assert not any(table.doubtful.values())
    assert [rows for rows in table.skipped.values() if rows] == [[3, 6]]


def test_comma_csv_cell_over_two_lines_with_commas_stays_one_cell():
    table = read_text_table('Program,Indikator,Target\nP1,"Jumlah dokumen, laporan\ndan '
                            'rapat, notulen",4\n')
    assert table.rows == [["Program", "Indikator", "Target"],
                          ["P1", "Jumlah dokumen, laporan\ndan rapat, notulen", "4"]]
    assert not any(table.doubtful.values())


def test_file_ending_inside_a_stray_quote(tmp_path):
    src = Path(tmp_path, "t.csv")
    src.write_text('Sasaran;Indikator;Satuan\nMeningkatnya layanan;Indeks kepuasan;"\n'
                   ';Waktu layanan;Hari\n', encoding="utf-8")
    res = read_any(src)
    names = [i.name for n in res.plan.nodes() for i in n.indicators]
    assert names == ["Indeks kepuasan", "Waktu layanan"]
    assert res.accounted() == {1, 2, 3}


def test_markdown_pipe_inside_a_cell_is_named_and_quotes_are_text(tmp_path):
    src = Path(tmp_path, "t.md")
    src.write_text("| Program | Indikator | Satuan | Target |\n|---|---|---|---|\n"
                   "| P1 | Jumlah dokumen | Dokumen | 4 |\n| P1 | Rasio a|b | % | 12 |\n"
                   '| P2 | Indeks " kepuasan | Nilai | 3 |\n| P3 | Rasio c\\|d | % | 5 |\n',
                   encoding="utf-8")
    res = read_any(src)
    names = [i.name for n in res.plan.nodes() for i in n.indicators]
    assert names == ["Jumlah dokumen", "Rasio a", 'Indeks " kepuasan', "Rasio c|d"]
    warned = [e for e in res.report if e.kind is Kind.PERINGATAN and "tanda |" in e.message]
    assert [e.lines for e in warned] == [(4,)]
    assert res.accounted() == set(range(1, 7))


@pytest.mark.parametrize("end", ["", "\n"])
def test_last_line_ending_inside_a_quote(end):
    table = read_text_table('Program;Indikator;Satuan;Target\nP1;Jumlah;";4' + end)
    assert table.rows == [["Program", "Indikator", "Satuan", "Target"],
                          ["P1", "Jumlah", '"', "4"]]
    assert [rows for rows in table.doubtful.values() if rows] == [[2]]
