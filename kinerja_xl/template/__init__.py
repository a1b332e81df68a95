"""The macro-enabled workbook template: build it from text sources and check the result."""

from kinerja_xl.template.build import build_template, build_template_bytes
from kinerja_xl.template.check import check_vba_project, check_xlsm

__all__ = ["build_template", "build_template_bytes", "check_vba_project", "check_xlsm"]
