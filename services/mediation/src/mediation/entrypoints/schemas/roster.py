"""Roster requests: organisations and mediators (their representations are the read side's,
:mod:`mediation.views.roster_models`)."""

from __future__ import annotations

import uuid
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from mediation.domain import commands as c
from mediation.domain.roster import DeclaredConflict, OrganisationKind
from shared.identity.principals import Principal
from shared.vocabulary import IpType
from shared.web.types import CreditCode, Name

Region = Annotated[str, StringConstraints(pattern=r"^\d{2,6}$")]


class _Body(BaseModel):
    model_config = ConfigDict(extra="forbid")


class OrganisationIn(_Body):
    name: Name = Field(examples=["杭州市知识产权纠纷人民调解委员会"])
    kind: OrganisationKind
    seat_region_code: Annotated[str, StringConstraints(pattern=r"^\d{6}$")] = Field(examples=["330106"])
    registered_on_court_platform: bool = False
    court_platform_code: (
        Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=100)] | None
    ) = None

    def to_command(self, principal: Principal) -> c.RegisterOrganisation:
        return c.RegisterOrganisation(**self.model_dump(), principal=principal)


class ConflictIn(_Body):
    name: Name | None = None
    credit_code: CreditCode | None = None
    reason: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=500)]

    def to_domain(self) -> DeclaredConflict:
        return DeclaredConflict(name=self.name, credit_code=self.credit_code, reason=self.reason)


class MediatorIn(_Body):
    organisation_id: uuid.UUID
    name: Name
    account: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)] | None = (
        Field(default=None, description="The mediator's login (token subject); one mediator per login")
    )
    specialties: list[IpType] = Field(default_factory=list)
    regions: list[Region] = Field(
        default_factory=list, max_length=100, description="Division-code prefixes served"
    )
    registered_on_court_platform: bool = False
    max_active_cases: int = Field(default=10, ge=1, le=500)
    conflicts: list[ConflictIn] = Field(default_factory=list, max_length=200)

    def to_command(self, principal: Principal) -> c.RegisterMediator:
        return c.RegisterMediator(
            principal=principal,
            organisation_id=self.organisation_id,
            name=self.name,
            account=self.account,
            specialties=frozenset(self.specialties),
            regions=tuple(self.regions),
            registered_on_court_platform=self.registered_on_court_platform,
            max_active_cases=self.max_active_cases,
            conflicts=tuple(x.to_domain() for x in self.conflicts),
        )


class MediatorPatch(_Body):
    active: bool | None = None
    specialties: list[IpType] | None = None
    regions: list[Region] | None = None
    registered_on_court_platform: bool | None = None
    max_active_cases: int | None = Field(default=None, ge=1, le=500)
    conflicts: list[ConflictIn] | None = None

    def to_command(self, mediator_id: uuid.UUID, principal: Principal) -> c.UpdateMediator:
        return c.UpdateMediator(
            mediator_id=mediator_id,
            principal=principal,
            active=self.active,
            specialties=frozenset(self.specialties) if self.specialties is not None else None,
            regions=tuple(self.regions) if self.regions is not None else None,
            registered_on_court_platform=self.registered_on_court_platform,
            max_active_cases=self.max_active_cases,
            conflicts=tuple(x.to_domain() for x in self.conflicts) if self.conflicts is not None else None,
        )
