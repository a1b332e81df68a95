"""VBA project writer: oletools' strict MS-OVBA parser reads back every module and source.

The negative controls corrupt one thing at a time and show the same checks then fail.
"""

from __future__ import annotations

import io
import struct
import zipfile
from pathlib import Path

import olefile
import pytest
import xlwings
from oletools.olevba import VBA_Parser, VBA_Project
from xlsm_helpers import read_cfb, read_olefile

from kinerja_xl.template.check import check_vba_project
from kinerja_xl.vba.cfb import write_cfb
from kinerja_xl.vba.compression import compress, decompress
from kinerja_xl.vba.project import (
    SOURCE_ONLY_HEADER,
    build_vba_project,
    dir_stream,
    encrypt,
    project_id,
    vba_streams,
)
from kinerja_xl.vba.source import (
    ModuleKind,
    VbaModule,
    module_from_file,
    parse_exported,
    stored_text,
    without_attributes,
)

EXPORTED_CLASS = """VERSION 1.0 CLASS
BEGIN
  MultiUse = -1  'True
END
Attribute VB_Name = "Hitung"
Attribute VB_GlobalNameSpace = False
Attribute VB_Creatable = False
Attribute VB_PredeclaredId = False
Attribute VB_Exposed = True
Option Explicit

Private mNilai As Double

Public Property Get Nilai() As Double
Attribute Nilai.VB_UserMemId = 0
    Nilai = mNilai
End Property
"""

STANDARD = """Option Explicit

Public Sub Tombol(control As IRibbonControl)
    MsgBox "Capaian: 85,5%"
End Sub
"""


def _modules() -> list[VbaModule]:
    cls = parse_exported(EXPORTED_CLASS)
    return [
        VbaModule("ThisWorkbook", ModuleKind.DOCUMENT, ""),
        VbaModule("Sheet1", ModuleKind.DOCUMENT, "Private Sub Worksheet_Activate()\nEnd Sub\n"),
        VbaModule("Modul1", ModuleKind.STANDARD, STANDARD),
        VbaModule("Hitung", ModuleKind.CLASS, cls.body, cls.attributes),
    ]


def _strict_parse(data: bytes) -> tuple[dict[str, str], dict[str, str]]:
    """(name -> decoded source, lower-case name -> extension) from oletools in strict mode."""
    ole = olefile.OleFileIO(io.BytesIO(data), raise_defects=olefile.DEFECT_INCORRECT)
    project = VBA_Project(ole, "", "PROJECT", "VBA/dir", relaxed=False)
    project.parse_project_stream()
    list(project.parse_modules())
    sources = {m.name: bytes(m.code_raw).decode(project.codec) for m in project.modules}
    return sources, project.module_ext


def test_oletools_strict_reads_every_module_with_its_source() -> None:
    modules = _modules()
    data = build_vba_project(modules)
    sources, ext = _strict_parse(data)
    assert list(sources) == [m.name for m in modules]
    assert ext == {"thisworkbook": "cls", "sheet1": "cls", "modul1": "bas", "hitung": "cls"}
    for module in modules:
        assert without_attributes(sources[module.name]) == without_attributes(module.source)
        assert "\r\n" in sources[module.name] or not module.source
        assert "\n" not in sources[module.name].replace("\r\n", "")
    assert check_vba_project(data) == []


def test_streams_and_headers_as_excel_stores_them() -> None:
    streams = read_olefile(build_vba_project(_modules()))
    assert read_cfb(build_vba_project(_modules())) == streams
    assert streams["VBA/_VBA_PROJECT"] == bytes.fromhex("cc61ffff000100") == SOURCE_ONLY_HEADER
    sheet = decompress(streams["VBA/Sheet1"]).decode("cp1252")
    assert sheet.startswith('Attribute VB_Name = "Sheet1"\r\n'
                            'Attribute VB_Base = "0{00020820-0000-0000-C000-000000000046}"\r\n')
    book = decompress(streams["VBA/ThisWorkbook"]).decode("cp1252")
    assert 'VB_Base = "0{00020819-0000-0000-C000-000000000046}"' in book
    assert "Attribute VB_PredeclaredId = True\r\nAttribute VB_Exposed = True" in book
    cls = decompress(streams["VBA/Hitung"]).decode("cp1252")
    for line in ("Attribute VB_GlobalNameSpace = False", "Attribute VB_Creatable = False",
                 "Attribute VB_PredeclaredId = False", "Attribute VB_Exposed = True",
                 "Attribute VB_TemplateDerived = False", "Attribute VB_Customizable = False",
                 "Attribute Nilai.VB_UserMemId = 0"):
        assert line in cls
    assert "VERSION 1.0 CLASS" not in cls and "MultiUse" not in cls
    text = streams["PROJECT"].decode("cp1252")
    for line in ("Document=ThisWorkbook/&H00000000", "Document=Sheet1/&H00000000",
                 "Module=Modul1", "Class=Hitung", 'Name="VBAProject"', "[Workspace]"):
        assert line + "\r\n" in text
    wm = streams["PROJECTwm"]
    assert wm.endswith(b"\0\0") and b"Modul1\0M\0o\0d\0u\0l\x001\0\0\0" in wm


