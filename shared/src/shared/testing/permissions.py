"""Walking a service's permission table against its real routes (one test per cell).

Each route depends on ``ACCESS.allow("<action>")``; the dependency carries its action, so the routes
of a service can be read back as (route, actions) and a cell (role × action) becomes one request:
a denied cell answers 403 ``action_denied``, an allowed one never does (it may answer 404, 409 or
422 for the made-up ids and empty bodies used, or 403 ``object_denied`` from an object rule).
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterable, Iterator
from typing import Any

import httpx
from fastapi import APIRouter
from fastapi.dependencies.models import Dependant
from fastapi.routing import APIRoute

from shared.identity.principals import PrincipalKind, Role
from shared.testing.services import RunningService

MACHINE_KIND = {
    Role.COURT: PrincipalKind.COURT,
    Role.CUSTOMS: PrincipalKind.CUSTOMS,
    Role.PLATFORM: PrincipalKind.PLATFORM,
}
"""The kind of principal a role belongs to (people unless named here)."""

_PATH_PARAMETER = re.compile(r"\{([a-z_]+)(?::[a-z]+)?\}")


def _calls(dependant: Dependant) -> Iterator[Any]:
    for dependency in dependant.dependencies:
        yield dependency.call
        yield from _calls(dependency)


def route_actions(routers: Iterable[APIRouter]) -> list[tuple[APIRoute, list[str]]]:
    """Every route of ``routers`` with the actions its dependencies declare."""
    found = []
    for router in routers:
        for route in router.routes:
            if isinstance(route, APIRoute):
                actions = [call.action for call in _calls(route.dependant) if hasattr(call, "action")]
                found.append((route, actions))
    return found


def unmapped_routes(routers: Iterable[APIRouter], actions: Iterable[str]) -> list[str]:
    """Routes that do not declare exactly one action, and actions no route declares (both must be empty)."""
    routes = route_actions(routers)
    problems = [
        f"{sorted(route.methods or ())} {route.path} declares {declared}"
        for route, declared in routes
        if len(declared) != 1
    ]
    served = {declared[0] for _, declared in routes if len(declared) == 1}
    problems += [f"action {action} has no route" for action in sorted(set(actions) - served)]
    if not routes:
        problems.append("no route found: the check itself is broken")
    return problems


def request_of(
    routers: Iterable[APIRouter], action: str, values: dict[str, str] | None = None
) -> tuple[str, str]:
    """The method and a concrete path of the route taking ``action`` (unknown ids are random UUIDs)."""
    route = next(route for route, actions in route_actions(routers) if actions == [action])
    given = values or {}

    def fill(match: re.Match[str]) -> str:
        return given.get(match.group(1), str(uuid.uuid4()))

    return sorted(route.methods or ())[0], _PATH_PARAMETER.sub(fill, route.path)


def clients_by_role(service: RunningService) -> dict[Role, httpx.AsyncClient]:
    """One client per role, machines with a partner code of their own."""
    by_role = {}
    for role in Role:
        kind = MACHINE_KIND.get(role, PrincipalKind.PERSON)
        partner = f"{role.value}-partner" if kind is not PrincipalKind.PERSON else None
        by_role[role] = service.client(role, subject=f"{role.value}-cell", kind=kind, partner=partner)
    return by_role


async def call_cell(
    client: httpx.AsyncClient, routers: Iterable[APIRouter], action: str, values: dict[str, str] | None = None
) -> httpx.Response:
    """Take ``action`` once with an empty body (enough for the role check to answer)."""
    method, path = request_of(routers, action, values)
    body: dict[str, Any] | None = {} if method in ("POST", "PUT", "PATCH") else None
    return await client.request(method, path, json=body)


def was_denied_by_role(response: httpx.Response) -> bool:
    if response.status_code != 403:
        return False
    try:
        return bool(response.json().get("code") == "action_denied")
    except ValueError:
        return False
