"""The inbound gateway over HTTP, and the operators' list of refused messages."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from fastapi import APIRouter, Body, Depends, Query

from partners.access import ACCESS
from partners.entrypoints.dependencies import Container
from partners.entrypoints.schemas import InboundOut, RejectionOut, RejectionPage
from partners.handlers.inbound import Inbound, receive
from shared.identity.principals import Principal
from shared.signing import SIGNATURE_ATTRIBUTE
from shared.web.problems import problem_responses

router = APIRouter(prefix="/v1/inbound", tags=["inbound"], responses=problem_responses(403, 422))


@router.post("", response_model=InboundOut)
async def send_message(
    container: Container,
    principal: Annotated[Principal, Depends(ACCESS.allow("inbound.send"))],
    event: Annotated[dict[str, Any], Body(description="A CloudEvent in the JSON format, with `ipcasesig`")],
) -> InboundOut:
    """Send a signed CloudEvent (the same as on ``partner.<kind>.inbound``).

    The answer says whether it was accepted; a refusal is also on the partner's feed
    (``partner.<kind>.message_rejected``). The sender is the key's owner; the token must be the same
    partner's.
    """
    signature = event.get(SIGNATURE_ATTRIBUTE)
    structured = {k: v for k, v in event.items() if k != SIGNATURE_ATTRIBUTE}
    inbound = Inbound(
        structured,
        signature if isinstance(signature, str) else None,
        "http",
        claimed_by=principal.partner_code or "",
    )
    async with container.uow_factory() as uow:
        outcome = await receive(inbound, uow, issuer=container.issuer, now=dt.datetime.now(dt.UTC))
        await uow.commit()
    return InboundOut(
        accepted=outcome.accepted,
        partner=outcome.partner_code,
        forwarded_id=outcome.forwarded_id,
        reason_code=outcome.reason.value if outcome.reason else None,
        reason=outcome.message,
        reason_zh=outcome.message_zh,
    )


@router.get("/rejections", response_model=RejectionPage)
async def list_rejections(
    container: Container,
    _: Annotated[Principal, Depends(ACCESS.allow("rejection.list"))],
    partner: Annotated[str | None, Query(max_length=40)] = None,
    after: Annotated[int, Query(ge=0, le=2**63 - 1)] = 0,
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
) -> RejectionPage:
    """Refused inbound messages (operators): who, what, why."""
    async with container.uow_factory() as uow:
        found = await uow.inbound.rejections(partner_code=partner, after=after, limit=limit)
        total = await uow.inbound.count_rejected()
    return RejectionPage(
        items=[RejectionOut.of(r) for r in found],
        next_after=found[-1].id if len(found) == limit else None,
        total=total,
    )
