"""What customs detentions and recordations publish (``shared.contracts.intake_customs``)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from intake.domain.customs.clocks import (
    HOLDER_RESPONSE,
    INVESTIGATION,
    RELEASE_EX_OFFICIO,
    RELEASE_ON_APPLICATION,
)
from intake.domain.customs.detention import DETENTION_TIMER, DetentionCase
from intake.domain.customs.events import DetentionEvent as D
from intake.domain.customs.events import RecordationEvent as R
from intake.domain.customs.recordation import RECORDATION_TIMER, Recordation
from shared.contracts import EventData, IpRef, LegalBasis
from shared.contracts.intake_customs import (
    DetainedV1,
    DetentionOpenedV1,
    DetentionTransitionedV1,
    HolderDecidedV1,
    RecordationChangedV1,
    ReleasedV1,
)
from shared.domain.events import DomainEvent
from shared.steps import Publisher, StepEffects

DETENTION_RECORD = "customs_detention"
RECORDATION_RECORD = "customs_recordation"


def _ref(case: DetentionCase, event: DomainEvent) -> dict[str, object]:
    codes = [p.credit_code for p in (case.holder, case.consignee, case.consignor) if p and p.credit_code]
    return {
        "detention_id": case.id,
        "customs_ref": case.customs_ref,
        "port_code": case.port_code,
        "route": case.route.value,
        "recordation_no": case.recordation_no,
        "legal_basis": tuple(LegalBasis(instrument=c.instrument, article=c.article) for c in event.basis),
        "subject_ids": tuple(codes),
        "ip_refs": (IpRef(type=case.ip_type, reg_no=case.ip_reg_no),),
        "confidential": True,  # customs keeps business secrets (art. 6)
    }


def _due(case: DetentionCase, key: str) -> dt.date | None:
    tracked = case.deadlines.get(key)
    return None if tracked is None else tracked.due


def _opened(case: DetentionCase, event: DomainEvent) -> list[EventData]:
    return [
        DetentionOpenedV1(
            **_ref(case, event), state=case.state.value, holder_response_due=None, opened_at=event.at
        )
    ]


def _notified(case: DetentionCase, event: DomainEvent) -> list[EventData]:
    return [
        DetentionOpenedV1(
            **_ref(case, event),
            state=case.state.value,
            holder_response_due=_due(case, HOLDER_RESPONSE),
            opened_at=event.at,
        )
    ]


def _decided(case: DetentionCase, event: DomainEvent) -> list[EventData]:
    amount = event.details.get("guarantee_amount")
    return [
        HolderDecidedV1(
            **_ref(case, event),
            decision=str(event.details["decision"]),
            guarantee_amount=Decimal(str(amount)) if amount is not None else None,
            guarantee_form=event.details.get("guarantee_form"),
            decided_at=event.at,
        )
    ]


def _detained(case: DetentionCase, event: DomainEvent) -> list[EventData]:
    release = RELEASE_ON_APPLICATION if case.route.value == "on_application" else RELEASE_EX_OFFICIO
    return [
        DetainedV1(
            **_ref(case, event),
            detained_on=dt.date.fromisoformat(str(event.details["detained_on"])),
            release_due=_due(case, release),
            investigation_due=_due(case, INVESTIGATION),
        )
    ]


def _released(case: DetentionCase, event: DomainEvent) -> list[EventData]:
    reason = str(event.details.get("ground", event.transition or ""))
    return [ReleasedV1(**_ref(case, event), reason=reason, released_at=event.at)]


def _transitioned(case: DetentionCase, event: DomainEvent) -> list[EventData]:
    return [
        DetentionTransitionedV1(
            **_ref(case, event),
            step=event.transition or "",
            from_state=event.from_state or "",
            to_state=event.to_state or "",
            at=event.at,
        )
    ]


TRANSITIONED = {
    D.APPLICATION_REJECTED,
    D.INVESTIGATION_STARTED,
    D.INFRINGEMENT_DETERMINED,
    D.UNABLE_TO_DETERMINE,
    D.HELD_PER_COURT,
    D.CONFISCATED,
    D.DISPOSED,
    D.REFERRED_POLICE,
}
DETENTIONS_PUBLISH: Publisher[DetentionCase] = Publisher(
    {
        D.APPLICATION_FILED: _opened,
        D.HOLDER_NOTIFIED: _notified,
        D.HOLDER_DECIDED: _decided,
        D.DETAINED: _detained,
        D.RELEASED: _released,
        D.NOT_DETAINED: lambda case, event: [
            ReleasedV1(**_ref(case, event), reason="holder_did_not_apply", released_at=event.at)
        ],
        **dict.fromkeys(TRANSITIONED, _transitioned),
    },
    internal={
        D.SUSPECT_GOODS_FOUND,
        D.GUARANTEE_SETTLED,
        D.DEADLINE_NEAR,
        D.DEADLINE_PASSED,
        D.COMPLAINT_LINKED,
    },
)

CHANGES = {
    R.APPROVED: "approved",
    R.RENEWED: "renewed",
    R.LAPSED: "lapsed",
    R.CANCELLED: "cancelled",
    R.REVOKED: "revoked",
}


def _recordation(record: Recordation, event: DomainEvent) -> list[EventData]:
    return [
        RecordationChangedV1(
            recordation_id=record.id,
            record_no=record.record_no,
            status=event.to_state or "APPROVED",  # the state the event left it in, not today's
            change=CHANGES[R(event.name)],
            expires_on=record.expires_on,
            reason=str(event.details.get("reason")) if event.details.get("reason") else None,
            legal_basis=tuple(LegalBasis(instrument=c.instrument, article=c.article) for c in event.basis),
            subject_ids=(record.holder_credit_code,) if record.holder_credit_code else (),
            ip_refs=(IpRef(type=record.ip_type, reg_no=record.ip_reg_no),),
        )
    ]


RECORDATIONS_PUBLISH: Publisher[Recordation] = Publisher(
    dict.fromkeys(CHANGES, _recordation),
    internal={R.CHANGE_PENDING, R.CHANGE_REPORTED, R.RENEWAL_WINDOW_OPENED},
)

DETENTIONS = StepEffects(DETENTION_RECORD, DETENTIONS_PUBLISH, timer_kind=DETENTION_TIMER)
RECORDATIONS = StepEffects(RECORDATION_RECORD, RECORDATIONS_PUBLISH, timer_kind=RECORDATION_TIMER)
