"""The committed template equals a fresh build, and workbooks the CLI writes from it stay valid
macro-enabled workbooks after openpyxl round trips (our own checks + the shared checker)."""

import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import REPO, SHARED
from sample import sample_plan

from kinerja_xl.api import template_workbook
from kinerja_xl.cli import main
from kinerja_xl.template import build_template_bytes, check_xlsm
from kinerja_xl.xlsx.fill import write_plan
from kinerja_xl.xlsx.save import save_workbook

VBA_SRC = REPO / "kinerja_xl" / "vba_src"
RUN_SH = SHARED / "tools" / "xlsm_check" / "run.sh"


def test_committed_template_equals_a_fresh_build() -> None:
    committed = (REPO / "workbook_template.xlsm").read_bytes()
    assert committed == build_template_bytes(), (
        "workbook_template.xlsm is stale: run `kinerja-xl template` and commit it")


def test_cli_template_command(tmp_path: Path) -> None:
    out = tmp_path / "t.xlsm"
    assert main(["template", str(out)]) == 0
    assert out.read_bytes() == build_template_bytes()


@pytest.fixture
def computed_xlsm(tmp_path: Path) -> Path:
    path = tmp_path / "kecamatan.xlsm"
    assert main(["baru", str(path)]) == 0
    assert check_xlsm(path, VBA_SRC) == []
    save_workbook(write_plan(sample_plan(), template_workbook()), path)
    assert main(["periksa", str(path)]) == 0
    assert main(["hitung", str(path)]) == 0
    return path


def test_cli_outputs_pass_our_checks(computed_xlsm: Path) -> None:
    assert check_xlsm(computed_xlsm, VBA_SRC) == []


@pytest.mark.skipif(not RUN_SH.exists() or shutil.which("soffice") is None,
                    reason="shared xlsm_check or LibreOffice not available")
def test_cli_outputs_pass_the_shared_checker(computed_xlsm: Path) -> None:
    proc = subprocess.run(["bash", str(RUN_SH), str(computed_xlsm), "--expected", str(VBA_SRC)],
                          capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-2000:]
    assert "all checks passed" in proc.stdout
