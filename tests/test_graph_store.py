"""The graph layer against the real embedded engine: schema, atomic replace, removal."""

from __future__ import annotations

import stat

import pytest

from kg import cypher
from kg.documents import list_documents, remove_document, save_document, stored_hashes
from kg.errors import QueryInvalid
from kg.store import GraphStore
from kg.types import (
    Clause, DocumentMeta, Entity, EntityLink, Extraction, Incentive, Mention, ParsedDocument,
    Target, clause_id_for,
)


def _doc(doc_id: str, text: str = "到2027年，数据产品达到 2000 个。") -> ParsedDocument:
    meta = DocumentMeta(doc_id=doc_id, title=f"{doc_id} 实施方案", source=f"{doc_id}.txt",
                        sha256=f"sha-{doc_id}-{len(text)}", level="city")
    root = Clause(clause_id_for(doc_id, "1"), doc_id, "1", "一、", "总体要求", "一、总体要求", 0, "section")
    child = Clause(clause_id_for(doc_id, "1.1"), doc_id, "1.1", "一、1.", "目标", text, 1, "item",
                   root.clause_id, 1)
    return ParsedDocument(meta, (root, child))


def _extraction(doc: ParsedDocument, agency: str = "测试数据局") -> Extraction:
    cid = doc.clauses[1].clause_id
    return Extraction(
        targets=(Target(f"{cid}/t1", cid, "数据产品", 2000.0, "个", ">=", "2000 个", 2027),),
        incentives=(Incentive(f"{cid}/i1", cid, "reward", "首次进入百强", amount_wan=200.0),),
        entities=(Entity("Agency", agency, (agency + "（筹）",), "city"),
                  Entity("Park", "测试产业园"), Entity("Region", "测试市", level="city")),
        mentions=(Mention(cid, "RESPONSIBLE_FOR", "Agency", agency),
                  Mention(cid, "MENTIONS", "Park", "测试产业园")),
        links=(EntityLink("Park", "测试产业园", "LOCATED_IN", "Region", "测试市", cid),),
    )


def _count(store: GraphStore, query: str, **params: object) -> int:
    return store.read(query, **params)[0]["n"]


@pytest.fixture
def scratch(store: GraphStore):
    made: list[str] = []
    yield made
    for doc_id in made:
        remove_document(store, doc_id)


def test_schema_is_idempotent_and_versioned(store: GraphStore) -> None:
    store.ensure_schema()
    store.ensure_schema()
    assert store.read(cypher.READ_SCHEMA_VERSION)[0]["version"] == cypher.SCHEMA_VERSION


def test_save_twice_gives_the_same_graph(store: GraphStore, scratch: list[str]) -> None:
    doc = _doc("test_same")
    scratch.append("test_same")
    save_document(store, doc, _extraction(doc))
    first = store.stats()
    save_document(store, doc, _extraction(doc))
    assert store.stats() == first
    assert stored_hashes(store)["test_same"] == doc.meta.sha256


def test_replace_swaps_clauses_and_drops_orphans(store: GraphStore, scratch: list[str]) -> None:
    scratch.append("test_swap")
    old = _doc("test_swap")
    save_document(store, old, _extraction(old, agency="旧局"))
    new = _doc("test_swap", text="到2027年，数据产品达到 3000 个。")
    save_document(store, new, _extraction(new, agency="新局"))
    texts = [r["t"] for r in store.read(
        "MATCH (c:Clause {doc_id: $d}) RETURN c.text AS t ORDER BY c.ordinal", d="test_swap")]
    assert texts[1].endswith("3000 个。")
    assert _count(store, "MATCH (a:Agency {name: '旧局'}) RETURN count(a) AS n") == 0
    assert _count(store, "MATCH (a:Agency {name: '新局'})-[:RESPONSIBLE_FOR]->(c) RETURN count(c) AS n") == 1
    assert _count(store, "MATCH (t:Target {doc_id: 'test_swap'}) RETURN count(t) AS n") == 1


def test_replace_drops_metadata_the_new_version_no_longer_has(store: GraphStore, scratch: list[str]) -> None:
    from dataclasses import replace

    scratch.append("test_meta")
    old = _doc("test_meta")
    old = ParsedDocument(replace(old.meta, issued="2027-01-01", doc_number="某政发〔2024〕1号"), old.clauses)
    save_document(store, old, _extraction(old))
    new = _doc("test_meta")
    save_document(store, new, _extraction(new))
    (doc,) = [d for d in list_documents(store) if d["doc_id"] == "test_meta"]
    assert doc.get("issued") is None and doc.get("doc_number") is None and doc["title"] == "test_meta 实施方案"


def test_hierarchy_and_reading_order_edges(store: GraphStore, scratch: list[str]) -> None:
    scratch.append("test_edges")
    doc = _doc("test_edges")
    save_document(store, doc, Extraction())
    q = ("MATCH (d:Document {doc_id: 'test_edges'})-[:HAS_CLAUSE]->(a:Clause)-[:HAS_CHILD]->(b:Clause), "
         "(a)-[:NEXT]->(b) RETURN count(*) AS n")
    assert _count(store, q) == 1


def test_remove_leaves_shared_entities_other_documents_use(store: GraphStore, scratch: list[str]) -> None:
    scratch.extend(["test_keep", "test_gone"])
    keep, gone = _doc("test_keep"), _doc("test_gone", text="第二份")
    save_document(store, keep, _extraction(keep, agency="共用局"))
    save_document(store, gone, _extraction(gone, agency="共用局"))
    assert remove_document(store, "test_gone")
    assert not remove_document(store, "test_gone")
    assert "test_gone" not in {d["doc_id"] for d in list_documents(store)}
    assert _count(store, "MATCH (a:Agency {name: '共用局'}) RETURN count(a) AS n") == 1
    assert _count(store, "MATCH (c:Clause {doc_id: 'test_gone'}) RETURN count(c) AS n") == 0


def test_aliases_accumulate_on_one_agency(store: GraphStore, scratch: list[str]) -> None:
    scratch.extend(["test_a1", "test_a2"])
    for doc_id, alias in (("test_a1", "甲"), ("test_a2", "乙")):
        doc = _doc(doc_id, text=doc_id)
        ex = _extraction(doc)
        ex = Extraction(entities=(Entity("Agency", "别名局", (alias,)),),
                        mentions=(Mention(doc.clauses[1].clause_id, "RESPONSIBLE_FOR", "Agency", "别名局"),))
        save_document(store, doc, ex)
    aliases = store.read("MATCH (a:Agency {name: '别名局'}) RETURN a.aliases AS a")[0]["a"]
    assert sorted(aliases) == ["乙", "甲"]


def test_invalid_read_is_translated(store: GraphStore) -> None:
    with pytest.raises(QueryInvalid):
        store.read("MATCH (n RETURN n")


def test_engine_secret_is_private(store: GraphStore, settings) -> None:  # type: ignore[no-untyped-def]
    secret = settings.data_dir / "engine" / "engine.secret"
    assert stat.S_IMODE(secret.stat().st_mode) == 0o600
    assert store.embedded and store.endpoint.uri.startswith("bolt://127.0.0.1:")
