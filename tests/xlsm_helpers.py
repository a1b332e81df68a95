"""Helpers for the VBA/template tests: independent readers and the shared checkers' location."""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import tempfile
from pathlib import Path

import olefile
import pytest
from cfb import CfbIO

REPO = Path(__file__).resolve().parent.parent
SHARED_TOOLS = REPO.parent / "shared" / "tools" / "xlsm_check"
RIBBON_XSD = SHARED_TOOLS / "xsd" / "customUI.xsd"
SYSTEM_PYTHON = Path("/usr/bin/python3")
NOSTREAM = 0xFFFFFFFF


def read_olefile(data: bytes) -> dict[str, bytes]:
    """All streams through olefile, which raises on any defect of level INCORRECT or worse."""
    ole = olefile.OleFileIO(io.BytesIO(data), raise_defects=olefile.DEFECT_INCORRECT)
    try:
        return {"/".join(p): ole.openstream("/".join(p)).read() for p in ole.listdir()}
    finally:
        ole.close()


def read_cfb(data: bytes) -> dict[str, bytes]:
    """All streams through the `cfb` package, walking each storage's sibling tree in order."""
    out: dict[str, bytes] = {}
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "file.bin"
        path.write_bytes(data)
        with CfbIO(str(path)) as cf:

            def visit(entry, prefix: list[str]) -> None:
                if entry is None:
                    return
                visit(entry.left, prefix)
                here = [*prefix, entry.name]
                if entry.type == 1:  # storage
                    if entry.child_id != NOSTREAM:
                        visit(cf[entry.child_id], here)
                else:
                    out["/".join(here)] = entry.read()
                visit(entry.right, prefix)

            visit(cf.root.child, [])
    return out


def shared_tools() -> Path:
    """The shared xlsm checkers, or skip when this checkout has no ../shared beside it."""
    if not (SHARED_TOOLS / "run.sh").exists():
        pytest.skip(f"shared checkers not found at {SHARED_TOOLS}")
    return SHARED_TOOLS


def ribbon_xsd() -> Path:
    if not RIBBON_XSD.exists():
        pytest.skip(f"ribbon schema not found at {RIBBON_XSD}")
    return RIBBON_XSD


def require_libreoffice() -> None:
    if shutil.which("soffice") is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    probe = subprocess.run([str(SYSTEM_PYTHON), "-c", "import uno"], capture_output=True)
    if probe.returncode != 0:
        pytest.skip("python3-uno is not installed for /usr/bin/python3")


def libreoffice_modules(path: Path) -> dict[str, str]:
    """Basic modules LibreOffice imported from the file's VBA project (name -> source)."""
    require_libreoffice()
    script = Path(__file__).with_name("lo_basic_dump.py")
    proc = subprocess.run([str(SYSTEM_PYTHON), str(script), str(path)], capture_output=True,
                          text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


def split_libreoffice(source: str) -> tuple[str, str]:
    """(module type, code) of a module as LibreOffice imported it.

    LibreOffice writes `Rem Attribute VBA_ModuleType=<type>` and `Option VBASupport 1` (plus
    `Option ClassModule` for classes) above the code and drops the `Attribute` lines.
    """
    lines = source.replace("\r\n", "\n").split("\n")
    first = lines.pop(0) if lines else ""
    prefix = "Rem Attribute VBA_ModuleType="
    module_type = first[len(prefix):] if first.startswith(prefix) else ""
    options = ["Option VBASupport 1"] + (["Option ClassModule"] if module_type == "VBAClassModule"
                                         else [])
    for option in options:
        if lines and lines[0] == option:
            lines.pop(0)
        else:
            module_type = f"unexpected header before {option!r}: {lines[:1]!r}"
    return module_type, "\n".join(lines).strip("\n")
