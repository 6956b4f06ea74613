"""Credit record persistence: explicit mapping between rows and the aggregate.

Its events go to the case record through the step's effects (``credit.handlers.steps``), not here.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Mapping
from typing import Any

from sqlalchemy import RowMapping, func, select, text, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.ext.asyncio import AsyncSession

from credit.adapters.json_values import (
    deadlines_from_json,
    deadlines_json,
    provisions_from_json,
    provisions_json,
)
from credit.adapters.orm import IN_FORCE_SQL, number_counters, records
from credit.domain.listing import AppliedMeasure, ListingTerms
from credit.domain.policy import PenaltyClass
from credit.domain.record import CreditRecord, Notice, Origin, Proposal, RecordState
from credit.domain.vocabulary import BehaviourCode, DecisionRef, ListType
from shared.numbering import GapFreeCounter


def dedup_key(record: CreditRecord) -> str:
    """One record per subject, list, behaviour and underlying decision, however often it is reported."""
    decision = "".join(record.underlying_decision.doc_no.split()).upper()
    return f"{record.subject_id}|{record.list_type}|{record.behaviour}|{decision}"


class RecordRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session
        self._numbers = GapFreeCounter(session, number_counters)

    async def find_duplicate(self, record: CreditRecord) -> uuid.UUID | None:
        """The record already stored for the same input, if any (see :func:`dedup_key`)."""
        return await self._session.scalar(
            select(records.c.id).where(records.c.dedup_key == dedup_key(record))
        )

    async def add(self, record: CreditRecord) -> bool:
        """Insert a new record and give it its number; False if a concurrent duplicate won the race."""
        created = record.events[0].at if record.events else dt.datetime.now(dt.UTC)
        record.record_no = await self._next_number(created)
        values = {
            **_mutable_columns(record),
            "id": record.id,
            "record_no": record.record_no,
            "subject_id": record.subject_id,
            "office_code": record.office_code,
            "list_type": record.list_type.value,
            "behaviour": record.behaviour.value,
            "underlying_decision": record.underlying_decision.as_dict(),
            "basis_doc_nos": list(record.basis_doc_nos),
            "finding": record.finding,
            "origin": {"source": record.origin.source, "reference": record.origin.reference},
            "dedup_key": dedup_key(record),
            "requires_notice": record.requires_notice,
            "repair_available": record.repair_available,
            "penalty_class": record.penalty_class.value if record.penalty_class else None,
            "legal_basis": provisions_json(record.legal_basis),
            "created_at": created,
        }
        inserted = await self._session.scalar(
            pg_insert(records).values(values).on_conflict_do_nothing().returning(records.c.id)
        )
        return inserted is not None

    async def get_for_update(self, record_id: uuid.UUID) -> CreditRecord | None:
        row = (
            (await self._session.execute(select(records).where(records.c.id == record_id).with_for_update()))
            .mappings()
            .one_or_none()
        )
        return None if row is None else record_from_row(row)

    async def save(self, record: CreditRecord) -> None:
        await self._session.execute(
            update(records).where(records.c.id == record.id).values(_mutable_columns(record))
        )

    async def resting_on(self, doc_no: str) -> list[uuid.UUID]:
        """Records whose basis includes decision ``doc_no``, oldest first."""
        query = (
            select(records.c.id)
            .where(records.c.basis_doc_nos.contains([doc_no]))
            .order_by(records.c.created_at)
        )
        return list((await self._session.scalars(query)).all())

    async def in_force_list_types(
        self, subject_id: uuid.UUID, *, excluding: uuid.UUID | None = None
    ) -> set[ListType]:
        query = select(records.c.list_type).where(records.c.subject_id == subject_id, text(IN_FORCE_SQL))
        if excluding is not None:
            query = query.where(records.c.id != excluding)
        return {ListType(v) for v in (await self._session.scalars(query)).all()}

    async def in_force_measures(self, subject_id: uuid.UUID) -> set[str]:
        """Measure codes in force for the subject today (from every listing in force)."""
        rows = await self._session.scalars(
            select(records.c.terms).where(records.c.subject_id == subject_id, text(IN_FORCE_SQL))
        )
        return {m["code"] for terms in rows if terms for m in terms.get("measures", [])}

    async def _next_number(self, at: dt.datetime) -> str:
        year = at.year
        return f"CR{year}-{await self._numbers.next(f'CR{year}'):06d}"


def _mutable_columns(record: CreditRecord) -> dict[str, Any]:
    terms = record.terms
    return {
        "state": record.state.value,
        "notice": _notice_json(record.notice),
        "hearing_requested_on": record.hearing_requested_on,
        "hearing_held_on": record.hearing_held_on,
        "terms": _terms_json(terms),
        "decided_on": terms.decided_on if terms else None,
        "period_end": terms.period_end if terms else None,
        "published_on": record.published_on,
        "publication_channel": record.publication_channel,
        "repair_requested_on": record.repair_requested_on,
        "repaired_on": record.repaired_on,
        "expired_on": record.expired_on,
        "revoked_on": record.revoked_on,
        "revocation_reason": record.revocation_reason,
        "withdrawal_due": record.withdrawal_due,
        "withdrawn_on": record.withdrawn_on,
        "proposal": record.proposal.as_dict() if record.proposal else None,
        "overdue": sorted(record.overdue),
        "deadlines": deadlines_json(record.deadlines),
        "updated_at": func.now(),
    }


def _notice_json(notice: Notice | None) -> dict[str, str] | None:
    if notice is None:
        return None
    return {
        "served_on": notice.served_on.isoformat(),
        "window_ends_on": notice.window_ends_on.isoformat(),
        "reasons": notice.reasons,
    }


def _terms_json(terms: ListingTerms | None) -> dict[str, Any] | None:
    if terms is None:
        return None
    return {
        "decided_on": terms.decided_on.isoformat(),
        "publication_due": terms.publication_due.isoformat(),
        "decision_no": terms.decision_no,
        "period_end": _iso(terms.period_end),
        "repair_eligible_from": _iso(terms.repair_eligible_from),
        "measures": [
            {
                "code": m.code,
                "description": m.description,
                "description_zh": m.description_zh,
                "ends_on": _iso(m.ends_on),
            }
            for m in terms.measures
        ],
    }


def terms_from_json(data: Mapping[str, Any] | None) -> ListingTerms | None:
    if data is None:
        return None
    return ListingTerms(
        decided_on=dt.date.fromisoformat(data["decided_on"]),
        publication_due=dt.date.fromisoformat(data["publication_due"]),
        decision_no=data.get("decision_no"),
        period_end=_date(data.get("period_end")),
        repair_eligible_from=_date(data.get("repair_eligible_from")),
        measures=tuple(
            AppliedMeasure(m["code"], m["description"], m["description_zh"], _date(m.get("ends_on")))
            for m in data.get("measures", [])
        ),
    )


def record_from_row(row: RowMapping) -> CreditRecord:
    notice = row["notice"]
    return CreditRecord(
        id=row["id"],
        record_no=row["record_no"],
        subject_id=row["subject_id"],
        office_code=row["office_code"],
        list_type=ListType(row["list_type"]),
        behaviour=BehaviourCode(row["behaviour"]),
        state=RecordState(row["state"]),
        underlying_decision=DecisionRef.from_dict(row["underlying_decision"]),
        basis_doc_nos=tuple(row["basis_doc_nos"]),
        finding=row["finding"],
        origin=Origin(row["origin"]["source"], row["origin"]["reference"]),
        requires_notice=row["requires_notice"],
        repair_available=row["repair_available"],
        penalty_class=PenaltyClass(row["penalty_class"]) if row["penalty_class"] else None,
        legal_basis=provisions_from_json(row["legal_basis"]),
        notice=(
            Notice(
                dt.date.fromisoformat(notice["served_on"]),
                dt.date.fromisoformat(notice["window_ends_on"]),
                notice["reasons"],
            )
            if notice
            else None
        ),
        hearing_requested_on=row["hearing_requested_on"],
        hearing_held_on=row["hearing_held_on"],
        terms=terms_from_json(row["terms"]),
        published_on=row["published_on"],
        publication_channel=row["publication_channel"],
        repair_requested_on=row["repair_requested_on"],
        repaired_on=row["repaired_on"],
        expired_on=row["expired_on"],
        revoked_on=row["revoked_on"],
        revocation_reason=row["revocation_reason"],
        withdrawal_due=row["withdrawal_due"],
        withdrawn_on=row["withdrawn_on"],
        proposal=Proposal.from_dict(row["proposal"]) if row["proposal"] else None,
        deadlines=deadlines_from_json(row["deadlines"]),
    )


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None
