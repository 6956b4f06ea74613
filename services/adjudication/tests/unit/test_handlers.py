"""Handlers through the real message bus with an in-memory unit of work: what a step writes, publishes
and schedules, in one commit."""

from __future__ import annotations

import copy
import datetime as dt
import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

import pytest

from adjudication.domain.acceptance import AcceptanceChecklist, OtherAcceptance
from adjudication.domain.case import Case
from adjudication.domain.commands import DocketCase, ReachDeadline
from adjudication.domain.errors import AcceptanceBlocked
from adjudication.domain.jurisdiction import Jurisdiction, JurisdictionBasis
from adjudication.domain.repeat import PriorFinding
from adjudication.domain.states import CaseState
from adjudication.handlers import COMMAND_HANDLERS
from shared.calendar import SHANGHAI
from shared.messagebus import MessageBus

D = dt.date


@dataclass
class FakeStore:
    """What the in-memory units of work share, as the database would."""

    cases: dict[uuid.UUID, Case] = field(default_factory=dict)
    counters: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    published: list[Any] = field(default_factory=list)
    timeline: list[str] = field(default_factory=list)
    timers: dict[str, str] = field(default_factory=dict)
    dockets: list[dict[str, Any]] = field(default_factory=list)
    findings: list[PriorFinding] = field(default_factory=list)
    elsewhere: list[OtherAcceptance] = field(default_factory=list)
    commits: int = 0


class FakeUnitOfWork:
    """Implements the parts of AdjudicationUnitOfWork the handlers use; changes land on commit."""

    def __init__(self, store: FakeStore) -> None:
        self.store, self.cases, self.case_numbers = store, self, self
        self.timeline, self.outbox, self.timers, self.registry = self, self, self, self
        self._pending: list[Any] = []

    async def __aenter__(self) -> FakeUnitOfWork:
        return self

    async def __aexit__(self, *exc: object) -> None:
        self._pending.clear()

    async def commit(self) -> None:
        for change in self._pending:
            change()
        self._pending.clear()
        self.store.commits += 1

    # cases
    async def get(self, case_id: uuid.UUID, *, nowait: bool = False) -> Case:
        return copy.deepcopy(self.store.cases[case_id])

    async def save(self, case: Case) -> None:
        saved = copy.deepcopy(case)
        saved.events, saved.timer_intents = [], []
        self._pending.append(lambda: self.store.cases.__setitem__(case.id, saved))

    # numbers, timeline, outbox, timers
    async def next(self, series: str) -> int:
        self.store.counters[series] += 1
        return self.store.counters[series]

    async def append(self, case_id: uuid.UUID, kind: str, events: list[Any]) -> None:
        names = [e.name for e in events]
        self._pending.append(lambda: self.store.timeline.extend(names))

    def add(self, data: Any, *, key: Any) -> None:
        self._pending.append(lambda: self.store.published.append(data))

    async def schedule_deadline(self, *, aggregate_id: str, name: str, deadline: Any, **_: Any) -> None:
        self._pending.append(lambda: self.store.timers.__setitem__(name, str(deadline.due)))

    async def cancel(self, *, aggregate_id: str, name: str) -> int:
        self._pending.append(lambda: self.store.timers.pop(name, None))
        return 1

    # registries
    async def accepted_elsewhere(self, **_: Any) -> list[OtherAcceptance]:
        return list(self.store.elsewhere)

    async def record_docket(self, **docket: Any) -> None:
        self._pending.append(lambda: self.store.dockets.append(docket))

    async def prior_findings(self, **_: Any) -> list[PriorFinding]:
        return list(self.store.findings)

    async def record_finding(self, **finding: Any) -> None:
        self._pending.append(
            lambda: self.store.findings.append(
                PriorFinding(
                    subject_key=finding["subject_key"],
                    patent_number=finding["patent_number"],
                    decision_no=finding["decision_no"],
                    office_code=finding["office_code"],
                    effective_on=finding["effective_on"],
                    case_id=str(finding["case_id"]),
                )
            )
        )


