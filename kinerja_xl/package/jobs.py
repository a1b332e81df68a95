"""The file jobs on the package editor: grids for the core, Rekap / colours / Pohon Kinerja
after Hitung, the Pohon Kinerja job, and Buat PK."""

from __future__ import annotations

from collections.abc import Sequence

from ..core.compute import Computation
from ..core.contract import LEVEL_SHEETS, PEJABAT, PENGATURAN
from ..core.sheetspec import SheetSpec
from .editor import Editor
from .read import Grids

INPUT_SHEETS = (PENGATURAN, PEJABAT, *LEVEL_SHEETS)


def input_grids(ed: Editor, owned_formulas: bool = False) -> Grids:
    """The sheets the core reads (Pengaturan, Pejabat, the level sheets), parsed lazily;
    `owned_formulas` adds what the product's columns hold (Periksa's drift check)."""
    return Grids(ed.pkg, ed.wb, ed.styles, only=set(INPUT_SHEETS), owned_formulas=owned_formulas)


def put_pohon(ed: Editor, specs: Sequence[SheetSpec]) -> list[str]:
    """Replace our Pohon Kinerja sheet(s); new ones follow the previous; surplus ones from an
    earlier, wider tree are removed."""
    old = ed.generated_of("pohon")
    after = old[-1] if old else None
    names = ed.put_sheets(specs, kind="pohon", after=after)
    ed.remove_sheets([n for n in old if n not in names])
    return names


def put_visuals(ed: Editor, comp: Computation) -> None:
    """What Hitung Capaian adds after its columns: Rekap (with its charts), the predikat
    colours on the level sheets, and a fresh Pohon Kinerja when the workbook has ours."""
    from ..visual.colours import colour_rules
    from ..visual.pohon import pohon_specs
    from ..visual.rekap import rekap_sheet

    ed.put_sheets([rekap_sheet(comp)], kind="rekap")
    rules = colour_rules(comp)
    ed.colour_rules(rules, sorted({r.sheet for r in rules}))
    if ed.generated_of("pohon"):
        put_pohon(ed, pohon_specs(comp))
