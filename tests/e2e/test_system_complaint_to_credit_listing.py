"""The whole chain with every service real: a complaint filed at intake becomes an adjudication case,
an effective decision the infringer will not perform, and a credit listing that is published and
later repaired; intake follows its complaint to the case, and credit hears from adjudication only
through the broker.

Statutory time must pass (answer period, litigation windows, the credit notice window, the earliest
repair date), so after intake the steps run on each service's own command bus with a fake clock,
and each service's own timer handlers fire at fake moments. The services, their databases and the
broker are the real ones; the court is played by publishing ``court.enforcement.ruled``.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import uuid
from typing import Any

import httpx

from adjudication.domain.case.parts.acceptance import AcceptanceChecklist
from adjudication.domain.case.parts.decision import DecisionDraft, InfringingAct, Outcome, StopOrder
from adjudication.domain.case.parts.enforcement import EnforcementApplication
from adjudication.domain.case.parts.jurisdiction import Jurisdiction, JurisdictionBasis
from adjudication.domain.case.parts.service import ServiceMethod
from adjudication.domain.commands.acceptance import DocketCase
from adjudication.domain.commands.after_decision import (
    ApplyForEnforcement,
    CheckCompliance,
    DecideCase,
    SendEnforcementDemand,
    ServeDecision,
)
from adjudication.domain.commands.proceedings import AssignParticipant, ServeRequestCopy
from adjudication.domain.values.rules import ParticipantRole
from adjudication.handlers import COMMAND_HANDLERS
from credit.domain import actors as credit_actors
from credit.domain import commands as cr
from intake.testing import complaint_body
from shared.calendar import SHANGHAI
from shared.contracts.court import EnforcementRuledV1
from shared.messagebus import MessageBus
from shared.testing.clock import FakeClock
from shared.testing.events import fire_due_timers, publish_event
from shared.testing.plugin import BrokerHandle, PostgresHandle, fresh_database
from shared.testing.refs import random_uscc
from shared.testing.services import RunningService
from shared.testing.waiting import eventually
from shared.web.auth import Role

OFFICE = "110108"
OFFICER = credit_actors.person("officer-9", ("credit_officer",))


async def start_system(start_service: Any, database: str) -> dict[str, RunningService]:
    office = {"office_code": OFFICE, "database_url": database, "run_workers": True}
    intake, adjudication, credit = await asyncio.gather(
        start_service("intake", **office),
        start_service(
            "adjudication", office_abbreviation="京海", office_name="北京市海淀区知识产权局", **office
        ),
        start_service("credit", **office),
    )
    return {"intake": intake, "adjudication": adjudication, "credit": credit}


async def json_when(client: httpx.AsyncClient, url: str, ready: Any, what: str) -> dict[str, Any]:
    latest: dict[str, Any] = {}

    async def check() -> bool:
        response = await client.get(url)
        latest.clear()
        if response.status_code == 200:
            latest.update(response.json())
        return bool(latest) and bool(ready(latest))

    await eventually(check, within=30, what=what)
    return latest


async def test_a_complaint_ends_as_a_published_then_repaired_credit_listing(
    start_service: Any, postgres: PostgresHandle, broker: BrokerHandle
) -> None:
    system = await start_system(start_service, await fresh_database(postgres, "system"))
    intake_staff = system["intake"].client(Role.STAFF)
    case_reader = system["adjudication"].client(Role.STAFF)
    credit_officer = system["credit"].client(Role.CREDIT_OFFICER)
    infringer = random_uscc()

    # 1. Intake registers the complaint and routes it to adjudication; adjudication opens the case.
    body = complaint_body()
    body["respondents"][0].update(credit_code=infringer, region_code=OFFICE, address="北京市海淀区")
    complaint = (await intake_staff.post("/v1/complaints", json=body)).json()
    assert complaint["triage"]["track"] == "ordinary_adjudication", complaint["triage"]
    listed = await json_when(
        case_reader,
        f"/v1/cases?complaint_id={complaint['id']}",
        lambda r: r["items"],
        "the adjudication case",
    )
    case_id = uuid.UUID(listed["items"][0]["id"])
    followed = await json_when(
        intake_staff,
        f"/v1/complaints/{complaint['id']}",
        lambda c: c["status"] == "CASE_OPENED",
        "intake to follow",
    )
    assert followed["downstream"]["service"] == "adjudication"

    # 2. The procedure, on adjudication's own bus with a fake clock: no answer, a decision, no suit.
    container = system["adjudication"].container
    clock = FakeClock(dt.datetime.now(SHANGHAI))
    bus: MessageBus[Any] = MessageBus(
        container.uow_factory, COMMAND_HANDLERS, {"clock": clock, "rules": container.rules}
    )
    today = clock().date()
    await bus.handle(
        DocketCase(
            case_id=case_id,
            by="handler-wang",
            approved_by="王处长",
            checklist=AcceptanceChecklist(
                requester_entitled=True, respondent_identified=True, claims_specific=True, patent_valid=True
            ),
            jurisdiction=Jurisdiction(basis=JurisdictionBasis.RESPONDENT_DOMICILE),
        )
    )
    await bus.handle(
        ServeRequestCopy(
            case_id=case_id,
            by="handler-wang",
            party_id="respondent-1",
            method=ServiceMethod.POST,
            served_on=today,
        )
    )
    clock.advance(days=20)
    await fire_due_timers(container, clock)  # the 15-day answer period ran out: IN_REVIEW
    for person, role in (
        ("judge-li", "presiding"),
        ("judge-zhang", "panel_member"),
        ("judge-zhao", "panel_member"),
    ):
        await bus.handle(
            AssignParticipant(
                case_id=case_id, by="handler-wang", person_id=person, name=person, role=ParticipantRole(role)
            )
        )
    await bus.handle(
        DecideCase(
            case_id=case_id,
            by="judge-li",
            draft=DecisionDraft(
                outcome=Outcome.INFRINGEMENT_ESTABLISHED,
                requester_statement="请求人称……",
                respondent_statement="未答辩",
                findings="被诉产品落入权利要求1的保护范围。",
                reasons="被请求人未经许可销售专利产品。",
                legal_provisions=(),
                stop_order=StopOrder(acts=(InfringingAct.SELL,), products=("X1型电动牙刷",)),
                approved_by="局长",
            ),
        )
    )
    clock.advance(days=2)
    for party in ("requester", "respondent-1"):
        await bus.handle(
            ServeDecision(
                case_id=case_id,
                by="handler-wang",
                party_id=party,
                method=ServiceMethod.IN_PERSON,
                served_on=clock().date(),
            )
        )
    clock.advance(days=20)
    await fire_due_timers(container, clock)  # both 15-day litigation windows passed: EFFECTIVE
    case = (await case_reader.get(f"/v1/cases/{case_id}")).json()
    assert case["state"] == "EFFECTIVE", case["state"]
    decision_no = (await case_reader.get(f"/v1/cases/{case_id}/file")).json()["decision"]["decision_no"]

    # 3. The infringer keeps selling: demand, then the court application, and the court grants it.
    await bus.handle(
        CheckCompliance(
            case_id=case_id,
            by="inspector-1",
            checked_on=clock().date(),
            complied=False,
            findings="仍在销售",
            inspector="执法员",
        )
    )
    await bus.handle(
        SendEnforcementDemand(
            case_id=case_id, by="handler-wang", served_on=clock().date(), method=ServiceMethod.IN_PERSON
        )
    )
    clock.advance(days=16)
    await bus.handle(
        ApplyForEnforcement(
            case_id=case_id,
            by="judge-li",
            application=EnforcementApplication(
                court_code=OFFICE,
                court_name="北京市海淀区人民法院",
                application_no="京海知强申〔2026〕1号",
                applied_on=clock().date(),
                object_of_enforcement=("停止销售X1型电动牙刷",),
                facts_and_reasons="逾期不履行",
            ),
        )
    )
    ruling = EnforcementRuledV1(
        case_id=case_id,
        court_code=OFFICE,
        ruling_no="（2026）京0108行审9号",
        granted=True,
        ruled_on=clock().date(),
    )
    await publish_event(broker.bootstrap_servers, ruling, key=str(case_id), source=f"/court/{OFFICE}")
    await json_when(
        case_reader, f"/v1/cases/{case_id}", lambda c: c["state"] == "CLOSED", "the case to close"
    )

    # 4. Credit hears of the refusal to perform and opens a candidate; due process runs its course.
    credit_view = await json_when(
        credit_officer, f"/v1/subjects/{infringer}/credit", lambda s: s["history"], "a credit record"
    )
    record = credit_view["history"][0]
    assert record["state"] == "CANDIDATE"
    assert (record["behaviour"], record["underlying_decision"]["doc_no"]) == (
        "refusal_to_perform",
        decision_no,
    )
    assert record["underlying_decision"]["authority"] == f"/ipcase/{OFFICE}/adjudication"
    record_id = uuid.UUID(record["record_id"])
    credit = system["credit"].container
    credit_clock = FakeClock(clock())
    credit_bus = credit.bus_with_clock(credit_clock)
    await credit_bus.handle(
        cr.IssueListingNotice(
            record_id=record_id, actor=OFFICER, served_on=credit_clock().date(), reasons="拒不履行生效裁决"
        )
    )
    credit_clock.advance(days=14)
    assert await fire_due_timers(credit, credit_clock) >= 1  # the statement and hearing window closed
    await credit_bus.handle(
        cr.DecideListing(record_id=record_id, actor=OFFICER, listed=True, reasons="申辩不成立")
    )
    credit_clock.advance(days=2)
    await credit_bus.handle(cr.PublishListing(record_id=record_id, actor=OFFICER, channel="necips"))

    customs = system["credit"].client(Role.CUSTOMS)
    check = (await customs.post("/v1/credit-checks", json={"codes": [infringer]})).json()["results"][0]
    assert (check["status"], check["listings"][0]["list_type"]) == ("dishonest", "cnipa_dishonest")
    assert check["listings"][0]["period_end"] and "state" not in check["listings"][0]  # §H.2 only

    # 5. Seven months on, the infringer has performed and applies for repair.
    credit_clock.advance(days=213)
    await credit_bus.handle(
        cr.RequestRepair(
            record_id=record_id, actor=OFFICER, applied_on=credit_clock().date(), grounds="已履行裁决"
        )
    )
    await credit_bus.handle(
        cr.DecideRepair(
            record_id=record_id,
            actor=OFFICER,
            granted=True,
            reasons="准予修复",
            conditions={"obligations_performed": True, "consequences_eliminated": True},
        )
    )
    check = (await customs.post("/v1/credit-checks", json={"codes": [infringer]})).json()["results"][0]
    assert check["status"] == "clear"
    court_view = (await system["credit"].client(Role.COURT).get(f"/v1/subjects/{infringer}/credit")).json()
    assert court_view["history"][0]["state"] == "REPAIRED_EARLY"
