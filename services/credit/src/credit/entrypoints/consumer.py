"""Credit's event subscriptions: another service's contract in, a credit command out.

Each handler runs inside the consumer's inbox transaction (``bus.handle(cmd, uow=uow)``), so an
input and its effects commit together and a redelivered event changes nothing. Two consumer
groups: ``credit.complaints`` (intake) and ``credit.cases`` (adjudication and mediation), each a
declared list bound to the bus in bootstrap (``shared.messaging.consumer.bind``).
"""

from __future__ import annotations

from typing import Any

import structlog

from credit.domain.actors import system
from credit.domain.commands import (
    RecordInfringementFinding,
    RecordMediationDefault,
    RecordSubjectSighting,
    RegisterDishonestyInput,
    RevokeUnderlyingDecision,
    RightClaim,
)
from credit.domain.subject import SubjectClaim
from credit.domain.vocabulary import CHINA, BehaviourCode, DecisionRef, ListType
from credit.unit_of_work import CreditUnitOfWork
from shared.contracts import CloudEvent
from shared.contracts.adjudication import (
    CounterfeitPenaltyDecidedV1,
    DecisionEffectiveV1,
    DecisionRevokedV1,
    PenaltyDecidedV1,
    PenaltyLaw,
    PenaltySeverity,
    PerformanceRefusedV1,
)
from shared.contracts.common import Outcome, SubjectRef
from shared.contracts.intake import ComplaintAcceptedV1, FalseMaterialsFoundV1
from shared.contracts.mediation import PerformanceDefaultedV1
from shared.domain.actors import Actor
from shared.identifiers import is_valid_uscc
from shared.messagebus import MessageBus
from shared.messaging.consumer import Subscription
from shared.vocabulary import PartyKind

log = structlog.get_logger(__name__)
Bus = MessageBus[CreditUnitOfWork]


def subject_claim(ref: SubjectRef) -> SubjectClaim:
    """Contracts carry no party kind for subjects: a masked personal id marks an individual."""
    kind = PartyKind.INDIVIDUAL if ref.id_number_masked and not ref.credit_code else PartyKind.ORGANISATION
    return SubjectClaim(kind, ref.name, ref.credit_code, ref.id_number_masked)


def _producer(event: CloudEvent) -> Actor:
    return system(event.source)


async def on_complaint_accepted(
    data: ComplaintAcceptedV1, event: CloudEvent, uow: CreditUnitOfWork, *, bus: Bus
) -> None:
    for respondent in data.respondents:
        if respondent.credit_code and is_valid_uscc(respondent.credit_code):
            await bus.handle(
                RecordSubjectSighting(
                    subject=SubjectClaim(respondent.kind, respondent.name, respondent.credit_code),
                    source_type="complaint_respondent",
                    source_id=str(data.complaint_id),
                    seen_at=data.received_at,
                ),
                uow=uow,
            )


async def on_false_materials(
    data: FalseMaterialsFoundV1, event: CloudEvent, uow: CreditUnitOfWork, *, bus: Bus
) -> None:
    await bus.handle(
        RegisterDishonestyInput(
            subject=subject_claim(data.subject),
            behaviour=BehaviourCode.FALSE_MATERIALS,
            underlying_decision=DecisionRef(
                authority=event.source,
                doc_no=data.reference,
                date=data.found_at.astimezone(CHINA).date(),
                type="false_materials_finding",
            ),
            finding=f"{data.finding} (found by {data.found_by})",
            source=event.type,
            source_ref=str(data.complaint_id),
            actor=_producer(event),
        ),
        uow=uow,
    )


async def on_performance_refused(
    data: PerformanceRefusedV1, event: CloudEvent, uow: CreditUnitOfWork, *, bus: Bus
) -> None:
    await bus.handle(
        RegisterDishonestyInput(
            subject=subject_claim(data.subject),
            behaviour=BehaviourCode.REFUSAL_TO_PERFORM,
            underlying_decision=DecisionRef(
                authority=event.source,
                doc_no=data.decision_no,
                date=data.found_on,
                type="adjudication_decision",
            ),
            basis_doc_nos=tuple(filter(None, (data.enforcement_ruling_no,))),
            finding=data.finding,
            source=event.type,
            source_ref=str(data.case_id),
            actor=_producer(event),
        ),
        uow=uow,
    )


