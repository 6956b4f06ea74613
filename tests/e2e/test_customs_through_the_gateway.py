"""Customs through the partner channel (issues 14 + 15), end to end with both services running.

A port customs office signs its messages with its own registered key and sends them to the partners
gateway; the gateway verifies them and forwards them re-signed on ``customs.intake``; intake, which
trusts only the gateway's keys (``PARTNER_GATEWAY_JWKS`` = the partners service's JWKS URL), applies
them. The ex officio notice becomes a centre task, the holder applies with a guarantee, customs
detains, and with no court notice intake's timer releases the goods on day 50 WD; the port's feed
shows each step. Forged messages (an unregistered key, another office's name, another port's
detention) are refused with ``partner.customs.message_rejected`` on the sender's feed and change
nothing.
"""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy import select

from intake.adapters.customs_orm import customs_detentions
from partners.testing import partner_body, partner_client, signed, unique_code
from shared.calendar import SHANGHAI, add_working_days
from shared.contracts import customs
from shared.identity.principals import Role
from shared.signing import SigningKey
from shared.testing.clock import FakeClock
from shared.testing.events import fire_due_timers
from shared.testing.refs import random_name, random_patent_number, random_uscc
from shared.testing.services import RunningService
from shared.testing.waiting import eventually

OFFICE = "330106"
GUARANTEE = {"amount": "40000", "form": "bank_letter_of_guarantee", "reference": "BG-77"}


def after(day: dt.date) -> FakeClock:
    return FakeClock(dt.datetime.combine(day + dt.timedelta(days=1), dt.time(10), tzinfo=SHANGHAI))


def notified(port: str, number: str, holder_code: str, served_on: dt.date) -> customs.DetentionNotifiedV1:
    return customs.DetentionNotifiedV1(
        customs_code=port,
        route="ex_officio",
        customs_ref=f"HP-{uuid.uuid4().hex[:10]}",
        ip_type="invention_patent",
        ip_reg_no=number,
        holder=customs.CustomsParty(name=random_name(), credit_code=holder_code),
        goods=customs.CustomsGoods(
            description="蓝牙耳机 TWS-9", value=Decimal(80000), quantity="2000 件", hs_code="85183000"
        ),
        consignor=customs.CustomsParty(name=random_name("出口贸易"), credit_code=random_uscc()),
        served_on=served_on,
    )


def detained(port: str, ref: str, on: dt.date) -> customs.DetainedV1:
    return customs.DetainedV1(
        customs_code=port,
        customs_ref=ref,
        detained_on=on,
        guarantee=customs.CustomsGuarantee(
            amount=Decimal(40000), form="bank_letter_of_guarantee", reference="BG-77"
        ),
    )


async def start(start_service: Any, tmp_path: Path) -> tuple[RunningService, RunningService]:
    partners: RunningService = await start_service(
        "partners",
        run_workers=True,
        office_code="330100",
        partners_signing_key_file=tmp_path / "signing.pem",
        partners_registry_cache_seconds=0,
        audit_checkpoint_dir=tmp_path / "checkpoints",
        audit_signing_key_file=tmp_path / "audit.pem",
    )
    intake: RunningService = await start_service(
        "intake",
        run_workers=True,
        office_code=OFFICE,
        partner_gateway_jwks=f"{partners.base_url}/v1/jwks",
    )
    return partners, intake


async def register_port(partners: RunningService) -> tuple[str, SigningKey]:
    code = unique_code("K")
    key = SigningKey.generate("EdDSA", kid=f"{code}-k1")
    admin = partners.client(Role.ADMIN, subject="partners-admin")
    body = partner_body(code, "customs", jurisdiction=("440100",), keys=[key.public_jwk()])
    response = await admin.post("/v1/partners", json=body)
    assert response.status_code == 201, response.text
    return code, key


async def send(partners: RunningService, sender: str, message: dict[str, Any]) -> dict[str, Any]:
    answer = await partner_client(partners, sender, "customs").post("/v1/inbound", json=message)
    assert answer.status_code == 200, answer.text
    result: dict[str, Any] = answer.json()
    return result


async def feed(partners: RunningService, code: str) -> list[dict[str, Any]]:
    response = await partner_client(partners, code, "customs").get(f"/v1/feeds/{code}/events")
    assert response.status_code == 200, response.text
    events: list[dict[str, Any]] = response.json()["events"]
    return events


async def feed_shows(partners: RunningService, code: str, *types: str) -> list[dict[str, Any]]:
    async def arrived() -> bool:
        return set(types) <= {e["type"] for e in await feed(partners, code)}

    await eventually(arrived, within=30, what=f"{types} on {code}'s feed")
    return await feed(partners, code)


async def register_right(staff: httpx.AsyncClient) -> tuple[str, str]:
    """A right a centre client holds: a notice for it becomes the centre's task."""
    number, holder_code = random_patent_number(), random_uscc()
    right = await staff.put(
        f"/v1/rights/invention_patent/{number}",
        json={"holder_name": "杭州客户科技有限公司", "holder_credit_code": holder_code},
    )
    assert right.status_code == 200, right.text
    return number, holder_code


