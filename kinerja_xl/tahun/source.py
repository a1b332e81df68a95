"""One reading of the workbook for the year-end and quarterly reports: the same `compute` as
Hitung (at the workbook's Periode), plus the optional cross-year cells of every indicator row.
Pure: grids in."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from ..core.compute import Computation, RowResult, compute
from ..core.contract import Level
from ..core.grid import Grid
from ..core.model import Node, Plan
from .columns import History, YearColumns, read_row, sheet_columns


@dataclass
class Source:
    comp: Computation
    columns: dict[str, YearColumns] = field(default_factory=dict)  # level sheet -> columns
    rows: dict[tuple[str, int], RowResult] = field(default_factory=dict)
    history: dict[tuple[str, int], History] = field(default_factory=dict)

    @property
    def plan(self) -> Plan:
        return self.comp.read.plan

    @property
    def tahun(self) -> int | None:
        return self.plan.settings.tahun

    @property
    def periode(self) -> int | None:
        return self.comp.periode

    def result(self, node: Node, row: int) -> RowResult | None:
        return self.rows.get((node.level.sheet, row))

    def past(self, node: Node, row: int) -> History:
        return self.history.get((node.level.sheet, row)) or History({}, {})


def load(grids: Mapping[str, Grid]) -> Source:
    """Compute (as Hitung does, nothing written) and read the optional columns."""
    comp = compute(grids)
    src = Source(comp)
    for res in comp.rows:
        src.rows[(res.sheet, res.row)] = res
    tahun = comp.read.plan.settings.tahun
    for level in Level:
        grid = grids[level.sheet]
        layout = comp.read.layouts[level.sheet]
        cols = sheet_columns(grid, layout, tahun)
        src.columns[level.sheet] = cols
        if not cols.cols:
            continue
        for node in comp.read.plan.levels[level]:
            for ind in node.indicators:
                if 0 < ind.row <= len(grid):
                    src.history[(level.sheet, ind.row)] = read_row(grid[ind.row - 1], cols)
    return src


__all__ = ["Source", "load"]
