"""Helpers for credit's integration and end-to-end tests (test modules cannot import each other).

They build the events other services publish, exactly as their contracts define them, put them on
the real broker, and let statutory time pass with a fake clock on the real timer scheduler.
"""

from __future__ import annotations

import datetime as dt
import random
import sys
import uuid
from collections.abc import Callable, Iterable
from typing import Any

from shared.contracts import CloudEvent, EventData
from shared.contracts.adjudication import DecisionEffectiveV1, DecisionRevokedV1, PerformanceRefusedV1
from shared.contracts.common import Outcome, RightRef, SubjectRef
from shared.identifiers import ALPHABET, uscc_check_character
from shared.testing.events import publish_events
from shared.testing.plugin import PostgresHandle
from shared.testing.plugin import fresh_database as shared_fresh_database
from shared.testing.waiting import eventually, read_topic
from shared.vocabulary import IpType

ADJUDICATION_SOURCE = "/ipcase/330100/adjudication"


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
