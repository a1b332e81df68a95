"""xlwings' own VBA (the `xlwings` module and its `Dictionary` class), read at build time.

The modules come from the installed xlwings package (BSD/MIT licensed, notices kept inside the
module text) and are never copied into the repository. The VBA must match the Python side, so
the installed version has to be exactly the pinned one.
"""

from __future__ import annotations

import re
from pathlib import Path

from kinerja_xl.vba.source import ModuleKind, VbaModule, module_from_file

XLWINGS_VERSION = "0.37.8"


class XlwingsVersionError(RuntimeError):
    """The installed xlwings is not the version the template is built for."""


def xlwings_dir() -> Path:
    """Folder of the installed xlwings package, after checking its version."""
    try:
        import xlwings
    except ImportError as exc:
        raise XlwingsVersionError(
            f"xlwings belum terpasang; templat membutuhkan xlwings=={XLWINGS_VERSION} "
            f"(pip install xlwings=={XLWINGS_VERSION})"
        ) from exc
    if xlwings.__version__ != XLWINGS_VERSION:
        raise XlwingsVersionError(
            f"xlwings terpasang versi {xlwings.__version__}, templat membutuhkan "
            f"{XLWINGS_VERSION} (pip install xlwings=={XLWINGS_VERSION})"
        )
    return Path(xlwings.__file__).parent


def xlwings_modules() -> list[VbaModule]:
    """The `xlwings` standard module and the `Dictionary` class it uses on the Mac."""
    root = xlwings_dir()
    bas = module_from_file(root / "xlwings.bas", ModuleKind.STANDARD)
    declared = re.search(r'XLWINGS_VERSION As String = "([^"]+)"', bas.source)
    if declared is None or declared.group(1) != XLWINGS_VERSION:
        found = declared.group(1) if declared else "tidak ada"
        raise XlwingsVersionError(
            f"xlwings.bas menyatakan versi {found}, templat membutuhkan {XLWINGS_VERSION}"
        )
    return [bas, module_from_file(root / "addin" / "Dictionary.cls", ModuleKind.CLASS)]
