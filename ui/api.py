"""The JSON API beside the app: the services the CLI uses, as HTTP routes.

    POST /api/ask                   {"question", "history"?}  → the JSON of `policykg ask --json`
    POST /api/cypher                {"query", "limit"?}       → {"columns", "rows"}
    GET  /api/incentives            ?keyword&industry&condition&min_amount&kind
    GET  /api/incentives/conditions                           → what the eligibility helper ticks
    POST /api/incentives/eligible   {"conditions": [label]}   → what those conditions can claim
    GET  /api/targets               ?doc_id&level&year&metric
    GET  /api/targets/comparable    ?metric                   → one metric across plan levels
    GET  /api/documents, GET /api/documents/{doc_id}/clauses
    GET  /api/clauses/{clause_id}                             → the clause, its document, neighbours
    GET  /api/schema, GET /api/health
    POST /api/documents             multipart "file"          → ingest an uploaded plan (201)
    DELETE /api/documents/{doc_id}                            → remove a document

Errors are ``{"error": message}``: a refused query 403, an invalid one 400, a timeout 408,
an unknown id 404, bad input 422, a body over the size limit 413, a missing login 401, a
graph engine that stopped answering 503, anything else 500 (logged, never a stack trace).
"""

from __future__ import annotations

import base64
import dataclasses
import binascii
import logging
import secrets
from pathlib import Path as FilePath
from typing import TYPE_CHECKING, Annotated, Any

from fastapi import APIRouter, FastAPI, Path, Query, Request, UploadFile
from starlette.concurrency import run_in_threadpool
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field, StringConstraints
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Receive, Scope, Send

from ingest.build import DocReport
from ingest.uploads import FileTooLarge, safe_name
from kg.errors import (GraphUnavailable, InputError, NotFound, PolicyKGError, QueryInvalid,
                       QueryRefused, QueryTimeout, UnsupportedFormat)

if TYPE_CHECKING:
    from ui.server import Services

logger = logging.getLogger(__name__)

MAX_QUESTION_CHARS = 1000
MAX_QUERY_CHARS = 10_000
MAX_API_BODY = 64 * 1024  # a question with a long history fits many times over
PROTECTED = ("/api", "/docs", "/openapi.json", "/redoc")

_STATUS: tuple[tuple[type[PolicyKGError], int], ...] = (
    (QueryRefused, 403), (QueryInvalid, 400), (QueryTimeout, 408), (NotFound, 404),
    (FileTooLarge, 413), (UnsupportedFormat, 415), (InputError, 400), (GraphUnavailable, 503),
)

Question = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1,
                                            max_length=MAX_QUESTION_CHARS)]
Short = Annotated[str, Query(max_length=200)]


class AskRequest(BaseModel):
    model_config = ConfigDict(extra="forbid", json_schema_extra={
        "examples": [{"question": "首次进入全国软件百强能拿多少奖励？谁出钱？"}]})

    question: Question
    history: list[dict[str, Any] | list[Any]] = Field(
        default_factory=list, max_length=100,
        description='Earlier turns: {"role", "content"} messages or [user, bot] pairs.')


class CypherRequest(BaseModel):
    model_config = ConfigDict(extra="forbid", json_schema_extra={
        "examples": [{"query": "MATCH (d:Document) RETURN d.title AS title", "limit": 10}]})

    query: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1,
                                            max_length=MAX_QUERY_CHARS)]
    limit: int | None = Field(default=None, ge=1, description="Most rows; never above the server's cap.")


class EligibleRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    conditions: list[Annotated[str, StringConstraints(max_length=200)]] = Field(max_length=200)


def router(services: Services) -> APIRouter:
    """The routes; each parses, calls one service method, returns its JSON."""
    api = APIRouter(prefix="/api", tags=["PolicyKG"], max_body_size=MAX_API_BODY)
    _question_routes(api, services)
    _browse_routes(api, services)

    @api.get("/health", summary="Is the server up")
    def health() -> dict[str, str]:
        return {"status": "ok"}

    return api


