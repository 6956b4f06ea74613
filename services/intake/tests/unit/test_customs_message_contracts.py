"""Each customs contract the gateway forwards becomes intake's command unchanged: its body is what
intake's request schemas accept (a field the contract adds and intake refuses would fail here)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from intake.domain.customs import commands as cc
from intake.entrypoints.customs_consumer import SUBSCRIPTIONS, payload_of
from intake.entrypoints.customs_inbound import MESSAGE_TYPES, inbound_command
from shared.contracts import customs
from shared.errors import ValidationFailed

AT = dt.datetime(2026, 12, 7, 9, tzinfo=dt.UTC)
DAY = dt.date(2026, 12, 7)
PARTY = customs.CustomsParty(name="宁波某某服饰有限公司", credit_code="91110000600001760P")
GUARANTEE = customs.CustomsGuarantee(amount=Decimal(30000), form="cash", reference="G-1")

EXAMPLES: list[tuple[customs.CustomsMessage, type]] = [
    (
        customs.DetentionNotifiedV1(
            customs_code="3100", route="ex_officio", customs_ref="NB-1", ip_type="trademark",
            ip_reg_no="12345678", recordation_no="T2026-1", holder=PARTY,
            goods=customs.CustomsGoods(description="运动鞋", value=Decimal(30000), quantity="10 箱",
                                       hs_code="640411"),
            consignee=PARTY, consignor=PARTY, served_on=DAY,
        ),
        cc.DetentionNotified,
    ),
    (
        customs.DetainedV1(customs_code="3100", customs_ref="NB-1", detained_on=DAY, guarantee=GUARANTEE),
        cc.Detained,
    ),
    (customs.RejectedV1(customs_code="3100", customs_ref="NB-1", reason="担保不足"), cc.ApplicationRejected),
    (customs.InvestigationStartedV1(customs_code="3100", customs_ref="NB-1"), cc.InvestigationStarted),
    (
        customs.CourtNoticeV1(customs_code="3100", customs_ref="NB-1", court="宁波市中级人民法院",
                              notice_ref="(2026)浙02执保1号"),
        cc.CourtNoticeReceived,
    ),
    (
        customs.DisposedV1(customs_code="3100", customs_ref="NB-1", method="auction_after_removal",
                           earlier_excluded="无公益用途，权利人不愿收购", features_removed=True),
        cc.Disposed,
    ),
    (
        customs.ReferredPoliceV1(customs_code="3100", customs_ref="NB-1", reason="涉嫌犯罪"),
        cc.ReferredToPolice,
    ),
    (
        customs.InfringementDeterminedV1(customs_code="3100", customs_ref="NB-1", finding="假冒注册商标"),
        cc.InfringementDetermined,
    ),
    (customs.UnableToDetermineV1(customs_code="3100", customs_ref="NB-1"), cc.UnableToDetermine),
    (
        customs.ReleasedV1(
            customs_code="3100", customs_ref="NB-1", ground="patent_counter_guarantee", costs=Decimal(100),
            claim_pending=True, counter_guarantee=Decimal(30000),
        ),
        cc.Released,
    ),
    (customs.ConfiscatedV1(customs_code="3100", customs_ref="NB-1"), cc.Confiscated),
    (
        customs.RecordApprovedV1(
            customs_code="3100", record_no="T2026-1", ip_type="trademark", ip_reg_no="12345678",
            holder_name="宁波某某服饰有限公司", holder_credit_code="91110000600001760P", approved_on=DAY,
            expires_on=DAY.replace(year=2036),
            licensees=(customs.RecordLicensee(name="被许可公司", kind="exclusive"),),
        ),
        cc.RecordApproved,
    ),
    (customs.RecordRenewedV1(customs_code="3100", record_no="T2026-1", renewed_on=DAY), cc.RecordRenewed),
    (
        customs.RecordLapsedV1(customs_code="3100", record_no="T2026-1", reason="right_ended", note="无效"),
        cc.RecordLapsed,
    ),
]  # fmt: skip


def test_every_inbound_contract_is_consumed_and_is_a_message_intake_knows() -> None:
    assert {s.contract for s in SUBSCRIPTIONS} == set(customs.INBOUND)
    assert {customs.message_type(c) for c in customs.INBOUND} <= MESSAGE_TYPES
    assert {type(message) for message, _ in EXAMPLES} == set(customs.INBOUND)


@pytest.mark.parametrize(("message", "command"), EXAMPLES, ids=lambda v: getattr(v, "event_type", ""))
def test_a_forwarded_contract_becomes_intakes_command_for_the_attested_port(
    message: customs.CustomsMessage, command: type
) -> None:
    body = payload_of(message)
    assert "customs_code" not in body and "legal_basis" not in body
    built = inbound_command(customs.message_type(type(message)), body, port_code="3100", at=AT)
    assert type(built) is command
    if hasattr(built, "port_code"):
        assert built.port_code == "3100"


def test_a_value_intake_does_not_know_is_refused_as_invalid() -> None:
    released = customs.ReleasedV1(customs_code="3100", customs_ref="NB-1", ground="because")
    with pytest.raises(ValidationFailed):
        inbound_command("released", payload_of(released), port_code="3100", at=AT)


@pytest.mark.parametrize(
    "ref", ["", "   ", 42, "NB-" + "1" * 198], ids=["empty", "blank", "number", "201 chars"]
)
def test_a_reference_that_is_not_1_to_200_characters_of_text_is_refused_not_cut(ref: object) -> None:
    investigation = payload_of(customs.InvestigationStartedV1(customs_code="3100", customs_ref="NB-1"))
    lapse = payload_of(customs.RecordLapsedV1(customs_code="3100", record_no="T2026-1", reason="not_renewed"))
    for kind, payload, key in (
        ("investigation_started", investigation, "customs_ref"),
        ("record_lapsed", lapse, "record_no"),
    ):
        assert inbound_command(kind, dict(payload), port_code="3100", at=AT) is not None  # as sent: valid
        with pytest.raises(ValidationFailed):
            inbound_command(kind, {**payload, key: ref}, port_code="3100", at=AT)
