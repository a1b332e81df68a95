"""Reading the e-SAKIP cascading text export (format of the Kebasen seed) into a `Plan`.

Pure: bytes or text in, a `Plan` plus an import report out; no spreadsheet library here.

The export repeats a "CASCADING … TAHUN …" block per program: a TUJUAN table and a SASARAN
table (tab separated: statement, indicator, Penjelasan), then `Program N`, `Kegiatan N` and
`Sub Kegiatan N` headings, each followed by its name, `Sasaran …` + text and `Indikator
Kinerja …` + indicator lines + `Penjelasan` (Formulasi / Tipe Penghitungan / Sumber Data, plain
or as HTML fragments). Real exports are messy: sub kegiatan listed by column before their
Sasaran blocks, indicator blocks after a run of empty headings, repeated numbers, arrows. The
rules used to put them back together are in docs/impor.md; every line is either used or
reported (`ImportResult.report`).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..core.contract import Level
from ..core.findings import clip
from ..core.model import Plan, Settings
from .assemble import assign_codes, pen_key, to_plan
from .lines import ARROWS, Line, classify, read_title, spaced_cells, split_names
from .nomenklatur import kegiatan_of, same_name, words
from .raw import NOTE_NOMENKLATUR, NOTE_ORDER, NOTE_PAIRED, RawIndicator, RawNode, RawTree
from .report import Kind, ReportEntry
from .text import (
    ImportFailed,
    Penjelasan,
    decode,
    has_label,
    read_penjelasan,
    split_lines,
    strip_html,
)


@dataclass
class ImportResult:
    """What the importer made of a file: the plan, the report, and per-node notes."""

    plan: Plan
    report: list[ReportEntry]
    notes: dict[tuple[Level, str], list[str]]
    used: set[int]
    line_count: int
    encoding: str = "UTF-8"
    shape: str = "teks cascading e-SAKIP"  # how the source was read
    columns: list[str] = field(default_factory=list)  # column -> field lines of a table
    given: dict[int, set[str]] = field(default_factory=dict)  # id(obj) -> headers the source filled
    rows: dict[int, int] = field(default_factory=dict)  # id(node or indicator) -> source row

    def accounted(self) -> set[int]:
        """Line numbers used or named in the report (should be every line of the input)."""
        out = set(self.used)
        for entry in self.report:
            out.update(entry.lines)
        return out

    def counts(self) -> dict[str, int]:
        """Number of nodes per level sheet, and of indicators."""
        out = {level.sheet: len(self.plan.levels[level]) for level in Level}
        out["Indikator"] = sum(len(n.indicators) for n in self.plan.nodes())
        return out

    def summary(self) -> str:
        return ", ".join(f"{k} {v}" for k, v in self.counts().items())


class _Parser:
    def __init__(self, lines: list[str]) -> None:
        self.lines = [classify(i, raw) for i, raw in enumerate(lines, start=1)]
        self.report: list[ReportEntry] = []
        self.used: set[int] = set()
        self.groups: dict[str, list[int]] = {k: [] for k in
                                             ("blank", "arrow", "title", "eselon", "table")}
        self.stripped_arrows: list[int] = []
        self.tree = RawTree()
        self.block: dict[Level, list[RawNode]] = {Level.TUJUAN: [], Level.SASARAN: []}
        self.table: Level | None = None
        self.program: RawNode | None = None
        self.last_kegiatan: RawNode | None = None
        self.current: RawNode | None = None
        self.awaiting: list[RawNode] = []  # nodes whose Indikator heading had nothing under it
        self.pending: list[RawNode] = []  # sub kegiatan read with a title only
        self.settings = Settings()
        self.repeats: dict[int, tuple[RawNode, list[int], list[int]]] = {}
        self.unsplit: dict[Level, list[int]] = {Level.TUJUAN: [], Level.SASARAN: []}
        self.spaced: list[int] = []  # table rows whose columns were split at runs of spaces

    # helpers ---------------------------------------------------------------------------------
    def add(self, kind: Kind, lines: list[int] | tuple[int, ...], message: str) -> None:
        self.report.append(ReportEntry(kind, tuple(lines), message))

    def use(self, *nos: int) -> None:
        self.used.update(nos)

    def next_nonblank(self, i: int) -> int:
        while i < len(self.lines) and self.lines[i].kind == "blank":
            self.groups["blank"].append(self.lines[i].no)
            i += 1
        return i

    def text_of(self, ln: Line) -> str:
        cleaned = ln.text.strip(ARROWS + " \t")
        if any(ch in ARROWS for ch in ln.raw):
            self.stripped_arrows.append(ln.no)
        return " ".join(cleaned.split())

    # main loop -------------------------------------------------------------------------------
    def run(self) -> None:
        i = 0
        while i < len(self.lines):
            ln = self.lines[i]
            handler = getattr(self, f"on_{ln.kind}")
            i = handler(i, ln)

    def on_blank(self, i: int, ln: Line) -> int:
        self.groups["blank"].append(ln.no)
        return i + 1

    def on_arrow(self, i: int, ln: Line) -> int:
        self.groups["arrow"].append(ln.no)
        return i + 1

    def on_title(self, i: int, ln: Line) -> int:
        self.groups["title"].append(ln.no)
        who, year = read_title(ln.text)
        s = self.settings
        if not s.nama_instansi and who:
            s.nama_instansi, s.tahun = who, year
            self.use(ln.no)
        elif who and (who != s.nama_instansi or (year and year != s.tahun)):
            self.add(Kind.PERINGATAN, [ln.no], f"judul '{clip(ln.text)}' berbeda dari judul "
                     f"pertama ({s.nama_instansi} {s.tahun or ''}); dipakai yang pertama")
        self.block = {Level.TUJUAN: [], Level.SASARAN: []}
        self.table, self.program, self.current = None, None, None
        return i + 1

    def on_eselon(self, i: int, ln: Line) -> int:
        self.groups["eselon"].append(ln.no)
        self.table = None
        return i + 1

    def on_table_title(self, i: int, ln: Line) -> int:
        self.groups["table"].append(ln.no)
        self.table = ln.level
        return i + 1

    def on_table_head(self, i: int, ln: Line) -> int:
        self.groups["table"].append(ln.no)
        self.table = ln.level
        return i + 1

    def on_table_row(self, i: int, ln: Line) -> int:
        if self.table is None:
            self.add(Kind.DILEWATI, [ln.no], "baris bertab di luar tabel TUJUAN/SASARAN: "
                     f"'{clip(ln.text)}'")
            return i + 1
        cells = [" ".join(c.split()) for c in ln.raw.split("\t")]
        statement = cells[0].strip(ARROWS + " ")
        name = cells[1] if len(cells) > 1 else ""
        pen = " ".join(c for c in cells[2:] if c)
        self.table_row(self.table, ln.no, statement, name, pen)
        return i + 1

    def spaced_row(self, i: int, ln: Line, level: Level) -> int:
        """A row of a TUJUAN/SASARAN table whose tabs were turned into spaces."""
        cells = spaced_cells(ln.raw)
        if not cells:
            self.unsplit[level].append(ln.no)
            self.add(Kind.DILEWATI, [ln.no], f"baris tabel {level.sheet} tanpa pemisah kolom "
                     f"(tab atau beberapa spasi); pernyataan dan indikatornya tidak dapat "
                     f"dipisahkan: '{clip(ln.text)}'")
            return i + 1
        self.spaced.append(ln.no)
        self.table_row(level, ln.no, cells[0].strip(ARROWS + " "), cells[1],
                       " ".join(c for c in cells[2:] if c))
        return i + 1

    def table_row(self, level: Level, no: int, statement: str, name: str, pen: str) -> None:
        pool = self.tree.tujuan if level is Level.TUJUAN else self.tree.sasaran
        node = None
        if statement:
            node = next((n for n in pool if same_name(n.uraian, statement)), None)
        elif self.block[level]:
            node = self.block[level][-1]
        if node is None and not statement:
            self.add(Kind.DILEWATI, [no], f"baris tabel {level.sheet} tanpa pernyataan")
            return
        repeat = node is not None and statement != ""
        if node is None:
            node = RawNode(level, None, no, uraian=split_names(statement)[0] if statement else "")
            pool.append(node)
            if level is Level.SASARAN:
                self.link_sasaran(node)
        if node not in self.block[level]:
            self.block[level].append(node)
        self.use(no)
        if repeat:
            self.repeats.setdefault(id(node), (node, [], []))[1].append(no)
        pen_text = read_penjelasan(pen)
        for ind_name in split_names(name) if name.strip() else []:
            ind = RawIndicator(ind_name, no, pen_text)
            same = next((x for x in node.indicators if same_name(x.name, ind.name)), None)
            if same is None:
                node.indicators.append(ind)
                if repeat:
                    self.add(Kind.INFO, [no], f"indikator baru '{clip(ind.name)}' untuk "
                             f"{level.sheet} yang sudah ada (baris {node.line})")
            elif repeat and pen_key(same.pen) != pen_key(ind.pen):
                self.repeats[id(node)][2].append(no)

    def link_sasaran(self, node: RawNode) -> None:
        block = self.block[Level.TUJUAN]
        if len(block) == 1:
            node.parent = block[0]
        elif block:
            node.parent, node.parent_note = block[0], NOTE_ORDER
            self.add(Kind.DISIMPULKAN, [node.line], f"blok ini memuat {len(block)} Tujuan; "
                     f"Sasaran '{clip(node.uraian)}' dikaitkan ke Tujuan pertama")
        elif self.tree.tujuan:
            node.parent, node.parent_note = self.tree.tujuan[-1], NOTE_ORDER
            self.add(Kind.DISIMPULKAN, [node.line], f"Sasaran '{clip(node.uraian)}' tanpa "
                     "tabel Tujuan di bloknya; dikaitkan ke Tujuan terakhir")

    def on_node(self, i: int, ln: Line) -> int:
        level = ln.level
        assert level is not None
        self.use(ln.no)
        self.table = None
        node = RawNode(level, ln.number, ln.no)
        j = i + 1
        if ln.rest:
            node.uraian = ln.rest
        else:
            j = self.next_nonblank(i + 1)
            if j < len(self.lines) and self.lines[j].kind == "text":
                node.uraian = self.text_of(self.lines[j])
                self.use(self.lines[j].no)
                j += 1
            else:
                self.add(Kind.PERINGATAN, [ln.no], f"judul '{ln.text}' tanpa nama di baris "
                         "berikutnya")
        if level is Level.PROGRAM:
            self.new_program(node)
        elif level is Level.KEGIATAN:
            self.new_kegiatan(node)
        else:
            self.new_sub(node)
        return j

    def new_program(self, node: RawNode) -> None:
        self.awaiting, self.pending = [], []
        self.last_kegiatan = None
        same = next((p for p in self.tree.programs if node.uraian and same_name(p.uraian,
                                                                           node.uraian)), None)
        if same is not None:
            self.add(Kind.DIGABUNG, [node.line], f"{node.label()} sama dengan program di baris "
                     f"{same.line}; kegiatan berikutnya masuk ke program itu")
            self.program = self.current = same
            return
        block = self.block[Level.SASARAN]
        if len(block) == 1:
            node.parent = block[0]
        elif block or self.tree.sasaran:
            # several Sasaran in this block: the first; none: the last one read before
            node.parent = block[0] if block else self.tree.sasaran[-1]
            node.parent_note = NOTE_ORDER
            self.add(Kind.DISIMPULKAN, [node.line], f"{node.label()}: Sasaran induk tidak "
                     f"tunggal/tidak ada di bloknya; dikaitkan ke '{clip(node.parent.uraian)}'")
        self.tree.programs.append(node)
        self.program = self.current = node

    def new_kegiatan(self, node: RawNode) -> None:
        node.program = node.parent = self.program
        if self.program is None:
            self.add(Kind.PERINGATAN, [node.line], f"{node.label()} tidak berada di bawah "
                     "judul Program; induknya tidak diketahui")
        else:
            same = next((k for k in self.tree.kegiatan if k.program is self.program and node.uraian
                         and same_name(k.uraian, node.uraian)), None)
            if same is not None:
                self.add(Kind.DIGABUNG, [node.line], f"{node.label()} sama dengan kegiatan di "
                         f"baris {same.line}")
                self.current = self.last_kegiatan = same
                return
        self.tree.kegiatan.append(node)
        self.current = self.last_kegiatan = node

    def new_sub(self, node: RawNode) -> None:
        node.program, node.after_kegiatan = self.program, self.last_kegiatan
        self.tree.subs.append(node)
        self.pending.append(node)
        self.current = node

    # Sasaran and Indikator blocks --------------------------------------------------------------
    def target(self, ln: Line, what: str, text: str = "") -> RawNode | None:
        """The node a Sasaran/Indikator heading belongs to (see docs/impor.md)."""
        def lacks(n: RawNode) -> bool:
            return not n.sasaran if what == "sasaran" else not n.ind_head

        cur = self.current
        if cur is not None and cur.level >= Level.PROGRAM and lacks(cur):
            if ln.level is not cur.level or (ln.number is not None and cur.number is not None
                                             and ln.number != cur.number):
                self.add(Kind.INFO, [ln.no], f"judul '{ln.text}' tidak sama dengan blok yang "
                         f"sedang dibaca ({cur.label()}); dipakai untuk blok itu")
            return cur
        pool = [n for n in self.pending if n.level is ln.level and lacks(n)]
        if pool:
            same_no = [n for n in pool if n.number == ln.number] or pool
            want = set(words(text)[1:])
            chosen = max(same_no, key=lambda n: (len(want & set(words(n.uraian)[1:])),
                                                 -same_no.index(n)))
            chosen.notes.append(NOTE_PAIRED)
            self.add(Kind.DISIMPULKAN, [ln.no], f"'{ln.text}' tidak langsung di bawah judulnya; "
                     f"dipasangkan ke {chosen.label()} (baris {chosen.line}) menurut urutan "
                     "dan kemiripan nama")
            self.current = chosen
            return chosen
        return cur

    def on_sasaran(self, i: int, ln: Line) -> int:
        j = self.next_nonblank(i + 1)
        if j >= len(self.lines) or self.lines[j].kind != "text":
            self.add(Kind.PERINGATAN, [ln.no], f"'{ln.text}' tanpa teks sasaran")
            return j
        text = self.text_of(self.lines[j])
        node = self.target(ln, "sasaran", text)
        if node is None:
            self.add(Kind.DILEWATI, [ln.no, self.lines[j].no], f"'{ln.text}' tanpa Program/"
                     "Kegiatan/Sub Kegiatan di atasnya")
        elif node.sasaran:
            self.add(Kind.DILEWATI, [ln.no, self.lines[j].no], f"{node.label()} sudah punya "
                     f"sasaran; sasaran kedua '{clip(text)}' tidak dipakai")
        else:
            node.sasaran = text
            self.use(ln.no, self.lines[j].no)
        return j + 1

    def on_indikator(self, i: int, ln: Line) -> int:
        node = self.target(ln, "indikator")
        j = i + 1
        names: list[Line] = []
        while j < len(self.lines) and self.lines[j].kind == "text":
            names.append(self.lines[j])
            j += 1
        if node is None:
            self.add(Kind.DILEWATI, [ln.no, *(n.no for n in names)], f"'{ln.text}' tanpa "
                     "Program/Kegiatan/Sub Kegiatan di atasnya")
            return j
        self.use(ln.no)
        node.ind_head = True
        if not names or (self.awaiting and self.count_blocks(i + 1) == len(self.awaiting) + 1):
            # a run of empty headings, then one indicator block per heading: the blank line
            # that showed this heading empty too was lost; the blocks go out in order
            self.awaiting.append(node)
            return i + 1 if names else j
        return self.indicator_block(node, names, j, loose=False)

    def body_end(self, k: int) -> int:
        """The end of a Penjelasan text starting at k: the run of text lines, less the name
        lines of the next indicator when no blank line separates them (see docs)."""
        m = k
        while m < len(self.lines) and self.lines[m].kind == "text":
            m += 1
        body = self.lines[k:m]
        if len(body) >= 2 and m < len(self.lines) and self.lines[m].kind == "penjelasan":
            keep = max((n for n, b in enumerate(body[:-1]) if has_label(b.text)),
                       default=len(body) - 2) + 1
            return k + keep
        return m

    def count_blocks(self, k: int) -> int:
        """How many indicator blocks (names, Penjelasan, text) follow from line k."""
        count = 0
        while k < len(self.lines):
            kind = self.lines[k].kind
            if kind == "blank":
                k += 1
                continue
            if kind != "text":
                break
            while k < len(self.lines) and self.lines[k].kind == "text":
                k += 1
            count += 1
            if k >= len(self.lines) or self.lines[k].kind != "penjelasan":
                break
            k = self.body_end(k + 1)
        return count

    def indicator_block(self, node: RawNode, names: list[Line], j: int, loose: bool) -> int:
        """Indicator name lines (then, usually, Penjelasan + its text) for node."""
        k = j
        while k < len(self.lines) and self.lines[k].kind == "blank":
            k += 1
        if k < len(self.lines) and self.lines[k].kind == "penjelasan":
            self.next_nonblank(j)  # blank lines between the names and Penjelasan
        else:
            k = j
        pen, pen_lines = Penjelasan(), ()
        if k < len(self.lines) and self.lines[k].kind == "penjelasan":
            m = self.body_end(k + 1)
            body = self.lines[k + 1:m]
            pen = read_penjelasan(" ".join(b.text for b in body))
            pen_lines = (self.lines[k].no, *(b.no for b in body))
            self.use(*pen_lines)
            j = m
        else:
            self.add(Kind.PERINGATAN, [n.no for n in names], f"indikator {node.label()} tanpa "
                     "Penjelasan (Formulasi/Tipe/Sumber Data kosong)")
        for ln in names:
            found = split_names(self.text_of(ln))
            if not found:
                self.add(Kind.DILEWATI, [ln.no], f"'{ln.text}' bukan nama indikator")
                continue
            for name in found:
                node.indicators.append(RawIndicator(name, ln.no, pen, pen_lines))
            self.use(ln.no)
            if len(found) > 1:
                self.add(Kind.INFO, [ln.no], f"satu baris berisi {len(found)} indikator; dibuat "
                         f"satu baris per indikator untuk {node.label()} dengan Penjelasan yang "
                         "sama")
        if loose:
            node.notes.append(NOTE_PAIRED)
            self.add(Kind.DISIMPULKAN, [n.no for n in names], f"indikator "
                     f"'{clip(names[0].text)}' tanpa judul 'Indikator Kinerja' di atasnya; "
                     f"dipasangkan ke {node.label()} (baris {node.line}), judul indikator "
                     "kosong pertama yang belum terisi")
        return j

    def on_penjelasan(self, i: int, ln: Line) -> int:
        j = i + 1
        while j < len(self.lines) and self.lines[j].kind == "text":
            j += 1
        self.add(Kind.DILEWATI, [self.lines[n].no for n in range(i, j)],
                 "Penjelasan tanpa nama indikator di atasnya")
        return j

    def on_text(self, i: int, ln: Line) -> int:
        if self.table is not None:
            return self.spaced_row(i, ln, self.table)
        j = i
        while j < len(self.lines) and self.lines[j].kind == "text":
            j += 1
        names = self.lines[i:j]
        if j < len(self.lines) and self.lines[j].kind == "penjelasan" and self.awaiting:
            return self.indicator_block(self.awaiting.pop(0), names, j, loose=True)
        why = ("indikator dengan Penjelasan tetapi tidak ada judul 'Indikator Kinerja' kosong "
               "yang menunggu" if j < len(self.lines) and self.lines[j].kind == "penjelasan"
               else "teks tidak dikenali (bukan judul, nama, sasaran atau indikator)")
        for n in names:
            self.add(Kind.DILEWATI, [n.no], f"{why}: '{clip(n.text)}'")
        return j

    # after the walk ----------------------------------------------------------------------------
    def finish(self) -> None:
        for node, lines, differing in self.repeats.values():
            extra = ""
            if differing:
                extra = (f"; isi Penjelasan di baris {', '.join(map(str, differing))} sedikit "
                         f"berbeda, dipakai yang pertama (baris {node.line})")
            self.add(Kind.DIGABUNG, lines, f"{node.level.sheet} '{clip(node.uraian)}' diulang "
                     "(tulisan bisa berbeda huruf besar/kecil, penomoran atau ejaan); digabung "
                     f"dengan baris {node.line}{extra}")
        self.resolve_subs()
        for sub in self.tree.subs:
            if sub.parent is None:
                self.add(Kind.PERINGATAN, [sub.line], f"{sub.label()} tanpa Kegiatan induk "
                         "(programnya tidak punya judul Kegiatan)")
        groups = (
            ("title", "judul dokumen 'CASCADING …' (diulang di setiap blok)"),
            ("eselon", "label Eselon (tingkat jabatan; tidak disimpan)"),
            ("table", "judul tabel TUJUAN/SASARAN dan baris judul kolomnya"),
            ("arrow", "baris berisi tanda panah saja (↓)"),
            ("blank", "baris kosong"),
        )
        for key, what in groups:
            nos = sorted(set(self.groups[key]) - self.used)
            if nos:
                self.add(Kind.INFO, nos, f"{len(nos)} {what}")
        if self.spaced:
            self.add(Kind.INFO, self.spaced, "baris tabel tanpa tab: kolomnya dipisah pada "
                     "deretan spasi")
        if self.stripped_arrows:
            self.add(Kind.INFO, self.stripped_arrows, "tanda panah di ujung baris dibuang")

    def resolve_subs(self) -> None:
        for sub in self.tree.subs:
            kegs = [k for k in self.tree.kegiatan if k.program is sub.program and sub.program]
            if len(kegs) == 1:
                sub.parent = kegs[0]
                continue
            if not kegs:
                continue
            std = kegiatan_of(sub.uraian)
            found = [k for k in kegs if std and same_name(k.uraian, std)]
            by_order = sub.after_kegiatan or kegs[0]
            if found:
                sub.parent, sub.parent_note = found[0], NOTE_NOMENKLATUR
                differs = "" if found[0] is by_order else (
                    f"; menurut urutan dokumen induknya {by_order.label()}")
                self.add(Kind.DISIMPULKAN, [sub.line], f"{sub.label()} → {found[0].label()}: "
                         "induk menurut nomenklatur kegiatan/sub kegiatan (Kepmendagri "
                         f"050-5889/2021){differs}")
            else:
                sub.parent, sub.parent_note = by_order, NOTE_ORDER
                self.add(Kind.DISIMPULKAN, [sub.line], f"{sub.label()} → {by_order.label()}: "
                         "tidak ada di tabel nomenklatur; induk menurut urutan dokumen (kegiatan "
                         "terakhir sebelum judulnya)")


def parse_text(text: str, encoding: str = "UTF-8",
               notes: list[ReportEntry] | None = None) -> ImportResult:
    """Import the text of a cascading export. Raises ImportFailed when it is not one."""
    lines = split_lines(text)
    if not any(line.strip() for line in lines):
        raise ImportFailed("File kosong: tidak ada teks untuk diimpor.")
    parser = _Parser(lines)
    parser.report.extend(notes or [])
    parser.run()
    if not parser.tree.all():
        raise ImportFailed(
            "File ini bukan ekspor cascading e-SAKIP: tidak ditemukan tabel TUJUAN/SASARAN "
            "maupun judul 'Program N', 'Kegiatan N' atau 'Sub Kegiatan N'. Impor memerlukan "
            "teks halaman Cascading dari e-SAKIP (lihat docs/impor.md).")
    if not any(n.indicators for n in parser.tree.all()):
        raise ImportFailed("File ini tidak memuat satu pun indikator kinerja (baris di bawah "
                           "judul 'Indikator Kinerja …'); bukan ekspor cascading yang lengkap.")
    for level, nos in parser.unsplit.items():
        if nos and not getattr(parser.tree, "tujuan" if level is Level.TUJUAN else "sasaran"):
            raise ImportFailed(
                f"Tabel {level.sheet.upper()} (baris {', '.join(map(str, nos[:5]))}) tidak "
                "berkolom: pemisah tab antara pernyataan, indikator dan Penjelasan hilang, "
                f"sehingga {level.sheet} tidak dapat dibaca. Salin ulang halaman Cascading "
                "dari e-SAKIP (tab harus tetap ada) lalu coba lagi.")
    parser.finish()
    assign_codes(parser.tree, parser.add)
    plan, node_notes = to_plan(parser.tree, parser.settings, parser.add)
    result = ImportResult(plan, parser.report, node_notes, parser.used, len(lines), encoding)
    missing = sorted(set(range(1, len(lines) + 1)) - result.accounted())
    if missing:  # a safety net: the walk above should account for every line itself
        result.report.append(ReportEntry(Kind.DILEWATI, tuple(missing),
                                         "baris tidak terpakai (tidak dikenali)"))
    return result


def parse_bytes(data: bytes) -> ImportResult:
    """Decode (UTF-8, else cp1252 with a warning) and import."""
    text, encoding, notes = decode(data)
    return parse_text(text, encoding, notes)


__all__ = ["NOTE_NOMENKLATUR", "NOTE_ORDER", "NOTE_PAIRED", "ImportFailed", "ImportResult",
           "decode", "parse_bytes", "parse_text", "read_penjelasan", "strip_html"]
