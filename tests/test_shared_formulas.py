"""Hitung stores each computed column's runs of its uniform formula as Excel shared formulas
(`kinerja_xl.package.shared`); Periksa still sees every drifted cell; parts that come out the
same are kept byte for byte. LibreOffice recalculating these files is tests/test_libreoffice.py.
"""

from __future__ import annotations

import re
import shutil
import zipfile
from pathlib import Path

from lxml import etree
from xlsx_cells import M, read_cells, sheet_parts

from kinerja_xl.api import check_file, compute_file
from kinerja_xl.core.contract import LEVEL_SHEETS, H
from kinerja_xl.core.findings import Severity
from kinerja_xl.core.writes import Out
from kinerja_xl.package.cells import cell_xml, follower_xml
from kinerja_xl.package.shared import reserved_si, share_runs
from kinerja_xl.tahun.files import make_tahun_baru_file

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "kenohan_2025.xlsm"


def _headers(root) -> dict[str, str]:
    """Header text -> column letters of a level sheet (header row: the one whose A is Kode)."""
    rows = {c.get("r"): c for c in root.iter(f"{M}c")}
    for r in range(1, 30):
        a = rows.get(f"A{r}")
        if a is not None and "".join(a.itertext()).strip() == H.KODE:
            out = {}
            for ref, c in rows.items():
                m = re.fullmatch(r"([A-Z]+)(\d+)", ref)
                if m and int(m.group(2)) == r:
                    out["".join(c.itertext()).strip()] = m.group(1)
            return out
    raise AssertionError("no header row")


def test_each_run_is_one_master_and_followers_without_text(sample_xlsx: Path) -> None:
    compute_file(sample_xlsx)
    with zipfile.ZipFile(sample_xlsx) as z:
        parts = sheet_parts(z)
        followers = 0
        for sheet in LEVEL_SHEETS:
            root = etree.fromstring(z.read(parts[sheet]))
            letters = _headers(root)
            masters: dict[str, str] = {}
            for c in root.iter(f"{M}c"):
                f = c.find(f"{M}f")
                if f is None or f.get("t") != "shared":
                    continue
                col = re.match(r"[A-Z]+", c.get("r")).group(0)
                assert col in {letters[h] for h in (H.URAIAN_INDUK, H.REALISASI, H.CAPAIAN,
                                                    H.PREDIKAT, H.SERAPAN) if h in letters}
                if f.get("ref"):
                    first, last = f.get("ref").split(":")
                    assert first == c.get("r") and last.startswith(col)  # one column, from here
                    assert f.text
                    masters[f.get("si")] = f.get("ref")
                else:
                    assert not f.text and f.get("si") in masters  # its master came first
                    followers += 1
            assert len(set(masters)) == len(masters)
    assert followers > 20


def test_drift_typed_over_a_follower_or_another_formula_in_the_xml(sample_xlsx: Path) -> None:
    """Edits made the way Excel saves them (no openpyxl in between): a follower replaced by a
    typed number and another by a formula of its own are reported; nothing else is."""
    compute_file(sample_xlsx)
    assert not [f for f in check_file(sample_xlsx).findings if "bukan rumus" in f.message]
    with zipfile.ZipFile(sample_xlsx) as z:
        part = sheet_parts(z)["Sub Kegiatan"]
        data = z.read(part)
        entries = {i.filename: z.read(i) for i in z.infolist()}
    follower = re.compile(rb'<c r="([A-Z]+)(\d+)"([^>]*)><f t="shared" si="\d+"/>(<v>[^<]*</v>)?'
                          rb"</c>")
    found = follower.findall(data)
    assert len(found) >= 2
    (c1, r1, a1, _), (c2, r2, a2, _) = found[0], found[-1]
    a1, a2 = (re.sub(rb'\st="[^"]*"', b"", a) for a in (a1, a2))
    data = data.replace(re.search(rb'<c r="%s%s"[^>]*>.*?</c>' % (c1, r1), data).group(0),
                        b'<c r="%s%s"%s><v>97.5</v></c>' % (c1, r1, a1))
    data = data.replace(re.search(rb'<c r="%s%s"[^>]*>.*?</c>' % (c2, r2), data).group(0),
                        b'<c r="%s%s"%s t="str"><f>"x"&amp;"y"</f><v>xy</v></c>' % (c2, r2, a2))
    entries[part] = data
    with zipfile.ZipFile(sample_xlsx, "w", zipfile.ZIP_DEFLATED) as z:
        for name, body in entries.items():
            z.writestr(name, body)
    got = {(f.sheet, f.row, f.letter) for f in check_file(sample_xlsx).findings
           if f.severity is Severity.WARNING and "bukan rumus" in f.message}
    assert got == {("Sub Kegiatan", int(r1), c1.decode()), ("Sub Kegiatan", int(r2), c2.decode())}


