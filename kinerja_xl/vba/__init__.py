"""Writers for the binary parts of a VBA project (MS-CFB compound file, MS-OVBA).

Everything here is written from the specifications so that the template's vbaProject.bin is
built from text sources in the repository, never copied as an opaque binary.
"""
