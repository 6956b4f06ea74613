"""The case record against PostgreSQL: what a step records is read back whole, with its correlation id."""

from __future__ import annotations

import datetime as dt
import uuid

from shared.calendar import SHANGHAI
from shared.case_record import CaseRecord, case_record_table
from shared.db import service_metadata
from shared.domain.actors import Actor
from shared.domain.events import Advisory, DomainEvent
from shared.domain.legal import Citation
from shared.logs import correlation_scope
from shared.testing.probe import ProbeDb

AT = dt.datetime(2026, 9, 16, 9, 0, tzinfo=SHANGHAI)


async def test_events_are_appended_and_read_back_in_order_with_everything_they_carry(
    probe_db: ProbeDb,
) -> None:
    table = case_record_table(service_metadata(probe_db.schema))
    case_id, other_id, hearing = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
    clerk = Actor("court", "3101", roles=("court",), recorded_by="clerk-7")
    moved = DomainEvent(
        name="CaseDocketed",
        at=AT,
        actor=clerk,
        transition="docket",
        from_state="SUBMITTED",
        to_state="DOCKETED",
        basis=(Citation("专利法", "65"), Citation("办法", "9", "U")),
        summary="Docketed",
        summary_zh="已立案",
        details={"docket_no": "（2026）京知裁字第1号"},
        advisories=(Advisory("u_period", "unverified period", "期限未核实"),),
        documents=({"title": "受理通知书", "sha256": "ab"},),
    )
    noted = DomainEvent(
        name="HearingNoted", at=AT, actor=Actor.system("timer"), subject="hearing", subject_id=hearing
    )
    with correlation_scope("corr-1"):
        async with probe_db.sessions() as session, session.begin():
            record = CaseRecord(session, table)
            await record.append("infringement_dispute", case_id, [moved, noted])
            await record.append("infringement_dispute", other_id, [noted])

    async with probe_db.sessions() as session:
        entries = await CaseRecord(session, table).of([case_id])

    assert [e.event for e in entries] == [moved, noted]
    assert {e.correlation_id for e in entries} == {"corr-1"}
    assert {e.aggregate_type for e in entries} == {"infringement_dispute"}
    assert entries[0].id < entries[1].id
