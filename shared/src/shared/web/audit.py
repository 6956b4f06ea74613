"""The audit trail at the HTTP edge: who asks from where, refusals, sensitive reads, the auditor's view.

* :class:`AuditContextMiddleware` opens an audit context per request (client address, request id);
  authentication adds the principal and the permission table the action, so every entry a
  handler's transaction appends says who, in which role and office, did what, from where.
* A refusal (403) is itself an entry (outcome ``denied``), written in its own transaction.
* :func:`record_read` appends an entry for a sensitive read (a case file, an evidence download,
  unmasked personal data, a disclosure export).
* ``GET /v1/audit-trail`` lets an ``auditor`` search the trail: who touched this case, what did
  this user do.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from pydantic import BaseModel, Field
from sqlalchemy import select
from starlette.types import ASGIApp, Receive, Scope, Send

from shared.audit.sealer import seal
from shared.audit.trail import (
    AuditEntry,
    Outcome,
    append_entries,
    audit_scope,
    current_context,
    request_context,
)
from shared.errors import NotFound, PermissionDenied
from shared.identity.principals import Principal, Role
from shared.local_time import LocalDateTime
from shared.web.auth import require_roles
from shared.web.problems import problem_responses
from shared.web.types import After


class AuditContextMiddleware:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        client = scope.get("client")
        with audit_scope(request_context(client[0] if client else None)):
            await self.app(scope, receive, send)


async def record_read(
    request: Request, action: str, *, object_type: str, object_id: str, details: dict[str, Any] | None = None
) -> None:
    """Append a sensitive read to the trail (its own transaction: a read has none)."""
    await _append(
        request,
        AuditEntry(
            action=action,
            outcome=Outcome.READ,
            object_type=object_type,
            object_id=object_id,
            details=details or {},
        ),
    )


async def record_denied(request: Request, error: PermissionDenied) -> None:
    context = current_context()
    entry = AuditEntry(
        action=context.action or f"{request.method} {request.url.path}",
        outcome=Outcome.DENIED,
        details={"code": error.code, "reason": error.message[:500], "path": request.url.path},
    )
    await _append(request, entry)


async def _append(request: Request, entry: AuditEntry) -> None:
    container = getattr(request.app.state, "container", None)
    if container is None or container.platform.tables.audit is None:
        return
    async with container.platform.sessions() as session, session.begin():
        await append_entries(session, container.platform.tables.audit, [entry])


class AuditNotKept(NotFound):
    code = "audit_trail_not_kept"
    title = "This service keeps no audit trail"
    title_zh = "本服务未保存审计记录"


class AuditRecord(BaseModel):
    seq: int
    occurred_at: LocalDateTime
    actor: str
    actor_kind: str
    roles: list[str]
    office_code: str | None
    partner_code: str | None
    action: str
    object_type: str | None
    object_id: str | None
    outcome: str
    request_id: str | None
    correlation_id: str | None
    client_address: str | None
    details: dict[str, Any]
    hash: str


class AuditPage(BaseModel):
    items: list[AuditRecord]
    next_after: int | None = Field(description="Pass as `after` for the next page; null at the end")


Auditor = Annotated[Principal, Depends(require_roles(Role.AUDITOR))]


def audit_router() -> APIRouter:
    router = APIRouter(prefix="/v1/audit-trail", tags=["audit"])

    @router.get(
        "",
        response_model=AuditPage,
        responses=problem_responses(404),
        summary="Search the audit trail (auditors)",
    )
    async def search(
        request: Request,
        _: Auditor,
        object_id: Annotated[str | None, Query(max_length=200)] = None,
        actor: Annotated[str | None, Query(max_length=200)] = None,
        action: Annotated[str | None, Query(max_length=200)] = None,
        outcome: Outcome | None = None,
        since: dt.datetime | None = None,
        until: dt.datetime | None = None,
        after: After = 0,
        limit: Annotated[int, Query(ge=1, le=500)] = 100,
    ) -> AuditPage:
        platform = request.app.state.container.platform
        if platform.tables.audit is None:
            raise AuditNotKept()
        log = platform.tables.audit.log
        await seal(platform.sessions, platform.tables.audit)  # every entry committed so far is found
        query = select(log).where(log.c.seq > after).order_by(log.c.seq).limit(limit)
        for column, value in ((log.c.object_id, object_id), (log.c.actor, actor), (log.c.action, action)):
            if value is not None:
                query = query.where(column == value)
        if outcome is not None:
            query = query.where(log.c.outcome == outcome.value)
        if since is not None:
            query = query.where(log.c.occurred_at >= since)
        if until is not None:
            query = query.where(log.c.occurred_at < until)
        async with platform.sessions() as session:
            rows = (await session.execute(query)).mappings().all()
        await record_read(
            request,
            "audit.search",
            object_type="audit_trail",
            object_id=platform.tables.schema,
            details={"object_id": object_id, "actor": actor, "action": action},
        )
        items = [AuditRecord.model_validate(dict(row)) for row in rows]
        return AuditPage(items=items, next_after=items[-1].seq if len(items) == limit else None)

    return router


async def record_action(
    request: Request,
    action: str,
    *,
    object_type: str,
    object_id: str,
    details: dict[str, Any] | None = None,
) -> None:
    """Append an operator's action that changes no table of this service (its own transaction)."""
    await _append(
        request,
        AuditEntry(
            action=action,
            outcome=Outcome.SUCCEEDED,
            object_type=object_type,
            object_id=object_id,
            details=details or {},
        ),
    )
