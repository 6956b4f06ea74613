"""Test support for adjudication: an in-memory unit of work for fast handler tests on the real bus.

:class:`FakeAdjudicationUnitOfWork` extends ``shared.testing.fakes.FakeUnitOfWork`` (case record,
outbox and timers in memory) with the service's repositories; like the database, an
:class:`AdjudicationStore` sees a step's changes only when the bus commits.
"""

from __future__ import annotations

import copy
import datetime as dt
import uuid
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from adjudication.domain.case.aggregate import Case
from adjudication.domain.case.parts.acceptance import OtherAcceptance
from adjudication.domain.case.parts.hearings import Booking, HearingMode, RoomRef
from adjudication.domain.case.parts.repeat import PriorFinding
from adjudication.domain.errors import CaseNotFound, HearingRoomNotFound, InvariantBroken, PenaltyCaseNotFound
from adjudication.domain.penalty.aggregate import PenaltyCase
from adjudication.domain.penalty.values import PriorPenalty
from adjudication.domain.values.rules import CaseRules
from adjudication.handlers import COMMAND_HANDLERS
from shared.messagebus import MessageBus
from shared.testing.fakes import FakeStore, FakeUnitOfWork


@dataclass
class AdjudicationStore(FakeStore):
    """What the in-memory units of work share, as the database would."""

    cases: dict[uuid.UUID, Case] = field(default_factory=dict)
    penalty_cases: dict[uuid.UUID, PenaltyCase] = field(default_factory=dict)
    counters: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    dockets: list[dict[str, Any]] = field(default_factory=list)
    findings: list[PriorFinding] = field(default_factory=list)
    elsewhere: list[OtherAcceptance] = field(default_factory=list)
    rooms: dict[str, RoomRef] = field(default_factory=dict)
    bookings: list[Booking] = field(default_factory=list)


class FakeCases:
    def __init__(self, uow: FakeAdjudicationUnitOfWork) -> None:
        self._uow = uow

    async def get(self, case_id: uuid.UUID, *, nowait: bool = False) -> Case:
        found = self._uow.store.cases.get(case_id)
        if found is None:
            raise CaseNotFound(f"Case {case_id} not found", f"案件 {case_id} 不存在")
        return copy.deepcopy(found)

    async def for_complaint(self, complaint_id: uuid.UUID) -> Case | None:
        found = [c for c in self._uow.store.cases.values() if c.complaint_id == complaint_id]
        return copy.deepcopy(found[0]) if found else None

    async def add(self, case: Case) -> None:
        await self.save(case)

    async def save(self, case: Case) -> None:
        saved = copy.deepcopy(case)
        saved.events, saved.timer_changes = [], []
        self._uow.on_commit(lambda store: _store(store).cases.__setitem__(case.id, saved))


class FakePenaltyCases:
    def __init__(self, uow: FakeAdjudicationUnitOfWork) -> None:
        self._uow = uow

    async def get(self, case_id: uuid.UUID, *, nowait: bool = False) -> PenaltyCase:
        found = self._uow.store.penalty_cases.get(case_id)
        if found is None:
            raise PenaltyCaseNotFound(f"Penalty case {case_id} not found", f"行政处罚案件 {case_id} 不存在")
        return copy.deepcopy(found)

    async def from_complaint(self, complaint_id: str) -> bool:
        return any(
            c.source.value == "complaint" and c.source_ref == complaint_id
            for c in self._uow.store.penalty_cases.values()
        )

    async def prior_decisions(self, case: PenaltyCase) -> tuple[PriorPenalty, ...]:
        return tuple(
            PriorPenalty(
                case_id=str(c.id),
                law=c.law,
                decision_no=c.decision.decision_no,
                decided_on=c.decision.decided_on,
            )
            for c in self._uow.store.penalty_cases.values()
            if c.id != case.id
            and c.decision is not None
            and c.subject.identity_key == case.subject.identity_key
        )

    async def add(self, case: PenaltyCase) -> None:
        await self.save(case)

    async def save(self, case: PenaltyCase) -> None:
        saved = copy.deepcopy(case)
        saved.events, saved.timer_changes = [], []
        self._uow.on_commit(lambda store: _store(store).penalty_cases.__setitem__(case.id, saved))


