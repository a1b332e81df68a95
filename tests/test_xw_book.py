"""The xlwings adapter on real xlwings Books (remote engine, no Excel): reading grids and
applying a core WritePlan, compared cell by cell with the openpyxl path."""

from __future__ import annotations

import ast
import copy
import datetime as dt
import shutil
from collections import Counter
from pathlib import Path

import pytest
import xlwings as xw
from sample import sample_plan
from xw_support import (
    Replay,
    actions,
    cell_model,
    comparable,
    defined_names,
    install_api_tripwire,
    mark_file,
    mark_payload,
    payload,
    remote_book,
    writes,
)

from kinerja_xl.api import compute_file, run_file
from kinerja_xl.core.compute import check, compute
from kinerja_xl.core.contract import LAPORAN_VALIDASI, Level
from kinerja_xl.core.findings import WorkbookError
from kinerja_xl.core.model import Node
from kinerja_xl.core.writes import (
    CellWrite,
    ColumnWrite,
    GeneratedSheet,
    Out,
    SheetWrite,
    WritePlan,
)
from kinerja_xl.xlsx.fill import write_plan
from kinerja_xl.xlsx.load import grids, open_workbook
from kinerja_xl.xlsx.save import save_workbook
from kinerja_xl.xw import book as xwbook
from kinerja_xl.xw import marker
from kinerja_xl.xw.blocks import column_blocks, column_groups, excel_text, format_runs

XW_DIR = Path(xwbook.__file__).parent


def file_grids(path: Path) -> dict:
    return grids(open_workbook(path), path)


def assert_same_book(replay: Replay, reference: Path) -> None:
    """The replayed live book equals the openpyxl result: sheet order, every cell, names."""
    ref = cell_model(reference)
    assert [s.name for s in replay.sheets] == list(ref)
    for sheet in replay.sheets:
        got = {k: comparable(v) for k, v in sheet.cells.items()}
        want = {k: comparable(v) for k, v in ref[sheet.name].items()}
        assert got == want, f"sheet {sheet.name} differs: " + str(
            sorted(set(got.items()) ^ set(want.items()))[:6])
    assert replay.names == defined_names(reference)


# Reading -----------------------------------------------------------------------------------------

def trimmed(grids: dict) -> dict:
    """Grids without trailing blanks: the file reader stops each row at its last value (the
    core reads beyond a row's end as blank), the live book reads whole rectangles."""
    out = {}
    for name, rows in grids.items():
        rows = [tuple(row[:max((i + 1 for i, v in enumerate(row) if v is not None),
                               default=0)]) for row in rows]
        while rows and not rows[-1]:
            rows.pop()
        out[name] = rows
    return out


def test_read_grids_equals_openpyxl_grids(sample_xlsx: Path) -> None:
    book = remote_book(sample_xlsx)
    live = xwbook.read_grids(book, None)
    assert trimmed(live) == trimmed(file_grids(sample_xlsx))
    assert compute(xwbook.read_grids(book)).writes == compute(file_grids(sample_xlsx)).writes


def test_read_grids_reads_each_sheet_once(sample_xlsx: Path) -> None:
    book = remote_book(sample_xlsx)
    got = xwbook.read_grids(book)
    assert set(got) == set(xwbook.INPUT_SHEETS)
    assert actions(book) == []  # reading records nothing


def test_read_maps_xlwings_values_to_openpyxl_values() -> None:
    data = {"client": "Office.js", "version": xw.__version__,
            "book": {"name": "x.xlsx", "active_sheet_index": 0, "selection": "A1"},
            "names": [],
            "sheets": [{"name": "Satu", "values": [["Kode"]], "pictures": [], "tables": []},
                       {"name": "Dua", "pictures": [], "tables": [], "values": [
                           [150000000.0, 2.5, "", "2025-01-06T00:00:00.000Z", True, "#N/A"]]}]}
    book = remote_book(data)
    assert xwbook.read_sheet(book.sheets["Satu"]) == [("Kode",)]  # one cell: still a grid
    row = xwbook.read_sheet(book.sheets["Dua"])[0]
    assert row == (150000000, 2.5, None, dt.datetime(2025, 1, 6), True, "#N/A")
    assert type(row[0]) is int


