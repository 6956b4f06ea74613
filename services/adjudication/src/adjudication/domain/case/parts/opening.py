"""The request a case opens with: intake's routed complaint, read as a request to this office."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

from adjudication.domain.case.parts.evidence import EvidenceItem
from adjudication.domain.case.parts.procedure import Procedure
from adjudication.domain.values.parties import PartyRecord, PatentRight
from shared.vocabulary import IpType

PATENT_TYPES = frozenset({IpType.INVENTION_PATENT, IpType.UTILITY_MODEL, IpType.DESIGN})


@dataclass(frozen=True, slots=True, kw_only=True)
class FiledRequest:
    """What the routed complaint tells the office about the request (intake's hand-off)."""

    complaint_id: uuid.UUID
    complaint_reference: str
    ip_type: IpType
    rights: tuple[PatentRight, ...]
    requester: PartyRecord
    respondents: tuple[PartyRecord, ...]
    agent_name: str | None
    facts: str
    alleged_acts: tuple[str, ...]
    infringement_locations: tuple[str, ...]
    requested_remedy: str | None
    procedure: Procedure
    court_action_pending: bool
    office_region_code: str | None
    evidence: tuple[EvidenceItem, ...]
    received_at: dt.datetime


def is_adjudicable(ip_type: IpType) -> bool:
    """Administrative adjudication here covers patent infringement disputes only (PL art. 65)."""
    return ip_type in PATENT_TYPES


def registration_number(year: int, sequence: int) -> str:
    """The service's registration number for a submitted case, e.g. ``AD2026-000042``."""
    return f"AD{year}-{sequence:06d}"
