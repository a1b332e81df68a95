"""Concurrent use and the file system (issue 10, item 4): a workbook open in Excel or
LibreOffice, read-only, changed during the run, reached through a symlink, stale temporary
files of a killed run, a full disk. Every refusal: exit 2, one Indonesian sentence, the file
byte for byte as it was."""

from __future__ import annotations

import errno
import hashlib
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import openpyxl
import pytest
from conftest import needs_lo
from hypothesis import given, settings
from hypothesis import strategies as st

from kinerja_xl import api
from kinerja_xl.cli import main
from kinerja_xl.core.findings import WorkbookError
from kinerja_xl.package.editor import Editor
from kinerja_xl.xlsx import guard


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def refused(path: Path, capsys, *words: str, commands=("periksa", "hitung", "pk")) -> str:
    before = digest(path)
    err = ""
    for command in commands:
        assert main([command, str(path)]) == 2, command
        err = capsys.readouterr().err
        assert err.startswith("Gagal: ") and "Traceback" not in err
        for w in words:
            assert w in err, err
    assert digest(path) == before
    assert not [p for p in path.parent.iterdir() if p.name.endswith(".tmp")]
    return err


def excel_owner_file(user: str) -> bytes:
    """Excel's owner file as documented by LibreOffice's MSODocumentLockFile (165 bytes):
    length, ANSI name, spaces to 55, 2-byte length, UTF-16-LE name, space/NUL pairs."""
    data = bytes([len(user)]) + user.encode("cp1252")
    data += b" " * (55 - len(data))
    data += len(user).to_bytes(2, "little") + user.encode("utf-16-le")
    while len(data) < 165:
        data += b" \x00"
    return data[:165]


def test_excel_owner_file_names_the_user(sample_xlsx: Path, capsys) -> None:
    (sample_xlsx.parent / f"~${sample_xlsx.name}").write_bytes(excel_owner_file("Budi Santoso"))
    err = refused(sample_xlsx, capsys, "sedang dibuka oleh Budi Santoso", "~$contoh.xlsx")
    assert "sedang dibuka program lain?" not in err


def test_excel_owner_file_with_non_ascii_name(sample_xlsx: Path) -> None:
    lock = sample_xlsx.parent / f"~${sample_xlsx.name}"
    lock.write_bytes(excel_owner_file("Siti Nurhalizah Ümit"))
    assert guard.lock_owner(lock) == "Siti Nurhalizah Ümit"
    lock.write_bytes(b"\x00garbage")  # unreadable: still refused, without a name
    with pytest.raises(WorkbookError, match="sedang dibuka \\(ada file kunci"):
        api.check_file(sample_xlsx)


def test_libreoffice_lock_file_names_the_user(sample_xlsx: Path, capsys) -> None:
    lock = sample_xlsx.parent / f".~lock.{sample_xlsx.name}#"
    lock.write_text("Siti\\, Aminah,siti,PC-KEC,30.11.2026 10:00,file:///home/siti/.config/"
                    "libreoffice/4;", encoding="utf-8")
    refused(sample_xlsx, capsys, "sedang dibuka oleh Siti, Aminah")
    lock.write_text(",siti,PC-KEC,30.11.2026 10:00,file:///home/siti;", encoding="utf-8")
    refused(sample_xlsx, capsys, "sedang dibuka oleh siti", commands=("periksa",))


def test_lock_beside_the_output_is_checked_too(sample_xlsx: Path) -> None:
    out = sample_xlsx.parent / "hasil" / "keluaran.xlsx"
    out.parent.mkdir()
    shutil.copy(sample_xlsx, out)
    (out.parent / f".~lock.{out.name}#").write_text("Andi,andi,PC,x,y;")
    before = digest(out)
    with pytest.raises(WorkbookError, match=r"keluaran\.xlsx' sedang dibuka oleh Andi"):
        api.check_file(sample_xlsx, out=out)
    assert digest(out) == before


def test_read_only_file_is_not_written(sample_xlsx: Path, capsys) -> None:
    os.chmod(sample_xlsx, 0o444)
    refused(sample_xlsx, capsys, "hanya-baca")
    assert sample_xlsx.stat().st_mode & 0o777 == 0o444


def test_read_only_output_is_not_written(sample_xlsx: Path) -> None:
    out = sample_xlsx.with_name("keluaran.xlsx")
    shutil.copy(sample_xlsx, out)
    os.chmod(out, 0o444)
    with pytest.raises(WorkbookError, match=r"keluaran\.xlsx' hanya-baca"):
        api.compute_file(sample_xlsx, out=out)


