"""What registering one complaint reads, in one statement: its sequence number, the registry entries
of the rights it claims, and the earlier complaints sharing one of those rights.

Registration used to send these as three statements (``nextval``, one registry read per right, the
duplicate candidates' keys and then their numbers). :meth:`RegistrationReads.number` sends one and
keeps the answers for the step's :meth:`RightsRegistry.get` and :meth:`ComplaintRepository.candidates`,
which take each answer once (a second look goes to the database as before). The rules applied to
them are unchanged: the registry entry is looked up by ``(ip_type, number_key)``; a candidate is an
earlier complaint, not withdrawn or refused, having a key equal to one of this complaint's right keys,
with all its keys; the numbers are read in the same transaction, nothing being written in between.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Sequence
from typing import Any

from sqlalchemy import ARRAY, BigInteger, DateTime, Text, Uuid, text
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.ext.asyncio import AsyncSession

from intake.adapters.registry import right_from_row
from intake.domain.complaint import Complaint
from intake.domain.dedup import Candidate, KeyKind, MatchKey, keys_of
from intake.domain.rights import RegisteredRight, normalise_number
from shared.db import execute_alone

CLOSED = ("WITHDRAWN", "NOT_ACCEPTED")
"""Complaints the duplicate check passes over."""

_READ = text(
    """
    SELECT nextval(pg_get_serial_sequence('intake.complaints', 'sequence')) AS sequence,
           r.found AS rights, k.ids, k.kinds, k.keys, k.sequences, k.received
    FROM (
        SELECT coalesce(jsonb_agg(to_jsonb(x)), '[]') AS found
        FROM intake.rights AS x
        WHERE (x.ip_type, x.number_key) IN (
            SELECT * FROM unnest(CAST(:ip_types AS text[]), CAST(:number_keys AS text[]))
        )
    ) AS r,
    (
        SELECT array_agg(k.complaint_id) AS ids, array_agg(k.kind) AS kinds,
               array_agg(k.value) AS keys, array_agg(c.sequence) AS sequences,
               array_agg(c.received_at) AS received
        FROM intake.complaint_keys AS k
        JOIN intake.complaints AS c ON c.id = k.complaint_id
        WHERE k.complaint_id IN (
            SELECT s.complaint_id FROM intake.complaint_keys AS s
            WHERE s.value = ANY(CAST(:values AS text[])) AND s.complaint_id <> :complaint_id
        )
        AND c.status <> ALL(CAST(:closed AS text[]))
    ) AS k
    """
).columns(
    sequence=BigInteger,
    rights=JSONB,
    ids=ARRAY(Uuid()),
    kinds=ARRAY(Text),
    keys=ARRAY(Text),
    sequences=ARRAY(BigInteger),
    received=ARRAY(DateTime(timezone=True)),
)


class RegistrationReads:
    """The answers of a registration's one read, each taken once by the repository that asks."""

    def __init__(self) -> None:
        self.rights: dict[tuple[str, str], RegisteredRight | None] = {}
        self.candidates: dict[uuid.UUID, list[Candidate]] = {}

    async def number(self, session: AsyncSession, complaint: Complaint) -> None:
        """Give ``complaint`` its sequence number and read what its registration looks up."""
        wanted = sorted({(r.ip_type.value, normalise_number(r.number)) for r in complaint.rights})
        mine = [k.value for k in keys_of(complaint) if k.kind is KeyKind.RIGHT]
        # It takes no lock and nextval is never rolled back: before the step's transaction has begun
        # it runs as a statement of its own (the BEGIN then goes with the next statement, if any).
        row = (
            await execute_alone(
                session,
                _READ,
                {
                    "ip_types": [ip_type for ip_type, _ in wanted],
                    "number_keys": [key for _, key in wanted],
                    "values": mine,
                    "complaint_id": complaint.id,
                    "closed": list(CLOSED),
                },
            )
        ).one()
        complaint.sequence = int(row.sequence)
        self.rights = dict.fromkeys(wanted)
        for found in row.rights:
            self.rights[(found["ip_type"], found["number_key"])] = right_from_json(found)
        found = (
            [] if row.ids is None else candidates(row.ids, row.kinds, row.keys, row.sequences, row.received)
        )
        self.candidates = {complaint.id: found}

    def right(self, ip_type: str, number: str) -> tuple[bool, RegisteredRight | None]:
        """``(True, entry or None)`` if the read answered for this right (once), else ``(False, None)``."""
        key = (ip_type, normalise_number(number))
        if key not in self.rights:
            return False, None
        return True, self.rights.pop(key)


def right_from_json(found: dict[str, Any]) -> RegisteredRight:
    """A registry row read as JSON (``to_jsonb``): the date back from its ISO text."""
    valid_until = found.get("valid_until")
    return right_from_row(
        {**found, "valid_until": None if valid_until is None else dt.date.fromisoformat(valid_until)}
    )


def candidates(
    ids: Sequence[uuid.UUID],
    kinds: Sequence[str],
    keys: Sequence[str],
    sequences: Sequence[int],
    received: Sequence[dt.datetime],
) -> list[Candidate]:
    """One candidate per earlier complaint, with every key it has (one row of the arrays per key)."""
    found: dict[uuid.UUID, tuple[int, str, set[MatchKey]]] = {}
    for complaint_id, kind, value, sequence, received_at in zip(
        ids, kinds, keys, sequences, received, strict=True
    ):
        entry = found.setdefault(complaint_id, (sequence, f"TS{received_at.year}-{sequence:08d}", set()))
        entry[2].add(MatchKey(KeyKind(kind), value))
    return [
        Candidate(complaint_id=cid, reference=reference, sequence=sequence, keys=frozenset(matched))
        for cid, (sequence, reference, matched) in found.items()
    ]