async def case_state(staff: httpx.AsyncClient, case_id: str) -> dict[str, Any]:
    response = await staff.get(f"/v1/customs/detentions/{case_id}")
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


async def test_a_signed_ex_officio_notice_through_the_gateway_to_release_on_day_50(
    start_service: Any, tmp_path: Path
) -> None:
    partners, intake = await start(start_service, tmp_path)
    port, key = await register_port(partners)
    other_port, other_key = await register_port(partners)
    staff = intake.client(Role.STAFF, subject="staff-customs", office=OFFICE)
    number, holder_code = await register_right(staff)
    today = dt.datetime.now(SHANGHAI).date()

    notice = notified(port, number, holder_code, today)
    answer = await send(partners, port, signed(notice, key, sender=port))
    assert answer["accepted"] is True and answer["partner"] == port

    tasks: list[dict[str, Any]] = []

    async def task_opened() -> bool:
        items = (await staff.get("/v1/customs/tasks")).json()["items"]
        tasks[:] = [t for t in items if t.get("customs_ref") == notice.customs_ref] or items
        return bool(tasks)

    await eventually(task_opened, within=30, what="the centre's task for the notice")
    case_id = tasks[0]["detention_id"]
    case = await case_state(staff, case_id)
    assert (case["state"], case["port_code"], case["customs_ref"]) == (
        "HOLDER_NOTIFIED",
        port,
        notice.customs_ref,
    )
    decided = await staff.post(
        f"/v1/customs/detentions/{case_id}/holder-decision",
        json={"decision": "apply", "guarantee": GUARANTEE},
    )
    assert decided.status_code == 200, decided.text
    before = (await case_state(staff, case_id))["state"]

    # Another port names this detention in its own (validly signed) message: refused downstream.
    intruder = await send(
        partners,
        other_port,
        signed(detained(other_port, notice.customs_ref, today), other_key, sender=other_port),
    )
    assert intruder["accepted"] is True  # genuine at the gateway; intake refuses it on the rule
    (rejected,) = [
        e
        for e in await feed_shows(partners, other_port, "partner.customs.message_rejected")
        if e["type"] == "partner.customs.message_rejected"
    ]
    assert rejected["data"]["reason_code"] == "business_rule"
    assert rejected["data"]["reason"] and rejected["data"]["reason_zh"]
    assert (await case_state(staff, case_id))["state"] == before != "DETAINED"

    answer = await send(partners, port, signed(detained(port, notice.customs_ref, today), key, sender=port))
    assert answer["accepted"] is True

    async def is_detained() -> bool:
        return bool((await case_state(staff, case_id))["state"] == "DETAINED")

    await eventually(is_detained, within=30, what="the detention applied")
    release_due = add_working_days(today, 50)
    clocks = {c["key"]: c["due"] for c in (await case_state(staff, case_id))["clocks"]}
    assert clocks["release_ex_officio"] == release_due.isoformat()

    assert await fire_due_timers(intake.container, after(release_due)) >= 2
    released = await case_state(staff, case_id)
    assert (released["state"], released["release_ground"]) == ("RELEASED", "no_court_notice_50wd")

    events = await feed_shows(
        partners,
        port,
        "partner.customs.detention_acknowledged",
        "partner.customs.holder_decided",
        "partner.customs.detention_clock",
        "partner.customs.release_recorded",
    )
    # Events public by law (a right's status changing, a penalty) reach every port's feed, other
    # tests' among them: only this detention's are compared.
    by_type = {e["type"]: e["data"] for e in events if e["data"].get("customs_ref") == notice.customs_ref}
    assert by_type["partner.customs.detention_acknowledged"]["holder_response_due"] == (
        add_working_days(today, 3).isoformat()
    )
    assert by_type["partner.customs.detention_clock"]["release_due"] == release_due.isoformat()
    assert by_type["partner.customs.release_recorded"]["reason"] == "no_court_notice_50wd"
    assert {
        "partner.customs.detention_acknowledged",
        "partner.customs.holder_decided",
        "partner.customs.detention_clock",
        "partner.customs.release_recorded",
    } <= by_type.keys()
    assert not any(
        e["type"].startswith("partner.customs.detention") for e in await feed(partners, other_port)
    )


