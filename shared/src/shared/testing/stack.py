"""A whole ipcase stack as real processes, for fault-injection tests that kill and stop things.

Unlike the in-process services of the e2e tests, every API and worker here is its own OS process
(as in production: ``ipcase api S`` without workers, ``ipcase worker S``), on its own embedded
PostgreSQL and broker, so a test may SIGKILL a worker mid-transaction, stop the database or restart
the broker and then count in SQL what survived.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import asyncpg
import httpx

from shared import migrations
from shared.db import asyncpg_dsn
from shared.devstack.broker import EmbeddedBroker
from shared.devstack.ports import free_port, wait_until_listening
from shared.devstack.postgres import EmbeddedPostgres
from shared.identity.dev_issuer import DevIssuer
from shared.kafka.clients import KafkaConfig
from shared.kafka.topics import all_topics, ensure_topics
from shared.service import discover_services
from shared.web.auth import Role
from shared.web.identity import all_audiences

FAST_ENV = {
    "ENVIRONMENT": "dev",
    "RUN_WORKERS": "false",
    "LOG_FORMAT": "console",
    "KAFKA_WATCH_INTERVAL": "0.5",
    "OUTBOX_POLL_INTERVAL": "1",
    "CONSUMER_IDLE_POLL_INTERVAL": "0.5",
    "TIMER_POLL_INTERVAL": "1",
    "CONSUMER_RETRY_BACKOFF": "0.05",
    "CONSUMER_RETRY_BACKOFF_MAX": "1",
    "DATABASE_POOL_SIZE": "8",
    "DATABASE_CONNECT_TIMEOUT": "2",
    "WORKER_STALL_TIMEOUT": "60",
    "RATE_LIMIT": "1000000/minute",
}


@dataclass
class Process:
    name: str
    args: list[str]
    env: dict[str, str]
    log: Path
    port: int
    popen: subprocess.Popen[bytes] | None = None

    def start(self, cwd: Path) -> None:
        output = self.log.open("ab")
        self.popen = subprocess.Popen(
            self.args, env={**os.environ, **self.env}, stdout=output, stderr=subprocess.STDOUT, cwd=cwd
        )
        output.close()

    @property
    def pid(self) -> int:
        assert self.popen is not None
        return self.popen.pid

    def kill(self) -> None:
        if self.popen is not None and self.popen.poll() is None:
            self.popen.send_signal(signal.SIGKILL)
            self.popen.wait()

    def stop(self, timeout: float = 30) -> int | None:
        if self.popen is None:
            return None
        if self.popen.poll() is None:
            self.popen.terminate()
            try:
                self.popen.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                self.popen.kill()
                self.popen.wait()
        return self.popen.returncode

    def log_tail(self, lines: int = 40) -> str:
        text = self.log.read_text(errors="replace") if self.log.exists() else ""
        return "\n".join(text.splitlines()[-lines:])


@dataclass
class ProcessStack:
    """PostgreSQL, the broker, and one API and one worker process per chosen service."""

    workdir: Path
    services: tuple[str, ...] = ("intake", "adjudication")
    extra_env: dict[str, str] = field(default_factory=dict)
    postgres: EmbeddedPostgres = field(init=False)
    broker: EmbeddedBroker = field(init=False)
    processes: dict[str, Process] = field(default_factory=dict, init=False)

    issuer_port: int = field(init=False)

    def __post_init__(self) -> None:
        self.postgres = EmbeddedPostgres(self.workdir / "pg", free_port(), durable=False)
        self.broker = EmbeddedBroker(free_port(), self.workdir / "broker.log")
        self.issuer_port = free_port()

    @property
    def issuer_url(self) -> str:
        return f"http://127.0.0.1:{self.issuer_port}"

    @property
    def issuer_key_file(self) -> Path:
        return self.workdir / "issuer" / "ed25519.pem"

    @property
    def database_url(self) -> str:
        return self.postgres.url("ipcase")

    def env(self, **overrides: str) -> dict[str, str]:
        return {
            **FAST_ENV,
            "DATABASE_URL": self.database_url,
            "KAFKA_BOOTSTRAP_SERVERS": self.broker.bootstrap_servers,
            "EVIDENCE_DIR": str(self.workdir / "evidence"),
            "IMPORT_DIR": str(self.workdir / "imports"),
            "AUTH_ISSUER": self.issuer_url,
            "AUTH_DEV_KEY_FILE": str(self.issuer_key_file),
            **self.extra_env,
            **overrides,
        }

    async def start(self) -> None:
        self.postgres.start()
        self.postgres.create_database("ipcase")
        self.broker.start()
        await ensure_topics(KafkaConfig(self.broker.bootstrap_servers, "fault-tests"), all_topics())
        for spec in discover_services().values():
            await migrations.upgrade(spec, self.database_url)
        issuer = ["issuer", "--port", str(self.issuer_port), "--key-file", str(self.issuer_key_file)]
        self.spawn("issuer", issuer, port=self.issuer_port)
        await asyncio.to_thread(wait_until_listening, "127.0.0.1", self.issuer_port, timeout=60)
        for name in self.services:
            self.spawn(f"{name}-api", ["api", name], http_port=True)
            self.spawn(f"{name}-worker", ["worker", name], http_port=False)
        await asyncio.gather(*(self.wait_healthy(name) for name in self.processes if name != "issuer"))

    def spawn(
        self, name: str, command: list[str], *, http_port: bool = True, port: int | None = None
    ) -> Process:
        port = port or free_port()
        setting = "HTTP_PORT" if http_port else "WORKER_HEALTH_PORT"
        process = Process(
            name=name,
            args=[sys.executable, "-m", "shared.cli", *command],
            env=self.env(**{setting: str(port)}),
            log=self.workdir / f"{name}.log",
            port=port,
        )
        process.start(Path.cwd())
        self.processes[name] = process
        return process

    def restart(self, name: str) -> Process:
        """Start a fresh process in place of ``name`` (after it was killed or has exited)."""
        old = self.processes[name]
        old.stop()
        process = Process(old.name, old.args, old.env, old.log, old.port)
        process.start(Path.cwd())
        self.processes[name] = process
        return process

    async def wait_healthy(self, name: str, within: float = 180.0) -> None:
        process = self.processes[name]
        await asyncio.to_thread(wait_until_listening, "127.0.0.1", process.port, timeout=within)
        async with httpx.AsyncClient(base_url=self.url(name)) as client:
            for _ in range(int(within * 10)):
                if process.popen is not None and process.popen.poll() is not None:
                    code, tail = process.popen.returncode, process.log_tail()
                    raise RuntimeError(f"{name} exited with {code} before it was ready:\n{tail}")
                with contextlib.suppress(httpx.HTTPError):
                    if (await client.get("/readyz")).status_code == 200:
                        return
                await asyncio.sleep(0.1)
        raise TimeoutError(f"{name} not ready after {within}s:\n{process.log_tail()}")

    def url(self, name: str) -> str:
        return f"http://127.0.0.1:{self.processes[name].port}"

    def client(self, service: str, *roles: Role, timeout: float = 10.0) -> httpx.AsyncClient:
        """A client of the national office, staff unless ``roles`` say otherwise."""
        issuer = DevIssuer(self.issuer_key_file, self.issuer_url, all_audiences())
        token = issuer.issue("fault-tests", roles or (Role.STAFF,), office_code="000000")
        return httpx.AsyncClient(
            base_url=self.url(f"{service}-api"),
            headers={"Authorization": f"Bearer {token}"},
            timeout=timeout,
            limits=httpx.Limits(max_connections=32, keepalive_expiry=2),
        )

    async def fetch(self, query: str, *args: Any) -> list[asyncpg.Record]:
        connection = await asyncpg.connect(asyncpg_dsn(self.database_url))
        try:
            return list(await connection.fetch(query, *args))
        finally:
            await connection.close()

    async def fetchval(self, query: str, *args: Any) -> Any:
        rows = await self.fetch(query, *args)
        return rows[0][0] if rows else None

    def logs(self) -> str:
        return "\n\n".join(f"== {name} ==\n{p.log_tail()}" for name, p in self.processes.items())

    def stop(self) -> dict[str, int | None]:
        codes = {name: process.stop() for name, process in self.processes.items()}
        self.broker.stop()
        self.postgres.stop()
        return codes
