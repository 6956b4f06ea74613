"""What an operator sees of one service: one snapshot for ``/ops/status``, ``/metrics`` and the ops page.

The counters and consumer lag live in the process that does the work; the rest is stored state
(outbox backlog, timers, deadlines, the audit chain head, dead letters), read here when asked — so
every replica reports the same figures and a scrape never depends on which process it reached.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import time
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import structlog
from sqlalchemy import func, select, text
from sqlalchemy.ext.asyncio import AsyncSession

from shared.audit.sealer import backlog
from shared.messaging.deadletters import DeadLetterConsole
from shared.messaging.maintenance import pending_summary
from shared.messaging.tables import MessagingTables
from shared.metrics import (
    AUDIT_CHAIN_HEAD,
    AUDIT_UNSEALED,
    AUDIT_UNSEALED_AGE,
    CONSUMER_LAG_TOTAL,
    DEAD_LETTERS,
    DEADLINES_OVERDUE,
    OUTBOX_BACKLOG,
    OUTBOX_OLDEST_AGE,
    RELAY_LED,
    TIMERS_DUE,
    TIMERS_OVERDUE,
    zero_absent,
)

if TYPE_CHECKING:
    from shared.kafka.clients import KafkaConfig
    from shared.platform import Platform
    from shared.worker import Worker

log = structlog.get_logger(__name__)
TIMER_OVERDUE_GRACE = dt.timedelta(minutes=5)
DEAD_LETTER_TIMEOUT_SECONDS = 5.0
DEAD_LETTER_SCRAPE_REUSE_SECONDS = 5.0
"""A scrape this soon after the last one reuses its dead-letter depths.

Counting dead letters reads every dead-letter topic and the resolutions topic from the start, and
each replica of each service is scraped by every Prometheus of an HA pair and by dashboards. The
operator's own views (``/ops/status``, the ops page) always read afresh.
"""

OverdueDeadlines = Callable[[AsyncSession], Awaitable[Mapping[str, int]]]
"""Open office-duty deadlines already past, per office code, read in the service's own tables."""

_overdue_queries: dict[str, OverdueDeadlines] = {}


def register_overdue_deadlines(service: str, query: OverdueDeadlines) -> None:
    """A service that tracks office-duty deadlines says how to count the overdue ones."""
    _overdue_queries[service] = query


@dataclass(frozen=True)
class Section:
    """Figures of a service's own (e.g. the partners' webhook backlog): read from its tables at every
    snapshot, shown under ``name`` in ``/ops/status`` and set on its gauges by ``publish``."""

    name: str
    read: Callable[[AsyncSession], Awaitable[Any]]
    publish: Callable[[Any], None]


_sections: dict[str, dict[str, Section]] = {}


def register_section(service: str, section: Section) -> None:
    """Add (or replace, by name) a section of the service's operator views."""
    _sections.setdefault(service, {})[section.name] = section


async def timer_counts(session: AsyncSession, tables: MessagingTables) -> dict[str, dict[str, int]]:
    """Scheduled timers due now and overdue (due for longer than the grace), per kind."""
    timers = tables.timers
    now = func.now()
    rows = (
        await session.execute(
            select(
                timers.c.kind,
                func.count().filter(timers.c.due_at <= now),
                func.count().filter(timers.c.due_at < now - TIMER_OVERDUE_GRACE),
            )
            .where(timers.c.status == "scheduled")
            .group_by(timers.c.kind)
        )
    ).all()
    return {kind: {"due": int(due), "overdue": int(overdue)} for kind, due, overdue in rows}


async def audit_head(session: AsyncSession, tables: MessagingTables) -> int | None:
    if tables.audit is None:
        return None
    seq = await session.scalar(select(tables.audit.head.c.seq))
    return None if seq is None else int(seq)


async def audit_unsealed(session: AsyncSession, tables: MessagingTables) -> dict[str, Any] | None:
    """Entries waiting for the sealer and the age of the oldest (None without an audit trail)."""
    if tables.audit is None:
        return None
    waiting = await backlog(session, tables.audit)
    age = waiting.oldest_age_seconds(dt.datetime.now(dt.UTC))
    return {"entries": waiting.entries, "oldest_age_seconds": round(age, 3)}


async def relay_led(session: AsyncSession, tables: MessagingTables) -> bool:
    """Whether some process (any replica) holds this outbox's relay lock right now."""
    held = await session.scalar(
        text(
            "SELECT EXISTS (SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND granted "
            "AND objid = (hashtext(:name)::bigint & 4294967295)::text::oid "
            "AND classid = ((hashtext(:name)::bigint >> 32) & 4294967295)::text::oid)"
        ),
        {"name": f"ipcase.outbox.{tables.schema}"},
    )
    return bool(held)


