"""A partner's HTTP feed: cursor pages, long-poll, Server-Sent Events, replay from a date.

``GET /v1/feeds/{partner}/events?after=<seq>&limit=`` returns the signed CloudEvents after ``seq``
(each with its ``seq``); ``wait=<seconds>`` holds the request until something arrives (long-poll);
``since=<date-time>`` starts at the first event recorded at or after that moment (replay, within
retention). With ``Accept: text/event-stream`` the same feed is a Server-Sent Events stream, each
event's SSE ``id`` its seq, resumable with ``Last-Event-ID``.
"""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import AsyncIterator
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Header, Path, Query, Request
from fastapi.responses import StreamingResponse
from pydantic import AwareDatetime

from partners.access import ACCESS
from partners.adapters.feed import FeedEntry
from partners.bootstrap import PartnersContainer
from partners.domain.access import require_partner_itself
from partners.entrypoints.dependencies import Container
from partners.entrypoints.schemas import FeedPage
from shared.identity.principals import Principal
from shared.retry import wait_any
from shared.web.problems import problem_responses

router = APIRouter(prefix="/v1/feeds", tags=["feeds"], responses=problem_responses(403, 422))
SSE_MAX_SECONDS = 900.0
"""An SSE stream ends after this long; the client reconnects with Last-Event-ID (bounded work per request)."""


def _event(entry: FeedEntry) -> dict[str, Any]:
    return {**entry.cloudevent, "seq": entry.seq}


async def _page(
    container: PartnersContainer, partner: str, after: int, limit: int
) -> tuple[list[FeedEntry], int]:
    async with container.uow_factory() as uow:
        return await uow.feed.after(partner, after, limit), await uow.feed.head(partner)


async def _start(container: PartnersContainer, partner: str, after: int, since: AwareDatetime | None) -> int:
    if since is None:
        return after
    async with container.uow_factory() as uow:
        return max(after, await uow.feed.seq_before(partner, since))


@router.get(
    "/{partner}/events",
    response_model=FeedPage,
    responses={200: {"content": {"text/event-stream": {}}}},
)
async def read_feed(
    request: Request,
    container: Container,
    principal: Annotated[Principal, Depends(ACCESS.allow("feed.read"))],
    partner: Annotated[str, Path(min_length=2, max_length=40, pattern=r"^[A-Za-z0-9][A-Za-z0-9_-]+$")],
    after: Annotated[int, Query(ge=0, le=2**63 - 1, description="Last seq already read")] = 0,
    limit: Annotated[int, Query(ge=1, le=5000)] = 100,
    wait: Annotated[int, Query(ge=0, le=120, description="Seconds to wait for an event (long-poll)")] = 0,
    since: Annotated[
        AwareDatetime | None, Query(description="Replay from this moment (within retention)")
    ] = None,
    accept: Annotated[str | None, Header(max_length=500)] = None,
    last_event_id: Annotated[str | None, Header(max_length=30)] = None,
) -> Any:
    """This partner's own feed (a partner token for that partner only)."""
    require_partner_itself(principal, partner)
    settings = container.settings
    limit = min(limit, settings.partners_feed_max_limit)
    if last_event_id is not None and last_event_id.isdigit():
        after = max(after, int(last_event_id))
    after = await _start(container, partner, after, since)
    if accept is not None and "text/event-stream" in accept:
        return StreamingResponse(
            _stream(request, container, partner, after, limit),
            media_type="text/event-stream",
            headers={"cache-control": "no-store", "x-accel-buffering": "no"},
        )
    deadline = time.monotonic() + min(wait, settings.partners_feed_max_wait_seconds)
    interval = settings.partners_feed_poll_interval_ms / 1000
    coalesce = settings.partners_wake_coalesce_ms / 1000
    rung = container.bell.event(partner)
    entries, head = await _page(container, partner, after, limit)
    while not entries and time.monotonic() < deadline and not await request.is_disconnected():
        await wait_any(rung, seconds=min(interval, max(deadline - time.monotonic(), 0.0)))
        await asyncio.sleep(coalesce)  # let a burst of appends land: one read for many events
        rung = container.bell.event(partner)
        entries, head = await _page(container, partner, after, limit)
    return FeedPage(
        partner=partner,
        events=[_event(e) for e in entries],
        next_after=entries[-1].seq if entries else after,
        head=head,
    )


async def _stream(
    request: Request, container: PartnersContainer, partner: str, after: int, limit: int
) -> AsyncIterator[bytes]:
    settings = container.settings
    interval = settings.partners_feed_poll_interval_ms / 1000
    heartbeat = max(1.0, min(15.0, float(settings.partners_feed_max_wait_seconds)))
    ends = time.monotonic() + SSE_MAX_SECONDS
    quiet_since = time.monotonic()
    yield b"retry: 1000\n\n"
    while time.monotonic() < ends and not await request.is_disconnected():
        rung = container.bell.event(partner)
        entries, _ = await _page(container, partner, after, limit)
        for entry in entries:
            data = json.dumps(_event(entry), ensure_ascii=False, separators=(",", ":"))
            yield f"id: {entry.seq}\nevent: {entry.event_type}\ndata: {data}\n\n".encode()
            after = entry.seq
        if entries:
            quiet_since = time.monotonic()
            continue
        if time.monotonic() - quiet_since >= heartbeat:
            yield b": keep-alive\n\n"
            quiet_since = time.monotonic()
        await wait_any(rung, seconds=interval)
        await asyncio.sleep(settings.partners_wake_coalesce_ms / 1000)
