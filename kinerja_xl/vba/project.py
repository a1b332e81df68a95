"""MS-OVBA VBA project (vbaProject.bin) from module sources.

The project is source-only: `_VBA_PROJECT` carries no performance cache, so the host compiles
the modules from their source text when it opens the file. Streams written: PROJECT,
PROJECTwm, VBA/_VBA_PROJECT, VBA/dir (compressed) and one compressed stream per module.
"""

from __future__ import annotations

import struct
import uuid
from collections.abc import Sequence
from dataclasses import dataclass

from kinerja_xl.vba.cfb import write_cfb
from kinerja_xl.vba.compression import compress
from kinerja_xl.vba.source import (
    CODEPAGE,
    ENCODING,
    ModuleKind,
    VbaModule,
    encode_source,
    stored_text,
)

SOURCE_ONLY_HEADER = struct.pack("<HHBH", 0x61CC, 0xFFFF, 0x00, 0x0001)
LCID_EN_US = 0x0409
SYSKIND_WIN32 = 0x00000001
_VBE_EXTENDER = "&H00000001={3832D640-CF90-11CF-8E43-00A0C911005A};VBE;&H00000000"
_ENCRYPTION_SEED = 0x6A  # MS-OVBA 2.4.3: any seed is valid; fixed for reproducible output
_IGNORED_BYTE = 0x00


@dataclass(frozen=True)
class Reference:
    """A registered type library reference (REFERENCEREGISTERED record)."""

    name: str
    libid: str


STDOLE = Reference(
    "stdole",
    r"*\G{00020430-0000-0000-C000-000000000046}#2.0#0#C:\Windows\System32\stdole2.tlb"
    "#OLE Automation",
)
# Office type library (IRibbonControl). Version 2.0: VBA binds the newest installed 2.x.
OFFICE = Reference(
    "Office",
    r"*\G{2DF8D04C-5BFA-101B-BDE5-00AA0044DE52}#2.0#0#C:\Program Files\Common Files"
    r"\Microsoft Shared\OFFICE16\MSO.DLL#Microsoft Office 16.0 Object Library",
)
DEFAULT_REFERENCES = (STDOLE, OFFICE)


def project_id(project_name: str) -> str:
    """Stable project GUID in PROJECT's `ID=` form, derived from the project name."""
    return "{" + str(uuid.uuid5(uuid.NAMESPACE_URL, f"kinerja_xl:{project_name}")).upper() + "}"


