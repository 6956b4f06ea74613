"""Published language: what intake's records publish, and the effects every step ends in.

One :class:`~shared.steps.Publisher` per kind of record maps each event name to the contracts it
becomes (or declares it internal); one :class:`~shared.steps.StepEffects` per kind saves the record,
appends its events to the complaint's case record, publishes and applies its timer changes. The
workflow records (centre case, trade-fair complaint, e-commerce notice) write on their complaint's
record and publish under its key (``parent_id``); their timers are their own.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from intake.domain.centre_case import CentreCase, CentreCaseStatus
from intake.domain.complaint import Complaint
from intake.domain.ecommerce_notice import EcommerceNotice
from intake.domain.errors import expect, present
from intake.domain.events import (
    CentreCaseEvent,
    CentreCaseReferred,
    ComplaintEvent,
    FalseMaterialsFound,
    NoticeEvent,
    TradeFairEvent,
    TriageDecided,
)
from intake.domain.trade_fair import TradeFairCase
from intake.domain.vocabulary import Agency
from intake.publishing.contracts import (
    accepted_event,
    evaluation_reported_event,
    false_materials_event,
    referral_event,
    routed_event,
    status_changed_event,
)
from shared.contracts import EventData
from shared.domain.events import DomainEvent
from shared.steps import Alongside, Publisher, StepEffects

RECORD = "complaint"
"""Every record's events are on its complaint's case record (aggregate type ``complaint``)."""

DEADLINE_TIMER = "intake.deadline"
NOTICE_TIMER = "intake.ecommerce_notice.deadline"
LEGACY_TERMINATION_TIMER = "intake.ecommerce_termination_due"
"""Armed before notices had one timer kind for all their deadlines; fires as a notice deadline."""


# -- complaint -----------------------------------------------------------------------------------


def _accepted(complaint: Complaint, event: DomainEvent) -> list[EventData]:
    return [accepted_event(complaint)]


def _triaged(complaint: Complaint, event: DomainEvent) -> list[EventData]:
    """A hand-off to adjudication or mediation is routed, to another agency referred; else nothing."""
    triaged = expect(event, TriageDecided, "a triage event")
    decision, hand_off = present(complaint.triage, "the triage of a triaged complaint"), triaged.hand_off
    if decision.destination is not None:
        return [
            routed_event(
                complaint,
                decision,
                hand_off.evidence,
                office_region_code=hand_off.office_region_code,
                routed_at=event.at,
            )
        ]
    if decision.agency is not None:
        return [
            referral_event(
                complaint, decision.agency, decision.reason, hand_off.evidence, referred_at=event.at
            )
        ]
    return []


def _false_materials(complaint: Complaint, event: DomainEvent) -> list[EventData]:
    found = expect(event, FalseMaterialsFound, "a false-materials event")
    party = present(complaint.party(uuid.UUID(str(found.details["party_id"]))), "the party found")
    return [false_materials_event(complaint, party, found.finding, found.actor.id, found.at)]


COMPLAINTS_PUBLISH: Publisher[Complaint] = Publisher(
    {
        ComplaintEvent.REGISTERED: _accepted,
        ComplaintEvent.TRIAGED: _triaged,
        ComplaintEvent.TRIAGE_OVERRIDDEN: _triaged,
        ComplaintEvent.FALSE_MATERIALS_FOUND: _false_materials,
    },
    internal=set(ComplaintEvent)
    - {
        ComplaintEvent.REGISTERED,
        ComplaintEvent.TRIAGED,
        ComplaintEvent.TRIAGE_OVERRIDDEN,
        ComplaintEvent.FALSE_MATERIALS_FOUND,
    },
)


# -- workflow records ----------------------------------------------------------------------------


@dataclass(slots=True)
class CentreCaseStep(Alongside):
    """A centre-case step as its publisher sees it: the case, and the complaint a referral is about."""

    case: CentreCase
    complaint: Complaint

    @property
    def aggregate(self) -> CentreCase:
        return self.case


def _referred(step: CentreCaseStep, event: DomainEvent) -> list[EventData]:
    """Adjudication and mediation get the routed complaint (through the complaint); a court a referral."""
    event = expect(event, CentreCaseReferred, "a centre-case referral")
    if event.to_state != CentreCaseStatus.REFERRED_COURT:
        return []
    referral = referral_event(
        step.complaint, Agency.COURT, event.reason, event.hand_off.evidence, referred_at=event.at
    )
    return [referral]


CENTRE_CASES_PUBLISH: Publisher[CentreCaseStep] = Publisher(
    {CentreCaseEvent.REFERRED: _referred}, internal=set(CentreCaseEvent) - {CentreCaseEvent.REFERRED}
)
TRADE_FAIR_CASES_PUBLISH: Publisher[TradeFairCase] = Publisher({}, internal=set(TradeFairEvent))
NOTICES_PUBLISH: Publisher[EcommerceNotice] = Publisher({}, internal=set(NoticeEvent))

COMPLAINTS = StepEffects(RECORD, COMPLAINTS_PUBLISH, timer_kind=DEADLINE_TIMER)
CENTRE_CASES = StepEffects(RECORD, CENTRE_CASES_PUBLISH, timer_kind=DEADLINE_TIMER)
TRADE_FAIR_CASES = StepEffects(RECORD, TRADE_FAIR_CASES_PUBLISH, timer_kind=DEADLINE_TIMER)
NOTICES = StepEffects(RECORD, NOTICES_PUBLISH, timer_kind=NOTICE_TIMER)


__all__ = [
    "CENTRE_CASES",
    "COMPLAINTS",
    "DEADLINE_TIMER",
    "LEGACY_TERMINATION_TIMER",
    "NOTICES",
    "NOTICE_TIMER",
    "TRADE_FAIR_CASES",
    "CentreCaseStep",
    "evaluation_reported_event",
    "status_changed_event",
]
