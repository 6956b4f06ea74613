"""Customs messages as the partners gateway forwards them (``customs.intake``): applied only with the
gateway's signature, once however often delivered, for the port the gateway attested; refused with
``customs_message.rejected`` (and no state change) when unsigned, forged, or against a rule."""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal

from sqlalchemy import select

from intake.adapters.customs_orm import customs_detentions
from shared.calendar import SHANGHAI
from shared.contracts import CloudEvent, customs
from shared.contracts.customs import CUSTOMS_REJECTIONS_TOPIC, CustomsMessageRefusedV1
from shared.signing import SigningKey
from shared.testing.events import publish_event, publish_events
from shared.testing.plugin import BrokerHandle
from shared.testing.refs import random_patent_number, random_uscc
from shared.testing.services import RunningService
from shared.testing.waiting import eventually, read_topic

TODAY = dt.datetime.now(SHANGHAI).date()
GATEWAY = "/ipcase/330100/partners"


def notice(port: str) -> customs.DetentionNotifiedV1:
    return customs.DetentionNotifiedV1(
        customs_code=port,
        route="ex_officio",
        customs_ref=f"NB-{uuid.uuid4().hex[:10]}",
        ip_type="invention_patent",
        ip_reg_no=random_patent_number(),
        holder=customs.CustomsParty(name="宁波某某服饰有限公司", credit_code=random_uscc()),
        goods=customs.CustomsGoods(description="运动鞋", value=Decimal(30000)),
        served_on=TODAY,
    )


async def refusal(broker: BrokerHandle, original_id: str) -> CustomsMessageRefusedV1:
    found: list[CustomsMessageRefusedV1] = []

    async def arrived() -> bool:
        for record in await read_topic(
            broker.bootstrap_servers, CUSTOMS_REJECTIONS_TOPIC, expected=1, within=1
        ):
            event = CloudEvent.from_kafka(record.headers, record.value)
            if event.data.get("original_id") == original_id:
                found.append(CustomsMessageRefusedV1.model_validate(event.data))
        return bool(found)

    await eventually(arrived, within=20, what=f"customs_message.rejected for {original_id}")
    return found[0]


async def detentions_of(intake: RunningService, port: str, ref: str) -> list[str]:
    """The states of the port's detentions with reference ``ref``."""
    table = customs_detentions
    query = select(table.c.status).where(table.c.port_code == port, table.c.customs_ref == ref)
    async with intake.container.uow_factory() as uow:
        return [str(state) for state in (await uow.session.execute(query)).scalars()]


async def test_a_forwarded_notice_applies_once_for_the_attested_port(
    intake: RunningService, broker: BrokerHandle
) -> None:
    message = notice("3300")
    sent = await publish_events(
        broker.bootstrap_servers, [(message, message.customs_ref)] * 2, source=GATEWAY
    )
    assert len({e.id for e in sent}) == 2  # two deliveries of the same notice (distinct event ids)

    async def opened() -> bool:
        return bool(await detentions_of(intake, "3300", message.customs_ref))

    await eventually(opened, within=20, what="the forwarded notice applied")
    assert await detentions_of(intake, "3300", message.customs_ref) == ["HOLDER_NOTIFIED"]
    assert await detentions_of(intake, "2200", message.customs_ref) == []


async def test_unsigned_or_forged_messages_are_refused_and_change_nothing(
    intake: RunningService, broker: BrokerHandle
) -> None:
    forger = SigningKey.generate("EdDSA", kid="test-gateway")  # the gateway's kid, not its key
    cases = {"unsigned": notice("3300"), "forged": notice("3300")}
    unsigned = await publish_event(
        broker.bootstrap_servers, cases["unsigned"], key="k", source=GATEWAY, signed_by=None
    )
    forged = await publish_event(
        broker.bootstrap_servers, cases["forged"], key="k", source=GATEWAY, signed_by=forger
    )
    for event, message in ((unsigned, cases["unsigned"]), (forged, cases["forged"])):
        refused = await refusal(broker, event.id)
        assert refused.reason_code.startswith("signature") and refused.reason and refused.reason_zh
        assert refused.original_type == "customs.detention_notified"
        assert await detentions_of(intake, "3300", message.customs_ref) == []


async def test_a_step_the_table_forbids_or_another_ports_case_is_refused_with_the_rule(
    intake: RunningService, broker: BrokerHandle
) -> None:
    message = notice("3300")
    await publish_event(broker.bootstrap_servers, message, key=message.customs_ref, source=GATEWAY)

    async def opened() -> bool:
        return bool(await detentions_of(intake, "3300", message.customs_ref))

    await eventually(opened, within=20, what="the notice applied")
    too_early = customs.ConfiscatedV1(customs_code="3300", customs_ref=message.customs_ref)
    intruder = customs.UnableToDetermineV1(customs_code="2200", customs_ref=message.customs_ref)
    early = await publish_event(broker.bootstrap_servers, too_early, key="k", source=GATEWAY)
    foreign = await publish_event(broker.bootstrap_servers, intruder, key="k", source=GATEWAY)

    not_allowed = await refusal(broker, early.id)
    assert (not_allowed.customs_code, not_allowed.original_type) == ("3300", "customs.confiscated")
    assert not not_allowed.reason_code.startswith("signature") and not_allowed.reason_zh
    elsewhere = await refusal(broker, foreign.id)
    assert (elsewhere.customs_code, elsewhere.reason_code) == ("2200", "detention_case_not_found")
    assert await detentions_of(intake, "3300", message.customs_ref) == ["HOLDER_NOTIFIED"]