def test_normalise() -> None:
    assert xwbook.normalise(3.0) == 3 and type(xwbook.normalise(3.0)) is int
    assert type(xwbook.normalise(1e300)) is float
    assert xwbook.normalise("") is None
    assert xwbook.normalise(dt.date(2025, 1, 6)) == dt.datetime(2025, 1, 6)
    assert xwbook.normalise(True) is True


# Applying: same result as the openpyxl path ------------------------------------------------------

@pytest.mark.parametrize("usecase", [check, compute], ids=["periksa", "hitung"])
def test_apply_plan_matches_openpyxl(sample_xlsx: Path, tmp_path: Path, usecase) -> None:
    reference = tmp_path / "reference.xlsx"
    shutil.copy(sample_xlsx, reference)
    run_file(reference, usecase)

    book = remote_book(sample_xlsx)
    plan = usecase(xwbook.read_grids(book)).writes
    xwbook.apply_plan(book, plan)
    replay = Replay(sample_xlsx).run(actions(book))
    assert_same_book(replay, reference)
    for sw in plan.sheets:
        formats = replay.sheet(sw.sheet).formats
        for cw in sw.columns:
            for r, out in cw.cells.items():
                if out.number_format:
                    assert formats[(r, cw.col)] == out.number_format, (sw.sheet, cw.header, r)


def test_second_run_replaces_report_in_place_and_repoints_name(sample_xlsx: Path,
                                                               tmp_path: Path) -> None:
    """A workbook that already has Laporan Validasi (moved to the front) and PeriodeKinerja."""
    first = tmp_path / "first.xlsx"
    shutil.copy(sample_xlsx, first)
    compute_file(first)
    wb = open_workbook(first)
    wb.move_sheet(LAPORAN_VALIDASI, offset=-wb.sheetnames.index(LAPORAN_VALIDASI) + 2)
    save_workbook(wb, first)
    mark_file(first, LAPORAN_VALIDASI)  # generated: the marker the file path writes
    reference = tmp_path / "reference.xlsx"
    shutil.copy(first, reference)
    compute_file(reference)

    book = remote_book(first)
    xwbook.apply_plan(book, compute(xwbook.read_grids(book)).writes)
    funcs = [a["func"] for a in actions(book)]
    assert funcs.count("sheetDelete") == 1 and funcs.count("addSheet") == 1
    assert "setNameRefersTo" not in funcs  # PeriodeKinerja already points there: left alone
    assert [a["args"][0] for a in actions(book) if a["func"] == "namesAdd"] == [
        "_KinerjaXL"]  # the new sheet's marker, with its layout
    replay = Replay(first).run(actions(book))
    assert [s.name for s in replay.sheets].index(LAPORAN_VALIDASI) == 2
    assert_same_book(replay, reference)


def test_a_name_pointing_elsewhere_is_repointed_not_added(sample_xlsx: Path) -> None:
    data = payload(sample_xlsx)
    data["names"].append({"name": "PeriodeKinerja", "refers_to": "='Pengaturan'!$B$3",
                          "sheet_index": None, "address": "B3", "book_scope": True,
                          "scope_sheet_index": None, "scope_sheet_name": None})
    book = remote_book(data)
    xwbook.set_name(book, "PeriodeKinerja", "'Pengaturan'!$B$17")
    xwbook.set_name(book, "PeriodeKinerja", "'Pengaturan'!$B$17")  # now it points there
    assert [(a["func"], a["args"][0], a["args"][3]) for a in actions(book)] == [
        ("setNameRefersTo", "PeriodeKinerja", "='Pengaturan'!$B$17")]


