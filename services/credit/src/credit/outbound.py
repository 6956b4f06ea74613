"""Translate credit records into the events courts and customs consume (``shared.contracts.credit``)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from credit.domain.record import CreditRecord
from credit.domain.repeat import Finding
from credit.domain.subject import Subject
from credit.domain.vocabulary import ListType
from shared.contracts import IpRef, LegalBasis
from shared.contracts import credit as contracts
from shared.contracts.common import RightRef, SubjectRef
from shared.vocabulary import IpType


def subject_ref(subject: Subject) -> SubjectRef:
    return SubjectRef(
        credit_code=subject.credit_code, id_number_masked=subject.id_number_masked, name=subject.name
    )


def _basis(record: CreditRecord) -> tuple[LegalBasis, ...]:
    return tuple(LegalBasis(instrument=p.instrument, article=p.article) for p in record.legal_basis)


def _list_type(record: CreditRecord) -> contracts.ListType:
    return contracts.ListType(record.list_type.value)


def listed(
    record: CreditRecord, subject: Subject
) -> contracts.DishonestListedV1 | contracts.SeriousListEnteredV1:
    """``credit.serious_list_entered`` for the SAMR list, ``credit.dishonest_listed`` otherwise."""
    terms = record.terms
    assert terms is not None and record.record_no is not None
    contract = (
        contracts.SeriousListEnteredV1
        if record.list_type is ListType.SAMR_SERIOUS
        else contracts.DishonestListedV1
    )
    decision = record.underlying_decision
    return contract(
        record_id=record.id,
        record_no=record.record_no,
        subject=subject_ref(subject),
        list_type=_list_type(record),
        behaviour_code=record.behaviour.value,
        underlying_decision=contracts.DecisionRef(
            authority=decision.authority, doc_no=decision.doc_no, date=decision.date, type=decision.type
        ),
        decision_no=terms.decision_no,
        decided_on=terms.decided_on,
        period_end=terms.period_end,
        repair_eligible_from=terms.repair_eligible_from,
        publication_due=terms.publication_due,
        measures=tuple(
            contracts.MeasureOut(
                code=m.code, description=m.description, description_zh=m.description_zh, ends_on=m.ends_on
            )
            for m in terms.measures
        ),
        legal_basis=_basis(record),
        subject_ids=(subject.display_id,),
    )


def published(record: CreditRecord, subject: Subject) -> contracts.ListingPublishedV1:
    assert record.published_on is not None and record.record_no is not None
    return contracts.ListingPublishedV1(
        record_id=record.id,
        record_no=record.record_no,
        subject=subject_ref(subject),
        list_type=_list_type(record),
        published_on=record.published_on,
        channel=record.publication_channel or "",
        period_end=record.terms.period_end if record.terms else None,
        legal_basis=_basis(record),
        subject_ids=(subject.display_id,),
    )


def repaired(record: CreditRecord, subject: Subject, decision_no: str | None) -> contracts.RepairedV1:
    assert record.repaired_on is not None and record.record_no is not None
    return contracts.RepairedV1(
        record_id=record.id,
        record_no=record.record_no,
        subject=subject_ref(subject),
        list_type=_list_type(record),
        repaired_on=record.repaired_on,
        repair_decision_no=decision_no,
        original_period_end=record.terms.period_end if record.terms else None,
        legal_basis=_basis(record),
        subject_ids=(subject.display_id,),
    )


def expired(record: CreditRecord, subject: Subject) -> contracts.ExpiredV1:
    assert record.expired_on is not None and record.record_no is not None
    return contracts.ExpiredV1(
        record_id=record.id,
        record_no=record.record_no,
        subject=subject_ref(subject),
        list_type=_list_type(record),
        period_end=record.expired_on,
        legal_basis=_basis(record),
        subject_ids=(subject.display_id,),
    )


def revoked(
    record: CreditRecord,
    subject: Subject,
    *,
    was_published: bool,
    revoked_by: str | None,
    revoking_doc_no: str | None,
) -> contracts.RevokedV1:
    assert record.revoked_on is not None and record.record_no is not None
    return contracts.RevokedV1(
        record_id=record.id,
        record_no=record.record_no,
        subject=subject_ref(subject),
        list_type=_list_type(record),
        revoked_on=record.revoked_on,
        reason=record.revocation_reason or "",
        revoked_decision_no=revoking_doc_no,
        revoked_by=revoked_by,
        was_published=was_published,
        withdrawal_due=record.withdrawal_due,
        legal_basis=(
            LegalBasis(instrument="市场监督管理行政处罚信息公示规定 (SAMR Order 45)", article="11"),
            *_basis(record),
        ),
        subject_ids=(subject.display_id,),
    )


def repeat_flagged(
    subject: Subject,
    finding: Finding,
    priors: Sequence[Finding],
    *,
    lookback_period: str,
    at: dt.datetime,
) -> contracts.RepeatInfringerFlaggedV1:
    return contracts.RepeatInfringerFlaggedV1(
        subject_id=subject.id,
        subject=subject_ref(subject),
        right=RightRef(ip_type=_ip_type(finding.ip_type), number=finding.right_number),
        decision_no=finding.decision_no,
        case_id=finding.case_id,
        effective_on=finding.effective_on,
        prior_decisions=tuple(
            contracts.PriorDecision(case_id=p.case_id, decision_no=p.decision_no, effective_on=p.effective_on)
            for p in priors
        ),
        lookback_period=lookback_period,
        flagged_at=at,
        subject_ids=(subject.display_id,),
        ip_refs=(IpRef(type=finding.ip_type, reg_no=finding.right_number),),
    )


def _ip_type(value: str) -> IpType:
    return IpType(value)
