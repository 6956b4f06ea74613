"""Drafting and signing the agreement; when the last signature is in, it takes effect.

On effect the mediation has concluded with an agreement. A court-entrusted (委托) case then goes
back to the trial court (SI Mediation art. 20); any other case opens the 30-day window for the
joint application for judicial confirmation (CPL art. 205).
"""

from __future__ import annotations

import datetime as dt
import uuid

from mediation.domain.agreement import (
    AGREEMENTS,
    Agreement,
    AgreementContent,
    InstalmentRecord,
    Signature,
    SignatureManner,
    agreement_number,
    content_problems,
)
from mediation.domain.case import MediationCase
from mediation.domain.deadlines import CONFIRMATION_WINDOW, Timing, instalment_deadline
from mediation.domain.eligibility import ConfirmationRules, assess
from mediation.domain.errors import StepNotPossible, invalid, invalid_fields
from mediation.domain.events import EventName as E
from mediation.domain.kinds import MediationKind
from mediation.domain.mediating import conclude
from mediation.domain.states import MediationState as S
from shared.calendar.local_time import local_date
from shared.domain.actors import Actor


def draft_agreement(
    case: MediationCase, content: AgreementContent, rules: ConfirmationRules, actor: Actor, at: dt.datetime
) -> Agreement:
    """A new draft (version n+1); an earlier draft, or an agreement the court refused, is superseded."""
    case.require(S.IN_MEDIATION, action="draft_agreement")
    problems = content_problems(content, case.parties, local_date(at))
    if problems:
        raise invalid_fields(problems)
    previous = case.agreement
    if previous is not None:
        details = {"agreement_id": previous.id}
        subject = ("agreement", previous.id)
        case.advance(previous, AGREEMENTS, "supersede", by=actor, at=at, subject=subject, details=details)
        stop_instalments(case, previous)
    version = len(case.agreements) + 1
    agreement = Agreement(
        id=uuid.uuid4(),
        number=agreement_number(case.case_no, version),
        version=version,
        content=content,
        eligibility=assess(content, case.kind, rules),
        drafted_at=at,
        drafted_by=actor,
    )
    case.agreements.append(agreement)
    case.record(
        E.AGREEMENT_DRAFTED,
        by=actor,
        at=at,
        subject=("agreement", agreement.id),
        details={
            "agreement_id": agreement.id,
            "version": version,
            "confirmation_eligible": agreement.eligibility.eligible,
        },
    )
    return agreement


def sign_agreement(
    case: MediationCase,
    party_id: uuid.UUID | None,
    manner: SignatureManner,
    signed_at: dt.datetime,
    actor: Actor,
    at: dt.datetime,
    timing: Timing,
) -> Agreement:
    """Record one signature (``party_id`` None: the mediator, with the organisation's seal)."""
    case.require(S.IN_MEDIATION, action="sign_agreement")
    agreement = case.agreement
    if agreement is None:
        raise StepNotPossible("There is no draft agreement to sign", "没有待签署的调解协议")
    AGREEMENTS.step(agreement.status, "sign")
    if signed_at > at:
        raise invalid(
            "signed_at", "in_future", "A signature cannot be dated in the future", "签署时间不能晚于当前时间"
        )
    _not_before_the_mediation(case, signed_at)
    if agreement.signed_by(party_id):
        raise StepNotPossible("Already signed", "已签署")
    signatory = _signatory(case, party_id)
    agreement.signatures.append(
        Signature(party_id=party_id, name=signatory, manner=manner, signed_at=signed_at)
    )
    case.record(
        E.AGREEMENT_SIGNED_BY_PARTY,
        by=actor,
        at=at,
        subject=("agreement", agreement.id),
        details={"agreement_id": agreement.id, "signatory": signatory},
    )
    if not agreement.missing_signatures(case.parties):
        _take_effect(case, agreement, actor, at, timing)
    return agreement


def _not_before_the_mediation(case: MediationCase, signed_at: dt.datetime) -> None:
    """An agreement is signed in its mediation: not before the case existed, nor before the
    mediation began (a backdated signature would date the agreement's effect, and its 30-day
    window, before there was anything to agree)."""
    day = local_date(signed_at)  # paper signatures carry a day: compared by day
    if day < local_date(case.opened_at):
        opened = local_date(case.opened_at).isoformat()
        raise invalid(
            "signed_at",
            "before_case",
            f"A signature cannot be dated before the case was opened ({opened})",
            f"签署时间不能早于案件受理时间（{opened}）",
        )
    if case.started_at is not None and day < local_date(case.started_at):
        started = local_date(case.started_at).isoformat()
        raise invalid(
            "signed_at",
            "before_mediation",
            f"A signature cannot be dated before the mediation began ({started})",
            f"签署时间不能早于调解开始时间（{started}）",
        )


def _signatory(case: MediationCase, party_id: uuid.UUID | None) -> str:
    if party_id is not None:
        return case.party(party_id).name
    mediator = case.mediator
    if mediator is None:
        raise StepNotPossible("No mediator has confirmed the case", "尚无确认承办的调解员")
    return f"{mediator.mediator_name}（{mediator.organisation_name}）"


def _take_effect(
    case: MediationCase, agreement: Agreement, actor: Actor, at: dt.datetime, timing: Timing
) -> None:
    effective_at = max(s.signed_at for s in agreement.signatures)
    agreement.status = AGREEMENTS.step(agreement.status, "take_effect").target
    agreement.effective_at = effective_at
    agreement.performance = {
        i.number: InstalmentRecord(number=i.number) for i in agreement.content.instalments
    }
    case.move("take_effect", by=actor, at=at, details={"agreement_id": agreement.id})
    conclude(case, at)
    _watch_instalments(case, agreement, timing)
    if case.kind is MediationKind.COURT_ENTRUSTED:
        case.move("return_to_court", by=actor, at=at)
        stop_instalments(case, agreement)  # the trial court's 调解书 governs performance now
    else:
        effective_on = local_date(effective_at)
        case.move("open_window", by=actor, at=at, details={"effective_on": effective_on})
        open_confirmation_window(case, effective_on, timing)


def _watch_instalments(case: MediationCase, agreement: Agreement, timing: Timing) -> None:
    for instalment in agreement.content.instalments:
        case.arm(
            instalment_deadline(agreement.id, instalment.number),
            "+0cd",  # the due day itself, moved off a rest day (Civil Code art. 203)
            instalment.due_on,
            timing,
            warn=timing.instalment_reminder_working_days,
            basis="the agreement's due day (Civil Code art. 203)",
            payload={"agreement_id": str(agreement.id), "number": instalment.number},
        )


def stop_instalments(case: MediationCase, agreement: Agreement) -> None:
    case.stop(*(instalment_deadline(agreement.id, i.number) for i in agreement.content.instalments))


def open_confirmation_window(case: MediationCase, effective_on: dt.date, timing: Timing) -> None:
    """30 CD from the day the agreement took effect for the joint application (CPL art. 205)."""
    case.arm(
        CONFIRMATION_WINDOW,
        "mediation.confirmation_filing",
        effective_on,
        timing,
        warn=timing.confirmation_reminder_working_days,
    )