async def on_counterfeit_penalty(
    data: CounterfeitPenaltyDecidedV1, event: CloudEvent, uow: CreditUnitOfWork, *, bus: Bus
) -> None:
    if data.fine is None and data.illegal_gains_confiscated is None:
        # Order 45 art. 2: a penalty with neither fine nor confiscation (a warning or an order to
        # correct) is not published.
        log.info("counterfeit penalty without fine or confiscation: not published", case_id=str(data.case_id))
        return
    await bus.handle(
        RegisterDishonestyInput(
            subject=subject_claim(data.subject),
            behaviour=BehaviourCode.COUNTERFEIT_PATENT,
            underlying_decision=DecisionRef(
                authority=event.source,
                doc_no=data.decision_no,
                date=data.decided_on,
                type="penalty_decision",
            ),
            finding=_penalty_summary(data),
            source=event.type,
            source_ref=str(data.case_id),
            fine=data.fine.amount if data.fine else None,
            actor=_producer(event),
        ),
        uow=uow,
    )


PUBLISHED_AS = {
    PenaltyLaw.TRADEMARK: BehaviourCode.TRADEMARK_INFRINGEMENT,
    PenaltyLaw.COPYRIGHT: BehaviourCode.COPYRIGHT_INFRINGEMENT,
}
"""Penalties ``penalty_decided`` puts up for publication (Order 45); counterfeit patents come (as before)
from ``counterfeit_penalty_decided``, so one decision is never registered twice."""


def penalty_inputs(data: PenaltyDecidedV1, event: CloudEvent) -> list[RegisterDishonestyInput]:
    """What a penalty decision feeds credit with.

    * publication (SAMR Order 45 art. 2): any fine or confiscation; a warning alone is not published;
    * the SAMR serious list (§C.2 [P]): a **heavier** administrative penalty is its prerequisite, so a
      heavier decision becomes a ``samr_serious`` CANDIDATE, as repeat infringement when the subject
      was penalised before within the look-back, else as wilful infringement. It is only a candidate:
      the notice, the hearing and the office head's approval (Order 44 [U]) decide the listing.
    """
    decision = DecisionRef(
        authority=event.source, doc_no=data.decision_no, date=data.decided_on, type="penalty_decision"
    )
    common: dict[str, Any] = {
        "subject": subject_claim(data.subject),
        "underlying_decision": decision,
        "source": event.type,
        "source_ref": str(data.case_id),
        "fine": data.fine.amount if data.fine else None,
        "actor": _producer(event),
    }
    inputs: list[RegisterDishonestyInput] = []
    behaviour = PUBLISHED_AS.get(data.law)
    if behaviour is not None and data.severity is not PenaltySeverity.WARNING_ONLY:
        inputs.append(RegisterDishonestyInput(behaviour=behaviour, finding=_decided_summary(data), **common))
    if data.severity is PenaltySeverity.HEAVIER:
        repeat = bool(data.repeat_of)
        earlier = ", ".join(data.repeat_of)
        why = f"heavier penalty for repeat infringement (earlier: {earlier})" if repeat else "heavier penalty"
        inputs.append(
            RegisterDishonestyInput(
                behaviour=BehaviourCode.REPEAT_INFRINGEMENT if repeat else BehaviourCode.WILFUL_INFRINGEMENT,
                list_type=ListType.SAMR_SERIOUS,
                finding=f"{_decided_summary(data)}; {why}",
                **common,
            )
        )
    return inputs


async def on_penalty_decided(
    data: PenaltyDecidedV1, event: CloudEvent, uow: CreditUnitOfWork, *, bus: Bus
) -> None:
    for command in penalty_inputs(data, event):
        await bus.handle(command, uow=uow)


async def on_decision_effective(
    data: DecisionEffectiveV1, event: CloudEvent, uow: CreditUnitOfWork, *, bus: Bus
) -> None:
    if data.outcome is not Outcome.INFRINGEMENT_ESTABLISHED:
        return
    await bus.handle(
        RecordInfringementFinding(
            case_id=data.case_id,
            case_no=data.case_no,
            decision_no=data.decision_no,
            authority=event.source,
            decided_on=data.decided_on,
            effective_on=data.effective_on,
            respondents=tuple(subject_claim(r) for r in data.respondents),
            rights=tuple(RightClaim(r.ip_type.value, r.number) for r in data.rights),
            actor=_producer(event),
        ),
        uow=uow,
    )


