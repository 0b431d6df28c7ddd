"""Typed records that cross the boundaries between ``ingest``, ``kg``, ``qa`` and ``ui``.

Every record is a frozen dataclass so it can be hashed, compared in tests and passed
between threads without defensive copies. Ids are derived from content and position
(never from run order) so that re-ingesting a file reproduces them exactly.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass(frozen=True)
class DocumentMeta:
    """What is known about one plan document, read from its text or its manifest entry."""

    doc_id: str
    title: str
    source: str
    sha256: str
    issuer: str | None = None
    doc_number: str | None = None
    issued: str | None = None  # ISO date, e.g. "2025-03-28"
    level: str | None = None  # province | city | district | press | other
    period: str | None = None  # e.g. "2025—2027"
    region: str | None = None  # whose plan it is, e.g. "武汉市"
    # Where title, number and date came from: "manifest" | "printed" | "inferred".
    title_source: str | None = None
    doc_number_source: str | None = None
    issued_source: str | None = None
    also_titles: tuple[str, ...] = ()  # a wrapping notice's title, attached plans' titles
    coverage: float | None = None  # share of the body text (CJK and digits) in clauses

    def props(self) -> dict[str, Any]:
        props = asdict(self)
        props["also_titles"] = list(self.also_titles)
        return props


# Clause kinds. A clause is anything a reader can cite: a numbered section or item, an
# unnumbered paragraph, a 专栏 box, a table row, a ◆ bullet or a footnote — and the
# document's header (its 文号, issuer and dates as printed), so that a question about
# them can cite where they stand. The header is no plan text: nothing is extracted from it.
CLAUSE_KINDS = frozenset(
    {"preamble", "section", "item", "paragraph", "box", "table_row", "bullet", "footnote", "header"}
)


@dataclass(frozen=True)
class Clause:
    """One citable unit of a plan, placed in the document's clause tree.

    ``path`` is the clause's place in the tree in ASCII ("2.2.6", "4.1.p2", "fn3"),
    ``label`` is what a reader would cite ("二、（二）6."), ``heading`` the clause's own
    title when it has one, ``text`` its full cleaned text (heading included).
    """

    clause_id: str
    doc_id: str
    path: str
    label: str
    heading: str
    text: str
    ordinal: int  # position in reading order within the document, from 0
    kind: str
    parent_id: str | None = None
    depth: int = 0

    def props(self) -> dict[str, Any]:
        return {
            "clause_id": self.clause_id,
            "doc_id": self.doc_id,
            "path": self.path,
            "label": self.label,
            "heading": self.heading,
            "text": self.text,
            "ordinal": self.ordinal,
            "kind": self.kind,
            "depth": self.depth,
        }


@dataclass(frozen=True)
class ParsedDocument:
    """A loaded, cleaned and segmented document, ready for extraction and storage."""

    meta: DocumentMeta
    clauses: tuple[Clause, ...]
    warnings: tuple[str, ...] = field(default=())

    def clause(self, clause_id: str) -> Clause:
        for c in self.clauses:
            if c.clause_id == clause_id:
                return c
        raise KeyError(clause_id)


def clause_id_for(doc_id: str, path: str) -> str:
    """Stable clause id: the document id and the clause's place in the tree."""
    return f"{doc_id}#{path}"


# ---------------------------------------------------------------------------
# Extracted knowledge. Targets and incentives belong to one clause of one document;
# agencies, projects, parks, enterprises, regions and industries are shared across
# documents and merged by name.

ENTITY_LABELS = ("Agency", "Project", "Park", "Enterprise", "Region", "Industry")


@dataclass(frozen=True)
class Target:
    """A quantified goal a clause sets: ``value`` (lower bound of a range) ``unit`` by ``year``."""

    target_id: str
    clause_id: str
    metric: str
    value: float | None
    unit: str
    comparator: str  # ">=", "<=" or "="
    value_text: str
    year: int | None = None
    value_max: float | None = None
    scope: str | None = None

    def props(self) -> dict[str, Any]:
        return {k: v for k, v in asdict(self).items() if k != "clause_id"}


INCENTIVE_KINDS = ("reward", "subsidy", "matching", "fund", "programme")
# What a firm or a person can apply for; a fund or a budget is money the plan sets aside,
# and a programme a policy, neither claimable as such.
CLAIMABLE_KINDS = frozenset({"reward", "subsidy", "matching"})


@dataclass(frozen=True)
class Incentive:
    """Money or support a clause offers, and what one must do to get it.

    Amounts are in 万元 (``amount_wan``); ``cap_wan`` is a ceiling per project or firm
    (per year when ``per_year``); ``ratio`` the share of ``base`` paid (0.3 for 30 % of
    合同金额); ``payer`` the level of government that pays when printed (省级, 市级, 区级);
    ``cost_sharing`` who shares it ("市区各承担50%"); ``instalments`` staged payment as
    printed ("分三年拨付").
    """

    incentive_id: str
    clause_id: str
    kind: str  # one of INCENTIVE_KINDS
    condition: str
    amount_wan: float | None = None
    cap_wan: float | None = None
    ratio: float | None = None
    cost_sharing: str | None = None
    beneficiary: str | None = None
    text: str = ""
    base: str | None = None
    per_year: bool = False
    instalments: str | None = None
    payer: str | None = None

    @property
    def claimable(self) -> bool:
        return self.kind in CLAIMABLE_KINDS

    def props(self) -> dict[str, Any]:
        props = {k: v for k, v in asdict(self).items() if k != "clause_id"}
        return props | {"claimable": self.claimable}


@dataclass(frozen=True)
class Entity:
    """A shared node (label in ENTITY_LABELS) identified by its canonical ``name``."""

    label: str
    name: str
    aliases: tuple[str, ...] = ()
    level: str | None = None
    kind: str | None = None

    def props(self) -> dict[str, Any]:
        return {"aliases": list(self.aliases), "level": self.level, "kind": self.kind}


RESPONSIBILITY_ROLES = ("lead", "support")


@dataclass(frozen=True)
class Mention:
    """A clause's link to a shared entity: RESPONSIBLE_FOR (agency → clause) or MENTIONS.

    ``role`` qualifies RESPONSIBLE_FOR when the plan says who leads: "lead" (牵头单位,
    由X牵头), "support" (配合单位, 参与单位, the 责任单位 listed beside a 牵头单位); None
    when the plan draws no such line. ``task`` is the part of the clause the agency is
    responsible for, as printed, when the clause holds several tasks each with its own
    units ("" for the whole clause). One agency and clause are one relationship, which
    keeps every task (``tasks``) with its role (``roles``).
    """

    clause_id: str
    rel: str  # "RESPONSIBLE_FOR" | "MENTIONS"
    label: str
    name: str
    role: str | None = None  # one of RESPONSIBILITY_ROLES, RESPONSIBLE_FOR only
    task: str = ""


@dataclass(frozen=True)
class EntityLink:
    """A fact between two shared entities, e.g. (:Park)-[:LOCATED_IN]->(:Region)."""

    from_label: str
    from_name: str
    rel: str  # "LOCATED_IN" | "FOCUSES_ON"
    to_label: str
    to_name: str
    clause_id: str


@dataclass(frozen=True)
class Extraction:
    """Everything extraction found in one document."""

    targets: tuple[Target, ...] = ()
    incentives: tuple[Incentive, ...] = ()
    entities: tuple[Entity, ...] = ()
    mentions: tuple[Mention, ...] = ()
    links: tuple[EntityLink, ...] = ()
    cited_titles: tuple[str, ...] = ()  # titles the document names in 《…》
