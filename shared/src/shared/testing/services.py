"""Run a service in-process on a real port (uvicorn), as the e2e and API tests need."""

from __future__ import annotations

import asyncio
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import httpx
import uvicorn

from shared.devstack.ports import free_port
from shared.identity.principals import NATIONAL_OFFICE, PrincipalKind
from shared.service import ServiceSpec
from shared.settings import ServiceSettings
from shared.web.auth import Role
from shared.web.identity import dev_issuer

START_TIMEOUT_SECONDS = 30.0


@dataclass
class RunningService:
    spec: ServiceSpec
    settings: ServiceSettings
    server: uvicorn.Server
    task: asyncio.Task[None]
    base_url: str
    _clients: list[httpx.AsyncClient] = field(default_factory=list)

    @property
    def container(self) -> Any:
        return self.server.config.loaded_app.app.state.container

    def token(
        self,
        *roles: Role,
        subject: str = "tester",
        office: str = NATIONAL_OFFICE,
        kind: PrincipalKind = PrincipalKind.PERSON,
        partner: str | None = None,
    ) -> str:
        """A token of the development issuer (national office unless ``office`` says otherwise)."""
        return dev_issuer(self.settings).issue(
            subject, roles or (Role.ADMIN,), office_code=office, kind=kind, partner_code=partner
        )

    def client(
        self,
        *roles: Role,
        subject: str = "tester",
        office: str = NATIONAL_OFFICE,
        kind: PrincipalKind = PrincipalKind.PERSON,
        partner: str | None = None,
    ) -> httpx.AsyncClient:
        """An HTTP client authenticated with ``roles`` (admin if none)."""
        token = self.token(*roles, subject=subject, office=office, kind=kind, partner=partner)
        client = bearer_client(self.base_url, token)
        self._clients.append(client)
        return client

    async def stop(self) -> None:
        for client in self._clients:
            await client.aclose()
        self.server.should_exit = True
        async with asyncio.timeout(30):
            await self.task


def bearer_client(base_url: str, token: str) -> httpx.AsyncClient:
    """An HTTP client for ``base_url`` that sends ``token`` as its bearer token (10 s timeout)."""
    return httpx.AsyncClient(base_url=base_url, headers={"Authorization": f"Bearer {token}"}, timeout=10.0)


async def start_service(spec: ServiceSpec, settings_overrides: dict[str, Any]) -> RunningService:
    port = settings_overrides.get("http_port") or free_port()  # a test may need the address beforehand
    settings = spec.settings(**{**settings_overrides, "http_port": port})
    config = uvicorn.Config(
        spec.create_app(settings),
        host="127.0.0.1",
        port=port,
        log_config=None,
        access_log=False,
        lifespan="on",
    )
    server = uvicorn.Server(config)
    task = asyncio.create_task(server.serve(), name=f"uvicorn-{spec.name}")
    deadline = asyncio.get_running_loop().time() + START_TIMEOUT_SECONDS
    while not server.started:
        if task.done():
            task.result()
            raise RuntimeError(f"{spec.name} stopped while starting")
        if asyncio.get_running_loop().time() > deadline:
            raise TimeoutError(f"{spec.name} did not start")
        await asyncio.sleep(0.01)
    return RunningService(spec, settings, server, task, f"http://127.0.0.1:{port}")


async def stop_all(services: Iterable[RunningService]) -> None:
    for service in services:
        await service.stop()