def _question_routes(api: APIRouter, services: Services) -> None:
    @api.post("/ask", summary="Answer a question with citations")
    def ask(body: AskRequest) -> dict[str, Any]:
        return services.qa.ask(body.question, body.history).as_json()

    @api.post("/cypher", summary="Run one read-only Cypher query")
    def cypher(body: CypherRequest, request: Request) -> dict[str, Any]:
        user = getattr(request.state, "user", None) or "api"
        return services.console.run(body.query, limit=body.limit, user=user).as_json()

    @api.get("/schema", summary="Labels, relationship types, property keys, counts")
    def schema() -> dict[str, Any]:
        return services.schema.summary().as_json()


def _browse_routes(api: APIRouter, services: Services) -> None:
    @api.get("/incentives", summary="Incentives, filtered")
    def incentives(keyword: Short = "", industry: Short = "", condition: Short = "",
                   min_amount: Annotated[float | None, Query(ge=0)] = None,
                   kind: Short = "") -> dict[str, Any]:
        rows = services.incentives.find(keyword, industry, condition, min_amount, kind)
        return {"incentives": [r.as_json() for r in rows]}

    @api.get("/incentives/conditions", summary="Conditions the eligibility helper offers")
    def conditions() -> dict[str, Any]:
        return {"conditions": [c.as_json() for c in services.incentives.conditions()]}

    @api.post("/incentives/eligible", summary="What the ticked conditions can claim")
    def eligible(body: EligibleRequest) -> dict[str, Any]:
        return {"incentives": [r.as_json() for r in services.incentives.eligible(body.conditions)]}

    @api.get("/targets", summary="Quantified targets, filtered")
    def targets(doc_id: Short = "", level: Short = "",
                year: Annotated[int | None, Query(ge=1900, le=2200)] = None,
                metric: Short = "") -> dict[str, Any]:
        return {"targets": [r.as_json() for r in services.targets.find(doc_id, level, year, metric)]}

    @api.get("/targets/comparable", summary="One metric across province, city and zone plans")
    def comparable(metric: Short = "") -> dict[str, Any]:
        return {"groups": [g.as_json() for g in services.targets.comparable(metric)]}

    @api.get("/documents", summary="The stored documents")
    def documents() -> dict[str, Any]:
        return {"documents": services.documents.documents()}

    @api.get("/documents/{doc_id}/clauses", summary="A document's clause tree")
    def clauses(doc_id: Annotated[str, Path(max_length=200)]) -> dict[str, Any]:
        return {"clauses": [vars(n) for n in services.documents.tree(doc_id)]}

    @api.get("/clauses/{clause_id}", summary="A clause, its document and neighbours")
    def clause(clause_id: Annotated[str, Path(max_length=300)]) -> dict[str, Any]:
        return services.documents.clause(clause_id).as_json()


UPLOAD_PATH = "/api/documents"


def upload_router(services: Services, upload_bytes: int) -> APIRouter:
    """Adding and removing plans: behind the same login as everything else under /api."""
    api = APIRouter(prefix="/api", tags=["PolicyKG"], max_body_size=upload_bytes)

    @api.post("/documents", status_code=201, summary="Upload and ingest a plan (TXT, MD, PDF, DOCX, HTML)")
    async def upload(file: UploadFile) -> dict[str, Any]:
        content = await file.read()
        name = file.filename or ""
        try:
            report = await run_in_threadpool(services.uploads.add, name, content, "api")
        except PolicyKGError as exc:
            raise type(exc)(upload_message(str(exc), services.uploads.folder, name)) from exc
        return {"document": uploaded(report, name, services.documents.document(report.doc_id or ""))}

    @api.delete("/documents/{doc_id}", summary="Remove a document, its clauses, facts and vectors")
    def remove(doc_id: Annotated[str, Path(max_length=200)]) -> dict[str, str]:
        services.uploads.remove(doc_id)
        return {"removed": doc_id}

    return api


def upload_message(message: str, folder: FilePath, filename: str) -> str:
    """An ingestion message about an upload, naming the file as its user sent it: where
    the server keeps it (data/uploads/…) is none of their business."""
    stored = folder / safe_name(filename)
    for form in sorted({str(stored.resolve()), str(stored.absolute()), str(stored)}, key=len,
                       reverse=True):
        message = message.replace(form, filename or stored.name)
    return message


def uploaded(report: DocReport, filename: str, doc: dict[str, Any] | None) -> dict[str, Any]:
    """An upload's outcome for its user: the document's id and title, what was found."""
    fields = {k: v for k, v in dataclasses.asdict(report).items() if k not in ("path", "error")}
    return {**fields, "filename": filename, "title": (doc or {}).get("title") or filename}


