"""The mediation case aggregate (调解案件), as it is opened from a complaint."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass, field
from enum import StrEnum

from shared.vocabulary import IpType, Party


class MediationState(StrEnum):
    REQUESTED = "REQUESTED"


@dataclass(frozen=True, slots=True)
class MediationRequested:
    case_id: uuid.UUID


@dataclass(slots=True, kw_only=True)
class MediationCase:
    id: uuid.UUID
    case_no: str
    complaint_id: uuid.UUID | None
    ip_type: IpType
    right_number: str
    applicant: Party
    other_parties: tuple[Party, ...]
    state: MediationState
    opened_at: dt.datetime
    events: list[object] = field(default_factory=list)

    @classmethod
    def request(
        cls,
        *,
        case_no: str,
        complaint_id: uuid.UUID | None,
        ip_type: IpType,
        right_number: str,
        applicant: Party,
        other_parties: tuple[Party, ...],
        opened_at: dt.datetime,
    ) -> MediationCase:
        case = cls(
            id=uuid.uuid4(),
            case_no=case_no,
            complaint_id=complaint_id,
            ip_type=ip_type,
            right_number=right_number,
            applicant=applicant,
            other_parties=other_parties,
            state=MediationState.REQUESTED,
            opened_at=opened_at,
        )
        case.events.append(MediationRequested(case.id))
        return case


def mediation_number(year: int, sequence: int) -> str:
    """The mediation case number, e.g. ``MD2026-000042``."""
    return f"MD{year}-{sequence:06d}"
