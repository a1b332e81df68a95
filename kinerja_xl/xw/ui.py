"""What the user sees while a ribbon command runs: status bar, alerts, and errors without
tracebacks (the traceback goes to a log file in the temp folder, whose path the alert names).
"""

from __future__ import annotations

import datetime as dt
import tempfile
import traceback
from collections.abc import Callable, Sequence
from pathlib import Path
from types import TracebackType

import xlwings as xw

from ..core.findings import WorkbookError
from ..core.sheetspec import SheetSpec
from ..core.writes import WritePlan
from .book import MOVED, apply_plan, best_effort, check_plan, delete_generated
from .models import ClickLibrary
from .render import draw_spec

LOG_NAME = "kinerja_xl_galat.log"


def log_path() -> Path:
    return Path(tempfile.gettempdir()) / "kinerja_xl" / LOG_NAME


def log_error(command: str, exc: BaseException) -> Path | None:
    """Append the traceback to the log file; its path, or None when it cannot be written."""
    path = log_path()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("a", encoding="utf-8") as fh:
            fh.write(f"=== {dt.datetime.now().isoformat(timespec='seconds')} {command}\n")
            fh.write("".join(traceback.format_exception(exc)))
            fh.write("\n")
    except OSError:
        return None
    return path


class Session:
    """One ribbon command on one book: `with Session(book, "Hitung Capaian") as s: ...`.

    Exceptions do not escape: a `WorkbookError` becomes its Indonesian message in an alert,
    anything else a short Indonesian alert pointing at the log file.
    """

    def __init__(self, book: xw.Book, command: str) -> None:
        self.book = book
        self.command = command
        self.wrote = False
        self.focus: str | None = None  # sheet to show when done (default: the one the user was on)
        self._status = True

    def __enter__(self) -> Session:
        MOVED.clear()

        def remember() -> None:
            self.focus = self.book.sheets.active.name

        best_effort(remember)
        return self

    def status(self, text: str) -> None:
        """Progress on the status bar (engines without a status bar skip it)."""
        if not self._status:
            return

        def show() -> None:
            self.book.app.status_bar = text

        self._status = best_effort(show)

    def alert(self, text: str, critical: bool = False) -> None:
        if MOVED:
            text += ("\n\nSheet Anda yang bernama sama tidak diubah; hasilnya ditulis ke "
                     + ", ".join(f"'{new}'" for new in MOVED.values()) + ".")
            MOVED.clear()
        self.book.app.alert(text, title=f"Kinerja – {self.command}", buttons="ok",
                            mode="critical" if critical else "info")

    def write(self, plan: WritePlan, specs: Sequence[SheetSpec] = (),
              stale: Sequence[str] = (), after_prefix: str | None = None,
              after: Callable[[], object] | None = None) -> list[str]:
        """Delete stale generated sheets, draw specs, apply the plan (screen updating paused),
        then show the focus sheet. Nothing is written when the plan cannot be applied.
        Returns the stale sheets deleted (only those the product generated)."""
        self.status("Kinerja: menulis hasil…")
        best_effort(lambda: setattr(self.book.app, "screen_updating", False))
        try:
            check_plan(self.book, plan)
            self.wrote = True
            deleted = delete_generated(self.book, stale)
            # the template's model sheets and the sheets drawn in this click: later ones copy
            # their rows (or the whole sheet)
            library = ClickLibrary(self.book)
            for spec in specs:
                draw_spec(self.book, spec, after_prefix, library)
            apply_plan(self.book, plan)
            if after is not None:
                after()
        finally:
            best_effort(lambda: setattr(self.book.app, "screen_updating", True))
        self.show(self.focus)
        return deleted

    def show(self, name: str | None) -> None:
        name = MOVED.get(name, name) if name else name
        if name and name in [s.name for s in self.book.sheets]:
            self.book.sheets[name].activate()

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> bool:
        if self._status:
            best_effort(lambda: setattr(self.book.app, "status_bar", False))
        if exc is None or not isinstance(exc, Exception):
            return False
        changed = ("Sebagian hasil mungkin sudah tertulis; jalankan lagi setelah masalahnya "
                   "diperbaiki." if self.wrote else "Workbook tidak diubah.")
        if isinstance(exc, WorkbookError):
            text = f"{self.command} tidak dapat dijalankan.\n\n{exc}\n\n{changed}"
        else:
            path = log_path_text(log_error(self.command, exc))
            text = (f"{self.command} gagal karena kesalahan tak terduga di program kinerja_xl."
                    f"\n\n{changed}\n\nRincian teknis untuk tim TI/admin ada di file:\n{path}")
        try:
            self.alert(text, critical=True)
        except Exception as alert_exc:  # nothing more can be shown to the user
            log_error(f"{self.command} (alert)", alert_exc)
        return True


def log_path_text(path: Path | None) -> str:
    return str(path) if path else "(file log tidak dapat ditulis)"
