"""Judicial confirmation (司法确认), objections and enforcement: the entities a case keeps for them."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from typing import Final

from mediation.domain.errors import ApplicationClosed, ObjectionAlreadyDecided
from mediation.domain.events import EventName as E
from mediation.domain.law import CPL_206, INTERP_357, INTERP_358, INTERP_372
from mediation.domain.materials import Material
from shared.domain.lifecycle import StatusMachine, TransitionTable, transition


class ApplicationStatus(StrEnum):
    FILED = "FILED"
    ACCEPTED = "ACCEPTED"  # docketed, 调确字
    RULED_VALID = "RULED_VALID"
    REJECTED = "REJECTED"
    WITHDRAWN = "WITHDRAWN"


_OPEN = (ApplicationStatus.FILED, ApplicationStatus.ACCEPTED)
APPLICATION_STEPS: Final = TransitionTable(
    ApplicationStatus,
    [
        transition(
            "accept",
            [ApplicationStatus.FILED],
            ApplicationStatus.ACCEPTED,
            event=E.CONFIRMATION_ACCEPTED,
            guard="the court it was filed with docketed it (调确字)",
        ),
        # The court's answers below are recorded by the case's transitions of the same events.
        transition(
            "rule_valid",
            _OPEN,
            ApplicationStatus.RULED_VALID,
            event=E.CONFIRMATION_RULED_VALID,
            basis=[CPL_206],
        ),
        transition(
            "reject",
            _OPEN,
            ApplicationStatus.REJECTED,
            event=E.CONFIRMATION_REJECTED,
            basis=[CPL_206, INTERP_358],
        ),
        transition(
            "withdraw",
            _OPEN,
            ApplicationStatus.WITHDRAWN,
            event=E.CONFIRMATION_WITHDRAWN,
            basis=[INTERP_357],
        ),
    ],
)
APPLICATIONS: Final = StatusMachine(APPLICATION_STEPS, ApplicationClosed)


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


class ObjectionStatus(StrEnum):
    LODGED = "LODGED"
    UPHELD = "UPHELD"  # the court revoked its ruling
    DISMISSED = "DISMISSED"


OBJECTION_STEPS: Final = TransitionTable(
    ObjectionStatus,
    [
        transition(
            "uphold",
            [ObjectionStatus.LODGED],
            ObjectionStatus.UPHELD,
            event=E.OBJECTION_DECIDED,
            basis=[INTERP_372],
        ),
        transition(
            "dismiss",
            [ObjectionStatus.LODGED],
            ObjectionStatus.DISMISSED,
            event=E.OBJECTION_DECIDED,
            basis=[INTERP_372],
        ),
    ],
)
OBJECTIONS: Final = StatusMachine(OBJECTION_STEPS, ObjectionAlreadyDecided)


@dataclass(slots=True, kw_only=True)
class Objection:
    """An objection to the confirmation ruling (Interp. art. 372): parties 15 CD, third parties 6 months."""

    id: uuid.UUID
    by_third_party: bool
    objector: str
    grounds: str
    lodged_on: dt.date
    within_window: bool | None
    party_id: uuid.UUID | None = None  # the objecting party (None for a third party)
    decided_on: dt.date | None = None
    status: ObjectionStatus = ObjectionStatus.LODGED

    @property
    def upheld(self) -> bool | None:
        """The court's decision: None while it has not decided."""
        return None if self.status is ObjectionStatus.LODGED else self.status is ObjectionStatus.UPHELD


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
