"""Every ribbon handler run on a real xlwings Book (remote engine, no Excel): what it writes,
what it tells the user, and that errors become Indonesian alerts with nothing written."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path
from typing import Any

import openpyxl
import pytest
import xlwings as xw
from sample import EXPECTED
from xw_support import (
    Replay,
    actions,
    alerts,
    cell_model,
    defined_names,
    install_api_tripwire,
    mark_payload,
    payload,
    remote_book,
    writes,
)

from kinerja_xl.api import check_file, compute_file
from kinerja_xl.core.compute import compute
from kinerja_xl.core.contract import LAPORAN_VALIDASI, H, Level, level_headers
from kinerja_xl.core.writes import GeneratedSheet, WritePlan
from kinerja_xl.xlsx.blank import HEADER_ROW
from kinerja_xl.xw import features, handlers
from kinerja_xl.xw.features import Feature, as_output

ENGLISH = ("Traceback", "Error", "error", "Exception", "failed", "not supported")


def alert_actions(book: xw.Book) -> list[dict[str, Any]]:
    return [a for a in actions(book) if a["func"] == "alert"]


def only_alert(book: xw.Book) -> dict[str, Any]:
    found = alert_actions(book)
    assert len(found) == 1, found
    prompt = found[0]["args"][0]
    assert not any(word in prompt for word in ENGLISH), prompt
    return found[0]


def activated(book: xw.Book) -> list[str]:
    """Names of the sheets activated, tracking sheet positions through adds and deletes."""
    names = [s["name"] for s in book.impl.api["sheets"]]  # the final sheet list
    return [names[a["args"][0]] for a in actions(book) if a["func"] == "activateSheet"]


def with_error(path: Path, out: Path) -> Path:
    """The sample with Program P1 pointing at a Sasaran that does not exist."""
    wb = openpyxl.load_workbook(path)
    col = level_headers(Level.PROGRAM).index(H.KODE_INDUK) + 1
    wb["Program"].cell(HEADER_ROW + 1, col, "S9")
    wb.save(out)
    return out


@pytest.fixture
def log_dir(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The temp folder, under a name without English words (the alert shows the path)."""
    temp = tmp_path_factory.mktemp("sementara")
    monkeypatch.setattr(tempfile, "tempdir", str(temp))
    return temp


@pytest.fixture
def no_features(monkeypatch: pytest.MonkeyPatch) -> None:
    """Features resolved only from what a test sets up."""
    monkeypatch.setattr(features, "_REGISTERED", {})


# Hitung Capaian and Periksa Tautan ----------------------------------------------------------------

def test_hitung_writes_what_the_cli_writes_and_reports(sample_xlsx: Path, tmp_path: Path) -> None:
    reference = tmp_path / "cli.xlsx"
    shutil.copy(sample_xlsx, reference)
    compute_file(reference)
    book = remote_book(payload(sample_xlsx, active="Program"))
    comp = handlers.run_hitung(book)
    assert comp is not None
    replay = Replay(sample_xlsx).run(actions(book))
    ref = cell_model(reference)
    assert "Rekap" in [sheet.name for sheet in replay.sheets] and "Rekap" in ref
    for sheet in replay.sheets:
        assert set(sheet.cells) == set(ref[sheet.name]), sheet.name
    for r in comp.rows:
        real, cap, pred = EXPECTED[(r.sheet, r.indicator.name)]
        assert r.realisasi == real and r.predikat == pred
        assert r.capaian == pytest.approx(cap) if cap is not None else r.capaian is None
    alert = only_alert(book)
    prompt, title, buttons, mode = alert["args"][:4]
    assert title == "Kinerja – Hitung Capaian" and buttons == "ok" and mode == "info"
    assert "Hitung Capaian selesai." in prompt
    assert "Periode: TW2" in prompt
    assert "11 indikator: 10 punya capaian, 1 belum" in prompt
    assert "0 kesalahan, 0 peringatan" in prompt
    assert activated(book)[-1] == "Program"  # back where the user was
    assert actions(book)[-1]["func"] == "alert"  # the alert comes after every write


