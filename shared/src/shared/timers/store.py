"""The timers table and the operations a handler uses inside its unit of work."""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from sqlalchemy import (
    Boolean,
    Column,
    DateTime,
    Index,
    Integer,
    MetaData,
    RowMapping,
    Table,
    Text,
    func,
    select,
    text,
    update,
)
from sqlalchemy.dialects.postgresql import JSONB, Insert, insert
from sqlalchemy.ext.asyncio import AsyncSession

from shared.calendar import Deadline, NoticeReading, catalogue, compute, latest_notice_date, parse_period
from shared.calendar.deadline import SHANGHAI


class TimerStatus(StrEnum):
    SCHEDULED = "scheduled"
    FIRED = "fired"
    CANCELLED = "cancelled"
    FAILED = "failed"


def timer_table(metadata: MetaData) -> Table:
    """``(aggregate_id, name)`` identifies a timer: scheduling the same name again reschedules it."""
    return Table(
        "timers",
        metadata,
        Column("aggregate_id", Text, primary_key=True),
        Column("name", Text, primary_key=True),
        Column("kind", Text, nullable=False),
        Column("due_at", DateTime(timezone=True), nullable=False),
        Column("status", Text, nullable=False),
        Column("payload", JSONB, nullable=False),
        Column("provisional", Boolean, nullable=False, server_default=text("false")),
        Column("explanation", Text),
        Column("rule", JSONB),
        Column("attempts", Integer, nullable=False, server_default=text("0")),
        Column("not_before", DateTime(timezone=True)),
        Column("last_error", Text),
        Column("fired_at", DateTime(timezone=True)),
        Column("created_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
        Column("updated_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
        Index("ix_timers_due", "due_at", postgresql_where=text("status = 'scheduled'")),
    )


@dataclass(frozen=True, slots=True)
class DueTimer:
    """A timer as its handler receives it."""

    aggregate_id: str
    name: str
    kind: str
    due_at: dt.datetime
    payload: Mapping[str, Any] = field(default_factory=dict)
    provisional: bool = False

    @property
    def is_warning(self) -> bool:
        return self.name.endswith(WARNING_SUFFIX)


WARNING_SUFFIX = ".warning"


class Timers:
    """Schedule and cancel timers in the caller's transaction."""

    def __init__(self, session: AsyncSession, table: Table) -> None:
        self._session = session
        self._table = table

    async def schedule(
        self,
        *,
        aggregate_id: str,
        name: str,
        kind: str,
        due_at: dt.datetime,
        payload: Mapping[str, Any] | None = None,
        provisional: bool = False,
        explanation: str | None = None,
        rule: Mapping[str, Any] | None = None,
    ) -> None:
        """Create the timer, or move it (and re-arm it) if one with this name exists."""
        row = _timer_row(aggregate_id, name, kind, due_at, payload, provisional, explanation, rule)
        await self._session.execute(_upsert(self._table), row)

    async def schedule_deadline(
        self,
        *,
        aggregate_id: str,
        name: str,
        kind: str,
        deadline: Deadline,
        warn_working_days: int | None = None,
        payload: Mapping[str, Any] | None = None,
        rule: Mapping[str, Any] | None = None,
    ) -> None:
        """A timer at the moment ``deadline`` runs out, and optionally a due-soon warning.

        The warning fires at 00:00 (Asia/Shanghai) of the day ``warn_working_days`` working days
        before the due day, under the name ``<name>.warning``. Both are written in one statement.
        """
        provisional = deadline.provisional
        rows = [
            _timer_row(
                aggregate_id, name, kind, deadline.ends_at, payload, provisional, deadline.render(), rule
            )
        ]
        if warn_working_days:
            warn_day = latest_notice_date(deadline.due, warn_working_days, reading=NoticeReading.LENIENT).due
            warn_at = dt.datetime.combine(warn_day, dt.time(), tzinfo=SHANGHAI)
            rows.append(
                _timer_row(
                    aggregate_id, name + WARNING_SUFFIX, kind, warn_at, payload, provisional, None, None
                )
            )
        await self._session.execute(_upsert(self._table), rows[0] if len(rows) == 1 else rows)

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
        payload: Mapping[str, Any] | None = None,
    ) -> Deadline:
        """Schedule the deadline of ``period`` (a catalogue name, or ``+15cd``-style) from ``start``.

        The inputs are kept with the timer, so a deadline computed on a rules-only (provisional)
        calendar year is recomputed by :func:`recompute_provisional` once the notice is loaded.
        """
        rule = PeriodRule(period=period, start=start, province=province, warn_working_days=warn_working_days)
        deadline = rule.compute()
        await self.schedule_deadline(
            aggregate_id=aggregate_id,
            name=name,
            kind=kind,
            deadline=deadline,
            warn_working_days=warn_working_days,
            payload=payload,
            rule=rule.as_dict(),
        )
        return deadline

    async def cancel(self, *, aggregate_id: str, name: str, with_warning: bool = True) -> int:
        """Cancel a scheduled timer (and its warning); return how many were cancelled."""
        names = [name, name + WARNING_SUFFIX] if with_warning else [name]
        table = self._table
        result = await self._session.execute(
            update(table)
            .where(
                table.c.aggregate_id == aggregate_id,
                table.c.name.in_(names),
                table.c.status == TimerStatus.SCHEDULED.value,
            )
            .values(status=TimerStatus.CANCELLED.value, updated_at=func.now())
        )
        return int(result.rowcount)  # type: ignore[attr-defined]

    async def cancel_all(self, aggregate_id: str) -> int:
        table = self._table
        result = await self._session.execute(
            update(table)
            .where(table.c.aggregate_id == aggregate_id, table.c.status == TimerStatus.SCHEDULED.value)
            .values(status=TimerStatus.CANCELLED.value, updated_at=func.now())
        )
        return int(result.rowcount)  # type: ignore[attr-defined]

    async def scheduled(self, aggregate_id: str) -> list[DueTimer]:
        """The aggregate's armed timers, soonest first."""
        table = self._table
        rows = await self._session.execute(
            select(table)
            .where(table.c.aggregate_id == aggregate_id, table.c.status == TimerStatus.SCHEDULED.value)
            .order_by(table.c.due_at)
        )
        return [due_timer(row) for row in rows.mappings()]


def _timer_row(
    aggregate_id: str,
    name: str,
    kind: str,
    due_at: dt.datetime,
    payload: Mapping[str, Any] | None,
    provisional: bool,
    explanation: str | None,
    rule: Mapping[str, Any] | None,
) -> dict[str, Any]:
    """A scheduled timer's row: armed afresh (no attempts, no error, not fired)."""
    if due_at.tzinfo is None:
        raise ValueError("timers need an aware due time")
    return {
        "aggregate_id": aggregate_id,
        "name": name,
        "kind": kind,
        "due_at": due_at,
        "status": TimerStatus.SCHEDULED.value,
        "payload": dict(payload or {}),
        "provisional": provisional,
        "explanation": explanation,
        "rule": dict(rule) if rule else None,
        "attempts": 0,
        "not_before": None,
        "last_error": None,
        "fired_at": None,
    }


@functools.cache
def _upsert(table: Table) -> Insert:
    """Insert timers (the rows given at execution), or move and re-arm those that exist.

    Built once per table: executed with one row or a list of rows, one statement either way.
    """
    statement = insert(table)
    return statement.on_conflict_do_update(
        index_elements=[table.c.aggregate_id, table.c.name],
        set_={**{name: statement.excluded[name] for name in REARMED}, "updated_at": func.now()},
    )


REARMED = (
    "kind",
    "due_at",
    "status",
    "payload",
    "provisional",
    "explanation",
    "rule",
    "attempts",
    "not_before",
    "last_error",
    "fired_at",
)
"""What scheduling a timer that exists sets (every column of :func:`_timer_row` but the key)."""


def due_timer(row: RowMapping) -> DueTimer:
    return DueTimer(
        aggregate_id=row["aggregate_id"],
        name=row["name"],
        kind=row["kind"],
        due_at=row["due_at"],
        payload=row["payload"],
        provisional=row["provisional"],
    )


@dataclass(frozen=True, slots=True)
class PeriodRule:
    """How a timer's deadline was computed, so that it can be computed again."""

    period: str
    start: dt.date
    province: str | None = None
    warn_working_days: int | None = None

    def compute(self) -> Deadline:
        if self.period.startswith("+"):
            return compute(self.start, parse_period(self.period))
        return catalogue.deadline(self.period, self.start, province=self.province)

    def as_dict(self) -> dict[str, Any]:
        return {
            "period": self.period,
            "start": self.start.isoformat(),
            "province": self.province,
            "warn_working_days": self.warn_working_days,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> PeriodRule:
        return cls(
            period=str(data["period"]),
            start=dt.date.fromisoformat(data["start"]),
            province=data.get("province"),
            warn_working_days=data.get("warn_working_days"),
        )


async def recompute_provisional(session: AsyncSession, table: Table) -> list[tuple[str, str, dt.date]]:
    """Recompute armed provisional deadlines with the calendar now loaded; return what moved.

    Run after an operator loads a new year's holiday notice (``ipcase timers recompute``).
    """
    rows = (
        await session.execute(
            select(table).where(
                table.c.status == TimerStatus.SCHEDULED.value,
                table.c.provisional.is_(True),
                table.c.rule.is_not(None),
            )
        )
    ).mappings()
    moved = []
    timers = Timers(session, table)
    for row in rows:
        rule = PeriodRule.from_dict(row["rule"])
        deadline = rule.compute()
        if deadline.ends_at != row["due_at"] or not deadline.provisional:
            await timers.schedule_deadline(
                aggregate_id=row["aggregate_id"],
                name=row["name"],
                kind=row["kind"],
                deadline=deadline,
                warn_working_days=rule.warn_working_days,
                payload=row["payload"],
                rule=rule.as_dict(),
            )
            moved.append((row["aggregate_id"], row["name"], deadline.due))
    return moved
