"""Build the clause tree from cleaned blocks.

Numbering decides the tree: 第一章 → 第一条 → 一、 → （一） → 1. / 1、 → （1） → ①. A numbered
block opens a clause only when its number is the one expected at that rank (the next
after the last, or 1 under a parent without such children) — "7. 2×1018" inside task 6
never opens a task 7. Numbering may run on across sub-sections (002's task 5 sits under
（二）).

Below the numbers:

* "——标题。…" items, ◆ bullets: one clause each (kind ``item`` / ``bullet``);
* 专栏 boxes: a ``box`` clause with one child per box line; the box ends at the next
  heading, caption or table, or when a line no longer has the box's shape (label lines
  "重点建设项目：…", numbered lines whose numbers run on, or plain paragraphs);
* tables: a ``box`` clause (heading = caption, text = caption and column names) with
  one ``table_row`` child per row;
* "附件" after the body opens an annex section whose lists and tables number afresh;
* paragraphs: a title-only section keeps its intro as its own text — its only
  paragraph, or the short run before the first paragraph with a lead title (in web
  text, where each block is a paragraph, only the first); any other paragraph is a
  ``paragraph`` clause, titled by its lead phrase when it has one ("加快推动5G网络建设
  应用。…"); text after an inline-titled clause ("1. 标题。…") is more of that clause in
  a PDF's guessed paragraphs, but in web text only a （责任单位：…） line or the rest of a
  cut sentence is; an article (第N条) is never a title over what follows;
* boxes, tables: ``ingest.segment_boxes``; attached plans, annexes: ``ingest.segment_parts``;
* a further plan a notice attaches (``CleanText.attached``) opens a part at its title
  line: a section labelled 《title》 whose clauses are numbered afresh ("《…》一、");
* text before the first section is ``preamble``; footnotes hang under the clause that
  cites them ("[注N]").

Paths are ASCII and derived from structure only ("2.2.6", "3.1.i2", "1.2.p3",
"3.1.box1.2", "2.3.t1.r4", "b7", "fn2", "p0"), so re-parsing yields the same ids.
"""

from __future__ import annotations

import itertools
import logging

from ingest.blocks import Block
from ingest.clausetree import Node, footnote_nodes, to_clauses
from ingest.clean import CleanText
from ingest.frontmatter import title_key
from ingest.markers import Marker, is_heading_only, lead_of, read_marker, title_of
from ingest.reflow import ends_sentence, join_text
from ingest.segment_boxes import BoxBuilder
from ingest.segment_parts import PartBuilder
from kg.types import Clause

logger = logging.getLogger(__name__)

OWN_TEXT_MAX = 600  # a titled section keeps short intro paragraphs as its own text
_GAP_TOLERANCE = 3  # a title-only block may skip this many numbers (a lost heading)
ARTICLE_RANK = 0.75


