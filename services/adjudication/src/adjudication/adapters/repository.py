"""Case persistence: the aggregate as one row (columns + JSONB file) and its projections.

The row is locked (``FOR UPDATE``) when a step loads it, so steps on one case run one after the
other; ``version`` guards against a writer that did not lock. Timers load with ``NOWAIT``: a timer
never waits behind a user's step, it retries later (see :class:`~adjudication.domain.errors.CaseBusy`).
"""

from __future__ import annotations

import uuid
from typing import Any

from pydantic import TypeAdapter
from sqlalchemy import RowMapping, bindparam, delete, func, insert, select, update
from sqlalchemy.dialects.postgresql import Range
from sqlalchemy.exc import DBAPIError, IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from adjudication.adapters.orm import case_assignments, cases, hearing_bookings
from adjudication.domain.case.aggregate import Case
from adjudication.domain.case.parts.hearings import HearingStatus
from adjudication.domain.case.states import CaseState
from adjudication.domain.errors import CaseBusy, CaseNotFound, HearingConflict
from adjudication.domain.values.parties import (
    REQUESTER_ID,
    PartyRecord,
    PartyRole,
    PatentRight,
    respondent_id,
)
from shared.identifiers import normalise_name
from shared.logs import current_correlation_id
from shared.vocabulary import IpType, Party

CASE_FILE: TypeAdapter[Case] = TypeAdapter(Case)
INSERT_CASE = insert(cases)
CASE_OF_COMPLAINT = select(cases).where(cases.c.complaint_id == bindparam("complaint_id"))
TRANSIENT = {"events", "timer_changes"}
LOCK_NOT_AVAILABLE = "55P03"
EXCLUSION_VIOLATION = "23P01"


class CaseRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def add(self, case: Case) -> None:
        row = {
            "id": case.id,
            "case_no": case.case_no,
            "complaint_id": case.complaint_id,
            "complaint_reference": case.complaint_reference,
            "ip_type": case.ip_type.value,
            "patent_number": case.patent_number,
            "requester": _party_json(case.requester),
            "respondents": [_party_json(p) for p in case.respondents],
            "state": case.state.value,
            "opened_at": case.opened_at,
            "correlation_id": current_correlation_id(),
            **_columns(case),
        }
        await self._session.execute(INSERT_CASE, row)  # the statement built once, the row as parameters
        # A new case has no projection rows to replace: only insert (no DELETE round trips).
        await self._sync_projections(case, new=True)

    async def get(self, case_id: uuid.UUID, *, nowait: bool = False) -> Case:
        """The case, locked for this transaction; with ``nowait`` raise :class:`CaseBusy` if held."""
        query = select(cases).where(cases.c.id == case_id).with_for_update(nowait=nowait)
        try:
            row = (await self._session.execute(query)).mappings().one_or_none()
        except DBAPIError as exc:
            if sqlstate(exc) == LOCK_NOT_AVAILABLE:
                raise CaseBusy() from exc
            raise
        if row is None:
            raise CaseNotFound(f"Case {case_id} not found", f"案件 {case_id} 不存在")
        return case_from_row(row)

    async def for_complaint(self, complaint_id: uuid.UUID) -> Case | None:
        row = (
            (await self._session.execute(CASE_OF_COMPLAINT, {"complaint_id": complaint_id}))
            .mappings()
            .one_or_none()
        )
        return None if row is None else case_from_row(row)

    async def save(self, case: Case) -> None:
        expected = case.version
        case.version += 1  # before serialising, so the file carries the version of its row
        result = await self._session.execute(
            update(cases)
            .where(cases.c.id == case.id, cases.c.version == expected)
            .values(state=case.state.value, updated_at=func.now(), **_columns(case, version=case.version))
        )
        if result.rowcount != 1:  # type: ignore[attr-defined]
            raise CaseBusy("The case changed meanwhile; reload and try again", "案件已被修改，请刷新后重试")
        await self._sync_projections(case)

    async def _sync_projections(self, case: Case, *, new: bool = False) -> None:
        if not new:
            await self._session.execute(delete(case_assignments).where(case_assignments.c.case_id == case.id))
        if case.participants:
            await self._session.execute(
                insert(case_assignments),
                [
                    {
                        "case_id": case.id,
                        "participant_id": p.id,
                        "person_id": p.person_id,
                        "role": p.role.value,
                        "active": p.active,
                    }
                    for p in case.participants
                ],
            )
        await self._sync_bookings(case, new=new)

    async def _sync_bookings(self, case: Case, *, new: bool = False) -> None:
        if not new:
            await self._session.execute(delete(hearing_bookings).where(hearing_bookings.c.case_id == case.id))
        rows = [
            {
                "hearing_id": h.id,
                "resource": resource,
                "case_id": case.id,
                "case_no": case.official_no,
                "during": Range(h.starts_at, h.ends_at, bounds="[)"),
            }
            for h in case.hearings
            if h.status is HearingStatus.SCHEDULED
            for resource in h.resources()
        ]
        if not rows:
            return
        try:
            async with self._session.begin_nested():
                await self._session.execute(insert(hearing_bookings), rows)
        except IntegrityError as exc:
            if sqlstate(exc) != EXCLUSION_VIOLATION:
                raise
            # Another hearing took the room or a person between our check and this write.
            raise HearingConflict(
                "A room or a person was booked for that time by another hearing just now",
                "该时段的审理室或人员刚被其他审理占用",
            ) from exc


