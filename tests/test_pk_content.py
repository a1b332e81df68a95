"""What each PK says: parties, headings by level, targets and the budget table (pure core)."""

from __future__ import annotations

import pytest
from pk_support import plan_grids, texts
from sample import sample_plan

from kinerja_xl.core.contract import Level
from kinerja_xl.core.findings import WorkbookError
from kinerja_xl.core.model import Plan
from kinerja_xl.pk import build_pk_specs, pdf_name, plan_pk, sheet_name
from kinerja_xl.pk import texts as T
from kinerja_xl.pk.budget import anchors, budget_table


def docs(plan: Plan, ids=None):
    return {d.official_id: d for d in plan_pk(plan_grids(plan), ids).docs}


def node(plan: Plan, level: Level, code: str):
    found = plan.find(level, code)
    assert found is not None
    return found


def test_one_pk_per_official_who_owns_a_node():
    specs, findings = build_pk_specs(plan_grids(sample_plan()))
    # BUPATI owns no node: no PK; the others in Pejabat order.
    assert [s.name for s in specs] == ["PK CAMAT", "PK SEKCAM", "PK KASUBBAG-PK"]
    assert findings == []  # the sample is clean


def test_title_unit_and_parties():
    d = docs(sample_plan())
    camat, sek, kas = d["CAMAT"], d["SEKCAM"], d["KASUBBAG-PK"]
    assert camat.title == "PERJANJIAN KINERJA TAHUN 2025"
    assert camat.lampiran_title == "LAMPIRAN PERJANJIAN KINERJA TAHUN 2025"
    assert camat.unit == "KECAMATAN CONTOH"
    assert camat.pemda == "PEMERINTAH KABUPATEN CONTOH"
    assert camat.place_date == "Contoh, 6 Januari 2025"
    # The Bupati is external: no NIP, no pangkat.
    assert (camat.second.nama, camat.second.jabatan, camat.second.nip) == (
        "H. Contoh Bupati, S.H.", "Bupati Contoh", "")
    # Plt. prefix kept, as pihak pertama and as pihak kedua.
    assert sek.first.jabatan == "Plt. Sekretaris Kecamatan"
    assert kas.second.jabatan == "Plt. Sekretaris Kecamatan"
    assert kas.second.nip == "197501012005011002"
    assert sek.lampiran_jabatan == "PLT. SEKRETARIS KECAMATAN"


def test_perubahan_in_title():
    plan = sample_plan()
    plan.settings.jenis_pk = "Perubahan"
    d = docs(plan)["CAMAT"]
    assert d.title == "PERJANJIAN KINERJA PERUBAHAN TAHUN 2025"
    assert d.lampiran_title == "LAMPIRAN PERJANJIAN KINERJA PERUBAHAN TAHUN 2025"


def test_headings_by_level_and_targets():
    d = docs(sample_plan())
    camat = d["CAMAT"].blocks
    # Tujuan and Sasaran nodes share the Sasaran Strategis table.
    assert [b.heading for b in camat] == ["Sasaran Strategis"]
    assert [(r.no, r.sasaran, [(i.indikator, i.target, i.satuan) for i in r.indicators])
            for r in camat[0].rows] == [
        (1, "Pelayanan prima", [("Indeks Kepuasan Masyarakat", "85", "indeks")]),
        (2, "Layanan tepat waktu", [("Persentase layanan tepat waktu", "90", "%"),
                                    ("Persentase keluhan", "10", "%")])]
    sek = d["SEKCAM"].blocks
    assert [b.heading for b in sek] == ["Sasaran Program"]
    # A range target is printed as a range; 0 is a target, not a blank.
    assert [r.indicators[0].target for r in sek[0].rows] == ["80 – 90", "0"]
    kas = d["KASUBBAG-PK"].blocks
    assert [b.heading for b in kas] == ["Sasaran Kegiatan", "Sasaran Sub Kegiatan"]
    assert kas[0].rows[1].indicators[0].target == "85"  # typed as "85%", satuan says %
    assert [len(r.indicators) for r in kas[1].rows] == [1, 1, 2]


def amounts(table):
    return [(line.no, line.label, line.amount) for line in table.lines]


def test_budget_of_sasaran_owner_lists_programs():
    camat = docs(sample_plan())["CAMAT"].budget
    assert camat.heading == "Program"
    assert amounts(camat) == [
        ("1", "Program Penunjang Urusan Pemerintahan Daerah", 150_000_000),  # K1 typed
        ("2", "Program Penyelenggaraan Pemerintahan", 20_000_000)]  # SK3 only
    assert camat.total == 150_000_000 + 20_000_000


