"""The one place for credit's test builders (test modules cannot import each other).

* aggregates in a given state and a step at a known moment (:func:`record_in`, :data:`OFFICER`);
* the unit of work in memory (:class:`FakeCreditUnitOfWork` over ``shared.testing.fakes``) and the
  real message bus and handlers over it (:func:`harness`);
* the events other services publish, exactly as their contracts define them, put on the real
  broker, and a database of a test's own for letting statutory time pass.
"""

from __future__ import annotations

import copy
import dataclasses
import datetime as dt
import random
import sys
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from credit.adapters.records import dedup_key
from credit.bootstrap import command_bus
from credit.domain.actors import person
from credit.domain.commitment import Commitment
from credit.domain.deadlines import Clocks, TimerName
from credit.domain.errors import present
from credit.domain.listing import ListingTerms
from credit.domain.record import IN_FORCE, CreditRecord, Notice, Origin, RecordState
from credit.domain.repeat import Finding
from credit.domain.subject import Subject, SubjectClaim
from credit.domain.vocabulary import CHINA, BehaviourCode, DecisionRef, ListType, Step
from credit.rules import CreditOptions, load_credit_rules
from shared.contracts import CloudEvent, EventData
from shared.contracts.adjudication import DecisionEffectiveV1, DecisionRevokedV1, PerformanceRefusedV1
from shared.contracts.common import Outcome, RightRef, SubjectRef
from shared.domain.deadlines import DeadlineKind, DeadlineStatus, TrackedDeadline
from shared.identifiers import ALPHABET, normalise_name, uscc_check_character
from shared.messagebus import MessageBus
from shared.testing.clock import FakeClock
from shared.testing.events import publish_events
from shared.testing.fakes import FakeStore, FakeUnitOfWork
from shared.testing.plugin import PostgresHandle
from shared.testing.plugin import fresh_database as shared_fresh_database
from shared.testing.waiting import eventually, read_topic
from shared.vocabulary import IpType, PartyKind

ADJUDICATION_SOURCE = "/ipcase/330100/adjudication"
NOW = dt.datetime(2026, 10, 9, 10, 0, tzinfo=CHINA)
OFFICER = person("officer-1", ("credit_officer",))
CLOCKS = Clocks("330000", 3)
"""Deadlines counted in Zhejiang, duties warned three working days ahead."""
PARTY, DUTY, LIMIT = DeadlineKind.PARTY_PERIOD, DeadlineKind.OFFICE_DUTY, DeadlineKind.TIME_LIMIT


def uscc_in(division: str) -> str:
    """A valid credit code registered in ``division`` (e.g. 330100 Hangzhou, 110000 Beijing)."""
    body = "91" + division + "".join(random.choice(ALPHABET) for _ in range(9))
    return body + uscc_check_character(body)


async def publish(
    bootstrap_servers: str, events: Iterable[tuple[EventData, str]], *, source: str = ADJUDICATION_SOURCE
) -> list[CloudEvent]:
    """Put contract events on their topics as the producing service would (binary CloudEvents)."""
    return await publish_events(bootstrap_servers, events, source=source)


async def fresh_database(postgres: PostgresHandle) -> str:
    """A database of the test's own with credit's migrations (timers fired "a year later" touch only it)."""
    return await shared_fresh_database(postgres, "credit", services=["credit"])


async def events_on(
    bootstrap_servers: str,
    topic: str,
    *,
    where: Callable[[CloudEvent], bool],
    expected: int = 1,
    within: float = 15.0,
) -> list[CloudEvent]:
    """The events on ``topic`` that ``where`` selects, once at least ``expected`` of them are there.

    The topic is shared with every other test of the session, so events are picked, not counted.
    """
    found: list[CloudEvent] = []

    async def arrived() -> bool:
        nonlocal found
        records = await read_topic(bootstrap_servers, topic, expected=sys.maxsize, within=0.3)
        events = (CloudEvent.from_kafka(r.headers, r.value) for r in records)
        found = [e for e in events if where(e)]
        return len(found) >= expected

    await eventually(arrived, within=within, what=f"{expected} matching event(s) on {topic}")
    return found


def subject(credit_code: str, name: str = "杭州某某科技有限公司") -> SubjectRef:
    return SubjectRef(credit_code=credit_code, name=name)


