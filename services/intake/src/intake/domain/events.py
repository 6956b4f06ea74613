"""What intake records: the event names of each aggregate, who acts, and the facts contracts need.

Every event is a :class:`shared.domain.events.DomainEvent` on its complaint's case record. The
centre's workflow records (centre case, trade-fair complaint, e-commerce notice) are stored on
their own but belong to a complaint: their events go on the complaint's record with the record as
``subject``. Event names are typed end to end: one ``StrEnum`` per kind of record, each accounted
for by its publisher (:mod:`intake.publishing`).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, TypeVar

from shared.domain.actors import Actor
from shared.domain.events import DomainEvent


class ActorKind(StrEnum):
    """Who acts in intake: centre staff, intake itself, or another ipcase service's announcement."""

    STAFF = "staff"
    SYSTEM = "system"  # intake itself: registration checks, timers (the shared ``SYSTEM`` kind)
    SERVICE = "service"  # adjudication or mediation, through their events
    PLATFORM = "platform"  # an e-commerce platform recording a step on its own notice


INTAKE = Actor(ActorKind.SYSTEM, "system")


def staff(subject: str, roles: Sequence[str] = ()) -> Actor:
    return Actor(ActorKind.STAFF, subject, tuple(roles))


def platform(code: str) -> Actor:
    return Actor(ActorKind.PLATFORM, code)


def service(name: str) -> Actor:
    return Actor(ActorKind.SERVICE, name)


def actor_text(actor: Actor) -> str:
    """The actor as intake's timeline has always shown it: the person, ``system``, ``system:<service>``."""
    return f"system:{actor.id}" if actor.kind == ActorKind.SERVICE else actor.id


class ComplaintEvent(StrEnum):
    REGISTERED = "ComplaintRegistered"
    RIGHTS_VERIFIED = "RightsVerified"
    DUPLICATE_DETECTED = "DuplicateDetected"
    RELATED_LINKED = "RelatedComplaintLinked"
    DUPLICATE_CONFIRMED = "DuplicateConfirmed"
    SPLIT = "ComplaintSplit"
    ACCEPTED = "ComplaintAccepted"
    CORRECTION_REQUESTED = "CorrectionRequested"
    NOT_ACCEPTED = "ComplaintNotAccepted"
    CORRECTION_RECEIVED = "CorrectionReceived"
    TRIAGED = "ComplaintTriaged"
    TRIAGE_OVERRIDDEN = "TriageOverridden"
    WITHDRAWN = "ComplaintWithdrawn"
    CASE_OPENED = "CaseOpened"
    CASE_CONCLUDED = "CaseConcluded"
    CLOSED = "ComplaintClosed"
    FALSE_MATERIALS_FOUND = "FalseMaterialsFound"
    EVIDENCE_ATTACHED = "EvidenceAttached"
    PERIOD_NOT_CONFIGURED = "PeriodNotConfigured"
    DEADLINE_APPROACHING = "DeadlineApproaching"
    DEADLINE_PASSED = "DeadlinePassed"


class CentreCaseEvent(StrEnum):
    OPENED = "CentreCaseOpened"
    TRIAGED = "CentreCaseTriaged"
    EXAMINER_ASSIGNED = "ExaminerAssigned"
    OPINION_ISSUED = "OpinionIssued"
    REFERRED = "CentreCaseReferred"
    CLOSED = "CentreCaseClosed"


class TradeFairEvent(StrEnum):
    FILED = "TradeFairComplaintFiled"
    FORWARDED = "ForwardedToIpOffice"
    RESPONDENT_NOTIFIED = "RespondentNotified"
    STATEMENT_RECEIVED = "StatementReceived"
    MEASURES_ORDERED = "MeasuresOrdered"
    REPEAT_EXHIBITOR_FLAGGED = "RepeatExhibitorFlagged"
    NOT_ESTABLISHED = "InfringementNotEstablished"
    REFERRED = "TradeFairComplaintReferred"


class NoticeEvent(StrEnum):
    RECEIVED = "PlatformNoticeReceived"
    REJECTED = "NoticeRejected"
    MEASURES_TAKEN = "MeasuresTaken"
    FORWARDED_TO_SELLER = "NoticeForwardedToSeller"
    MEASURES_MAINTAINED = "MeasuresMaintained"
    COUNTER_NOTICE_RECEIVED = "CounterNoticeReceived"
    FORWARDED_TO_HOLDER = "CounterNoticeForwardedToHolder"
    NOTARISATION_DELAY_DOCUMENTED = "NotarisationDelayDocumented"
    HOLDER_FILED = "HolderFiledComplaintOrSuit"
    MEASURES_TERMINATED = "MeasuresTerminated"
    PUBLISHED = "NoticePublished"


class RegistryEvent(StrEnum):
    """What the rights registry's tables name. The registry is reference data, not a case: it keeps
    no case record, and a right's status change is published as ``intake.ip_right.status_changed``, an
    evaluation report recorded for it as ``intake.ip_right.evaluation_reported``."""

    RIGHT_STATUS_CHANGED = "RightStatusChanged"
    EVALUATION_REPORT_RECORDED = "EvaluationReportRecorded"
    IMPORT_STARTED = "RegistryImportStarted"
    IMPORT_RESUMED = "RegistryImportResumed"
    IMPORT_COMPLETED = "RegistryImportCompleted"
    IMPORT_FAILED = "RegistryImportFailed"


@dataclass(frozen=True, slots=True, kw_only=True)
class HandOff:
    """What goes with a complaint handed to another body: its evidence, and the office's region."""

    evidence: tuple[Mapping[str, Any], ...] = ()
    office_region_code: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class TriageDecided(DomainEvent):
    """Triage (or staff) put the complaint on a track; a hand-off publishes what it carried."""

    hand_off: HandOff = field(default_factory=HandOff)


@dataclass(frozen=True, slots=True, kw_only=True)
class FalseMaterialsFound(DomainEvent):
    name: str = ComplaintEvent.FALSE_MATERIALS_FOUND
    finding: str


@dataclass(frozen=True, slots=True, kw_only=True)
class CentreCaseReferred(DomainEvent):
    """A centre case referred on; a referral to a court is published with its reason and evidence."""

    name: str = CentreCaseEvent.REFERRED
    reason: str = ""
    hand_off: HandOff = field(default_factory=HandOff)


E = TypeVar("E", bound=DomainEvent)


def restated(event: DomainEvent, as_type: type[E], **facts: Any) -> E:
    """``event`` as the subclass ``as_type``, carrying ``facts`` a contract needs (not recorded)."""
    return as_type(**{f.name: getattr(event, f.name) for f in dataclasses.fields(DomainEvent)}, **facts)
