"""Drafting and signing the agreement; when the last signature is in, it takes effect.

On effect the mediation has concluded with an agreement. A court-entrusted (委托) case then goes
back to the trial court (SI Mediation art. 20); any other case opens the 30-day window for the
joint application for judicial confirmation (CPL art. 205).
"""

from __future__ import annotations

import datetime as dt
import uuid

from mediation.domain import events as ev
from mediation.domain.agreement import (
    Agreement,
    AgreementContent,
    AgreementStatus,
    InstalmentRecord,
    Signature,
    SignatureManner,
    agreement_number,
    content_problems,
)
from mediation.domain.case import MediationCase
from mediation.domain.eligibility import ConfirmationRules, assess
from mediation.domain.errors import StepNotPossible, invalid, invalid_fields
from mediation.domain.kinds import MediationKind
from mediation.domain.local_time import local_date
from mediation.domain.mediating import conclude
from mediation.domain.parties import Actor
from mediation.domain.states import MediationState as S


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
        previous.status = AgreementStatus.SUPERSEDED
        case.record(ev.AgreementSuperseded(case_id=case.id, actor=actor, at=at, agreement_id=previous.id))
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
        ev.AgreementDrafted(
            case_id=case.id,
            actor=actor,
            at=at,
            agreement_id=agreement.id,
            version=version,
            confirmation_eligible=agreement.eligibility.eligible,
        )
    )
    return agreement


def sign_agreement(
    case: MediationCase,
    party_id: uuid.UUID | None,
    manner: SignatureManner,
    signed_at: dt.datetime,
    actor: Actor,
    at: dt.datetime,
) -> Agreement:
    """Record one signature (``party_id`` None: the mediator, with the organisation's seal)."""
    case.require(S.IN_MEDIATION, action="sign_agreement")
    agreement = case.agreement
    if agreement is None or agreement.status is not AgreementStatus.DRAFT:
        raise StepNotPossible("There is no draft agreement to sign", "没有待签署的调解协议")
    if signed_at > at:
        raise invalid(
            "signed_at", "in_future", "A signature cannot be dated in the future", "签署时间不能晚于当前时间"
        )
    if agreement.signed_by(party_id):
        raise StepNotPossible("Already signed", "已签署")
    agreement.signatures.append(
        Signature(party_id=party_id, name=_signatory(case, party_id), manner=manner, signed_at=signed_at)
    )
    case.record(
        ev.AgreementSignedByParty(
            case_id=case.id,
            actor=actor,
            at=at,
            agreement_id=agreement.id,
            signatory=_signatory(case, party_id),
        )
    )
    if not agreement.missing_signatures(case.parties):
        _take_effect(case, agreement, actor, at)
    return agreement


def _signatory(case: MediationCase, party_id: uuid.UUID | None) -> str:
    if party_id is not None:
        return case.party(party_id).name
    mediator = case.mediator
    if mediator is None:
        raise StepNotPossible("No mediator has confirmed the case", "尚无确认承办的调解员")
    return f"{mediator.mediator_name}（{mediator.organisation_name}）"


def _take_effect(case: MediationCase, agreement: Agreement, actor: Actor, at: dt.datetime) -> None:
    effective_at = max(s.signed_at for s in agreement.signatures)
    agreement.status, agreement.effective_at = AgreementStatus.EFFECTIVE, effective_at
    agreement.performance = {
        i.number: InstalmentRecord(number=i.number) for i in agreement.content.instalments
    }
    case.move_to(S.AGREEMENT_SIGNED, ev.AgreementTookEffect, actor=actor, at=at, agreement_id=agreement.id)
    conclude(case, at)
    if case.kind is MediationKind.COURT_ENTRUSTED:
        case.move_to(S.RETURNED_TO_COURT, ev.ReturnedToCourt, actor=actor, at=at)
    else:
        case.move_to(
            S.CONFIRMATION_WINDOW,
            ev.ConfirmationWindowOpened,
            actor=actor,
            at=at,
            effective_on=local_date(effective_at),
        )
