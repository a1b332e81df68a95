"""`gabung`: many unit workbooks of a kabupaten in one run (pandas frame, capaian, rekap)."""

from .frame import COMPUTED_COLUMNS, INPUT_COLUMNS
from .read import Gabungan, read_all, read_frame
from .vector import compute_frame

__all__ = ["COMPUTED_COLUMNS", "INPUT_COLUMNS", "Gabungan", "compute_frame", "read_all",
           "read_frame"]
