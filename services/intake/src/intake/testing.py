"""Intake's test builders: domain objects, request bodies, events, and a unit of work in memory.

The in-memory unit of work (:class:`FakeIntakeUnitOfWork`) extends the shared fake (case record,
outbox, timers) with intake's repositories, so handler tests drive the real bus without a
database; what a step stored lands in the :class:`IntakeStore` only when it commits.
"""

from __future__ import annotations

import asyncio
import copy
import datetime as dt
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, Generic, TypeVar

from aiokafka import AIOKafkaConsumer, ConsumerRecord, TopicPartition

from intake.adapters.registry import StatusChange
from intake.domain.centre_case import CentreCase, CentreCaseStatus, Examiner
from intake.domain.complaint import ClaimedRight, Complaint, ComplaintStatus
from intake.domain.dedup import Candidate, KeyKind, keys_of
from intake.domain.ecommerce_notice import EcommerceNotice, NoticeStatus
from intake.domain.parties import PartyRecord, PartyRole
from intake.domain.rights import RegisteredRight, right_key
from intake.domain.trade_fair import TradeFairCase, TradeFairStatus
from intake.domain.vocabulary import Channel
from intake.domain.workflow import Workflow
from intake.handlers import COMMAND_HANDLERS
from intake.rules import IntakeRules, load_rules
from shared.contracts import CloudEvent, EventData
from shared.contracts.envelope import MalformedEvent
from shared.idempotency import IdempotencyKey
from shared.messagebus import MessageBus
from shared.testing.events import publish_event
from shared.testing.fakes import FakeStore, FakeUnitOfWork
from shared.testing.refs import random_name, random_patent_number, random_uscc
from shared.testing.waiting import read_topic
from shared.vocabulary import IpType, PartyKind

NOW = dt.datetime(2026, 9, 16, 2, 0, tzinfo=dt.UTC)


def party(role: PartyRole = PartyRole.RESPONDENT, **overrides: Any) -> PartyRecord:
    values: dict[str, Any] = {
        "role": role,
        "kind": PartyKind.ORGANISATION,
        "name": random_name(),
        "credit_code": random_uscc(),
    }
    return PartyRecord(**{**values, **overrides})


def complaint(**overrides: Any) -> Complaint:
    """A registered invention-patent complaint; keyword arguments replace any field."""
    values: dict[str, Any] = {
        "id": uuid.uuid4(),
        "channel": Channel.ONLINE,
        "centre": "330100",
        "ip_type": IpType.INVENTION_PATENT,
        "rights": (ClaimedRight(ip_type=IpType.INVENTION_PATENT, number=random_patent_number()),),
        "complainant": party(PartyRole.COMPLAINANT),
        "respondents": (party(),),
        "facts": "被请求人销售落入专利保护范围的产品。",
        "received_at": NOW,
        "sequence": 1,
    }
    values.update(overrides)
    return Complaint(**values)


def centre_case_record(status: CentreCaseStatus, **overrides: Any) -> CentreCase:
    return CentreCase(**{"complaint_id": uuid.uuid4(), "opened_at": NOW, "status": status, **overrides})


def trade_fair_record(status: TradeFairStatus, **overrides: Any) -> TradeFairCase:
    values: dict[str, Any] = {
        "complaint_id": uuid.uuid4(),
        "fair_name": "广交会",
        "session": "138",
        "exhibitor_name": "x",
        "exhibitor_key": "x",
        "filed_at": NOW,
        "status": status,
    }
    return TradeFairCase(**{**values, **overrides})


def notice_record(status: NoticeStatus, **overrides: Any) -> EcommerceNotice:
    values: dict[str, Any] = {
        "complaint_id": uuid.uuid4(),
        "platform": "p",
        "listing_ids": ("1",),
        "seller": "s",
        "notice_at": NOW,
        "status": status,
    }
    return EcommerceNotice(**{**values, **overrides})