def test_generated_sheet_first_and_only_positions(sample_xlsx: Path) -> None:
    book = remote_book(mark_payload(payload(sample_xlsx), "Petunjuk", "lain"))
    xwbook.replace_sheet(book, GeneratedSheet("Petunjuk", [["Baru"]]))
    assert book.sheets[0].name == "Petunjuk"
    single = payload(sample_xlsx)
    single["sheets"] = single["sheets"][:1]
    book = remote_book(mark_payload(single, "Petunjuk", "lain"))
    xwbook.replace_sheet(book, GeneratedSheet("Petunjuk", [["Baru", 1]]))
    replay = Replay.of_sheets("Petunjuk").run(actions(book))
    assert [s.name for s in replay.sheets] == ["Petunjuk"]
    assert replay.sheets[0].cells == {(1, 1): "Baru", (1, 2): 1}


def test_a_user_sheet_with_a_generated_name_is_kept(sample_xlsx: Path) -> None:
    """Never hijack, never rename: an unmarked sheet (the user's) or a copy of a generated one
    keeps its name and content; the generated sheet goes to the file path's free name
    ('Rekap (otomatis)', then numbered) right after it. Only a marked sheet is replaced."""
    data = payload(sample_xlsx)
    data["sheets"].insert(2, {"name": "Rekap", "values": [["catatan saya"]], "pictures": [],
                              "tables": []})
    data["sheets"].insert(3, {"name": "Rekap (otomatis)", "values": [["lain"]], "pictures": [],
                              "tables": []})
    data["sheets"].insert(4, {"name": LAPORAN_VALIDASI, "values": [["salinan"]],
                              "pictures": [], "tables": []})
    mark_payload(data, LAPORAN_VALIDASI, "laporan_validasi", named="Laporan Validasi (2)")
    book = remote_book(data)
    xwbook.replace_sheet(book, GeneratedSheet("Rekap", [["REKAP"]]))
    xwbook.replace_sheet(book, GeneratedSheet(LAPORAN_VALIDASI, [["LAPORAN"]]))
    names = [s.name for s in book.sheets]
    assert names[2:7] == ["Rekap", "Rekap (otomatis 2)", "Rekap (otomatis)", LAPORAN_VALIDASI,
                          "Laporan Validasi (otomatis)"]
    funcs = [a["func"] for a in actions(book)]
    assert "sheetDelete" not in funcs and "setSheetName" not in funcs
    assert xwbook.MOVED == {"Rekap": "Rekap (otomatis 2)",
                            LAPORAN_VALIDASI: "Laporan Validasi (otomatis)"}
    replay = Replay.of_payload(data).run(actions(book))
    assert replay.sheet("Rekap").cells == {(1, 1): "catatan saya"}
    assert replay.sheet("Rekap (otomatis)").cells == {(1, 1): "lain"}
    assert replay.sheet("Rekap (otomatis 2)").cells == {(1, 1): "REKAP"}
    for name in ("Rekap (otomatis 2)", "Laporan Validasi (otomatis)"):
        assert marker.is_ours(book.sheets[name])
    assert marker.marker(book.sheets["Rekap (otomatis 2)"]) == ("rekap", "Rekap (otomatis 2)")
    assert not marker.is_ours(book.sheets["Rekap"])


def test_the_free_name_is_reused_on_the_next_click(sample_xlsx: Path) -> None:
    """The second click replaces its own 'Rekap (otomatis)' in place; the user's stays."""
    data = payload(sample_xlsx)
    data["sheets"].insert(2, {"name": "Rekap", "values": [["catatan saya"]], "pictures": [],
                              "tables": []})
    data["sheets"].insert(3, {"name": "Rekap (otomatis)", "values": [["lama"]], "pictures": [],
                              "tables": []})
    mark_payload(data, "Rekap (otomatis)", "rekap")
    book = remote_book(data)
    xwbook.replace_sheet(book, GeneratedSheet("Rekap", [["BARU"]]))
    assert [s.name for s in book.sheets][2:4] == ["Rekap", "Rekap (otomatis)"]
    replay = Replay.of_payload(data).run(actions(book))
    assert replay.sheet("Rekap").cells == {(1, 1): "catatan saya"}
    assert replay.sheet("Rekap (otomatis)").cells == {(1, 1): "BARU"}


