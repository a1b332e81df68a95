"""Guards around writing a user's workbook file: who else has it open, whether we may write
it, and whether it changed while we worked.

`snapshot_for_update` is taken before a job reads the file; `replace_atomic` writes the new
bytes only if the file on disk is still the one snapshotted (the user's version wins). Both
refuse with a `WorkbookError` (Indonesian) and leave the file untouched. Details and the
messages: docs/keamanan_file.md.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import os
import re
import stat
import tempfile
import time
import zipfile
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from weakref import WeakKeyDictionary
from xml.parsers import expat

from ..core.findings import WorkbookError

try:  # POSIX: a run holds a lock on its temporary file, so another run never deletes it
    import fcntl
except ImportError:  # Windows: an open file cannot be deleted anyway
    fcntl = None  # type: ignore[assignment]

_EXCEL_OWNER = "~$"
_LO_LOCK = ".~lock.{}#"
_OWNER_NAME_MAX = 52  # Office refuses longer user names
_CHUNK = 1 << 20


@dataclass(frozen=True)
class Snapshot:
    """The file as it was when the job started; `path` is the real file (symlinks followed)."""

    path: Path
    size: int
    mtime_ns: int
    sha256: str
    taken: float = field(default_factory=time.time, compare=False)


def snapshot_for_update(path: str | Path, *, check_write: bool = True,
                        check_open: bool = True) -> Snapshot:
    """Refuse a workbook that is open elsewhere (with check_open) or read-only (with
    check_write); else stat and hash it (before the job reads it). A job that may write
    elsewhere (`out=`) passes check_write=False: `replace_atomic` checks the file it really
    writes; one that surely writes elsewhere passes check_open=False too (an open workbook's
    saved file is fine to read)."""
    given = Path(path)
    real = given.resolve()
    if check_open:
        check_not_open(given)
    try:
        st = real.stat()
        digest = _sha256(real)
    except OSError as exc:
        raise WorkbookError(os_error_message(exc, real, "dibaca")) from exc
    if check_write:
        check_writable(real, st)
    return Snapshot(real, st.st_size, st.st_mtime_ns, digest)


def replace_atomic(snap: Snapshot | None, target: str | Path, data: bytes) -> None:
    """Write data to target atomically; when target is the snapshotted file, only if it has
    not changed since the snapshot. A symlink keeps pointing at the updated file."""
    given = Path(target)
    real = given.resolve()
    check_not_open(given)
    if real.exists():
        check_writable(real)
    ours = snap is not None and real == snap.path
    if ours:
        check_unchanged(snap)  # early: no temporary file written for nothing

    def verify() -> None:  # again at the last moment, under the lock
        check_not_open(given)
        if ours:
            check_unchanged(snap)

    clean_stale_temporaries(real, snap.taken if snap is not None else time.time())
    _write(real, data, verify)


_SNAPSHOTS: WeakKeyDictionary[object, Snapshot] = WeakKeyDictionary()


def attach(book: object, snap: Snapshot) -> None:
    """Remember the snapshot of the file a workbook object was loaded from."""
    _SNAPSHOTS[book] = snap


def snapshot_of(book: object) -> Snapshot | None:
    """The snapshot `attach`ed to a workbook object (None for a new workbook)."""
    try:
        return _SNAPSHOTS.get(book)
    except TypeError:  # not weak-referenceable
        return None


# -- who has the file open ------------------------------------------------------------------


def lock_files(path: Path) -> list[Path]:
    """The owner/lock files Excel and LibreOffice keep beside an open workbook."""
    # Excel always uses the full name (only Word shortens long ones, and checking that form
    # would mistake the owner file of another workbook for this one's).
    return [path.with_name(_EXCEL_OWNER + path.name), path.with_name(_LO_LOCK.format(path.name))]


def check_not_open(path: str | Path) -> None:
    """Refuse when an Excel owner file or a LibreOffice lock file says the workbook is open
    (beside the name given and, for a symlink, beside its target)."""
    given = Path(path)
    for where in dict.fromkeys((given, given.resolve())):
        for lock in lock_files(where):
            if lock.is_file():
                who = lock_owner(lock)
                by = f" oleh {who}" if who else ""
                raise WorkbookError(
                    f"Workbook '{given.name}' sedang dibuka{by} (ada file kunci '{lock.name}'"
                    "). Tutup workbook itu di Excel/LibreOffice lalu jalankan lagi; bila tidak"
                    " ada yang membukanya, hapus file kunci itu.")


def lock_owner(lock: Path) -> str:
    """The user name an owner/lock file records ('' when unreadable)."""
    try:
        with lock.open("rb") as fh:
            head = fh.read(512)
    except OSError:
        return ""
    if lock.name.startswith(".~lock."):
        return _libreoffice_owner(head)
    return _office_owner(head)


def _office_owner(data: bytes) -> str:
    """Excel's `~$NAME` (165 bytes): byte 0 is the name's length, then the name in the ANSI
    code page, spaces up to offset 55, a 2-byte length and the name again in UTF-16-LE (Word
    puts that copy at offset 54). Layout as read by LibreOffice's MSODocumentLockFile."""
    if not data or not 0 < data[0] <= _OWNER_NAME_MAX:
        return ""
    for at in (55, 54):
        if len(data) >= at + 2:
            n = int.from_bytes(data[at:at + 2], "little")
            raw = data[at + 2:at + 2 + 2 * n]
            if 0 < n <= _OWNER_NAME_MAX and len(raw) == 2 * n:
                try:
                    name = raw.decode("utf-16-le").strip()
                except UnicodeDecodeError:
                    continue
                if name and name.isprintable():
                    return name
    return data[1:1 + data[0]].decode("cp1252", "replace").strip()


