"""The same tables saved by LibreOffice as .ods and .xls (the formats planners also receive)
import into the same plan as the .xlsx they were converted from; a merged-cell cascading
matrix keeps its merges through the conversion."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import needs_lo
from impor_fixtures import CASCADING_FULL, CASCADING_HEAD, SIPD, write_xlsx
from lo import convert

from kinerja_xl.core.contract import Level
from kinerja_xl.impor.run import read_any

MERGES = ("A3:A4", "B3:B4", "C3:C4", "D3:D4", "E3:E4", "F3:F4", "G3:G4", "H3:K3",
          "A5:A9", "B5:B9", "C5:C9", "D5:D7", "D8:D9", "E5:E6")


def plan_of(path: Path) -> dict:
    res = read_any(path)
    return {lv.sheet: [(n.code, n.parent_code, n.uraian, n.anggaran,
                        [(i.name, i.satuan, i.target_text, [str(q) for q in i.quarter_targets])
                         for i in n.indicators]) for n in res.plan.levels[lv]] for lv in Level}


@needs_lo
@pytest.mark.parametrize("fmt", ["ods", "xls:MS Excel 97"])
def test_ods_and_xls_read_like_the_xlsx(tmp_path, fmt):
    sipd = write_xlsx(SIPD, tmp_path / "sipd.xlsx")
    cascading = write_xlsx(CASCADING_HEAD + CASCADING_FULL, tmp_path / "cascading.xlsx",
                           merges=MERGES)
    for src in (sipd, cascading):
        converted = convert(src, tmp_path / src.stem, fmt)
        assert converted.suffix == "." + fmt.split(":")[0]
        assert plan_of(converted) == plan_of(src)
    assert len(read_any(converted).plan.levels[Level.SUB_KEGIATAN]) == 4
