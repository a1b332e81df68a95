"""Text-level reading for importers: bytes -> text (encodings, binary refusal), line splitting,
HTML fragments, and the Penjelasan of an indicator (Formulasi / Tipe / Sumber Data).

Pure (no spreadsheet library).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser

from ..core.findings import WorkbookError
from .report import Kind, ReportEntry

EDGE = " :=-–•;,"  # punctuation trimmed from the ends of a field


class ImportFailed(WorkbookError):
    """The input cannot be imported at all (empty, binary, not a cascading export)."""


_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1a\x1c-\x1f\x7f]")


def decode(data: bytes) -> tuple[str, str, list[ReportEntry]]:
    """(text, encoding name, report entries): UTF-8 (with or without BOM), UTF-16 with a BOM,
    else Windows-1252 with a warning. Refuses empty and binary input."""
    if not data.strip():
        raise ImportFailed("File kosong: tidak ada teks untuk diimpor.")
    notes: list[ReportEntry] = []
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        text, encoding = data.decode("utf-16", errors="replace"), "UTF-16"
    elif (bom_less := _utf16_without_bom(data)) is not None:
        text, encoding = data.decode(bom_less, errors="replace"), "UTF-16"
    elif b"\x00" in data:
        raise ImportFailed("File ini file biner (berisi byte NUL), bukan teks ekspor cascading. "
                           "Simpan halaman cascading e-SAKIP sebagai teks (.txt) lalu coba lagi.")
    else:
        try:
            text, encoding = data.decode("utf-8-sig"), "UTF-8"
        except UnicodeDecodeError:
            try:
                text, encoding = data.decode("cp1252"), "Windows-1252"
            except UnicodeDecodeError:
                text, encoding = data.decode("latin-1"), "Latin-1"
            notes.append(ReportEntry(Kind.PERINGATAN, (), (
                f"File bukan UTF-8; dibaca sebagai {encoding}. Periksa huruf khusus (tanda "
                "petik, huruf beraksen) di hasil impor; sebaiknya simpan ulang file sebagai "
                "UTF-8.")))
    if not text.strip():
        raise ImportFailed("File kosong: tidak ada teks untuk diimpor.")
    if len(_CONTROL.findall(text)) > max(3, len(text) // 100):
        raise ImportFailed("File ini tampaknya file biner (banyak karakter kendali), bukan teks "
                           "ekspor cascading.")
    return text, encoding, notes


def _utf16_without_bom(data: bytes) -> str | None:
    """'utf-16-le'/'utf-16-be' when data looks like UTF-16 text without a BOM (a NUL in
    almost every other byte, as Latin text gives), else None."""
    if len(data) < 4 or len(data) % 2:
        return None
    odd, even = data[1::2], data[0::2]
    for codec, zeros, chars in (("utf-16-le", odd, even), ("utf-16-be", even, odd)):
        if zeros.count(0) >= 0.9 * len(zeros) and chars.count(0) == 0:
            return codec
    return None


def split_lines(text: str) -> list[str]:
    """Lines as an editor numbers them (\\n, \\r\\n or \\r), without a final empty line."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return lines


# HTML fragments and Penjelasan ---------------------------------------------------------------

class _TextOnly(HTMLParser):
    _BLOCKS = frozenset({"p", "li", "br", "ul", "ol", "div", "tr", "td", "th"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag in self._BLOCKS:
            self.parts.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in self._BLOCKS:
            self.parts.append(" ")

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def strip_html(text: str) -> str:
    """The text of an HTML fragment (tags dropped, entities decoded, spaces collapsed)."""
    if re.search(r"<\s*/?\s*[a-zA-Z]", text) or "&" in text:
        parser = _TextOnly()
        parser.feed(text)
        parser.close()
        text = "".join(parser.parts)
    return " ".join(text.replace("\u00a0", " ").split())


_LABEL = re.compile(
    r"(?:(?<=\s)|^)(?:[a-e][.)]\s*|[-–•]\s*)?"
    r"(?P<label>formulasi(?:\s*/\s*cara\s+pengukuran)?|cara\s+pengukuran"
    r"|(?:tipe|jenis)\s+pe(?:ng|r)hitungan|sumber\s+data)\s*[:=]?\s*",
    re.IGNORECASE)


def has_label(text: str) -> bool:
    """True when text holds a Penjelasan label (Formulasi, Tipe Penghitungan, Sumber Data)."""
    return _LABEL.search(strip_html(text)) is not None


@dataclass
class Penjelasan:
    formulasi: str = ""
    tipe_text: str = ""
    sumber: str = ""


def read_penjelasan(text: str) -> Penjelasan:
    """Formulasi, Tipe Penghitungan and Sumber Data out of a Penjelasan text (or HTML)."""
    plain = strip_html(text)
    out = Penjelasan()
    matches = list(_LABEL.finditer(plain))
    lead = plain[: matches[0].start()] if matches else plain
    parts: dict[str, str] = {}
    for m, nxt in zip(matches, [*matches[1:], None] if matches else [], strict=True):
        label = m.group("label").casefold()
        key = "tipe" if "hitungan" in label else "sumber" if "sumber" in label else "formulasi"
        value = plain[m.end(): nxt.start() if nxt else len(plain)].strip(EDGE)
        parts[key] = (parts.get(key, "") + " " + value).strip() if key in parts else value
    lead = re.sub(r"^[a-e][.)]\s+", "", lead.strip(EDGE)).strip(EDGE)
    out.formulasi = " ".join(p for p in (lead, parts.get("formulasi", "")) if p)
    out.tipe_text = parts.get("tipe", "")
    out.sumber = parts.get("sumber", "")
    return out
