"""Consumed events stay trusted (issue 14 authenticates them) but never bring a full ID number in."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any, cast

from adjudication.domain.commands.after_decision import RecordAdminSuit
from adjudication.entrypoints.consumer import on_suit_filed
from adjudication.entrypoints.schemas.routed_complaint import masked_id, without_full_id
from shared.contracts import CloudEvent
from shared.contracts.court import AdminSuitFiledV1
from shared.identifiers import mask_id_number, resident_id_check_character
from shared.identity.principals import PrincipalKind
from shared.messaging.court_gate import VerifiedSender, sender_scope

FIRST17 = "33010619800101123"
FULL_ID = FIRST17 + resident_id_check_character(FIRST17)


class RecordingBus:
    def __init__(self) -> None:
        self.handled: list[Any] = []

    async def handle(self, command: Any, **_: Any) -> None:
        self.handled.append(command)


def test_an_id_number_field_keeps_the_masked_form_or_nothing() -> None:
    assert masked_id(FULL_ID) == mask_id_number(FULL_ID)
    assert masked_id(mask_id_number(FULL_ID)) == mask_id_number(FULL_ID)
    assert masked_id(FIRST17 + ("0" if FULL_ID[-1] != "0" else "1")) is None  # wrong check character
    assert masked_id("not an id") is None and masked_id(None) is None


def test_a_name_with_an_id_number_in_it_keeps_it_masked_even_with_a_wrong_check_character() -> None:
    wrong = FIRST17 + ("0" if FULL_ID[-1] != "0" else "1")
    assert without_full_id(f"张三 {FULL_ID}") == f"张三 {mask_id_number(FULL_ID)}"
    assert FIRST17 not in without_full_id(f"张三 {wrong}")
    assert without_full_id("respondent-1") == "respondent-1"


async def test_a_consumed_suit_names_its_plaintiff_without_a_full_id_number() -> None:
    data = AdminSuitFiledV1(
        case_id=uuid.uuid4(),
        decision_no="（2026）京知裁决字第1号",
        court_code="110108",
        court_case_no="（2026）京0108行初3号",
        plaintiff=f"张三（{FULL_ID}）",
        filed_on=dt.date(2026, 12, 1),
    )
    bus = RecordingBus()

    with sender_scope(VerifiedSender(kid="test-gateway", court_code="110108")):
        await on_suit_filed(data, cast(CloudEvent, None), cast(Any, None), bus=cast(Any, bus))

    (command,) = bus.handled
    assert isinstance(command, RecordAdminSuit) and command.principal is not None
    # The court acts as the sender the partners gateway attested (the court principal's object rules).
    assert (command.principal.kind, command.principal.partner_code) == (PrincipalKind.COURT, "110108")
    assert command.plaintiff == f"张三（{mask_id_number(FULL_ID)}）"


def test_a_consumed_event_keeps_none_of_the_fields_its_contract_does_not_name() -> None:
    data = AdminSuitFiledV1.model_validate(
        {
            "case_id": str(uuid.uuid4()),
            "decision_no": "（2026）京知裁决字第1号",
            "court_code": "110108",
            "court_case_no": "（2026）京0108行初3号",
            "plaintiff": "respondent-1",
            "filed_on": "2026-12-01",
            "plaintiff_id_number": FULL_ID,
            "phone": "13800138000",
        }
    )
    assert FULL_ID not in data.model_dump_json() and "13800138000" not in data.model_dump_json()
