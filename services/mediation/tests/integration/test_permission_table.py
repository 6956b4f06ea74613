"""The permission table against the real routes: every cell (role × action), and one action per route.

A cell the table denies answers 403 ``action_denied``; a cell it allows never does (it may still
answer 404, 409 or 422 for the made-up ids and empty bodies used here, or 403 ``object_denied``
from an object rule).
"""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator, Iterator
from typing import Any

import httpx
import pytest
import pytest_asyncio
from fastapi.dependencies.models import Dependant
from fastapi.routing import APIRoute

from mediation.access import ACCESS
from mediation.entrypoints.routes import ROUTERS
from shared.identity.principals import PrincipalKind, Role
from shared.testing.services import RunningService

KIND = {
    Role.COURT: PrincipalKind.COURT,
    Role.CUSTOMS: PrincipalKind.CUSTOMS,
    Role.PLATFORM: PrincipalKind.PLATFORM,
}


def _calls(dependant: Dependant) -> Iterator[Any]:
    for dependency in dependant.dependencies:
        yield dependency.call
        yield from _calls(dependency)


def route_actions() -> list[tuple[APIRoute, list[str]]]:
    """Every mediation route with the actions its dependencies declare."""
    found = []
    for router in ROUTERS:
        for route in router.routes:
            assert isinstance(route, APIRoute)
            actions = [call.action for call in _calls(route.dependant) if hasattr(call, "action")]
            found.append((route, actions))
    return found


def test_every_route_declares_exactly_one_action_and_every_action_has_a_route() -> None:
    routes = route_actions()
    assert routes, "no route found: the check itself is broken"
    for route, actions in routes:
        assert len(actions) == 1, f"{sorted(route.methods or ())} {route.path} declares {actions}"
    assert {actions[0] for _, actions in routes} == set(ACCESS.actions)


def test_admin_keeps_the_roster_but_takes_no_case_step_and_the_auditor_nothing_here() -> None:
    for action in ACCESS.actions:
        roles = ACCESS.roles_for(action)
        assert (Role.ADMIN in roles) == action.startswith("roster."), action
        assert Role.AUDITOR not in roles and Role.CUSTOMS not in roles and Role.PLATFORM not in roles
    court_outcomes = [a for a in ACCESS.actions if a.startswith("confirmation.record_")]
    for action in [*court_outcomes, "objection.decide", "court_assignment.receive"]:
        assert ACCESS.roles_for(action) == {Role.COURT, Role.CLERK}, action


def _request_of(action: str) -> tuple[str, str]:
    route = next(route for route, actions in route_actions() if actions == [action])
    path = route.path
    for name in ("case_id", "assignment_id", "application_id", "objection_id", "mediator_id"):
        path = path.replace("{" + name + "}", str(uuid.uuid4()))
    path = path.replace("{number}", "1")
    return sorted(route.methods or ())[0], path


@pytest_asyncio.fixture(scope="module", loop_scope="session")
async def clients(mediation: RunningService) -> AsyncIterator[dict[Role, httpx.AsyncClient]]:
    by_role = {}
    for role in Role:
        kind = KIND.get(role, PrincipalKind.PERSON)
        partner = f"{role.value}-partner" if kind is not PrincipalKind.PERSON else None
        by_role[role] = mediation.client(role, subject=f"{role.value}-cell", kind=kind, partner=partner)
    yield by_role


@pytest.mark.parametrize(("role", "action", "allowed"), list(ACCESS.cells()))
async def test_each_cell_of_the_table_is_what_the_route_does(
    role: Role, action: str, allowed: bool, clients: dict[Role, httpx.AsyncClient]
) -> None:
    method, path = _request_of(action)
    response = await clients[role].request(
        method, path, json={} if method in ("POST", "PUT", "PATCH") else None
    )
    denied = response.status_code == 403 and response.json().get("code") == "action_denied"
    assert denied is not allowed, f"{role} {action} ({method} {path}): {response.status_code} {response.text}"
    assert response.status_code < 500, response.text
