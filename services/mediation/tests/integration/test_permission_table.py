"""The permission table against the real routes: every cell (role × action), and one action per route.

A cell the table denies answers 403 ``action_denied``; a cell it allows never does (it may still
answer 404, 409 or 422 for the made-up ids and empty bodies used here, or 403 ``object_denied``
from an object rule).
"""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest
import pytest_asyncio

from mediation.access import ACCESS
from mediation.entrypoints.routes import ROUTERS
from shared.identity.principals import Role
from shared.testing.permissions import call_cell, clients_by_role, unmapped_routes, was_denied_by_role
from shared.testing.services import RunningService


def test_every_route_declares_exactly_one_action_and_every_action_has_a_route() -> None:
    assert unmapped_routes(ROUTERS, ACCESS.actions) == []


def test_admin_keeps_the_roster_but_takes_no_case_step_and_the_auditor_nothing_here() -> None:
    for action in ACCESS.actions:
        roles = ACCESS.roles_for(action)
        assert (Role.ADMIN in roles) == action.startswith("roster."), action
        assert Role.AUDITOR not in roles and Role.CUSTOMS not in roles and Role.PLATFORM not in roles
    court_outcomes = [a for a in ACCESS.actions if a.startswith("confirmation.record_")]
    for action in [*court_outcomes, "objection.decide", "court_assignment.receive"]:
        assert ACCESS.roles_for(action) == {Role.COURT, Role.CLERK}, action


@pytest_asyncio.fixture(scope="module", loop_scope="session")
async def clients(mediation: RunningService) -> AsyncIterator[dict[Role, httpx.AsyncClient]]:
    yield clients_by_role(mediation)


@pytest.mark.parametrize(("role", "action", "allowed"), list(ACCESS.cells()))
async def test_each_cell_of_the_table_is_what_the_route_does(
    role: Role, action: str, allowed: bool, clients: dict[Role, httpx.AsyncClient]
) -> None:
    response = await call_cell(clients[role], ROUTERS, action, {"number": "1"})
    denied = was_denied_by_role(response)
    assert denied is not allowed, f"{role} {action}: {response.status_code} {response.text}"
    assert response.status_code < 500, response.text
