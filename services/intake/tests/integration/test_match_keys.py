"""A complaint's match keys follow it when it is saved: replaced in one statement when they changed,
kept keys kept; untouched when no key changed."""

from __future__ import annotations

import uuid
from dataclasses import replace

from sqlalchemy import event, text

from intake.domain.dedup import KeyKind, MatchKey, keys_of
from intake.testing import complaint_body
from shared.identity.principals import Role
from shared.testing.services import RunningService

OFFICE = "330106"


async def stored_keys(intake: RunningService, complaint_id: uuid.UUID) -> frozenset[MatchKey]:
    async with intake.container.uow_factory() as uow:
        rows = await uow.session.execute(
            text("SELECT kind, value FROM intake.complaint_keys WHERE complaint_id = :id"),
            {"id": complaint_id},
        )
        return frozenset(MatchKey(KeyKind(kind), value) for kind, value in rows)


async def test_saving_a_complaint_replaces_only_the_keys_that_changed(intake: RunningService) -> None:
    created = await intake.client(Role.STAFF, office=OFFICE).post("/v1/complaints", json=complaint_body())
    assert created.status_code == 201, created.text
    complaint_id = uuid.UUID(created.json()["id"])
    registered = await stored_keys(intake, complaint_id)

    statements: list[str] = []
    engine = intake.container.platform.engine.sync_engine

    def seen(*args: object) -> None:
        statements.append(str(args[2]))

    event.listen(engine, "before_cursor_execute", seen)
    try:
        async with intake.container.uow_factory() as uow:
            complaint = await uow.complaints.get(complaint_id, for_update=True)
            assert complaint is not None and keys_of(complaint) == registered
            right = complaint.rights[0]
            complaint.rights = (replace(right, number=right.number + "0"), *complaint.rights[1:])
            await uow.complaints.save(complaint)
            await uow.commit()
    finally:
        event.remove(engine, "before_cursor_execute", seen)

    now = await stored_keys(intake, complaint_id)
    assert now == keys_of(complaint) != registered
    unchanged = {k for k in registered if k.kind is not KeyKind.RIGHT}
    assert unchanged and unchanged <= now  # the parties' keys stayed
    assert [k for k in now if k.kind is KeyKind.RIGHT] != [k for k in registered if k.kind is KeyKind.RIGHT]
    assert sum("complaint_keys" in s for s in statements) == 1  # one statement, not a DELETE and an INSERT

    statements.clear()
    event.listen(engine, "before_cursor_execute", seen)
    try:
        async with intake.container.uow_factory() as uow:  # a step that changes no key
            again = await uow.complaints.get(complaint_id, for_update=True)
            assert again is not None
            await uow.complaints.save(again)
            await uow.commit()
    finally:
        event.remove(engine, "before_cursor_execute", seen)
    assert not any("complaint_keys" in s for s in statements)  # the keys are left alone
    assert await stored_keys(intake, complaint_id) == now
