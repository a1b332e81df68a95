"""A workbook package as zip entries: read lazily, change a few, write the rest unchanged.

Entries nobody changed are written back with their original `ZipInfo` (name, date, attributes,
compression) and their exact bytes; changed and new parts keep the compression of the entry
they replace (deflate for new ones). The entry order is kept, new parts go last.
"""

from __future__ import annotations

import io
import posixpath
import zipfile
import zlib
from pathlib import Path

from ..core.findings import WorkbookError
from . import xml
from .xml import CT, PKG_REL

MAX_PART_BYTES = 512 * 1024 * 1024  # a part that inflates beyond this is refused unread


class Package:
    """The parts of one .xlsx/.xlsm; `read`, `write`, `remove`, then `to_bytes`."""

    def __init__(self, data: bytes, label: str = "workbook") -> None:
        self.label = label
        try:
            self._zip = zipfile.ZipFile(io.BytesIO(data))
            self._infos = self._zip.infolist()
        except (zipfile.BadZipFile, OSError, ValueError) as exc:
            raise WorkbookError(f"File '{label}' rusak (zip tidak utuh).") from exc
        self._by_name = {i.filename: i for i in self._infos}
        self._changed: dict[str, bytes] = {}
        self._removed: set[str] = set()
        self._added: list[str] = []
        self._types: xml.etree._Element | None = None
        self._read: dict[str, bytes] = {}  # parts inflated once (a job reads a sheet twice)

    @classmethod
    def open(cls, path: str | Path) -> Package:
        path = Path(path)
        return cls(path.read_bytes(), path.name)

    # reading ------------------------------------------------------------------------------
    def names(self) -> list[str]:
        out = [i.filename for i in self._infos if i.filename not in self._removed]
        return out + [n for n in self._added if n not in self._removed]

    def has(self, name: str) -> bool:
        return name not in self._removed and (name in self._by_name or name in self._changed)

    def read(self, name: str) -> bytes:
        if name in self._changed:
            return self._changed[name]
        if name in self._removed or name not in self._by_name:
            raise KeyError(name)
        info = self._by_name[name]
        if info.file_size > MAX_PART_BYTES:
            raise WorkbookError(f"Bagian '{name}' file '{self.label}' terlalu besar "
                                f"({info.file_size // 2**20} MB setelah diekstrak; batas "
                                f"{MAX_PART_BYTES // 2**20} MB); file tidak diproses.")
        got = self._read.get(name)
        if got is not None:
            return got
        try:
            got = self._read[name] = self._zip.read(name)
            return got
        except (zipfile.BadZipFile, OSError, zlib.error, EOFError) as exc:
            raise WorkbookError(f"File '{self.label}' rusak: bagian '{name}' tidak dapat "
                                "dibaca.") from exc

    # changing -----------------------------------------------------------------------------
    def write(self, name: str, data: bytes, content_type: str | None = None) -> None:
        """Replace or add a part (with its content type Override when given)."""
        if name not in self._by_name and name not in self._added:
            self._added.append(name)
        self._removed.discard(name)
        self._changed[name] = data
        if content_type is not None:
            self.set_content_type(name, content_type)

    def remove(self, name: str) -> None:
        self._changed.pop(name, None)
        self._removed.add(name)
        types = self.types()
        for el in types.findall(f"{{{CT}}}Override"):
            if el.get("PartName") == "/" + name:
                types.remove(el)

    def free_name(self, pattern: str) -> str:
        """The first unused part name of a pattern like 'xl/worksheets/sheet{}.xml'."""
        used = {n.lower() for n in self.names()}
        n = 1
        while pattern.format(n).lower() in used:
            n += 1
        return pattern.format(n)

    # content types --------------------------------------------------------------------------
    def types(self) -> xml.etree._Element:
        if self._types is None:
            self._types = xml.parse(self.read("[Content_Types].xml"), "[Content_Types].xml")
        return self._types

    def content_type(self, name: str) -> str | None:
        types = self.types()
        for el in types.findall(f"{{{CT}}}Override"):
            if el.get("PartName", "").lower() == "/" + name.lower():
                return el.get("ContentType")
        ext = name.rsplit(".", 1)[-1].lower()
        for el in types.findall(f"{{{CT}}}Default"):
            if el.get("Extension", "").lower() == ext:
                return el.get("ContentType")
        return None

    def set_content_type(self, name: str, content_type: str) -> None:
        types = self.types()
        for el in types.findall(f"{{{CT}}}Override"):
            if el.get("PartName", "").lower() == "/" + name.lower():
                el.set("ContentType", content_type)
                return
        ext = name.rsplit(".", 1)[-1].lower()
        if any(el.get("Extension", "").lower() == ext and el.get("ContentType") == content_type
               for el in types.findall(f"{{{CT}}}Default")):
            return
        el = xml.etree.SubElement(types, f"{{{CT}}}Override")
        el.set("PartName", "/" + name)
        el.set("ContentType", content_type)

    # writing ------------------------------------------------------------------------------
    def to_bytes(self) -> bytes:
        if self._types is not None:
            self._changed["[Content_Types].xml"] = xml.serialize(self._types)
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, allowZip64=True) as dst:
            for info in self._infos:
                name = info.filename
                if name in self._removed:
                    continue
                if name in self._changed:
                    fresh = zipfile.ZipInfo(name, info.date_time)
                    fresh.compress_type = info.compress_type
                    fresh.external_attr = info.external_attr
                    fresh.create_system = info.create_system
                    body = self._changed[name]
                    dst.writestr(fresh, body, compresslevel=_level(body))
                else:
                    _copy_raw(self._zip, info, dst)
            for name in self._added:
                if name in self._removed:
                    continue
                fresh = zipfile.ZipInfo(name, (1980, 1, 1, 0, 0, 0))
                fresh.compress_type = zipfile.ZIP_DEFLATED
                body = self._changed[name]
                dst.writestr(fresh, body, compresslevel=_level(body))
        return out.getvalue()


