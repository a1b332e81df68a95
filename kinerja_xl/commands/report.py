"""Printing findings and summaries the same way for every command."""

from __future__ import annotations

from ..core.compute import Computation
from ..core.findings import Severity


def print_findings(comp: Computation, limit: int = 200) -> None:
    for finding in comp.findings[:limit]:
        print(finding)
    if len(comp.findings) > limit:
        print(f"... dan {len(comp.findings) - limit} temuan lain (lihat sheet Laporan Validasi)")


def summary(comp: Computation) -> str:
    errors = sum(f.severity is Severity.ERROR for f in comp.findings)
    warnings = sum(f.severity is Severity.WARNING for f in comp.findings)
    return f"{errors} kesalahan, {warnings} peringatan"