def install(app: FastAPI, services: Services, auth: tuple[str, str] | None,
            max_file_mb: int = 50) -> None:
    """Mount the routes, the error translation and the optional login. The body limit is
    the router's (``max_body_size``); uploads have the file limit plus room for the form."""
    upload_bytes = max_file_mb * 1_000_000 + 64 * 1024
    app.include_router(router(services))
    app.include_router(upload_router(services, upload_bytes))
    app.add_exception_handler(PolicyKGError, _policykg_error)  # type: ignore[arg-type]
    app.add_exception_handler(RequestValidationError, _invalid_request)  # type: ignore[arg-type]
    app.add_exception_handler(StarletteHTTPException, _http_error)  # type: ignore[arg-type]
    app.add_exception_handler(Exception, _unexpected)
    app.add_middleware(DeclaredSizeLimit, upload_bytes=upload_bytes)
    if auth is not None:
        app.add_middleware(BasicAuth, user=auth[0], password=auth[1])


def status_of(exc: PolicyKGError) -> int:
    return next((code for kind, code in _STATUS if isinstance(exc, kind)), 500)


async def _policykg_error(request: Request, exc: PolicyKGError) -> JSONResponse:
    status = status_of(exc)
    if status == 500:
        logger.error("%s on %s: %s", type(exc).__name__, request.url.path, exc)
    return JSONResponse({"error": str(exc)}, status_code=status)


async def _invalid_request(request: Request, exc: RequestValidationError) -> JSONResponse:
    problems = []
    for error in exc.errors():
        if error.get("type") == "json_invalid":
            problems.append("the body is not valid JSON")
            continue
        where = ".".join(str(part) for part in error.get("loc", ())[1:]) or "body"
        problems.append(f"{where}: {error.get('msg', 'invalid')}")
    return JSONResponse({"error": "; ".join(problems)}, status_code=422)


async def _http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
    return JSONResponse({"error": str(exc.detail)}, status_code=exc.status_code,
                        headers=getattr(exc, "headers", None))


async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
    logger.exception("unexpected error on %s", request.url.path)
    return JSONResponse({"error": "internal error; the server log has the details"}, status_code=500)


class DeclaredSizeLimit:
    """413 as JSON for an API body whose declared length is over the bound, before it is
    read; a streamed body without a length meets the router's own limit (plain text)."""

    def __init__(self, app: ASGIApp, *, upload_bytes: int) -> None:
        self.app = app
        self.upload_bytes = upload_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope.get("path", "").startswith("/api"):
            limit = self.upload_bytes if scope.get("path") == UPLOAD_PATH else MAX_API_BODY
            declared = dict(scope.get("headers") or []).get(b"content-length", b"")
            if declared.isdigit() and int(declared) > limit:
                response = JSONResponse(
                    {"error": f"request body over {limit // 1024} KiB"}, status_code=413)
                await response(scope, receive, send)
                return
        await self.app(scope, receive, send)


class BasicAuth:
    """HTTP Basic login for the API and its docs (the app has Gradio's own login page)."""

    def __init__(self, app: ASGIApp, *, user: str, password: str) -> None:
        self.app = app
        self.user = user.encode()
        self.password = password.encode()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not scope.get("path", "").startswith(PROTECTED):
            await self.app(scope, receive, send)
            return
        user = self._login(dict(scope.get("headers") or []).get(b"authorization", b""))
        if user is None:
            response = JSONResponse({"error": "login required (HTTP Basic, POLICYKG_AUTH)"},
                                    status_code=401,
                                    headers={"WWW-Authenticate": 'Basic realm="PolicyKG"'})
            await response(scope, receive, send)
            return
        scope.setdefault("state", {})["user"] = user
        await self.app(scope, receive, send)

    def _login(self, header: bytes) -> str | None:
        scheme, _, token = header.partition(b" ")
        if scheme.lower() != b"basic":
            return None
        try:
            user, _, password = base64.b64decode(token, validate=True).partition(b":")
        except (binascii.Error, ValueError):
            return None
        ok_user = secrets.compare_digest(user, self.user)
        ok_password = secrets.compare_digest(password, self.password)
        return user.decode("utf-8", "replace") if ok_user and ok_password else None
