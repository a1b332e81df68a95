"""The hook through which generated-document features (Buat PK, Pohon Kinerja, …) reach the
ribbon.

A feature is a function `grids -> result`, where grids are the input sheets as the core reads
them. The result says what to write; `as_output` accepts:

- a `WritePlan`, or a core `Computation` (its `.writes`);
- a `GeneratedSheet` or a `SheetSpec` (formatted sheet), or an iterable mixing them;
- a pair `(specs, findings)`, as `kinerja_xl.pk.build_pk_specs` returns;
- an object with `specs`, and optionally `stale` (sheet names to delete), `report`
  (a GeneratedSheet, e.g. Laporan Validasi) and `findings`, as `kinerja_xl.pk.PkBuild`.

The ribbon handler reads the book, calls the function, draws/applies the output with the
xlwings adapter and reports. Wiring a feature is one line in `FEATURES` (module and function,
imported lazily, so a missing module only disables its button) or `register(key, func)`.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from ..core.compute import Computation
from ..core.findings import Finding
from ..core.grid import Grid
from ..core.sheetspec import SheetSpec
from ..core.writes import GeneratedSheet, WritePlan

FeatureFunc = Callable[[Mapping[str, Grid]], Any]


@dataclass(frozen=True)
class Feature:
    key: str
    label: str  # Indonesian, as on the ribbon button
    module: str
    function: str
    after_prefix: str | None = None  # new sheets go after the last sheet with this prefix


FEATURES: dict[str, Feature] = {
    "pk": Feature("pk", "Buat PK", "kinerja_xl.pk", "plan_pk", after_prefix="PK "),
    "pohon": Feature("pohon", "Pohon Kinerja", "kinerja_xl.visual.pohon", "pohon_specs"),
}
_REGISTERED: dict[str, FeatureFunc] = {}


@dataclass
class FeatureOutput:
    """What a feature asks to change in the book."""

    plan: WritePlan = field(default_factory=WritePlan)
    specs: list[SheetSpec] = field(default_factory=list)
    stale: list[str] = field(default_factory=list)
    findings: list[Finding] | None = None

    @property
    def sheet_names(self) -> list[str]:
        return [s.name for s in self.specs] + [g.name for g in self.plan.generated]


def register(key: str, func: FeatureFunc | None) -> None:
    """Use func for the feature key (None removes the override)."""
    if func is None:
        _REGISTERED.pop(key, None)
    else:
        _REGISTERED[key] = func


def resolve(key: str) -> FeatureFunc | None:
    """The feature's function, or None when it is not available (yet). An import error raised
    inside an existing feature module is a bug and propagates."""
    if key in _REGISTERED:
        return _REGISTERED[key]
    feature = FEATURES.get(key)
    if feature is None:
        return None
    try:
        module = importlib.import_module(feature.module)
    except ModuleNotFoundError as exc:
        if exc.name and (feature.module == exc.name or feature.module.startswith(exc.name + ".")):
            return None
        raise
    func = getattr(module, feature.function, None)
    return func if callable(func) else None


def _sheets(items: Iterable[Any], out: FeatureOutput) -> bool:
    items = list(items)
    if not all(isinstance(i, (GeneratedSheet, SheetSpec)) for i in items):
        return False
    out.specs += [i for i in items if isinstance(i, SheetSpec)]
    out.plan.generated += [i for i in items if isinstance(i, GeneratedSheet)]
    return True


def as_output(result: Any) -> FeatureOutput:
    """Normalise a feature's result (see the module docstring)."""
    out = FeatureOutput()
    if isinstance(result, WritePlan):
        out.plan = result
    elif isinstance(result, Computation):
        out.plan, out.findings = result.writes, result.findings
    elif isinstance(result, (GeneratedSheet, SheetSpec)):
        _sheets([result], out)
    elif hasattr(result, "specs"):
        _sheets(result.specs, out)
        out.stale = list(getattr(result, "stale", []) or [])
        report = getattr(result, "report", None)
        if isinstance(report, GeneratedSheet):
            out.plan.generated.append(report)
        findings = getattr(result, "findings", None)
        out.findings = list(findings) if findings is not None else None
    elif (isinstance(result, tuple) and len(result) == 2 and isinstance(result[1], list)
          and all(isinstance(f, Finding) for f in result[1])):
        if not _sheets(result[0], out):
            raise TypeError(_bad(result))
        out.findings = result[1]
    elif isinstance(result, Iterable) and not isinstance(result, (str, bytes, Mapping)):
        if not _sheets(result, out):
            raise TypeError(_bad(result))
    else:
        raise TypeError(_bad(result))
    return out


def _bad(result: Any) -> str:
    return (f"hasil fitur tidak dikenal: {type(result).__name__} (harus WritePlan, Computation, "
            "GeneratedSheet, SheetSpec, daftarnya, atau objek dengan atribut specs)")