class FakeCounter:
    """Gap-free numbers; drawn at once, as the counter row is locked at once in PostgreSQL."""

    def __init__(self, uow: FakeAdjudicationUnitOfWork) -> None:
        self._uow = uow

    async def next(self, series: str) -> int:
        self._uow.store.counters[series] += 1
        return self._uow.store.counters[series]


class FakeRegistry:
    def __init__(self, uow: FakeAdjudicationUnitOfWork) -> None:
        self._uow = uow

    async def accepted_elsewhere(self, **_: Any) -> list[OtherAcceptance]:
        return list(self._uow.store.elsewhere)

    async def record_docket(self, **docket: Any) -> None:
        self._uow.on_commit(lambda store: _store(store).dockets.append(docket))

    async def prior_findings(self, *, patent_number: str, subject_keys: Sequence[str]) -> list[PriorFinding]:
        return [
            f
            for f in self._uow.store.findings
            if f.patent_number == patent_number and f.subject_key in subject_keys
        ]

    async def record_finding(self, **finding: Any) -> None:
        recorded = PriorFinding(
            subject_key=finding["subject_key"],
            patent_number=finding["patent_number"],
            decision_no=finding["decision_no"],
            office_code=finding["office_code"],
            effective_on=finding["effective_on"],
            case_id=str(finding["case_id"]) if finding["case_id"] else None,
        )
        self._uow.on_commit(lambda store: _store(store).findings.append(recorded))


class FakeRooms:
    def __init__(self, uow: FakeAdjudicationUnitOfWork) -> None:
        self._uow = uow

    async def add(self, *, name: str, mode: HearingMode, location: str) -> RoomRef:
        room = RoomRef(id=str(uuid.uuid4()), name=name, mode=mode)
        self._uow.on_commit(lambda store: _store(store).rooms.__setitem__(room.id, room))
        return room

    async def get(self, room_id: uuid.UUID) -> RoomRef:
        room = self._uow.store.rooms.get(str(room_id))
        if room is None:
            raise HearingRoomNotFound(f"No hearing room {room_id}", f"审理室 {room_id} 不存在")
        return room

    async def conflicts(
        self,
        resources: Sequence[str],
        starts_at: dt.datetime,
        ends_at: dt.datetime,
        *,
        except_hearing: str | None = None,
    ) -> list[Booking]:
        return [
            b
            for b in self._uow.store.bookings
            if b.resource in resources and b.starts_at < ends_at and starts_at < b.ends_at
        ]


class FakeAdjudicationUnitOfWork(FakeUnitOfWork):
    """The service's repositories in memory, over the shared fake case record, outbox and timers."""

    store: AdjudicationStore

    def __init__(self, store: AdjudicationStore) -> None:
        super().__init__(store)
        self.cases = FakeCases(self)
        self.penalty_cases = FakePenaltyCases(self)
        self.case_numbers = FakeCounter(self)
        self.registry = FakeRegistry(self)
        self.rooms = FakeRooms(self)


def fake_bus(
    store: AdjudicationStore, rules: CaseRules, clock: Callable[[], dt.datetime]
) -> MessageBus[FakeAdjudicationUnitOfWork]:
    """The service's real bus and handlers over in-memory units of work sharing ``store``."""
    return MessageBus(
        lambda: FakeAdjudicationUnitOfWork(store), COMMAND_HANDLERS, {"clock": clock, "rules": rules}
    )


def _store(store: FakeStore) -> AdjudicationStore:
    if not isinstance(store, AdjudicationStore):
        raise InvariantBroken("the fake unit of work runs on an AdjudicationStore")
    return store
