"""Every state machine's whole transition table: each step works from its sources and nowhere else."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Mapping
from enum import StrEnum
from typing import Any

import pytest

from intake.domain import centre_case, complaint, ecommerce_notice, import_jobs, rights, trade_fair
from intake.domain.errors import IllegalStep, InvalidComplaint
from intake.domain.events import staff
from intake.domain.workflow import Workflow
from intake.testing import NOW, workflow_record
from intake.testing import complaint as a_complaint
from shared.domain.deadlines import DeadlineKind
from shared.domain.lifecycle import Transition, TransitionTable

STAFF = staff("staff-1")
S, C, T, N = (
    complaint.ComplaintStatus,
    centre_case.CentreCaseStatus,
    trade_fair.TradeFairStatus,
    ecommerce_notice.NoticeStatus,
)

COMPLAINT_BEFORE: Mapping[StrEnum, frozenset[StrEnum]] = {
    S.RECEIVED: frozenset({S.ACCEPTED, S.CORRECTION_REQUESTED, S.NOT_ACCEPTED, S.DUPLICATE, S.WITHDRAWN}),
    S.CORRECTION_REQUESTED: frozenset({S.ACCEPTED, S.CORRECTION_REQUESTED, S.NOT_ACCEPTED, S.WITHDRAWN}),
    S.ACCEPTED: frozenset({S.ROUTED, S.REFERRED, S.IN_CENTRE, S.NOT_ACCEPTED, S.WITHDRAWN}),
    S.DUPLICATE: frozenset({S.RECEIVED, S.CLOSED}),
    S.ROUTED: frozenset(
        {S.ROUTED, S.REFERRED, S.IN_CENTRE, S.NOT_ACCEPTED, S.CASE_OPENED, S.CLOSED, S.WITHDRAWN}
    ),
    S.REFERRED: frozenset({S.ROUTED, S.REFERRED, S.IN_CENTRE, S.NOT_ACCEPTED, S.CLOSED}),
    S.IN_CENTRE: frozenset({S.ROUTED, S.REFERRED, S.IN_CENTRE, S.NOT_ACCEPTED, S.CLOSED, S.WITHDRAWN}),
    S.NOT_ACCEPTED: frozenset({S.ROUTED, S.REFERRED, S.IN_CENTRE}),
    S.CASE_OPENED: frozenset({S.CLOSED}),
    S.CLOSED: frozenset(),
    S.WITHDRAWN: frozenset(),
}
CENTRE_BEFORE: Mapping[StrEnum, frozenset[StrEnum]] = {
    C.RECEIVED: frozenset({C.TRIAGED}),
    C.TRIAGED: centre_case.REFERRALS | {C.OPINION_DRAFTING},
    C.OPINION_DRAFTING: frozenset({C.OPINION_ISSUED}),
    C.OPINION_ISSUED: frozenset({C.CLOSED}),
    **dict.fromkeys(centre_case.REFERRALS, frozenset({C.CLOSED})),
    C.CLOSED: frozenset(),
}
FAIR_BEFORE: Mapping[StrEnum, frozenset[StrEnum]] = {
    T.COMPLAINT_FILED: frozenset({T.FORWARDED_TO_IP_OFFICE}),
    T.FORWARDED_TO_IP_OFFICE: frozenset({T.RESPONDENT_NOTIFIED}),
    T.RESPONDENT_NOTIFIED: trade_fair.OUTCOMES | {T.STATEMENT_RECEIVED},
    T.STATEMENT_RECEIVED: trade_fair.OUTCOMES,
    **dict.fromkeys(trade_fair.OUTCOMES, frozenset()),
}
NOTICE_BEFORE: Mapping[StrEnum, frozenset[StrEnum]] = {
    N.NOTICE_RECEIVED: frozenset({N.REJECTED_INSUFFICIENT_EVIDENCE, N.MEASURES_TAKEN}),
    N.MEASURES_TAKEN: frozenset({N.AWAITING_COUNTER_NOTICE}),
    N.AWAITING_COUNTER_NOTICE: frozenset({N.MEASURES_MAINTAINED, N.COUNTER_NOTICE_RECEIVED}),
    N.COUNTER_NOTICE_RECEIVED: frozenset({N.WAITING_15D}),
    N.WAITING_15D: frozenset({N.MEASURES_MAINTAINED_PENDING_OUTCOME, N.MEASURES_TERMINATED}),
    N.REJECTED_INSUFFICIENT_EVIDENCE: frozenset(),
    N.MEASURES_MAINTAINED: frozenset(),
    N.MEASURES_MAINTAINED_PENDING_OUTCOME: frozenset(),
    N.MEASURES_TERMINATED: frozenset(),
}
BEFORE_THE_SHARED_GUARD: list[tuple[TransitionTable[Any], Mapping[StrEnum, frozenset[StrEnum]]]] = [
    (complaint.TRANSITIONS, COMPLAINT_BEFORE),
    (centre_case.TRANSITIONS, CENTRE_BEFORE),
    (trade_fair.TRANSITIONS, FAIR_BEFORE),
    (ecommerce_notice.TRANSITIONS, NOTICE_BEFORE),
]
"""Each state's successors as the service's own tables listed them: the shared tables keep them."""

WORKFLOWS: list[tuple[str, TransitionTable[Any], Mapping[StrEnum, frozenset[StrEnum]]]] = [
    ("centre", centre_case.TRANSITIONS, CENTRE_BEFORE),
    ("fair", trade_fair.TRANSITIONS, FAIR_BEFORE),
    ("notice", ecommerce_notice.TRANSITIONS, NOTICE_BEFORE),
]
TABLES: list[tuple[TransitionTable[Any], StrEnum]] = [
    (complaint.TRANSITIONS, S.RECEIVED),
    (centre_case.TRANSITIONS, C.RECEIVED),
    (trade_fair.TRANSITIONS, T.COMPLAINT_FILED),
    (ecommerce_notice.TRANSITIONS, N.NOTICE_RECEIVED),
    (import_jobs.TRANSITIONS, import_jobs.ImportStatus.PENDING),
    (rights.STATUS_CHANGES, rights.RightStatus.VALID),
]


def _cases(table: TransitionTable[Any]) -> list[tuple[Transition[Any], Any]]:
    return list(itertools.product(table, table.states.__members__.values()))


@pytest.mark.parametrize(("table", "initial"), TABLES, ids=lambda x: getattr(x, "value", None) or "table")
def test_every_state_is_reachable_from_the_initial_one(table: TransitionTable[Any], initial: StrEnum) -> None:
    assert table.unreachable([initial]) == set()


@pytest.mark.parametrize(
    ("table", "before"), BEFORE_THE_SHARED_GUARD, ids=["complaint", "centre", "fair", "notice"]
)
def test_the_tables_allow_exactly_the_moves_the_services_own_tables_did(
    table: TransitionTable[Any], before: Mapping[StrEnum, frozenset[StrEnum]]
) -> None:
    for state in table.states.__members__.values():
        assert {row.target for row in table.allowed(state)} == before[state], state


@pytest.mark.parametrize(
    ("row", "current"), _cases(complaint.TRANSITIONS), ids=lambda x: getattr(x, "name", None) or str(x)
)
def test_complaint_transition_table(row: Transition[complaint.ComplaintStatus], current: Any) -> None:
    c = a_complaint(status=current)
    if current in row.sources:
        c._move(row.name, STAFF, NOW, ("s", "s"))
        assert c.status is row.target
        event = c.events[-1]
        assert (event.name, event.transition, event.actor, event.at) == (row.event, row.name, STAFF, NOW)
        assert (event.details["from"], event.details["to"]) == (current.value, row.target.value)
        assert (event.from_state, event.to_state) == (current.value, row.target.value)
    else:
        with pytest.raises(IllegalStep) as refused:
            c._move(row.name, STAFF, NOW, ("s", "s"))
        assert refused.value.requested == row.target.value
        assert refused.value.allowed == tuple(sorted(s.value for s in COMPLAINT_BEFORE[current]))
        assert c.status is current and not c.events


@pytest.mark.parametrize(
    ("kind", "row", "current", "before"),
    [(kind, row, state, before) for kind, table, before in WORKFLOWS for row, state in _cases(table)],
    ids=lambda x: getattr(x, "name", None) or (x if isinstance(x, str) else "before"),
)
def test_workflow_transition_tables(
    kind: str, row: Transition[Any], current: Any, before: Mapping[StrEnum, frozenset[StrEnum]]
) -> None:
    record: Workflow[Any] = workflow_record(kind, current)
    if current in row.sources:
        record._move(row.name, STAFF, NOW, ("en", "zh"))
        assert record.status is row.target
        event = record.events[-1]
        assert (event.name, event.subject, event.subject_id) == (row.event, record.SUBJECT, record.id)
        assert event.details == {"from": current.value, "to": row.target.value}
    else:
        with pytest.raises(IllegalStep) as refused:
            record._move(row.name, STAFF, NOW, ("en", "zh"))
        assert refused.value.allowed == tuple(sorted(s.value for s in before[current]))
        assert record.status is current and not record.events


@pytest.mark.parametrize(
    ("row", "current"), _cases(import_jobs.TRANSITIONS), ids=lambda x: getattr(x, "name", None) or str(x)
)
def test_import_job_transition_table(row: Transition[import_jobs.ImportStatus], current: Any) -> None:
    if current in row.sources:
        assert import_jobs.MACHINE.step(current, row.name).target is row.target
    else:
        with pytest.raises(IllegalStep):
            import_jobs.MACHINE.step(current, row.name)


def test_a_claimed_import_job_starts_or_resumes() -> None:
    assert import_jobs.run(import_jobs.ImportStatus.PENDING) is import_jobs.ImportStatus.RUNNING
    assert import_jobs.run(import_jobs.ImportStatus.RUNNING) is import_jobs.ImportStatus.RUNNING
    with pytest.raises(IllegalStep):
        import_jobs.run(import_jobs.ImportStatus.COMPLETED)


@pytest.mark.parametrize(("current", "new"), list(itertools.product(rights.RightStatus, rights.RightStatus)))
def test_a_registry_status_may_follow_any_other(current: rights.RightStatus, new: rights.RightStatus) -> None:
    assert rights.RIGHT_STATUS.step(current, f"record_{new.value}").target is new


def test_findings_at_two_consecutive_sessions_flag_a_repeat_exhibitor() -> None:
    """§D.3a step 6 [P] (展会知识产权保护办法 2006, as reported by CCTV): two or more **consecutive**
    infringements bar the exhibitor from the next session. The record's session is "138"."""
    first: trade_fair.TradeFairCase = workflow_record("fair", T.RESPONDENT_NOTIFIED, session="第137届")
    first.order_measures((trade_fair.Measure.COVER,), "covered", [], STAFF, NOW)
    again: trade_fair.TradeFairCase = workflow_record("fair", T.STATEMENT_RECEIVED)
    again.order_measures(
        (trade_fair.Measure.WITHDRAW,), "withdrawn", ["第137届"], STAFF, NOW + dt.timedelta(days=180)
    )

    assert not first.repeat_exhibitor
    assert again.repeat_exhibitor
    assert [e.name for e in again.events] == ["MeasuresOrdered", "RepeatExhibitorFlagged"]


