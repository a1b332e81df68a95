"""The rest of the SAKIP year from the same workbook: Rencana Aksi (quarterly), LKjIP Bab III
(year end, sheets and a Word document) and starting next year's workbook (tahun-baru).

The planning modules are pure (grids in, `SheetSpec`s / `WritePlan`s / tables out); `files`
and `docx` work on files. See docs/lkjip.md.
"""
