"""Complaint persistence: the aggregate in ``body``; searchable columns, match keys, queue rows beside it.

What happened to the complaint goes on its case record through the step's effects
(:mod:`intake.publishing`), not here.
"""

from __future__ import annotations

import json
import uuid

from sqlalchemy import RowMapping, bindparam, func, insert, select, text, update
from sqlalchemy.dialects.postgresql import UUID
from sqlalchemy.ext.asyncio import AsyncSession

from intake.adapters.codec import dump, load
from intake.adapters.deadlines import DeadlineQueue
from intake.adapters.orm import complaint_keys, complaints
from intake.adapters.registration_reads import RegistrationReads
from intake.domain.complaint import ClaimedRight, Complaint
from intake.domain.dedup import Candidate, KeyKind, MatchKey, keys_of
from intake.domain.parties import PartyRecord, PartyRole
from intake.domain.vocabulary import Channel
from shared.logs import current_correlation_id
from shared.pending_inserts import PendingInserts
from shared.vocabulary import IpType, Party, RequestedProcedure

NOT_IN_BODY = frozenset({"events", "timer_changes", "sequence", "version", "office_code"})
# Built once and executed with parameters: SQLAlchemy then compiles and coerces nothing per request.
_NEXT_SEQUENCE = select(func.nextval(func.pg_get_serial_sequence("intake.complaints", "sequence")))
_INSERT_COMPLAINT = insert(complaints)
# A complaint's match keys replaced by ``:keys`` (a JSON array of kind/value) in one statement: the
# DELETE and the INSERT touch disjoint rows (the keys kept stay, ON CONFLICT leaves them be), so
# the order in which PostgreSQL runs the two parts does not matter. The complaint row is locked.
_REPLACE_KEYS = text(
    "WITH wanted AS (SELECT k.kind, k.value"
    " FROM jsonb_to_recordset(CAST(:keys AS jsonb)) AS k(kind text, value text)),"
    " gone AS (DELETE FROM intake.complaint_keys c WHERE c.complaint_id = :complaint_id"
    " AND (c.kind, c.value) NOT IN (SELECT kind, value FROM wanted))"
    " INSERT INTO intake.complaint_keys (complaint_id, kind, value)"
    " SELECT :complaint_id, kind, value FROM wanted ON CONFLICT DO NOTHING"
).bindparams(bindparam("complaint_id", type_=UUID(as_uuid=True)))
_COMPLAINT = select(complaints).where(complaints.c.id == bindparam("complaint_id"))
_COMPLAINT_FOR_UPDATE = _COMPLAINT.with_for_update()
_UPDATE_COMPLAINT = (
    update(complaints).where(complaints.c.id == bindparam("complaint_id")).values(updated_at=func.now())
)