def bus(store: FakeStore, rules: Any, now: dt.datetime) -> MessageBus[Any]:
    return MessageBus(lambda: FakeUnitOfWork(store), COMMAND_HANDLERS, {"clock": lambda: now, "rules": rules})


def docket_command(case_id: uuid.UUID) -> DocketCase:
    return DocketCase(
        case_id=case_id,
        by="staff-1",
        approved_by="处长",
        docketed_on=D(2026, 3, 4),
        jurisdiction=Jurisdiction(basis=JurisdictionBasis.RESPONDENT_DOMICILE),
        checklist=AcceptanceChecklist(
            requester_entitled=True, respondent_identified=True, claims_specific=True, patent_valid=True
        ),
    )


async def test_docketing_numbers_publishes_registers_and_rearms_timers_in_one_commit(builder: Any) -> None:
    store = FakeStore()
    case = builder.case_in(CaseState.SUBMITTED)
    store.cases[case.id] = case
    store.timers["docket"] = "2026-03-09"

    outcome = await bus(store, builder.rules, builder.moment(D(2026, 3, 4))).handle(docket_command(case.id))

    assert store.commits == 1
    assert outcome.case.docket.docket_no == "（2026）京知裁字第1号"
    assert [type(d).__name__ for d in store.published] == ["CaseTransitionedV1", "CaseDocketedV1"]
    assert store.timeline == ["CaseDocketed"]
    assert store.timers == {"serve_request_copy": "2026-03-11", "close": "2026-06-04"}
    assert [d["docket_no"] for d in store.dockets] == ["（2026）京知裁字第1号"]
    assert store.cases[case.id].state is CaseState.DOCKETED


async def test_a_blocked_docketing_changes_nothing(builder: Any) -> None:
    store = FakeStore(
        elsewhere=[
            OtherAcceptance(
                office_code="120101",
                docket_no="（2026）津知裁字第3号",
                docketed_at=dt.datetime(2026, 3, 3, tzinfo=SHANGHAI),
            )
        ]
    )
    case = builder.case_in(CaseState.SUBMITTED)
    store.cases[case.id] = case

    with pytest.raises(AcceptanceBlocked):
        await bus(store, builder.rules, builder.moment(D(2026, 3, 4))).handle(docket_command(case.id))

    assert (store.commits, store.published, store.dockets) == (0, [], [])
    assert store.cases[case.id].state is CaseState.SUBMITTED


async def test_the_last_window_lapsing_publishes_the_effective_decision_and_flags_a_repeat(
    builder: Any,
) -> None:
    case = builder.case_in(CaseState.LITIGATION_WINDOW)
    builder.serve_decision(case, "respondent-1", D(2026, 4, 17))
    builder.serve_decision(case, "respondent-2", D(2026, 4, 20))
    case.events.clear()
    case.timer_intents.clear()
    earlier = PriorFinding(
        subject_key="91110108000000001X",
        patent_number=case.patent_number,
        decision_no="（2024）京知裁决字第8号",
        office_code="110105",
        effective_on=D(2024, 6, 1),
    )
    store = FakeStore(cases={case.id: case}, findings=[earlier])
    timers = bus(store, builder.rules, builder.moment(D(2026, 5, 7), 0))

    for party in ("requester", "respondent-1", "respondent-2"):
        await timers.handle(
            ReachDeadline(aggregate_id=str(case.id), deadline=f"litigation.{party}", warning=False)
        )

    assert store.cases[case.id].state is CaseState.EFFECTIVE
    published = [type(d).__name__ for d in store.published]
    assert published.count("DecisionEffectiveV1") == 1
    assert published.count("RepeatInfringerFlaggedV1") == 1  # respondent-1 only: respondent-2 has no history
    assert {f.subject_key for f in store.findings} == {"91110108000000001X", "91110108000000002X"}
