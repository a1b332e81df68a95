"""One diagnosis per thing that stops the Kinerja ribbon on a real PC, as an Indonesian
checklist. Every check takes its inputs as arguments (paths, texts, the system name), so each
can be run on fake inputs; `diagnose` gathers the real ones.
"""

from __future__ import annotations

import importlib
import os
import platform
import shutil
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ..template.xlwings_vba import XLWINGS_VERSION
from .config import config_path, interpreter_key, read_config

OK, FIX, INFO = "OK", "PERLU", "INFO"
ONEDRIVE_ENV = ("OneDrive", "OneDriveCommercial", "OneDriveConsumer")
TRUST_KEY = r"Software\Microsoft\Office\{version}\Excel\Security"
OFFICE_VERSIONS = ("16.0", "15.0", "14.0")


@dataclass(frozen=True)
class Check:
    status: str  # OK, PERLU (something to do), INFO
    title: str
    detail: str = ""

    def line(self) -> str:
        mark = {OK: "[OK]", FIX: "[PERLU]", INFO: "[INFO]"}[self.status]
        return f"{mark} {self.title}" + (f"\n      {self.detail}" if self.detail else "")


# Python and xlwings -----------------------------------------------------------------------------

def check_interpreter(conf: dict[str, str], key: str, executable: str,
                      exists: Callable[[str], bool] = os.path.exists) -> Check:
    """Does xlwings' user config name this Python?"""
    current = conf.get(key)
    if current and _same(current, executable):
        return Check(OK, f"xlwings memakai Python ini ({key})", executable)
    fix = "Jalankan: kinerja-xl pasang"
    if not current:
        return Check(FIX, f"{key} belum diatur: Excel akan mencari 'python' di PATH", fix)
    if not exists(current):
        return Check(FIX, f"{key} menunjuk Python yang tidak ada: {current}",
                     f'{fix} (xlwings akan berkata "Could not find Interpreter!")')
    return Check(FIX, f"{key} menunjuk Python lain: {current}",
                 f"{fix} (Python itu mungkin tidak punya kinerja_xl: ModuleNotFoundError)")


def _same(a: str, b: str) -> bool:
    def norm(p: str) -> str:
        p = os.path.normcase(os.path.normpath(p))
        for suffix in ("pythonw.exe", "python.exe"):
            if p.endswith(suffix):
                return p[: -len(suffix)]
        return p
    return norm(a) == norm(b)


def check_xlwings(installed: str | None, embedded: str = XLWINGS_VERSION) -> Check:
    """The installed xlwings must be the version whose VBA module the workbook embeds."""
    if installed is None:
        return Check(FIX, "xlwings belum terpasang",
                     f"pip install xlwings=={embedded}, lalu kinerja-xl pasang")
    if installed != embedded:
        return Check(FIX, f"xlwings terpasang {installed}, templat Kinerja memuat VBA xlwings "
                          f"{embedded}",
                     f"pip install xlwings=={embedded} (atau perbarui workbook: kinerja-xl "
                     "template, lalu salin data ke templat baru)")
    return Check(OK, f"xlwings {installed} sama dengan versi VBA di templat")


def check_import(module: str = "kinerja_xl") -> Check:
    try:
        mod = importlib.import_module(module)
    except Exception as exc:  # any failure means RunPython fails the same way
        return Check(FIX, f"{module} tidak dapat diimpor: {type(exc).__name__}: {exc}",
                     "pip install ulang paket kinerja_xl dengan Python ini")
    where = Path(getattr(mod, "__file__", "") or "").parent
    return Check(OK, f"{module} dapat diimpor", str(where))


def check_xlwings_command(found: str | None, executable: str) -> Check:
    """`xlwings addin install` must come from this Python (another one writes other paths)."""
    if found is None:
        return Check(INFO, "Perintah 'xlwings' tidak ada di PATH",
                     f'Pasang add-in dengan: "{executable}" -m xlwings addin install')
    if Path(found).resolve().parent != Path(executable).resolve().parent:
        return Check(FIX, f"Perintah 'xlwings' di PATH milik Python lain: {found}",
                     f'Pasang add-in dengan: "{executable}" -m xlwings addin install')
    return Check(OK, "Perintah 'xlwings' milik Python ini")


# Excel settings and the workbook -----------------------------------------------------------------

def check_trust(value: int | None, system: str) -> Check:
    """UDFs (Import Functions) need "Trust access to the VBA project object model"."""
    title = "Untuk fungsi KINERJA_* (UDF): 'Trust access to the VBA project object model'"
    how = ("Excel > File > Options > Trust Center > Trust Center Settings > Macro Settings > "
           "centang 'Trust access to the VBA project object model'")
    if system != "Windows":
        return Check(INFO, title, how + " (Mac: Excel > Preferences > Security)")
    if value == 1:
        return Check(OK, title + " sudah aktif")
    return Check(FIX, title + " belum aktif", how)


def read_trust(read: Callable[[str, str], int | None] | None = None) -> int | None:
    """AccessVBOM from the registry (Windows), newest Office first; None when unknown."""
    if read is None:
        read = _registry_dword
    for version in OFFICE_VERSIONS:
        value = read(TRUST_KEY.format(version=version), "AccessVBOM")
        if value is not None:
            return value
    return None