class _TreeBuilder(BoxBuilder, PartBuilder):
    """Feeds blocks in reading order into a clause tree."""

    def __init__(self, blocks: list[Block], has_numbered: bool, reliable: bool = False,
                 parts: tuple[str, ...] = ()) -> None:
        self.blocks = blocks
        self.parts = list(parts)  # titles of further attached plans, not yet reached
        self.annex_label = ""  # a "附件2" line waiting for the title under it
        self.reliable = reliable  # each block is a paragraph (web text), not a PDF guess
        self.index = 0
        self.root = Node("root", "", "", "", None, rank=-1, container=True)
        self.top = self.root
        self.nodes: list[Node] = []
        self.last_number: dict[float, int] = {}
        self.has_numbered = has_numbered
        self.started = False  # a section has opened: no more preamble
        self.seen_paragraph = False
        self.preamble_heading = ""
        self.pending_heading = ""  # a title line before the preamble, not yet in a clause
        self.box: Node | None = None
        self.box_shape = ""
        self.box_last = 0

    # -- dispatch -------------------------------------------------------------------

    def add(self, index: int) -> None:
        self.index = index
        block = self.blocks[index]
        following = self.blocks[index + 1] if index + 1 < len(self.blocks) else None
        if block.kind == "table":
            self._close_box()
            self._table(block)
            return
        if self._opens_part(block):
            return
        marker = read_marker(block.text) if block.kind != "caption" else None
        if self.box is not None:
            if self._box_line(block, marker):
                return
            self._close_box()
        if block.kind == "caption":
            self._caption(block.text)
        elif marker is not None and marker.kind == "box":
            self._open_box(block, marker)
        elif marker is not None and marker.kind == "number" and self._accepts(marker, block):
            self._numbered(block, marker)
        elif marker is not None and marker.kind in ("item", "bullet"):
            self._listed(block, marker)
        elif block.kind == "heading":
            self._heading(block, following)
        else:
            self._paragraph(block)

    # -- numbered sections ----------------------------------------------------------

    def _parent_for_rank(self, rank: float) -> Node:
        node = self.top
        while node.kind != "root" and (node.rank >= rank or node.kind != "section"):
            node = node.parent
        return node

    def _parent_for(self, marker: Marker) -> Node:
        """The section a numbered line belongs to. A paragraph after a list item that is
        a clause of its own lands in a container further up; the item that continues the
        list (（五）, a paragraph, then （六）) still belongs to the list's own section."""
        parent = self._parent_for_rank(marker.rank)
        if parent.numbers.get(marker.rank) == marker.number - 1:
            return parent
        previous = next((n for n in reversed(self.nodes)
                         if n.kind == "section" and n.rank == marker.rank), None)
        if (previous is not None and previous.parent is not parent
                and _within(previous, parent)
                and previous.parent.numbers.get(marker.rank) == marker.number - 1):
            return previous.parent
        return parent

    def _accepts(self, marker: Marker, block: Block) -> bool:
        parent = self._parent_for(marker)
        last = parent.numbers.get(marker.rank)
        if last is None:
            if marker.number == 1:
                return True
            if marker.rank not in self.last_number:
                return bool(title_of(marker.rest))  # an excerpt starting at "6."
            last = self.last_number[marker.rank]
        if marker.number == last + 1:
            return True
        titled = block.kind == "heading" or is_heading_only(marker.rest)
        # A title line repeating its sibling's number ("（2）支持条件。" … "（2）支持标准。")
        # is a numbering slip in the source; as text it would sink into the list above.
        if titled and marker.number == last:
            sibling = self._last_sibling(parent, marker.rank)
            return sibling is not None and sibling.heading != title_of(marker.rest)
        return titled and last + 1 < marker.number <= last + _GAP_TOLERANCE

    def _last_sibling(self, parent: Node, rank: float) -> Node | None:
        return next((n for n in reversed(self.nodes) if n.parent is parent and n.rank == rank), None)

    def _numbered(self, block: Block, marker: Marker) -> None:
        parent = self._parent_for(marker)
        titled = self._titled(parent, marker)
        node = self._new(
            "section", parent, parent.child_path(str(marker.number)),
            parent.label + marker.printed, title_of(marker.rest), block.text,
        )
        node.rank, node.container = marker.rank, titled
        node.absorb = self._intro_length(len(block.text)) if titled else 0
        parent.numbers[marker.rank] = marker.number
        self.last_number[marker.rank] = marker.number
        self.started = True
        self.top = node

    def _titled(self, parent: Node, marker: Marker) -> bool:
        """Whether a numbered line is a title over the paragraphs after it. An article
        (第N条) is a provision, never a title. A short line ending with 。 is a title
        ("（一）发展基础。") unless its list is one of sentences: after a sibling that was
        a clause of its own ("4.有完善的应对措施，…。" then "5.符合管理部门其他要求。")."""
        if not is_heading_only(marker.rest) or marker.rank == ARTICLE_RANK:
            return False
        if not marker.rest.rstrip().endswith("。"):
            return True
        sibling = self._last_sibling(parent, marker.rank)
        return sibling is None or sibling.container

    # -- items, bullets, paragraphs -------------------------------------------------

    def _container(self) -> Node:
        node = self.top
        while not node.container:
            node = node.parent
        return node

    def _listed(self, block: Block, marker: Marker) -> None:
        parent = self._container() if self.top.kind != "section" else self.top
        heading = title_of(marker.rest)
        if marker.kind == "item":
            k = self._count(parent, "i")
            label = parent.label + "——" + (heading or f"第{k}项")
            node = self._new("item", parent, parent.child_path(f"i{k}"), label, heading, block.text)
        else:
            k = self._count(parent, "b")
            label = f"{parent.label}{marker.printed}{k}"
            node = self._new("bullet", parent, parent.child_path(f"b{k}"), label, heading,
                             block.text)
        self.top = node

    def _paragraph(self, block: Block) -> None:
        self.seen_paragraph = True
        text = block.text
        if self._continues(self.top, text):
            self._append(self.top, text)
            return
        container = self._container()
        if not self.started and container.kind == "root":
            self._preamble(text)
            return
        if container.absorb > 0:
            container.absorb -= 1
            container.parts.append(text)
            return
        lead = lead_of(text)
        k = self._count(container, "p")
        label = f"{container.label}第{k}段"
        self.top = self._new("paragraph", container, container.child_path(f"p{k}"), label,
                             lead, text)

    @staticmethod
    def _append(node: Node, text: str) -> None:
        """More text for ``node``: a new line, or the rest of an unfinished sentence."""
        if ends_sentence(node.parts[-1]):
            node.parts.append(text)
        else:
            node.parts[-1] = join_text(node.parts[-1], text)

    def _intro_length(self, own: int) -> int:
        """How many of the plain paragraphs after a title line are the section's intro.

        The run of plain paragraphs up to the first one with a lead title is intro text
        when it is one paragraph or short; otherwise every paragraph is its own clause
        (003's "加快推动5G网络建设应用。…" paragraphs under "(一) 夯实数字基础…")."""
        run: list[str] = []
        for block in self.blocks[self.index + 1:]:
            if block.kind != "paragraph" or read_marker(block.text) is not None:
                break
            run.append(block.text)
        if len(run) == 1:
            return 1  # a section with one paragraph: that paragraph is its text
        intro = [len(text) for text in itertools.takewhile(lambda t: not lead_of(t), run)]
        if len(intro) <= 1 or own + sum(intro) <= OWN_TEXT_MAX:
            # Web text marks its paragraphs: the title keeps the first, the others are
            # clauses of their own; a PDF's guessed paragraphs stay together.
            return min(len(intro), 1) if self.reliable else len(intro)
        return 0

    def _continues(self, node: Node, text: str) -> bool:
        """Whether a plain paragraph continues ``node`` instead of starting a clause."""
        if node.kind == "section" and not node.container:
            # More text of an inline-titled numbered clause ("1. 标题。…"): always in a
            # PDF's guessed paragraphs; in web text only a 责任单位 line or a cut sentence.
            return (not self.reliable or text.startswith(("（", "("))
                    or not ends_sentence(node.parts[-1]))
        if node.kind in ("item", "bullet"):
            return text.startswith(("（", "(")) or not ends_sentence(node.parts[-1])
        return False

    def _preamble(self, text: str) -> None:
        k = self._count(self.root, "p") - 1
        heading = self.preamble_heading or lead_of(text)
        if self.pending_heading:  # "前言" above the first paragraph: printed with it
            text, self.pending_heading = f"{self.pending_heading}\n{text}", ""
        label = f"{self.preamble_heading or '开头'}第{k + 1}段"
        self.top = self._new("preamble", self.root, f"p{k}", label, heading, text)

    def _heading(self, block: Block, following: Block | None) -> None:
        """An unnumbered title line: a section in unnumbered texts, else a caption."""
        text = block.text
        if not self.started and (self.has_numbered or not self.seen_paragraph):
            self.preamble_heading = self.pending_heading = text
            return
        opens = following is not None and following.kind in ("paragraph", "table")
        if self.has_numbered and self.reliable and block.kind == "heading":
            self._paragraph(block)  # web text: an unnumbered title line is a line of its own
            return
        if self.has_numbered or not opens:
            self._caption(text)
            return
        self._close_box()
        parent = self.root
        k = self._count(parent, "s")
        node = self._new("section", parent, f"s{k}", text, text, text)
        node.rank, node.container = 0.5, True
        self.started = True
        self.top = node

    def _caption(self, text: str) -> None:
        """Captions stay lines of their own, in the text of the enclosing section."""
        container = self._container()
        target = container if container.kind != "root" else (self.nodes[-1] if self.nodes else None)
        if target is None:
            self._preamble(text)
        else:
            target.parts.append(text)

    # -- bookkeeping ----------------------------------------------------------------

    @staticmethod
    def _count(node: Node, key: str) -> int:
        node.counters[key] += 1
        return node.counters[key]

    def _new(self, kind: str, parent: Node, path: str, label: str, heading: str,
             text: str) -> Node:
        node = Node(kind, path, label, heading.strip(), parent, parts=[text])
        self.nodes.append(node)
        return node


