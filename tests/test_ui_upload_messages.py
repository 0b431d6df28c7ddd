"""What an upload tells its user through the API: the document's title, and for a refused
file its name and reason — never where the server keeps it (data/uploads/…)."""

from __future__ import annotations

import httpx
import pytest

from tests.format_samples import PLAN
from tests.served import served, services  # noqa: F401  (fixtures)

pytestmark = pytest.mark.slow


@pytest.mark.parametrize("name, content", [
    ("空白规划.txt", b""),
    ("乱码 plan.txt", bytes(range(256)) * 40),
    ("只有数字.txt", "1 2 3 4 5 6 7 8 9 0 ".encode() * 100),
])
def test_a_refused_upload_names_the_file_not_the_server_path(served, services, name: str,  # type: ignore[no-untyped-def]  # noqa: F811
                                                            content: bytes) -> None:
    response = httpx.post(f"{served.url}/api/documents", files={"file": (name, content)}, timeout=120)
    assert 400 <= response.status_code < 500, response.text
    error = response.json()["error"]
    assert name in error
    assert str(services.uploads.folder) not in error and "uploads/" not in error


def test_an_upload_answers_with_the_documents_title(served, services) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    plan = PLAN.replace("示例市", "标题市")
    response = httpx.post(f"{served.url}/api/documents",
                          files={"file": ("test_upload_标题市.txt", plan.encode())}, timeout=120)
    assert response.status_code == 201, response.text
    doc = response.json()["document"]
    try:
        assert doc["title"] == "标题市数字经济发展实施方案"
        assert doc["filename"] == "test_upload_标题市.txt" and doc["status"] == "added"
        assert "path" not in doc and "uploads/" not in response.text
    finally:
        services.uploads.remove(doc["doc_id"])
