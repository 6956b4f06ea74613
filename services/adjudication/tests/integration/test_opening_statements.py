"""Opening a case from a routed complaint costs five statements before the commit's one.

The drain of routed complaints (issue 19) is bound by what each case opened costs: the case record
entries go with the commit's statement, a new case deletes no projection rows, and the docket
deadline and its warning are one upsert. What it writes is unchanged: the case, its record entry,
both timers, the published event.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import event, text

from shared.testing.services import RunningService

from .conftest import CaseFlow


async def rows(adjudication: RunningService, sql: str, key: object) -> list[Any]:
    async with adjudication.container.uow_factory() as uow:
        return list(await uow.session.execute(text(sql), {"id": key}))


async def test_a_case_opens_in_five_statements_and_the_commit(
    adjudication: RunningService, flow: CaseFlow
) -> None:
    statements: list[str] = []
    engine = adjudication.container.platform.engine.sync_engine

    def seen(*args: object) -> None:
        statements.append(" ".join(str(args[2]).split()))

    await flow.open()  # the first of the series numbers it: measure a later one
    event.listen(engine, "before_cursor_execute", seen)
    try:
        case_id = await flow.open()
    finally:
        event.remove(engine, "before_cursor_execute", seen)

    *steps, commit = statements
    assert len(steps) == 5, steps
    assert not any(s.startswith("DELETE") for s in steps)
    assert "case_record" in commit and "outbox" in commit

    record = await rows(
        adjudication, "SELECT action FROM adjudication.case_record WHERE aggregate_id = :id", case_id
    )
    assert [r.action for r in record] == ["RequestFiled"]
    timers = await rows(
        adjudication,
        "SELECT name, status, explanation IS NOT NULL AS explained FROM adjudication.timers"
        " WHERE aggregate_id = :id ORDER BY name",
        str(case_id),
    )
    names = [t.name for t in timers]
    assert len(names) == 2 and names[1] == names[0] + ".warning", names
    assert [(t.status, t.explained) for t in timers] == [("scheduled", True), ("scheduled", False)]
