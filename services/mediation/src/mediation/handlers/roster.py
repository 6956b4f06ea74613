"""Handlers for the roster of organisations and mediators.

An organisation belongs to the office of its seat: only people whose office covers the seat add it
or its mediators, or change them (office scope, with roll-up). A name (organisations) or a login
(mediators) already on the roster is a 409 naming the field, checked before the insert and kept by
the table's unique constraint against a race. The roster changes outside any case, so each change
appends its own audit entry.
"""

from __future__ import annotations

import uuid

from mediation.domain.commands import RegisterMediator, RegisterOrganisation, UpdateMediator
from mediation.domain.errors import AlreadyOnRoster, MediatorNotFound, OrganisationNotFound, invalid
from mediation.domain.roster import Mediator, Organisation
from mediation.handlers.cases import Clock
from mediation.unit_of_work import MediationUnitOfWork
from shared.access.rules import require_office
from shared.audit.trail import current_context
from shared.identity.principals import Principal


def _office(principal: Principal | None, seat_region_code: str) -> None:
    if principal is not None:
        require_office(principal, seat_region_code)


def _audit(
    uow: MediationUnitOfWork, action: str, object_type: str, object_id: uuid.UUID, **details: object
) -> None:
    uow.audit.record(
        current_context().action or f"mediation.{action}",
        object_type=object_type,
        object_id=object_id,
        details={
            key: str(value) if isinstance(value, uuid.UUID) else value for key, value in details.items()
        },
    )


async def register_organisation(
    cmd: RegisterOrganisation, uow: MediationUnitOfWork, clock: Clock
) -> uuid.UUID:
    _office(cmd.principal, cmd.seat_region_code)
    if await uow.roster.organisation_named(cmd.name) is not None:
        raise AlreadyOnRoster.field(
            "name", f"An organisation named {cmd.name} is on the roster", f"名册中已有调解组织“{cmd.name}”"
        )
    organisation = Organisation(
        id=uuid.uuid4(),
        name=cmd.name,
        kind=cmd.kind,
        seat_region_code=cmd.seat_region_code,
        registered_on_court_platform=cmd.registered_on_court_platform,
        court_platform_code=cmd.court_platform_code,
    )
    await uow.roster.add_organisation(organisation, clock())
    _audit(uow, "roster.register_organisation", "mediation_organisation", organisation.id, name=cmd.name)
    return organisation.id


async def register_mediator(cmd: RegisterMediator, uow: MediationUnitOfWork, clock: Clock) -> uuid.UUID:
    organisation = await uow.roster.organisation(cmd.organisation_id)
    if organisation is None:
        raise OrganisationNotFound(
            f"Organisation {cmd.organisation_id} not found", f"调解组织 {cmd.organisation_id} 不存在"
        )
    _office(cmd.principal, organisation.seat_region_code)
    if cmd.registered_on_court_platform and not organisation.registered_on_court_platform:
        raise invalid(
            "registered_on_court_platform",
            "organisation_not_registered",
            "The mediator's organisation is not registered on the court's mediation platform",
            "该调解员所属组织未入驻人民法院调解平台",
        )
    if cmd.account is not None and await uow.roster.mediator_with_account(cmd.account) is not None:
        raise AlreadyOnRoster.field(
            "account",
            f"A mediator with the login {cmd.account} is on the roster",
            f"名册中已有登录名为 {cmd.account} 的调解员",
        )
    mediator = Mediator(
        id=uuid.uuid4(),
        organisation_id=organisation.id,
        name=cmd.name,
        account=cmd.account,
        specialties=cmd.specialties,
        regions=cmd.regions,
        registered_on_court_platform=cmd.registered_on_court_platform,
        max_active_cases=cmd.max_active_cases,
        conflicts=cmd.conflicts,
    )
    await uow.roster.add_mediator(mediator, clock())
    _audit(
        uow,
        "roster.register_mediator",
        "mediator",
        mediator.id,
        organisation_id=organisation.id,
        name=cmd.name,
    )
    return mediator.id


async def update_mediator(cmd: UpdateMediator, uow: MediationUnitOfWork) -> uuid.UUID:
    mediator = await uow.roster.mediator(cmd.mediator_id, lock=True)
    if mediator is None:
        raise MediatorNotFound(f"Mediator {cmd.mediator_id} not found", f"调解员 {cmd.mediator_id} 不存在")
    organisation = await uow.roster.organisation(mediator.organisation_id)
    if organisation is not None:
        _office(cmd.principal, organisation.seat_region_code)
    changed = []
    for name in (
        "active",
        "specialties",
        "regions",
        "registered_on_court_platform",
        "max_active_cases",
        "conflicts",
    ):
        value = getattr(cmd, name)
        if value is not None:
            setattr(mediator, name, value)
            changed.append(name)
    await uow.roster.save_mediator(mediator)
    _audit(uow, "roster.update_mediator", "mediator", mediator.id, changed=changed)
    return mediator.id