def test_unchanged_layout_rewrites_only_values(sample_xlsx: Path) -> None:
    book = remote_book(sample_xlsx)
    xwbook.replace_sheet(book, GeneratedSheet("Rekap", [["REKAP", 1], ["a", 2]], [10, 20]))
    again = remote_book(replayed_payload(book, sample_xlsx))
    xwbook.replace_sheet(again, GeneratedSheet("Rekap", [["REKAP", 3], ["b", 4]], [10, 20]))
    assert [a["func"] for a in actions(again)] == ["setValues"]
    wider = remote_book(replayed_payload(book, sample_xlsx))
    xwbook.replace_sheet(wider, GeneratedSheet("Rekap", [["REKAP", 3, 5]], [10, 20]))
    assert "sheetDelete" in [a["func"] for a in actions(wider)]


def replayed_payload(book, path: Path) -> dict:
    """The payload a client would send after replaying book's actions on the file at path."""
    replay = Replay(path).run(actions(book))
    data = payload(path)
    by_name = {s["name"]: s for s in data["sheets"]}
    sheets = []
    for i, model in enumerate(replay.sheets):
        sheet = by_name.get(model.name) or {"name": model.name, "values": [[]], "pictures": [],
                                            "tables": []}
        sheets.append(sheet)
        for name, value in model.names.items():
            data["names"].append({"name": name, "refers_to": value, "sheet_index": None,
                                  "address": None, "book_scope": False,
                                  "scope_sheet_index": i, "scope_sheet_name": model.name})
    data["sheets"] = sheets
    return data


def test_missing_sheet_refused_before_any_write(sample_xlsx: Path) -> None:
    book = remote_book(sample_xlsx)
    plan = WritePlan(sheets=[SheetWrite("Tujuan", 2, [ColumnWrite("Status", 30, True, 3, 3,
                                                                 {3: Out("OK")})])],
                     cells=[CellWrite("Tidak Ada", 1, 1, Out("x"))])
    with pytest.raises(WorkbookError, match="Tidak Ada"):
        xwbook.apply_plan(book, plan)
    assert actions(book) == []


# Few calls, owned cells only ---------------------------------------------------------------------

def big_plan(copies: int):
    """The sample with many more Sub Kegiatan rows (numeric inputs, so all formulas)."""
    plan = sample_plan()
    base = plan.levels[Level.SUB_KEGIATAN][0]
    for i in range(copies):
        node = copy.deepcopy(base)
        node.code = f"SKX{i}"
        plan.levels[Level.SUB_KEGIATAN].append(node)
    assert isinstance(base, Node)
    return plan


def value_writes_per_sheet(path: Path) -> Counter:
    book = remote_book(path)
    xwbook.apply_plan(book, compute(xwbook.read_grids(book)).writes)
    names = [s.name for s in book.sheets]
    return Counter(names[a["sheet_position"]] for a in actions(book)
                   if a["func"] in ("setValues", "setFormula"))


def test_number_of_writes_does_not_grow_with_rows(tmp_path: Path) -> None:
    small, large = tmp_path / "small.xlsx", tmp_path / "large.xlsx"
    save_workbook(write_plan(big_plan(5)), small)
    save_workbook(write_plan(big_plan(400)), large)
    few, many = value_writes_per_sheet(small), value_writes_per_sheet(large)
    assert few == many
    plan = compute(file_grids(large)).writes
    for sw in plan.sheets:  # neighbouring columns owning the same rows are one 2-D write,
        # except a column where live formulas and Python's fractional values alternate
        assert 1 <= many[sw.sheet] <= 2 * len(sw.columns), sw.sheet
        assert len(column_groups(sw.columns)) <= many[sw.sheet], sw.sheet
    assert many[LAPORAN_VALIDASI] == 1


