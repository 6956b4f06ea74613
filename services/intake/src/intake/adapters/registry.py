"""The rights registry table: single-right reads and writes, and the batch upsert of bulk imports."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sqlalchemy import func, select, tuple_
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from intake.adapters.orm import right_evaluation_reports, rights
from intake.domain.rights import (
    EvaluationReportRecord,
    LicenceKind,
    Licensee,
    RegisteredRight,
    RightStatus,
    normalise_number,
)
from shared.vocabulary import IpType

if TYPE_CHECKING:
    from intake.adapters.registration_reads import RegistrationReads


@dataclass(frozen=True, slots=True)
class StatusChange:
    right: RegisteredRight
    previous: RightStatus


class RightsRegistry:
    def __init__(self, session: AsyncSession, reads: RegistrationReads | None = None) -> None:
        """``reads``: a registration's one read, whose registry entries :meth:`get` takes first."""
        self._session = session
        self._reads = reads

    async def get(self, ip_type: IpType, number: str, *, for_update: bool = False) -> RegisteredRight | None:
        if self._reads is not None and not for_update:
            answered, right = self._reads.right(ip_type.value, number)
            if answered:
                return right
        query = select(rights).where(
            rights.c.ip_type == ip_type.value, rights.c.number_key == normalise_number(number)
        )
        row = (
            (await self._session.execute(query.with_for_update() if for_update else query))
            .mappings()
            .one_or_none()
        )
        return None if row is None else right_from_row(row)

    async def add_evaluation_report(self, report: EvaluationReportRecord) -> bool:
        """Store ``report``; ``False`` if this right has a report with that number already."""
        inserted = await self._session.execute(
            insert(right_evaluation_reports)
            .values(
                ip_type=report.ip_type.value,
                number_key=normalise_number(report.number),
                report_no=report.report_no,
                number=report.number,
                conclusion=report.conclusion.value,
                issued_on=report.issued_on,
                recorded_by=report.recorded_by,
                recorded_at=report.recorded_at,
            )
            .on_conflict_do_nothing()
            .returning(right_evaluation_reports.c.report_no)
        )
        return inserted.scalar_one_or_none() is not None

    async def upsert_many(
        self, batch: Sequence[RegisteredRight], source: str
    ) -> tuple[int, list[StatusChange]]:
        """Insert or replace ``batch``; return how many were new, and the rights whose status changed."""
        if not batch:
            return 0, []
        keys = [(r.ip_type.value, normalise_number(r.number)) for r in batch]
        before = {
            (row.ip_type, row.number_key): RightStatus(row.status)
            for row in await self._session.execute(
                select(rights.c.ip_type, rights.c.number_key, rights.c.status).where(
                    tuple_(rights.c.ip_type, rights.c.number_key).in_(keys)
                )
            )
        }
        latest = dict(zip(keys, batch, strict=True))  # last row of a key wins
        statement = insert(rights)
        await self._session.execute(
            statement.on_conflict_do_update(
                index_elements=[rights.c.ip_type, rights.c.number_key],
                set_={
                    name: statement.excluded[name]
                    for name in (
                        "number",
                        "holder_name",
                        "holder_credit_code",
                        "status",
                        "valid_until",
                        "title",
                        "licensees",
                        "source",
                    )
                }
                | {"updated_at": func.now()},
            ),
            [_row(right, source) for right in latest.values()],
        )
        changes = [
            StatusChange(right, before[key])
            for key, right in latest.items()
            if key in before and before[key] is not right.status
        ]
        return len(latest) - len(before), changes


def _row(right: RegisteredRight, source: str) -> dict[str, object]:
    return {
        "ip_type": right.ip_type.value,
        "number_key": normalise_number(right.number),
        "number": right.number,
        "holder_name": right.holder_name,
        "holder_credit_code": right.holder_credit_code,
        "status": right.status.value,
        "valid_until": right.valid_until,
        "title": right.title,
        "licensees": [
            {"name": lic.name, "credit_code": lic.credit_code, "kind": lic.kind.value}
            for lic in right.licensees
        ],
        "source": source,
    }


def right_from_row(data: Mapping[Any, Any]) -> RegisteredRight:
    return RegisteredRight(
        ip_type=IpType(data["ip_type"]),
        number=data["number"],
        holder_name=data["holder_name"],
        holder_credit_code=data["holder_credit_code"],
        status=RightStatus(data["status"]),
        valid_until=data["valid_until"],
        title=data["title"],
        licensees=tuple(
            Licensee(
                name=lic["name"],
                credit_code=lic.get("credit_code"),
                kind=LicenceKind(lic.get("kind", "ordinary")),
            )
            for lic in data["licensees"]
        ),
    )