def test_vba_parser_lists_every_module(tmp_path: Path) -> None:
    path = tmp_path / "vbaProject.bin"
    path.write_bytes(build_vba_project(_modules()))
    parser = VBA_Parser(str(path))
    try:
        found = {stream.split("/")[-1] for (_, stream, _, _) in parser.extract_all_macros()}
    finally:
        parser.close()
    assert found == {"ThisWorkbook", "Sheet1", "Modul1", "Hitung"}


def test_xlwings_modules_round_trip() -> None:
    root = Path(xlwings.__file__).parent
    paths = ["xlwings.bas", "addin/Dictionary.cls"]
    modules = [module_from_file(root / path) for path in paths]
    sources, _ = _strict_parse(build_vba_project(modules))
    for module, path in zip(modules, paths, strict=True):
        original = (root / path).read_text(encoding="utf-8")
        assert without_attributes(sources[module.name]) == without_attributes(
            parse_exported(original).body)
        assert "Zoomer Analytics" in sources[module.name] or "Tim Hall" in sources[module.name]


def _decrypt(hex_text: str, guid: str) -> bytes:
    """MS-OVBA 2.4.3.3 decryption, written here independently of the writer's encrypt()."""
    raw = bytes.fromhex(hex_text)
    seed, version_enc, key_enc = raw[0], raw[1], raw[2]
    assert seed ^ version_enc == 2
    assert seed ^ key_enc == sum(guid.encode()) & 0xFF
    plain, prev_plain, enc1, enc2 = [], seed ^ key_enc, key_enc, version_enc
    for byte in raw[3:]:
        value = byte ^ ((enc2 + prev_plain) & 0xFF)
        plain.append(value)
        enc2, enc1, prev_plain = enc1, byte, value
    ignored = (seed & 6) // 2
    length = struct.unpack("<I", bytes(plain[ignored : ignored + 4]))[0]
    data = bytes(plain[ignored + 4 :])
    assert len(data) == length
    return data


def test_decryption_matches_a_project_saved_by_excel() -> None:
    # xlwings ships quickstart.xlsm, saved by Excel: its unprotected CMG/DPB/GC decode to 0/0/FF
    with zipfile.ZipFile(Path(xlwings.__file__).parent / "quickstart.xlsm") as zf:
        ole = olefile.OleFileIO(io.BytesIO(zf.read("xl/vbaProject.bin")))
        text = ole.openstream("PROJECT").read().decode("cp1252")
    fields = dict(line.split("=", 1) for line in text.splitlines() if "=" in line)
    guid = fields["ID"].strip('"')
    assert _decrypt(fields["CMG"].strip('"'), guid) == bytes(4)
    assert _decrypt(fields["DPB"].strip('"'), guid) == b"\0"
    assert _decrypt(fields["GC"].strip('"'), guid) == b"\xff"


def test_our_protection_fields_say_unprotected_and_visible() -> None:
    text = read_olefile(build_vba_project(_modules()))["PROJECT"].decode("cp1252")
    fields = dict(line.split("=", 1) for line in text.splitlines() if "=" in line)
    guid = fields["ID"].strip('"')
    assert guid == project_id("VBAProject")
    assert _decrypt(fields["CMG"].strip('"'), guid) == bytes(4)
    assert _decrypt(fields["DPB"].strip('"'), guid) == b"\0"
    assert _decrypt(fields["GC"].strip('"'), guid) == b"\xff"
    for seed in range(256):
        assert _decrypt(encrypt(guid, b"abc", seed), guid) == b"abc"


def test_references_include_stdole_and_office() -> None:
    raw = dir_stream(_modules(), "VBAProject")
    assert b"*\\G{00020430-0000-0000-C000-000000000046}#2.0#0#" in raw  # stdole
    assert b"*\\G{2DF8D04C-5BFA-101B-BDE5-00AA0044DE52}#2.0#0#" in raw  # Office: IRibbonControl


