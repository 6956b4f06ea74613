"""The roster's persistence: organisations and mediators, mapped explicitly."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import insert, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from mediation.adapters.orm import mediation_organisations, mediators
from mediation.domain.roster import DeclaredConflict, Mediator, Organisation, OrganisationKind
from shared.vocabulary import IpType


class RosterRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def add_organisation(self, organisation: Organisation, created_at: dt.datetime) -> None:
        await self._session.execute(
            insert(mediation_organisations).values(**organisation_row(organisation), created_at=created_at)
        )

    async def organisation(self, organisation_id: uuid.UUID) -> Organisation | None:
        query = select(mediation_organisations).where(mediation_organisations.c.id == organisation_id)
        row = (await self._session.execute(query)).mappings().one_or_none()
        return None if row is None else organisation_from_row(row)

    async def organisations(self, ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, Organisation]:
        query = select(mediation_organisations).where(mediation_organisations.c.id.in_(ids))
        return {r["id"]: organisation_from_row(r) for r in (await self._session.execute(query)).mappings()}

    async def organisation_named(self, name: str) -> Organisation | None:
        query = select(mediation_organisations).where(mediation_organisations.c.name == name)
        row = (await self._session.execute(query)).mappings().one_or_none()
        return None if row is None else organisation_from_row(row)

    async def mediator_with_account(self, account: str) -> Mediator | None:
        query = select(mediators).where(mediators.c.account == account)
        row = (await self._session.execute(query)).mappings().one_or_none()
        return None if row is None else mediator_from_row(row)

    async def add_mediator(self, mediator: Mediator, created_at: dt.datetime) -> None:
        await self._session.execute(insert(mediators).values(**mediator_row(mediator), created_at=created_at))

    async def mediator(self, mediator_id: uuid.UUID, *, lock: bool = False) -> Mediator | None:
        query = select(mediators).where(mediators.c.id == mediator_id)
        row = (
            (await self._session.execute(query.with_for_update() if lock else query)).mappings().one_or_none()
        )
        return None if row is None else mediator_from_row(row)

    async def active_mediators(self) -> list[Mediator]:
        query = select(mediators).where(mediators.c.active.is_(True)).order_by(mediators.c.name)
        return [mediator_from_row(r) for r in (await self._session.execute(query)).mappings()]

    async def all_organisations(self) -> list[Organisation]:
        query = select(mediation_organisations).order_by(mediation_organisations.c.name)
        return [organisation_from_row(r) for r in (await self._session.execute(query)).mappings()]

    async def all_mediators(self) -> list[Mediator]:
        query = select(mediators).order_by(mediators.c.name)
        return [mediator_from_row(r) for r in (await self._session.execute(query)).mappings()]

    async def save_mediator(self, mediator: Mediator) -> None:
        await self._session.execute(
            update(mediators).where(mediators.c.id == mediator.id).values(**mediator_row(mediator))
        )


def organisation_row(organisation: Organisation) -> dict[str, Any]:
    return {
        "id": organisation.id,
        "name": organisation.name,
        "kind": organisation.kind.value,
        "seat_region_code": organisation.seat_region_code,
        "registered_on_court_platform": organisation.registered_on_court_platform,
        "court_platform_code": organisation.court_platform_code,
        "active": organisation.active,
    }


def organisation_from_row(row: Mapping[Any, Any]) -> Organisation:
    return Organisation(
        id=row["id"],
        name=row["name"],
        kind=OrganisationKind(row["kind"]),
        seat_region_code=row["seat_region_code"],
        registered_on_court_platform=row["registered_on_court_platform"],
        court_platform_code=row["court_platform_code"],
        active=row["active"],
        updated_at=row.get("updated_at"),
    )


def mediator_row(mediator: Mediator) -> dict[str, Any]:
    return {
        "id": mediator.id,
        "organisation_id": mediator.organisation_id,
        "name": mediator.name,
        "account": mediator.account,
        "specialties": sorted(s.value for s in mediator.specialties),
        "regions": list(mediator.regions),
        "registered_on_court_platform": mediator.registered_on_court_platform,
        "max_active_cases": mediator.max_active_cases,
        "conflicts": [c.as_dict() for c in mediator.conflicts],
        "active": mediator.active,
    }


def mediator_from_row(row: Mapping[Any, Any]) -> Mediator:
    return Mediator(
        id=row["id"],
        organisation_id=row["organisation_id"],
        name=row["name"],
        account=row["account"],
        specialties=frozenset(IpType(s) for s in row["specialties"]),
        regions=tuple(row["regions"]),
        registered_on_court_platform=row["registered_on_court_platform"],
        max_active_cases=row["max_active_cases"],
        conflicts=tuple(DeclaredConflict.from_dict(c) for c in row["conflicts"]),
        active=row["active"],
        updated_at=row.get("updated_at"),
    )