def test_writes_stay_inside_owned_cells(sample_xlsx: Path) -> None:
    book = remote_book(sample_xlsx)
    plan = compute(xwbook.read_grids(book)).writes
    xwbook.apply_plan(book, plan)
    owned: dict[str, set[tuple[int, int]]] = {}
    for sw in plan.sheets:
        for cw in sw.columns:
            rows = range(sw.header_row if cw.is_new else cw.first_row,
                         max([cw.last_row, *cw.cells]) + 1)
            owned.setdefault(sw.sheet, set()).update((r, cw.col) for r in rows)
    for w in plan.cells:
        owned.setdefault(w.sheet, set()).add((w.row, w.col))
    generated = {g.name for g in plan.generated}
    names = [s.name for s in remote_book(sample_xlsx).sheets]
    for a in actions(book):
        if a["func"] == "addSheet":
            names.insert(a["args"][0], a["args"][1])
            continue
        if a["func"] == "sheetDelete":
            assert names.pop(a["sheet_position"]) in generated
            continue
        if a["func"] not in ("setValues", "setFormula", "setNumberFormat", "rangeClearContents"):
            continue
        sheet = names[a["sheet_position"]]
        if sheet in generated:
            continue
        cells = {(a["start_row"] + 1 + i, a["start_column"] + 1 + j)
                 for i in range(a["row_count"]) for j in range(a["column_count"])}
        assert cells <= owned[sheet], (sheet, a["func"], sorted(cells - owned[sheet])[:5])


# Blocks ------------------------------------------------------------------------------------------

def test_column_blocks_split_by_kind_and_clear_gaps() -> None:
    cw = ColumnWrite("Capaian (%)", 5, False, 3, 9, {
        3: Out(1.0, "=A3", "0.00"), 4: Out(2.0, "=A4", "0.00"), 5: Out(97.5, None, "0.00"),
        7: Out(3.0, "=A7", "0.00"), 10: Out("", None, "0.00")})
    blocks = column_blocks(cw)
    assert [(b.first_row, b.formulas, b.cells) for b in blocks] == [
        (3, True, ("=A3", "=A4")), (5, False, (97.5, None)), (7, True, ("=A7",)),
        (8, False, (None, None, None))]
    assert [(r.first_row, r.last_row) for r in format_runs(cw)] == [(3, 10)]


def test_format_runs_when_formats_differ() -> None:
    cw = ColumnWrite("X", 1, False, 2, 6, {2: Out(1, None, "0"), 3: Out(1, None, "0"),
                                           4: Out("a"), 6: Out(2, None, "0.00")})
    assert [(r.first_row, r.last_row, r.number_format) for r in format_runs(cw)] == [
        (2, 3, "0"), (6, 6, "0.00")]
    assert format_runs(ColumnWrite("S", 1, False, 2, 3, {2: Out("OK")})) == []


@pytest.mark.parametrize("text", ["197001012000031001", "80-90", "85%", "1.234,5", "1/2",
                                  "TRUE", "- butir", "+62", "'kutip", "6 Januari 2025",
                                  "=A1+1", "@SUM(A1)", "=cmd|' /C calc'!A0"])
def test_excel_text_protects_text_excel_would_convert(text: str) -> None:
    assert excel_text(text) == "'" + text


@pytest.mark.parametrize("value", ["OK", "Sangat Tinggi", "Kesalahan: kode induk", 85.5, 3,
                                   None])
def test_excel_text_leaves_plain_values(value) -> None:
    assert excel_text(value) == value
    assert excel_text("") is None


# Engine-neutral API only -------------------------------------------------------------------------

def test_no_com_only_api_in_source() -> None:
    for path in XW_DIR.glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        used = [n.lineno for n in ast.walk(tree) if isinstance(n, ast.Attribute)
                and n.attr in ("api", "impl")]
        assert not used, f"{path.name} uses .api/.impl at lines {used}"


@pytest.fixture
def api_tripwire(monkeypatch: pytest.MonkeyPatch) -> None:
    install_api_tripwire(monkeypatch)


def test_api_tripwire_trips(sample_xlsx: Path, api_tripwire: None) -> None:
    book = remote_book(sample_xlsx)
    with pytest.raises(AssertionError, match=r"called \.api"):
        eval("book.sheets[0].api", {"__name__": "kinerja_xl.fake", "book": book})


