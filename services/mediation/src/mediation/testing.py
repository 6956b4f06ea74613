"""Builders for the mediation service's tests (test modules cannot import each other).

Pure builders make domain objects for unit tests; the in-memory unit of work
(:class:`FakeMediationUnitOfWork`, on ``shared.testing.fakes``) runs the real handlers on the real
bus (:func:`fake_bus`); the async helpers drive a running service over the broker.
"""

from __future__ import annotations

import asyncio
import copy
import datetime as dt
import json
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from mediation.domain.agreement import AgreementContent, Instalment, Term, TermKind
from mediation.domain.case import MediationCase
from mediation.domain.deadlines import Timing, watch_of
from mediation.domain.kinds import CourtReference, MediationKind, Origin
from mediation.domain.parties import ActorKind, CaseParty, PartyRole
from mediation.domain.roster import Mediator, Organisation, OrganisationKind
from mediation.domain.states import MEDIATING
from mediation.handlers import COMMAND_HANDLERS
from mediation.rules import MediationRules, load_confirmation_rules, load_court_directory
from shared.calendar import SHANGHAI
from shared.contracts import EventData
from shared.domain.actors import Actor
from shared.domain.deadlines import TrackedDeadline
from shared.identifiers import resident_id_check_character
from shared.identity.principals import NATIONAL_OFFICE, PrincipalKind
from shared.messagebus import MessageBus
from shared.testing.events import publish_event
from shared.testing.fakes import FakeStore, FakeUnitOfWork
from shared.testing.refs import random_name, random_uscc
from shared.testing.waiting import read_topic
from shared.vocabulary import IpType, PartyKind
from shared.web.auth import Role

STAFF = Actor(ActorKind.STAFF, "staff-1")
TIMING = Timing()  # national period rules, the default warnings
T0 = dt.datetime(2026, 3, 2, 9, 0, tzinfo=SHANGHAI)  # a Monday, no holiday near


def party(role: PartyRole, region: str = "330106", **overrides: Any) -> CaseParty:
    values: dict[str, Any] = {
        "id": uuid.uuid4(),
        "role": role,
        "kind": PartyKind.ORGANISATION,
        "name": random_name("当事人"),
        "credit_code": random_uscc(),
        "address": "杭州市西湖区文三路1号",
        "region_code": region,
        "phone": "0571-88888888",
    }
    return CaseParty(**{**values, **overrides})


def court_reference(*, simple: bool = False, at: dt.datetime = T0, code: str = "ZJ-HZ-XH") -> CourtReference:
    return CourtReference(
        assignment_id=f"A-{uuid.uuid4().hex[:8]}",
        court_code=code,
        court_name="杭州市西湖区人民法院",
        court_case_no="(2026)浙0106民诉前调1号",
        simple_procedure=simple,
        assigned_at=at,
    )


def new_case(
    kind: MediationKind = MediationKind.PEOPLE,
    *,
    ip_type: IpType = IpType.TRADEMARK,
    at: dt.datetime = T0,
    court: CourtReference | None = None,
    parties: tuple[CaseParty, ...] | None = None,
    office_code: str = "330106",
) -> MediationCase:
    if kind.is_court_linked and court is None:
        court = court_reference(at=at)
    origin = Origin.COURT_ASSIGNMENT if court else Origin.COMPLAINT
    return MediationCase.open(
        case_no="MD2026-000001",
        actor=STAFF,
        at=at,
        timing=TIMING,
        kind=kind,
        origin=origin,
        origin_id=court.assignment_id if court else str(uuid.uuid4()),
        complaint_id=None,
        court=court,
        ip_type=ip_type,
        right_numbers=("ZL202310000001.5",),
        parties=parties or (party(PartyRole.APPLICANT), party(PartyRole.RESPONDENT)),
        dispute_summary="被申请人销售侵权产品",
        damages_only=False,
        office_code=office_code,
    )


def set_due(case: MediationCase, key: str, day: dt.date) -> None:
    """Put deadline ``key`` on ``day``, whatever the catalogue would say (a test's choice of dates)."""
    tracked = case.deadlines.get(key)
    if tracked is None:
        kind = watch_of(key).kind
        case.deadlines[key] = TrackedDeadline(
            key=key, period="set by the test", kind=kind, start=day, due=day
        )
    else:
        tracked.due = day


