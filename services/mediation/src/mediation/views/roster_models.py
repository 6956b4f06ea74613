"""Roster representations: organisations, mediators and the candidates for a case (the read side's
response models; the request bodies stay in :mod:`mediation.entrypoints.schemas.roster`)."""

from __future__ import annotations

import uuid
from enum import StrEnum
from typing import Self

from pydantic import BaseModel, Field

from mediation.domain.roster import Mediator, Organisation, OrganisationKind
from shared.local_time import LocalDateTime
from shared.vocabulary import IpType


class OrganisationOut(BaseModel):
    id: uuid.UUID
    name: str
    kind: OrganisationKind
    seat_region_code: str
    registered_on_court_platform: bool
    court_platform_code: str | None
    active: bool
    updated_at: LocalDateTime | None = Field(description="When the entry last changed")

    @classmethod
    def from_domain(cls, organisation: Organisation) -> Self:
        return cls.model_validate(organisation, from_attributes=True)


class RosterSort(StrEnum):
    """``/v1/organisations`` and ``/v1/mediators``: ``-`` for descending; the id breaks ties."""

    NAME = "name"
    NAME_DESC = "-name"
    CREATED = "created_at"
    CREATED_DESC = "-created_at"
    UPDATED = "updated_at"
    UPDATED_DESC = "-updated_at"


class OrganisationList(BaseModel):
    items: list[OrganisationOut]
    total: int = Field(description="How many organisations match the filters, over all pages")
    sort: RosterSort
    as_of: LocalDateTime = Field(description="When the list was read: the next poll's `updated_since`")
    limit: int
    offset: int


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
    updated_at: LocalDateTime | None = Field(description="When the entry last changed")

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
            updated_at=mediator.updated_at,
        )


class MediatorList(BaseModel):
    items: list[MediatorOut]
    total: int = Field(description="How many mediators match the filters, over all pages")
    sort: RosterSort
    as_of: LocalDateTime = Field(description="When the list was read: the next poll's `updated_since`")
    limit: int
    offset: int


class CandidateOut(BaseModel):
    mediator: MediatorOut
    eligible: bool
    specialty_match: bool
    region_match: bool
    exclusions: list[str]


class CandidateList(BaseModel):
    items: list[CandidateOut]
