"""Performance of an effective agreement, per instalment, and enforcement of a confirmed one.

A missed instalment is a default whatever the agreement's status; credit learns whether a court
confirmed it. Only a court-confirmed agreement can be enforced (CPL art. 206): the other party
applies, within 2 years of the last day of performance (CPL art. 250), to the court that ruled or a
court of the same level where the property is (Interp. art. 460).
"""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal

from mediation.domain.agreement import INSTALMENTS, Agreement, Instalment, InstalmentStatus
from mediation.domain.case import MediationCase
from mediation.domain.confirmation import EnforcementApplication
from mediation.domain.deadlines import ENFORCEMENT_PERIOD, instalment_deadline
from mediation.domain.errors import StepNotPossible, invalid, not_before
from mediation.domain.parties import SYSTEM
from mediation.domain.states import AGREEMENT_IN_FORCE
from mediation.domain.states import MediationState as S
from shared.calendar.local_time import local_date
from shared.domain.actors import Actor
from shared.domain.deadlines import DeadlineStatus


def _agreement_in_force(case: MediationCase) -> Agreement:
    agreement = case.effective_agreement
    if agreement is None or case.state not in AGREEMENT_IN_FORCE:
        raise StepNotPossible("No agreement in force is tracked for this case", "本案没有正在履行的调解协议")
    return agreement


def record_payment(
    case: MediationCase, number: int, paid_on: dt.date, amount: Decimal, actor: Actor, at: dt.datetime
) -> None:
    agreement = _agreement_in_force(case)
    instalment = agreement.instalment(number)
    if instalment is None:
        raise invalid("number", "unknown_instalment", f"No instalment {number}", f"没有第 {number} 期")
    record = agreement.performance[number]
    if record.settled:  # said with its number, before the instalment's own machine is asked
        raise StepNotPossible(f"Instalment {number} is already paid", f"第 {number} 期已履行")
    if amount != instalment.amount:
        raise invalid(
            "amount",
            "partial_payment",
            f"Instalment {number} is {instalment.amount}; a partial payment is not performance",
            f"第 {number} 期应付 {instalment.amount}，部分履行不视为履行",
        )
    _performance_day("paid_on", paid_on, agreement, at)
    late = record.status is InstalmentStatus.DEFAULTED
    record.paid_on, record.paid_amount = paid_on, amount
    case.advance(
        record,
        INSTALMENTS,
        "pay_late" if late else "pay",
        by=actor,
        at=at,
        subject=("agreement", agreement.id),
        details={"agreement_id": agreement.id, "number": number, "amount": amount, "late": late},
    )
    case.met(instalment_deadline(agreement.id, number), at=at)
    if agreement.fully_performed:
        _performed(case, agreement, paid_on, actor, at)


def record_performed(case: MediationCase, performed_on: dt.date, actor: Actor, at: dt.datetime) -> None:
    """The whole agreement was performed (e.g. its non-monetary terms); every instalment must be paid."""
    agreement = _agreement_in_force(case)
    unpaid = [n for n, r in agreement.performance.items() if not r.settled]
    if unpaid:
        raise invalid(
            "performed_on",
            "instalments_unpaid",
            f"Instalments {', '.join(map(str, unpaid))} are not paid",
            f"第 {'、'.join(map(str, unpaid))} 期尚未履行",
        )
    if agreement.performed_on is not None:
        raise StepNotPossible("Performance was already recorded", "已记录履行完毕")
    _performance_day("performed_on", performed_on, agreement, at)
    _performed(case, agreement, performed_on, actor, at)


def _performance_day(field: str, day: dt.date, agreement: Agreement, at: dt.datetime) -> None:
    """Performance happens once the agreement binds, and not in the future."""
    if day > local_date(at):
        raise invalid(field, "in_future", f"{field} cannot be in the future", "履行日期不能晚于今日")
    if agreement.effective_at is not None:
        effective_on = local_date(agreement.effective_at)
        not_before(field, day, effective_on, "the agreement took effect", "调解协议生效日")


def _performed(case: MediationCase, agreement: Agreement, on: dt.date, actor: Actor, at: dt.datetime) -> None:
    agreement.performed_on = on
    if case.state is S.CONFIRMED_VALID:
        case.move("perform", by=actor, at=at)
        case.stop(ENFORCEMENT_PERIOD)  # nothing is left to enforce


def default_instalment(case: MediationCase, number: int, at: dt.datetime) -> Instalment | None:
    """The due day passed unpaid; returns the instalment, or None if nothing is in default."""
    agreement = case.effective_agreement
    if agreement is None or case.state not in AGREEMENT_IN_FORCE:
        return None
    record = agreement.performance.get(number)
    instalment = agreement.instalment(number)
    if record is None or instalment is None or record.status is not InstalmentStatus.DUE:
        return None
    record.defaulted_on = at.date()
    case.advance(
        record,
        INSTALMENTS,
        "default",
        by=SYSTEM,
        at=at,
        subject=("agreement", agreement.id),
        details={"agreement_id": agreement.id, "number": number},
    )
    case.end_deadline(instalment_deadline(agreement.id, number), DeadlineStatus.LAPSED)
    return instalment


def instalment_due(case: MediationCase, agreement_id: uuid.UUID, number: int, at: dt.datetime) -> None:
    """An instalment's due day ended (its timer fired): a default, unless its agreement was replaced."""
    agreement = case.effective_agreement
    if agreement is not None and agreement.id == agreement_id:
        default_instalment(case, number, at)


def apply_enforcement(
    case: MediationCase,
    *,
    applicant_id: uuid.UUID,
    court_code: str,
    court_name: str,
    breached_obligation: str | None,
    actor: Actor,
    at: dt.datetime,
) -> EnforcementApplication:
    """The party owed performance applies for enforcement of the confirmed agreement."""
    case.require(S.CONFIRMED_VALID, action="apply_enforcement")
    agreement = _agreement_in_force(case)
    applicant = case.party(applicant_id, field_name="applicant_id")
    owed = [i for i in agreement.defaulted if i.payee_id == applicant.id]
    if not owed and not (breached_obligation and breached_obligation.strip()):
        raise StepNotPossible(
            "Enforcement needs non-performance towards the applicant: a defaulted instalment or a breach",
            "申请执行须以对方不履行或部分履行为前提：须有逾期未付的分期款或载明的违约事项",
        )
    respondent_id = owed[0].payer_id if owed else _other_party(case, applicant.id)
    enforcement = EnforcementApplication(
        id=uuid.uuid4(),
        applicant_id=applicant.id,
        respondent_id=respondent_id,
        court_code=court_code,
        court_name=court_name,
        instalment_numbers=tuple(i.number for i in owed),
        outstanding=sum((i.amount for i in owed), Decimal(0)) if owed else None,
        applied_at=at,
    )
    case.enforcement = enforcement
    details = {"enforcement_id": enforcement.id, "breached_obligation": breached_obligation}
    case.move("apply_enforcement", by=actor, at=at, details=details)
    case.met(ENFORCEMENT_PERIOD, at=at)
    return enforcement


def _other_party(case: MediationCase, applicant_id: uuid.UUID) -> uuid.UUID:
    return next(p.id for p in case.parties if p.id != applicant_id)


def expire_enforcement_period(case: MediationCase, at: dt.datetime) -> bool:
    if case.state is not S.CONFIRMED_VALID:
        return False
    case.move("expire_enforcement", by=SYSTEM, at=at)
    case.end_deadline(ENFORCEMENT_PERIOD, DeadlineStatus.LAPSED)
    return True