def organisation(*, on_court_roster: bool = True, seat: str = "330106") -> Organisation:
    return Organisation(
        id=uuid.uuid4(),
        name=random_name("知识产权纠纷人民调解委员会"),
        kind=OrganisationKind.PEOPLES_MEDIATION_COMMITTEE,
        seat_region_code=seat,
        registered_on_court_platform=on_court_roster,
    )


def mediator(org: Organisation, **overrides: Any) -> Mediator:
    values: dict[str, Any] = {
        "id": uuid.uuid4(),
        "organisation_id": org.id,
        "name": random_name("调解员"),
        "account": f"mediator-{uuid.uuid4().hex[:6]}",
        "specialties": frozenset({IpType.TRADEMARK, IpType.INVENTION_PATENT}),
        "regions": ("3301",),
        "registered_on_court_platform": org.registered_on_court_platform,
        "max_active_cases": 5,
    }
    return Mediator(**{**values, **overrides})


def content(
    case: MediationCase,
    *,
    terms: tuple[Term, ...] | None = None,
    amounts: tuple[str, ...] = ("30000.00", "20000.00"),
    first_due: dt.date | None = None,
) -> AgreementContent:
    """Two instalments, respondent pays applicant, a month apart."""
    payer = case.respondents[0].id
    payee = case.applicants[0].id
    start = first_due or (T0.date() + dt.timedelta(days=20))
    instalments = tuple(
        Instalment(
            number=n,
            amount=Decimal(a),
            due_on=start + dt.timedelta(days=30 * (n - 1)),
            payer_id=payer,
            payee_id=payee,
        )
        for n, a in enumerate(amounts, 1)
    )
    return AgreementContent(
        facts="被申请人在其网店销售侵犯申请人注册商标专用权的商品。",
        issues="是否构成侵权及赔偿数额。",
        responsibilities="被申请人承担侵权责任。",
        terms=terms
        or (Term(TermKind.PAYMENT, "被申请人分两期支付赔偿金"), Term(TermKind.STOP_INFRINGEMENT, "立即下架")),
        amount=sum((i.amount for i in instalments), Decimal(0)) if instalments else None,
        instalments=instalments,
        stop_undertaking="不再销售侵权商品",
        performance_manner="银行转账",
    )


# ------------------------------------------------------------------ the bus over an in-memory unit of work


@dataclass
class MediationStore(FakeStore):
    """What the fake units of work of one test share: committed cases, roster and numbers too."""

    cases: dict[uuid.UUID, MediationCase] = field(default_factory=dict)
    organisations: dict[uuid.UUID, Organisation] = field(default_factory=dict)
    mediators: dict[uuid.UUID, Mediator] = field(default_factory=dict)
    counters: dict[str, int] = field(default_factory=dict)


class FakeCases:
    """``MediationCaseRepository`` in memory: loads copies, saves at commit."""

    def __init__(self, uow: FakeMediationUnitOfWork) -> None:
        self._uow = uow
        self._store = uow.store

    async def get(self, case_id: uuid.UUID, *, lock: bool = True) -> MediationCase | None:
        found = self._store.cases.get(case_id)
        return copy.deepcopy(found) if found else None

    async def for_complaint(self, complaint_id: uuid.UUID) -> MediationCase | None:
        return self._first(lambda c: c.complaint_id == complaint_id)

    async def for_court_assignment(self, assignment_id: str) -> MediationCase | None:
        return self._first(lambda c: c.court is not None and c.court.assignment_id == assignment_id)

    async def mediating_for(self, origin: Origin, origin_id: str) -> MediationCase | None:
        return self._first(lambda c: (c.origin, c.origin_id) == (origin, origin_id) and c.state in MEDIATING)

    async def case_id_for_application(self, application_id: uuid.UUID) -> uuid.UUID | None:
        found = self._first(lambda c: any(a.id == application_id for a in c.applications))
        return found.id if found else None

    async def save(self, case: MediationCase) -> None:
        saved = copy.deepcopy(case)
        saved.events.clear()  # a repository keeps the case, not what the step recorded
        saved.timer_changes.clear()
        self._uow.on_commit(lambda _: self._store.cases.__setitem__(saved.id, saved))

    async def mediator_loads(self, mediator_ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, int]:
        loads: dict[uuid.UUID, int] = {}
        for case in self._store.cases.values():
            for a in case.assignments:
                if a.mediator_id in mediator_ids and a.status.counts_as_load:
                    loads[a.mediator_id] = loads.get(a.mediator_id, 0) + 1
        return loads

    def _first(self, matches: Callable[[MediationCase], bool]) -> MediationCase | None:
        found = next((c for c in self._store.cases.values() if matches(c)), None)
        return copy.deepcopy(found) if found else None


