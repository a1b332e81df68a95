"""LKjIP Bab III as a Word document (python-docx): A4 landscape, the six numbered tables with
their header rows repeated across pages, notes under each table, and the narrative skeleton
per sasaran. The document is new, so writing it never touches the workbook."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from docx.table import Table as DocxTable

from ..core.findings import WorkbookError
from .lkjip import Lkjip, Table

FONT = "Arial"
SIZE = Pt(10)
HEADER_FILL = "D9D9D9"
PAGE_W, PAGE_H, MARGIN = Cm(29.7), Cm(21.0), Cm(2.0)
A_TABLES = ("3.1", "3.2", "3.3", "3.4")  # A. Capaian Kinerja Organisasi; the rest: B. Anggaran


def _shade(cell, color: str) -> None:
    props = cell._tc.get_or_add_tcPr()
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), color)
    props.append(shd)


def _repeat_header(row) -> None:
    props = row._tr.get_or_add_trPr()
    flag = OxmlElement("w:tblHeader")
    flag.set(qn("w:val"), "true")
    props.append(flag)


def _cell_text(cell, value: str, bold: bool = False, right: bool = False,
               center: bool = False) -> None:
    """Text into a table cell; only what differs from the defaults is written (python-docx
    adds an XML element for every property set, which is slow on a kabupaten's tables)."""
    para = cell.paragraphs[0]
    if right:
        para.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    elif center:
        para.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = para.add_run(value)
    if bold:
        run.bold = True


def _table(document, table: Table) -> DocxTable:
    caption = document.add_paragraph()
    caption.alignment = WD_ALIGN_PARAGRAPH.CENTER
    caption.paragraph_format.keep_with_next = True
    caption.add_run(table.title).bold = True
    ncols = len(table.headers)
    out = document.add_table(rows=1 + len(table.rows), cols=ncols)
    out.style = "Table Grid"
    out.alignment = WD_TABLE_ALIGNMENT.CENTER
    out.autofit = False
    usable = PAGE_W - 2 * MARGIN
    total = sum(table.widths)
    widths = [int(usable * w / total) for w in table.widths]
    for i, column in enumerate(out.columns):  # the grid (LibreOffice, Word's fixed layout)
        column.width = widths[i]
    cells = out._cells  # every cell once: row.cells would rebuild the grid for each row
    _repeat_header(out.rows[0])
    for i, label in enumerate(table.headers):
        _cell_text(cells[i], label, bold=True, center=True)
        _shade(cells[i], HEADER_FILL)
    for r, row in enumerate(table.rows, start=1):
        bold = (r - 1) in table.bold_rows
        for i, value in enumerate(row):
            _cell_text(cells[r * ncols + i], value, bold=bold, right=i in table.numeric,
                       center=i == 0)
    for k, cell in enumerate(cells):
        cell.width = widths[k % ncols]
    for line in table.notes:
        note = document.add_paragraph()
        note.paragraph_format.space_after = Pt(0)
        run = note.add_run(line)
        run.italic = True
        run.font.size = Pt(8.5)
    document.add_paragraph()
    return out


def build_document(doc: Lkjip):
    """The python-docx Document of the chapter."""
    document = Document()
    style = document.styles["Normal"]
    style.font.name = FONT
    style.font.size = SIZE
    style.element.rPr.rFonts.set(qn("w:eastAsia"), FONT)
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = PAGE_W, PAGE_H
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, MARGIN)
    for text in ("BAB III", "AKUNTABILITAS KINERJA"):
        p = document.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = p.add_run(text)
        run.bold = True
        run.font.size = Pt(14)
    document.add_paragraph(
        f"Bab ini menyajikan capaian kinerja {doc.unit} tahun {doc.tahun} sesuai Perjanjian "
        "Kinerja, dibandingkan dengan tahun-tahun sebelumnya, dengan target akhir Renstra dan "
        "dengan standar nasional, serta realisasi anggaran dan efisiensinya. Angka dihitung "
        "dari workbook kinerja dengan aturan yang sama dengan Hitung Capaian.")
    document.add_paragraph().add_run("A. Capaian Kinerja Organisasi").bold = True
    for table in doc.tables:
        if table.number == A_TABLES[-1]:
            _table(document, table)
            _narratives(document, doc)
            document.add_paragraph().add_run("B. Realisasi Anggaran").bold = True
        else:
            _table(document, table)
    return document


def _narratives(document, doc: Lkjip) -> None:
    document.add_paragraph().add_run("Analisis Capaian Kinerja per Sasaran").bold = True
    for story in doc.narratives:
        document.add_paragraph().add_run(story.heading).bold = True
        for text in story.paragraphs:
            p = document.add_paragraph(text)
            p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY


def write_docx(doc: Lkjip, path: str | Path) -> Path:
    """Save the chapter to path atomically (a temporary sibling, then replace)."""
    path = Path(path)
    document = build_document(doc)
    folder = path.parent if str(path.parent) else Path(".")
    tmp = None
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
        os.close(fd)
        document.save(tmp)
        os.replace(tmp, path)
    except OSError as exc:
        raise WorkbookError(f"Dokumen Word '{path}' tidak dapat ditulis (sedang dibuka?): "
                            f"{exc}") from exc
    finally:
        if tmp is not None and os.path.exists(tmp):
            os.unlink(tmp)
    return path


__all__ = ["build_document", "write_docx"]
