"""Read side of the rights registry and its import jobs."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Literal

from pydantic import BaseModel, Field
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from intake.adapters.orm import import_errors, import_jobs, right_evaluation_reports, rights
from intake.domain.errors import EvaluationReportNotFound, ImportJobNotFound, RightNotFound
from intake.domain.rights import EvaluationConclusion, LicenceKind, RightStatus, normalise_number
from shared.local_time import LocalDateTime
from shared.vocabulary import IpType


class LicenseeOut(BaseModel):
    name: str
    credit_code: str | None
    kind: LicenceKind


class RightRead(BaseModel):
    ip_type: IpType
    number: str
    holder_name: str
    holder_credit_code: str | None
    status: RightStatus
    valid_until: dt.date | None
    title: str | None
    licensees: list[LicenseeOut]
    source: str = Field(description="staff:<who> or import:<job id>")
    updated_at: LocalDateTime


class EvaluationReportRead(BaseModel):
    ip_type: IpType
    number: str
    report_no: str
    conclusion: EvaluationConclusion
    issued_on: dt.date
    recorded_by: str
    recorded_at: LocalDateTime


class ImportJobRead(BaseModel):
    id: uuid.UUID
    file_name: str
    format: str
    status: Literal["pending", "running", "completed", "failed"]
    total_rows: int | None
    processed_rows: int
    inserted: int
    updated: int
    failed_rows: int
    status_changes: int
    progress: float = Field(description="processed_rows / total_rows, 0..1")
    error: str | None
    created_by: str
    created_at: LocalDateTime
    started_at: LocalDateTime | None
    finished_at: LocalDateTime | None


class ImportErrorRead(BaseModel):
    row_number: int
    field: str
    message: str


class ImportErrorPage(BaseModel):
    items: list[ImportErrorRead]
    total: int
    limit: int
    offset: int


class RegistryViews:
    def __init__(self, sessions: async_sessionmaker[AsyncSession]) -> None:
        self._sessions = sessions

    async def right(self, ip_type: IpType, number: str) -> RightRead:
        async with self._sessions() as session:
            row = (
                (
                    await session.execute(
                        select(rights).where(
                            rights.c.ip_type == ip_type.value, rights.c.number_key == normalise_number(number)
                        )
                    )
                )
                .mappings()
                .one_or_none()
            )
        if row is None:
            raise RightNotFound(f"No {ip_type.value} {number} in the registry", f"登记库中无此权利 {number}")
        return RightRead.model_validate(dict(row))

    async def evaluation_report(self, ip_type: IpType, number: str, report_no: str) -> EvaluationReportRead:
        table = right_evaluation_reports
        async with self._sessions() as session:
            row = (
                (
                    await session.execute(
                        select(table).where(
                            table.c.ip_type == ip_type.value,
                            table.c.number_key == normalise_number(number),
                            table.c.report_no == report_no,
                        )
                    )
                )
                .mappings()
                .one_or_none()
            )
        if row is None:
            raise EvaluationReportNotFound(
                f"No evaluation report {report_no} recorded for {number}",
                f"{number} 未登记评价报告 {report_no}",
            )
        return EvaluationReportRead.model_validate(dict(row))

    async def job(self, job_id: uuid.UUID) -> ImportJobRead:
        async with self._sessions() as session:
            row = (
                (await session.execute(select(import_jobs).where(import_jobs.c.id == job_id)))
                .mappings()
                .one_or_none()
            )
        if row is None:
            raise ImportJobNotFound(f"Import job {job_id} not found", f"导入任务 {job_id} 不存在")
        total = row["total_rows"]
        progress = 1.0 if row["status"] == "completed" else (row["processed_rows"] / total if total else 0.0)
        return ImportJobRead.model_validate({**row, "progress": round(progress, 4)})

    async def errors(self, job_id: uuid.UUID, *, limit: int, offset: int) -> ImportErrorPage:
        await self.job(job_id)
        async with self._sessions() as session:
            total = await session.scalar(
                select(func.count()).select_from(import_errors).where(import_errors.c.job_id == job_id)
            )
            rows = await session.execute(
                select(import_errors.c.row_number, import_errors.c.field, import_errors.c.message)
                .where(import_errors.c.job_id == job_id)
                .order_by(import_errors.c.row_number, import_errors.c.field)
                .limit(limit)
                .offset(offset)
            )
            items = [ImportErrorRead.model_validate(dict(r)) for r in rows.mappings()]
        return ImportErrorPage(items=items, total=int(total or 0), limit=limit, offset=offset)