class FakeRoster:
    """``RosterRepository`` in memory."""

    def __init__(self, uow: FakeMediationUnitOfWork) -> None:
        self._uow = uow
        self._store = uow.store

    async def add_organisation(self, organisation: Organisation, created_at: dt.datetime) -> None:
        self._store.organisations[organisation.id] = organisation

    async def organisation(self, organisation_id: uuid.UUID) -> Organisation | None:
        return self._store.organisations.get(organisation_id)

    async def organisations(self, ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, Organisation]:
        return {i: o for i, o in self._store.organisations.items() if i in ids}

    async def organisation_named(self, name: str) -> Organisation | None:
        return next((o for o in self._store.organisations.values() if o.name == name), None)

    async def mediator_with_account(self, account: str) -> Mediator | None:
        return next((m for m in self._store.mediators.values() if m.account == account), None)

    async def add_mediator(self, mediator: Mediator, created_at: dt.datetime) -> None:
        self._store.mediators[mediator.id] = mediator

    async def mediator(self, mediator_id: uuid.UUID, *, lock: bool = False) -> Mediator | None:
        found = self._store.mediators.get(mediator_id)
        return copy.deepcopy(found) if found else None

    async def active_mediators(self) -> list[Mediator]:
        return sorted((m for m in self._store.mediators.values() if m.active), key=lambda m: m.name)

    async def save_mediator(self, mediator: Mediator) -> None:
        saved = copy.deepcopy(mediator)
        self._uow.on_commit(lambda _: self._store.mediators.__setitem__(saved.id, saved))


class FakeCounter:
    def __init__(self, store: MediationStore) -> None:
        self._store = store

    async def next(self, series: str) -> int:
        self._store.counters[series] = self._store.counters.get(series, 0) + 1
        return self._store.counters[series]


class FakeMediationUnitOfWork(FakeUnitOfWork):
    """``MediationUnitOfWork`` in memory: the shared fakes plus cases, the roster and case numbers."""

    store: MediationStore

    def __init__(self, store: MediationStore) -> None:
        super().__init__(store)
        self.cases = FakeCases(self)
        self.roster = FakeRoster(self)
        self.case_numbers = FakeCounter(store)


def mediation_rules(timing: Timing = TIMING) -> MediationRules:
    """The bundled court directory and confirmation rules, with ``timing``."""
    directory, confirmation = load_court_directory(), load_confirmation_rules()
    return MediationRules(courts=directory, confirmation=confirmation, timing=timing)


def fake_bus(
    store: MediationStore, *, now: Callable[[], dt.datetime] = lambda: T0, timing: Timing = TIMING
) -> MessageBus[FakeMediationUnitOfWork]:
    """The service's real bus and handlers over ``store``: one unit of work per command, as in production."""
    return MessageBus(
        lambda: FakeMediationUnitOfWork(store),
        COMMAND_HANDLERS,
        {"clock": now, "rules": mediation_rules(timing)},
    )


# ------------------------------------------------------------------ running services


async def publish(bootstrap_servers: str, data: EventData, *, key: str, source: str = "/court/test") -> None:
    """Publish ``data`` as another producer would (a court, intake, adjudication)."""
    await publish_event(bootstrap_servers, data, key=key, source=source)


async def events_about(
    bootstrap_servers: str,
    case_id: uuid.UUID,
    *,
    until: Callable[[list[tuple[str, dict[str, Any]]]], bool],
    within: float = 15.0,
) -> list[tuple[str, dict[str, Any]]]:
    """``(type, data)`` of every ``mediation.case`` event keyed by ``case_id``, once ``until`` holds."""
    deadline = asyncio.get_running_loop().time() + within
    while True:
        records = await read_topic(bootstrap_servers, "mediation.case", expected=10**9, within=0.3)
        found = [
            (dict(r.headers)["ce_type"].decode(), json.loads(r.value))
            for r in records
            if r.key == str(case_id).encode()
        ]
        if until(found) or asyncio.get_running_loop().time() > deadline:
            return found