def _registry_dword(key: str, name: str) -> int | None:
    try:
        import winreg  # type: ignore[import-not-found]
    except ImportError:
        return None
    try:
        with winreg.OpenKey(winreg.HKEY_CURRENT_USER, key) as handle:
            value, _ = winreg.QueryValueEx(handle, name)
    except OSError:
        return None
    return int(value) if isinstance(value, int) else None


def zone_of(text: str | None) -> int | None:
    """ZoneId of a Zone.Identifier stream ('[ZoneTransfer]\\nZoneId=3'); None when absent."""
    if not text:
        return None
    for line in text.splitlines():
        key, _, value = line.partition("=")
        if key.strip().lower() == "zoneid" and value.strip().isdigit():
            return int(value.strip())
    return None


def read_zone_identifier(stream: Path) -> str | None:
    """The Mark of the Web of a file: its `<file>:Zone.Identifier` stream on Windows (pass
    `Path(str(book) + ':Zone.Identifier')`), or any file with that content (tests)."""
    try:
        return stream.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return None


def check_mark_of_the_web(book: Path, zone_text: str | None) -> Check:
    zone = zone_of(zone_text)
    if zone is None or zone < 3:
        return Check(OK, f"{book.name}: tidak ditandai berasal dari internet")
    return Check(FIX, f"{book.name} ditandai berasal dari internet/e-mail (Mark of the Web): "
                      "semua tombol akan berkata 'Cannot run the macro'",
                 "Tutup file, klik kanan > Properties > centang 'Unblock' > OK, atau di "
                 f"PowerShell: Unblock-File -Path \"{book}\"")


def check_location(book: Path | str, env: dict[str, str] | None = None) -> Check:
    """OneDrive/SharePoint folders (or URLs, as Excel names such books) make xlwings' path
    handling fail."""
    env = dict(os.environ) if env is None else env
    text = str(book)
    name = Path(text).name
    roots = [env[k] for k in ONEDRIVE_ENV if env.get(k)]
    synced = (text.lower().startswith(("http:/", "https:/"))
              or any(_inside(text, root) for root in roots)
              or any(part.lower().startswith(("onedrive", "sharepoint"))
                     for part in Path(text).parts))
    if synced:
        return Check(FIX, f"{name} ada di OneDrive/SharePoint",
                     "Simpan salinan kerja di folder lokal (mis. Dokumen\\Kinerja) yang tidak "
                     "disinkronkan, lalu buka dari sana.")
    return Check(OK, f"{name} ada di folder lokal")


def _inside(path: str, root: str) -> bool:
    p, r = os.path.normcase(os.path.normpath(path)), os.path.normcase(os.path.normpath(root))
    return p == r or p.startswith(r.rstrip("\\/") + os.sep)


def check_shadow(book: Path) -> Check:
    """A kinerja_xl folder next to the workbook would be imported instead of the package."""
    beside = book.parent / "kinerja_xl"
    if beside.is_dir():
        return Check(FIX, f"Ada folder 'kinerja_xl' di samping {book.name}",
                     f"Pindahkan atau ganti nama folder {beside}: bisa menutupi paket terpasang.")
    return Check(OK, "Tidak ada folder 'kinerja_xl' di samping workbook")


def check_workbook(book: Path, system: str, env: dict[str, str] | None = None) -> list[Check]:
    if not book.exists():
        return [Check(FIX, f"Workbook tidak ditemukan: {book}")]
    checks = [check_location(book, env), check_shadow(book)]
    if system == "Windows":
        zone = read_zone_identifier(Path(str(book) + ":Zone.Identifier"))
        checks.insert(0, check_mark_of_the_web(book, zone))
    else:
        checks.insert(0, Check(INFO, "Mark of the Web hanya ada di Windows",
                               "File dari e-mail: klik kanan > Properties > Unblock."))
    return checks


# All together ------------------------------------------------------------------------------------

def diagnose(book: Path | None = None, system: str | None = None,
             executable: str | None = None) -> list[Check]:
    """Every check for this PC (and a workbook, when given)."""
    system = system or platform.system()
    executable = executable or sys.executable
    key = interpreter_key(system)
    if system in ("Windows", "Darwin"):
        first = check_interpreter(read_config(config_path(system)), key, executable)
    else:
        first = Check(INFO, "Tidak ada Excel desktop di sistem ini: pengaturan interpreter "
                            "xlwings tidak diperiksa")
    checks = [first,
              check_xlwings(_installed_xlwings()), check_import(),
              check_xlwings_command(shutil.which("xlwings"), executable),
              check_trust(read_trust() if system == "Windows" else None, system)]
    if book is not None:
        checks += check_workbook(book, system)
    return checks


def _installed_xlwings() -> str | None:
    try:
        import xlwings
    except ImportError:
        return None
    return xlwings.__version__


def report(checks: list[Check]) -> str:
    todo = sum(c.status == FIX for c in checks)
    head = ("Semua siap." if not todo else f"{todo} hal perlu dibereskan:")
    return "\n".join([head, *(c.line() for c in checks)])
