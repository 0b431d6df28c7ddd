"""The plain LangChain baseline PolicyKG is measured against: no graph, no clause tree.

Raw plan files cut into fixed 500-character chunks by LangChain's text splitter,
embedded with the same embedder into FAISS, top 4 chunks returned as the answer.
It never refuses, so it cannot pass an unanswerable question.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from langchain_text_splitters import CharacterTextSplitter

from ingest.loaders import load_text
from kg.vectors import ClauseText, VectorIndex
from qa.types import Answer, Citation

CHUNK = 500
TOP_K = 4


class ChunkBaseline:
    def __init__(self, files: Sequence[Path], embedder: Any, index_root: Path) -> None:
        splitter = CharacterTextSplitter(separator="", chunk_size=CHUNK, chunk_overlap=0)
        self.chunks: dict[str, tuple[str, str]] = {}
        for path in files:
            text, _ = load_text(path)
            for i, chunk in enumerate(splitter.split_text(text)):
                self.chunks[f"{path.stem}#chunk{i}"] = (path.stem, chunk)
        self.index = VectorIndex(index_root / "baseline", embedder)
        self.index.sync([ClauseText(cid, doc, text) for cid, (doc, text) in self.chunks.items()])

    def ask(self, question: str, history: Sequence[Any] = ()) -> Answer:
        started = time.perf_counter()
        hits = self.index.search(question, k=TOP_K)
        citations = [Citation(n=i + 1, doc_id=self.chunks[cid][0], doc_title=self.chunks[cid][0],
                              clause_id=cid, label=cid.split("#")[1], text=self.chunks[cid][1])
                     for i, (cid, _) in enumerate(hits)]
        text = "\n".join(f"{c.text}[{c.n}]" for c in citations)
        ms = (time.perf_counter() - started) * 1000
        return Answer(question, text, bool(citations), citations, [], "extractive", {"total": ms})
