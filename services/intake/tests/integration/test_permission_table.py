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

from intake.access import ACCESS
from intake.entrypoints.routes import ROUTERS
from shared.identity.principals import Role
from shared.testing.permissions import call_cell, clients_by_role, unmapped_routes, was_denied_by_role
from shared.testing.services import RunningService

REGISTRIES = ("examiner.", "right.", "customs.recordation.")
CUSTOMS = "customs."
VALUES = {"ip_type": "invention_patent", "number": "ZL202310000001.5", "examiner_id": "ex-cell"}


def test_every_route_declares_exactly_one_action_and_every_action_has_a_route() -> None:
    assert unmapped_routes(ROUTERS, ACCESS.actions) == []


def test_admin_keeps_the_registries_but_takes_no_step_on_a_complaint() -> None:
    for action in ACCESS.actions:
        assert (Role.ADMIN in ACCESS.roles_for(action)) == action.startswith(REGISTRIES), action


def test_no_one_outside_intake_gets_a_complaint_and_platforms_only_their_notices() -> None:
    outsiders = {Role.AUDITOR, Role.CUSTOMS, Role.COURT, Role.CLERK, Role.MEDIATOR, Role.CREDIT_OFFICER}
    for action in ACCESS.actions:
        roles = ACCESS.roles_for(action)
        assert not roles & (outsiders - {Role.CUSTOMS} if action.startswith(CUSTOMS) else outsiders), action
        assert (Role.PLATFORM in roles) == (action in {"notice.read", "notice.step"}), action


def test_customs_gets_only_customs_actions_and_never_the_holders_decision() -> None:
    for action in ACCESS.actions:
        roles = ACCESS.roles_for(action)
        if not action.startswith(CUSTOMS):
            assert Role.CUSTOMS not in roles, action
    assert ACCESS.roles_for("customs.detention.notify") == {Role.CUSTOMS}
    assert ACCESS.roles_for("customs.detention.step") == {Role.CUSTOMS}
    assert ACCESS.roles_for("customs.detention.decide") == {Role.STAFF}
    assert Role.CUSTOMS not in ACCESS.roles_for("customs.task.read")


def test_only_staff_change_a_complaint_and_readers_never_write() -> None:
    writes = [a for a in ACCESS.actions if not a.endswith((".read", ".list", ".timeline", ".workflows"))]
    for action in writes:
        if action.startswith(
            (*REGISTRIES, "customs.detention.notify", "customs.detention.step")
        ) or action in {
            "notice.step",
            "evidence.download",
            "right.import_errors",
        }:
            continue
        assert ACCESS.roles_for(action) == {Role.STAFF}, action
    for reader in (Role.OFFICE_HEAD, Role.ADJUDICATOR):
        allowed = [a for a in ACCESS.actions if reader in ACCESS.roles_for(a)]
        assert all(a.endswith((".read", ".list", ".timeline", ".workflows", ".download")) for a in allowed)


@pytest_asyncio.fixture(scope="module", loop_scope="session")
async def clients(intake: RunningService) -> AsyncIterator[dict[Role, httpx.AsyncClient]]:
    yield clients_by_role(intake)


@pytest.mark.parametrize(("role", "action", "allowed"), list(ACCESS.cells()))
async def test_each_cell_of_the_table_is_what_the_route_does(
    role: Role, action: str, allowed: bool, clients: dict[Role, httpx.AsyncClient]
) -> None:
    response = await call_cell(clients[role], ROUTERS, action, VALUES)
    denied = was_denied_by_role(response)
    assert denied is not allowed, f"{role} {action}: {response.status_code} {response.text}"
    assert response.status_code < 500, response.text
