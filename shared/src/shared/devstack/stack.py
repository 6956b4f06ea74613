"""``make run``: the whole system on one machine, with embedded PostgreSQL and broker.

Start order: PostgreSQL (data in ``.data/``, kept across runs), the broker (memory only, a new
cluster id each run), the development OIDC issuer (its key kept in ``.data/dev-issuer/``), topics,
every service's migrations, then one process per service (API with its worker inside). On Ctrl-C
or SIGTERM the services stop first, then the broker, then PostgreSQL.
Because the broker is new on every run, each service's relay replays its retained outbox; the
consumers' inboxes drop what was already applied. A service process that exits (a worker that
could not stop a stuck part exits 70) is started again, as an orchestrator would.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path

import httpx
from pydantic_settings import BaseSettings, SettingsConfigDict

from shared import migrations
from shared.devstack.broker import EmbeddedBroker
from shared.devstack.ports import wait_until_listening
from shared.devstack.postgres import EmbeddedPostgres
from shared.kafka.clients import KafkaConfig
from shared.kafka.topics import all_topics, ensure_topics
from shared.service import ServiceSpec
from shared.settings import DEV_BROKER_PORT, DEV_DATABASE_PORT, DEV_ISSUER_PORT

READY_TIMEOUT_SECONDS = 90.0
# Group heartbeats are most of what an idle stack still sends the broker once consumers park (see
# shared.messaging.wakeup): a heartbeat a second instead of every 300 ms. A group join then takes
# 1.5 s (half the session timeout on Tansu) instead of 1 s. The environment can override both.
DEV_KAFKA_TIMINGS = {"KAFKA_SESSION_TIMEOUT_MS": "3000", "KAFKA_HEARTBEAT_INTERVAL_MS": "1000"}
CRASH_WINDOW_SECONDS = 60.0
MAX_CRASHES = 5


class DevStackSettings(BaseSettings):
    """Where the dev stack keeps data, and which external servers (if any) replace the embedded ones."""

    model_config = SettingsConfigDict(extra="ignore", frozen=True)

    database_url: str | None = None
    kafka_bootstrap_servers: str | None = None
    data_dir: Path = Path(".data")
    dev_database_port: int = DEV_DATABASE_PORT
    dev_broker_port: int = DEV_BROKER_PORT
    dev_issuer_port: int = DEV_ISSUER_PORT
    dev_database_name: str = "ipcase"

    @property
    def issuer_key_file(self) -> Path:
        return (self.data_dir / "dev-issuer" / "ed25519.pem").resolve()

    @property
    def issuer_url(self) -> str:
        return f"http://127.0.0.1:{self.dev_issuer_port}"


class DevStack:
    def __init__(self, settings: DevStackSettings, services: Mapping[str, ServiceSpec]) -> None:
        self._settings = settings
        self._services = services
        self._stop_requested = False
        self._spawn: Callable[[str], subprocess.Popen[bytes]] = lambda name: _unstarted(name)

    def run(self) -> int:
        """Run until interrupted; return the exit code."""
        for signum in (signal.SIGINT, signal.SIGTERM):
            signal.signal(signum, self._request_stop)
        with contextlib.ExitStack() as stack:
            database_url = self._database(stack)
            bootstrap_servers = self._broker(stack)
            self._issuer(stack)
            asyncio.run(self._prepare(database_url, bootstrap_servers))
            processes = stack.enter_context(self._service_processes(database_url, bootstrap_servers))
            self._wait_until_ready()
            self._print_banner(database_url, bootstrap_servers)
            return self._supervise(processes)

    def _request_stop(self, signum: int, frame: object) -> None:
        self._stop_requested = True

    def _database(self, stack: contextlib.ExitStack) -> str:
        if self._settings.database_url:
            return self._settings.database_url
        server = EmbeddedPostgres(
            data_dir=(self._settings.data_dir / "postgres").resolve(), port=self._settings.dev_database_port
        )
        _say(f"starting PostgreSQL on port {server.port} (data in {server.data_dir})")
        server.start()
        stack.callback(server.stop)
        server.create_database(self._settings.dev_database_name)
        return server.url(self._settings.dev_database_name)

    def _broker(self, stack: contextlib.ExitStack) -> str:
        if self._settings.kafka_bootstrap_servers:
            return self._settings.kafka_bootstrap_servers
        broker = EmbeddedBroker(
            port=self._settings.dev_broker_port, log_file=(self._settings.data_dir / "broker.log").resolve()
        )
        _say(f"starting the Kafka-protocol broker (Tansu) on port {broker.port}")
        broker.start()
        stack.callback(broker.stop)
        return broker.bootstrap_servers

    def _issuer(self, stack: contextlib.ExitStack) -> None:
        """The development OIDC issuer: services verify its tokens by discovery and JWKS, as in production."""
        settings = self._settings
        _say(f"starting the development identity issuer on {settings.issuer_url}")
        command = [
            sys.executable, "-m", "shared.cli", "issuer",
            "--port", str(settings.dev_issuer_port), "--key-file", str(settings.issuer_key_file),
        ]  # fmt: skip
        process = subprocess.Popen(command, start_new_session=True)
        stack.callback(_stop_processes, {"issuer": process})
        wait_until_listening("127.0.0.1", settings.dev_issuer_port, timeout=30)

    async def _prepare(self, database_url: str, bootstrap_servers: str) -> None:
        created = await ensure_topics(
            KafkaConfig(bootstrap_servers, client_id="ipcase-devstack"), all_topics()
        )
        _say(f"topics ready ({len(created)} created)")
        for spec in self._services.values():
            await migrations.upgrade(spec, database_url)
        _say(f"migrations applied: {', '.join(self._services)}")

    @contextlib.contextmanager
    def _service_processes(
        self, database_url: str, bootstrap_servers: str
    ) -> Iterator[dict[str, subprocess.Popen[bytes]]]:
        processes: dict[str, subprocess.Popen[bytes]] = {}
        identity = {
            "AUTH_ISSUER": self._settings.issuer_url,
            "AUTH_DEV_KEY_FILE": str(self._settings.issuer_key_file),
        }
        self._spawn = lambda name: _spawn_service(
            name, self._services[name], database_url, bootstrap_servers, identity
        )
        try:
            for name in self._services:
                processes[name] = self._spawn(name)
            yield processes
        finally:
            _stop_processes(processes)

    def _wait_until_ready(self) -> None:
        deadline = time.monotonic() + READY_TIMEOUT_SECONDS
        for name, spec in self._services.items():
            while not _is_ready(spec.port):
                if self._stop_requested or time.monotonic() > deadline:
                    raise RuntimeError(f"{name} did not become ready on port {spec.port}")
                time.sleep(0.2)

    def _supervise(self, processes: dict[str, subprocess.Popen[bytes]]) -> int:
        """Restart a service that exits (as an orchestrator would); give up if it keeps crashing."""
        crashes: dict[str, list[float]] = {name: [] for name in processes}
        while not self._stop_requested:
            for name, process in processes.items():
                if process.poll() is None:
                    continue
                now = time.monotonic()
                recent = [t for t in crashes[name] if now - t < CRASH_WINDOW_SECONDS] + [now]
                crashes[name] = recent
                if len(recent) > MAX_CRASHES:
                    _say(f"{name} exited {len(recent)} times within a minute; stopping everything")
                    return 1
                _say(f"{name} exited with code {process.returncode}; starting it again")
                processes[name] = self._spawn(name)
            time.sleep(0.5)
        _say("stopping")
        return 0

    def _print_banner(self, database_url: str, bootstrap_servers: str) -> None:
        lines = ["", "ipcase is running — Ctrl-C stops everything", ""]
        for name, spec in self._services.items():
            lines.append(f"  {name:<13} http://127.0.0.1:{spec.port}        (docs: /docs)")
        lines += [
            f"  {'PostgreSQL':<13} {database_url}",
            f"  {'Kafka':<13} {bootstrap_servers}",
            f"  {'Issuer':<13} {self._settings.issuer_url}  (development OIDC issuer)",
            "",
            "  A development token (any service issues tokens all four accept):",
            "    curl -s -X POST http://127.0.0.1:8101/auth/dev-token -H 'content-type: application/json' \\",
            '         -d \'{"subject": "me", "roles": ["staff", "admin"]}\'',
            "",
        ]
        print("\n".join(lines), flush=True)  # noqa: T201 - the banner is the point


def _spawn_service(
    name: str, spec: ServiceSpec, database_url: str, bootstrap_servers: str, identity: Mapping[str, str]
) -> subprocess.Popen[bytes]:
    env = {
        **DEV_KAFKA_TIMINGS,
        **os.environ,
        **identity,
        "DATABASE_URL": database_url,
        "KAFKA_BOOTSTRAP_SERVERS": bootstrap_servers,
        "HTTP_PORT": str(spec.port),
        "ENVIRONMENT": "dev",
        "RUN_WORKERS": "true",
        "LOG_FORMAT": os.environ.get("LOG_FORMAT", "console"),
    }
    return subprocess.Popen(
        [sys.executable, "-m", "shared.cli", "api", name], env=env, start_new_session=True
    )


def _is_ready(port: int) -> bool:
    try:
        return httpx.get(f"http://127.0.0.1:{port}/readyz", timeout=1.0).status_code == 200
    except httpx.HTTPError:
        return False


def _unstarted(name: str) -> subprocess.Popen[bytes]:
    raise RuntimeError(f"{name}: the service processes have not been set up")


def _stop_processes(processes: Mapping[str, subprocess.Popen[bytes]]) -> None:
    for process in processes.values():
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
    for process in processes.values():
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _say(message: str) -> None:
    print(f"[ipcase] {message}", flush=True)  # noqa: T201 - progress of an interactive command