def test_users_save_during_the_run_wins(sample_xlsx: Path, capsys, monkeypatch) -> None:
    """The user saves the workbook (in Excel) while `hitung` works: hitung must not
    overwrite it. The user's save is injected after the snapshot, before the write."""
    real_apply = Editor.apply_plan

    def users_save_meanwhile(ed, plan):
        mine = openpyxl.load_workbook(sample_xlsx)
        mine["Pejabat"]["C5"] = "Nama baru dari pengguna"
        mine.save(sample_xlsx)
        return real_apply(ed, plan)

    monkeypatch.setattr(Editor, "apply_plan", users_save_meanwhile)
    assert main(["hitung", str(sample_xlsx)]) == 2
    err = capsys.readouterr().err
    assert "berubah di disk selama proses berjalan" in err and "Traceback" not in err
    wb = openpyxl.load_workbook(sample_xlsx)
    assert wb["Pejabat"]["C5"].value == "Nama baru dari pengguna"
    assert "Rekap" not in wb.sheetnames  # hitung's result was not written over it


def test_hitung_and_pk_at_the_same_time_lose_nothing(sample_xlsx: Path, capsys,
                                                     monkeypatch) -> None:
    """`pk` finishes while `hitung` is still working: hitung refuses, pk's PK sheets stay."""
    real_apply = Editor.apply_plan
    ran = []

    def pk_meanwhile(ed, plan):
        if not ran:
            ran.append(main(["pk", str(sample_xlsx)]))
        return real_apply(ed, plan)

    monkeypatch.setattr(Editor, "apply_plan", pk_meanwhile)
    assert main(["hitung", str(sample_xlsx)]) == 2
    assert ran == [0]
    assert "berubah di disk" in capsys.readouterr().err
    names = openpyxl.load_workbook(sample_xlsx).sheetnames
    assert any(n.startswith("PK ") for n in names)


def test_symlink_updates_its_target(sample_xlsx: Path) -> None:
    real = sample_xlsx
    link = real.parent / "pintasan.xlsx"
    link.symlink_to(real)
    assert main(["hitung", str(link)]) == 0
    assert link.is_symlink() and link.resolve() == real.resolve()
    assert "Rekap" in openpyxl.load_workbook(real).sheetnames
    assert not [p for p in real.parent.iterdir() if p.name.endswith(".tmp")]


def test_stale_temporaries_of_a_killed_run_are_cleaned(sample_xlsx: Path) -> None:
    folder = sample_xlsx.parent
    stale = folder / f".{sample_xlsx.name}.k1ll3d.tmp"
    stale.write_bytes(b"PK half written")
    old = time.time() - 3600
    os.utime(stale, (old, old))
    other = folder / ".lain.xlsx.k1ll3d.tmp"  # another workbook's: not ours to clean
    other.write_bytes(b"x")
    os.utime(other, (old, old))
    assert main(["periksa", str(sample_xlsx)]) == 0
    assert not stale.exists()
    assert other.exists()


def test_a_running_jobs_temporary_is_left_alone(sample_xlsx: Path) -> None:
    """A temporary locked by a job that is still writing (another process) survives."""
    tmp = sample_xlsx.parent / f".{sample_xlsx.name}.running.tmp"
    tmp.write_bytes(b"")
    old = time.time() - 3600
    os.utime(tmp, (old, old))
    holder = subprocess.Popen(
        ["python", "-c", "import fcntl,os,sys,time; fd=os.open(sys.argv[1], os.O_RDWR); "
         "fcntl.flock(fd, fcntl.LOCK_EX); print('ok', flush=True); time.sleep(30)", str(tmp)],
        stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "ok"
        assert guard.clean_stale_temporaries(sample_xlsx.resolve(), time.time()) == []
        assert tmp.exists()
    finally:
        holder.kill()
        holder.wait()
    assert guard.clean_stale_temporaries(sample_xlsx.resolve(), time.time()) == [tmp]


@pytest.fixture
def tiny_disk(tmp_path: Path):
    """A 1 MiB tmpfs (needs root; skipped elsewhere)."""
    mnt = tmp_path / "disk"
    mnt.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(mnt)],
                      capture_output=True).returncode != 0:
        pytest.skip("cannot mount a tmpfs here")
    try:
        yield mnt
    finally:
        subprocess.run(["umount", str(mnt)], check=False)


def test_disk_full_says_disk_full(sample_xlsx: Path, tiny_disk: Path, capsys) -> None:
    path = tiny_disk / sample_xlsx.name
    shutil.copy(sample_xlsx, path)
    # fill the disk to the last byte
    with (tiny_disk / "isi").open("wb", buffering=0) as fh, pytest.raises(OSError) as full:
        while True:
            fh.write(b"\0" * 4096)
    assert full.value.errno == errno.ENOSPC
    err = refused(path, capsys, "disk penuh", commands=("hitung",))
    assert "sedang dibuka program lain" not in err


