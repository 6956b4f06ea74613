"""Dockets and effective findings of this and other offices: first-to-accept and repeat infringement."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Sequence

from sqlalchemy import bindparam, select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from adjudication.adapters.orm import docket_registry, findings
from adjudication.domain.case.parts.acceptance import OtherAcceptance
from adjudication.domain.case.parts.repeat import PriorFinding

# Built once, executed with parameters (a case opened from every routed complaint asks it).
_PRIOR_FINDINGS = (
    select(findings)
    .where(
        findings.c.patent_number == bindparam("patent_number"),
        findings.c.subject_key.in_(bindparam("subject_keys", expanding=True)),
    )
    .order_by(findings.c.effective_on)
)


class DisputeRegistry:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def accepted_elsewhere(
        self, *, patent_number: str, requester_key: str, respondent_keys: Sequence[str], own_case_ref: str
    ) -> list[OtherAcceptance]:
        """Dockets of the same dispute (patent, requester and a respondent) by any other case."""
        rows = await self._session.execute(
            select(docket_registry).where(
                docket_registry.c.patent_number == patent_number,
                docket_registry.c.requester_key == requester_key,
                docket_registry.c.respondent_key.in_(respondent_keys),
                docket_registry.c.case_ref != own_case_ref,
            )
        )
        return [
            OtherAcceptance(office_code=r.office_code, docket_no=r.docket_no, docketed_at=r.docketed_at)
            for r in rows
        ]

    async def record_docket(
        self,
        *,
        office_code: str,
        case_ref: str,
        docket_no: str,
        patent_number: str,
        requester_key: str,
        respondent_keys: Sequence[str],
        docketed_at: dt.datetime,
    ) -> None:
        rows = [
            {
                "office_code": office_code,
                "case_ref": case_ref,
                "docket_no": docket_no,
                "patent_number": patent_number,
                "requester_key": requester_key,
                "respondent_key": key,
                "docketed_at": docketed_at,
            }
            for key in respondent_keys
        ]
        await self._session.execute(insert(docket_registry).values(rows).on_conflict_do_nothing())

    async def prior_findings(self, *, patent_number: str, subject_keys: Sequence[str]) -> list[PriorFinding]:
        rows = await self._session.execute(
            _PRIOR_FINDINGS, {"patent_number": patent_number, "subject_keys": list(subject_keys)}
        )
        return [
            PriorFinding(
                subject_key=r.subject_key,
                patent_number=r.patent_number,
                decision_no=r.decision_no,
                office_code=r.office_code,
                effective_on=r.effective_on,
                case_id=str(r.case_id) if r.case_id else None,
            )
            for r in rows
        ]

    async def record_finding(
        self,
        *,
        office_code: str,
        decision_no: str,
        patent_number: str,
        subject_key: str,
        subject_name: str,
        effective_on: dt.date,
        case_id: uuid.UUID | None,
        source_event_id: str | None = None,
    ) -> None:
        await self._session.execute(
            insert(findings)
            .values(
                office_code=office_code,
                decision_no=decision_no,
                patent_number=patent_number,
                subject_key=subject_key,
                subject_name=subject_name,
                effective_on=effective_on,
                case_id=case_id,
                source_event_id=source_event_id,
            )
            .on_conflict_do_nothing()
        )
