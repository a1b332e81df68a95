"""Editing a user's workbook at the zip-package level.

A user's existing workbook is never loaded into openpyxl and saved again: this package reads
the data cells straight from the sheet XML, rewrites only the parts whose cells the product
owns (its computed columns and Status, in place), transplants the sheets it generates (drawn
by openpyxl into a scratch workbook), updates the workbook parts that list sheets, names,
relationships, content types and styles minimally, and copies every other zip entry
unchanged. See docs/package.md.
"""

from .marker import MARKER_NAME, is_generated

__all__ = ["MARKER_NAME", "is_generated"]
