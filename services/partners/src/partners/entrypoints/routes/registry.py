"""The partner registry (admin), a partner's own entry, deliveries, redelivery and replay."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query

from partners.access import ACCESS
from partners.domain import commands as c
from partners.domain.access import require_own
from partners.domain.errors import PartnerNotFound
from partners.domain.registry import PartnerKind
from partners.entrypoints.dependencies import Container
from partners.entrypoints.schemas import (
    DeliveryOut,
    DeliveryPage,
    KeyAdd,
    KeyStatusChange,
    PartnerChange,
    PartnerCreate,
    PartnerOut,
    PartnerPage,
    ReplayIn,
    ReplayOut,
)
from shared.identity.principals import Principal
from shared.web.problems import problem_responses

router = APIRouter(
    prefix="/v1/partners", tags=["partners"], responses=problem_responses(400, 403, 404, 409, 422)
)
Code = Annotated[str, Path(min_length=2, max_length=40, pattern=r"^[A-Za-z0-9][A-Za-z0-9_-]+$")]
Kid = Annotated[str, Path(min_length=1, max_length=200)]


@router.post("", status_code=201, response_model=PartnerOut)
async def register_partner(
    body: PartnerCreate,
    container: Container,
    _: Annotated[Principal, Depends(ACCESS.allow("partner.register"))],
) -> PartnerOut:
    """Register a court or customs office (audited)."""
    partner = await container.bus.handle(
        c.RegisterPartner(
            code=body.code,
            kind=body.kind,
            name=body.name,
            jurisdiction=tuple(body.jurisdiction),
            channels=tuple(body.channels),
            webhook_url=str(body.webhook_url) if body.webhook_url else None,
            webhook_secret=body.webhook_secret,
            keys=tuple(body.keys),
        )
    )
    return PartnerOut.of(partner)


@router.get("", response_model=PartnerPage)
async def list_partners(
    container: Container,
    _: Annotated[Principal, Depends(ACCESS.allow("partner.list"))],
    kind: PartnerKind | None = None,
    after: Annotated[str | None, Query(max_length=40)] = None,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
) -> PartnerPage:
    async with container.uow_factory() as uow:
        found = await uow.partners.search(kind=kind, limit=limit, after=after)
    return PartnerPage(
        items=[PartnerOut.of(p) for p in found], next_after=found[-1].code if len(found) == limit else None
    )


@router.get("/{code}", response_model=PartnerOut)
async def read_partner(
    code: Code, container: Container, principal: Annotated[Principal, Depends(ACCESS.allow("partner.read"))]
) -> PartnerOut:
    """A partner's registry entry (a court or customs office may read its own)."""
    require_own(principal, code)
    async with container.uow_factory() as uow:
        partner = await uow.partners.get(code)
    if partner is None:
        raise PartnerNotFound(f"no partner {code}", f"无合作方 {code}")
    return PartnerOut.of(partner)


@router.patch("/{code}", response_model=PartnerOut)
async def change_partner(
    code: Code,
    body: PartnerChange,
    container: Container,
    _: Annotated[Principal, Depends(ACCESS.allow("partner.change"))],
) -> PartnerOut:
    return PartnerOut.of(await container.bus.handle(c.ChangePartner(code, body.changes())))


@router.post("/{code}/keys", status_code=201, response_model=PartnerOut)
async def add_key(
    code: Code,
    body: KeyAdd,
    container: Container,
    _: Annotated[Principal, Depends(ACCESS.allow("partner.key_add"))],
) -> PartnerOut:
    """Register another public key (rotation: add the new one, then retire the old one)."""
    return PartnerOut.of(await container.bus.handle(c.AddPartnerKey(code, body.jwk)))


@router.put("/{code}/keys/{kid}/status", response_model=PartnerOut)
async def set_key_status(
    code: Code,
    kid: Kid,
    body: KeyStatusChange,
    container: Container,
    _: Annotated[Principal, Depends(ACCESS.allow("partner.key_status"))],
) -> PartnerOut:
    return PartnerOut.of(await container.bus.handle(c.SetPartnerKeyStatus(code, kid, body.status)))


@router.get("/{code}/deliveries", response_model=DeliveryPage)
async def list_deliveries(
    code: Code,
    container: Container,
    principal: Annotated[Principal, Depends(ACCESS.allow("delivery.list"))],
    after: Annotated[int, Query(ge=0, le=2**63 - 1)] = 0,
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
    status: Annotated[str | None, Query(pattern="^(pending|delivered|failed)$")] = None,
) -> DeliveryPage:
    """The webhook delivery log of one partner."""
    require_own(principal, code)
    async with container.uow_factory() as uow:
        found = await uow.deliveries.page(code, after=after, limit=limit, status=status)
    return DeliveryPage(
        items=[DeliveryOut.of(d) for d in found], next_after=found[-1].id if len(found) == limit else None
    )


@router.post("/{code}/deliveries/{delivery_id}/redeliver", status_code=202)
async def redeliver(
    code: Code,
    delivery_id: Annotated[int, Path(ge=1, le=2**63 - 1)],
    container: Container,
    principal: Annotated[Principal, Depends(ACCESS.allow("delivery.redeliver"))],
) -> dict[str, str]:
    require_own(principal, code)
    await container.bus.handle(c.Redeliver(code, delivery_id))
    return {"status": "scheduled"}


@router.post("/{code}/replays", status_code=202, response_model=ReplayOut)
async def replay(
    code: Code,
    body: ReplayIn,
    container: Container,
    principal: Annotated[Principal, Depends(ACCESS.allow("feed.replay"))],
) -> ReplayOut:
    """Re-send this partner's feed from ``since`` by webhook; no other partner or consumer sees it."""
    require_own(principal, code)
    return ReplayOut(scheduled=await container.bus.handle(c.ReplayFeed(code, body.since)))
