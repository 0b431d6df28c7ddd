"""Parts of a file beyond its first plan: further plans a notice attaches, and 附件 annexes.

A further plan starts at its title line ("附件2" above it or before it on the line): its
clauses go under a part labelled 《title》 and number afresh. "附件" (with or without a
title) after the body opens an annex whose lists and tables number afresh under its label.
``PartBuilder`` is a part of ``ingest.segment``'s tree builder.
"""

from __future__ import annotations

import re

from ingest.blocks import Block
from ingest.frontmatter import same_title

_ANNEX_LABEL = re.compile(r"^\s*附\s*件\s*\d*\s*[:：.．、]?\s*")
# "附件", "附件2", "附件：考核细则" — an annex after the body, with its title or without.
_ANNEX_HEAD = re.compile(r"(?P<label>附\s*件\s*\d{0,2})\s*(?:[:：.．、]?\s*(?P<title>[^。；，]{2,40}))?")


class PartBuilder:
    """Part handling of the tree builder (it supplies ``_close_box``, ``_count``, ``_new``,
    ``root``, ``blocks``, ``index``, ``parts``, ``annex_label``, ``started`` and ``top``)."""

    def _opens_part(self, block: Block) -> bool:
        """A further plan the notice attaches starts at its title line ("附件2" before it
        joins it): its clauses go under a part labelled 《title》, numbered afresh."""
        if len(block.text) > 80:
            return False
        if self.started and _ANNEX_HEAD.fullmatch(block.text.strip()) and not self.parts:
            return self._open_annex(block)
        if not self.parts:
            return False
        following = self.blocks[self.index + 1].text if self.index + 1 < len(self.blocks) else ""
        if _ANNEX_LABEL.fullmatch(block.text) and any(same_title(following, t) for t in self.parts):
            self.annex_label = block.text.strip()
            return True  # "附件2" on its own line: part of the title that follows
        text = _ANNEX_LABEL.sub("", block.text)
        title = next((t for t in self.parts if same_title(text, t)), None)
        if title is None:
            return False
        text, self.annex_label = f"{self.annex_label} {block.text}".strip(), ""
        self._close_box()
        self.parts.remove(title)
        k = self._count(self.root, "a") + 1  # the first plan is part 1
        node = self._new("section", self.root, f"a{k}", f"《{title}》", title, text)
        node.rank, node.container = -0.5, True
        self.started, self.top = True, node
        return True

    def _open_annex(self, block: Block) -> bool:
        """"附件" / "附件2" after the body: an annex, numbered afresh under its label."""
        self._close_box()
        k = self._count(self.root, "x")
        m = _ANNEX_HEAD.fullmatch(block.text.strip())
        label = re.sub(r"[\s:：.．、]", "", m.group("label"))
        heading = m.group("title") or label
        node = self._new("section", self.root, f"x{k}", label, heading, block.text)
        node.rank, node.container = -0.5, True
        self.top = node
        return True

