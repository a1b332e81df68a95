"""The product's conditional formats (predikat colours) on a worksheet part, edited in place:
rules it wrote earlier are recognised (`visual.colours.is_ours`) and removed, the user's rules
and blocks stay byte for byte, the fresh rules are appended after them (lower precedence)."""

from __future__ import annotations

import html
import re
from collections.abc import Sequence

from ..visual.colours import ColourRule, is_ours
from . import xml
from .styles import Styles
from .xml import M

_BLOCK = re.compile(rb"<conditionalFormatting\b[^>]*?>(.*?)</conditionalFormatting>", re.S)
_RULE = re.compile(rb"<cfRule\b([^>]*?)(?:/>|>(.*?)</cfRule>)", re.S)
_FORMULA = re.compile(rb"<formula>(.*?)</formula>", re.S)
_PRIORITY = re.compile(rb'\bpriority="(\d+)"')
_AFTER = (b"<dataValidations", b"<hyperlinks", b"<printOptions", b"<pageMargins", b"<pageSetup",
          b"<headerFooter", b"<rowBreaks", b"<colBreaks", b"<customProperties",
          b"<cellWatches", b"<ignoredErrors", b"<smartTags", b"<drawing", b"<legacyDrawing",
          b"<legacyDrawingHF", b"<drawingHF", b"<picture", b"<oleObjects", b"<controls",
          b"<webPublishItems", b"<tableParts", b"<extLst", b"</worksheet>")


def _fill_of(styles: Styles, attrs: bytes) -> str | None:
    m = re.search(rb'\bdxfId="(\d+)"', attrs)
    dxf = styles.dxf(int(m.group(1))) if m else None
    if dxf is None:
        return None
    for tag in ("bgColor", "fgColor"):
        for el in dxf.iter(f"{M}{tag}"):
            rgb = el.get("rgb")
            if rgb and rgb.upper()[-6:] != "000000":
                return rgb
    return None


def _ours(styles: Styles, attrs: bytes, body: bytes | None) -> bool:
    if b'type="expression"' not in attrs or not body:
        return False
    formulas = _FORMULA.findall(body)
    if len(formulas) != 1:
        return False
    return is_ours(html.unescape(formulas[0].decode("utf-8")), _fill_of(styles, attrs))


def _drop_ours(data: bytes, styles: Styles) -> tuple[bytes, int]:
    """Remove our rules (and blocks left empty); return the part and where blocks end."""
    out, pos, last_end = [], 0, -1
    for block in _BLOCK.finditer(data):
        inner = block.group(1)
        kept = [r.group(0) for r in _RULE.finditer(inner)
                if not _ours(styles, r.group(1), r.group(2))]
        total = len(_RULE.findall(inner))
        out.append(data[pos:block.start()])
        if len(kept) == total:
            out.append(block.group(0))
        elif kept:
            start = block.start(1) - block.start()
            new_inner = _RULE.sub(lambda r: b"" if _ours(styles, r.group(1), r.group(2))
                                  else r.group(0), inner)
            out.append(block.group(0)[:start] + new_inner + b"</conditionalFormatting>")
        pos = block.end()
        last_end = sum(len(x) for x in out)
    out.append(data[pos:])
    return b"".join(out), last_end


def _dxf(fill: str) -> xml.etree._Element:
    argb = "FF" + fill
    return xml.etree.fromstring(
        f'<dxf xmlns="{xml.MAIN}"><fill><patternFill patternType="solid">'
        f'<fgColor rgb="{argb}"/><bgColor rgb="{argb}"/></patternFill></fill></dxf>')


def set_colour_rules(data: bytes, rules: Sequence[ColourRule], styles: Styles) -> bytes:
    """The worksheet part with our earlier rules replaced by `rules`."""
    cut = max(data.find(b"</sheetData>"), 0)  # rules live after the cells
    tail, last_end = _drop_ours(data[cut:], styles)
    data = data[:cut] + tail
    if last_end >= 0:
        last_end += cut
    if not rules:
        return data
    priority = max((int(p) for p in _PRIORITY.findall(tail)), default=0)
    blocks: dict[str, list[bytes]] = {}
    for rule in rules:
        priority += 1
        dxf = styles.add_dxf(_dxf(rule.fill))
        blocks.setdefault(rule.ref, []).append(
            f'<cfRule type="expression" dxfId="{dxf}" priority="{priority}" stopIfTrue="1">'
            f"<formula>{xml.escape_text(rule.formula)}</formula></cfRule>".encode())
    new = b"".join(f'<conditionalFormatting sqref="{ref}">'.encode() + b"".join(items)
                   + b"</conditionalFormatting>" for ref, items in blocks.items())
    if last_end >= 0:
        at = last_end
    else:
        at = min((i for i in (_find_tag(data, t, cut) for t in _AFTER) if i >= 0),
                 default=len(data))
    return data[:at] + new + data[at:]


def _find_tag(data: bytes, tag: bytes, start: int) -> int:
    """Position of a top-level tag (after sheetData, so cell text cannot match)."""
    while True:
        i = data.find(tag, start)
        if i < 0:
            return -1
        nxt = data[i + len(tag):i + len(tag) + 1]
        if tag.startswith(b"</") or nxt in (b" ", b">", b"/", b"\n", b"\r", b"\t"):
            return i
        start = i + 1
