"""Shared fixtures: the sample kecamatan as a workbook file, and LibreOffice availability."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from lo import soffice
from sample import sample_plan

from kinerja_xl.xlsx.fill import write_plan
from kinerja_xl.xlsx.save import save_workbook

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"


@pytest.fixture
def sample_xlsx(tmp_path: Path) -> Path:
    path = tmp_path / "contoh.xlsx"
    save_workbook(write_plan(sample_plan()), path)
    return path


@pytest.fixture
def sample_xlsm(tmp_path: Path) -> Path:
    path = tmp_path / "contoh.xlsm"
    save_workbook(write_plan(sample_plan()), path)
    return path


needs_lo = pytest.mark.skipif(soffice() is None, reason="LibreOffice (soffice) not installed")
