"""Credit's audit trail on its own database: the entries the API wrote verify as one chain, the log
refuses changes (even from its owner), and an edit made around the guard is found at its entry."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import asyncpg
import pytest
from sqlalchemy.ext.asyncio import async_sessionmaker, create_async_engine

from credit.adapters.orm import messaging
from shared.audit.tables import AuditTables
from shared.audit.verify import Report, verify_trail
from shared.db import asyncpg_dsn
from shared.testing.services import RunningService
from shared.web.auth import Role

Body = Callable[..., dict[str, Any]]


def tables() -> AuditTables:
    audit = messaging.audit
    assert audit is not None, "credit declares its audit trail"
    return audit


async def verified(database: str) -> Report:
    engine = create_async_engine(database)
    try:
        async with async_sessionmaker(engine)() as session:
            return await verify_trail(session, tables())
    finally:
        await engine.dispose()


async def test_the_trail_the_api_writes_verifies_and_an_edit_is_found_at_its_entry(
    start_service: Any, private_database: str, entry: Body
) -> None:
    credit: RunningService = await start_service(
        "credit", database_url=private_database, office_code="330100"
    )
    officer = credit.client(Role.CREDIT_OFFICER, subject="officer-chain", office="330100")
    for _ in range(3):
        rid = (await officer.post("/v1/records", json=entry())).json()["record_id"]
        assert (await officer.get(f"/v1/records/{rid}")).status_code == 200

    report = await verified(private_database)
    assert report.intact and report.entries >= 6, report

    connection = await asyncpg.connect(asyncpg_dsn(private_database))
    try:
        for statement in ("UPDATE credit.audit_log SET actor = 'x'", "DELETE FROM credit.audit_log"):
            with pytest.raises(asyncpg.InsufficientPrivilegeError, match="append-only"):
                await connection.execute(statement)
        async with connection.transaction():  # what only a superuser could do: switch the guard off
            await connection.execute("ALTER TABLE credit.audit_log DISABLE TRIGGER USER")
            await connection.execute("UPDATE credit.audit_log SET actor = 'someone-else' WHERE seq = 3")
            await connection.execute("ALTER TABLE credit.audit_log ENABLE TRIGGER USER")
    finally:
        await connection.close()

    tampered = await verified(private_database)
    assert tampered.first is not None and tampered.first.seq == 3, tampered