async def test_forged_customs_notices_are_refused_on_the_senders_feed_and_open_nothing(
    start_service: Any, tmp_path: Path
) -> None:
    partners, intake = await start(start_service, tmp_path)
    port, key = await register_port(partners)
    other_port, _ = await register_port(partners)
    staff = intake.client(Role.STAFF, subject="staff-customs", office=OFFICE)
    today = dt.datetime.now(SHANGHAI).date()
    stranger = SigningKey.generate("EdDSA", kid=f"{port}-not-registered")
    rights = [await register_right(staff) for _ in range(3)]
    forged = {
        "unknown_partner": signed(notified(port, *rights[0], today), stranger, sender=port),
        "identity_mismatch": signed(notified(other_port, *rights[1], today), key, sender=port),
        "signature_missing": signed(notified(port, *rights[2], today), None, sender=port),
    }
    for reason, message in forged.items():
        answer = await send(partners, port, message)
        assert (answer["accepted"], answer["reason_code"]) == (False, reason)

    events = await feed_shows(partners, port, "partner.customs.message_rejected")
    reasons = {e["data"]["original_id"]: e["data"]["reason_code"] for e in events}
    assert reasons == {m["id"]: reason for reason, m in forged.items()}
    assert all(e["data"]["reason"] and e["data"]["reason_zh"] for e in events)
    refs = {m["data"]["customs_ref"] for m in forged.values()}

    # A genuine notice sent after the forged ones becomes the centre's task; no forged one ever did.
    good = notified(port, *await register_right(staff), today)
    assert (await send(partners, port, signed(good, key, sender=port)))["accepted"] is True
    seen: set[str] = set()

    async def good_applied() -> bool:
        seen.update(t["customs_ref"] for t in (await staff.get("/v1/customs/tasks")).json()["items"])
        return good.customs_ref in seen

    await eventually(good_applied, within=30, what="the genuine notice's task")
    assert not refs & seen


async def test_the_steps_once_rest_only_arrive_signed_through_the_gateway(
    start_service: Any, tmp_path: Path
) -> None:
    """``rejected``, ``court_notice``, ``referred_police``, ``investigation_started`` and ``disposed``
    as a customs office's own signed messages: verified by the gateway, applied by intake, and each
    step shown on the port's feed."""
    partners, intake = await start(start_service, tmp_path)
    port, key = await register_port(partners)
    staff = intake.client(Role.STAFF, subject="staff-customs", office=OFFICE)
    today = dt.datetime.now(SHANGHAI).date()
    refused = notified(port, *await register_right(staff), today).model_copy(
        update={"route": "on_application", "served_on": None}
    )
    held = refused.model_copy(update={"customs_ref": f"HP-{uuid.uuid4().hex[:10]}"})
    destroyed = notified(port, *await register_right(staff), today)

    def step(ref: str, contract: type[customs.CustomsMessage], **body: Any) -> customs.CustomsMessage:
        return contract.model_validate({"customs_code": port, "customs_ref": ref, **body})

    async def state_of(ref: str) -> str | None:
        table = customs_detentions
        query = select(table.c.status).where(table.c.port_code == port, table.c.customs_ref == ref)
        async with intake.container.uow_factory() as uow:
            found = (await uow.session.execute(query)).scalar_one_or_none()
        return None if found is None else str(found)

    async def apply_in_turn(ref: str, *sent: tuple[customs.CustomsMessage, str]) -> None:
        for message, state in sent:
            answer = await send(partners, port, signed(message, key, sender=port))
            assert answer["accepted"] is True, answer

            async def applied(state: str = state) -> bool:
                return await state_of(ref) == state

            await eventually(applied, within=30, what=f"{message.event_type} applied ({state})")

    court = "宁波市中级人民法院"
    await apply_in_turn(
        refused.customs_ref,
        (refused, "APPLICATION_FILED"),
        (step(refused.customs_ref, customs.RejectedV1, reason="申请不符合条件"), "REJECTED"),
    )
    await apply_in_turn(
        held.customs_ref,
        (held, "APPLICATION_FILED"),
        (detained(port, held.customs_ref, today), "DETAINED"),
        (
            step(held.customs_ref, customs.CourtNoticeV1, court=court, notice_ref="(2026)浙02执保7号"),
            "HELD_PER_COURT",
        ),
        (
            step(held.customs_ref, customs.ReferredPoliceV1, reason="涉嫌犯罪，移送公安机关"),
            "REFERRED_POLICE",
        ),
    )
    ref = destroyed.customs_ref
    await apply_in_turn(
        ref,
        (destroyed, "HOLDER_NOTIFIED"),
        (detained(port, ref, today), "DETAINED"),
        (step(ref, customs.InvestigationStartedV1), "INVESTIGATING"),
        (step(ref, customs.InfringementDeterminedV1, finding="假冒专利"), "INFRINGEMENT_DETERMINED"),
        (step(ref, customs.ConfiscatedV1), "CONFISCATED"),
        (
            step(ref, customs.DisposedV1, method="destruction", earlier_excluded="无法公益使用或转让"),
            "DISPOSED",
        ),
    )
    steps = {
        (e["data"]["customs_ref"], e["data"]["step"])
        for e in await feed_shows(partners, port, "partner.customs.detention_step")
        if e["type"] == "partner.customs.detention_step"
    }
    assert steps
    assert {ref for ref, _ in steps} <= {refused.customs_ref, held.customs_ref, destroyed.customs_ref}
