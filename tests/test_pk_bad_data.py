"""Bad data still gives a PK where it can: a visible placeholder and a finding, no crash."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pk_support import plan_grids, sheet_text, texts
from sample import sample_plan

from kinerja_xl.core.contract import LAPORAN_VALIDASI, PEJABAT, PENGATURAN, Level
from kinerja_xl.core.findings import Severity
from kinerja_xl.pk import make_pk_file, plan_pk
from kinerja_xl.pk import texts as T
from kinerja_xl.xlsx.blank import HEADER_ROW
from kinerja_xl.xlsx.fill import write_plan
from kinerja_xl.xlsx.load import open_workbook
from kinerja_xl.xlsx.save import save_workbook

PEJABAT_ROWS = {"BUPATI": HEADER_ROW + 1, "CAMAT": HEADER_ROW + 2, "SEKCAM": HEADER_ROW + 3,
                "KASUBBAG-PK": HEADER_ROW + 4}  # write_plan writes officials in this order


def build(plan):
    result = plan_pk(plan_grids(plan))
    return result, {s.name: texts(s) for s in result.specs}


def test_official_without_atasan():
    plan = sample_plan()
    plan.officials["SEKCAM"].atasan = ""
    result, sheets = build(plan)
    assert T.ATASAN_KOSONG in sheets["PK SEKCAM"]
    assert T.ATASAN_KOSONG not in sheets["PK CAMAT"]
    [f] = result.pk_findings
    assert (f.sheet, f.row, f.column, f.letter) == (PEJABAT, PEJABAT_ROWS["SEKCAM"], "Atasan", "F")
    assert f.severity is Severity.WARNING and T.ATASAN_KOSONG in f.message


def test_atasan_cycle_marks_every_member():
    plan = sample_plan()
    plan.officials["CAMAT"].atasan = "KASUBBAG-PK"  # CAMAT -> KASUBBAG-PK -> SEKCAM -> CAMAT
    result, sheets = build(plan)
    for name in ("PK CAMAT", "PK SEKCAM", "PK KASUBBAG-PK"):
        assert T.ATASAN_BERPUTAR in sheets[name]
    rows = sorted(f.row for f in result.pk_findings if T.ATASAN_BERPUTAR in f.message)
    assert rows == sorted(PEJABAT_ROWS[i] for i in ("CAMAT", "SEKCAM", "KASUBBAG-PK"))
    # The validator's own error about the loop is kept next to the PK findings.
    assert any("berputar" in f.message and f.severity is Severity.ERROR
               for f in result.findings)


def test_atasan_pointing_outside_pejabat():
    plan = sample_plan()
    plan.officials["CAMAT"].atasan = "Bupati Kutai Kartanegara"
    result, sheets = build(plan)
    assert T.atasan_unknown("Bupati Kutai Kartanegara") in sheets["PK CAMAT"]
    assert "Bupati Kutai Kartanegara" in sheets["PK CAMAT"].splitlines()  # as its jabatan
    assert any(f.row == PEJABAT_ROWS["CAMAT"] for f in result.pk_findings)


def test_node_without_indicator():
    plan = sample_plan()
    plan.find(Level.KEGIATAN, "K2").indicators = []
    result, sheets = build(plan)
    assert T.INDIKATOR_KOSONG in sheets["PK KASUBBAG-PK"]
    assert "Koordinasi terlaksana" in sheets["PK KASUBBAG-PK"]  # the sasaran is still listed
    [f] = [f for f in result.pk_findings if f.sheet == "Kegiatan"]
    assert f.column == "Indikator" and "K2" in f.message


def test_missing_settings_placeholders_and_findings():
    plan = sample_plan()
    plan.settings.tahun = None
    plan.settings.tempat = ""
    plan.settings.tanggal_pk = None
    result, sheets = build(plan)
    body = sheets["PK CAMAT"]
    assert "PERJANJIAN KINERJA TAHUN [Tahun]" in body
    assert "[Tempat], [Tanggal PK]" in body
    settings_findings = [f for f in result.pk_findings if f.sheet == PENGATURAN]
    # One finding per missing value, not one per PK; each points at its row in Pengaturan.
    assert sorted(f.column for f in settings_findings) == ["Tahun", "Tanggal PK", "Tempat"]
    grid = plan_grids(plan)[PENGATURAN]
    for f in settings_findings:
        assert grid[f.row - 1][0] == f.column and f.letter == "B"


def test_blank_name_and_target():
    plan = sample_plan()
    plan.officials["SEKCAM"].nama = ""
    plan.find(Level.PROGRAM, "P1").indicators[0].target_text = ""
    result, sheets = build(plan)
    assert T.NAMA in sheets["PK SEKCAM"] and T.NAMA in sheets["PK KASUBBAG-PK"]
    assert T.TARGET_KOSONG in sheets["PK SEKCAM"]
    # The blank name concerns two PKs but is one cell: one finding.
    assert len([f for f in result.pk_findings if f.column == "Nama"]) == 1


def test_laporan_validasi_gets_validation_and_pk_findings(tmp_path):
    plan = sample_plan()
    plan.officials["SEKCAM"].atasan = ""
    plan.find(Level.KEGIATAN, "K2").indicators = []
    path = tmp_path / "buruk.xlsx"
    save_workbook(write_plan(plan), path)
    result = make_pk_file(path)
    assert result.sheets == ["PK CAMAT", "PK SEKCAM", "PK KASUBBAG-PK"]
    report = sheet_text(open_workbook(path)[LAPORAN_VALIDASI])
    assert "tidak punya indikator" in report  # from validation
    assert T.ATASAN_KOSONG in report and T.INDIKATOR_KOSONG in report  # from the PK
    assert result.has_errors  # the missing indicator is a validation error


_OFFICIALS = ("BUPATI", "CAMAT", "SEKCAM", "KASUBBAG-PK")


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(atasan=st.lists(st.sampled_from([*_OFFICIALS, "", "LUAR"]), min_size=4, max_size=4),
       pics=st.lists(st.sampled_from([*_OFFICIALS, "", "HILANG"]), min_size=9, max_size=9),
       blank=st.sets(st.sampled_from(["tahun", "tempat", "tanggal_pk", "nama_instansi",
                                      "pemerintah_daerah"])),
       drop=st.sets(st.integers(0, 7)))
def test_never_crashes(atasan, pics, blank, drop):
    plan = sample_plan()
    for off, boss in zip(plan.officials.values(), atasan, strict=True):
        off.atasan = boss
    for i, (n, pic) in enumerate(zip(plan.nodes(), pics, strict=True)):
        n.pic = pic
        if i in drop:
            n.indicators = []
    for name in blank:
        setattr(plan.settings, name, None if name in ("tahun", "tanggal_pk") else "")
    result = plan_pk(plan_grids(plan))
    owners = {p for p in pics if p in _OFFICIALS}
    assert {d.official_id for d in result.docs} == owners
    for spec in result.specs:
        assert spec.print.row_breaks and spec.last_row >= spec.print.row_breaks[0]
