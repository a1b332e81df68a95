"""From the raw tree to a `Plan`: codes from the source numbering, then nodes and indicators.

Pure. Codes: Tujuan T1…, Sasaran S1…, Program P<n>, Kegiatan P<n>.K<n>, Sub Kegiatan
P<n>.K<n>.S<n>, with the numbers written in the export; a number used twice under one parent
gets the next free one (and a report entry).
"""

from __future__ import annotations

from collections.abc import Callable

from ..core.contract import Level, Polarity, Tipe
from ..core.model import Indicator, Node, Plan, Settings
from ..core.vocab import read_tipe
from .nomenklatur import norm_name
from .raw import RawNode, RawTree
from .report import Kind
from .text import Penjelasan

Add = Callable[[Kind, list[int], str], None]


def pen_key(p: Penjelasan) -> tuple[str, str, str]:
    """Comparison key of a Penjelasan (to tell whether a repeated row says the same)."""
    return norm_name(p.formulasi), norm_name(p.tipe_text), norm_name(p.sumber)


def assign_codes(tree: RawTree, add: Add) -> None:
    """T1…, S1…; Program 'P<n>', Kegiatan 'P<n>.K<n>', Sub Kegiatan 'P<n>.K<n>.S<n>' with the
    numbers of the source; a number used twice under one parent gets the next free one."""
    for i, node in enumerate(tree.tujuan, start=1):
        node.code = f"T{i}"
    for i, node in enumerate(tree.sasaran, start=1):
        node.code = f"S{i}"

    def number(nodes: list[RawNode], prefix: str, letter: str) -> None:
        taken: set[int] = set()
        for node in nodes:
            n = node.number or 1
            if n in taken:
                free = n
                while free in taken:
                    free += 1
                add(Kind.INFO, [node.line], f"nomor {node.level.sheet} {n} sudah dipakai di "
                    f"induk yang sama; {node.label()} diberi kode {prefix}{letter}{free}")
                n = free
            taken.add(n)
            node.number_used = n
            node.code = f"{prefix}{letter}{n}"

    number(tree.programs, "", "P")
    for prog in tree.programs:
        number([k for k in tree.kegiatan if k.program is prog], f"{prog.code}.", "K")
    orphan = [k for k in tree.kegiatan if k.program is None]
    number(orphan, "X.", "K")
    for keg in tree.kegiatan:
        number([s for s in tree.subs if s.parent is keg], f"{keg.code}.", "S")
    number([s for s in tree.subs if s.parent is None], "X.K0.", "S")


def to_plan(tree: RawTree, settings: Settings, add: Add,
            ) -> tuple[Plan, dict[tuple[Level, str], list[str]]]:
    """The Plan (kegiatan and sub kegiatan grouped under their parents) and the notes per
    node; indicators without a recognised Tipe become Non Kumulatif, without polarity
    Positif (both reported)."""
    plan = Plan(settings)
    notes: dict[tuple[Level, str], list[str]] = {}
    unknown_tipe: list[int] = []
    no_polarity: list[int] = []
    order = {id(n): i for i, n in enumerate([*tree.programs, *tree.kegiatan])}

    def key(n: RawNode) -> tuple[int, int]:
        anchor = n.parent if n.level is Level.SUB_KEGIATAN else n.program
        return (order.get(id(anchor), 10**6), n.number_used)

    levels = {
        Level.TUJUAN: tree.tujuan, Level.SASARAN: tree.sasaran,
        Level.PROGRAM: tree.programs,
        Level.KEGIATAN: sorted(tree.kegiatan, key=key),
        Level.SUB_KEGIATAN: sorted(tree.subs, key=key),
    }
    for level, raws in levels.items():
        for raw in raws:
            node = Node(level, raw.code, 0, raw.parent.code if raw.parent else "", raw.uraian,
                        raw.sasaran)
            for ri in raw.indicators:
                tipe, pol = read_tipe(ri.pen.tipe_text)
                if tipe is None:
                    unknown_tipe.append(ri.line)
                if pol is None:
                    no_polarity.append(ri.line)
                node.indicators.append(Indicator(
                    0, ri.name, "", pol or Polarity.POSITIF, tipe or Tipe.NON_KUMULATIF,
                    ri.pen.tipe_text, ri.pen.formulasi, ri.pen.sumber))
            if not raw.indicators:
                add(Kind.PERINGATAN, [raw.line], f"{raw.label()} tidak punya indikator; "
                    "lengkapi sebelum Periksa Tautan")
            msgs = ([raw.parent_note] if raw.parent_note else []) + list(dict.fromkeys(
                raw.notes))
            if msgs:
                notes[(level, raw.code)] = msgs
            plan.levels[level].append(node)
    if unknown_tipe:
        add(Kind.PERINGATAN, sorted(unknown_tipe), f"{len(unknown_tipe)} indikator tanpa Tipe "
            "Penghitungan yang dikenali; dianggap Non Kumulatif")
    if no_polarity:
        add(Kind.INFO, sorted(no_polarity), f"{len(no_polarity)} indikator tidak menyebut "
            "polaritas; dianggap Positif (hanya yang bertuliskan 'Negatif' dibuat Negatif)")
    return plan, notes