def test_hitung_writes_the_same_formulas_and_names_as_the_file_path(sample_xlsx: Path,
                                                                   tmp_path: Path) -> None:
    """The ribbon path writes the uniform formulas, the guards and every defined name the
    formulas read (Pengaturan cells), exactly as the CLI does."""
    reference = tmp_path / "cli.xlsx"
    shutil.copy(sample_xlsx, reference)
    compute_file(reference)
    book = remote_book(payload(sample_xlsx))
    handlers.run_hitung(book)
    replay = Replay(sample_xlsx).run(actions(book))
    ref = cell_model(reference)
    formulas_seen = 0
    for sheet in replay.sheets:
        for key, value in ref[sheet.name].items():
            if isinstance(value, str) and value.startswith("="):
                assert sheet.cells.get(key) == value, (sheet.name, key)
                formulas_seen += 1
    assert formulas_seen >= 45
    wanted = {"PeriodeKinerja", "RumusNegatifTR", "BatasCapaian", "BatasSangatTinggi",
              "BatasTinggi", "BatasSedang", "BatasRendah"}
    assert wanted <= set(replay.names)
    assert {n: replay.names[n] for n in wanted} == {n: defined_names(reference)[n]
                                                   for n in wanted}


def test_hitung_with_errors_says_so(sample_xlsx: Path, tmp_path: Path) -> None:
    book = remote_book(with_error(sample_xlsx, tmp_path / "salah.xlsx"))
    comp = handlers.run_hitung(book)
    assert comp is not None and comp.has_errors
    alert = only_alert(book)
    assert alert["args"][3] == "critical"
    assert "1 kesalahan" in alert["args"][0] and "S9" in alert["args"][0]
    assert writes(book)  # computed columns are still written, with Status explaining


def test_periksa_writes_status_and_report(sample_xlsx: Path, tmp_path: Path) -> None:
    bad = with_error(sample_xlsx, tmp_path / "salah.xlsx")
    reference = tmp_path / "cli.xlsx"
    shutil.copy(bad, reference)
    check_file(reference)
    book = remote_book(bad)
    handlers.run_periksa(book)
    replay = Replay(bad).run(actions(book))
    ref = cell_model(reference)
    status_col = level_headers(Level.PROGRAM).index(H.STATUS) + 1
    status = replay.sheet("Program").cells[(HEADER_ROW + 1, status_col)]
    assert status == ref["Program"][(HEADER_ROW + 1, status_col)]
    assert status.startswith("Kesalahan")
    assert replay.sheet(LAPORAN_VALIDASI).cells == ref[LAPORAN_VALIDASI]
    alert = only_alert(book)
    prompt = alert["args"][0]
    assert prompt.startswith("Periksa Tautan selesai: 1 kesalahan")
    assert "Sheet Program, baris 3" in prompt and "Laporan Validasi" in prompt
    assert alert["args"][3] == "critical"
    assert activated(book)[-1] == LAPORAN_VALIDASI


def test_periksa_clean_workbook(sample_xlsx: Path) -> None:
    book = remote_book(sample_xlsx)
    handlers.run_periksa(book)
    prompt = only_alert(book)["args"][0]
    assert "0 kesalahan, 0 peringatan" in prompt and "siap dipakai" in prompt


# A workbook that cannot be used: alert, nothing written -------------------------------------------

@pytest.mark.parametrize("run", [handlers.run_periksa, handlers.run_hitung])
def test_missing_sheet_alerts_and_writes_nothing(sample_xlsx: Path, run) -> None:
    data = payload(sample_xlsx)
    data["sheets"] = [s for s in data["sheets"] if s["name"] != "Program"]
    data["book"]["active_sheet_index"] = 0
    book = remote_book(data)
    assert run(book) is None
    alert = only_alert(book)
    assert "Sheet wajib tidak ditemukan: Program" in alert["args"][0]
    assert "Workbook tidak diubah." in alert["args"][0]
    assert alert["args"][3] == "critical"
    assert writes(book) == []


def test_missing_header_alerts_and_writes_nothing(sample_xlsx: Path) -> None:
    data = payload(sample_xlsx)
    tujuan = next(s for s in data["sheets"] if s["name"] == "Tujuan")
    tujuan["values"][HEADER_ROW - 1][0] = "Nomor"
    book = remote_book(data)
    handlers.run_hitung(book)
    assert "sheet Tujuan: tidak ada baris judul kolom dengan 'Kode'" in only_alert(book)["args"][0]
    assert writes(book) == []


