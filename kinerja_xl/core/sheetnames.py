"""Where a generated sheet goes when a user's sheet has its name (pure; shared by both paths).

The file path (`kinerja_xl.package`) and the ribbon path (`kinerja_xl.xw`) follow one rule: a
sheet the product did not generate is never renamed, replaced or written into; the generated
sheet takes the first free name `Rekap (otomatis)`, `Rekap (otomatis 2)`, … (cut to Excel's 31
characters, compared case-insensitively as Excel does). A candidate that is already the
product's own sheet is reused, so later runs replace it in place.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

MAX_SHEET_NAME = 31
FREE_SUFFIX = " (otomatis)"


def suffixed(name: str, n: int) -> str:
    """The n-th candidate for name: n = 1 is name itself, 2 'name (otomatis)', 3 '… 2)'."""
    if n == 1:
        return name
    suffix = FREE_SUFFIX if n == 2 else f" (otomatis {n - 1})"
    return name[:MAX_SHEET_NAME - len(suffix)] + suffix


def final_name(name: str, existing: Iterable[str], is_ours: Callable[[str], bool]) -> str:
    """name itself unless a sheet the product did not generate has it (`is_ours(sheet name)`
    False): then the first candidate that is free or the product's own."""
    found = {n.casefold(): n for n in existing}
    n = 1
    while True:
        candidate = suffixed(name, n)
        sheet = found.get(candidate.casefold())
        if sheet is None or is_ours(sheet):
            return candidate
        n += 1