def _level(body: bytes) -> int:
    """Deflate level: fast for big sheets (a kabupaten's level sheet is ~10 MB of XML), the
    usual 6 for the rest."""
    return 1 if len(body) > 1 << 20 else 6


def _copy_raw(src: zipfile.ZipFile, info: zipfile.ZipInfo, dst: zipfile.ZipFile) -> None:
    """Copy one entry without inflating and deflating it again (its exact compressed bytes)."""
    with src.open(info) as fh:
        raw = fh._fileobj  # type: ignore[attr-defined]  # positioned at the compressed data
        data = raw.read(info.compress_size)
    dst._writecheck(info)  # type: ignore[attr-defined]
    clone = zipfile.ZipInfo(info.filename, info.date_time)
    for attr in ("compress_type", "comment", "extra", "create_system", "create_version",
                 "extract_version", "flag_bits", "volume", "internal_attr", "external_attr",
                 "CRC", "compress_size", "file_size"):
        setattr(clone, attr, getattr(info, attr))
    clone.flag_bits &= ~0x08  # sizes are known: no data descriptor after the data
    clone.extra = _strip_zip64(clone.extra)
    clone.header_offset = dst.fp.tell()  # type: ignore[union-attr]
    dst.fp.write(clone.FileHeader(zip64=None))  # type: ignore[union-attr]
    dst.fp.write(data)  # type: ignore[union-attr]
    dst.start_dir = dst.fp.tell()  # type: ignore[attr-defined,union-attr]
    dst._didModify = True  # type: ignore[attr-defined]
    dst.filelist.append(clone)
    dst.NameToInfo[clone.filename] = clone


def _strip_zip64(extra: bytes) -> bytes:
    """Drop a zip64 extra field (FileHeader writes its own when needed)."""
    out, i = b"", 0
    while i + 4 <= len(extra):
        tag = int.from_bytes(extra[i:i + 2], "little")
        size = int.from_bytes(extra[i + 2:i + 4], "little")
        if tag != 0x0001:
            out += extra[i:i + 4 + size]
        i += 4 + size
    return out


# relationships -------------------------------------------------------------------------------

def rels_name(part: str) -> str:
    """The relationships part of a part: xl/worksheets/sheet1.xml -> xl/worksheets/_rels/…"""
    folder, base = posixpath.split(part)
    return posixpath.join(folder, "_rels", base + ".rels")


def source_of(rels_part: str) -> str:
    """The part a .rels part belongs to ('' for the package's own _rels/.rels)."""
    if rels_part == "_rels/.rels":
        return ""
    folder, base = rels_part.split("_rels/", 1)
    return folder + base[:-len(".rels")]


def resolve(source: str, target: str) -> str:
    """A relationship target as a part name (relative to the source part's folder)."""
    if target.startswith("/"):
        return target.lstrip("/")
    return posixpath.normpath(posixpath.join(posixpath.dirname(source), target))


def relative(source: str, part: str) -> str:
    return posixpath.relpath(part, posixpath.dirname(source) or ".")


class Rels:
    """One .rels part: list, add (with a fresh unique Id), remove."""

    def __init__(self, pkg: Package, source: str) -> None:
        self.pkg, self.source, self.name = pkg, source, rels_name(source)
        if pkg.has(self.name):
            self.root = xml.parse(pkg.read(self.name), self.name)
        else:
            self.root = xml.etree.Element(f"{{{PKG_REL}}}Relationships", nsmap={None: PKG_REL})
        self.dirty = False

    def items(self) -> list[xml.etree._Element]:
        return list(self.root.findall(f"{{{PKG_REL}}}Relationship"))

    def target_part(self, rel: xml.etree._Element) -> str | None:
        if rel.get("TargetMode") == "External":
            return None
        return resolve(self.source, rel.get("Target", ""))

    def by_id(self, rid: str) -> xml.etree._Element | None:
        for rel in self.items():
            if rel.get("Id") == rid:
                return rel
        return None

    def fresh_id(self) -> str:
        used = {rel.get("Id") for rel in self.items()}
        n = len(used) + 1
        while f"rId{n}" in used:
            n += 1
        return f"rId{n}"

    def add(self, rel_type: str, part: str, rid: str | None = None) -> str:
        rid = rid or self.fresh_id()
        el = xml.etree.SubElement(self.root, f"{{{PKG_REL}}}Relationship")
        el.set("Id", rid)
        el.set("Type", rel_type)
        el.set("Target", relative(self.source, part))
        self.dirty = True
        return rid

    def remove(self, rel: xml.etree._Element) -> None:
        self.root.remove(rel)
        self.dirty = True

    def save(self) -> None:
        if not self.dirty:
            return
        if len(self.items()):
            self.pkg.write(self.name, xml.serialize(self.root))
        elif self.pkg.has(self.name):
            self.pkg.remove(self.name)
        self.dirty = False
