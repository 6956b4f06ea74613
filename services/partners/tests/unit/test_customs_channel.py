"""Customs through the partner channel, in memory: what a customs office may send, and where
intake's detention events go (the port's own feed only), minimised to the §H.2 fields."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest

from partners.domain.inbound import Refused, check_identity, contract_for_kind, partition_key
from partners.domain.projection import Source, project
from partners.domain.registry import Partner, PartnerKind
from shared.contracts import customs
from shared.contracts import intake_customs as ic
from shared.contracts import partner_customs as pc
from shared.contracts.partner import PartnerEvent, RejectionReason

NOW = dt.datetime(2026, 12, 6, 12, tzinfo=dt.UTC)


def port(code: str) -> Partner:
    return Partner(code=code, kind=PartnerKind.CUSTOMS, name=code, jurisdiction=("440100",))


def source() -> Source:
    return Source(event_id=str(uuid.uuid4()), producer="330106", time=NOW)


def test_a_customs_office_sends_each_inbound_customs_contract_and_no_court_one() -> None:
    for contract in customs.INBOUND:
        assert contract_for_kind(PartnerKind.CUSTOMS, contract.event_type, 1) is contract
        with pytest.raises(Refused):
            contract_for_kind(PartnerKind.COURT, contract.event_type, 1)
    assert {customs.message_type(c) for c in customs.INBOUND} == {
        "detention_notified", "detained", "rejected", "investigation_started", "infringement_determined",
        "unable_to_determine", "court_notice", "released", "confiscated", "disposed", "referred_police",
        "record_approved", "record_renewed", "record_lapsed",
    }  # fmt: skip


def test_a_customs_office_acts_only_as_itself_and_its_messages_are_keyed_by_its_reference() -> None:
    step = customs.UnableToDetermineV1(customs_code="5100", customs_ref="HP-1")
    check_identity(step, "5100")
    with pytest.raises(Refused) as refused:
        check_identity(step, "2200")
    assert refused.value.reason is RejectionReason.IDENTITY_MISMATCH
    assert partition_key(step, "fallback") == "HP-1"


@pytest.mark.parametrize(
    ("event", "produces"),
    [
        (
            ic.DetentionOpenedV1(
                detention_id=uuid.uuid4(), customs_ref="HP-1", port_code="5100", route="ex_officio",
                state="HOLDER_NOTIFIED", holder_response_due=dt.date(2026, 12, 9), opened_at=NOW,
            ),
            pc.CustomsDetentionAcknowledgedV1,
        ),
        (
            ic.DetainedV1(
                detention_id=uuid.uuid4(), customs_ref="HP-1", port_code="5100", route="ex_officio",
                detained_on=dt.date(2026, 12, 7), release_due=dt.date(2027, 2, 26),
            ),
            pc.CustomsDetentionClockV1,
        ),
        (
            ic.ReleasedV1(
                detention_id=uuid.uuid4(), customs_ref="HP-1", port_code="5100", route="ex_officio",
                reason="no_court_notice_50wd", released_at=NOW,
            ),
            pc.CustomsReleaseRecordedV1,
        ),
        (
            ic.DetentionTransitionedV1(
                detention_id=uuid.uuid4(), customs_ref="HP-1", port_code="5100", route="ex_officio",
                step="determine_infringing", from_state="DETAINED", to_state="DETERMINED_INFRINGING", at=NOW,
            ),
            pc.CustomsDetentionStepV1,
        ),
    ],
)  # fmt: skip
def test_a_detention_event_reaches_only_its_port_without_the_centres_internal_view(
    event: ic.DetentionRef, produces: type[PartnerEvent]
) -> None:
    (projection,) = project(event, source())[PartnerKind.CUSTOMS]
    assert type(projection.data) is produces
    assert projection.reaches(port("5100")) and not projection.reaches(port("2200"))
    sent = projection.data.model_dump()
    assert sent["customs_ref"] == "HP-1" and sent["case_id"] == event.detention_id
    assert not {"from_state", "to_state", "state", "detention_id"} & set(sent)
    assert PartnerKind.COURT not in project(event, source())


def test_intakes_refusal_goes_to_the_sender_as_a_business_rule_rejection() -> None:
    refused = customs.CustomsMessageRefusedV1(
        original_id="m-1", original_type="customs.detained", customs_code="2200",
        reason_code="not_found", reason="no such detention", reason_zh="无此扣留案件", refused_at=NOW,
    )  # fmt: skip
    (projection,) = project(refused, source())[PartnerKind.CUSTOMS]
    assert projection.reaches(port("2200")) and not projection.reaches(port("5100"))
    assert projection.data.model_dump()["reason_code"] is RejectionReason.BUSINESS_RULE
