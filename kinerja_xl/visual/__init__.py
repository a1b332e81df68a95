"""Seeing the plan: the Pohon Kinerja diagram, the Rekap sheet with charts, predikat colours.

Pure builders (no spreadsheet library): `pohon_specs`, `rekap_sheet`, `colour_rules`.
openpyxl drawing (files): `kinerja_xl.visual.draw`; PDF/PNG: `kinerja_xl.visual.export`;
the file-level job behind `kinerja-xl pohon`: `kinerja_xl.visual.files.pohon_file`.
See docs/visual.md.
"""

from .colours import ColourRule, colour_rules
from .pohon import pohon_pages, pohon_specs
from .rekap import rekap_data, rekap_sheet

__all__ = ["ColourRule", "colour_rules", "pohon_pages", "pohon_specs", "rekap_data",
           "rekap_sheet"]