def workflow_record(kind: str, status: Any, **overrides: Any) -> Any:
    """A workflow record of ``kind`` (``centre``, ``fair``, ``notice``) in ``status``."""
    builders: dict[str, Callable[..., Workflow[Any]]] = {
        "centre": centre_case_record,
        "fair": trade_fair_record,
        "notice": notice_record,
    }
    return builders[kind](status, **overrides)


def same_complaint_again(original: Complaint, **overrides: Any) -> Complaint:
    """The same complainant, right and respondent arriving again (a new id)."""
    return replace(original, id=uuid.uuid4(), events=[], sequence=None, **overrides)


def complaint_body(**overrides: Any) -> dict[str, Any]:
    """The walking skeleton's minimal request body; keyword arguments add or replace fields."""
    body = {
        "ip_type": "invention_patent",
        "right_number": random_patent_number(),
        "complainant": {
            "kind": "organisation",
            "name": random_name("专利权人"),
            "credit_code": random_uscc(),
        },
        "respondents": [
            {"kind": "organisation", "name": random_name("被请求人"), "credit_code": random_uscc()}
        ],
        "facts": "被请求人在其网店销售的产品落入涉案专利权利要求1的保护范围。",
    }
    return {**body, **overrides}


async def publish(bootstrap_servers: str, data: EventData, key: str) -> None:
    """Publish ``data`` as the producing service would: a CloudEvent in binary mode, keyed."""
    await publish_event(bootstrap_servers, data, key=key, source="/ipcase/test/intake")


async def published(
    bootstrap_servers: str,
    topic: str,
    event_type: str,
    *,
    where: dict[str, Any],
    expected: int = 1,
    within: float = 10.0,
) -> list[dict[str, Any]]:
    """Payloads of ``event_type`` on ``topic`` whose fields equal ``where`` (waits for ``expected``)."""
    deadline = asyncio.get_running_loop().time() + within
    while True:
        records = await _everything_on(bootstrap_servers, topic)
        found = []
        for record in records:
            try:
                event = CloudEvent.from_kafka(record.headers, record.value)
            except MalformedEvent:
                continue  # another test's poison record on the shared topic (tests/ops parks some)
            if event.type == event_type and all(str(event.data.get(k)) == str(v) for k, v in where.items()):
                found.append(event.data)
        if len(found) >= expected or asyncio.get_running_loop().time() > deadline:
            return found
        await asyncio.sleep(0.1)


async def _everything_on(bootstrap_servers: str, topic: str) -> list[ConsumerRecord]:
    """Every record on ``topic`` so far: read from the beginning until a fetch comes back empty."""
    first = await read_topic(bootstrap_servers, topic, expected=1, within=1.0)
    if not first:
        return []
    consumer = AIOKafkaConsumer(
        bootstrap_servers=bootstrap_servers, enable_auto_commit=False, fetch_max_wait_ms=25
    )
    await consumer.start()
    try:
        partitions = [TopicPartition(topic, p) for p in consumer.partitions_for_topic(topic) or ()]
        if not partitions:
            await consumer.topics()
            partitions = [TopicPartition(topic, p) for p in consumer.partitions_for_topic(topic) or ()]
        consumer.assign(partitions)
        await consumer.seek_to_beginning(*partitions)
        records: list[ConsumerRecord] = []
        while batch := await consumer.getmany(timeout_ms=300):
            for items in batch.values():
                records.extend(items)
        return records
    finally:
        await consumer.stop()


# -- a unit of work in memory ------------------------------------------------------------------

W = TypeVar("W", bound=Workflow[Any])


@dataclass
class IntakeStore(FakeStore):
    """What intake's database would hold: only what committed steps stored."""

    complaints: dict[uuid.UUID, Complaint] = field(default_factory=dict)
    workflows: dict[uuid.UUID, Workflow[Any]] = field(default_factory=dict)
    evidence: dict[uuid.UUID, dict[str, Any]] = field(default_factory=dict)
    rights: dict[str, RegisteredRight] = field(default_factory=dict)
    examiners: dict[str, Examiner] = field(default_factory=dict)
    downstream: dict[uuid.UUID, uuid.UUID] = field(default_factory=dict)
    import_jobs: dict[uuid.UUID, dict[str, Any]] = field(default_factory=dict)
    idempotency: dict[str, str] = field(default_factory=dict)
    sequence: int = 0


