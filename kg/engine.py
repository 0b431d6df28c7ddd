"""Start the embedded ArcadeDB engine in this process, or find the one another process runs.

The first PolicyKG process that needs the graph (``serve``, ``ingest``, a test session)
takes an exclusive ``flock`` on ``<data>/engine/engine.lock``, starts ArcadeDB with its
Bolt plugin on loopback ports and writes where it listens to ``engine.json``. Any other
process finds the lock taken, reads ``engine.json`` and connects over Bolt like any
client: ArcadeDB holds its own file lock on the database, so a second engine could not
start anyway. The lock dies with its process, so a crashed owner never blocks the next.

The root password is random, created once, and kept in ``engine.secret`` (mode 0600).

Staff's Cypher console does not use root. At every start the owner makes sure a second
account, ``reader``, exists with read-only rights on the database: its group may read
records of every type and has no other right, so the engine itself refuses any record
change, schema change (a new label or relationship type, an index) and security command
it is sent. Its password is random too, in ``reader.secret`` (mode 0600), written before
``engine.json`` so that a process joining the engine always finds it.
"""

from __future__ import annotations

import atexit
import fcntl
import json
import logging
import os
import secrets
import socket
import time
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from kg.errors import GraphUnavailable
from kg.quiet import filtered_stderr, is_jvm_noise

logger = logging.getLogger(__name__)

DATABASE = "policykg"
USER = "root"
READER = "reader"
# The reader's group: read records of any type; no schema, security or settings right.
_READER_GROUP = '{"access": [], "resultSetLimit": -1, "readTimeout": -1, ' \
    '"types": {"*": {"access": ["readRecord"]}}}'
_BOLT_PLUGIN = "Bolt:com.arcadedb.bolt.BoltProtocolPlugin"
_FIND_WAIT_S = 60.0


@dataclass(frozen=True)
class Endpoint:
    """Where a Bolt client connects, and as whom."""

    uri: str
    user: str
    password: str
    database: str
    embedded: bool
    reader: tuple[str, str] | None = None  # the console's read-only (user, password)


@dataclass(frozen=True)
class EngineOptions:
    """How the embedded engine is started.

    ``heap`` is the JVM's -Xmx. ``command_timeout_s`` bounds every Cypher command: the
    engine ignores Bolt transaction timeouts, but it does stop a command that runs past
    ``arcadedb.command.timeout`` when that is set as a JVM property.
    """

    heap: str = "1g"
    command_timeout_s: float = 10.0


class EmbeddedEngine:
    """Owns or joins the embedded ArcadeDB engine of one data folder.

    >>> engine = EmbeddedEngine(Path("data"))
    >>> endpoint = engine.start_or_find()   # bolt://127.0.0.1:<port>
    >>> engine.stop()                       # no-op for a process that only joined
    """

    def __init__(self, data_dir: Path, options: EngineOptions | None = None) -> None:
        self.root = Path(data_dir).resolve() / "engine"
        self.options = options or EngineOptions()
        self._lock: IO[str] | None = None
        self._server: Any = None

    @property
    def owner(self) -> bool:
        return self._server is not None

    def start_or_find(self) -> Endpoint:
        self.root.mkdir(parents=True, exist_ok=True)
        password = _read_or_create_secret(self.root / "engine.secret")
        if self._try_lock():
            return self._start(password)
        return self._find(password)

    def stop(self) -> None:
        if self._server is not None:
            logger.info("stopping embedded graph engine")
            try:
                self._server.stop()
            finally:
                self._server = None
                (self.root / "engine.json").unlink(missing_ok=True)
        if self._lock is not None:
            self._lock.close()
            self._lock = None

    def _try_lock(self) -> bool:
        handle = open(self.root / "engine.lock", "a+", encoding="utf-8")
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.close()
            return False
        self._lock = handle
        return True

    def _start(self, password: str) -> Endpoint:
        started = time.perf_counter()
        (self.root / "engine.json").unlink(missing_ok=True)
        bolt_port, http_port = _free_port(), _free_port()
        try:
            self._server = _start_server(self.root, password, bolt_port, http_port, self.options)
            reader = _read_or_create_secret(self.root / "reader.secret")
            _ensure_reader(self._server, reader)
        except BaseException:
            self.stop()
            raise
        atexit.register(self.stop)
        info = {"pid": os.getpid(), "bolt_port": bolt_port, "database": DATABASE}
        _write_private(self.root / "engine.json", json.dumps(info))
        logger.info(
            "embedded graph engine up on bolt://127.0.0.1:%d in %.1f s",
            bolt_port, time.perf_counter() - started,
        )
        return Endpoint(f"bolt://127.0.0.1:{bolt_port}", USER, password, DATABASE, True,
                        reader=(READER, reader))

    def _find(self, password: str) -> Endpoint:
        deadline = time.monotonic() + _FIND_WAIT_S
        info_path = self.root / "engine.json"
        while time.monotonic() < deadline:
            info = _read_json(info_path)
            if info and _port_open(int(info["bolt_port"])):
                logger.info("joining the graph engine of process %s", info.get("pid"))
                uri = f"bolt://127.0.0.1:{info['bolt_port']}"
                reader = (READER, _read_secret(self.root / "reader.secret"))
                return Endpoint(uri, USER, password, info["database"], True, reader=reader)
            if self._try_lock():  # the owner died between our two looks
                return self._start(password)
            time.sleep(0.2)
        raise GraphUnavailable(
            f"another process holds {self.root / 'engine.lock'} but no engine answered "
            f"within {_FIND_WAIT_S:.0f} s; stop that process or set NEO4J_URI"
        )


