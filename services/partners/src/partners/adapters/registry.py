"""The partner registry in PostgreSQL: partners and their keys."""

from __future__ import annotations

from typing import Any

from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from partners.adapters.orm import partner_keys, partners
from partners.domain.registry import Channel, KeyStatus, Partner, PartnerKey, PartnerKind


class PartnerRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def get(self, code: str, *, lock: bool = False) -> Partner | None:
        query = select(partners).where(partners.c.code == code)
        if lock:
            query = query.with_for_update()
        row = (await self._session.execute(query)).mappings().first()
        if row is None:
            return None
        return _partner(row, await self._keys([code]))

    async def search(
        self, *, kind: PartnerKind | None = None, limit: int = 100, after: str | None = None
    ) -> list[Partner]:
        query = select(partners).order_by(partners.c.code).limit(limit)
        if kind is not None:
            query = query.where(partners.c.kind == kind.value)
        if after is not None:
            query = query.where(partners.c.code > after)
        rows = (await self._session.execute(query)).mappings().all()
        keys = await self._keys([row["code"] for row in rows])
        return [_partner(row, keys) for row in rows]

    async def active(self, kind: PartnerKind) -> list[Partner]:
        query = select(partners).where(partners.c.kind == kind.value, partners.c.active.is_(True))
        rows = (await self._session.execute(query)).mappings().all()
        return [_partner(row, {}) for row in rows]

    async def by_kid(self, kid: str) -> Partner | None:
        code = (
            await self._session.execute(select(partner_keys.c.partner_code).where(partner_keys.c.kid == kid))
        ).scalar_one_or_none()
        return None if code is None else await self.get(code)

    async def kid_taken(self, kid: str) -> bool:
        found = await self._session.execute(select(partner_keys.c.kid).where(partner_keys.c.kid == kid))
        return found.first() is not None

    async def add(self, partner: Partner) -> None:
        await self._session.execute(insert(partners).values(**_row(partner)))
        await self._save_keys(partner)

    async def save(self, partner: Partner) -> None:
        await self._session.execute(
            update(partners)
            .where(partners.c.code == partner.code)
            .values(**_row(partner), updated_at=func.now())
        )
        await self._session.execute(delete(partner_keys).where(partner_keys.c.partner_code == partner.code))
        await self._save_keys(partner)

    async def _save_keys(self, partner: Partner) -> None:
        if partner.keys:
            await self._session.execute(
                insert(partner_keys),
                [
                    {"kid": k.kid, "partner_code": partner.code, "jwk": k.jwk, "status": k.status.value}
                    for k in partner.keys
                ],
            )

    async def _keys(self, codes: list[str]) -> dict[str, list[PartnerKey]]:
        if not codes:
            return {}
        query = (
            select(partner_keys)
            .where(partner_keys.c.partner_code.in_(codes))
            .order_by(partner_keys.c.added_at)
        )
        found: dict[str, list[PartnerKey]] = {}
        for row in (await self._session.execute(query)).mappings():
            found.setdefault(row["partner_code"], []).append(
                PartnerKey(kid=row["kid"], jwk=dict(row["jwk"]), status=KeyStatus(row["status"]))
            )
        return found


def _row(partner: Partner) -> dict[str, Any]:
    return {
        "code": partner.code,
        "kind": partner.kind.value,
        "name": partner.name,
        "jurisdiction": list(partner.jurisdiction),
        "channels": [c.value for c in partner.channels],
        "webhook_url": partner.webhook_url,
        "webhook_secret": partner.webhook_secret,
        "active": partner.active,
        "version": partner.version,
    }


def _partner(row: Any, keys: dict[str, list[PartnerKey]]) -> Partner:
    return Partner(
        code=row["code"],
        kind=PartnerKind(row["kind"]),
        name=row["name"],
        jurisdiction=tuple(row["jurisdiction"]),
        channels=tuple(Channel(c) for c in row["channels"]),
        webhook_url=row["webhook_url"],
        webhook_secret=row["webhook_secret"],
        active=row["active"],
        keys=tuple(keys.get(row["code"], ())),
        version=row["version"],
    )