def _libreoffice_owner(data: bytes) -> str:
    """LibreOffice's `.~lock.NAME#`: `Name,system user,host,date,profile URL;` with `\\`
    escaping `,` `;` and itself. The display name, else the system user name."""
    fields, cur, esc = [], [], False
    for ch in data.decode("utf-8", "replace"):
        if esc:
            cur.append(ch)
            esc = False
        elif ch == "\\":
            esc = True
        elif ch in ",;":
            fields.append("".join(cur))
            cur = []
            if ch == ";":
                break
        else:
            cur.append(ch)
    name = next((f.strip() for f in fields[:2] if f.strip()), "")
    return name if name.isprintable() else ""


# -- may we write it ------------------------------------------------------------------------


def check_writable(real: Path, st: os.stat_result | None = None) -> None:
    """Refuse a read-only file (mode 444, the Windows read-only attribute) or one we may not
    write (root may write anything, so the mode bits are checked too)."""
    try:
        st = st or real.stat()
    except OSError as exc:
        raise WorkbookError(os_error_message(exc, real, "dibaca")) from exc
    if not st.st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH) or not os.access(
            real, os.W_OK):
        raise WorkbookError(
            f"File '{real.name}' hanya-baca (read-only); tidak ada yang diubah. Hilangkan "
            "atribut read-only-nya (Properties → Read-only, atau chmod u+w) lalu jalankan lagi.")


def check_unchanged(snap: Snapshot) -> None:
    """Refuse when the file changed on disk since the snapshot (someone saved it meanwhile)."""
    try:
        st = snap.path.stat()
        same = (st.st_size == snap.size and st.st_mtime_ns == snap.mtime_ns
                and _sha256(snap.path) == snap.sha256)
    except FileNotFoundError:
        same = False
    except OSError as exc:
        raise WorkbookError(os_error_message(exc, snap.path, "dibaca")) from exc
    if not same:
        raise WorkbookError(
            f"File '{snap.path.name}' berubah di disk selama proses berjalan (disimpan dari "
            "program lain?); hasil tidak ditulis supaya versi itu tidak hilang. Jalankan lagi.")


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        while chunk := fh.read(_CHUNK):
            h.update(chunk)
    return h.hexdigest()


# -- writing --------------------------------------------------------------------------------


def _is_temporary(real: Path, name: str) -> bool:
    return name.startswith(f".{real.name}.") and name.endswith(".tmp")


def clean_stale_temporaries(real: Path, before: float) -> list[Path]:
    """Delete `.NAME.*.tmp` files a killed run left beside the workbook: older than `before`
    (the start of this run) and not locked by a run still writing. Returns what was removed."""
    removed: list[Path] = []
    try:
        entries = list(os.scandir(real.parent))
    except OSError:
        return removed
    for entry in entries:
        if not _is_temporary(real, entry.name):
            continue
        try:
            if not entry.is_file(follow_symlinks=False) or entry.stat().st_mtime >= before:
                continue
            if _held(Path(entry.path)):
                continue
            os.unlink(entry.path)
            removed.append(Path(entry.path))
        except OSError:
            continue
    return removed


