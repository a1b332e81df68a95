"""Shared fixtures: the sample kecamatan as a workbook file, and LibreOffice availability.

Locally a test whose tool is missing (LibreOffice, poppler, ruff, ../shared) skips with its
reason. In CI (`KINERJA_CI=1`, set by .ci/run) a missing tool stops the run at once, and any
skip but the deliberate ones (ALLOWED_SKIPS) is reported as a failure: a green CI must not
hide a regression behind a skip.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
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
STRICT = os.environ.get("KINERJA_CI") == "1"
ALLOWED_SKIPS = ("KINERJA_DOCS_IMG",)  # skip reasons that stay skips in CI


def missing_tools() -> list[str]:
    """What the test suite needs from the machine and does not find."""
    missing = [tool for tool in ("pdftotext", "pdfinfo", "pdftoppm", "pdffonts")
               if shutil.which(tool) is None]
    if soffice() is None:
        missing.append("LibreOffice (soffice)")
    elif subprocess.run(["/usr/bin/python3", "-c", "import uno"],
                        capture_output=True).returncode != 0:
        missing.append("python3-uno")
    if importlib.util.find_spec("ruff") is None:
        missing.append("ruff")
    for part in ("tools/xlsm_check/run.sh", "seeds/cascading_kebasen_2023.txt"):
        if not (SHARED / part).exists():
            missing.append(f"{SHARED / part}")
    return missing


def pytest_sessionstart(session: pytest.Session) -> None:
    if STRICT and (missing := missing_tools()):
        pytest.exit("KINERJA_CI=1 but these are missing (their tests would only skip): "
                    + ", ".join(missing), returncode=3)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo):  # type: ignore[no-untyped-def]
    outcome = yield
    report = outcome.get_result()
    if STRICT and report.skipped and not hasattr(report, "wasxfail"):
        reason = str(report.longrepr)
        if not any(allowed in reason for allowed in ALLOWED_SKIPS):
            report.outcome = "failed"
            report.longrepr = f"KINERJA_CI=1: skipped tests fail in CI ({reason})"


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