def segment(cleaned: CleanText, doc_id: str, *, title: str | None = None) -> list[Clause]:
    """The clause tree of ``cleaned`` as clauses in reading order (footnotes after their
    citing clause). ``title`` lines at the head of the text are not clauses."""
    blocks = _without_title(list(cleaned.blocks), title)
    builder = _TreeBuilder(blocks, has_numbered=_has_numbered(blocks),
                           reliable=cleaned.reliable_paragraphs, parts=cleaned.attached)
    for i in range(len(blocks)):
        builder.add(i)
    notes = footnote_nodes(builder.nodes, builder.root, cleaned.footnotes)
    clauses = to_clauses(builder.nodes, notes, doc_id)
    logger.debug("%s: %d blocks → %d clauses", doc_id, len(blocks), len(clauses))
    return clauses


def _within(node: Node, ancestor: Node) -> bool:
    while node.parent is not None:
        node = node.parent
        if node is ancestor:
            return True
    return False


def _has_numbered(blocks: list[Block]) -> bool:
    for block in blocks:
        marker = read_marker(block.text)
        if marker is not None and marker.kind == "number" and marker.rank <= 3:
            return True
    return False


def _without_title(blocks: list[Block], title: str | None) -> list[Block]:
    """Drop the title lines at the head of the text (the title is document metadata)."""
    if not title:
        return blocks
    wanted = title_key(title)
    head = 0
    kept: list[Block] = []
    for block in blocks:
        in_head = head < 5 and block.kind in ("heading", "paragraph") and len(block.text) <= 60
        key = title_key(block.text)
        if in_head and len(key) >= 2 and key in wanted:
            head += 1
            continue
        head = head + 1 if in_head and not ends_sentence(block.text) else 5
        kept.append(block)
    return kept
