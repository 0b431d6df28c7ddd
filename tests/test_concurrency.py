"""Sixteen users asking at once for thirty seconds: every request answered, no errors, and
the app still serves afterwards."""

from __future__ import annotations

import httpx
import pytest

from bench.load import hammer, questions
from tests.served import served, services  # noqa: F401  (fixtures)

pytestmark = pytest.mark.slow


def test_sixteen_users_for_thirty_seconds(served) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    result = hammer(served.url, questions(), users=16, seconds=30)
    print(result.summary())  # shown with -s; the figures themselves live in BENCHMARKS.md
    assert not result.errors, result.errors[:3]
    assert result.requests >= 16
    health = httpx.post(f"{served.url}/api/ask", json={"question": "武汉市网络零售额目标是多少？"}, timeout=30)
    assert health.status_code == 200 and health.json()["found"]
