"""The roster of mediation organisations and mediators, conflict checks and candidate ranking.

Court-linked mediation may only go to organisations and mediators on the court's roster of
specially invited mediators (特邀调解名册; SPC Provisions on Specially Invited Mediation, and the
"总对总" platform registration of §B.4).
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from mediation.domain.parties import CaseParty
from shared.identifiers import normalise_name
from shared.vocabulary import IpType


class OrganisationKind(StrEnum):
    PEOPLES_MEDIATION_COMMITTEE = "peoples_mediation_committee"  # incl. IP dispute committees
    IP_OFFICE = "ip_office"  # administrative mediation by the patent / market regulator
    PROTECTION_CENTRE = "protection_centre"
    INDUSTRY_ASSOCIATION = "industry_association"
    OTHER = "other"


@dataclass(slots=True, kw_only=True)
class Organisation:
    id: uuid.UUID
    name: str
    kind: OrganisationKind
    seat_region_code: str
    registered_on_court_platform: bool = False
    court_platform_code: str | None = None
    active: bool = True
    updated_at: dt.datetime | None = None  # when the entry last changed (kept by the database)


@dataclass(frozen=True, slots=True, kw_only=True)
class DeclaredConflict:
    """A relationship that bars the mediator from cases of this party (回避)."""

    name: str | None = None
    credit_code: str | None = None
    reason: str

    def as_dict(self) -> dict[str, Any]:
        return {"name": self.name, "credit_code": self.credit_code, "reason": self.reason}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> DeclaredConflict:
        return cls(name=data.get("name"), credit_code=data.get("credit_code"), reason=str(data["reason"]))

    def concerns(self, party: CaseParty) -> bool:
        if self.credit_code and party.credit_code and self.credit_code == party.credit_code:
            return True
        return bool(self.name) and normalise_name(self.name or "") == normalise_name(party.name)


@dataclass(slots=True, kw_only=True)
class Mediator:
    id: uuid.UUID
    organisation_id: uuid.UUID
    name: str
    account: str | None = None
    specialties: frozenset[IpType] = frozenset()
    regions: tuple[str, ...] = ()
    registered_on_court_platform: bool = False
    max_active_cases: int = 10
    conflicts: tuple[DeclaredConflict, ...] = ()
    active: bool = True
    updated_at: dt.datetime | None = None  # when the entry last changed (kept by the database)

    def conflicts_with(self, parties: Iterable[CaseParty]) -> list[tuple[CaseParty, DeclaredConflict]]:
        return [(party, c) for party in parties for c in self.conflicts if c.concerns(party)]

    def serves_region(self, region_code: str | None) -> bool:
        return region_code is not None and any(region_code.startswith(prefix) for prefix in self.regions)


@dataclass(frozen=True, slots=True, kw_only=True)
class CaseNeeds:
    """What a case asks of its mediator."""

    ip_type: IpType
    parties: tuple[CaseParty, ...]
    court_linked: bool
    region_codes: tuple[str, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class Candidate:
    mediator: Mediator
    organisation: Organisation
    load: int
    specialty_match: bool
    region_match: bool
    exclusions: tuple[str, ...] = field(default=())

    @property
    def eligible(self) -> bool:
        return not self.exclusions


def exclusions(
    mediator: Mediator, organisation: Organisation, load: int, needs: CaseNeeds
) -> tuple[str, ...]:
    """Why ``mediator`` cannot take the case (empty when it can)."""
    reasons = []
    if not mediator.active or not organisation.active:
        reasons.append("inactive")
    if needs.court_linked and not (
        mediator.registered_on_court_platform and organisation.registered_on_court_platform
    ):
        reasons.append("not_on_court_roster")
    if load >= mediator.max_active_cases:
        reasons.append("at_capacity")
    if mediator.conflicts_with(needs.parties):
        reasons.append("conflict_of_interest")
    return tuple(reasons)


def rank_candidates(
    mediators: Sequence[Mediator],
    organisations: Mapping[uuid.UUID, Organisation],
    loads: Mapping[uuid.UUID, int],
    needs: CaseNeeds,
) -> list[Candidate]:
    """Every mediator judged for the case: eligible ones first, by specialty, region, then load."""
    candidates = []
    for mediator in mediators:
        organisation = organisations[mediator.organisation_id]
        load = loads.get(mediator.id, 0)
        candidates.append(
            Candidate(
                mediator=mediator,
                organisation=organisation,
                load=load,
                specialty_match=needs.ip_type in mediator.specialties,
                region_match=any(mediator.serves_region(code) for code in needs.region_codes),
                exclusions=exclusions(mediator, organisation, load, needs),
            )
        )
    return sorted(
        candidates,
        key=lambda c: (
            not c.eligible,
            not c.specialty_match,
            not c.region_match,
            c.load / max(c.mediator.max_active_cases, 1),
            c.mediator.name,
        ),
    )