def _start_server(root: Path, password: str, bolt: int, http: int, opts: EngineOptions) -> Any:
    # Imported here: loading the JVM costs a second and only the owner needs it.
    import arcadedb_embedded as arcade
    from arcadedb_embedded.jvm import start_jvm

    import jpype

    log_props = _write_log_config(root)
    jvm_args = [
        f"-Djava.util.logging.config.file={log_props}",
        f"-Darcadedb.command.timeout={int(opts.command_timeout_s * 1000)}",
    ]
    if not jpype.isJVMStarted():  # a JVM is configured once per process
        with filtered_stderr(is_jvm_noise):  # its incubator-module warning is harmless
            start_jvm(heap_size=opts.heap, jvm_args=jvm_args)
    config = {
        "host": "127.0.0.1",
        "http_port": http,
        "server_plugins": _BOLT_PLUGIN,
        "bolt_port": bolt,
        "server_logsDirectory": str(root / "log"),
    }
    server = arcade.create_server(str(root / "server"), root_password=password, config=config)
    try:
        server.start()
        server.create_database(DATABASE)
    except Exception as exc:
        try:
            server.stop()
        finally:
            raise GraphUnavailable(f"the embedded graph engine in {root} failed to start: {exc}") from exc
    return server


def _ensure_reader(server: Any, password: str) -> None:
    """Create or reset the console's read-only account and its group.

    Done through the engine's security service, which writes ``server-users.jsonl`` and
    ``server-groups.json`` and refreshes the permissions of open sessions. Run at every
    start, so a changed group file or a lost password is repaired, not trusted.
    """
    import jpype

    json_object = jpype.JClass("com.arcadedb.serializer.json.JSONObject")
    # The Python wrapper has no public accessor for the Java server it starts.
    security = server._java_server.getSecurity()
    try:
        security.saveGroup(DATABASE, READER, json_object(_READER_GROUP))
        user = json_object()
        user.put("name", READER)
        user.put("password", security.encodePassword(password))
        user.put("databases", json_object(json.dumps({DATABASE: [READER]})))
        if security.existsUser(READER):
            security.updateUser(user)
        else:
            security.createUser(user)
    except Exception as exc:
        raise GraphUnavailable(
            f"could not set up the read-only console account of the embedded graph engine: "
            f"{exc}; delete the engine's config folder to reset its accounts"
        ) from exc


def _write_log_config(root: Path) -> Path:
    # The engine logs to stdout by default, which would corrupt `policykg cypher --json`.
    props = root / "logging.properties"
    props.write_text(
        "handlers = java.util.logging.FileHandler\n"
        ".level = WARNING\n"
        f"java.util.logging.FileHandler.pattern = {root / 'engine.log'}\n"
        "java.util.logging.FileHandler.limit = 5000000\n"
        "java.util.logging.FileHandler.count = 2\n"
        "java.util.logging.FileHandler.formatter = java.util.logging.SimpleFormatter\n",
        encoding="utf-8",
    )
    return props


def _read_or_create_secret(path: Path) -> str:
    if path.exists():
        return path.read_text(encoding="utf-8").strip()
    password = secrets.token_urlsafe(24)
    _write_private(path, password)
    return password


def _read_secret(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8").strip()
    except OSError as exc:
        raise GraphUnavailable(
            f"cannot read {path}, the console account's password the engine's owner "
            f"writes: {exc}; restart the process that runs the engine"
        ) from exc


def _write_private(path: Path, text: str) -> None:
    tmp = path.with_suffix(path.suffix + ".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(text)
    os.replace(tmp, path)


def _read_json(path: Path) -> dict[str, Any] | None:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _port_open(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.5):
            return True
    except OSError:
        return False
