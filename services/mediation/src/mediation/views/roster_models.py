"""Roster representations: organisations, mediators and the candidates for a case (the read side's
response models; the request bodies stay in :mod:`mediation.entrypoints.schemas.roster`)."""

from __future__ import annotations

import uuid
from typing import Self

from pydantic import BaseModel

from mediation.domain.roster import Mediator, Organisation, OrganisationKind
from shared.vocabulary import IpType


class OrganisationOut(BaseModel):
    id: uuid.UUID
    name: str
    kind: OrganisationKind
    seat_region_code: str
    registered_on_court_platform: bool
    court_platform_code: str | None
    active: bool

    @classmethod
    def from_domain(cls, organisation: Organisation) -> Self:
        return cls.model_validate(organisation, from_attributes=True)


class OrganisationList(BaseModel):
    items: list[OrganisationOut]


class ConflictOut(BaseModel):
    name: str | None
    credit_code: str | None
    reason: str


class MediatorOut(BaseModel):
    id: uuid.UUID
    organisation_id: uuid.UUID
    organisation_name: str
    name: str
    account: str | None
    specialties: list[IpType]
    regions: list[str]
    registered_on_court_platform: bool
    max_active_cases: int
    conflicts: list[ConflictOut]
    active: bool
    load: int

    @classmethod
    def from_domain(cls, mediator: Mediator, organisation: Organisation, load: int) -> Self:
        return cls(
            id=mediator.id,
            organisation_id=organisation.id,
            organisation_name=organisation.name,
            name=mediator.name,
            account=mediator.account,
            specialties=sorted(mediator.specialties),
            regions=list(mediator.regions),
            registered_on_court_platform=mediator.registered_on_court_platform,
            max_active_cases=mediator.max_active_cases,
            conflicts=[
                ConflictOut(name=x.name, credit_code=x.credit_code, reason=x.reason)
                for x in mediator.conflicts
            ],
            active=mediator.active,
            load=load,
        )


class MediatorList(BaseModel):
    items: list[MediatorOut]


class CandidateOut(BaseModel):
    mediator: MediatorOut
    eligible: bool
    specialty_match: bool
    region_match: bool
    exclusions: list[str]


class CandidateList(BaseModel):
    items: list[CandidateOut]
