"""A real PolicyKG server for the API and browser tests.

The app and the API run in uvicorn on a free port, in a background thread of the test
process, over this session's seeded store (the embedded engine belongs to the ``store``
fixture). Test modules import the fixtures they need::

    from tests.served import served, services  # noqa: F401
"""

from __future__ import annotations

import dataclasses
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
import uvicorn

from ingest.build import IngestReport
from kg.store import GraphStore
from ui.server import Services, build_services, create_app
from ui.settings import Settings

_SERVICES: dict[int, Services] = {}  # one set per store, however many modules ask


@dataclass
class Served:
    url: str
    settings: Settings
    server: uvicorn.Server
    thread: threading.Thread

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=15)


def shared_services(settings: Settings, store: GraphStore) -> Services:
    if id(store) not in _SERVICES:
        _SERVICES[id(store)] = build_services(settings, store)
    return _SERVICES[id(store)]


def start(settings: Settings, services: Services) -> Served:
    """Serve ``create_app(settings, services)`` until ``stop()``; wait until it answers."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    config = uvicorn.Config(create_app(settings, services), host="127.0.0.1", port=port,
                            log_level="warning", timeout_graceful_shutdown=2)
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, name=f"policykg-{port}", daemon=True)
    thread.start()
    deadline = time.monotonic() + 60
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError(f"the test server on port {port} did not start")
        time.sleep(0.05)
    return Served(f"http://127.0.0.1:{port}", settings, server, thread)


@pytest.fixture(scope="session")
def services(seeded: IngestReport, settings: Settings, store: GraphStore) -> Services:
    return shared_services(settings, store)


@pytest.fixture(scope="module")
def served(services: Services, settings: Settings) -> Iterator[Served]:
    running = start(settings, services)
    yield running
    running.stop()


@pytest.fixture(scope="module")
def served_with_login(services: Services, settings: Settings) -> Iterator[Served]:
    running = start(dataclasses.replace(settings, auth=("staff", "pa55:word")), services)
    yield running
    running.stop()