def types_of(events: list[tuple[str, dict[str, Any]]]) -> list[str]:
    return [t for t, _ in events]


async def register_roster(staff: Any, *, seat: str = "330106") -> dict[str, Any]:
    """An organisation on the court's roster and one mediator, over the API; returns their records."""
    suffix = uuid.uuid4().hex[:6]
    organisation = await staff.post(
        "/v1/organisations",
        json={
            "name": f"知识产权纠纷人民调解委员会{suffix}",
            "kind": "peoples_mediation_committee",
            "seat_region_code": seat,
            "registered_on_court_platform": True,
        },
    )
    account = f"mediator-{suffix}"
    mediator = await staff.post(
        "/v1/mediators",
        json={
            "organisation_id": organisation.json()["id"],
            "name": f"李调解{suffix}",
            "account": account,
            "specialties": [t.value for t in IpType],
            "regions": ["33"],
            "registered_on_court_platform": True,
            "max_active_cases": 100,
        },
    )
    if mediator.status_code != 201:
        raise AssertionError(mediator.text)
    return {"organisation": organisation.json(), "mediator": mediator.json(), "account": account}


async def sign_by_everyone(client: Any, case: dict[str, Any]) -> dict[str, Any]:
    """Every party signs, then the mediator with the organisation's seal: the agreement takes effect."""
    for each in case["parties"]:
        signed = await client.post(
            f"/v1/cases/{case['id']}/agreement/signatures", json={"party_id": each["id"]}
        )
        if signed.status_code != 201:
            raise AssertionError(signed.text)
    final = await client.post(f"/v1/cases/{case['id']}/agreement/signatures", json={"manner": "seal"})
    if final.status_code != 201:
        raise AssertionError(final.text)
    result: dict[str, Any] = final.json()
    return result


async def wait_for_case(
    client: Any, url: str, *, state: str | None = None, within: float = 15.0
) -> dict[str, Any]:
    """Poll a list or case URL until a case (in ``state``, if given) appears."""
    deadline = asyncio.get_running_loop().time() + within
    while True:
        body = (await client.get(url)).json()
        found = body["items"][0] if body.get("items") else (body if "id" in body else None)
        if found is not None and (state is None or found["state"] == state):
            return dict(found)
        if asyncio.get_running_loop().time() > deadline:
            raise AssertionError(f"no case at {url} in state {state} after {within}s: {body}")
        await asyncio.sleep(0.05)


# ------------------------------------------------------------------ bodies and clients for the API


def full_id_number(first17: str = "33010619800101123") -> str:
    """A valid 18-character resident ID number (GB 11643 check character): what must never be stored."""
    return first17 + resident_id_check_character(first17)


def court_client(service: Any, code: str = "ZJ-HZ-SC") -> Any:
    """A court's client: a court principal whose code is its token's ``partner_code``."""
    return service.client(Role.COURT, subject=code, kind=PrincipalKind.COURT, partner=code)


def staff_client(service: Any, office: str = NATIONAL_OFFICE, subject: str = "staff-1") -> Any:
    return service.client(Role.STAFF, subject=subject, office=office)


def individual(name: str = "张三", **overrides: Any) -> dict[str, Any]:
    """A natural person as a court sends one, with the personal data a court must not get back."""
    body: dict[str, Any] = {
        "kind": "individual",
        "name": name,
        "id_number_masked": full_id_number(),
        "address": "浙江省杭州市西湖区文三路90号3幢501室",
        "region_code": "330106",
        "phone": "13812345678",
        "email": "zhangsan@example.cn",
    }
    return {**body, **overrides}


