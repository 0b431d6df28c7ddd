"""Every Cypher statement PolicyKG sends, by name.

Values always travel as parameters. Labels and relationship types cannot be parameters
in Cypher, so the few statements that vary by label are built here from the constant
tuples in ``kg.types`` — never from user input. Everything here is accepted by both
Neo4j 5 and ArcadeDB's OpenCypher.
"""

from __future__ import annotations

from kg.types import ENTITY_LABELS

SCHEMA_VERSION = 1

# Uniqueness constraints double as the lookup indexes for MERGE.
SCHEMA = (
    "CREATE CONSTRAINT document_id IF NOT EXISTS FOR (n:Document) REQUIRE n.doc_id IS UNIQUE",
    "CREATE CONSTRAINT clause_id IF NOT EXISTS FOR (n:Clause) REQUIRE n.clause_id IS UNIQUE",
    "CREATE CONSTRAINT target_id IF NOT EXISTS FOR (n:Target) REQUIRE n.target_id IS UNIQUE",
    "CREATE CONSTRAINT incentive_id IF NOT EXISTS FOR (n:Incentive) REQUIRE n.incentive_id IS UNIQUE",
    *(
        f"CREATE CONSTRAINT {label.lower()}_name IF NOT EXISTS "
        f"FOR (n:{label}) REQUIRE n.name IS UNIQUE"
        for label in ENTITY_LABELS
    ),
    "CREATE CONSTRAINT external_title IF NOT EXISTS FOR (n:ExternalDocument) REQUIRE n.title IS UNIQUE",
    "CREATE CONSTRAINT meta_key IF NOT EXISTS FOR (n:PolicyKGMeta) REQUIRE n.key IS UNIQUE",
    "CREATE INDEX clause_doc IF NOT EXISTS FOR (n:Clause) ON (n.doc_id)",
    "CREATE INDEX target_doc IF NOT EXISTS FOR (n:Target) ON (n.doc_id)",
    "CREATE INDEX incentive_doc IF NOT EXISTS FOR (n:Incentive) ON (n.doc_id)",
)

READ_SCHEMA_VERSION = "MATCH (m:PolicyKGMeta {key: 'schema'}) RETURN m.version AS version"
WRITE_SCHEMA_VERSION = "MERGE (m:PolicyKGMeta {key: 'schema'}) SET m.version = $version"

# --- replacing one document, all inside one write transaction -------------------------

DELETE_DOC_TARGETS = "MATCH (n:Target {doc_id: $doc_id}) DETACH DELETE n"
DELETE_DOC_INCENTIVES = "MATCH (n:Incentive {doc_id: $doc_id}) DETACH DELETE n"
DELETE_DOC_CLAUSES = "MATCH (n:Clause {doc_id: $doc_id}) DETACH DELETE n"
DELETE_DOC_LINKS = (
    "MATCH ()-[r:LOCATED_IN|FOCUSES_ON]->() WHERE r.doc_id = $doc_id DELETE r"
)
DELETE_DOC_CITES = "MATCH (:Document {doc_id: $doc_id})-[r:CITES]->() DELETE r"
DELETE_DOCUMENT = "MATCH (n:Document {doc_id: $doc_id}) DETACH DELETE n"

# ``SET d = $props`` replaces every property: a value a new version no longer has (an issue
# date read wrongly before) must not survive re-ingestion; ``props`` carries ``doc_id``.
UPSERT_DOCUMENT = "MERGE (d:Document {doc_id: $doc_id}) SET d = $props"

CREATE_CLAUSES = (
    "MATCH (d:Document {doc_id: $doc_id}) "
    "UNWIND $rows AS r "
    "CREATE (c:Clause) SET c = r "
    "CREATE (d)-[:HAS_CLAUSE]->(c)"
)
LINK_CHILDREN = (
    "UNWIND $rows AS r "
    "MATCH (p:Clause {clause_id: r.parent}), (c:Clause {clause_id: r.child}) "
    "CREATE (p)-[:HAS_CHILD]->(c)"
)
LINK_NEXT = (
    "UNWIND $rows AS r "
    "MATCH (a:Clause {clause_id: r.parent}), (b:Clause {clause_id: r.child}) "
    "CREATE (a)-[:NEXT]->(b)"
)
CREATE_TARGETS = (
    "UNWIND $rows AS r "
    "MATCH (c:Clause {clause_id: r.clause_id}) "
    "CREATE (t:Target) SET t = r.props "
    "CREATE (c)-[:SETS_TARGET]->(t)"
)
CREATE_INCENTIVES = (
    "UNWIND $rows AS r "
    "MATCH (c:Clause {clause_id: r.clause_id}) "
    "CREATE (i:Incentive) SET i = r.props "
    "CREATE (c)-[:OFFERS]->(i)"
)

# Aliases accumulate across documents: one agency spelled three ways is one node.
MERGE_ENTITIES = {
    label: (
        "UNWIND $rows AS r "
        f"MERGE (e:{label} {{name: r.name}}) "
        "SET e.aliases = [x IN coalesce(e.aliases, []) WHERE NOT x IN r.aliases] + r.aliases, "
        "e.level = coalesce(r.level, e.level), e.kind = coalesce(r.kind, e.kind)"
    )
    for label in ENTITY_LABELS
}

