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

from credit.access import ACCESS
from credit.entrypoints.routes import ROUTERS
from shared.identity.principals import Role
from shared.testing.permissions import call_cell, clients_by_role, unmapped_routes, was_denied_by_role
from shared.testing.services import RunningService

DECISIONS = [
    "record.notify",
    "record.record_hearing",
    "record.decide",
    "record.approve",
    "record.publish",
    "record.decide_repair",
    "record.revoke",
    "record.withdraw",
    "record.archive",
    "commitment.verify",
    "grade.record",
    "grade.import",
    "grade.recompute",
    "unmatched.resolve",
    "unmatched.dismiss",
]
"""The credit office's decisions (§C.5, §C.4): listing, removal, repair, grades, parked inputs."""


def test_every_route_declares_exactly_one_action_and_every_action_has_a_route() -> None:
    assert unmapped_routes(ROUTERS, ACCESS.actions) == []


def test_admin_and_the_auditor_decide_nothing_and_only_the_credit_office_moves_a_record() -> None:
    assert set(DECISIONS) <= set(ACCESS.actions)
    for action in ACCESS.actions:
        roles = ACCESS.roles_for(action)
        assert Role.AUDITOR not in roles, action
        assert (Role.ADMIN in roles) == action.startswith("disclosure."), action
    for action in DECISIONS:
        assert ACCESS.roles_for(action) == (
            {Role.OFFICE_HEAD} if action == "record.approve" else {Role.CREDIT_OFFICER}
        ), action


def test_the_approver_never_proposes_and_machines_never_read_a_file_or_take_a_step() -> None:
    """Four eyes in the table: who approves (office_head) cannot decide; who decides cannot approve."""
    assert not ACCESS.roles_for("record.decide") & ACCESS.roles_for("record.approve")
    assert not ACCESS.roles_for("record.decide_repair") & ACCESS.roles_for("record.approve")
    machines = {Role.COURT, Role.CUSTOMS, Role.PLATFORM}
    reads = {"credit.check", "credit.risk_profile", "subject.credit", "disclosure.list", "disclosure.read"}
    for action in set(ACCESS.actions) - reads:
        assert not ACCESS.roles_for(action) & machines, action
    assert Role.CUSTOMS in ACCESS.roles_for("credit.check")


@pytest_asyncio.fixture(scope="module", loop_scope="session")
async def clients(credit_api: RunningService) -> AsyncIterator[dict[Role, httpx.AsyncClient]]:
    yield clients_by_role(credit_api)


@pytest.mark.parametrize(("role", "action", "allowed"), list(ACCESS.cells()))
async def test_each_cell_of_the_table_is_what_the_route_does(
    role: Role, action: str, allowed: bool, clients: dict[Role, httpx.AsyncClient]
) -> None:
    response = await call_cell(clients[role], ROUTERS, action, {"ref": "91330100MA2H000001"})
    denied = was_denied_by_role(response)
    assert denied is not allowed, f"{role} {action}: {response.status_code} {response.text}"
    assert response.status_code < 500, response.text
