"""Complaint persistence: explicit mapping between rows and the aggregate."""

from __future__ import annotations

import uuid

from sqlalchemy import RowMapping, insert, select
from sqlalchemy.ext.asyncio import AsyncSession

from intake.adapters.orm import complaints
from intake.domain.complaint import Complaint, ComplaintStatus
from shared.logs import current_correlation_id
from shared.vocabulary import IpType, Party, RequestedProcedure


class ComplaintRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def add(self, complaint: Complaint) -> None:
        """Insert ``complaint`` and give it its sequence number (and so its reference)."""
        complaint.sequence = await self._session.scalar(
            insert(complaints)
            .values(
                id=complaint.id,
                ip_type=complaint.ip_type.value,
                right_number=complaint.right_number,
                complainant=complaint.complainant.as_dict(),
                respondents=[p.as_dict() for p in complaint.respondents],
                facts=complaint.facts,
                requested_procedure=complaint.requested_procedure.value,
                status=complaint.status.value,
                received_at=complaint.received_at,
                correlation_id=current_correlation_id(),
            )
            .returning(complaints.c.sequence)
        )

    async def get(self, complaint_id: uuid.UUID) -> Complaint | None:
        row = (
            (await self._session.execute(select(complaints).where(complaints.c.id == complaint_id)))
            .mappings()
            .one_or_none()
        )
        return None if row is None else complaint_from_row(row)


def complaint_from_row(row: RowMapping) -> Complaint:
    return Complaint(
        id=row["id"],
        sequence=row["sequence"],
        ip_type=IpType(row["ip_type"]),
        right_number=row["right_number"],
        complainant=Party.from_dict(row["complainant"]),
        respondents=tuple(Party.from_dict(p) for p in row["respondents"]),
        facts=row["facts"],
        requested_procedure=RequestedProcedure(row["requested_procedure"]),
        status=ComplaintStatus(row["status"]),
        received_at=row["received_at"],
    )
