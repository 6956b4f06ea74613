"""Service records and evidence: answer copies meet the office's duty, documents with their own step
cannot be slipped in through the generic one, evidence is kept by hash and exchanged."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from adjudication.domain.case.parts.evidence import EvidenceIn
from adjudication.domain.case.parts.service import DocumentKind, ServiceMethod
from adjudication.domain.case.states import CaseState
from adjudication.domain.case.steps import delivery, evidence
from adjudication.domain.errors import RuleViolated

D = dt.date
HASH = "0f" * 32


def serve(builder: Any, case: Any, document: DocumentKind, related: str | None = None) -> None:
    delivery.record_other_service(
        case,
        document=document,
        party_id="requester",
        method=ServiceMethod.POST,
        served_on=D(2026, 3, 19),
        dispatched_on=D(2026, 3, 18),
        reference="EMS1",
        related_id=related,
        by=builder.handler,
        at=builder.moment(D(2026, 3, 19)),
    )


def test_serving_an_answer_copy_on_the_requester_meets_the_office_duty(builder: Any) -> None:
    case = builder.case_in(CaseState.IN_REVIEW)
    duty = case.deadlines["answer_copy.respondent-1"]
    assert (duty.kind.value, duty.due) == ("office_duty", D(2026, 3, 23))  # 5 WD after Mon 16 Mar
    serve(builder, case, DocumentKind.ANSWER_COPY, related="respondent-1")
    assert case.deadlines["answer_copy.respondent-1"].met_on == D(2026, 3, 18)  # dispatched counts


@pytest.mark.parametrize(
    "document", [DocumentKind.DECISION, DocumentKind.REQUEST_COPY, DocumentKind.HEARING_NOTICE]
)
def test_documents_with_their_own_step_are_refused_by_the_generic_one(
    builder: Any, document: DocumentKind
) -> None:
    case = builder.case_in(CaseState.IN_REVIEW)
    with pytest.raises(RuleViolated) as refused:
        serve(builder, case, document)
    assert refused.value.field_errors[0].code == "has_own_step"


def test_evidence_is_kept_by_hash_and_exchanged_with_the_other_side(builder: Any) -> None:
    case = builder.case_in(CaseState.IN_REVIEW)
    (item_id,) = evidence.submit_evidence(
        case,
        party_id="requester",
        items=[
            EvidenceIn(
                file_name="公证书.pdf", media_type="application/pdf", size_bytes=10, sha256=HASH.upper()
            )
        ],
        by=builder.requester,
        at=builder.moment(D(2026, 3, 19)),
    )
    with pytest.raises(RuleViolated, match="other side"):
        evidence.exchange_evidence(
            case,
            evidence_ids=[item_id],
            party_id="requester",
            method=ServiceMethod.POST,
            served_on=D(2026, 3, 20),
            by=builder.handler,
            at=builder.moment(D(2026, 3, 20)),
        )
    evidence.exchange_evidence(
        case,
        evidence_ids=[item_id],
        party_id="respondent-1",
        method=ServiceMethod.POST,
        served_on=D(2026, 3, 20),
        by=builder.handler,
        at=builder.moment(D(2026, 3, 20)),
    )

    assert evidence.find_evidence(case, item_id).exchanged_with == ["respondent-1"]
    assert evidence.verify_evidence(case, item_id, HASH) and not evidence.verify_evidence(
        case, item_id, "00" * 32
    )
    assert case.services[-1].related_id == item_id


def test_a_malformed_hash_is_refused(builder: Any) -> None:
    case = builder.case_in(CaseState.IN_REVIEW)
    with pytest.raises(RuleViolated, match="64 hexadecimal"):
        evidence.submit_evidence(
            case,
            party_id="requester",
            items=[EvidenceIn(file_name="x", media_type="x", size_bytes=1, sha256="abc")],
            by=builder.requester,
            at=builder.moment(D(2026, 3, 19)),
        )