def test_build_is_deterministic() -> None:
    assert build_vba_project(_modules()) == build_vba_project(_modules())


def test_exported_header_is_normalised_and_names_checked(tmp_path: Path) -> None:
    path = tmp_path / "Hitung.cls"
    path.write_text(EXPORTED_CLASS, encoding="utf-8")
    module = module_from_file(path)
    assert module.kind is ModuleKind.CLASS and module.name == "Hitung"
    assert module.source.startswith("Option Explicit")
    assert module.attributes["VB_Exposed"] == "True"
    wrong = tmp_path / "Lain.cls"
    wrong.write_text(EXPORTED_CLASS, encoding="utf-8")
    with pytest.raises(ValueError, match="VB_Name"):
        module_from_file(wrong)
    text = stored_text(module)
    assert text.endswith("End Property\r\n") and "\n" not in text.replace("\r\n", "")


def test_refuses_what_vba_cannot_store() -> None:
    with pytest.raises(ValueError, match="code page"):
        build_vba_project([VbaModule("Modul1", ModuleKind.STANDARD, "' \u0101")])
    with pytest.raises(ValueError, match="duplicate"):
        build_vba_project([VbaModule("A", ModuleKind.STANDARD, ""),
                           VbaModule("a", ModuleKind.STANDARD, "")])
    with pytest.raises(ValueError, match="identifier"):
        VbaModule("1Bad", ModuleKind.STANDARD, "")


# --- negative controls: each corruption must make the checks fail --------------------------


def _module_offset_at(raw_dir: bytes, module: str) -> int:
    name = module.encode("cp1252")
    start = raw_dir.index(struct.pack("<HI", 0x0019, len(name)) + name)
    at = raw_dir.index(struct.pack("<HI", 0x0031, 4), start)
    return at + 6


def test_negative_control_corrupt_module_offset() -> None:
    modules = _modules()
    streams = vba_streams(modules)
    raw = bytearray(dir_stream(modules, "VBAProject"))
    struct.pack_into("<I", raw, _module_offset_at(bytes(raw), "Modul1"), 7)
    streams["VBA/dir"] = compress(bytes(raw))
    data = write_cfb(streams)
    with pytest.raises(Exception):  # noqa: B017 - any parser error will do
        _strict_parse(data)
    assert any("oletools strict parse failed" in p for p in check_vba_project(data))


def test_negative_control_module_missing_from_project_stream() -> None:
    modules = _modules()
    streams = vba_streams(modules)
    streams["PROJECT"] = streams["PROJECT"].replace(b"Module=Modul1\r\n", b"")
    problems = check_vba_project(write_cfb(streams))
    assert "module Modul1 is not declared in the PROJECT stream" in problems


def test_negative_control_broken_compressed_chunk() -> None:
    streams = vba_streams(_modules())
    broken = bytearray(streams["VBA/Modul1"])
    broken[2] ^= 0x70  # destroy the chunk signature bits
    streams["VBA/Modul1"] = bytes(broken)
    data = write_cfb(streams)
    with pytest.raises(ValueError):
        _strict_parse(data)
    assert any("oletools strict parse failed" in p for p in check_vba_project(data))


def test_negative_control_compiled_header_and_lf_endings() -> None:
    modules = _modules()
    streams = vba_streams(modules)
    streams["VBA/_VBA_PROJECT"] = bytes.fromhex("cc61b500000300")
    streams["VBA/Modul1"] = compress(b'Attribute VB_Name = "Modul1"\nSub A()\nEnd Sub\n')
    problems = check_vba_project(write_cfb(streams))
    assert any("source-only" in p for p in problems)
    assert "module Modul1: line endings are not CRLF" in problems


def test_negative_control_source_differs_from_expected(tmp_path: Path) -> None:
    (tmp_path / "Modul1.bas").write_text('Attribute VB_Name = "Modul1"\n' + STANDARD,
                                         encoding="utf-8")
    data = build_vba_project(_modules())
    assert check_vba_project(data, tmp_path) == []
    (tmp_path / "Modul1.bas").write_text(STANDARD.replace("85,5", "85,6"), encoding="utf-8")
    (tmp_path / "Hilang.bas").write_text("Sub X()\nEnd Sub\n", encoding="utf-8")
    problems = check_vba_project(data, tmp_path)
    assert "module Modul1: decoded source differs from Modul1.bas" in problems
    assert "module Hilang (Hilang.bas) is missing from the project" in problems
