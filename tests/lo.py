"""LibreOffice as an independent spreadsheet engine for the tests.

A throw-away LibreOffice profile is told to recalculate every formula when it loads a file
(`OOXMLRecalcMode` = always), then `soffice --convert-to` writes the file back as .xlsx with
LibreOffice's own results cached, which openpyxl reads with `data_only=True`.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

_XCU = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry"
  xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load">
  <prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load">
  <prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
"""


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def _profile(work: Path) -> Path:
    profile = work / "lo-profile"
    user = profile / "user"
    user.mkdir(parents=True, exist_ok=True)
    (user / "registrymodifications.xcu").write_text(_XCU, encoding="utf-8")
    return profile


def convert(src: Path, work: Path, fmt: str = "xlsx") -> Path:
    """Open src in LibreOffice (recalculating everything) and save it as fmt in work/out."""
    exe = soffice()
    assert exe, "LibreOffice (soffice) is not installed"
    outdir = work / "out"
    outdir.mkdir(parents=True, exist_ok=True)
    cmd = [exe, f"-env:UserInstallation={_profile(work).as_uri()}", "--headless", "--norestore",
           "--convert-to", fmt, "--outdir", str(outdir), str(src)]
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=300)
    out = outdir / (src.stem + "." + fmt.split(":")[0])
    assert out.exists(), f"LibreOffice wrote nothing: {proc.stdout} {proc.stderr}"
    return out