def court_assignment_body(
    *, court_code: str = "ZJ-HZ-SC", parties: list[dict[str, Any]] | None = None, **overrides: Any
) -> dict[str, Any]:
    """A court's pre-filing assignment (委派) of a trademark dispute, sent now."""
    body: dict[str, Any] = {
        "assignment_id": f"CA-{uuid.uuid4().hex[:10]}",
        "court_code": court_code,
        "court_name": "杭州市上城区人民法院",
        "court_case_no": "(2026)浙0102民诉前调88号",
        "kind": "pre_filing",
        "ip_type": "trademark",
        "right_number": "第12345678号",
        "parties": parties
        or [
            {
                "kind": "organisation",
                "name": random_name("商标权人"),
                "credit_code": random_uscc(),
                "region_code": "330102",
                "address": "杭州市上城区解放路1号",
                "phone": "0571-1",
            },
            {
                "kind": "organisation",
                "name": random_name("被告"),
                "credit_code": random_uscc(),
                "region_code": "330106",
                "address": "杭州市西湖区文三路2号",
                "phone": "0571-2",
            },
        ],
        "dispute_summary": "被告销售假冒注册商标的商品。",
        "assigned_at": dt.datetime.now(dt.UTC).isoformat(),
    }
    return {**body, **overrides}


def agreement_body(case: dict[str, Any], *, first_due: dt.date | None = None) -> dict[str, Any]:
    """Two instalments, the respondent pays the applicant."""
    applicant, respondent = case["parties"][0]["id"], case["parties"][1]["id"]
    due = first_due or (dt.datetime.now(SHANGHAI).date() + dt.timedelta(days=20))
    return {
        "facts": "被告销售假冒申请人注册商标的商品。",
        "issues": "侵权是否成立及赔偿数额。",
        "responsibilities": "被告承担赔偿责任。",
        "terms": [{"kind": "payment", "text": "被告分两期赔偿5万元"}],
        "amount": "50000.00",
        "instalments": [
            {
                "number": 1,
                "amount": "30000.00",
                "due_on": str(due),
                "payer_id": respondent,
                "payee_id": applicant,
            },
            {
                "number": 2,
                "amount": "20000.00",
                "due_on": str(due + dt.timedelta(days=30)),
                "payer_id": respondent,
                "payee_id": applicant,
            },
        ],
        "stop_undertaking": "立即停止销售",
        "performance_manner": "银行转账",
    }


async def court_case_in_mediation(
    service: Any, roster: dict[str, Any], *, court: str = "ZJ-HZ-SC", **overrides: Any
) -> dict[str, Any]:
    """A court's assignment over the API, its mediator assigned and confirmed: IN_MEDIATION."""
    created = await court_client(service, court).post(
        "/v1/court-assignments", json=court_assignment_body(court_code=court, **overrides)
    )
    if created.status_code != 201:
        raise AssertionError(created.text)
    case: dict[str, Any] = created.json()
    staff = staff_client(service)
    assigned = await staff.post(
        f"/v1/cases/{case['id']}/assignments", json={"mediator_id": roster["mediator"]["id"]}
    )
    if assigned.status_code != 201:
        raise AssertionError(assigned.text)
    mediator = service.client(Role.MEDIATOR, subject=roster["account"])
    started = await mediator.post(f"/v1/cases/{case['id']}/assignments/{assigned.json()['id']}/confirmation")
    if started.status_code != 200:
        raise AssertionError(started.text)
    running: dict[str, Any] = started.json()
    return running


async def court_case_filed(
    service: Any, roster: dict[str, Any], **overrides: Any
) -> tuple[dict[str, Any], str]:
    """A court case whose agreement took effect and was filed for confirmation with the assigning
    court (ZJ-HZ-SC); returns the case and the application id."""
    case = await court_case_in_mediation(service, roster, **overrides)
    staff = staff_client(service)
    drafted = await staff.put(f"/v1/cases/{case['id']}/agreement", json=agreement_body(case))
    if drafted.status_code != 200:
        raise AssertionError(drafted.text)
    await sign_by_everyone(staff, case)
    now = dt.datetime.now(dt.UTC).isoformat()
    filed = await staff.post(
        f"/v1/cases/{case['id']}/confirmation-applications",
        json={
            "applicants": [{"party_id": p["id"], "signed_at": now} for p in case["parties"]],
            "court_code": "ZJ-HZ-SC",
        },
    )
    if filed.status_code != 201:
        raise AssertionError(filed.text)
    return case, str(filed.json()["id"])
