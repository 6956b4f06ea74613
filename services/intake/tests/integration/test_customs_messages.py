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


def application(port: str) -> customs.DetentionNotifiedV1:
    return notice(port).model_copy(update={"route": "on_application", "served_on": None})


async def test_every_step_customs_sends_over_the_channel_reaches_the_detention(
    intake: RunningService, broker: BrokerHandle
) -> None:
    """``rejected``, ``investigation_started``, ``court_notice``, ``disposed`` and ``referred_police``
    arrive like the other steps: in order per ``customs_ref``, each applied by the §E.4a table."""
    refused, held, confiscated = application("3300"), application("3300"), notice("3300")
    guarantee = customs.CustomsGuarantee(amount=Decimal(20000), form="cash", reference="G-9")

    def step(
        opened: customs.DetentionNotifiedV1, contract: type[customs.CustomsMessage], **body: object
    ) -> tuple[customs.CustomsMessage, str]:
        ref = opened.customs_ref
        return contract.model_validate({"customs_code": "3300", "customs_ref": ref, **body}), ref

    await publish_events(
        broker.bootstrap_servers,
        [
            (refused, refused.customs_ref),
            step(refused, customs.RejectedV1, reason="担保不足，申请不符合条件"),
            (held, held.customs_ref),
            step(held, customs.DetainedV1, detained_on=TODAY, guarantee=guarantee),
            step(held, customs.CourtNoticeV1, court="宁波市中级人民法院", notice_ref="(2026)浙02执保7号"),
            step(held, customs.ReferredPoliceV1, reason="涉嫌销售假冒注册商标的商品罪"),
            (confiscated, confiscated.customs_ref),
            step(confiscated, customs.DetainedV1, detained_on=TODAY, guarantee=guarantee),
            step(confiscated, customs.InvestigationStartedV1),
            step(confiscated, customs.InfringementDeterminedV1, finding="假冒注册商标"),
            step(confiscated, customs.ConfiscatedV1),
        ],
        source=GATEWAY,
    )

    async def settled() -> bool:
        states = [await detentions_of(intake, "3300", m.customs_ref) for m in (refused, held, confiscated)]
        return states == [["REJECTED"], ["REFERRED_POLICE"], ["CONFISCATED"]]

    await eventually(settled, within=30, what="the five steps applied")

    # The art. 27 order holds for a message as for a REST call: an auction needs the features removed.
    bad = customs.DisposedV1(
        customs_code="3300", customs_ref=confiscated.customs_ref, method="auction_after_removal",
        earlier_excluded="无公益用途，权利人不收购",
    )  # fmt: skip
    bad_event = await publish_event(
        broker.bootstrap_servers, bad, key=confiscated.customs_ref, source=GATEWAY
    )
    rule = await refusal(broker, bad_event.id)
    assert rule.original_type == "customs.disposed" and rule.reason and rule.reason_zh
    assert await detentions_of(intake, "3300", confiscated.customs_ref) == ["CONFISCATED"]
    good = bad.model_copy(update={"features_removed": True})
    await publish_event(broker.bootstrap_servers, good, key=confiscated.customs_ref, source=GATEWAY)

    async def disposed() -> bool:
        return await detentions_of(intake, "3300", confiscated.customs_ref) == ["DISPOSED"]

    await eventually(disposed, within=20, what="the disposal applied")
