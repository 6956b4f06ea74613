"""Credit's domain events as the contracts courts and customs consume: one Publisher per aggregate.

Every event name is either mapped here or declared internal; an event that is neither fails the
step (``shared.steps.UnmappedEvent``), so a renamed event can never silently stop being published.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from credit.domain.commitment import Commitment
from credit.domain.errors import present
from credit.domain.events import CommitmentEvent, RecordEvent, SubjectEvent
from credit.domain.record import CreditRecord
from credit.domain.subject import Subject
from credit.domain.vocabulary import ListType
from shared.contracts import EventData, IpRef, LegalBasis
from shared.contracts import credit as contracts
from shared.contracts.common import RightRef, SubjectRef
from shared.domain.events import DomainEvent
from shared.steps import Alongside, Publisher
from shared.vocabulary import IpType

ORDER_45_WITHDRAWAL = LegalBasis(instrument="市场监督管理行政处罚信息公示规定 (SAMR Order 45)", article="11")


@dataclass(frozen=True, slots=True)
class RecordOfSubject(Alongside):
    """A credit record with the subject it is about: its events are published with the subject's ids."""

    record: CreditRecord
    subject: Subject

    @property
    def aggregate(self) -> CreditRecord:
        return self.record


def subject_ref(subject: Subject) -> SubjectRef:
    return SubjectRef(
        credit_code=subject.credit_code, id_number_masked=subject.id_number_masked, name=subject.name
    )


# ---------------------------------------------------------------- credit records


def listed(of: RecordOfSubject, event: DomainEvent) -> list[EventData]:
    """``credit.serious_list_entered`` for the SAMR list, ``credit.dishonest_listed`` otherwise."""
    record, terms = of.record, of.record.terms
    terms = present(terms, "a listed record's terms")
    contract = (
        contracts.SeriousListEnteredV1
        if record.list_type is ListType.SAMR_SERIOUS
        else contracts.DishonestListedV1
    )
    decision = record.underlying_decision
    return [
        contract(
            **_about(of),
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
        )
    ]


def published(of: RecordOfSubject, event: DomainEvent) -> list[EventData]:
    record = of.record
    published_on = present(record.published_on, "the publication date")
    return [
        contracts.ListingPublishedV1(
            **_about(of),
            published_on=published_on,
            channel=record.publication_channel or "",
            period_end=record.terms.period_end if record.terms else None,
            legal_basis=_basis(record),
        )
    ]


def repaired(of: RecordOfSubject, event: DomainEvent) -> list[EventData]:
    record = of.record
    repaired_on = present(record.repaired_on, "the repair date")
    return [
        contracts.RepairedV1(
            **_about(of),
            repaired_on=repaired_on,
            repair_decision_no=event.details.get("decision_no"),
            original_period_end=record.terms.period_end if record.terms else None,
            legal_basis=_basis(record),
        )
    ]


def expired(of: RecordOfSubject, event: DomainEvent) -> list[EventData]:
    record = of.record
    expired_on = present(record.expired_on, "the expiry date")
    return [contracts.ExpiredV1(**_about(of), period_end=expired_on, legal_basis=_basis(record))]


def revoked(of: RecordOfSubject, event: DomainEvent) -> list[EventData]:
    """Announced only for a record that had been listed: a candidate was never announced."""
    record = of.record
    if record.terms is None:
        return []
    revoked_on = present(record.revoked_on, "the revocation date")
    return [
        contracts.RevokedV1(
            **_about(of),
            revoked_on=revoked_on,
            reason=record.revocation_reason or "",
            revoked_decision_no=event.details.get("revoking_doc_no"),
            revoked_by=event.details.get("revoked_by"),
            was_published=bool(event.details["was_published"]),
            withdrawal_due=record.withdrawal_due,
            legal_basis=(ORDER_45_WITHDRAWAL, *_basis(record)),
        )
    ]


def _about(of: RecordOfSubject) -> dict[str, Any]:
    """The fields every record contract opens with: which record, whose, on which list."""
    record, subject = of.record, of.subject
    record_no = present(record.record_no, "the record number")
    return {
        "record_id": record.id,
        "record_no": record_no,
        "subject": subject_ref(subject),
        "list_type": contracts.ListType(record.list_type.value),
        "subject_ids": (subject.display_id,),
    }


def _basis(record: CreditRecord) -> tuple[LegalBasis, ...]:
    return tuple(LegalBasis(instrument=c.instrument, article=c.article) for c in record.legal_basis)


E = RecordEvent
RECORDS: Publisher[RecordOfSubject] = Publisher(
    {
        E.LISTING_DECIDED: listed,
        E.PUBLISHED: published,
        E.REPAIR_GRANTED: repaired,
        E.EXPIRED: expired,
        E.REVOKED: revoked,
    },
    internal=[
        E.CANDIDATE_REGISTERED,  # a candidate is internal until decided
        E.NOTICE_ISSUED,
        E.STATEMENT_FILED,
        E.HEARING_REQUESTED,
        E.HEARING_HELD,
        E.NOTICE_WINDOW_CLOSED,
        E.DECISION_PROPOSED,  # the office's own approval round: announced once decided
        E.DECISION_APPROVED,
        E.DECISION_REFUSED,
        E.LISTING_DECLINED,
        E.PUBLICATION_DUE_SOON,
        E.PUBLICATION_DEADLINE_MISSED,
        E.REPAIR_REQUESTED,
        E.REPAIR_DENIED,
        E.PUBLICATION_WITHDRAWN,
        E.WITHDRAWAL_DUE_SOON,
        E.WITHDRAWAL_DEADLINE_MISSED,
        E.ARCHIVED,
    ],
)

# ---------------------------------------------------------------- commitments and subjects

COMMITMENTS: Publisher[Commitment] = Publisher({}, internal=list(CommitmentEvent))
"""Commitments are the credit office's own business; a breach is announced through its record."""


def repeat_flagged(subject: Subject, event: DomainEvent) -> list[EventData]:
    details = event.details
    priors: Iterable[Mapping[str, Any]] = details["prior_decisions"]
    return [
        contracts.RepeatInfringerFlaggedV1(
            subject_id=subject.id,
            subject=subject_ref(subject),
            right=RightRef(ip_type=IpType(details["ip_type"]), number=details["right_number"]),
            decision_no=details["decision_no"],
            case_id=_uuid(details["case_id"]),
            effective_on=dt.date.fromisoformat(details["effective_on"]),
            prior_decisions=tuple(
                contracts.PriorDecision(
                    case_id=_uuid(p["case_id"]),
                    decision_no=p["decision_no"],
                    effective_on=dt.date.fromisoformat(p["effective_on"]),
                )
                for p in priors
            ),
            lookback_period=details["lookback_period"],
            flagged_at=event.at,
            subject_ids=(subject.display_id,),
            ip_refs=(IpRef(type=details["ip_type"], reg_no=details["right_number"]),),
        )
    ]


def _uuid(value: str | None) -> uuid.UUID | None:
    return uuid.UUID(value) if value else None


SUBJECTS: Publisher[Subject] = Publisher({SubjectEvent.REPEAT_INFRINGER_FLAGGED: repeat_flagged})