def performance_refused(
    subject_ref: SubjectRef, *, decision_no: str, found_on: dt.date, case_id: uuid.UUID | None = None
) -> PerformanceRefusedV1:
    return PerformanceRefusedV1(
        case_id=case_id or uuid.uuid4(),
        case_no=f"AD{found_on.year}-{uuid.uuid4().hex[:6]}",
        decision_no=decision_no,
        subject=subject_ref,
        finding="有履行能力而拒不履行已生效的专利侵权纠纷行政裁决",
        found_on=found_on,
        subject_ids=tuple(filter(None, (subject_ref.credit_code,))),
    )


def decision_effective(
    respondents: tuple[SubjectRef, ...],
    *,
    decision_no: str,
    patent: str,
    effective_on: dt.date,
    outcome: Outcome = Outcome.INFRINGEMENT_ESTABLISHED,
    **extra: Any,
) -> DecisionEffectiveV1:
    return DecisionEffectiveV1(
        case_id=uuid.uuid4(),
        case_no=f"AD{effective_on.year}-{uuid.uuid4().hex[:6]}",
        decision_no=decision_no,
        outcome=outcome,
        respondents=respondents,
        rights=(RightRef(ip_type=IpType.INVENTION_PATENT, number=patent),),
        decided_on=effective_on - dt.timedelta(days=20),
        effective_on=effective_on,
        **extra,
    )


def decision_revoked(decision_no: str, *, revoked_on: dt.date) -> DecisionRevokedV1:
    return DecisionRevokedV1(
        case_id=uuid.uuid4(),
        case_no="AD-revoked",
        decision_no=decision_no,
        court="杭州市中级人民法院",
        court_case_no=f"(2026)浙01行初{uuid.uuid4().int % 1000}号",
        revoked_on=revoked_on,
    )


# ---------------------------------------------------------------- aggregates in a given state


def record_in(state: RecordState, *, overdue: Iterable[str] = (), **overrides: Any) -> CreditRecord:
    """A record in ``state`` carrying every date and running deadline a record in that state would have.

    ``overdue`` names the duties whose deadline it missed (tracked as MISSED).
    """
    revoked = state in (RecordState.REVOKED, RecordState.ARCHIVED)
    record = CreditRecord(
        id=uuid.uuid4(),
        subject_id=uuid.uuid4(),
        office_code="330100",
        list_type=ListType.CNIPA_DISHONEST,
        behaviour=BehaviourCode.REFUSAL_TO_PERFORM,
        underlying_decision=DecisionRef(
            "杭州市市场监督管理局", "杭市监裁〔2026〕1号", dt.date(2026, 1, 5), "x"
        ),
        basis_doc_nos=("杭市监裁〔2026〕1号",),
        finding="refused to perform",
        origin=Origin("test", "1"),
        requires_notice=True,
        repair_available=True,
        state=state,
        record_no="CR2026-000001",
        notice=Notice(dt.date(2026, 1, 10), dt.date(2026, 1, 16), "reasons"),
        terms=ListingTerms(
            decided_on=dt.date(2026, 2, 2),
            publication_due=dt.date(2026, 3, 2),
            period_end=dt.date(2027, 2, 2),
            repair_eligible_from=dt.date(2026, 8, 3),
        ),
        published_on=dt.date(2026, 2, 10),
        repair_requested_on=dt.date(2026, 9, 1),
        revoked_on=dt.date(2026, 9, 2) if revoked else None,
        withdrawal_due=dt.date(2026, 9, 5) if revoked else None,
        withdrawn_on=dt.date(2026, 9, 4) if revoked else None,
    )
    record = dataclasses.replace(record, **overrides)
    if "deadlines" not in overrides:
        record.deadlines = _running(record)
    for key in overdue:
        record.deadlines.setdefault(key, _tracked(TimerName(key))).status = DeadlineStatus.MISSED
    return record


def _running(record: CreditRecord) -> dict[str, TrackedDeadline]:
    """The deadlines a record like this one is still watching."""
    running = {
        TimerName.NOTICE_WINDOW: record.state is RecordState.NOTICE_OF_PROPOSED_LISTING,
        TimerName.PUBLICATION: record.state is RecordState.LISTED,
        TimerName.EXPIRY: record.state in IN_FORCE and record.terms is not None and record.terms.period_end,
        TimerName.WITHDRAWAL: record.withdrawal_due is not None and record.withdrawn_on is None,
    }
    return {key: _tracked(key) for key, is_running in running.items() if is_running}


