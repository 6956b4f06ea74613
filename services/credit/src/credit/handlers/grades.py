"""Grades: external ones stored as supplied, local ones computed from the loaded rule set (§C.4)."""

from __future__ import annotations

import datetime as dt
import uuid

from credit.domain.actors import TIMER
from credit.domain.commands import (
    ImportExternalGrades,
    RecomputeLocalGrades,
    RecordExternalGrade,
    RunMonthlyGrades,
)
from credit.domain.deadlines import GRADES_AGGREGATE, TimerKind, next_monthly_run
from credit.domain.errors import GradeRulesNotLoaded, duplicate, invalid, present
from credit.domain.grades import GradeRecord
from credit.domain.vocabulary import CHINA
from credit.handlers.audit import audit
from credit.handlers.steps import Clock
from credit.handlers.subjects import match_subject
from credit.rules import CreditOptions
from credit.unit_of_work import CreditUnitOfWork


async def record_external_grade(cmd: RecordExternalGrade, uow: CreditUnitOfWork, clock: Clock) -> GradeRecord:
    at = clock()
    return (await _store(uow, (cmd,), at=at, recorded_by=cmd.actor.id))[0]


async def import_external_grades(cmd: ImportExternalGrades, uow: CreditUnitOfWork, clock: Clock) -> int:
    """SAMR's monthly classification (or a local scheme's) for many subjects, in one transaction."""
    return len(await _store(uow, cmd.grades, at=clock(), recorded_by=cmd.actor.id))


async def _store(
    uow: CreditUnitOfWork, entries: tuple[RecordExternalGrade, ...], *, at: dt.datetime, recorded_by: str
) -> list[GradeRecord]:
    stored = []
    seen: dict[tuple[uuid.UUID, str, dt.date], int] = {}
    for index, entry in enumerate(entries):
        if entry.valid_until is not None and entry.valid_until < entry.as_of:
            field = "valid_until" if len(entries) == 1 else f"grades.{index}.valid_until"
            raise invalid(field, "date_too_early", "valid_until is before as_of", "有效期止日早于评定日")
        match = await match_subject(uow, entry.subject, at=at)
        subject = present(match.subject, "the graded subject (the API requires an identified one)")
        key = (subject.id, entry.source, entry.as_of)
        if key in seen:
            raise duplicate(
                f"grades.{index}",
                f"Entry {index} grades the same subject, source and day as entry {seen[key]}",
                f"第 {index} 条与第 {seen[key]} 条为同一主体、同一来源、同一评定日的重复评级",
            )
        seen[key] = index
        stored.append(
            GradeRecord(
                subject_id=subject.id,
                grade=entry.grade,
                source=entry.source,
                as_of=entry.as_of,
                valid_until=entry.valid_until,
                reference=entry.reference,
            )
        )
    await uow.grades.record(stored, recorded_by=recorded_by, at=at)
    for grade in stored:
        audit(
            uow,
            "grade.record",
            "credit_subject",
            grade.subject_id,
            grade=grade.grade.value,
            source=grade.source,
        )
    return stored


async def recompute_local_grades(
    cmd: RecomputeLocalGrades, uow: CreditUnitOfWork, clock: Clock, options: CreditOptions
) -> int:
    """Grade every subject with the local rule set as of ``cmd.as_of``; return how many were graded."""
    rules = options.grade_rules
    if rules is None:
        raise GradeRulesNotLoaded(
            "No local grading rules are loaded (set GRADE_RULES_FILE)",
            "未加载本地信用评级规则（GRADE_RULES_FILE）",
        )
    graded = [rules.grade(facts, cmd.as_of) for facts in await uow.grades.facts_for_every_subject()]
    await uow.grades.record(graded, recorded_by=cmd.actor.id, at=clock())
    audit(
        uow,
        "grade.recompute",
        "credit_grades",
        GRADES_AGGREGATE,
        as_of=cmd.as_of.isoformat(),
        graded=len(graded),
    )
    return len(graded)


async def run_monthly_grades(cmd: RunMonthlyGrades, uow: CreditUnitOfWork, options: CreditOptions) -> None:
    """Timer: recompute every local grade as of the run's day, then arm next month's (§C.4)."""
    if options.grade_rules is not None:
        as_of = cmd.due_at.astimezone(CHINA).date()
        await recompute_local_grades(
            RecomputeLocalGrades(as_of=as_of, actor=TIMER), uow, lambda: cmd.due_at, options
        )
    await schedule_monthly_grades(uow, after=cmd.due_at)


async def schedule_monthly_grades(uow: CreditUnitOfWork, *, after: dt.datetime) -> dt.datetime:
    """Arm the monthly recompute for the first of the month following ``after``."""
    name, due_at = next_monthly_run(after)
    await uow.timers.schedule(
        aggregate_id=GRADES_AGGREGATE,
        name=name,
        kind=TimerKind.MONTHLY_GRADES,
        due_at=due_at,
        explanation="monthly recompute of local credit grades (§C.4)",
    )
    return due_at
