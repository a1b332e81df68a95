"""Example: import an e-SAKIP cascading text export from a script, then check the workbook.

    python -m kinerja_xl.examples.impor_kebasen hasil.xlsm

The same as `kinerja-xl impor cascading.txt -o hasil.xlsm` followed by `kinerja-xl periksa`,
through the Python API: `import_file` returns the plan and the import report.
"""

from __future__ import annotations

import sys
from pathlib import Path

from kinerja_xl.api import check_file
from kinerja_xl.core.findings import Severity
from kinerja_xl.impor import import_file
from kinerja_xl.impor.report import Kind

SOURCE = Path(__file__).with_name("cascading_kebasen_2023.txt")


def main(out: str = "kebasen_impor.xlsm") -> int:
    outcome = import_file(SOURCE, out, overwrite=True)
    result = outcome.result
    print(f"{outcome.out}: {result.summary()}")
    inferred = [e for e in result.report if e.kind is Kind.DISIMPULKAN]
    print(f"{len(inferred)} tautan/pasangan disimpulkan, mohon dikonfirmasi; contoh:")
    for entry in inferred[:3]:
        print(f"  {entry}")
    comp = check_file(outcome.out)
    errors = sum(f.severity is Severity.ERROR for f in comp.findings)
    print(f"Periksa: {errors} kesalahan, {len(comp.findings) - errors} temuan lain")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:2]))