def test_budget_of_program_owner_groups_kegiatan():
    sek = docs(sample_plan())["SEKCAM"].budget
    assert sek.heading == "Program / Kegiatan"
    assert amounts(sek) == [
        ("1", "Program Penunjang Urusan Pemerintahan Daerah", 150_000_000),
        ("1.1", "Perencanaan, Penganggaran dan Evaluasi Kinerja", 150_000_000),
        ("2", "Program Penyelenggaraan Pemerintahan", 20_000_000),
        ("2.1", "Koordinasi Ketenteraman", 20_000_000)]
    assert sek.total == 170_000_000


def test_budget_counts_each_rupiah_once_when_parent_and_children_are_owned():
    kas = docs(sample_plan())["KASUBBAG-PK"].budget
    # Owns K1, K2 and all of SK1..SK3: the Sub Kegiatan appear once, under their Kegiatan.
    assert amounts(kas) == [
        ("1", "Perencanaan, Penganggaran dan Evaluasi Kinerja", 150_000_000),
        ("1.1", "Penyusunan Dokumen Perencanaan", 100_000_000),
        ("1.2", "Evaluasi Kinerja Perangkat Daerah", 50_000_000),
        ("2", "Koordinasi Ketenteraman", 20_000_000),
        ("2.1", "Sinergitas dengan Kepolisian dan TNI", 20_000_000)]
    assert kas.total == 100_000_000 + 50_000_000 + 20_000_000


def test_budget_deep_descendant_of_owned_program_is_not_counted_again():
    plan = sample_plan()
    for code in ("P1",):
        node(plan, Level.PROGRAM, code).pic = "KASUBBAG-PK"
    nodes = [n for n in plan.nodes() if n.pic == "KASUBBAG-PK"]
    assert [n.code for n in anchors(plan, nodes)] == ["P1", "K2"]
    table = budget_table(plan, nodes)
    assert table.total == 150_000_000 + 20_000_000


def test_budget_of_sub_kegiatan_owner_under_other_officials_kegiatan():
    plan = sample_plan()
    for code in ("K1", "K2"):
        node(plan, Level.KEGIATAN, code).pic = "SEKCAM"
    node(plan, Level.SUB_KEGIATAN, "SK2").pic = "SEKCAM"
    kas = docs(plan)["KASUBBAG-PK"]
    assert [b.heading for b in kas.blocks] == ["Sasaran Sub Kegiatan"]
    assert kas.budget.heading == "Kegiatan / Sub Kegiatan"
    # Parents are headings without an amount (SK2 of K1 belongs to someone else).
    assert amounts(kas.budget) == [
        ("1", "Perencanaan, Penganggaran dan Evaluasi Kinerja", None),
        ("1.1", "Penyusunan Dokumen Perencanaan", 100_000_000),
        ("2", "Koordinasi Ketenteraman", None),
        ("2.1", "Sinergitas dengan Kepolisian dan TNI", 20_000_000)]
    assert kas.budget.total == 100_000_000 + 20_000_000


def test_only_requested_ids_and_clear_errors():
    grids = plan_grids(sample_plan())
    build = plan_pk(grids, ["SEKCAM"])
    assert [s.name for s in build.specs] == ["PK SEKCAM"]
    with pytest.raises(WorkbookError, match="NOPE"):
        plan_pk(grids, ["NOPE"])
    with pytest.raises(WorkbookError, match="BUPATI bukan Penanggung Jawab"):
        plan_pk(grids, ["BUPATI"])


def test_names_are_safe():
    assert sheet_name("KASI/PEM:1") == "PK KASI_PEM_1"
    assert len(sheet_name("X" * 50)) == 31
    assert pdf_name("KASI PEM/1") == "PK_KASI_PEM_1.pdf"


def test_fixed_wording_present():
    spec = build_pk_specs(plan_grids(sample_plan()), ["CAMAT"])[0][0]
    body = texts(spec)
    for text in (T.OPENING, T.FIRST_ROLE, T.SECOND_ROLE, T.PROMISE, T.SUPERVISION):
        assert text in body
    assert "Pihak pertama berjanji akan mewujudkan target kinerja" in T.PROMISE
    assert "Pihak kedua akan memberikan supervisi" in T.SUPERVISION
