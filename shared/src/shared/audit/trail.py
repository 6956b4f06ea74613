"""Writing the audit trail: the request's audit context, and the entries one transaction appends.

The HTTP edge opens an :class:`AuditContext` per request (client address, request id) and fills
in the principal when the token is verified and the action when the permission table admits it;
consumers and timers open one for the partner or system that acts. A unit of work collects
:class:`AuditEntry` values and :meth:`AuditTrail.flush` writes them just before its commit, into
``audit_pending`` — so the entries commit with the change they describe, or not at all. Chaining
them (numbering without gaps, hashing each onto the one before, moving the head) is the sealer's
work (:mod:`shared.audit.sealer`), shortly after and off the request's path: a request no longer
holds the chain head's lock until its commit, so concurrent requests no longer queue on it.
"""

from __future__ import annotations

import contextlib
import contextvars
import datetime as dt
import functools
import json
import uuid
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from shared.audit.chain import ENTRY_FIELDS
from shared.audit.tables import AuditTables
from shared.identity.principals import Principal
from shared.logs import current_correlation_id

HEAD_ROW = 1
_algorithm = "sha256"
_enabled = True


def algorithm() -> str:
    """The hash algorithm the sealer chains new entries with."""
    return _algorithm


def configure(algorithm: str, *, enabled: bool = True) -> None:
    """The hash algorithm new entries use (``AUDIT_HASH_ALGORITHM``: sha256 or sm3), and whether
    entries are written at all (off only to measure the trail's cost in development)."""
    global _algorithm, _enabled
    _algorithm, _enabled = algorithm, enabled


class Outcome(StrEnum):
    SUCCEEDED = "succeeded"  # a mutation that committed
    READ = "read"  # a sensitive read that was served
    DENIED = "denied"  # refused by the permission table or an object rule


@dataclass(slots=True)
class AuditContext:
    """Who is acting in the current request, consumed event or timer."""

    actor: str = "system"
    actor_kind: str = "system"
    roles: tuple[str, ...] = ()
    office_code: str | None = None
    partner_code: str | None = None
    action: str | None = None
    request_id: str | None = None
    client_address: str | None = None

    def identify(self, principal: Principal) -> None:
        self.actor, self.actor_kind = principal.subject, principal.kind.value
        self.roles = tuple(sorted(role.value for role in principal.roles))
        self.office_code, self.partner_code = principal.office_code, principal.partner_code


_CONTEXT: contextvars.ContextVar[AuditContext | None] = contextvars.ContextVar("audit", default=None)


def current_context() -> AuditContext:
    return _CONTEXT.get() or AuditContext()


@contextlib.contextmanager
def audit_scope(context: AuditContext) -> Iterator[AuditContext]:
    token = _CONTEXT.set(context)
    try:
        yield context
    finally:
        _CONTEXT.reset(token)


def request_context(client_address: str | None) -> AuditContext:
    return AuditContext(
        actor="anonymous", actor_kind="anonymous", request_id=uuid.uuid4().hex, client_address=client_address
    )


@dataclass(frozen=True, slots=True, kw_only=True)
class AuditEntry:
    action: str
    outcome: Outcome
    object_type: str | None = None
    object_id: str | None = None
    details: Mapping[str, Any] = field(default_factory=dict)
    occurred_at: dt.datetime = field(default_factory=lambda: dt.datetime.now(dt.UTC))
    context: AuditContext = field(default_factory=current_context)

    def fields(self) -> dict[str, Any]:
        """The columns of the pending row: with the ``seq`` the sealer gives it, what the hash covers."""
        ctx = self.context
        return {
            "occurred_at": self.occurred_at,
            "actor": ctx.actor,
            "actor_kind": ctx.actor_kind,
            "roles": list(ctx.roles),
            "office_code": ctx.office_code,
            "partner_code": ctx.partner_code,
            "action": self.action,
            "object_type": self.object_type,
            "object_id": self.object_id,
            "outcome": self.outcome.value,
            "request_id": ctx.request_id,
            "correlation_id": current_correlation_id(),
            "client_address": ctx.client_address,
            "details": dict(self.details),
        }


class AuditTrail:
    """The entries of one unit of work; nothing is written without audit tables (``tables=None``)."""

    def __init__(self, tables: AuditTables | None) -> None:
        self._tables = tables
        self._pending: list[AuditEntry] = []

    def record(
        self,
        action: str,
        *,
        outcome: Outcome = Outcome.SUCCEEDED,
        object_type: str | None = None,
        object_id: str | uuid.UUID | None = None,
        details: Mapping[str, Any] | None = None,
    ) -> None:
        self._pending.append(
            AuditEntry(
                action=action,
                outcome=outcome,
                object_type=object_type,
                object_id=None if object_id is None else str(object_id),
                details=details or {},
            )
        )

    @property
    def pending(self) -> list[AuditEntry]:
        return list(self._pending)

    def discard(self) -> None:
        self._pending.clear()

    def take(self) -> list[AuditEntry]:
        """The entries to write now (none without audit tables or with the trail off); clears them."""
        entries, self._pending = self._pending, []
        return entries if self._tables is not None and _enabled else []

    async def flush(self, session: AsyncSession) -> None:
        """Insert the pending entries (unsealed); call inside the transaction, just before commit."""
        if not self._pending or self._tables is None or not _enabled:
            self._pending.clear()
            return
        entries, self._pending = self._pending, []
        await append_entries(session, self._tables, entries)


async def append_entries(session: AsyncSession, tables: AuditTables, entries: list[AuditEntry]) -> None:
    """One INSERT into ``audit_pending``, in the caller's transaction; the sealer chains them later.

    The entries travel as one JSON array: one parameter, one constant statement the driver keeps
    prepared — much less client CPU than a 14-column many-row INSERT. (A unit of work sends them
    in the same statement as its outbox events: :meth:`shared.uow.UnitOfWork.commit`.)
    """
    if entries:
        await session.execute(text(pending_insert_sql(tables.schema)), {"entries": entries_json(entries)})


def entries_json(entries: list[AuditEntry]) -> str:
    rows = [{**entry.fields(), "occurred_at": entry.occurred_at.isoformat()} for entry in entries]
    return json.dumps(rows, ensure_ascii=False)


@functools.cache
def pending_insert_sql(schema: str, parameter: str = "entries") -> str:
    """INSERT of the entries in the JSON array ``:parameter``, in array order."""
    columns = ", ".join(ENTRY_FIELDS)
    picked = ", ".join(f"e.{name}" for name in ENTRY_FIELDS)
    return (
        f'INSERT INTO "{schema}".audit_pending ({columns}) SELECT {picked} '
        f'FROM jsonb_populate_recordset(NULL::"{schema}".audit_pending, CAST(:{parameter} AS jsonb)) '
        "WITH ORDINALITY AS e ORDER BY e.ordinality"
    )
