"""Benchmark Buat PK on a kabupaten-size workbook (200 officials), against openpyxl alone.

    python benchmarks/bench_pk.py [--officials 200] [--pdf 0]

Prints PK sheets per second for: the pure build (grids -> SheetSpecs), drawing the specs into
a workbook and saving it, `make_pk_file` end to end (load, build, draw, save), and openpyxl
alone writing the same formatted cells (values, fonts, borders, merges, heights, print setup)
and saving. Target: build + draw + save within 2x of openpyxl alone. `--pdf N` also times
LibreOffice on N PKs. Not a test: numbers vary with the machine.
"""

from __future__ import annotations

import argparse
import datetime as dt
import tempfile
import time
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.worksheet.pagebreak import Break, RowBreak
from timing import best

from kinerja_xl.core.contract import Level, Polarity, Tipe
from kinerja_xl.core.findings import col_letter
from kinerja_xl.core.model import Indicator, Node, Official, Plan, Settings
from kinerja_xl.core.numbers import Quantity
from kinerja_xl.core.sheetspec import SheetSpec
from kinerja_xl.pk import export_pdfs, make_pk_file, pdf_name, plan_pk
from kinerja_xl.xlsx.fill import write_plan
from kinerja_xl.xlsx.load import grids, open_workbook
from kinerja_xl.xlsx.render import render_sheet
from kinerja_xl.xlsx.save import save_workbook


def _ind(name: str, target: float, satuan: str = "%") -> Indicator:
    return Indicator(0, name, satuan, Polarity.POSITIF, Tipe.NON_KUMULATIF,
                     target=Quantity.point(target))


def _node(level: Level, code: str, parent: str, pic: str, budget: float | None = None) -> Node:
    text = f"{level.sheet} {code} peningkatan kualitas layanan dan tata kelola pemerintahan"
    return Node(level, code, 0, parent, text, f"Meningkatnya kinerja {level.sheet} {code} yang "
                "akuntabel dan tepat waktu", pic,
                [_ind(f"Persentase capaian {code} sesuai standar pelayanan minimal", 90),
                 _ind(f"Jumlah dokumen {code} yang tersusun", 4, "dokumen")], anggaran=budget)