def test_a_finding_at_a_non_consecutive_session_does_not_flag_a_repeat_exhibitor() -> None:
    """§D.3a step 6 [P]: issue 17's scenario — findings at the 135th and the 138th sessions (not
    consecutive) flagged the exhibitor; only the session directly before or after counts."""
    case: trade_fair.TradeFairCase = workflow_record("fair", T.STATEMENT_RECEIVED)  # session "138"
    case.order_measures((trade_fair.Measure.COVER,), "covered", ["第135届", "136"], STAFF, NOW)
    assert not case.repeat_exhibitor
    assert [e.name for e in case.events] == ["MeasuresOrdered"]


@pytest.mark.parametrize(
    ("session", "number"),
    [("第138届", 138), ("138", 138), ("第 12 届", 12), ("138th", 138), ("2026春季", None), ("秋季", None)],
)
def test_a_sessions_number_is_read_from_its_name(session: str, number: int | None) -> None:
    assert trade_fair.session_ordinal(session) == number


def test_an_unnumbered_session_is_never_flagged_automatically() -> None:
    """Consecutiveness needs the sessions' numbers; without them nothing is flagged (staff judge)."""
    assert trade_fair.consecutive_sessions("2026春季", ["2025秋季"]) == []
    assert trade_fair.consecutive_sessions("第138届", ["第139届", "第137届", "第136届"]) == [
        "第137届",
        "第139届",
    ]


def test_notarisation_delay_is_capped() -> None:
    notice: ecommerce_notice.EcommerceNotice = workflow_record("notice", N.WAITING_15D)
    notice.holder_arrival_at = NOW
    notice.track(
        "termination",
        period="ecommerce.counter_notice_wait",
        at=NOW,
        kind=DeadlineKind.TIME_LIMIT,
        province=None,
    )
    notice.claim_notarisation_delay(20, 20, "公证处排期", STAFF, NOW, None)
    assert notice.extension_wd_claimed == 20
    with pytest.raises(InvalidComplaint) as refused:
        notice.claim_notarisation_delay(21, 20, "too long", STAFF, NOW, None)
    assert refused.value.field_errors[0].field == "working_days"


def test_notarisation_delay_is_refused_before_the_wait_began() -> None:
    notice: ecommerce_notice.EcommerceNotice = workflow_record("notice", N.COUNTER_NOTICE_RECEIVED)
    with pytest.raises(IllegalStep) as refused:
        notice.claim_notarisation_delay(3, 20, "公证处排期", STAFF, NOW, None)
    assert (refused.value.requested, refused.value.allowed) == ("WAITING_15D", ("WAITING_15D",))
