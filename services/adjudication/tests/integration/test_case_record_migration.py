"""adjudication_0004 moves the timeline (``case_events``) into the shared ``case_record`` and back.

Rows of every shape go up and come down again unchanged; the record keeps their ids and order,
reads each legal basis as ``Citation.parse`` reads it and renders it as the timeline did; and what
only the new table can hold survives a downgrade followed by an upgrade.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from typing import Any

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine

from adjudication.views.timeline import basis_text
from shared import migrations
from shared.domain.legal import Citation
from shared.service import discover_services
from shared.testing.plugin import create_database

BEFORE, AFTER = "adjudication_0003", "adjudication_0004"
CASE, PENALTY = uuid.uuid4(), uuid.uuid4()
AT = dt.datetime(2026, 3, 4, 2, 0, tzinfo=dt.UTC)
BASES = [
    ["专利法实施细则 art. 95-97 [V]", "专利行政执法办法 (2015) art. 8, 11 [U]", "浙江省专利条例 art. 25 [V]"],
    [],
    ["湖北省专利侵权纠纷行政裁决简易程序规则 (draft) art. 3 [P]"],
    ["知识产权保护体系建设工程实施方案 (SEED-003 L24) art. — [V]"],
    ["a text that was never a citation"],  # kept whole
    ["Regs art. 1 art. 2 [V]"],  # " art. " twice: the article is what follows the last one
    ["Regs art.  [V]"],  # a citation with no article renders like this
]
# (id, case, kind, name, transition, from, to, actor kind, actor id, recorded by, details, advisories, corr.)
ROWS: list[tuple[Any, ...]] = [
    (7, CASE, "infringement_dispute", "RequestFiled", None, None, None, "requester", "requester", "intake",
     {"complaint_reference": "TS2026-1", "procedure": "ordinary"}, [], "corr-1"),
    (3, CASE, "infringement_dispute", "CaseDocketed", "docket", "SUBMITTED", "DOCKETED", "handler", "staff-1",
     None, {"docket_no": "（2026）浙知裁字第1号", "close_deadline": "2026-06-04", "nested": {"a": [1, None]}},
     [{"code": "docketed_late", "message": "late", "message_zh": "逾期"}], None),
    (12, CASE, "infringement_dispute", "DeadlineMissed", None, None, None, "system", "timer:docket", None,
     {"deadline": "docket", "due_on": "2026-03-09"}, [], None),
    (9, PENALTY, "counterfeit_penalty", "PenaltyProposed", "notify", "FILED", "NOTIFIED", "handler",
     "staff-2", None, {"fine": "1000.00"}, [], "corr-2"),
    (10, CASE, "infringement_dispute", "ProcedureChanged", None, None, None, "handler", "staff-1", None,
     {}, [], None),
    (11, CASE, "infringement_dispute", "CaseDismissed", "dismiss", "DOCKETED", "DISMISSED", "panel",
     "judge-1", None, {"reasons": ["已向法院起诉"]}, [], "corr-3"),
    (20, PENALTY, "counterfeit_penalty", "CaseTransferredToPolice", "transfer_to_police", "NOTIFIED",
     "TRANSFERRED", "office_head", "head-1", None, {"reasons": ["涉嫌犯罪"]}, [], None),
]  # fmt: skip
OLD_COLUMNS = (
    "id, case_id, case_kind, name, transition, from_state, to_state, actor_kind, actor_id, recorded_by,"
    " occurred_at, basis, details, advisories, correlation_id"
)


async def test_the_timeline_moves_into_the_case_record_and_back_without_loss(postgres: Any) -> None:
    name = f"ipcase_case_record_{uuid.uuid4().hex[:8]}"
    await create_database(postgres, name)
    url = postgres.url(name)
    spec = discover_services()["adjudication"]
    engine = create_async_engine(url)
    try:
        await migrations.upgrade(spec, url, BEFORE)
        await _insert_old_rows(engine)
        before = await _rows(engine, f"SELECT {OLD_COLUMNS} FROM adjudication.case_events ORDER BY id")

        await migrations.upgrade(spec, url, AFTER)
        record = await _rows(engine, "SELECT * FROM adjudication.case_record ORDER BY id")
        assert [r["id"] for r in record] == [r["id"] for r in before]
        for old, new in zip(before, record, strict=True):
            _assert_mapped(old, new)
        added = await _append_a_new_style_row(engine)
        assert added > max(r["id"] for r in before), "new rows continue after the copied ids"
        upgraded = await _rows(engine, "SELECT * FROM adjudication.case_record ORDER BY id")

        await migrations.downgrade(spec, url, BEFORE)
        after_down = await _rows(engine, f"SELECT {OLD_COLUMNS} FROM adjudication.case_events ORDER BY id")
        assert after_down[:-1] == before, "the old rows come back exactly"
        assert after_down[-1]["details"]["_case_record"]["summary_zh"] == "新式记录"

        await migrations.upgrade(spec, url, AFTER)
        assert await _rows(engine, "SELECT * FROM adjudication.case_record ORDER BY id") == upgraded
    finally:
        await engine.dispose()


def _assert_mapped(old: dict[str, Any], new: dict[str, Any]) -> None:
    same = ("id", "transition", "from_state", "to_state", "actor_kind", "actor_id", "recorded_by")
    assert {k: new[k] for k in same} == {k: old[k] for k in same}
    assert (new["aggregate_type"], new["aggregate_id"], new["action"]) == (
        old["case_kind"],
        old["case_id"],
        old["name"],
    )
    assert (new["occurred_at"], new["recorded_at"]) == (old["occurred_at"], old["occurred_at"])
    assert (new["details"], new["advisories"], new["correlation_id"]) == (
        old["details"],
        old["advisories"],
        old["correlation_id"],
    )
    assert new["legal_basis"] == [Citation.parse(b).as_dict() for b in old["basis"]]
    assert [basis_text(Citation.from_dict(c)) for c in new["legal_basis"]] == old["basis"]
    assert (new["actor_roles"], new["documents"], new["summary"], new["subject_id"]) == ([], [], None, None)


async def _insert_old_rows(engine: AsyncEngine) -> None:
    async with engine.begin() as connection:
        for n, row in enumerate(ROWS):
            (
                id_,
                case,
                kind,
                name,
                transition,
                source,
                target,
                actor_kind,
                actor_id,
                by,
                details,
                advice,
                corr,
            ) = row
            await connection.execute(
                text(
                    f"INSERT INTO adjudication.case_events ({OLD_COLUMNS}) VALUES (:id, :case, :kind, :name,"
                    " :transition, :source, :target, :actor_kind, :actor_id, :by, :at, CAST(:basis AS jsonb),"
                    " CAST(:details AS jsonb), CAST(:advice AS jsonb), :corr)"
                ),
                {
                    "id": id_,
                    "case": case,
                    "kind": kind,
                    "name": name,
                    "transition": transition,
                    "source": source,
                    "target": target,
                    "actor_kind": actor_kind,
                    "actor_id": actor_id,
                    "by": by,
                    "at": AT + dt.timedelta(minutes=n),
                    "basis": json.dumps(BASES[n % len(BASES)], ensure_ascii=False),
                    "details": json.dumps(details, ensure_ascii=False),
                    "advice": json.dumps(advice, ensure_ascii=False),
                    "corr": corr,
                },
            )


async def _append_a_new_style_row(engine: AsyncEngine) -> int:
    """A row with what only the case record can hold: roles, summaries, a subject, documents."""
    async with engine.begin() as connection:
        new_id = await connection.scalar(
            text(
                "INSERT INTO adjudication.case_record (aggregate_type, aggregate_id, action, actor_kind,"
                " actor_id, actor_roles, occurred_at, legal_basis, summary, summary_zh, subject, subject_id,"
                " details, documents, recorded_at) VALUES ('infringement_dispute', :case, 'HearingHeld',"
                " 'panel', 'judge-1', '[\"adjudicator\"]', :at,"
                ' \'[{"instrument": "专利行政执法办法 (2015)", "article": "14", "confidence": "U"}]\','
                " 'A new-style entry', '新式记录', 'hearing', :subject, '{\"hearing_id\": \"h-1\"}',"
                ' \'[{"kind": "record", "sha256": "ab"}]\', :recorded) RETURNING id'
            ),
            {
                "case": CASE,
                "at": AT + dt.timedelta(days=1),
                "subject": uuid.uuid4(),
                "recorded": AT + dt.timedelta(days=1, seconds=3),
            },
        )
    assert isinstance(new_id, int)
    return new_id


async def _rows(engine: AsyncEngine, query: str) -> list[dict[str, Any]]:
    async with engine.connect() as connection:
        result = await connection.execute(text(query))
        return [dict(row) for row in result.mappings()]