async def snapshot(
    platform: Platform,
    worker: Worker | None,
    *,
    dead_letters: bool = True,
    publish: bool = True,
    dead_letters_reuse_seconds: float = 0.0,
) -> dict[str, Any]:
    """Everything the operator views show of this service; with ``publish`` the gauges are set too.

    ``dead_letters_reuse_seconds``: dead-letter depths read that recently are shown again, not re-read.
    """
    service = platform.settings.service_name
    async with platform.sessions() as session:
        pending, oldest = await pending_summary(session, platform.tables)
        timers = await timer_counts(session, platform.tables)
        head = await audit_head(session, platform.tables)
        unsealed = await audit_unsealed(session, platform.tables)
        led = await relay_led(session, platform.tables)
        query = _overdue_queries.get(service)
        overdue = dict(await query(session)) if query else {}
        sections = list(_sections.get(service, {}).values())
        own = {section.name: await section.read(session) for section in sections}
    body: dict[str, Any] = {
        "service": service,
        "outbox": {
            "pending": pending,
            "oldest_pending_seconds": oldest,
            "relay_leader": bool(worker and worker.relay and worker.relay.is_leader),
            "relay_led": led,
        },
        "consumers": {c.name: {"lag": c.lag()} for c in worker.consumers} if worker else {},
        "timers": timers,
        "deadlines_overdue": overdue,
        "audit_chain_head": head,
        "audit_unsealed": unsealed,
        **own,
    }
    if dead_letters:
        body["dead_letters"] = await dead_letter_depths(platform.kafka, dead_letters_reuse_seconds)
    if publish:
        _publish(body)
        for section in sections:
            section.publish(own[section.name])
    return body


@dataclass(frozen=True)
class _DepthReading:
    taken: float  # time.monotonic()
    depths: dict[str, int]


_last_depths: dict[str, _DepthReading] = {}
"""The last successful reading per broker (bootstrap servers): dead letters belong to the broker."""


async def dead_letter_depths(kafka: KafkaConfig, reuse_seconds: float = 0.0) -> dict[str, Any]:
    """Open dead letters per topic, with the reading's age when an earlier one is reused."""
    last = _last_depths.get(kafka.bootstrap_servers)
    if last is not None and time.monotonic() - last.taken < reuse_seconds:
        return {"open": last.depths, "age_seconds": round(time.monotonic() - last.taken, 3)}
    try:
        async with asyncio.timeout(DEAD_LETTER_TIMEOUT_SECONDS):
            depths = await DeadLetterConsole(kafka).depths()
    except Exception as exc:  # reported, not raised: the broker may be away while the page is read
        log.warning("dead-letter depths unavailable", error=repr(exc)[:300])
        return {"error": repr(exc)[:300]}
    _last_depths[kafka.bootstrap_servers] = _DepthReading(time.monotonic(), depths)
    return {"open": depths, "age_seconds": 0.0}


def _publish(body: Mapping[str, Any]) -> None:
    service = body["service"]
    OUTBOX_BACKLOG.labels(service).set(body["outbox"]["pending"])
    OUTBOX_OLDEST_AGE.labels(service).set(body["outbox"]["oldest_pending_seconds"] or 0)
    RELAY_LED.labels(service).set(1 if body["outbox"]["relay_led"] else 0)
    for kind, counts in body["timers"].items():
        TIMERS_DUE.labels(service, kind).set(counts["due"])
        TIMERS_OVERDUE.labels(service, kind).set(counts["overdue"])
    zero_absent(TIMERS_DUE, set(body["timers"]), within=(service,))
    zero_absent(TIMERS_OVERDUE, set(body["timers"]), within=(service,))
    for office, count in body["deadlines_overdue"].items():
        DEADLINES_OVERDUE.labels(service, office).set(count)
    zero_absent(DEADLINES_OVERDUE, set(body["deadlines_overdue"]), within=(service,))
    if body["audit_chain_head"] is not None:
        AUDIT_CHAIN_HEAD.labels(service).set(body["audit_chain_head"])
    if body["audit_unsealed"] is not None:
        AUDIT_UNSEALED.labels(service).set(body["audit_unsealed"]["entries"])
        AUDIT_UNSEALED_AGE.labels(service).set(body["audit_unsealed"]["oldest_age_seconds"])
    for consumer, state in body["consumers"].items():
        CONSUMER_LAG_TOTAL.labels(consumer).set(sum(state["lag"].values()))
    for topic, depth in body.get("dead_letters", {}).get("open", {}).items():
        DEAD_LETTERS.labels(topic).set(depth)