def _tracked(key: TimerName) -> TrackedDeadline:
    period, kind, start, due = {
        TimerName.NOTICE_WINDOW: (
            "credit.listing_notice_window",
            PARTY,
            dt.date(2026, 1, 10),
            dt.date(2026, 1, 16),
        ),
        TimerName.PUBLICATION: (
            "credit.listing_publication_cnipa",
            DUTY,
            dt.date(2026, 2, 2),
            dt.date(2026, 3, 2),
        ),
        TimerName.EXPIRY: ("credit.listing_period_cnipa", LIMIT, dt.date(2026, 2, 2), dt.date(2027, 2, 2)),
        TimerName.WITHDRAWAL: (
            "credit.revocation_withdrawal",
            DUTY,
            dt.date(2026, 9, 2),
            dt.date(2026, 9, 5),
        ),
    }[key]
    return TrackedDeadline(key=key, period=period, kind=kind, start=start, due=due)


def step_at(at: dt.datetime = NOW) -> Step:
    return Step(OFFICER, at)


# ---------------------------------------------------------------- the unit of work in memory


@dataclass
class CreditData:
    """What credit's tables hold, in memory."""

    subjects: dict[uuid.UUID, Subject] = field(default_factory=dict)
    sightings: set[tuple[uuid.UUID, str, str]] = field(default_factory=set)
    records: dict[uuid.UUID, CreditRecord] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)
    flags: list[tuple[Finding, list[Finding], uuid.UUID | None]] = field(default_factory=list)
    commitments: dict[uuid.UUID, Commitment] = field(default_factory=dict)
    parked: dict[uuid.UUID, dict[str, Any]] = field(default_factory=dict)
    idempotency: dict[str, str | None] = field(default_factory=dict)


@dataclass
class CreditStore(FakeStore):
    """The committed state: credit's tables besides the shared case record, outbox and timers."""

    data: CreditData = field(default_factory=CreditData)

    def due(self, aggregate_id: uuid.UUID | str, name: str) -> dt.date | None:
        return self.timers[(str(aggregate_id), name)].due


class FakeSubjects:
    def __init__(self, data: CreditData) -> None:
        self._data = data

    async def get(self, subject_id: uuid.UUID, *, for_update: bool = False) -> Subject | None:
        return self._data.subjects.get(subject_id)

    async def find(self, claim: SubjectClaim) -> Subject | None:
        for subject in self._data.subjects.values():
            if claim.credit_code and subject.credit_code == claim.credit_code:
                return subject
            same_name = normalise_name(subject.name) == normalise_name(claim.name)
            same_person = subject.id_number_masked == claim.id_number_masked and same_name
            if not claim.credit_code and not subject.credit_code and same_person:
                return subject
        return None

    async def organisations_named(self, name: str) -> list[uuid.UUID]:
        wanted = normalise_name(name)
        return [
            s.id
            for s in self._data.subjects.values()
            if s.kind is PartyKind.ORGANISATION
            and any(normalise_name(n.name) == wanted for n in s.name_history)
        ]

    async def add(self, subject: Subject) -> bool:
        self._data.subjects[subject.id] = subject
        return True

    async def save(self, subject: Subject) -> None:
        self._data.subjects[subject.id] = subject

    async def add_sighting(
        self, *, subject_id: uuid.UUID, source_type: str, source_id: str, **_: Any
    ) -> bool:
        key = (subject_id, source_type, source_id)
        new = key not in self._data.sightings
        self._data.sightings.add(key)
        return new


class FakeRecords:
    def __init__(self, data: CreditData) -> None:
        self._data = data

    async def find_duplicate(self, record: CreditRecord) -> uuid.UUID | None:
        return next((r.id for r in self._data.records.values() if dedup_key(r) == dedup_key(record)), None)

    async def add(self, record: CreditRecord) -> bool:
        record.record_no = f"CR2026-{len(self._data.records) + 1:06d}"
        self._data.records[record.id] = record
        return True

    async def get_for_update(self, record_id: uuid.UUID) -> CreditRecord | None:
        return self._data.records.get(record_id)

    async def save(self, record: CreditRecord) -> None:
        self._data.records[record.id] = record

    async def resting_on(self, doc_no: str) -> list[uuid.UUID]:
        return [r.id for r in self._data.records.values() if doc_no in r.basis_doc_nos]

    async def in_force_list_types(
        self, subject_id: uuid.UUID, *, excluding: uuid.UUID | None = None
    ) -> set[ListType]:
        return {r.list_type for r in self._in_force(subject_id) if r.id != excluding}

    async def in_force_measures(self, subject_id: uuid.UUID) -> set[str]:
        return {m.code for r in self._in_force(subject_id) if r.terms for m in r.terms.measures}

    def _in_force(self, subject_id: uuid.UUID) -> list[CreditRecord]:
        return [r for r in self._data.records.values() if r.subject_id == subject_id and r.state in IN_FORCE]