def encrypt(project_guid: str, data: bytes, seed: int = _ENCRYPTION_SEED) -> str:
    """MS-OVBA 2.4.3.2 data encryption (obfuscation) as upper-case hex, as PROJECT stores it."""
    version = 2
    proj_key = sum(project_guid.encode("ascii")) & 0xFF
    out = bytearray([seed, seed ^ version, seed ^ proj_key])
    unencrypted1, encrypted1, encrypted2 = proj_key, seed ^ proj_key, seed ^ version
    ignored = [_IGNORED_BYTE] * ((seed & 6) // 2)
    for byte in [*ignored, *struct.pack("<I", len(data)), *data]:
        enc = byte ^ ((encrypted2 + unencrypted1) & 0xFF)
        out.append(enc)
        encrypted2, encrypted1, unencrypted1 = encrypted1, enc, byte
    return out.hex().upper()


def _record(rid: int, payload: bytes) -> bytes:
    return struct.pack("<HI", rid, len(payload)) + payload


def _text_pair(rid: int, reserved: int, text: str) -> bytes:
    """A record with an MBCS string followed by its UTF-16 twin (e.g. DOCSTRING)."""
    mbcs = text.encode(ENCODING)
    return _record(rid, mbcs) + struct.pack("<HI", reserved, len(text) * 2) + text.encode(
        "utf-16-le"
    )


def _reference(ref: Reference) -> bytes:
    name = _text_pair(0x0016, 0x003E, ref.name)
    libid = ref.libid.encode(ENCODING)
    body = struct.pack("<I", len(libid)) + libid + struct.pack("<IH", 0, 0)
    return name + _record(0x000D, body)


def _module_record(module: VbaModule) -> bytes:
    name = module.name.encode(ENCODING)
    unicode_name = module.name.encode("utf-16-le")
    out = _record(0x0019, name) + _record(0x0047, unicode_name)
    out += _record(0x001A, name) + struct.pack("<HI", 0x0032, len(unicode_name)) + unicode_name
    out += _text_pair(0x001C, 0x0048, "")  # MODULEDOCSTRING
    out += _record(0x0031, struct.pack("<I", 0))  # MODULEOFFSET: source starts at 0
    out += _record(0x001E, struct.pack("<I", 0))  # MODULEHELPCONTEXT
    out += _record(0x002C, struct.pack("<H", 0xFFFF))  # MODULECOOKIE
    kind = 0x0021 if module.kind is ModuleKind.STANDARD else 0x0022
    out += struct.pack("<HI", kind, 0)
    out += struct.pack("<HI", 0x002B, 0)  # terminator
    return out


def dir_stream(modules: Sequence[VbaModule], project_name: str,
               references: Sequence[Reference] = DEFAULT_REFERENCES) -> bytes:
    """Uncompressed `dir` stream: project information, references, modules (MS-OVBA 2.3.4.2)."""
    out = _record(0x0001, struct.pack("<I", SYSKIND_WIN32))
    out += _record(0x0002, struct.pack("<I", LCID_EN_US))
    out += _record(0x0014, struct.pack("<I", LCID_EN_US))
    out += _record(0x0003, struct.pack("<H", CODEPAGE))
    out += _record(0x0004, project_name.encode(ENCODING))
    out += _text_pair(0x0005, 0x0040, "")  # PROJECTDOCSTRING
    out += _help_file()
    out += _record(0x0007, struct.pack("<I", 0))  # PROJECTHELPCONTEXT
    out += _record(0x0008, struct.pack("<I", 0))  # PROJECTLIBFLAGS
    out += struct.pack("<HIIH", 0x0009, 4, 1, 0)  # PROJECTVERSION 1.0
    out += _text_pair(0x000C, 0x003C, "")  # PROJECTCONSTANTS
    for ref in references:
        out += _reference(ref)
    out += _record(0x000F, struct.pack("<H", len(modules)))
    out += _record(0x0013, struct.pack("<H", 0xFFFF))  # PROJECTCOOKIE
    for module in modules:
        out += _module_record(module)
    out += struct.pack("<HI", 0x0010, 0)  # terminator
    return out


def _help_file() -> bytes:
    """PROJECTHELPFILEPATH with two empty paths (HelpFile1 and HelpFile2)."""
    return _record(0x0006, b"") + struct.pack("<HI", 0x003D, 0)


def project_stream(modules: Sequence[VbaModule], project_name: str, guid: str) -> bytes:
    """The PROJECT text stream (MS-OVBA 2.3.1): module list, name, protection, workspace."""
    lines = [f'ID="{guid}"']
    for module in modules:
        if module.kind is ModuleKind.DOCUMENT:
            lines.append(f"Document={module.name}/&H00000000")
        elif module.kind is ModuleKind.CLASS:
            lines.append(f"Class={module.name}")
        else:
            lines.append(f"Module={module.name}")
    lines += [
        f'Name="{project_name}"',
        'HelpContextID="0"',
        'VersionCompatible32="393222000"',
        f'CMG="{encrypt(guid, bytes(4))}"',  # protection state: none
        f'DPB="{encrypt(guid, bytes(1))}"',  # password: none
        f'GC="{encrypt(guid, bytes([0xFF]))}"',  # visibility: visible
        "",
        "[Host Extender Info]",
        _VBE_EXTENDER,
        "",
        "[Workspace]",
    ]
    lines += [f"{module.name}=0, 0, 0, 0, C" for module in modules]
    return ("\r\n".join(lines) + "\r\n").encode(ENCODING)


def project_wm_stream(modules: Sequence[VbaModule]) -> bytes:
    """PROJECTwm: each module name in MBCS and UTF-16, then a 0x0000 terminator."""
    out = b"".join(
        m.name.encode(ENCODING) + b"\0" + m.name.encode("utf-16-le") + b"\0\0" for m in modules
    )
    return out + b"\0\0"


def vba_streams(modules: Sequence[VbaModule], *, project_name: str = "VBAProject",
                workbook_module: str = "ThisWorkbook",
                references: Sequence[Reference] = DEFAULT_REFERENCES) -> dict[str, bytes]:
    """Every stream of the project by compound-file path ("PROJECT", "VBA/dir", ...)."""
    names = [m.name.upper() for m in modules]
    duplicates = sorted({n for n in names if names.count(n) > 1})
    if duplicates:
        raise ValueError(f"duplicate module names (VBA ignores case): {', '.join(duplicates)}")
    guid = project_id(project_name)
    streams = {
        "PROJECT": project_stream(modules, project_name, guid),
        "PROJECTwm": project_wm_stream(modules),
        "VBA/_VBA_PROJECT": SOURCE_ONLY_HEADER,
        "VBA/dir": compress(dir_stream(modules, project_name, references)),
    }
    for module in modules:
        text = stored_text(module, workbook_module)
        streams[f"VBA/{module.name}"] = compress(encode_source(text, f"module {module.name}"))
    return streams


def build_vba_project(modules: Sequence[VbaModule], *, project_name: str = "VBAProject",
                      workbook_module: str = "ThisWorkbook",
                      references: Sequence[Reference] = DEFAULT_REFERENCES) -> bytes:
    """vbaProject.bin bytes for `modules`, in the given order (document modules first is usual).

    `workbook_module` names the document module that gets the Workbook base class; the other
    document modules get the Worksheet base class.
    """
    return write_cfb(vba_streams(modules, project_name=project_name,
                                 workbook_module=workbook_module, references=references))
