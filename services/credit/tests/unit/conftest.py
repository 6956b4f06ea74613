"""Fixtures for credit's unit tests: records in any state, and a step taken at a known moment."""

from __future__ import annotations

import dataclasses
import datetime as dt
import uuid
from collections import defaultdict
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest

from credit.adapters.records import dedup_key
from credit.bootstrap import command_bus
from credit.domain.commitment import Commitment
from credit.domain.history import HistoryEntry
from credit.domain.record import IN_FORCE, CreditRecord, ListingTerms, Notice, Origin, RecordState
from credit.domain.repeat import Finding
from credit.domain.subject import Subject, SubjectClaim
from credit.domain.vocabulary import CHINA, Actor, BehaviourCode, DecisionRef, ListType, Step
from credit.options import CreditOptions
from credit.rule_files import load_credit_rules
from credit.statutory_dates import StatutoryDates
from shared.calendar import Deadline
from shared.contracts import EventData
from shared.identifiers import normalise_name
from shared.messagebus import MessageBus
from shared.testing.clock import FakeClock
from shared.timers.store import PeriodRule
from shared.vocabulary import PartyKind

NOW = dt.datetime(2026, 10, 9, 10, 0, tzinfo=CHINA)


@pytest.fixture
def step() -> Step:
    return Step(Actor("officer-1", ("credit_officer",)), NOW)


