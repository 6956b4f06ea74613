"""Integration fixtures: a running adjudication service (own office code per test) and a case-flow helper.

Cases are opened through the service's own bus (the same command the intake consumer sends), then
driven through the HTTP API. Legal dates are placed in the recent past, relative to today, so that
statutory periods have already run when a test fires the timers.
"""

from __future__ import annotations

import datetime as dt
import random
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

import httpx
import pytest

from adjudication.domain.case.parts.opening import FiledRequest
from adjudication.domain.case.parts.procedure import Procedure
from adjudication.domain.commands.acceptance import OpenCaseFromComplaint
from adjudication.domain.values.parties import PartyRecord, PartyRole, PatentRight
from adjudication.testing.bodies import decision_body, docket_body
from shared.calendar import SHANGHAI
from shared.testing.refs import random_name, random_patent_number, random_uscc
from shared.testing.services import RunningService
from shared.timers import TimerScheduler
from shared.vocabulary import IpType, PartyKind
from shared.web.auth import Role


def today() -> dt.date:
    return dt.datetime.now(SHANGHAI).date()


def days_ago(n: int) -> dt.date:
    return today() - dt.timedelta(days=n)


@dataclass
class CaseFlow:
    """Drives cases of one running service through its API (staff, adjudicator and court clients)."""

    service: RunningService
    office_code: str
    seated: set[uuid.UUID] = field(default_factory=set)

    @property
    def staff(self) -> httpx.AsyncClient:
        return self.service.client(Role.STAFF, subject="staff-1")

    @property
    def adjudicator(self) -> httpx.AsyncClient:
        """``judge-1``: an adjudicator; on a case's panel once :meth:`seat` put them there."""
        return self.service.client(Role.ADJUDICATOR, subject="judge-1")

    @property
    def head(self) -> httpx.AsyncClient:
        """``head-1``: the office head, who approves what the panel proposes."""
        return self.service.client(Role.OFFICE_HEAD, subject="head-1")

    async def seat(self, case_id: uuid.UUID, person: str = "judge-1") -> None:
        """Put ``person`` on the case's panel as its handler (staff of the office assign the panel)."""
        if person == "judge-1" and case_id in self.seated:
            return
        response = await self.staff.post(
            f"/v1/cases/{case_id}/participants",
            json={"person_id": person, "name": f"审理员{person}", "role": "handler"},
        )
        assert response.status_code == 200, f"seat {person}: {response.status_code} {response.text}"
        if person == "judge-1":
            self.seated.add(case_id)

    async def open(
        self, *, received_days_ago: int = 120, respondent_count: int = 1, **overrides: Any
    ) -> uuid.UUID:
        patent = overrides.pop("patent_number", random_patent_number())
        fields: dict[str, Any] = {
            "complaint_id": uuid.uuid4(),
            "complaint_reference": f"TS-{uuid.uuid4().hex[:8]}",
            "ip_type": IpType.INVENTION_PATENT,
            "rights": (PatentRight(ip_type=IpType.INVENTION_PATENT, number=patent),),
            "requester": PartyRecord(
                party_id="requester",
                role=PartyRole.REQUESTER,
                kind=PartyKind.ORGANISATION,
                name=random_name("专利权人"),
                credit_code=random_uscc(),
            ),
            "respondents": tuple(
                PartyRecord(
                    party_id=f"respondent-{i}",
                    role=PartyRole.RESPONDENT,
                    kind=PartyKind.ORGANISATION,
                    name=random_name("被请求人"),
                    credit_code=random_uscc(),
                    region_code=self.office_code,
                )
                for i in range(1, respondent_count + 1)
            ),
            "agent_name": None,
            "facts": "被请求人销售落入权利要求1保护范围的产品。",
            "alleged_acts": ("sell",),
            "infringement_locations": (),
            "requested_remedy": None,
            "procedure": Procedure.ORDINARY,
            "court_action_pending": False,
            "office_region_code": self.office_code,
            "evidence": (),
            "received_at": dt.datetime.combine(days_ago(received_days_ago), dt.time(10), tzinfo=SHANGHAI),
        }
        fields.update(overrides)
        case = await self.service.container.bus.handle(OpenCaseFromComplaint(request=FiledRequest(**fields)))
        case_id: uuid.UUID = case.id
        return case_id

    async def post(
        self, case_id: uuid.UUID, step: str, body: dict[str, Any], *, as_panel: bool = False
    ) -> Any:
        if as_panel:
            await self.seat(case_id)
        client = self.adjudicator if as_panel else self.staff
        response = await client.post(f"/v1/cases/{case_id}/{step}", json=body)
        assert response.status_code == 200, f"{step}: {response.status_code} {response.text}"
        return response.json()

    async def docket(self, case_id: uuid.UUID, on: dt.date | None = None) -> Any:
        """Staff propose acceptance and the office head approves it (two people): the case is docketed."""
        await self.post(case_id, "docket", docket_body(on))
        return await self.approve(case_id, "docket")

    async def to_review(self, case_id: uuid.UUID, docketed: int = 110) -> Any:
        """Docket, serve every respondent and record their answers, all in the past."""
        await self.docket(case_id, days_ago(docketed))
        case = (await self.staff.get(f"/v1/cases/{case_id}")).json()
        for index, _ in enumerate(case["respondents"], 1):
            party = f"respondent-{index}"
            await self.post(
                case_id,
                "request-copy-services",
                {"party_id": party, "method": "post", "served_on": str(days_ago(docketed - 2))},
            )
        for index, _ in enumerate(case["respondents"], 1):
            read = await self.post(
                case_id,
                "answers",
                {
                    "party_id": f"respondent-{index}",
                    "received_on": str(days_ago(docketed - 10)),
                    "summary": "不构成侵权",
                },
            )
        return read

    async def decide(self, case_id: uuid.UUID, decided: int = 60, **overrides: Any) -> Any:
        """The panel proposes the decision and the office head approves it (two people)."""
        body = decision_body(days_ago(decided)) | overrides
        await self.post(case_id, "decision", body, as_panel=True)
        return await self.approve(case_id, "decision")

    async def approve(self, case_id: uuid.UUID, what: str) -> Any:
        response = await self.head.post(f"/v1/cases/{case_id}/{what}/approval")
        assert response.status_code == 200, f"approve {what}: {response.status_code} {response.text}"
        return response.json()

    async def serve_decision(self, case_id: uuid.UUID, served: int = 50) -> Any:
        case = (await self.staff.get(f"/v1/cases/{case_id}")).json()
        parties = ["requester", *(f"respondent-{i}" for i in range(1, len(case["respondents"]) + 1))]
        for party in parties:
            read = await self.post(
                case_id,
                "decision-services",
                {"party_id": party, "method": "in_person", "served_on": str(days_ago(served))},
            )
        return read

    def scheduler(self, clock: Callable[[], dt.datetime] | None = None) -> TimerScheduler:
        container = self.service.container
        return TimerScheduler(
            uow_factory=container.uow_factory,
            handlers=container.timer_handlers,
            service="adjudication",
            clock=clock or (lambda: dt.datetime.now(dt.UTC)),
            poll_interval=dt.timedelta(milliseconds=20),
        )

    async def fire_due_timers(self, clock: Callable[[], dt.datetime] | None = None) -> int:
        scheduler, fired = self.scheduler(clock), 0
        while await scheduler.fire_next():
            fired += 1
        return fired