def _held(path: Path) -> bool:
    """Does a running job hold the lock on this temporary file?"""
    if fcntl is None:
        return False
    fd = os.open(path, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return True
    finally:
        os.close(fd)
    return False


def _write(real: Path, data: bytes, verify: Callable[[], None] | None = None) -> None:
    """Temporary sibling (locked while written), fsync, same mode as the old file, then —
    holding the workbook's lock, right before the swap — `verify` and `os.replace`."""
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{real.name}.", suffix=".tmp", dir=real.parent)
    except OSError as exc:
        raise WorkbookError(os_error_message(exc, real, "disimpan")) from exc
    open_fd = True
    try:
        if fcntl is not None:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view):]
        os.fsync(fd)
        if fcntl is None:  # Windows cannot rename a file that is still open
            os.close(fd)
            open_fd = False
        os.chmod(tmp, real.stat().st_mode & 0o777 if real.exists() else new_file_mode())
        with _exclusive(real):
            if verify is not None:
                verify()
            os.replace(tmp, real)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if isinstance(exc, OSError):
            raise WorkbookError(os_error_message(exc, real, "disimpan")) from exc
        raise
    finally:
        if open_fd:
            os.close(fd)


@contextlib.contextmanager
def _exclusive(real: Path) -> Iterator[None]:
    """Hold an advisory lock on the workbook (POSIX) while the last check and the swap run:
    two runs of this tool never both pass the check and then both replace. A run waiting for
    the lock then sees the file changed and refuses."""
    fd = None
    if fcntl is not None and real.exists():
        with contextlib.suppress(OSError):
            fd = os.open(real, os.O_RDONLY)
            fcntl.flock(fd, fcntl.LOCK_EX)
    try:
        yield
    finally:
        if fd is not None:
            os.close(fd)


def new_file_mode() -> int:
    """The mode a plain open() would give a new file (mkstemp's 0600 would hide it from
    colleagues on a shared folder)."""
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


_ERRNO_WORDS = {
    errno.ENOSPC: "disk penuh",
    errno.EDQUOT: "kuota disk habis",
    errno.EACCES: "tidak ada izin",
    errno.EPERM: "tidak ada izin",
    errno.EROFS: "disk/folder hanya-baca",
    errno.ENOENT: "file atau folder tidak ada",
    errno.ENOTDIR: "bagian jalurnya bukan folder",
    errno.EISDIR: "itu sebuah folder",
    errno.ENAMETOOLONG: "nama atau jalur file terlalu panjang",
    errno.EBUSY: "sedang dipakai program lain",
    errno.ETXTBSY: "sedang dipakai program lain",
    errno.EIO: "galat baca/tulis perangkat (disk rusak atau terputus?)",
    errno.ELOOP: "symlink berputar",
    errno.EMFILE: "terlalu banyak file terbuka",
    errno.EFBIG: "file terlalu besar untuk sistem file ini",
}
_WINERROR_WORDS = {32: "sedang dibuka program lain", 33: "sebagian file dikunci program lain",
                   5: "akses ditolak (file dibuka program lain atau tidak ada izin)",
                   112: "disk penuh", 39: "disk penuh"}


def os_error_message(exc: OSError, path: Path, action: str = "disimpan") -> str:
    """One Indonesian sentence saying what the OS refused (never 'open elsewhere?' by guess)."""
    winerror = getattr(exc, "winerror", None)
    what = _WINERROR_WORDS.get(winerror) if winerror else None
    if what is None:
        what = _ERRNO_WORDS.get(exc.errno or 0)
    if what is None:
        code = errno.errorcode.get(exc.errno or 0, str(exc.errno))
        what = f"galat sistem {code}"
    return f"File '{path}' tidak dapat {action}: {what}. Tidak ada yang diubah."


# -- bounded reading ------------------------------------------------------------------------

MAX_PART_BYTES = 100 * 1024 * 1024  # one part, uncompressed (6,100-row kabupaten: 9.8 MB)
MAX_TOTAL_BYTES = 300 * 1024 * 1024  # all parts together, uncompressed
MAX_PARTS = 10_000
MAX_CELLS = 1_000_000  # cells in all worksheets (the 6,100-row kabupaten has 105,000)
_XML_SUFFIXES = (".xml", ".rels", ".vml")
_CELL_REF = re.compile(rb'<c\s[^>]*?r="([A-Z]{1,3}[0-9]{1,7})"')


def check_package(z: zipfile.ZipFile, name: str) -> None:
    """Refuse a package before anything inflates it fully: too many parts, parts whose
    declared size is beyond the limits, parts that inflate beyond their declared size (a zip
    bomb with a lying header), damaged parts, XML with a DTD (entity bombs; Office never
    writes one) or a NUL character. Each part is read streamed, in capped chunks."""
    infos = z.infolist()
    if len(infos) > MAX_PARTS:
        raise WorkbookError(f"File '{name}' berisi {len(infos):,} bagian (batas "
                            f"{MAX_PARTS:,}); bukan workbook yang wajar.".replace(",", "."))
    total = 0
    for info in infos:
        if info.file_size > MAX_PART_BYTES:
            raise WorkbookError(_too_big(z, name, info.filename, info.file_size))
        total += info.file_size
        if total > MAX_TOTAL_BYTES:
            raise WorkbookError(
                f"File '{name}' terlalu besar setelah dibuka: lebih dari "
                f"{MAX_TOTAL_BYTES // 2**20} MB isi (batas; mungkin 'zip bomb'). File tidak "
                "dipakai.")
    cells = 0
    for info in infos:
        cells += _scan_part(z, name, info)
        if cells > MAX_CELLS:
            raise WorkbookError(
                f"File '{name}' ditolak: lebih dari {MAX_CELLS:,} sel berisi (sampai "
                f"{part_label(z, info.filename)}); batas ukuran, bukan workbook kinerja yang "
                "wajar. Pindahkan data lain ke file terpisah.".replace(",", "."))


