"""What each ``intake.customs.*`` contract carries: its fields (a test per contract) and no personal data."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from intake.domain.customs import detention as d
from intake.domain.customs.clocks import ClockWarnings
from intake.domain.customs.events import DetentionEvent, RecordationEvent
from intake.domain.customs.guarantee import Guarantee, GuaranteeForm, GuaranteeRules
from intake.domain.customs.recordation import LapseReason, Recordation
from intake.publishing.customs import DETENTIONS_PUBLISH, RECORDATIONS_PUBLISH
from shared.calendar import SHANGHAI
from shared.contracts import EventData
from shared.contracts.intake_customs import (
    DetainedV1,
    DetentionOpenedV1,
    DetentionTransitionedV1,
    HolderDecidedV1,
    RecordationChangedV1,
    ReleasedV1,
)
from shared.domain.actors import Actor

ENVELOPE = {"legal_basis", "subject_ids", "ip_refs", "confidential"}
REF = {"detention_id", "customs_ref", "port_code", "route", "recordation_no"}
FIELDS: dict[type[EventData], set[str]] = {
    DetentionOpenedV1: ENVELOPE | REF | {"state", "holder_response_due", "opened_at"},
    HolderDecidedV1: ENVELOPE | REF | {"decision", "guarantee_amount", "guarantee_form", "decided_at"},
    DetainedV1: ENVELOPE | REF | {"detained_on", "release_due", "investigation_due"},
    ReleasedV1: ENVELOPE | REF | {"reason", "released_at"},
    DetentionTransitionedV1: ENVELOPE | REF | {"step", "from_state", "to_state", "at"},
    RecordationChangedV1: ENVELOPE
    | {"recordation_id", "record_no", "status", "change", "expires_on", "reason"},
}
PORT = Actor(d.CUSTOMS, "5100")
NOW = dt.datetime(2026, 9, 28, 10, tzinfo=SHANGHAI)
PERSON = "张三"


@pytest.mark.parametrize("contract", list(FIELDS), ids=lambda c: c.event_type)
def test_each_contract_carries_only_its_fields(contract: type[EventData]) -> None:
    assert set(contract.model_fields) == FIELDS[contract]
    assert contract.topic == "intake.customs"


def published(case: d.DetentionCase) -> list[EventData]:
    return [data for event in case.events for data in DETENTIONS_PUBLISH.contracts(case, event)]


def test_a_detention_publishes_no_names_goods_value_or_natural_persons() -> None:
    case = d.DetentionCase.suspect_found(
        PORT,
        port_code="5100",
        customs_ref="GZ-1",
        office_code="330106",
        ip_type="trademark",
        ip_reg_no="TM-1",
        holder=d.Party(name="杭州某某科技有限公司", credit_code="91330106MA2B000001"),
        goods=d.Goods(description="运动鞋", value=Decimal(90000)),
        consignee=d.Party(name=PERSON),  # an individual consignee: no code, never published
        opened_at=NOW,
    )
    case.notify_holder(NOW.date(), PORT, NOW, ClockWarnings())
    guarantee = Guarantee(amount=Decimal(45000), form=GuaranteeForm.CASH)
    case.record_holder_decision(d.HolderDecision.APPLY, Actor("staff", "s-1"), NOW, guarantee)
    case.detain(NOW.date(), guarantee, PORT, NOW, GuaranteeRules(), ClockWarnings())
    case.start_investigation(PORT, NOW)
    case.unable_to_determine(PORT, NOW)
    case.release(d.ReleaseGround.NON_INFRINGEMENT_EVIDENCE, PORT, NOW)
    sent = published(case)
    assert [type(s) for s in sent] == [
        DetentionOpenedV1,
        HolderDecidedV1,
        DetainedV1,
        DetentionTransitionedV1,
        DetentionTransitionedV1,
        ReleasedV1,
    ]
    for data in sent:
        text = data.model_dump_json()
        assert PERSON not in text and "运动鞋" not in text and "90000" not in text
        assert data.subject_ids == ("91330106MA2B000001",) and data.confidential
    assert isinstance(sent[2], DetainedV1) and sent[2].release_due == dt.date(2026, 12, 11)
    assert isinstance(sent[-1], ReleasedV1) and sent[-1].reason == "non_infringement_evidence"


def test_a_recordation_publishes_its_status_changes() -> None:
    record = Recordation.approved(
        PORT,
        NOW,
        approved_on=dt.date(2026, 3, 2),
        record_no="P1",
        ip_type="design",
        ip_reg_no="ZL1",
        holder_name="甲公司",
        holder_credit_code="91330106MA2B000001",
    )
    record.lapse(LapseReason.RIGHT_ENDED, PORT, NOW, "invalidated")
    sent = [data for event in record.events for data in RECORDATIONS_PUBLISH.contracts(record, event)]
    assert [(s.change, s.status) for s in sent if isinstance(s, RecordationChangedV1)] == [
        ("approved", "APPROVED"),
        ("lapsed", "LAPSED"),
    ]


def test_every_event_name_is_accounted_for() -> None:
    assert DETENTIONS_PUBLISH.unaccounted(set(DetentionEvent)) == set()
    assert RECORDATIONS_PUBLISH.unaccounted(set(RecordationEvent)) == set()
