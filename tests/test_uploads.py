"""Uploading plans through the API: ingested and answerable at once, removable, and bad
files refused with a 4xx naming them, leaving nothing behind."""

from __future__ import annotations

import dataclasses

import httpx
import pytest

from ingest.uploads import FileTooLarge, UploadService, safe_name
from tests.format_samples import PLAN, make_docx, make_scanned_pdf
from tests.served import served, served_with_login, services, start  # noqa: F401  (fixtures)

pytestmark = pytest.mark.slow


def test_safe_name_strips_paths_and_oddities() -> None:
    assert safe_name("../../etc/passwd") == "passwd"
    assert safe_name("C:\\plans\\规划 v2 (final).PDF") == "规划_v2_final.pdf"
    assert safe_name(".hidden.txt") == "hidden.txt"


def test_upload_ask_remove(served, services) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    files = {"file": ("test_upload_示例市.txt", PLAN.encode("utf-8"), "text/plain")}
    created = httpx.post(f"{served.url}/api/documents", files=files, timeout=120)
    assert created.status_code == 201, created.text
    doc = created.json()["document"]
    assert doc["status"] == "added" and doc["clauses"] >= 4 and doc["targets"] >= 2
    try:
        answer = httpx.post(f"{served.url}/api/ask", json={"question": "示例市到2027年高性能算力规模达到多少？"},
                            timeout=60).json()
        assert answer["found"] and "8EFLOPS" in answer["answer"].replace(" ", "")
        assert answer["citations"][0]["doc_id"] == doc["doc_id"]
    finally:
        removed = httpx.delete(f"{served.url}/api/documents/{doc['doc_id']}", timeout=120)
    assert removed.status_code == 200
    gone = httpx.post(f"{served.url}/api/ask", json={"question": "示例市到2027年高性能算力规模达到多少？"},
                      timeout=60).json()
    assert not any(c["doc_id"] == doc["doc_id"] for c in gone["citations"])
    assert httpx.delete(f"{served.url}/api/documents/{doc['doc_id']}", timeout=30).status_code == 404


def test_docx_upload(served, tmp_path) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    path = make_docx(tmp_path / "test_upload_docx.docx")
    created = httpx.post(f"{served.url}/api/documents",
                         files={"file": (path.name, path.read_bytes(), "application/octet-stream")},
                         timeout=120)
    assert created.status_code == 201, created.text
    httpx.delete(f"{served.url}/api/documents/{created.json()['document']['doc_id']}", timeout=120)


@pytest.mark.parametrize("name, content, status, words", [
    ("scan.pdf", None, 400, ["scan.pdf", "text layer"]),
    ("table.xlsx", b"PK\x03\x04", 415, ["table.xlsx", ".xlsx"]),
    ("empty.txt", b"", 400, ["empty.txt"]),
])
def test_bad_uploads_are_4xx_and_leave_nothing(served, services, tmp_path, name, content, status, words) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    if content is None:
        content = make_scanned_pdf(tmp_path / name).read_bytes()
    before = httpx.get(f"{served.url}/api/documents", timeout=30).json()
    response = httpx.post(f"{served.url}/api/documents", files={"file": (name, content)}, timeout=120)
    assert response.status_code == status, response.text
    assert all(w in response.json()["error"] for w in words)
    assert httpx.get(f"{served.url}/api/documents", timeout=30).json() == before
    assert not (services.uploads.folder / name).exists()


def test_upload_over_the_limit_is_413(services, settings) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    small = start(dataclasses.replace(settings, max_file_mb=1), services)
    try:
        response = httpx.post(f"{small.url}/api/documents",
                              files={"file": ("big.txt", b"x" * 2_000_000)}, timeout=60)
        assert response.status_code == 413
    finally:
        small.stop()
    tight = UploadService(services.uploads.ingestor, services.uploads.folder, max_bytes=10)
    with pytest.raises(FileTooLarge, match="big.txt"):
        tight.add("big.txt", b"x" * 11)


def test_upload_needs_the_login(served_with_login) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    files = {"file": ("x.txt", PLAN.encode("utf-8"))}
    assert httpx.post(f"{served_with_login.url}/api/documents", files=files, timeout=30).status_code == 401