def _scan_part(z: zipfile.ZipFile, name: str, info: zipfile.ZipInfo) -> int:
    """Stream one part through the checks; returns how many cells (`<c `) a worksheet holds."""
    is_xml = info.filename.lower().endswith(_XML_SUFFIXES)
    is_sheet = info.filename.startswith("xl/worksheets/") and is_xml
    cells = 0
    read, tail, carry = 0, b"", b""  # carry: from the last cell start of earlier chunks
    parser = expat.ParserCreate() if is_xml else None  # well-formed? (DTDs refused below)
    try:
        with z.open(info) as fh:
            while chunk := fh.read(_CHUNK):
                read += len(chunk)
                if read > info.file_size or read > MAX_PART_BYTES:
                    raise WorkbookError(_too_big(z, name, info.filename, read))
                if not is_xml:
                    continue
                if read == len(chunk) and chunk[:2] in (b"\xff\xfe", b"\xfe\xff"):
                    is_xml = False  # UTF-16 XML: NULs are normal there (openpyxl checks it)
                    continue
                window = tail + chunk
                if b"<!DOCTYPE" in window or b"<!ENTITY" in window:
                    raise WorkbookError(
                        f"File '{name}' ditolak: {part_label(z, info.filename)} memuat deklarasi "
                        "DTD/entitas XML, yang tidak pernah ditulis Excel (pola 'XML bomb'). "
                        "File tidak dipakai.")
                nul = chunk.find(b"\x00")
                if nul >= 0:
                    refs = _CELL_REF.findall(carry + chunk[:nul])
                    near = f", dekat sel {refs[-1].decode()}" if refs else ""
                    raise WorkbookError(
                        f"File '{name}' rusak: {part_label(z, info.filename)}{near} berisi karakter"
                        " NUL (byte 0) yang tidak sah di XML. Buka dan simpan ulang file itu di"
                        " Excel, atau pakai salinan cadangannya.")
                if is_sheet:  # a "<c " split between two chunks is counted in the second
                    cells += window.count(b"<c ") - tail.count(b"<c ")
                tail = chunk[-16:]
                start = chunk.rfind(b"<c ")
                carry = chunk[start:start + 200] if start >= 0 else carry
                if parser is not None and is_xml:
                    parser.Parse(chunk, False)
            if parser is not None and is_xml:
                parser.Parse(b"", True)
    except expat.ExpatError as err:
        raise WorkbookError(
            f"File '{name}' rusak: {part_label(z, info.filename)} bukan XML yang sah (baris "
            f"{err.lineno}, kolom {err.offset + 1}). Buka dan simpan ulang di Excel, atau pakai"
            " salinan cadangannya.") from err
    except WorkbookError:
        raise
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError,
            NotImplementedError, RuntimeError) as exc:
        raise WorkbookError(f"File '{name}' rusak: {part_label(z, info.filename)} tidak dapat "
                            "dibaca (isi zip tidak utuh atau terenkripsi).") from exc
    return cells


def _too_big(z: zipfile.ZipFile, name: str, part: str, size: int) -> str:
    return (f"File '{name}' ditolak: {part_label(z, part)} berukuran lebih dari "
            f"{MAX_PART_BYTES // 2**20} MB setelah dibuka ({size // 2**20} MB atau lebih; batas"
            " ukuran, mungkin 'zip bomb'). File tidak dipakai.")


def sheet_of_part(z: zipfile.ZipFile, part: str) -> str | None:
    """The sheet name whose worksheet part is `part` (None when not a sheet or unknown)."""
    from .save import _sheet_parts  # save imports this module

    try:
        names = {p: s for s, p in _sheet_parts(z).items()}
    except Exception:  # a damaged workbook.xml: name the part only
        return None
    return names.get(part)


def part_label(z: zipfile.ZipFile, part: str) -> str:
    sheet = sheet_of_part(z, part)
    return f"sheet {sheet} (bagian {part})" if sheet else f"bagian {part}"