@pytest.fixture
def record_in() -> Callable[..., CreditRecord]:
    """A record in ``state`` carrying every date a record in that state would have."""

    def build(state: RecordState, **overrides: Any) -> CreditRecord:
        revoked = state in (RecordState.REVOKED, RecordState.ARCHIVED)
        record = CreditRecord(
            id=uuid.uuid4(),
            subject_id=uuid.uuid4(),
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
        return dataclasses.replace(record, **overrides)

    return build


# ---------------------------------------------------------------- a unit of work in memory, for handler tests


class FakeSubjects:
    def __init__(self) -> None:
        self.by_id: dict[uuid.UUID, Subject] = {}
        self.sightings: set[tuple[uuid.UUID, str, str]] = set()

    async def get(self, subject_id: uuid.UUID, *, for_update: bool = False) -> Subject | None:
        return self.by_id.get(subject_id)

    async def find(self, claim: SubjectClaim) -> Subject | None:
        for subject in self.by_id.values():
            if claim.credit_code and subject.credit_code == claim.credit_code:
                return subject
            same_person = subject.id_number_masked == claim.id_number_masked and normalise_name(
                subject.name
            ) == normalise_name(claim.name)
            if not claim.credit_code and not subject.credit_code and same_person:
                return subject
        return None

    async def organisations_named(self, name: str) -> list[uuid.UUID]:
        wanted = normalise_name(name)
        return [
            s.id
            for s in self.by_id.values()
            if s.kind is PartyKind.ORGANISATION
            and any(normalise_name(n.name) == wanted for n in s.name_history)
        ]

    async def add(self, subject: Subject) -> bool:
        self.by_id[subject.id] = subject
        return True

    async def save(self, subject: Subject) -> None:
        self.by_id[subject.id] = subject

    async def add_sighting(
        self, *, subject_id: uuid.UUID, source_type: str, source_id: str, **_: Any
    ) -> bool:
        key = (subject_id, source_type, source_id)
        new = key not in self.sightings
        self.sightings.add(key)
        return new


class FakeRecords:
    def __init__(self) -> None:
        self.by_id: dict[uuid.UUID, CreditRecord] = {}
        self.history: dict[uuid.UUID, list[HistoryEntry]] = defaultdict(list)

    async def find_duplicate(self, record: CreditRecord) -> uuid.UUID | None:
        return next((r.id for r in self.by_id.values() if dedup_key(r) == dedup_key(record)), None)

    async def add(self, record: CreditRecord) -> bool:
        record.record_no = f"CR2026-{len(self.by_id) + 1:06d}"
        await self.save(record)
        return True

    async def get_for_update(self, record_id: uuid.UUID) -> CreditRecord | None:
        return self.by_id.get(record_id)

    async def save(self, record: CreditRecord) -> None:
        self.history[record.id] += record.history
        record.history.clear()
        self.by_id[record.id] = record

    async def resting_on(self, doc_no: str) -> list[uuid.UUID]:
        return [r.id for r in self.by_id.values() if doc_no in r.basis_doc_nos]

    async def in_force_list_types(
        self, subject_id: uuid.UUID, *, excluding: uuid.UUID | None = None
    ) -> set[ListType]:
        return {
            r.list_type
            for r in self.by_id.values()
            if r.subject_id == subject_id and r.state in IN_FORCE and r.id != excluding
        }

    async def in_force_measures(self, subject_id: uuid.UUID) -> set[str]:
        return {
            m.code
            for r in self.by_id.values()
            if r.subject_id == subject_id and r.state in IN_FORCE and r.terms
            for m in r.terms.measures
        }


class FakeFindings:
    def __init__(self) -> None:
        self.findings: list[Finding] = []
        self.flags: list[tuple[Finding, list[Finding], uuid.UUID | None]] = []

    async def add(self, finding: Finding, *, at: dt.datetime) -> bool:
        if any(
            (f.subject_id, f.right_key, f.decision_no)
            == (finding.subject_id, finding.right_key, finding.decision_no)
            for f in self.findings
        ):
            return False
        self.findings.append(finding)
        return True

    async def for_subject_and_right(self, subject_id: uuid.UUID, right_key: str) -> list[Finding]:
        return [f for f in self.findings if f.subject_id == subject_id and f.right_key == right_key]

    async def revoke(self, decision_no: str, revoked_on: dt.date) -> int:
        hit = [f for f in self.findings if f.decision_no == decision_no]
        self.findings = [dataclasses.replace(f, revoked=True) if f in hit else f for f in self.findings]
        return len(hit)

    async def add_flag(
        self, finding: Finding, priors: Any, *, record_id: uuid.UUID | None, at: dt.datetime
    ) -> bool:
        self.flags.append((finding, list(priors), record_id))
        return True

    async def is_flagged(self, finding: Finding) -> bool:
        return any(
            f.decision_no == finding.decision_no and f.subject_id == finding.subject_id
            for f, _, _ in self.flags
        )


class FakeCommitments:
    def __init__(self) -> None:
        self.by_id: dict[uuid.UUID, Commitment] = {}

    async def add(self, commitment: Commitment, *, at: dt.datetime) -> None:
        self.by_id[commitment.id] = commitment

    async def get_for_update(self, commitment_id: uuid.UUID) -> Commitment | None:
        return self.by_id.get(commitment_id)

    async def save(self, commitment: Commitment) -> None:
        self.by_id[commitment.id] = commitment


class FakeUnmatched:
    def __init__(self) -> None:
        self.parked: dict[uuid.UUID, dict[str, Any]] = {}

    async def park(self, **fields: Any) -> uuid.UUID:
        input_id = uuid.uuid4()
        self.parked[input_id] = {**fields, "status": "open"}
        return input_id


class FakeIdempotency:
    def __init__(self) -> None:
        self.keys: dict[str, str | None] = {}

    async def claim(self, key: Any) -> str | None:
        if key.key in self.keys:
            return self.keys[key.key]
        self.keys[key.key] = None
        return None

    async def complete(self, key: Any, resource_id: str) -> None:
        self.keys[key.key] = resource_id


class FakeTimers:
    def __init__(self) -> None:
        self.armed: dict[tuple[str, str], dict[str, Any]] = {}

    async def schedule_period(
        self,
        *,
        aggregate_id: str,
        name: str,
        kind: str,
        period: str,
        start: dt.date,
        province: str | None = None,
        warn_working_days: int | None = None,
        payload: Any = None,
    ) -> Deadline:
        deadline = PeriodRule(period=period, start=start, province=province).compute()
        self.armed[(aggregate_id, name)] = {
            "kind": kind,
            "period": period,
            "start": start,
            "due": deadline.due,
            "warn": warn_working_days,
        }
        return deadline

    async def schedule(
        self, *, aggregate_id: str, name: str, kind: str, due_at: dt.datetime, **_: Any
    ) -> None:
        self.armed[(aggregate_id, name)] = {"kind": kind, "due_at": due_at}

    async def cancel(self, *, aggregate_id: str, name: str, with_warning: bool = True) -> int:
        return 1 if self.armed.pop((aggregate_id, name), None) else 0

    async def cancel_all(self, aggregate_id: str) -> int:
        keys = [k for k in self.armed if k[0] == aggregate_id]
        for key in keys:
            del self.armed[key]
        return len(keys)

    def names(self, aggregate_id: uuid.UUID | str) -> set[str]:
        return {name for agg, name in self.armed if agg == str(aggregate_id)}

    def due(self, aggregate_id: uuid.UUID | str, name: str) -> dt.date:
        return self.armed[(str(aggregate_id), name)]["due"]  # type: ignore[no-any-return]


class FakeOutbox:
    def __init__(self) -> None:
        self.events: list[tuple[EventData, str]] = []

    def add(self, data: EventData, *, key: Any, subject: str | None = None) -> None:
        self.events.append((data, str(key)))

    def types(self) -> list[str]:
        return [data.event_type for data, _ in self.events]


class FakeUnitOfWork:
    """Every repository a credit handler touches, in memory; committing keeps everything."""

    def __init__(self) -> None:
        self.subjects, self.records, self.findings = FakeSubjects(), FakeRecords(), FakeFindings()
        self.commitments, self.unmatched, self.idempotency = (
            FakeCommitments(),
            FakeUnmatched(),
            FakeIdempotency(),
        )
        self.timers, self.outbox = FakeTimers(), FakeOutbox()
        self.commits = 0

    async def __aenter__(self) -> FakeUnitOfWork:
        return self

    async def __aexit__(self, *exc: object) -> None:
        return None

    async def commit(self) -> None:
        self.commits += 1


@dataclasses.dataclass
class HandlerHarness:
    """The real message bus and handlers over the in-memory unit of work, at a clock the test moves."""

    uow: FakeUnitOfWork
    clock: FakeClock
    bus: MessageBus[Any]

    def record(self, record_id: uuid.UUID | None) -> CreditRecord:
        assert record_id is not None
        return self.uow.records.by_id[record_id]

    def history(self, record_id: uuid.UUID | None) -> list[str]:
        assert record_id is not None
        return [e.event.value for e in self.uow.records.history[record_id]]


@pytest.fixture
def harness() -> HandlerHarness:
    uow, clock = FakeUnitOfWork(), FakeClock(NOW)
    options = CreditOptions(office_code="330100", low_fine_threshold=Decimal("10000"))
    bus = command_bus(lambda: uow, clock, load_credit_rules(), StatutoryDates("330000"), options)  # type: ignore[arg-type,return-value]
    return HandlerHarness(uow, clock, bus)