def test_unexpected_error_is_logged_not_shown(sample_xlsx: Path, log_dir: Path,
                                              no_features: None) -> None:
    def broken(grids):
        return 1 / 0

    features.register("pk", broken)
    book = remote_book(sample_xlsx)
    assert handlers.run_feature(book, "pk") is None
    prompt = only_alert(book)["args"][0]
    log = log_dir / "kinerja_xl" / "kinerja_xl_galat.log"
    assert "Buat PK gagal karena kesalahan tak terduga" in prompt
    assert str(log) in prompt and "Workbook tidak diubah." in prompt
    text = log.read_text(encoding="utf-8")
    assert "Traceback" in text and "ZeroDivisionError" in text and "Buat PK" in text
    assert writes(book) == []


# The feature hook (Buat PK, Pohon Kinerja) --------------------------------------------------------

def pk_sheets(grids) -> list[GeneratedSheet]:
    """A stand-in feature: one sheet per official, from the grids it is given."""
    ids = [row[0] for row in grids["Pejabat"][HEADER_ROW:] if row and row[0]]
    return [GeneratedSheet(f"PK {i}", [["PERJANJIAN KINERJA TAHUN 2025"], [], ["NIP", "1970"]],
                           [20, 40], header_row=0) for i in ids if i != "BUPATI"]


def test_feature_sheets_are_written_and_replaced(sample_xlsx: Path, no_features: None) -> None:
    features.register("pk", pk_sheets)
    book = remote_book(sample_xlsx)
    names = handlers.run_feature(book, "pk")
    assert names == ["PK CAMAT", "PK SEKCAM", "PK KASUBBAG-PK"]
    replay = Replay(sample_xlsx).run(actions(book))
    assert [s.name for s in replay.sheets][-3:] == names
    assert replay.sheet("PK CAMAT").cells == {(1, 1): "PERJANJIAN KINERJA TAHUN 2025",
                                              (3, 1): "NIP", (3, 2): "1970"}
    prompt = only_alert(book)["args"][0]
    assert prompt == ("Buat PK selesai: 3 sheet dibuat/diperbarui (PK CAMAT, PK SEKCAM, "
                      "PK KASUBBAG-PK).")
    assert activated(book)[-1] == "PK CAMAT"

    again = payload(sample_xlsx)  # a book that already has the PK sheets, in the middle
    again["sheets"].insert(2, {"name": "PK SEKCAM", "values": [["lama"]], "pictures": [],
                               "tables": []})
    book = remote_book(mark_payload(again, "PK SEKCAM"))
    handlers.run_feature(book, "pk")
    final = [s.name for s in book.sheets]
    assert final.index("PK SEKCAM") == 2 and final.count("PK SEKCAM") == 1


def test_pohon_kinerja_uses_the_same_hook(sample_xlsx: Path, no_features: None) -> None:
    features.register("pohon", lambda g: GeneratedSheet("Pohon Kinerja", [["POHON KINERJA"]]))
    book = remote_book(sample_xlsx)
    assert handlers.run_feature(book, "pohon") == ["Pohon Kinerja"]
    assert "Pohon Kinerja selesai" in only_alert(book)["args"][0]


def test_missing_feature_says_not_available(sample_xlsx: Path, no_features: None,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(features.FEATURES, "pk",
                        Feature("pk", "Buat PK", "kinerja_xl._fitur_belum_ada", "excel_plan"))
    book = remote_book(sample_xlsx)
    assert handlers.run_feature(book, "pk") is None
    assert "Fitur Buat PK belum tersedia" in only_alert(book)["args"][0]
    assert writes(book) == []


def test_feature_module_with_a_broken_import_is_reported_as_a_bug(
        sample_xlsx: Path, tmp_path: Path, no_features: None, log_dir: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "fitur_rusak.py").write_text("import modul_yang_tidak_ada\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.setitem(features.FEATURES, "pohon",
                        Feature("pohon", "Pohon Kinerja", "fitur_rusak", "excel_plan"))
    book = remote_book(sample_xlsx)
    handlers.run_feature(book, "pohon")
    assert "kesalahan tak terduga" in only_alert(book)["args"][0]


def test_feature_module_found_by_name(tmp_path: Path, no_features: None,
                                      monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "fitur_ada.py").write_text("def excel_plan(grids):\n    return []\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.setitem(features.FEATURES, "pk", Feature("pk", "Buat PK", "fitur_ada",
                                                         "excel_plan"))
    func = features.resolve("pk")
    assert func is not None and as_output(func({})).plan == WritePlan()