_DISTRICTS = iter(random.sample(range(1000, 10000), 9000))


@pytest.fixture
def office_code() -> str:
    """A district of its own per test (never one drawn before in this session), so docket numbers
    and registries start fresh: tests share one database."""
    return f"11{next(_DISTRICTS)}"


@pytest.fixture
async def adjudication(
    start_service: Callable[..., Awaitable[RunningService]], office_code: str
) -> RunningService:
    # Each office has its own abbreviation in its docket numbers; tests share one database.
    return await start_service(
        "adjudication",
        office_code=office_code,
        office_abbreviation=f"京{office_code[2:]}",
        office_name="北京市测试区知识产权局",
    )


@pytest.fixture
def flow(adjudication: RunningService, office_code: str) -> CaseFlow:
    return CaseFlow(adjudication, office_code)


Publish = Callable[..., Awaitable[None]]


@pytest.fixture
async def publish(broker: Any) -> Any:
    """Publish a contract as another service or agency would: a CloudEvent on the contract's topic
    (a court's message signed by the partners gateway, unless ``signed_by`` says otherwise)."""
    from aiokafka import AIOKafkaProducer

    from shared.contracts import CloudEvent, EventData
    from shared.signing import SigningKey
    from shared.testing.events import record_headers
    from shared.testing.gateway import TEST_GATEWAY_KEY

    producer = AIOKafkaProducer(bootstrap_servers=broker.bootstrap_servers, enable_idempotence=False)
    await producer.start()

    async def send(
        data: EventData, *, key: str, source: str, signed_by: SigningKey | None = TEST_GATEWAY_KEY
    ) -> CloudEvent:
        event = CloudEvent.from_data(data, source=source, subject=key)
        headers = record_headers(event, data.topic, signed_by)
        await producer.send_and_wait(data.topic, value=event.kafka_value(), key=key.encode(), headers=headers)
        return event

    try:
        yield send
    finally:
        await producer.stop()
