"""Setting up a PC for the Kinerja ribbon (`kinerja-xl pasang`) and diagnosing it.

`config` edits xlwings' user configuration file; `checks` holds one small diagnosis per thing
that makes RunPython fail on real PCs (docs/pasang.md). The Bantuan button shows the same
diagnosis inside Excel.
"""

from .checks import Check, diagnose, report
from .config import config_path, interpreter_key, set_interpreter

__all__ = ["Check", "config_path", "diagnose", "interpreter_key", "report", "set_interpreter"]