class _Repository:
    def __init__(self, uow: FakeIntakeUnitOfWork) -> None:
        self._uow, self._store = uow, uow.store

    def _later(self, change: Callable[[IntakeStore], None]) -> None:
        self._uow.on_commit(lambda store: change(self._store))


class FakeComplaints(_Repository):
    async def number(self, complaint: Complaint) -> None:
        self._store.sequence += 1  # a sequence, as in PostgreSQL, is not rolled back
        complaint.sequence = self._store.sequence

    async def add(self, complaint: Complaint) -> None:
        await self.save(complaint)

    async def save(self, complaint: Complaint) -> None:
        complaint.version += 1
        stored = copy.deepcopy(replace(complaint, events=[], timer_changes=[]))
        self._later(lambda store: store.complaints.__setitem__(complaint.id, stored))

    async def get(self, complaint_id: uuid.UUID, *, for_update: bool = False) -> Complaint | None:
        return copy.deepcopy(self._store.complaints.get(complaint_id))

    async def candidates(self, complaint: Complaint) -> list[Candidate]:
        mine = {k for k in keys_of(complaint) if k.kind is KeyKind.RIGHT}
        return [
            Candidate(
                complaint_id=other.id, reference=other.reference, sequence=other.sequence or 0, keys=keys
            )
            for other in self._store.complaints.values()
            if other.id != complaint.id
            and other.status not in (ComplaintStatus.WITHDRAWN, ComplaintStatus.NOT_ACCEPTED)
            and mine & (keys := keys_of(other))
        ]


class FakeWorkflows(_Repository, Generic[W]):
    def __init__(self, uow: FakeIntakeUnitOfWork, cls: type[W]) -> None:
        super().__init__(uow)
        self._cls = cls

    async def add(self, record: W) -> None:
        await self.save(record)

    async def save(self, record: W) -> None:
        stored = copy.deepcopy(replace(record, events=[], timer_changes=[]))
        self._later(lambda store: store.workflows.__setitem__(record.id, stored))

    async def get(self, record_id: uuid.UUID, *, for_update: bool = False) -> W | None:
        found = self._store.workflows.get(record_id)
        return copy.deepcopy(found) if isinstance(found, self._cls) else None

    async def for_complaint(self, complaint_id: uuid.UUID) -> list[W]:
        return [
            copy.deepcopy(r)
            for r in self._store.workflows.values()
            if isinstance(r, self._cls) and r.complaint_id == complaint_id
        ]

    async def finding_sessions(self, case: TradeFairCase) -> list[str]:
        return sorted(
            {
                r.session
                for r in self._store.workflows.values()
                if isinstance(r, TradeFairCase)
                and r.status is TradeFairStatus.MEASURES_ORDERED
                and (r.fair_name, r.exhibitor_key) == (case.fair_name, case.exhibitor_key)
                and r.session != case.session
            }
        )


class FakeEvidence(_Repository):
    async def add(self, **values: Any) -> None:
        self._later(lambda store: store.evidence.__setitem__(values["id"], values))

    async def find_by_hash(self, complaint_id: uuid.UUID, sha256: str) -> uuid.UUID | None:
        same = (e["id"] for e in self._store.evidence.values() if e["complaint_id"] == complaint_id)
        return next((i for i in same if self._store.evidence[i]["sha256"] == sha256), None)

    async def refs(self, complaint_id: uuid.UUID) -> list[dict[str, Any]]:
        return [dict(e) for e in self._store.evidence.values() if e["complaint_id"] == complaint_id]


