"""xlwings' user configuration file: where it is, and setting the interpreter in it.

The file is what xlwings' VBA reads when the workbook's `xlwings.conf` sheet and a directory
config do not name an interpreter: lines `"KEY","value"` (VBA `Input #`, Python `re`), at
`%USERPROFILE%\\.xlwings\\xlwings.conf` on Windows and
`~/Library/Containers/com.microsoft.Excel/Data/xlwings.conf` on the Mac (Excel's sandbox).
Other keys the user has are kept, in their order; a changed file is backed up first.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

_LINE = re.compile(r'^\s*"([^"]*)"\s*,\s*"([^"]*)"\s*$')


def interpreter_key(system: str) -> str:
    """INTERPRETER_WIN on Windows, INTERPRETER_MAC on the Mac (xlwings' keys)."""
    return "INTERPRETER_MAC" if system == "Darwin" else "INTERPRETER_WIN"


def config_path(system: str, home: Path | None = None, env: dict[str, str] | None = None) -> Path:
    """Where xlwings' VBA reads the user configuration on this system."""
    env = dict(os.environ) if env is None else env
    if system == "Windows":
        base = Path(env.get("USERPROFILE") or home or Path.home())
        return base / ".xlwings" / "xlwings.conf"
    base = Path(home or Path.home())
    if system == "Darwin":
        return base / "Library" / "Containers" / "com.microsoft.Excel" / "Data" / "xlwings.conf"
    return base / ".xlwings" / "xlwings.conf"


def read_config(path: Path) -> dict[str, str]:
    """Keys (upper case) and values of a config file; {} when it does not exist."""
    if not path.is_file():
        return {}
    out: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        m = _LINE.match(line)
        if m:
            out[m.group(1).upper()] = m.group(2)
    return out


@dataclass(frozen=True)
class ConfigChange:
    path: Path
    key: str
    old: str | None
    new: str
    backup: Path | None  # None: nothing was changed (already right) or dry run
    written: bool


def set_interpreter(path: Path, key: str, executable: str, write: bool = True,
                    now: dt.datetime | None = None) -> ConfigChange:
    """Make `key` name `executable` in the config at path, keeping every other line.
    Idempotent: when the value is already right nothing is written and no backup is made."""
    lines = (path.read_text(encoding="utf-8", errors="replace").splitlines()
             if path.is_file() else [])
    old = read_config(path).get(key.upper())
    if old == executable:
        return ConfigChange(path, key, old, executable, None, False)
    if not write:
        return ConfigChange(path, key, old, executable, None, False)
    new_line = f'"{key}","{executable}"'
    replaced = False
    out = []
    for line in lines:
        m = _LINE.match(line)
        if m and m.group(1).upper() == key.upper():
            if not replaced:
                out.append(new_line)
                replaced = True
            continue  # a duplicate of the key would shadow ours in VBA's reader
        out.append(line)
    if not replaced:
        out.append(new_line)
    backup = None
    if path.is_file():
        stamp = (now or dt.datetime.now()).strftime("%Y%m%d-%H%M%S")
        backup = path.with_name(f"{path.name}.cadangan-{stamp}")
        shutil.copy2(path, backup)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".baru")
    tmp.write_text("\n".join(out) + "\n", encoding="utf-8")
    os.replace(tmp, path)
    return ConfigChange(path, key, old, executable, backup, True)
