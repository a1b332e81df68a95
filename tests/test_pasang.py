"""`kinerja-xl pasang`: editing xlwings' user config (other keys kept, backup, idempotent) and
each diagnosis on fake inputs (temp folders, fake Zone.Identifier content, fake registry)."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

import pytest

from kinerja_xl.pasang import checks as c
from kinerja_xl.pasang.config import config_path, interpreter_key, read_config, set_interpreter

PY = r"C:\Users\budi\AppData\Local\Programs\Python\Python311\python.exe"
OLD = r"C:\Python39\python.exe"


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


# Config editing -----------------------------------------------------------------------------------

def test_set_interpreter_keeps_other_keys_and_backs_up(tmp_path: Path) -> None:
    conf = write(tmp_path / ".xlwings" / "xlwings.conf",
                 f'"INTERPRETER_WIN","{OLD}"\n"LICENSE_KEY","noncommercial"\n'
                 '"UDF Modules","modul_saya"\n')
    before = conf.read_text(encoding="utf-8")
    change = set_interpreter(conf, "INTERPRETER_WIN", PY, now=dt.datetime(2026, 1, 2, 3, 4, 5))
    assert change.written and change.old == OLD
    assert read_config(conf) == {"INTERPRETER_WIN": PY, "LICENSE_KEY": "noncommercial",
                                 "UDF MODULES": "modul_saya"}
    assert conf.read_text(encoding="utf-8").splitlines()[1:] == before.splitlines()[1:]
    assert change.backup == conf.with_name("xlwings.conf.cadangan-20260102-030405")
    assert change.backup.read_text(encoding="utf-8") == before


def test_set_interpreter_is_idempotent(tmp_path: Path) -> None:
    conf = write(tmp_path / "xlwings.conf", '"CONDA PATH","C:\\conda"\n')
    first = set_interpreter(conf, "INTERPRETER_WIN", PY)
    text = conf.read_text(encoding="utf-8")
    second = set_interpreter(conf, "INTERPRETER_WIN", PY)
    assert first.written and not second.written and second.backup is None
    assert conf.read_text(encoding="utf-8") == text
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        ["xlwings.conf", first.backup.name])


def test_set_interpreter_creates_the_file_and_drops_duplicates(tmp_path: Path) -> None:
    conf = tmp_path / "baru" / "xlwings.conf"
    change = set_interpreter(conf, "INTERPRETER_MAC", "/usr/local/bin/python3")
    assert change.written and change.backup is None and change.old is None
    assert conf.read_text(encoding="utf-8") == '"INTERPRETER_MAC","/usr/local/bin/python3"\n'
    dup = write(tmp_path / "dup.conf", f'"interpreter_win","{OLD}"\n"INTERPRETER_WIN","x"\n')
    set_interpreter(dup, "INTERPRETER_WIN", PY)
    assert dup.read_text(encoding="utf-8") == f'"INTERPRETER_WIN","{PY}"\n'


def test_dry_run_writes_nothing(tmp_path: Path) -> None:
    conf = tmp_path / "xlwings.conf"
    change = set_interpreter(conf, "INTERPRETER_WIN", PY, write=False)
    assert not change.written and not conf.exists()


def test_xlwings_reads_what_we_write(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """xlwings' own reader of the user config sees our value next to the user's keys."""
    import xlwings
    from xlwings import utils

    conf = write(tmp_path / "xlwings.conf", '"LICENSE_KEY","noncommercial"\n')
    set_interpreter(conf, "INTERPRETER_WIN", PY)
    monkeypatch.setattr(xlwings, "USER_CONFIG_FILE", str(conf))
    assert utils.read_user_config() == {"license_key": "noncommercial", "interpreter_win": PY}


def test_config_locations() -> None:
    env = {"USERPROFILE": r"C:\Users\budi"}
    assert config_path("Windows", env=env) == Path(r"C:\Users\budi") / ".xlwings" / "xlwings.conf"
    mac = config_path("Darwin", home=Path("/Users/budi"))
    assert mac == Path("/Users/budi/Library/Containers/com.microsoft.Excel/Data/xlwings.conf")
    assert interpreter_key("Windows") == "INTERPRETER_WIN"
    assert interpreter_key("Darwin") == "INTERPRETER_MAC"


# Diagnoses ----------------------------------------------------------------------------------------

def test_interpreter_check() -> None:
    key = "INTERPRETER_WIN"
    assert c.check_interpreter({key: PY}, key, PY).status == c.OK
    assert c.check_interpreter({key: PY.replace("python.exe", "pythonw.exe")}, key, PY).status \
        == c.OK
    missing = c.check_interpreter({}, key, PY)
    assert missing.status == c.FIX and "belum diatur" in missing.title
    gone = c.check_interpreter({key: OLD}, key, PY, exists=lambda p: False)
    assert gone.status == c.FIX and "Could not find Interpreter" in gone.detail
    other = c.check_interpreter({key: OLD}, key, PY, exists=lambda p: True)
    assert other.status == c.FIX and "ModuleNotFoundError" in other.detail


def test_xlwings_version_check() -> None:
    assert c.check_xlwings("0.37.8", "0.37.8").status == c.OK
    wrong = c.check_xlwings("0.33.1", "0.37.8")
    assert wrong.status == c.FIX and "pip install xlwings==0.37.8" in wrong.detail
    assert c.check_xlwings(None, "0.37.8").status == c.FIX


def test_import_check() -> None:
    assert c.check_import("kinerja_xl").status == c.OK
    broken = c.check_import("kinerja_xl_tidak_ada")
    assert broken.status == c.FIX and "ModuleNotFoundError" in broken.title


def test_xlwings_command_check(tmp_path: Path) -> None:
    ours = tmp_path / "venv" / "Scripts"
    other = tmp_path / "lain" / "Scripts"
    assert c.check_xlwings_command(str(ours / "xlwings.exe"), str(ours / "python.exe")).status \
        == c.OK
    bad = c.check_xlwings_command(str(other / "xlwings.exe"), str(ours / "python.exe"))
    assert bad.status == c.FIX and "-m xlwings addin install" in bad.detail
    assert c.check_xlwings_command(None, str(ours / "python.exe")).status == c.INFO


def test_trust_check_reads_the_newest_office_first() -> None:
    reg = {(c.TRUST_KEY.format(version="16.0"), "AccessVBOM"): 1}
    assert c.read_trust(lambda key, name: reg.get((key, name))) == 1
    assert c.read_trust(lambda key, name: None) is None
    assert c.check_trust(1, "Windows").status == c.OK
    off = c.check_trust(None, "Windows")
    assert off.status == c.FIX and "Trust Center" in off.detail
    assert c.check_trust(None, "Darwin").status == c.INFO


@pytest.mark.parametrize(("content", "blocked"), [
    ("[ZoneTransfer]\r\nZoneId=3\r\nReferrerUrl=https://mail.example/\r\n", True),
    ("[ZoneTransfer]\nZoneId=4\n", True),
    ("[ZoneTransfer]\nZoneId=2\n", False),
    ("", False),
])
def test_mark_of_the_web_from_a_zone_identifier_file(tmp_path: Path, content: str,
                                                     blocked: bool) -> None:
    book = write(tmp_path / "kinerja.xlsm", "x")
    stream = write(tmp_path / "kinerja.xlsm.Zone.Identifier", content)
    check = c.check_mark_of_the_web(book, c.read_zone_identifier(stream))
    assert (check.status == c.FIX) is blocked
    if blocked:
        assert "Unblock-File" in check.detail and "Unblock" in check.detail


def test_no_zone_stream_is_not_blocked(tmp_path: Path) -> None:
    book = write(tmp_path / "kinerja.xlsm", "x")
    assert c.read_zone_identifier(tmp_path / "tidak-ada:Zone.Identifier") is None
    assert c.check_mark_of_the_web(book, None).status == c.OK


def test_onedrive_and_sharepoint_locations(tmp_path: Path) -> None:
    root = tmp_path / "OneDrive - Pemkab"
    env = {"OneDriveCommercial": str(root)}
    assert c.check_location(root / "Kinerja" / "a.xlsm", env).status == c.FIX
    assert c.check_location("https://pemkab.sharepoint.com/a.xlsm", {}).status == c.FIX
    assert c.check_location(tmp_path / "Dokumen" / "a.xlsm", env).status == c.OK


def test_shadowing_folder(tmp_path: Path) -> None:
    book = write(tmp_path / "a.xlsm", "x")
    assert c.check_shadow(book).status == c.OK
    (tmp_path / "kinerja_xl").mkdir()
    assert c.check_shadow(book).status == c.FIX


def test_report_counts_what_to_do() -> None:
    text = c.report([c.Check(c.OK, "a"), c.Check(c.FIX, "b", "lakukan x"), c.Check(c.INFO, "c")])
    assert text.splitlines()[0] == "1 hal perlu dibereskan:"
    assert "[PERLU] b\n      lakukan x" in text
    assert c.report([c.Check(c.OK, "a")]).startswith("Semua siap.")


# The command --------------------------------------------------------------------------------------

def test_command_on_linux_only_explains(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    from kinerja_xl.commands import pasang

    monkeypatch.setenv("HOME", str(tmp_path))
    book = write(tmp_path / "kerja" / "a.xlsm", "x")
    code = pasang.run(argparse.Namespace(workbook=book, periksa=False), system="Linux")
    out = capsys.readouterr().out
    assert "bukan Windows atau Mac" in out and "INTERPRETER_WIN" in out
    assert not (tmp_path / ".xlwings").exists()
    assert code in (0, 1)


def test_command_on_windows_writes_the_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    from kinerja_xl.commands import pasang

    monkeypatch.setenv("USERPROFILE", str(tmp_path))
    conf = write(tmp_path / ".xlwings" / "xlwings.conf", f'"INTERPRETER_WIN","{OLD}"\n')
    monkeypatch.setattr(c, "read_trust", lambda read=None: 1)
    pasang.run(argparse.Namespace(workbook=None, periksa=False), system="Windows")
    out = capsys.readouterr().out
    assert "Konfigurasi xlwings diperbarui" in out and "Cadangan" in out
    assert "[OK] xlwings memakai Python ini" in out
    import sys
    assert read_config(conf)["INTERPRETER_WIN"] == sys.executable
    pasang.run(argparse.Namespace(workbook=None, periksa=False), system="Windows")
    assert "sudah benar" in capsys.readouterr().out
