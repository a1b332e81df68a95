"""Guards around writing a user's workbook file: who else has it open, whether we may write
it, and whether it changed while we worked.

`snapshot_for_update` is taken before a job reads the file; `replace_atomic` writes the new
bytes only if the file on disk is still the one snapshotted (the user's version wins).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from .save import write_atomic


@dataclass(frozen=True)
class Snapshot:
    """The file as it was when the job started; `path` is the real file (symlinks followed)."""

    path: Path
    size: int
    mtime_ns: int
    sha256: str


def snapshot_for_update(path: str | Path) -> Snapshot:
    """Stat and hash the workbook before a job reads it."""
    real = Path(path).resolve()
    st = real.stat()
    return Snapshot(real, st.st_size, st.st_mtime_ns, hashlib.sha256(real.read_bytes()).hexdigest())


def replace_atomic(snap: Snapshot | None, target: str | Path, data: bytes) -> None:
    """Write data to target atomically; when target is the snapshotted file, only if it has
    not changed since the snapshot."""
    write_atomic(Path(target), data)
