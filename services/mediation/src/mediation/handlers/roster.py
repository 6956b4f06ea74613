"""Handlers for the roster of organisations and mediators."""

from __future__ import annotations

import uuid

from mediation.domain.commands import RegisterMediator, RegisterOrganisation, UpdateMediator
from mediation.domain.errors import MediatorNotFound, OrganisationNotFound, invalid
from mediation.domain.roster import Mediator, Organisation
from mediation.handlers.cases import Clock
from mediation.unit_of_work import MediationUnitOfWork


async def register_organisation(
    cmd: RegisterOrganisation, uow: MediationUnitOfWork, clock: Clock
) -> uuid.UUID:
    organisation = Organisation(
        id=uuid.uuid4(),
        name=cmd.name,
        kind=cmd.kind,
        seat_region_code=cmd.seat_region_code,
        registered_on_court_platform=cmd.registered_on_court_platform,
        court_platform_code=cmd.court_platform_code,
    )
    await uow.roster.add_organisation(organisation, clock())
    return organisation.id


async def register_mediator(cmd: RegisterMediator, uow: MediationUnitOfWork, clock: Clock) -> uuid.UUID:
    organisation = await uow.roster.organisation(cmd.organisation_id)
    if organisation is None:
        raise OrganisationNotFound(
            f"Organisation {cmd.organisation_id} not found", f"调解组织 {cmd.organisation_id} 不存在"
        )
    if cmd.registered_on_court_platform and not organisation.registered_on_court_platform:
        raise invalid(
            "registered_on_court_platform",
            "organisation_not_registered",
            "The mediator's organisation is not registered on the court's mediation platform",
            "该调解员所属组织未入驻人民法院调解平台",
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
    return mediator.id


async def update_mediator(cmd: UpdateMediator, uow: MediationUnitOfWork) -> uuid.UUID:
    mediator = await uow.roster.mediator(cmd.mediator_id, lock=True)
    if mediator is None:
        raise MediatorNotFound(f"Mediator {cmd.mediator_id} not found", f"调解员 {cmd.mediator_id} 不存在")
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
    await uow.roster.save_mediator(mediator)
    return mediator.id