def test_apply_plan_uses_no_api(sample_xlsx: Path, api_tripwire: None) -> None:
    book = remote_book(sample_xlsx)
    xwbook.apply_plan(book, compute(xwbook.read_grids(book)).writes)
    assert writes(book)


def test_fractions_next_to_formulas_keep_full_precision(sample_xlsx: Path) -> None:
    """A Python-computed capaian (e.g. a range target) beside live formulas goes through
    Range.value, not formula text that Excel would parse to 15 digits."""
    book = remote_book(sample_xlsx)
    third = 100 / 3
    columns = [ColumnWrite("Realisasi", 30, False, 3, 4, {3: Out(1.0, "=A3"), 4: Out(2.0, "=A4")}),
               ColumnWrite("Capaian (%)", 31, False, 3, 4, {3: Out(third), 4: Out(None, "=B4")})]
    xwbook.write_columns(book.sheets["Program"], 2, columns)
    acts = [a for a in actions(book) if a["func"] in ("setValues", "setFormula")]
    assert any(a["func"] == "setValues" and [third] in a["values"] for a in acts)
    assert not any(a["func"] == "setFormula" and any(isinstance(v, float) for row in a["values"]
                                                     for v in row) for a in acts)
    merged = remote_book(sample_xlsx)  # whole numbers: one 2-D formula write for both columns
    columns[1] = ColumnWrite("Capaian (%)", 31, False, 3, 4, {3: Out(97.0), 4: Out(None, "=B4")})
    xwbook.write_columns(merged.sheets["Program"], 2, columns)
    assert [a["func"] for a in actions(merged) if a["func"].startswith("set")][:1] == [
        "setFormula"]
    assert sum(a["func"] in ("setValues", "setFormula") for a in actions(merged)) == 1


def test_free_names_are_the_file_paths_and_fit_excel() -> None:
    """One rule for both paths (`core.sheetnames`): case-insensitive, 31 characters at most,
    the product's own candidate reused."""
    from kinerja_xl.core.sheetnames import final_name

    never = lambda n: False  # noqa: E731
    assert final_name("Rekap", ["Data"], never) == "Rekap"
    assert final_name("Rekap", ["REKAP"], never) == "Rekap (otomatis)"
    assert final_name("Rekap", ["rekap", "Rekap (Otomatis)"], never) == "Rekap (otomatis 2)"
    assert final_name("Rekap", ["Rekap", "Rekap (otomatis)"],
                      lambda n: n == "Rekap (otomatis)") == "Rekap (otomatis)"
    long = "PK " + "K" * 28
    moved = final_name(long, [long], never)
    assert len(moved) == 31 and moved.endswith(" (otomatis)") and moved.startswith("PK KKK")


def test_a_users_pk_sheet_stays_and_ours_is_replaced_beside_it() -> None:
    """Buat PK with a user's own 'PK CAMAT': the first click writes 'PK CAMAT (otomatis)'
    and says so; the next click replaces that sheet (not a '(otomatis 2)'), never the user's."""
    from xw_support import alerts, inputs_only, next_payload

    from kinerja_xl.xw import handlers

    example = Path(__file__).resolve().parent.parent / "examples" / "kenohan_2025.xlsm"
    data = inputs_only(payload(example))
    data["sheets"].append({"name": "PK CAMAT", "values": [["catatan saya"]], "pictures": [],
                           "tables": []})
    book = remote_book(data)
    handlers.run_feature(book, "pk")
    names = [s.name for s in book.sheets]
    assert "PK CAMAT (otomatis)" in names and names.count("PK CAMAT") == 1
    assert "'PK CAMAT (otomatis)'" in alerts(book)[-1]
    again = remote_book(next_payload(data, book))
    handlers.run_feature(again, "pk")
    names = [s.name for s in again.sheets]
    assert "PK CAMAT (otomatis)" in names and "PK CAMAT (otomatis 2)" not in names
    replay = Replay.of_payload(next_payload(data, book)).run(actions(again))
    assert replay.sheet("PK CAMAT").cells == {(1, 1): "catatan saya"}
    assert marker.is_ours(again.sheets["PK CAMAT (otomatis)"])
