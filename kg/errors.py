"""The exceptions PolicyKG raises, all below one root.

    PolicyKGError
    ├── ConfigError             a setting is missing or malformed
    ├── GraphUnavailable        no graph engine could be started or reached
    ├── SchemaError             the graph or the vector index does not match this code
    ├── QueryRefused            a Cypher query would write, administer, or is not one statement
    ├── QueryInvalid            the engine could not parse or run a read query
    ├── QueryTimeout            a read query ran past its time limit and was stopped
    ├── InputError              a file given to ingestion cannot be used
    │   ├── UnsupportedFormat
    │   ├── EncodingError
    │   ├── EmptyDocument
    │   └── DuplicateDocument
    ├── NotFound                a document or clause id that is not stored
    └── LLMError                the optional language model failed (callers fall back)

Every message names the thing at fault (a file, a query, a setting) and, where there is
one, the way to fix it. Third-party errors are translated once, at the adapter that
catches them, with ``raise ... from exc``.
"""

from __future__ import annotations


class PolicyKGError(Exception):
    """Root of every error PolicyKG raises on purpose."""


class ConfigError(PolicyKGError):
    """A setting is missing or malformed."""


class GraphUnavailable(PolicyKGError):
    """No graph engine could be started or reached."""


class SchemaError(PolicyKGError):
    """Stored data was written by an incompatible version or embedder."""


class QueryRefused(PolicyKGError):
    """A Cypher query is not a single read-only statement."""


class QueryInvalid(PolicyKGError):
    """The engine rejected a read query (syntax, unknown function, ...)."""


class QueryTimeout(PolicyKGError):
    """A read query exceeded its time limit and was stopped."""


class InputError(PolicyKGError):
    """A file handed to ingestion cannot be used; the message names the file."""


class UnsupportedFormat(InputError):
    """The file's format is not one PolicyKG reads."""


class EncodingError(InputError):
    """The file's bytes are not text in an encoding PolicyKG can detect."""


class EmptyDocument(InputError):
    """The file holds no usable text (empty, binary, or a PDF without a text layer)."""


class DuplicateDocument(InputError):
    """The same content is already stored under another document id."""


class NotFound(PolicyKGError):
    """A document or clause id that is not stored."""


class LLMError(PolicyKGError):
    """The optional language model failed; callers fall back to extractive answers."""