class ComplaintRepository:
    def __init__(
        self,
        session: AsyncSession,
        at_commit: PendingInserts | None = None,
        reads: RegistrationReads | None = None,
    ) -> None:
        """``at_commit``: a new complaint's row and match keys are queued there and written by the
        commit's one statement (nothing reads a complaint back in the step that registers it).
        ``reads``: :meth:`number` then reads, in the same statement, what the registration looks up
        next (registry entries, duplicate candidates; :mod:`intake.adapters.registration_reads`)."""
        self._session = session
        self._queue = DeadlineQueue(session)
        self._at_commit = at_commit
        # The match keys of each complaint as loaded (what its stored keys were written from), so a
        # save that changes none of them (most steps) leaves the keys alone.
        self._loaded_keys: dict[uuid.UUID, frozenset[MatchKey]] = {}
        self._reads = reads

    async def number(self, complaint: Complaint) -> None:
        """Give a complaint being registered its sequence number (so its reference) before it is stored.

        Registration stores the complaint once, at the end, with everything the pipeline decided.
        """
        if self._reads is not None:
            await self._reads.number(self._session, complaint)
            return
        complaint.sequence = int(await self._session.scalar(_NEXT_SEQUENCE) or 0)

    async def add(self, complaint: Complaint) -> None:
        """Store a numbered, new complaint with its match keys and queue rows (stored versions start at 1)."""
        complaint.version += 1
        if self._at_commit is not None:
            self._at_commit.add(complaints, [complaint_params(complaint)])
            self._at_commit.add(complaint_keys, _key_rows(complaint))
        else:
            await self._session.execute(_INSERT_COMPLAINT, complaint_params(complaint))
            await self._save_keys(complaint, replace=False)
        await self._queue.project(complaint)

    async def get(self, complaint_id: uuid.UUID, *, for_update: bool = False) -> Complaint | None:
        """The complaint; ``for_update`` locks it until the transaction ends (serialises writers)."""
        query = _COMPLAINT_FOR_UPDATE if for_update else _COMPLAINT
        row = (await self._session.execute(query, {"complaint_id": complaint_id})).mappings().one_or_none()
        if row is None:
            return None
        complaint = complaint_from_row(row)
        self._loaded_keys[complaint.id] = keys_of(complaint)
        return complaint

    async def save(self, complaint: Complaint) -> None:
        """Write back a complaint loaded ``for_update``, with its match keys and queue rows."""
        complaint.version += 1
        await self._session.execute(_UPDATE_COMPLAINT, {"complaint_id": complaint.id, **_columns(complaint)})
        await self._save_keys(complaint, replace=True)
        await self._queue.project(complaint)

    async def candidates(self, complaint: Complaint) -> list[Candidate]:
        """Earlier complaints sharing at least one match key with ``complaint`` (not itself)."""
        if self._reads is not None and complaint.id in self._reads.candidates:
            return self._reads.candidates.pop(complaint.id)
        mine = keys_of(complaint)
        rows = await self._session.execute(
            select(complaint_keys.c.complaint_id, complaint_keys.c.kind, complaint_keys.c.value).where(
                complaint_keys.c.complaint_id.in_(
                    select(complaint_keys.c.complaint_id).where(
                        complaint_keys.c.value.in_([k.value for k in mine if k.kind is KeyKind.RIGHT]),
                        complaint_keys.c.complaint_id != complaint.id,
                    )
                )
            )
        )
        found: dict[uuid.UUID, set[MatchKey]] = {}
        for complaint_id, kind, value in rows:
            found.setdefault(complaint_id, set()).add(MatchKey(KeyKind(kind), value))
        if not found:
            return []
        meta = await self._session.execute(
            select(
                complaints.c.id, complaints.c.sequence, complaints.c.received_at, complaints.c.status
            ).where(complaints.c.id.in_(found), complaints.c.status.not_in(["WITHDRAWN", "NOT_ACCEPTED"]))
        )
        return [
            Candidate(
                complaint_id=row.id,
                reference=f"TS{row.received_at.year}-{row.sequence:08d}",
                sequence=row.sequence,
                keys=frozenset(found[row.id]),
            )
            for row in meta
        ]

    async def _save_keys(self, complaint: Complaint, *, replace: bool) -> None:
        if replace:  # one statement: the keys no longer wanted go, the new ones come
            wanted = keys_of(complaint)
            if self._loaded_keys.get(complaint.id) == wanted:
                return  # none changed since it was loaded in this transaction
            keys = [{"kind": k.kind.value, "value": k.value} for k in wanted]
            await self._session.execute(
                _REPLACE_KEYS, {"complaint_id": complaint.id, "keys": json.dumps(keys)}
            )
            self._loaded_keys[complaint.id] = wanted
            return
        await self._session.execute(insert(complaint_keys), _key_rows(complaint))


def _key_rows(complaint: Complaint) -> list[dict[str, object]]:
    return [
        {"complaint_id": complaint.id, "kind": k.kind.value, "value": k.value} for k in keys_of(complaint)
    ]


def complaint_params(complaint: Complaint) -> dict[str, object]:
    """The row of a new complaint (numbered, its version already advanced)."""
    return {
        "id": complaint.id,
        "sequence": complaint.sequence,
        "received_at": complaint.received_at,
        "correlation_id": current_correlation_id(),
        **_columns(complaint),
    }


def _columns(complaint: Complaint) -> dict[str, object]:
    return {
        "ip_type": complaint.ip_type.value,
        "right_number": complaint.rights[0].number,
        "complainant": complaint.complainant.as_dict(),
        "respondents": [p.as_dict() for p in complaint.respondents],
        "facts": complaint.facts,
        "requested_procedure": complaint.requested_procedure.value,
        "status": complaint.status.value,
        "channel": complaint.channel.value,
        "centre": complaint.centre,
        "office_code": complaint.office_code,
        "track": complaint.triage.track.value if complaint.triage else None,
        "examiner_id": complaint.examiner_id,
        "linked_complaint_id": complaint.link.complaint_id if complaint.link else None,
        "body": dump(complaint, exclude=set(NOT_IN_BODY)),
        "version": complaint.version,
    }


def complaint_from_row(row: RowMapping) -> Complaint:
    if row["body"] is None:
        return _from_skeleton_row(row)
    body = {**row["body"], "sequence": row["sequence"], "version": row["version"]}
    complaint = load(Complaint, {**body, "office_code": row["office_code"]})
    return complaint


def _from_skeleton_row(row: RowMapping) -> Complaint:
    """Complaints registered before this schema (walking skeleton) have only the first columns."""

    def party(data: dict[str, object], role: PartyRole) -> PartyRecord:
        base = Party.from_dict(data)
        return PartyRecord(role=role, kind=base.kind, name=base.name, credit_code=base.credit_code)

    return Complaint(
        id=row["id"],
        sequence=row["sequence"],
        channel=Channel(row["channel"]),
        centre=row["centre"],
        office_code=row["office_code"],
        ip_type=IpType(row["ip_type"]),
        rights=(ClaimedRight(ip_type=IpType(row["ip_type"]), number=row["right_number"]),),
        complainant=party(row["complainant"], PartyRole.COMPLAINANT),
        respondents=tuple(party(p, PartyRole.RESPONDENT) for p in row["respondents"]),
        facts=row["facts"],
        requested_procedure=RequestedProcedure(row["requested_procedure"]),
        received_at=row["received_at"],
    )
