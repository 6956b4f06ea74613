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

from adjudication.access import ACCESS, COURT_ACTS, HEAD, PANEL
from adjudication.entrypoints.routes import ROUTERS
from shared.identity.principals import Role
from shared.service import discover_services
from shared.testing.identity import LocalIssuer
from shared.testing.permissions import call_cell, clients_by_role, unmapped_routes, was_denied_by_role
from shared.testing.plugin import FAST_SETTINGS, BrokerHandle
from shared.testing.services import RunningService, start_service


def test_every_route_declares_exactly_one_action_and_every_action_has_a_route() -> None:
    assert unmapped_routes(ROUTERS, ACCESS.actions) == []


def test_admin_keeps_the_rooms_and_decides_nothing_and_the_auditor_has_nothing_here() -> None:
    for action in ACCESS.actions:
        roles = ACCESS.roles_for(action)
        assert (Role.ADMIN in roles) == action.startswith("room."), action
        nobody_here = {Role.AUDITOR, Role.CUSTOMS, Role.PLATFORM, Role.MEDIATOR, Role.CREDIT_OFFICER}
        assert not roles & nobody_here, action


def test_the_separation_of_duties_is_in_the_table() -> None:
    """Court outcomes only from a court or a clerk; approvals only by the office head, who takes no
    panel act; the panel's acts only by adjudicators; staff decide nothing."""
    court_outcomes = [a for a in ACCESS.actions if a.startswith("court.")]
    assert court_outcomes and all(ACCESS.roles_for(a) == COURT_ACTS for a in court_outcomes)
    approvals = [a for a in ACCESS.actions if "approve" in a]
    assert sorted(approvals) == [
        "case.approve_docket",
        "decision.approve",
        "penalty.approve_decision",
        "time_limit.approve_extension",
    ]
    assert all(ACCESS.roles_for(a) == HEAD for a in approvals)
    deciding = ["decision.propose", "case.dismiss", "hearing.schedule", "hearing.record", "enforcement.apply"]
    for action in deciding:
        assert ACCESS.roles_for(action) == PANEL, action
    for action in ACCESS.actions:
        roles = ACCESS.roles_for(action)
        if Role.COURT in roles or Role.CLERK in roles:
            assert action.startswith("court.") or action in ("case.list", "case.read"), action
        if Role.OFFICE_HEAD in roles and action not in approvals:
            assert ACCESS.roles_for(action) != HEAD, action  # the head alone takes only approvals


@pytest_asyncio.fixture(scope="module", loop_scope="session")
async def service(
    database_url: str, broker: BrokerHandle, identity_provider: LocalIssuer
) -> AsyncIterator[RunningService]:
    """One adjudication service for the module's thousand cells (no workers: nothing here needs them)."""
    settings = {
        **FAST_SETTINGS,
        **identity_provider.settings(),
        "database_url": database_url,
        "kafka_bootstrap_servers": broker.bootstrap_servers,
    }
    running = await start_service(discover_services()["adjudication"], settings)
    try:
        yield running
    finally:
        await running.stop()


@pytest_asyncio.fixture(scope="module", loop_scope="session")
async def clients(service: RunningService) -> AsyncIterator[dict[Role, httpx.AsyncClient]]:
    yield clients_by_role(service)


@pytest.mark.parametrize(("role", "action", "allowed"), list(ACCESS.cells()))
async def test_each_cell_of_the_table_is_what_the_route_does(
    role: Role, action: str, allowed: bool, clients: dict[Role, httpx.AsyncClient]
) -> None:
    response = await call_cell(clients[role], ROUTERS, action, {"reason": "appraisal"})
    denied = was_denied_by_role(response)
    assert denied is not allowed, f"{role} {action}: {response.status_code} {response.text}"
    assert response.status_code < 500, response.text