class FakeFindings:
    def __init__(self, data: CreditData) -> None:
        self._data = data

    async def add(self, finding: Finding, *, at: dt.datetime) -> bool:
        key = (finding.subject_id, finding.right_key, finding.decision_no)
        if any((f.subject_id, f.right_key, f.decision_no) == key for f in self._data.findings):
            return False
        self._data.findings.append(finding)
        return True

    async def for_subject_and_right(self, subject_id: uuid.UUID, right_key: str) -> list[Finding]:
        return [f for f in self._data.findings if f.subject_id == subject_id and f.right_key == right_key]

    async def revoke(self, decision_no: str, revoked_on: dt.date) -> int:
        hit = [f for f in self._data.findings if f.decision_no == decision_no]
        self._data.findings = [
            dataclasses.replace(f, revoked=True) if f in hit else f for f in self._data.findings
        ]
        return len(hit)

    async def add_flag(
        self, finding: Finding, priors: Iterable[Finding], *, record_id: uuid.UUID | None, at: dt.datetime
    ) -> bool:
        self._data.flags.append((finding, list(priors), record_id))
        return True

    async def is_flagged(self, finding: Finding) -> bool:
        flagged = {(f.decision_no, f.subject_id) for f, _, _ in self._data.flags}
        return (finding.decision_no, finding.subject_id) in flagged


class FakeCommitments:
    def __init__(self, data: CreditData) -> None:
        self._data = data

    async def add(self, commitment: Commitment, *, at: dt.datetime) -> None:
        self._data.commitments[commitment.id] = commitment

    async def get_for_update(self, commitment_id: uuid.UUID) -> Commitment | None:
        return self._data.commitments.get(commitment_id)

    async def save(self, commitment: Commitment) -> None:
        self._data.commitments[commitment.id] = commitment


class FakeUnmatched:
    def __init__(self, data: CreditData) -> None:
        self._data = data

    async def park(self, **fields: Any) -> uuid.UUID:
        input_id = uuid.uuid4()
        self._data.parked[input_id] = {**fields, "status": "open"}
        return input_id


class FakeIdempotency:
    def __init__(self, data: CreditData) -> None:
        self._data = data

    async def claim(self, key: Any) -> str | None:
        if key.key in self._data.idempotency:
            return self._data.idempotency[key.key]
        self._data.idempotency[key.key] = None
        return None

    async def complete(self, key: Any, resource_id: str) -> None:
        self._data.idempotency[key.key] = resource_id


class FakeCreditUnitOfWork(FakeUnitOfWork):
    """Every repository a credit handler touches, in memory, over a copy of the committed data:
    a command sees its own writes, and they land in the store only at commit (as in PostgreSQL)."""

    store: CreditStore

    def __init__(self, store: CreditStore) -> None:
        super().__init__(store)
        self._begin()

    def _begin(self) -> None:
        self.data = copy.deepcopy(self.store.data)
        self.subjects, self.records = FakeSubjects(self.data), FakeRecords(self.data)
        self.findings, self.commitments = FakeFindings(self.data), FakeCommitments(self.data)
        self.unmatched, self.idempotency = FakeUnmatched(self.data), FakeIdempotency(self.data)

    async def commit(self) -> None:
        data = self.data
        self.on_commit(lambda store: setattr(store, "data", data))
        await super().commit()
        self._begin()

    async def rollback(self) -> None:
        await super().rollback()
        self._begin()


@dataclass
class Harness:
    """The real message bus and handlers over the in-memory unit of work, at a clock the test moves."""

    store: CreditStore
    clock: FakeClock
    bus: MessageBus[FakeCreditUnitOfWork]

    def record(self, record_id: uuid.UUID | None) -> CreditRecord:
        return self.store.data.records[present(record_id, "record id")]

    def history(self, record_id: uuid.UUID | None) -> list[str]:
        return self.store.event_names(present(record_id, "record id"))

    def timer_names(self, aggregate_id: uuid.UUID | None) -> set[str]:
        return self.store.timer_names(present(aggregate_id, "aggregate id"))


def harness(now: dt.datetime = NOW, *, mediation_default_candidates: bool = False) -> Harness:
    """Credit's bus over a fresh in-memory store (Hangzhou office, low fines up to 10,000)."""
    store, clock = CreditStore(), FakeClock(now)
    options = CreditOptions(
        office_code="330100",
        province="330000",
        low_fine_threshold=Decimal("10000"),
        mediation_default_candidates=mediation_default_candidates,
    )
    bus = command_bus(lambda: FakeCreditUnitOfWork(store), clock, load_credit_rules(), options)
    return Harness(store, clock, bus)