def case_from_row(row: RowMapping) -> Case:
    if row["file"]:
        return CASE_FILE.validate_python({**row["file"], "office_code": row["office_code"]})
    return _from_legacy_columns(row)


def _columns(case: Case, *, version: int | None = None) -> dict[str, Any]:
    values: dict[str, Any] = {
        "docket_no": case.docket.docket_no if case.docket else None,
        "procedure": case.procedure.value,
        "outcome": case.outcome.value if case.outcome else None,
        "received_at": case.received_at,
        "docketed_on": case.docket.docketed_on if case.docket else None,
        "decided_on": case.decision.decided_on if case.decision else None,
        "effective_on": case.effective_on,
        "next_due": case.next_due,
        "duty_due": case.duty_due,
        "search_text": search_text(case),
        "office_code": case.office_code,
        "file": CASE_FILE.dump_python(case, mode="json", exclude=TRANSIENT),
    }
    if version is not None:
        values["version"] = version
    return values


def search_text(case: Case) -> str:
    """Names, credit codes, numbers, the facts, the places and the products stopped, normalised like
    searches, so a LIKE per term finds a case by any of them (:mod:`adjudication.views.search`)."""
    parts = [case.case_no, case.patent_number, case.complaint_reference]
    parts += [case.docket.docket_no] if case.docket else []
    parts += [case.decision.decision_no] if case.decision else []
    for party in case.parties:
        parts += [party.name, party.credit_code or ""]
    parts += [case.facts, *case.infringement_locations]
    if case.decision is not None and case.decision.stop_order is not None:
        parts += case.decision.stop_order.products
    return " ".join(normalise_name(p) for p in parts if p)


def _party_json(party: PartyRecord) -> dict[str, Any]:
    return Party(kind=party.kind, name=party.name, credit_code=party.credit_code).as_dict()


def _from_legacy_columns(row: RowMapping) -> Case:
    """Cases opened before the case file existed (walking skeleton): SUBMITTED, parties only."""
    requester = Party.from_dict(row["requester"])
    respondents = [Party.from_dict(p) for p in row["respondents"]]
    ip_type = IpType(row["ip_type"])
    return Case(
        id=row["id"],
        case_no=row["case_no"],
        complaint_id=row["complaint_id"],
        complaint_reference=row["complaint_reference"],
        ip_type=ip_type,
        patent_number=row["patent_number"],
        rights=(PatentRight(ip_type=ip_type, number=row["patent_number"]),),
        requester=_record(requester, REQUESTER_ID, PartyRole.REQUESTER),
        respondents=tuple(
            _record(p, respondent_id(i), PartyRole.RESPONDENT) for i, p in enumerate(respondents, 1)
        ),
        received_at=row["received_at"] or row["opened_at"],
        opened_at=row["opened_at"],
        state=CaseState(row["state"]),
        version=row["version"],
        office_code=row["office_code"],
    )


def _record(party: Party, party_id: str, role: PartyRole) -> PartyRecord:
    return PartyRecord(
        party_id=party_id, role=role, kind=party.kind, name=party.name, credit_code=party.credit_code
    )


def sqlstate(exc: DBAPIError) -> str | None:
    original = getattr(exc, "orig", None)
    return getattr(original, "sqlstate", None) or getattr(original, "pgcode", None)
