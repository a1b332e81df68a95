"""The shape of the Pohon Kinerja, independent of any sheet: forest, pages and tidy placement.

Tujuan, Sasaran, Program and Kegiatan are laid out as a tidy tree (leaves left to right, one
column band per leaf, every parent centred over its children, one tier per level). Sub Kegiatan
are listed top-down under their Kegiatan inside the Kegiatan's band, so a kecamatan with a few
dozen Sub Kegiatan stays about ten bands wide. A tree wider than `max_bands` is cut into pages
by subtree (Tujuan, then Sasaran, Program, Kegiatan) and the ancestors of each part are drawn
again, marked as repeated, so every page reads from its top.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from ..core.contract import Level
from ..core.model import Node, Plan

STACK_LEVEL = Level.SUB_KEGIATAN  # listed under its parent instead of spread sideways
STACK_TIER = int(STACK_LEVEL)  # tier of the first stacked box; slot i is tier STACK_TIER + i


@dataclass
class TreeNode:
    """A node as drawn: its sideways children (`kids`) and its listed children (`stack`)."""

    node: Node
    kids: list[TreeNode] = field(default_factory=list)
    stack: list[TreeNode] = field(default_factory=list)
    parent: TreeNode | None = None
    orphan: bool = False  # its Kode Induk names no node on the level above
    repeated: bool = False  # an ancestor drawn again on a later page

    def walk(self) -> Iterator[TreeNode]:
        yield self
        for child in (*self.kids, *self.stack):
            yield from child.walk()


def build_forest(plan: Plan) -> list[TreeNode]:
    """Every node of the plan exactly once: the Tujuan trees, then nodes whose parent is
    missing (drawn as extra roots on their own level), in sheet order."""
    made: dict[int, TreeNode] = {}
    first: set[tuple[Level, str]] = set()

    def make(node: Node, parent: TreeNode | None) -> TreeNode:
        t = TreeNode(node, parent=parent)
        made[id(node)] = t
        key = (node.level, node.code)
        if key in first:  # a duplicated Kode: its children hang under the first one
            return t
        first.add(key)
        for child in plan.children(node):
            if id(child) in made:
                continue
            (t.stack if child.level is STACK_LEVEL else t.kids).append(make(child, t))
        return t

    forest = [make(n, None) for n in plan.levels[Level.TUJUAN]]
    for level in Level:
        for node in plan.levels[level]:
            if id(node) not in made:
                root = make(node, None)
                root.orphan = level is not Level.TUJUAN
                forest.append(root)
    return forest


def bands(t: TreeNode) -> int:
    """Column bands the subtree needs (a node without sideways children needs one)."""
    return sum(bands(k) for k in t.kids) if t.kids else 1


def _split(t: TreeNode, max_bands: int) -> list[TreeNode]:
    if bands(t) <= max_bands or not t.kids:
        return [t]
    return [part for k in t.kids for part in _split(k, max_bands)]


def _chain(t: TreeNode) -> list[TreeNode]:
    """Ancestors of t, root first."""
    out = []
    while t.parent is not None:
        t = t.parent
        out.append(t)
    return out[::-1]


@dataclass
class Page:
    """One sheet of the diagram: the forest to draw and the subtrees it shows in full."""

    forest: list[TreeNode]
    parts: list[TreeNode]

    def bands(self) -> int:
        return sum(bands(t) for t in self.forest)


def paginate(forest: list[TreeNode], max_bands: int) -> list[Page]:
    """Cut the forest into pages of at most max_bands bands (one page when it fits).
    Consecutive parts share a page while they fit; a part is a whole Tujuan tree when it
    fits, else its Sasaran subtrees, and so on down to single Kegiatan (one band each)."""
    parts = [p for t in forest for p in _split(t, max_bands)]
    groups: list[list[TreeNode]] = []
    used = 0
    for part in parts:
        need = bands(part)
        if not groups or used + need > max_bands:
            groups.append([])
            used = 0
        groups[-1].append(part)
        used += need
    seen: set[int] = set()
    return [Page(_prune(group, seen), group) for group in groups]


def _prune(parts: list[TreeNode], seen: set[int]) -> list[TreeNode]:
    """The parts of one page hung under copies of their ancestors."""
    tops: list[TreeNode] = []
    copies: dict[int, TreeNode] = {}
    for part in parts:
        holder, parent = tops, None
        for a in _chain(part):
            copy = copies.get(id(a))
            if copy is None:
                copy = TreeNode(a.node, parent=parent, orphan=a.orphan,
                                repeated=a.repeated or id(a) in seen)
                seen.add(id(a))
                copies[id(a)] = copy
                holder.append(copy)
            holder, parent = copy.kids, copy
        holder.append(part)
    return tops


@dataclass(frozen=True)
class Placement:
    """Where a box goes: its tier (row band) and its first unit column (0-based)."""

    tree: TreeNode
    tier: int
    col: int
    width: int

    @property
    def centre(self) -> int:
        """The unit column whose left edge is the box's vertical middle (width is even)."""
        return self.col + self.width // 2


@dataclass
class Placed:
    boxes: list[Placement]
    units: int  # width of the drawing in unit columns
    by_tree: dict[int, Placement]

    def of(self, t: TreeNode) -> Placement:
        return self.by_tree[id(t)]


STACK_INDENT = 1  # unit columns between a Kegiatan's left edge and its listed Sub Kegiatan


def place(forest: list[TreeNode], box: int, gap: int) -> Placed:
    """Tidy placement: leaf k starts at unit k * (box + gap); a parent starts at the middle of
    its first and last child (rounded down), so it stays inside its own leaves' bands and
    boxes of one tier never overlap. `box` must be even and larger than STACK_INDENT."""
    if box % 2 or box <= STACK_INDENT:
        raise ValueError("box width must be even and wider than the stack indent")
    step = box + gap
    boxes: list[Placement] = []
    leaf = 0

    def visit(t: TreeNode) -> int:
        nonlocal leaf
        if t.kids:
            starts = [visit(k) for k in t.kids]
            start = (starts[0] + starts[-1]) // 2
        else:
            start = leaf * step
            leaf += 1
        if t.node.level is STACK_LEVEL:  # an orphan Sub Kegiatan: first slot of its band
            boxes.append(Placement(t, STACK_TIER, start + STACK_INDENT, box - STACK_INDENT))
        else:
            boxes.append(Placement(t, int(t.node.level), start, box))
        for i, s in enumerate(t.stack):
            boxes.append(Placement(s, STACK_TIER + i, start + STACK_INDENT, box - STACK_INDENT))
        return start

    for t in forest:
        visit(t)
    units = max(leaf * step - gap, 0)
    return Placed(boxes, units, {id(p.tree): p for p in boxes})
