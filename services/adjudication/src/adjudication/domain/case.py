"""The adjudication case aggregate (行政裁决案件) as it is opened from a complaint."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass, field
from enum import StrEnum

from shared.vocabulary import IpType, Party

PATENT_TYPES = frozenset({IpType.INVENTION_PATENT, IpType.UTILITY_MODEL, IpType.DESIGN})


class CaseState(StrEnum):
    SUBMITTED = "SUBMITTED"


@dataclass(frozen=True, slots=True)
class CaseOpened:
    case_id: uuid.UUID


@dataclass(slots=True, kw_only=True)
class Case:
    id: uuid.UUID
    case_no: str
    complaint_id: uuid.UUID
    complaint_reference: str
    ip_type: IpType
    patent_number: str
    requester: Party
    respondents: tuple[Party, ...]
    state: CaseState
    opened_at: dt.datetime
    events: list[object] = field(default_factory=list)

    @classmethod
    def open_from_complaint(
        cls,
        *,
        case_no: str,
        complaint_id: uuid.UUID,
        complaint_reference: str,
        ip_type: IpType,
        patent_number: str,
        requester: Party,
        respondents: tuple[Party, ...],
        opened_at: dt.datetime,
    ) -> Case:
        case = cls(
            id=uuid.uuid4(),
            case_no=case_no,
            complaint_id=complaint_id,
            complaint_reference=complaint_reference,
            ip_type=ip_type,
            patent_number=patent_number,
            requester=requester,
            respondents=respondents,
            state=CaseState.SUBMITTED,
            opened_at=opened_at,
        )
        case.events.append(CaseOpened(case.id))
        return case


def is_adjudicable(ip_type: IpType) -> bool:
    """Administrative adjudication here covers patent infringement disputes only (PL art. 65)."""
    return ip_type in PATENT_TYPES


def registration_number(year: int, sequence: int) -> str:
    """The service's registration number for a submitted case, e.g. ``AD2026-000042``."""
    return f"AD{year}-{sequence:06d}"