async def on_decision_revoked(
    data: DecisionRevokedV1, event: CloudEvent, uow: CreditUnitOfWork, *, bus: Bus
) -> None:
    await bus.handle(
        RevokeUnderlyingDecision(
            decision_no=data.decision_no,
            revoked_on=data.revoked_on,
            revoked_by=data.court,
            revoking_doc_no=data.court_case_no,
            reason=f"Decision {data.decision_no} revoked by {data.court} ({data.court_case_no})",
            actor=_producer(event),
        ),
        uow=uow,
    )


async def on_agreement_defaulted(
    data: PerformanceDefaultedV1, event: CloudEvent, uow: CreditUnitOfWork, *, bus: Bus
) -> None:
    if not data.confirmed_by_court:
        return  # only a court-confirmed agreement is an enforceable instrument
    await bus.handle(
        RecordMediationDefault(
            entry=RegisterDishonestyInput(
                subject=subject_claim(data.subject),
                behaviour=BehaviourCode.MEDIATION_AGREEMENT_DEFAULT,
                underlying_decision=DecisionRef(
                    authority=event.source,
                    doc_no=data.court_ruling_no or f"agreement:{data.agreement_id}",
                    date=data.found_on,
                    type="court_confirmed_mediation_agreement",
                ),
                finding=f"{data.obligation} (due {data.due_on}) not performed, agreement {data.agreement_id}",
                source=event.type,
                source_ref=str(data.agreement_id),
                actor=_producer(event),
            )
        ),
        uow=uow,
    )


COMPLAINT_SUBSCRIPTIONS: list[Subscription[Any, CreditUnitOfWork]] = [
    Subscription(ComplaintAcceptedV1, on_complaint_accepted),
    Subscription(FalseMaterialsFoundV1, on_false_materials),
]
CASE_SUBSCRIPTIONS: list[Subscription[Any, CreditUnitOfWork]] = [
    Subscription(PerformanceRefusedV1, on_performance_refused),
    Subscription(CounterfeitPenaltyDecidedV1, on_counterfeit_penalty),
    Subscription(PenaltyDecidedV1, on_penalty_decided),
    Subscription(DecisionEffectiveV1, on_decision_effective),
    Subscription(DecisionRevokedV1, on_decision_revoked),
    Subscription(PerformanceDefaultedV1, on_agreement_defaulted),
]
SUBSCRIPTIONS = {"complaints": COMPLAINT_SUBSCRIPTIONS, "cases": CASE_SUBSCRIPTIONS}
"""Consumer group (``credit.<name>``) -> what it subscribes to."""


def _penalty_summary(data: CounterfeitPenaltyDecidedV1) -> str:
    parts = [f"Counterfeit patent penalty {data.decision_no}"]
    if data.fine:
        parts.append(f"fine {data.fine.amount} {data.fine.currency}")
    if data.illegal_gains_confiscated:
        parts.append(f"illegal gains confiscated {data.illegal_gains_confiscated.amount}")
    if data.products:
        parts.append("products: " + ", ".join(data.products))
    return "; ".join(parts)


LAW_TITLES = {
    PenaltyLaw.COUNTERFEIT_PATENT: "Counterfeit patent",
    PenaltyLaw.TRADEMARK: "Trademark infringement",
    PenaltyLaw.COPYRIGHT: "Copyright infringement",
}


def _decided_summary(data: PenaltyDecidedV1) -> str:
    parts = [f"{LAW_TITLES[data.law]} penalty {data.decision_no}"]
    if data.fine:
        parts.append(f"fine {data.fine.amount} {data.fine.currency}")
    if data.illegal_gains_confiscated:
        parts.append(f"illegal gains confiscated {data.illegal_gains_confiscated.amount}")
    if data.goods_confiscated:
        parts.append("goods confiscated: " + ", ".join(data.goods_confiscated))
    return "; ".join(parts)
