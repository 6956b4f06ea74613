"""Hearing rooms and the bookings that would clash with a planned hearing."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Sequence

from sqlalchemy import insert, select
from sqlalchemy.dialects.postgresql import Range
from sqlalchemy.ext.asyncio import AsyncSession

from adjudication.adapters.orm import hearing_bookings, hearing_rooms
from adjudication.domain.case.parts.hearings import Booking, HearingMode, RoomRef
from adjudication.domain.errors import HearingRoomNotFound


class HearingRooms:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def add(self, *, name: str, mode: HearingMode, location: str) -> RoomRef:
        room_id = uuid.uuid4()
        await self._session.execute(
            insert(hearing_rooms).values(id=room_id, name=name, mode=mode.value, location=location)
        )
        return RoomRef(id=str(room_id), name=name, mode=mode)

    async def get(self, room_id: uuid.UUID) -> RoomRef:
        row = (
            await self._session.execute(
                select(hearing_rooms).where(hearing_rooms.c.id == room_id, hearing_rooms.c.active)
            )
        ).one_or_none()
        if row is None:
            raise HearingRoomNotFound(f"No hearing room {room_id}", f"审理室 {room_id} 不存在")
        return RoomRef(id=str(row.id), name=row.name, mode=HearingMode(row.mode))

    async def conflicts(
        self,
        resources: Sequence[str],
        starts_at: dt.datetime,
        ends_at: dt.datetime,
        *,
        except_hearing: str | None = None,
    ) -> list[Booking]:
        """Bookings of any of ``resources`` overlapping ``[starts_at, ends_at)`` (other hearings only)."""
        query = select(hearing_bookings).where(
            hearing_bookings.c.resource.in_(resources),
            hearing_bookings.c.during.overlaps(Range(starts_at, ends_at, bounds="[)")),
        )
        if except_hearing is not None:
            query = query.where(hearing_bookings.c.hearing_id != except_hearing)
        rows = await self._session.execute(query)
        return [
            Booking(resource=r.resource, case_no=r.case_no, starts_at=r.during.lower, ends_at=r.during.upper)
            for r in rows
        ]