def test_other_os_errors_say_what_happened(sample_xlsx: Path, capsys, monkeypatch) -> None:
    """An I/O error from the OS when replacing (simulated at the os boundary)."""
    def broken_replace(src, dst):
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(guard.os, "replace", broken_replace)
    err = refused(sample_xlsx, capsys, "galat baca/tulis perangkat", commands=("periksa",))
    assert "sedang dibuka program lain" not in err and "Input/output" not in err


def test_read_only_source_may_be_saved_elsewhere(sample_xlsx: Path) -> None:
    out = sample_xlsx.with_name("salinan.xlsx")
    os.chmod(sample_xlsx, 0o444)
    before = digest(sample_xlsx)
    api.compute_file(sample_xlsx, out=out)
    assert digest(sample_xlsx) == before
    assert "Rekap" in openpyxl.load_workbook(out).sheetnames


def test_two_processes_at_once_never_lose_a_result(sample_xlsx: Path) -> None:
    """`hitung` and `pk` started together as real processes: whatever the interleaving, each
    command that reports success has its sheets in the final file (a command whose file
    changed under it refuses with exit 2 instead of overwriting)."""
    cmd = [sys.executable, "-m", "kinerja_xl"]
    procs = {name: subprocess.Popen([*cmd, name, str(sample_xlsx)], stdout=subprocess.PIPE,
                                    stderr=subprocess.PIPE, text=True)
             for name in ("hitung", "pk")}
    codes = {name: p.wait(timeout=300) for name, p in procs.items()}
    errs = {name: p.stderr.read() for name, p in procs.items()}
    assert set(codes.values()) <= {0, 2}, errs
    for name, code in codes.items():
        if code == 2:
            assert "berubah di disk" in errs[name], errs[name]
    names = openpyxl.load_workbook(sample_xlsx).sheetnames
    if codes["hitung"] == 0:
        assert "Rekap" in names
    if codes["pk"] == 0:
        assert any(n.startswith("PK ") for n in names)


@needs_lo
def test_open_in_libreoffice_for_real(sample_xlsx: Path, capsys) -> None:
    """LibreOffice itself holds the workbook open (its own lock file, its user name); once it
    closes the workbook the command runs."""
    holder = subprocess.Popen(["/usr/bin/python3", str(Path(__file__).with_name(
        "lo_hold_open.py")), str(sample_xlsx), "Budi", "Santoso"],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "open"
        assert (sample_xlsx.parent / f".~lock.{sample_xlsx.name}#").exists()
        refused(sample_xlsx, capsys, "sedang dibuka oleh Budi Santoso",
                commands=("periksa", "hitung"))
    finally:
        holder.communicate("\n", timeout=120)
    assert not (sample_xlsx.parent / f".~lock.{sample_xlsx.name}#").exists()
    assert main(["periksa", str(sample_xlsx)]) == 0


def test_a_save_while_our_temporary_is_written_is_caught(sample_xlsx: Path, capsys,
                                                          monkeypatch) -> None:
    """Another run replaces the workbook while `hitung` is already writing its temporary
    file (after the early check): the check under the lock, right before the swap, sees it."""
    real_fsync = os.fsync
    ran = []

    def fsync_while_pk_saves(fd):
        real_fsync(fd)
        if not ran:  # only hitung's fsync: pk's own save goes through undisturbed
            ran.append(None)
            ran[0] = main(["pk", str(sample_xlsx)])

    monkeypatch.setattr(guard.os, "fsync", fsync_while_pk_saves)
    assert main(["hitung", str(sample_xlsx)]) == 2
    assert ran == [0]
    assert "berubah di disk" in capsys.readouterr().err
    names = openpyxl.load_workbook(sample_xlsx).sheetnames
    assert any(n.startswith("PK ") for n in names) and "Rekap" not in names
    assert not [p for p in sample_xlsx.parent.iterdir() if p.name.endswith(".tmp")]


@settings(max_examples=200, deadline=None)
@given(st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), min_size=1,
               max_size=52).map(str.strip).filter(lambda s: s and s.isprintable()))
def test_lock_file_names_round_trip(name: str) -> None:
    """Any user name, with the characters LibreOffice escapes (`,` `;` `\\`), or in Excel's
    owner file (UTF-16 copy; the ANSI copy is only a fallback), reads back as written."""
    esc = name.replace("\\", "\\\\").replace(",", "\\,").replace(";", "\\;")
    assert guard._libreoffice_owner(f"{esc},user,host,date,url;".encode()) == name
    ansi = name.encode("cp1252", "replace")[:52]
    data = bytes([len(ansi)]) + ansi
    data += b" " * (55 - len(data)) + len(name).to_bytes(2, "little") + name.encode("utf-16-le")
    if len(name.encode("utf-16-le")) == 2 * len(name):  # no surrogate pairs
        assert guard._office_owner(data) == name
