"""The permission table against the real routes: every cell (role × action), and one action per route."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest
import pytest_asyncio

from partners.access import ACCESS
from partners.entrypoints.routes import ROUTERS
from shared.identity.principals import Role
from shared.testing.permissions import call_cell, clients_by_role, unmapped_routes, was_denied_by_role
from shared.testing.services import RunningService


def test_every_route_declares_exactly_one_action_and_every_action_has_a_route() -> None:
    assert unmapped_routes(ROUTERS, ACCESS.actions) == []


def test_nobody_but_partners_reads_a_feed_or_sends_in_and_only_admin_manages_the_registry() -> None:
    machines = {Role.COURT, Role.CUSTOMS}
    assert ACCESS.roles_for("feed.read") == machines
    assert ACCESS.roles_for("inbound.send") == machines
    for action in (
        "partner.register",
        "partner.change",
        "partner.key_add",
        "partner.key_status",
        "rejection.list",
    ):
        assert ACCESS.roles_for(action) == {Role.ADMIN}, action
    for action in ACCESS.actions:
        assert Role.AUDITOR not in ACCESS.roles_for(action) and Role.PLATFORM not in ACCESS.roles_for(action)


@pytest_asyncio.fixture(scope="module", loop_scope="session")
async def clients(partners_service: RunningService) -> AsyncIterator[dict[Role, httpx.AsyncClient]]:
    yield clients_by_role(partners_service)


@pytest.mark.parametrize(("role", "action", "allowed"), list(ACCESS.cells()))
async def test_each_cell_of_the_table_is_what_the_route_does(
    role: Role, action: str, allowed: bool, clients: dict[Role, httpx.AsyncClient]
) -> None:
    response = await call_cell(
        clients[role], ROUTERS, action, {"code": "no-such", "partner": "no-such", "kid": "k"}
    )
    denied = was_denied_by_role(response)
    assert denied is not allowed, f"{role} {action}: {response.status_code} {response.text}"
    assert response.status_code < 500, response.text