def test_a_pair_that_does_not_translate_is_written_cell_by_cell() -> None:
    """Only formulas Excel would derive from the first one are shared: a constant reference
    that the rows do not move ('B5' on every row) is not."""
    cells = {r: Out(1.0, f"=A{r}*2", uniform=True) for r in range(5, 9)}
    got = share_runs(3, cells, set())
    assert got == {5: (0, "C5:C8"), 6: (0, None), 7: (0, None), 8: (0, None)}
    fixed = {r: Out(1.0, f"=A{r}*B5", uniform=True) for r in range(5, 9)}
    assert share_runs(3, fixed, set()) == {}


def test_runs_break_at_other_rows_and_indexes_in_use_are_avoided() -> None:
    cells = {r: Out(1.0, f"=A{r}+1", uniform=r != 7) for r in range(5, 11)}
    cells[7] = Out(2.0, '=IF(A7=3,2,"Jalankan Hitung")')  # a guard row
    taken = {0, 2}
    got = share_runs(4, cells, taken)
    assert got[5] == (1, "D5:D6") and got[6] == (1, None)
    assert got[8] == (3, "D8:D10") and got[10] == (3, None) and 7 not in got
    assert taken == {0, 1, 2, 3}


def test_the_users_own_shared_formulas_keep_their_index() -> None:
    data = (b'<sheetData><row r="5"><c r="B5"><f t="shared" ref="B5:B9" si="0">A5</f></c>'
            b'<c r="F5"><f t="shared" ref="F5:F9" si="1">A5*2</f></c></row></sheetData>')
    assert reserved_si(data, {6: (5, 9)}) == {0}  # F is ours (rewritten), B the user's
    assert reserved_si(data, {6: (5, 9), 2: (5, 9)}) == set()
    assert reserved_si(data, {6: (5, 9), 2: (6, 9)}) == {0}  # B5 is not rewritten: kept


def test_a_second_periksa_keeps_unchanged_sheets_byte_for_byte(sample_xlsx: Path) -> None:
    compute_file(sample_xlsx)
    check_file(sample_xlsx)
    with zipfile.ZipFile(sample_xlsx) as z:
        before = {i.filename: (i.CRC, i.compress_size, i.date_time) for i in z.infolist()}
        parts = sheet_parts(z)
    check_file(sample_xlsx)
    with zipfile.ZipFile(sample_xlsx) as z:
        after = {i.filename: (i.CRC, i.compress_size, i.date_time) for i in z.infolist()}
    for sheet in LEVEL_SHEETS:
        assert after[parts[sheet]] == before[parts[sheet]], sheet


def test_tahun_baru_reads_a_workbook_that_is_open_in_excel(tmp_path: Path) -> None:
    """Last year's workbook may stay open in Excel: it is only read; the new file is written."""
    last = tmp_path / "kinerja_2025.xlsm"
    shutil.copy(EXAMPLE, last)
    owner = tmp_path / "~$kinerja_2025.xlsm"
    owner.write_bytes(b"\x05Budi  " + b"\x00" * 50)
    before = last.read_bytes()
    year = make_tahun_baru_file(last, tmp_path / "kinerja_2026.xlsm")
    assert year.new_year == year.old_year + 1
    assert last.read_bytes() == before
    tahun = {c.text for c in read_cells(tmp_path / "kinerja_2026.xlsm")
             if c.sheet == "Pengaturan" and c.ref.startswith("B")}
    assert str(year.new_year) in tahun


def test_the_followers_fast_path_writes_what_the_general_path_writes() -> None:
    for value in (1.5, -0.25, 1e-300, None, ""):
        for style in (0, 7):
            assert follower_xml(b"X5", style, 3, value) == cell_xml("X5", style, value, "=A5",
                                                                    (3, None))
    assert follower_xml(b"X5", 0, 3, "Tinggi") is None  # text results: the general path
    assert follower_xml(b"X5", 0, 3, float("nan")) is None
