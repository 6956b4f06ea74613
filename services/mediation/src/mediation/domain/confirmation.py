"""Judicial confirmation (司法确认), objections and enforcement: the entities a case keeps for them."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from mediation.domain.materials import Material


class ApplicationStatus(StrEnum):
    FILED = "FILED"
    ACCEPTED = "ACCEPTED"  # docketed, 调确字
    RULED_VALID = "RULED_VALID"
    REJECTED = "REJECTED"
    WITHDRAWN = "WITHDRAWN"


class ApplicationManner(StrEnum):
    """How a party joined the application (CPL art. 205: jointly, in person or through an agent)."""

    IN_PERSON = "in_person"
    ONLINE = "online"  # People's Court Mediation Platform / 总对总
    AGENT = "agent"
    WRITTEN_CONSENT = "written_consent"  # Wuhan guideline [P]: one applies with the other's written consent


@dataclass(frozen=True, slots=True, kw_only=True)
class JointApplicantSignature:
    party_id: uuid.UUID
    signed_at: dt.datetime
    manner: ApplicationManner
    agent_name: str | None = None


@dataclass(slots=True, kw_only=True)
class ConfirmationApplication:
    id: uuid.UUID
    agreement_id: uuid.UUID
    court_code: str
    court_name: str
    competence: tuple[str, ...]
    applicants: tuple[JointApplicantSignature, ...]
    materials: tuple[Material, ...]
    warnings: tuple[str, ...]
    filed_at: dt.datetime
    status: ApplicationStatus = ApplicationStatus.FILED
    docket_no: str | None = None
    accepted_at: dt.datetime | None = None
    ruling_no: str | None = None
    ruled_at: dt.datetime | None = None
    reasons: str | None = None
    withdrawn_at: dt.datetime | None = None

    @property
    def open(self) -> bool:
        return self.status in (ApplicationStatus.FILED, ApplicationStatus.ACCEPTED)


@dataclass(slots=True, kw_only=True)
class Objection:
    """An objection to the confirmation ruling (Interp. art. 372): parties 15 CD, third parties 6 months."""

    id: uuid.UUID
    by_third_party: bool
    objector: str
    grounds: str
    lodged_on: dt.date
    within_window: bool | None
    decided_on: dt.date | None = None
    upheld: bool | None = None


@dataclass(slots=True, kw_only=True)
class EnforcementApplication:
    id: uuid.UUID
    applicant_id: uuid.UUID
    respondent_id: uuid.UUID
    court_code: str
    court_name: str
    instalment_numbers: tuple[int, ...]
    outstanding: Decimal | None
    applied_at: dt.datetime