def test_as_output_accepts_the_documented_results(sample_xlsx: Path) -> None:
    from kinerja_xl.core.findings import Finding, Severity
    from kinerja_xl.core.sheetspec import SheetSpec
    from kinerja_xl.xlsx.load import grids, open_workbook
    comp = compute(grids(open_workbook(sample_xlsx), sample_xlsx))
    gen, spec = GeneratedSheet("X", [["a"]]), SheetSpec("Y")
    finding = Finding(Severity.WARNING, "Pejabat", 3, "NIP", "kosong")
    assert as_output(comp).plan is comp.writes and as_output(comp).findings == comp.findings
    assert as_output(comp.writes).plan is comp.writes
    assert as_output(gen).plan.generated == [gen] and as_output(spec).specs == [spec]
    mixed = as_output(iter([gen, spec]))
    assert mixed.plan.generated == [gen] and mixed.specs == [spec] and mixed.findings is None
    assert mixed.sheet_names == ["Y", "X"]
    pair = as_output(([spec], [finding]))
    assert pair.specs == [spec] and pair.findings == [finding]

    class Build:  # the shape of kinerja_xl.pk.PkBuild
        specs, stale, report, findings = [spec], ["PK LAMA"], gen, [finding]

    built = as_output(Build())
    assert (built.specs, built.stale, built.plan.generated, built.findings) == (
        [spec], ["PK LAMA"], [gen], [finding])
    for bad in ({"X": 1}, "teks", 3, [1, 2], ([1], [])):
        with pytest.raises(TypeError, match="hasil fitur tidak dikenal"):
            as_output(bad)


# Ekspor PDF and Bantuan --------------------------------------------------------------------------

def with_pk_sheet(path: Path) -> dict[str, Any]:
    data = payload(path)
    data["sheets"].append({"name": "PK CAMAT", "values": [["PERJANJIAN KINERJA"]],
                           "pictures": [], "tables": [], "visibility": "Visible"})
    return data


def test_ekspor_pdf_without_pk_sheets(sample_xlsx: Path) -> None:
    book = remote_book(sample_xlsx)
    assert handlers.run_ekspor_pdf(book) is None
    assert "Belum ada sheet PK" in only_alert(book)["args"][0]


def test_ekspor_pdf_needs_a_saved_workbook(sample_xlsx: Path) -> None:
    book = remote_book(with_pk_sheet(sample_xlsx))  # the remote book's fullname is its name
    handlers.run_ekspor_pdf(book)
    assert "Simpan workbook ini dulu" in only_alert(book)["args"][0]


def test_ekspor_pdf_on_an_engine_without_pdf_export(sample_xlsx: Path, tmp_path: Path) -> None:
    book = remote_book(with_pk_sheet(sample_xlsx))
    folder = tmp_path / "PDF contoh"
    assert handlers.run_ekspor_pdf(book, folder) is None
    assert "Ekspor PDF memakai fitur ekspor Excel desktop" in only_alert(book)["args"][0]
    assert not folder.exists()  # nothing created on disk
    assert [a["func"] for a in actions(book)] == ["alert"]  # no sheet hidden and shown again


def test_safe_filename() -> None:
    assert handlers.safe_filename('PK A/B:C*?"<>|') == "PK A_B_C_"
    assert handlers.pdf_filename("PK KASUBBAG-PK") == "PK_KASUBBAG-PK.pdf"
    assert handlers.safe_filename("...") == "sheet"


def test_bantuan_shows_petunjuk_and_the_pasang_checklist(sample_xlsx: Path) -> None:
    book = remote_book(payload(sample_xlsx, active="Program"))
    checks = handlers.run_bantuan(book, vba=xw.__version__)
    assert activated(book) == ["Petunjuk"]
    prompt = only_alert(book)["args"][0]
    assert "kinerja-xl pasang" in prompt and "[OK] Excel menjalankan Python ini" in prompt
    assert f"[OK] xlwings {xw.__version__} sama dengan versi VBA" in prompt
    assert checks and all(c.line() in prompt for c in checks)