class FakeRegistry(_Repository):
    async def get(self, ip_type: Any, number: str, *, for_update: bool = False) -> RegisteredRight | None:
        return self._store.rights.get(right_key(ip_type, number))

    async def upsert_many(
        self, batch: Sequence[RegisteredRight], source: str
    ) -> tuple[int, list[StatusChange]]:
        before = {r.key: self._store.rights[r.key].status for r in batch if r.key in self._store.rights}
        self._later(lambda store: store.rights.update({r.key: r for r in batch}))
        changes = [
            StatusChange(r, before[r.key]) for r in batch if before.get(r.key, r.status) is not r.status
        ]
        return len(batch) - len(before), changes


class FakeImportJobs(_Repository):
    async def queue(self, *, job_id: uuid.UUID, **values: Any) -> None:
        self._later(lambda store: store.import_jobs.__setitem__(job_id, {"status": "pending", **values}))


class FakeExaminers(_Repository):
    async def get(self, examiner_id: str) -> Examiner | None:
        return self._store.examiners.get(examiner_id)

    async def save(self, examiner: Examiner) -> None:
        self._later(lambda store: store.examiners.__setitem__(examiner.id, examiner))


class FakeDownstream(_Repository):
    async def remember(self, case_id: uuid.UUID, service: str, complaint_id: uuid.UUID) -> None:
        self._later(
            lambda store: store.downstream.update({case_id: store.downstream.get(case_id, complaint_id)})
        )

    async def complaint_of(self, case_id: uuid.UUID) -> uuid.UUID | None:
        return self._store.downstream.get(case_id)


class FakeIdempotency(_Repository):
    async def claim(self, key: IdempotencyKey) -> str | None:
        return self._store.idempotency.get(f"{key.scope}:{key.key}")

    async def complete(self, key: IdempotencyKey, resource_id: str) -> None:
        self._later(lambda store: store.idempotency.__setitem__(f"{key.scope}:{key.key}", resource_id))


class FakeIntakeUnitOfWork(FakeUnitOfWork):
    """Intake's unit of work in memory: the shared case record, outbox and timers, plus repositories."""

    store: IntakeStore

    def __init__(self, store: IntakeStore) -> None:
        super().__init__(store)
        self.complaints = FakeComplaints(self)
        self.evidence = FakeEvidence(self)
        self.registry = FakeRegistry(self)
        self.import_jobs = FakeImportJobs(self)
        self.examiners = FakeExaminers(self)
        self.centre_cases = FakeWorkflows(self, CentreCase)
        self.trade_fair_cases = FakeWorkflows(self, TradeFairCase)
        self.notices = FakeWorkflows(self, EcommerceNotice)
        self.downstream = FakeDownstream(self)
        self.idempotency = FakeIdempotency(self)


def intake_rules(province: str | None = None, **overrides: Any) -> IntakeRules:
    """The bundled rule table, for an office in ``province`` (national figures when None)."""
    values: dict[str, Any] = {
        "table": load_rules(None),
        "centre": "330100",
        "office_region_code": "330100",
        "province": province,
        "media_types": frozenset({"application/pdf"}),
        "warn_working_days": 2,
    }
    return IntakeRules(**{**values, **overrides})


def fake_bus(
    store: IntakeStore, *, rules: IntakeRules | None = None, clock: Callable[[], dt.datetime] = lambda: NOW
) -> MessageBus[FakeIntakeUnitOfWork]:
    """The real bus and handlers over units of work in memory sharing ``store``."""
    dependencies = {"clock": clock, "rules": rules or intake_rules(), "evidence_files": None}
    return MessageBus(lambda: FakeIntakeUnitOfWork(store), COMMAND_HANDLERS, dependencies)


async def seal_audit_trail(database_url: str) -> None:
    """Chain the audit entries requests left in ``audit_pending`` (a downgrade refuses while any wait)."""
    from sqlalchemy.ext.asyncio import async_sessionmaker, create_async_engine

    from intake.adapters.orm import messaging
    from shared.audit.sealer import seal

    if messaging.audit is None:
        return
    engine = create_async_engine(database_url)
    try:
        await seal(async_sessionmaker(engine, expire_on_commit=False), messaging.audit)
    finally:
        await engine.dispose()
