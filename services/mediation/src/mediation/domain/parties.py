"""Who takes part in a mediation case: the parties, and the kinds of actor that move it."""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from enum import StrEnum
from typing import Any

from shared.domain.actors import Actor
from shared.vocabulary import PartyKind


class PartyRole(StrEnum):
    APPLICANT = "applicant"  # requested mediation: complainant, adjudication requester, plaintiff
    RESPONDENT = "respondent"


@dataclass(frozen=True, slots=True, kw_only=True)
class CaseParty:
    """A party with what the agreement, the court and the credit service need to know about it."""

    id: uuid.UUID
    role: PartyRole
    kind: PartyKind
    name: str
    credit_code: str | None = None
    id_number_masked: str | None = None
    legal_representative: str | None = None
    address: str | None = None
    region_code: str | None = None
    phone: str | None = None
    email: str | None = None
    source_party_id: uuid.UUID | None = None

    def as_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data.update(id=str(self.id), role=self.role.value, kind=self.kind.value)
        data["source_party_id"] = str(self.source_party_id) if self.source_party_id else None
        return data

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> CaseParty:
        source = data.get("source_party_id")
        return cls(
            id=uuid.UUID(str(data["id"])),
            role=PartyRole(data["role"]),
            kind=PartyKind(data["kind"]),
            name=str(data["name"]),
            credit_code=data.get("credit_code"),
            id_number_masked=data.get("id_number_masked"),
            legal_representative=data.get("legal_representative"),
            address=data.get("address"),
            region_code=data.get("region_code"),
            phone=data.get("phone"),
            email=data.get("email"),
            source_party_id=uuid.UUID(str(source)) if source else None,
        )


class ActorKind(StrEnum):
    """Who moves a mediation case (the ``kind`` of a :class:`shared.domain.actors.Actor`)."""

    STAFF = "staff"
    MEDIATOR = "mediator"
    COURT = "court"
    SERVICE = "service"  # another ipcase service, through its event
    SYSTEM = "system"  # a statutory timer


SYSTEM = Actor(ActorKind.SYSTEM, "timer")
"""The actor of what a timer does (the history has always named it ``timer``)."""