def kabupaten(officials: int) -> Plan:
    """One Bupati and `officials` officials: a tenth heads of OPD (Tujuan and two Sasaran),
    a fifth Sekretaris/Kabid (two Programs), the rest Kasubbag/Kasi (two Kegiatan with two
    Sub Kegiatan each, budgets on the Sub Kegiatan)."""
    plan = Plan(Settings("Dinas Contoh", "Pemerintah Kabupaten Contoh", 2025, "Contoh",
                         dt.date(2025, 1, 6)))
    plan.officials["BUPATI"] = Official(0, "BUPATI", "Bupati Contoh", "Nama Bupati")
    heads = max(1, officials // 10)
    mids = max(1, officials // 5)
    lows = officials - heads - mids
    L = plan.levels
    for h in range(heads):
        oid = f"KEPALA{h}"
        plan.officials[oid] = Official(0, oid, f"Kepala Dinas {h}", f"Nama Kepala {h}",
                                       f"19700101200003{h:04d}", "Pembina (IV/a)", "BUPATI")
        L[Level.TUJUAN].append(_node(Level.TUJUAN, f"T{h}", "", oid))
        for s in range(2):
            L[Level.SASARAN].append(_node(Level.SASARAN, f"S{h}.{s}", f"T{h}", oid))
    for m in range(mids):
        oid, boss = f"SEK{m}", f"KEPALA{m % heads}"
        plan.officials[oid] = Official(0, oid, f"Sekretaris {m}", f"Nama Sekretaris {m}",
                                       f"19750101200501{m:04d}", "Penata Tk. I (III/d)", boss)
        for p in range(2):
            L[Level.PROGRAM].append(_node(Level.PROGRAM, f"P{m}.{p}",
                                          f"S{m % heads}.{p}", oid))
    for k in range(lows):
        oid, boss = f"KASI{k}", f"SEK{k % mids}"
        plan.officials[oid] = Official(0, oid, f"Kepala Seksi {k}", f"Nama Kasi {k}",
                                       f"19800101201001{k:04d}", "Penata (III/c)", boss)
        for g in range(2):
            code = f"K{k}.{g}"
            L[Level.KEGIATAN].append(_node(Level.KEGIATAN, code, f"P{k % mids}.{g}", oid))
            for s in range(2):
                L[Level.SUB_KEGIATAN].append(_node(Level.SUB_KEGIATAN, f"{code}.{s}", code,
                                                   oid, 25_000_000.0 + 1_000_000 * s))
    return plan




_THIN = Side(style="thin")


def openpyxl_alone(specs: list[SheetSpec], path: Path) -> None:
    """The same formatted cells written with plain openpyxl, one style object per cell kind,
    as a hand-written generator would, then saved."""
    wb = Workbook()
    wb.remove(wb.active)
    fonts: dict[tuple, Font] = {}
    aligns: dict[tuple, Alignment] = {}
    box = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
    grey = PatternFill("solid", fgColor="D9D9D9")
    for spec in specs:
        ws = wb.create_sheet(spec.name)
        for c in spec.cells:
            st = c.style
            cell = ws.cell(c.row, c.col, c.value)
            key = (st.font, st.size, st.bold, st.underline)
            cell.font = fonts.get(key) or fonts.setdefault(key, Font(
                name=st.font, size=st.size, bold=st.bold, underline="single" if st.underline
                else None))
            akey = (st.align, st.valign, st.wrap, st.indent)
            cell.alignment = aligns.get(akey) or aligns.setdefault(akey, Alignment(
                horizontal=st.align, vertical=st.valign, wrap_text=st.wrap, indent=st.indent))
            if st.fill:
                cell.fill = grey
            if st.number_format:
                cell.number_format = st.number_format
            if c.rows > 1 or c.cols > 1:
                ws.merge_cells(start_row=c.row, start_column=c.col,
                               end_row=c.row + c.rows - 1, end_column=c.col + c.cols - 1)
            if st.border == "box":
                for r in range(c.row, c.row + c.rows):
                    for col in range(c.col, c.col + c.cols):
                        ws.cell(r, col).border = box
        for col, width in spec.widths.items():
            ws.column_dimensions[col_letter(col)].width = width
        for row, height in spec.heights.items():
            ws.row_dimensions[row].height = height
        ws.page_setup.paperSize, ws.page_setup.orientation = 9, "portrait"
        ws.sheet_properties.pageSetUpPr.fitToPage = True
        ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
        ws.print_area = f"A1:F{spec.last_row}"
        ws.row_breaks = RowBreak()
        ws.row_breaks.append(Break(id=spec.print.row_breaks[0]))
    wb.save(path)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--officials", type=int, default=200)
    ap.add_argument("--pdf", type=int, default=0, help="also time LibreOffice on N PKs")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        src = folder / "kabupaten.xlsx"
        plan = kabupaten(args.officials)
        save_workbook(write_plan(plan), src)
        wb = open_workbook(src)
        g = grids(wb, src)
        build = plan_pk(g)
        n = len(build.specs)
        cells = sum(len(s.cells) for s in build.specs)
        rows = sum(len(node.indicators) for node in plan.nodes())
        print(f"{args.officials} pejabat, {rows} baris indikator; {n} sheet PK, "
              f"{cells / n:.0f} sel per sheet")

        t_build = best(lambda: plan_pk(g))

        def draw_and_save() -> None:
            out = Workbook()
            out.remove(out.active)
            for spec in build.specs:
                render_sheet(out, spec)
            save_workbook(out, folder / "ours.xlsx")

        t_draw = best(draw_and_save)
        t_base = best(lambda: openpyxl_alone(build.specs, folder / "base.xlsx"))
        work = folder / "work.xlsx"

        def end_to_end() -> None:
            work.write_bytes(src.read_bytes())
            make_pk_file(work)

        t_e2e = best(end_to_end)
        t_load = best(lambda: grids(open_workbook(src), src))
        ours = t_build + t_draw
        print(f"  build (grid -> SheetSpec)      : {t_build:6.2f} s  {n / t_build:7.0f} PK/s")
        print(f"  gambar + simpan (render, save) : {t_draw:6.2f} s  {n / t_draw:7.0f} PK/s")
        print(f"  build + gambar + simpan        : {ours:6.2f} s  {n / ours:7.0f} PK/s")
        print(f"  openpyxl saja (sel sama, save) : {t_base:6.2f} s  {n / t_base:7.0f} PK/s")
        print(f"  rasio terhadap openpyxl saja   : {ours / t_base:6.2f}x (target <= 2x)")
        print(f"  make_pk_file ujung ke ujung    : {t_e2e:6.2f} s  {n / t_e2e:7.0f} PK/s "
              f"(termasuk membuka workbook {t_load:.2f} s)")
        if args.pdf:
            specs = build.specs[:args.pdf]
            names = [pdf_name(d.official_id) for d in build.docs[:args.pdf]]
            t = time.perf_counter()
            export_pdfs(specs, names, folder / "pdf")
            t_pdf = time.perf_counter() - t
            print(f"  PDF via LibreOffice ({len(specs)} PK)  : {t_pdf:6.2f} s  "
                  f"{len(specs) / t_pdf:7.1f} PK/s")


if __name__ == "__main__":
    main()
