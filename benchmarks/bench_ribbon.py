"""Calls into Excel per ribbon button, counted on xlwings' remote engine (no Excel needed).

    python benchmarks/bench_ribbon.py [--units 4] [--indicators 40]

Every action the remote engine records is one call a client makes into Excel (on desktop Excel
each xlwings call is a cross-process COM call of a few milliseconds). For the Kenohan example
and a synthetic OPD (`kinerja_xl.synthetic.kabupaten`: 4 units, 37 officials), once as a plain
.xlsx and once on the template (with its hidden model sheets, `kinerja_xl.models`), it prints,
per button: the actions of the first click (a workbook with no generated sheets yet), of the next
click (the sheets exist with the same layout: only values are rewritten), and the Python time
per click (best of 3, remote engine: Python's own work, without Excel's). Not a test; the
budgets are enforced by tests/test_xw_budgets.py.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from timing import best

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests"))

from xw_support import actions, inputs_only, next_payload, payload, remote_book  # noqa: E402

from kinerja_xl.api import template_workbook  # noqa: E402
from kinerja_xl.synthetic import kabupaten  # noqa: E402
from kinerja_xl.xlsx.fill import write_plan  # noqa: E402
from kinerja_xl.xlsx.save import save_workbook  # noqa: E402
from kinerja_xl.xw import handlers  # noqa: E402

BUTTONS = {
    "Periksa Tautan": handlers.run_periksa,
    "Hitung Capaian": handlers.run_hitung,
    "Buat PK": lambda book: handlers.run_feature(book, "pk"),
    "Pohon Kinerja": lambda book: handlers.run_feature(book, "pohon"),
}


def count(data: dict, run) -> tuple[int, int, float]:
    """(first click, next click, seconds per click) for one button on one workbook."""
    book = remote_book(data)
    run(book)
    first = len(actions(book))
    again = next_payload(data, book)
    book2 = remote_book(again)
    run(book2)
    seconds = best(lambda: run(remote_book(data)))
    return first, len(actions(book2)), seconds


def workbooks(units: int, indicators: int) -> dict[str, dict]:
    out = {"Kenohan (9 pejabat)": inputs_only(payload(HERE.parent / "examples"
                                                      / "kenohan_2025.xlsm"))}
    plan = kabupaten(units=units, indicators_per_unit=indicators)
    folder = Path(tempfile.mkdtemp())
    save_workbook(write_plan(plan), folder / "sintetis.xlsx")
    out[f"Sintetis ({len(plan.officials)} pejabat)"] = payload(folder / "sintetis.xlsx")
    save_workbook(write_plan(plan, template_workbook()), folder / "sintetis.xlsm")
    out[f"Sintetis di templat ({len(plan.officials)} pejabat)"] = payload(
        folder / "sintetis.xlsm")
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--units", type=int, default=4)
    parser.add_argument("--indicators", type=int, default=40)
    args = parser.parse_args()
    print("| workbook | button | first click | next click | Python per click |")
    print("|---|---|---|---|---|")
    for label, data in workbooks(args.units, args.indicators).items():
        for button, run in BUTTONS.items():
            first, again, seconds = count(data, run)
            print(f"| {label} | {button} | {first:,} | {again:,} | {seconds:.2f} s |")


if __name__ == "__main__":
    main()
