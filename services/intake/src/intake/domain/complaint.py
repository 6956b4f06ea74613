"""The complaint aggregate: what a protection centre registers when a right holder complains."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass, field
from enum import StrEnum

from shared.vocabulary import IpType, Party, RequestedProcedure


class ComplaintStatus(StrEnum):
    REGISTERED = "REGISTERED"


@dataclass(frozen=True, slots=True)
class ComplaintRegistered:
    complaint_id: uuid.UUID


@dataclass(slots=True, kw_only=True)
class Complaint:
    id: uuid.UUID
    ip_type: IpType
    right_number: str
    complainant: Party
    respondents: tuple[Party, ...]
    facts: str
    requested_procedure: RequestedProcedure
    received_at: dt.datetime
    status: ComplaintStatus = ComplaintStatus.REGISTERED
    sequence: int | None = None
    events: list[object] = field(default_factory=list)

    @classmethod
    def register(
        cls,
        *,
        ip_type: IpType,
        right_number: str,
        complainant: Party,
        respondents: tuple[Party, ...],
        facts: str,
        requested_procedure: RequestedProcedure,
        received_at: dt.datetime,
    ) -> Complaint:
        complaint = cls(
            id=uuid.uuid4(),
            ip_type=ip_type,
            right_number=right_number.strip(),
            complainant=complainant,
            respondents=respondents,
            facts=facts.strip(),
            requested_procedure=requested_procedure,
            received_at=received_at,
        )
        complaint.events.append(ComplaintRegistered(complaint.id))
        return complaint

    @property
    def reference(self) -> str:
        """The centre's complaint number, e.g. ``TS2026-00000042``; known once stored."""
        if self.sequence is None:
            raise ValueError("a complaint has a reference only once it is stored")
        return f"TS{self.received_at.year}-{self.sequence:08d}"
