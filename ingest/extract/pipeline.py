"""``RuleExtractor``: run every extractor over one parsed document."""

from __future__ import annotations

from dataclasses import replace

from ingest.extract.agencies import extract_agencies
from ingest.extract.citations import extract_cited_titles
from ingest.extract.incentives import extract_incentives
from ingest.extract.places import extract_places
from ingest.extract.targets import extract_targets
from kg.types import Extraction, ParsedDocument


def plan_body(doc: ParsedDocument) -> ParsedDocument:
    """The document without its header clause: the header prints what the document is
    (文号, issuer, 抄送 list), not what it plans."""
    return replace(doc, clauses=tuple(c for c in doc.clauses if c.kind != "header"))


class RuleExtractor:
    """Extracts everything the graph holds beyond the clause tree, deterministically:
    the same document always yields the same extraction, so re-ingestion is idempotent."""

    def extract(self, doc: ParsedDocument) -> Extraction:
        doc = plan_body(doc)
        agencies, agency_mentions = extract_agencies(doc)
        places, place_mentions, links = extract_places(doc)
        return Extraction(
            targets=tuple(extract_targets(doc)),
            incentives=tuple(extract_incentives(doc)),
            entities=tuple(agencies) + tuple(places),
            mentions=tuple(agency_mentions) + tuple(place_mentions),
            links=tuple(links),
            cited_titles=tuple(extract_cited_titles(doc)),
        )
