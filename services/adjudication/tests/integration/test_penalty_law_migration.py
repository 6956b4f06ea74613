"""adjudication_h5_penalty_laws: a counterfeit-patent case filed and decided before penalty cases had a
``law`` comes up as a counterfeit-patent case (专利法 art. 68), findable by its subject, and goes down."""

from __future__ import annotations

import datetime as dt
import json
import uuid
from decimal import Decimal
from typing import Any

from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine

from adjudication.adapters.penalty_repository import PENALTY_FILE, PenaltyCaseRepository
from adjudication.domain.penalty import steps
from adjudication.domain.penalty.laws import PenaltyLaw
from adjudication.domain.values.actors import ActorKind
from adjudication.testing import office_rules, penalty_filing
from shared import migrations
from shared.calendar import SHANGHAI
from shared.db import make_engine, make_sessionmaker
from shared.domain.actors import Actor
from shared.service import discover_services
from shared.testing.plugin import create_database

BEFORE, AFTER = "adjudication_0006", "adjudication_h5_penalty_laws"
AT = dt.datetime(2026, 3, 2, 10, tzinfo=SHANGHAI)
HANDLER = Actor(ActorKind.HANDLER, "h-1")


def _old_file() -> tuple[uuid.UUID, dict[str, Any]]:
    rules = office_rules()
    case = steps.file_case(penalty_filing(), case_no="CP2026-000001", by=HANDLER, at=AT, rules=rules)
    dumped = PENALTY_FILE.dump_python(case, mode="json", exclude={"events", "timer_changes"})
    for added in ("law", "right_number", "public_interest_harmed", "illegal_turnover", "prior_penalties"):
        dumped.pop(added)
    dumped["decision"] = {
        "decision_no": "（2026）京知假罚字第1号",
        "fine": "10000.00",
        "gains_confiscated": None,
        "illegal_gains": None,
        "correction_order": "责令改正",
        "reasons": "假冒专利",
        "decided_on": "2026-04-10",
    }
    dumped["state"] = "DECIDED"
    return case.id, dumped


async def test_old_penalty_cases_become_counterfeit_patent_cases_and_come_down_again(postgres: Any) -> None:
    name = f"ipcase_penalty_law_{uuid.uuid4().hex[:8]}"
    await create_database(postgres, name)
    url = postgres.url(name)
    spec = discover_services()["adjudication"]
    await migrations.upgrade(spec, url, BEFORE)
    case_id, file = _old_file()
    engine = create_async_engine(url)
    try:
        async with engine.begin() as connection:
            await connection.execute(
                text(
                    "INSERT INTO adjudication.penalty_cases (id, case_no, state, subject_name,"
                    " subject_credit_code, filed_on, decision_no, file, opened_at, office_code)"
                    " VALUES (:id, 'CP2026-000001', 'DECIDED', :name, :code, '2026-03-02',"
                    " '（2026）京知假罚字第1号', CAST(:file AS jsonb), :at, '110108')"
                ),
                {
                    "id": case_id,
                    "name": file["subject"]["name"],
                    "code": file["subject"]["credit_code"],
                    "file": json.dumps(file, ensure_ascii=False),
                    "at": AT,
                },
            )
        await migrations.upgrade(spec, url, AFTER)
        async with engine.connect() as connection:
            row = (
                await connection.execute(
                    text(
                        "SELECT law, subject_key, decided_on, file->>'law' AS file_law"
                        " FROM adjudication.penalty_cases WHERE id = :id"
                    ),
                    {"id": case_id},
                )
            ).one()
        assert (row.law, row.file_law) == ("counterfeit_patent", "counterfeit_patent")
        assert (row.subject_key, row.decided_on) == (file["subject"]["credit_code"], dt.date(2026, 4, 10))

        session_engine = make_engine(url, pool_size=1)
        try:
            async with make_sessionmaker(session_engine)() as session:
                repository = PenaltyCaseRepository(session)
                loaded = await repository.get(case_id)
                assert loaded.law is PenaltyLaw.COUNTERFEIT_PATENT
                assert loaded.decision is not None and loaded.decision.fine == Decimal("10000.00")
                newer = steps.file_case(
                    penalty_filing(), case_no="CP2026-000002", by=HANDLER, at=AT, rules=office_rules()
                )
                (prior,) = await repository.prior_decisions(newer)
                assert (prior.law, prior.decision_no) == (
                    PenaltyLaw.COUNTERFEIT_PATENT,
                    "（2026）京知假罚字第1号",
                )
        finally:
            await session_engine.dispose()

        await migrations.downgrade(spec, url, BEFORE)
        async with engine.connect() as connection:
            columns = {
                r.column_name
                for r in await connection.execute(
                    text(
                        "SELECT column_name FROM information_schema.columns"
                        " WHERE table_schema = 'adjudication' AND table_name = 'penalty_cases'"
                    )
                )
            }
        assert not columns & {"law", "subject_key", "decided_on"}
        assert {"office_code", "decision_no"} <= columns
    finally:
        await engine.dispose()