def test_bantuan_reports_a_version_mismatch(sample_xlsx: Path) -> None:
    book = remote_book(sample_xlsx)
    handlers.run_bantuan(book, vba="0.30.0")
    alert = only_alert(book)
    assert "[PERLU] Versi xlwings tidak cocok" in alert["args"][0]
    assert alert["args"][3] == "critical"


def test_version_mismatch_stops_a_button_with_the_fix(caller: xw.Book) -> None:
    handlers.hitung_capaian(vba="0.30.0")
    alert = only_alert(caller)
    prompt = alert["args"][0]
    assert "xlwings 0.30.0" in prompt and f"xlwings {xw.__version__}" in prompt
    assert "pip install xlwings==0.30.0" in prompt and "kinerja-xl template" in prompt
    assert "kinerja-xl pasang" in prompt and alert["args"][3] == "critical"
    assert writes(caller) == []
    assert handlers.version_mismatch(xw.__version__) is None
    assert handlers.version_mismatch(None) is None


def test_year_buttons_run_as_the_ribbon_calls_them(caller: xw.Book) -> None:
    from kinerja_xl.xw import handlers_tahun

    handlers_tahun.rencana_aksi(vba="0.0.1")  # a workbook built for another xlwings
    (prompt,) = [a["args"][0] for a in alert_actions(caller)]
    assert "Versi xlwings tidak cocok" in prompt and writes(caller) == []
    handlers_tahun.rencana_aksi(vba=xw.__version__)
    handlers_tahun.lkjip(vba=xw.__version__)
    prompts = [a["args"][0] for a in alert_actions(caller)][1:]
    assert prompts[0].startswith("Rencana Aksi selesai") and prompts[1].startswith(
        "LKjIP Bab III selesai")


def test_bantuan_without_petunjuk(sample_xlsx: Path) -> None:
    data = payload(sample_xlsx)
    data["sheets"] = [s for s in data["sheets"] if s["name"] != "Petunjuk"]
    data["book"]["active_sheet_index"] = 0
    book = remote_book(data)
    handlers.run_bantuan(book)
    assert "Sheet Petunjuk tidak ada" in only_alert(book)["args"][0]
    assert activated(book) == []


# The RunPython entry points -----------------------------------------------------------------------

@pytest.fixture
def caller(sample_xlsx: Path):
    book = remote_book(sample_xlsx)
    book.set_mock_caller()
    yield book
    del xw.Book._mock_caller


@pytest.mark.parametrize("name, expected", [
    ("periksa_tautan", "Periksa Tautan selesai"),
    ("hitung_capaian", "Hitung Capaian selesai"),
    ("ekspor_pdf", "Belum ada sheet PK"),
])
def test_entry_points_use_the_calling_book(caller: xw.Book, name: str, expected: str) -> None:
    getattr(handlers, name)()
    assert expected in only_alert(caller)["args"][0]


def test_entry_points_for_features_and_help(caller: xw.Book, no_features: None,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    for key in ("pk", "pohon"):
        monkeypatch.setitem(features.FEATURES, key,
                            Feature(key, key, "kinerja_xl._fitur_belum_ada", "x"))
    handlers.buat_pk()
    handlers.pohon_kinerja()
    handlers.bantuan()
    assert len(alert_actions(caller)) == 3
    assert activated(caller)[-1] == "Petunjuk"


def test_handlers_use_no_api(sample_xlsx: Path, monkeypatch: pytest.MonkeyPatch,
                             no_features: None) -> None:
    install_api_tripwire(monkeypatch)
    runs = [handlers.run_periksa, handlers.run_hitung, handlers.run_bantuan,
            lambda b: handlers.run_feature(b, "pk"), lambda b: handlers.run_feature(b, "pohon")]
    for run in runs:  # the real PK / Pohon features when present, else their alert
        book = remote_book(sample_xlsx)
        run(book)
        assert not any("tak terduga" in a for a in alerts(book)), alerts(book)
    features.register("pk", pk_sheets)
    book = remote_book(sample_xlsx)
    handlers.run_feature(book, "pk")
    assert not any("tak terduga" in a for a in alerts(book))