# ``role``: lead | support where the plan says who leads, null where it does not;
# ``tasks``: the parts of the clause the agency answers for ("" = all of it), ``roles``
# the role for each.
RESPONSIBLE_FOR = (
    "UNWIND $rows AS r "
    "MATCH (a:Agency {name: r.name}), (c:Clause {clause_id: r.clause_id}) "
    "MERGE (a)-[rel:RESPONSIBLE_FOR]->(c) "
    "SET rel.role = r.role, rel.tasks = r.tasks, rel.roles = r.roles"
)
MENTIONS = {
    label: (
        "UNWIND $rows AS r "
        f"MATCH (e:{label} {{name: r.name}}), (c:Clause {{clause_id: r.clause_id}}) "
        "MERGE (c)-[:MENTIONS]->(e)"
    )
    for label in ENTITY_LABELS
}
ENTITY_LINKS = {
    (src, rel, dst): (
        "UNWIND $rows AS r "
        f"MATCH (a:{src} {{name: r.from_name}}), (b:{dst} {{name: r.to_name}}) "
        f"MERGE (a)-[l:{rel} {{doc_id: r.doc_id}}]->(b) SET l.clause_id = r.clause_id"
    )
    for src, rel, dst in (
        ("Park", "LOCATED_IN", "Region"),
        ("Park", "FOCUSES_ON", "Industry"),
        ("Region", "LOCATED_IN", "Region"),
    )
}

DELETE_ORPHAN_ENTITIES = (
    "MATCH (e) WHERE (" + " OR ".join(f"e:{label}" for label in ENTITY_LABELS) + ") "
    "AND NOT (e)--() DELETE e"
)
DELETE_ORPHAN_EXTERNAL = "MATCH (e:ExternalDocument) WHERE NOT (e)--() DELETE e"

# --- citations between documents -----------------------------------------------------

DELETE_ALL_CITES = "MATCH (:Document)-[r:CITES]->() DELETE r"
CITE_DOCUMENTS = (
    "UNWIND $rows AS r "
    "MATCH (a:Document {doc_id: r.src}), (b:Document {doc_id: r.dst}) "
    "MERGE (a)-[c:CITES]->(b) SET c.title = r.title"
)
CITE_EXTERNAL = (
    "UNWIND $rows AS r "
    "MATCH (a:Document {doc_id: r.src}) "
    "MERGE (x:ExternalDocument {title: r.title}) "
    "MERGE (a)-[:CITES]->(x)"
)

# --- reads ---------------------------------------------------------------------------

LIST_DOCUMENTS = "MATCH (d:Document) RETURN d {.*} AS doc ORDER BY d.doc_id"
DOCUMENT_HASHES = "MATCH (d:Document) RETURN d.doc_id AS doc_id, d.sha256 AS sha256"
DOCUMENT_CLAUSES = (
    "MATCH (c:Clause {doc_id: $doc_id}) "
    "OPTIONAL MATCH (p:Clause)-[:HAS_CHILD]->(c) "
    "RETURN c {.*} AS clause, p.clause_id AS parent_id ORDER BY c.ordinal"
)
COUNT_LABELS = "MATCH (n) RETURN labels(n)[0] AS label, count(*) AS n ORDER BY label"
COUNT_RELATIONSHIPS = "MATCH ()-[r]->() RETURN type(r) AS type, count(*) AS n ORDER BY type"
CORPUS_CLAUSES = (
    "MATCH (d:Document)-[:HAS_CLAUSE]->(c:Clause) "
    "OPTIONAL MATCH (p:Clause)-[:HAS_CHILD]->(c) "
    "RETURN c {.*} AS clause, p.clause_id AS parent_id, d.title AS doc_title, "
    "d.doc_number AS doc_number, d.level AS level, d.region AS region "
    "ORDER BY c.doc_id, c.ordinal"
)
DOCUMENT_CLAUSE_TEXTS = (
    "MATCH (d:Document {doc_id: $doc_id})-[:HAS_CLAUSE]->(c:Clause) "
    "RETURN c {.clause_id, .doc_id, .label, .heading, .text} AS clause, d.title AS doc_title"
)
CLAUSE_CONTEXT = (
    "MATCH (d:Document)-[:HAS_CLAUSE]->(c:Clause {clause_id: $clause_id}) "
    "OPTIONAL MATCH (p:Clause)-[:HAS_CHILD]->(c) "
    "OPTIONAL MATCH (prev:Clause)-[:NEXT]->(c) "
    "OPTIONAL MATCH (c)-[:NEXT]->(next:Clause) "
    "OPTIONAL MATCH (c)-[:HAS_CHILD]->(child:Clause) "
    "WITH d, c, p, prev, next, child ORDER BY child.ordinal "
    "RETURN d {.*} AS doc, c {.*} AS clause, p {.clause_id, .label, .heading} AS parent, "
    "prev {.clause_id, .label, .heading, .text} AS prev, next {.clause_id, .label, .heading, .text} AS next, "
    "collect(child {.clause_id, .label, .heading}) AS children"
)
