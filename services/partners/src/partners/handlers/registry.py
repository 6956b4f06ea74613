"""Registry handlers: an admin registers partners, rotates their keys, changes their channels."""

from __future__ import annotations

from typing import Any, Protocol

from partners.domain.commands import AddPartnerKey, ChangePartner, RegisterPartner, SetPartnerKeyStatus
from partners.domain.errors import InvalidPartner, KeyInUse, PartnerExists, PartnerNotFound
from partners.domain.registry import Partner, PartnerKey
from partners.unit_of_work import PartnersUnitOfWork
from shared.audit.trail import current_context
from shared.signing import KeySet


class TopicMaker(Protocol):
    """Creates a partner's feed topic on the broker (idempotent); False if it could not just now."""

    async def create(self, code: str) -> bool: ...


def partner_key(jwk: dict[str, Any]) -> PartnerKey:
    """A partner's public key as registered: an EdDSA or ES256 public JWK with a ``kid``."""
    if any(private in jwk for private in ("d", "p", "q", "k")):
        raise InvalidPartner(
            "register the public key only: the JWK holds private members",
            "只登记公钥：该 JWK 含有私钥成分",
        )
    kid = jwk.get("kid")
    if not isinstance(kid, str) or not 1 <= len(kid) <= 200:
        raise InvalidPartner("a key needs a kid of 1-200 characters", "密钥须有 1–200 个字符的 kid")
    if kid not in KeySet.from_jwks({"keys": [jwk]}):
        raise InvalidPartner(
            f"key {kid} is not an EdDSA (Ed25519) or ES256 (P-256) public signature key",
            f"密钥 {kid} 不是 EdDSA（Ed25519）或 ES256（P-256）签名公钥",
        )
    return PartnerKey(kid=kid, jwk=dict(jwk))


def _audit(uow: PartnersUnitOfWork, action: str, code: str, **details: Any) -> None:
    uow.audit.record(
        current_context().action or f"partners.{action}",
        object_type="partner",
        object_id=code,
        details=details,
    )


async def _load(uow: PartnersUnitOfWork, code: str) -> Partner:
    partner = await uow.partners.get(code, lock=True)
    if partner is None:
        raise PartnerNotFound(f"no partner {code}", f"无合作方 {code}")
    return partner


async def _check_new_kids(uow: PartnersUnitOfWork, keys: list[PartnerKey]) -> None:
    for key in keys:
        if await uow.partners.kid_taken(key.kid):
            raise KeyInUse(f"key {key.kid} is already registered", f"密钥 {key.kid} 已登记")


async def register_partner(
    cmd: RegisterPartner, uow: PartnersUnitOfWork, topics: TopicMaker | None = None
) -> Partner:
    """Register a partner; its feed topic is made before its row commits, so an event projected to it
    right after registration always has its topic (a broker away now is left to the topic keeper)."""
    if await uow.partners.get(cmd.code) is not None:
        raise PartnerExists(f"partner {cmd.code} exists", f"合作方 {cmd.code} 已登记")
    keys = [partner_key(jwk) for jwk in cmd.keys]
    await _check_new_kids(uow, keys)
    partner = Partner(
        code=cmd.code,
        kind=cmd.kind,
        name=cmd.name,
        jurisdiction=cmd.jurisdiction,
        channels=cmd.channels,
        webhook_url=cmd.webhook_url,
        webhook_secret=cmd.webhook_secret,
        keys=tuple(keys),
    )
    if topics is not None:
        await topics.create(partner.code)
    await uow.partners.add(partner)
    _audit(uow, "partner.register", cmd.code, kind=cmd.kind.value, keys=[k.kid for k in keys])
    return partner


async def change_partner(cmd: ChangePartner, uow: PartnersUnitOfWork) -> Partner:
    partner = (await _load(uow, cmd.code)).changed(**cmd.changes)
    await uow.partners.save(partner)
    changed = sorted(k for k in cmd.changes if k != "webhook_secret")
    _audit(uow, "partner.change", cmd.code, fields=changed, secret_changed="webhook_secret" in cmd.changes)
    return partner


async def add_partner_key(cmd: AddPartnerKey, uow: PartnersUnitOfWork) -> Partner:
    partner = await _load(uow, cmd.code)
    key = partner_key(cmd.jwk)
    await _check_new_kids(uow, [key])
    partner = partner.changed(keys=(*partner.keys, key))
    await uow.partners.save(partner)
    _audit(uow, "partner.key_add", cmd.code, kid=key.kid)
    return partner


async def set_partner_key_status(cmd: SetPartnerKeyStatus, uow: PartnersUnitOfWork) -> Partner:
    partner = await _load(uow, cmd.code)
    if partner.key(cmd.kid) is None:
        raise PartnerNotFound(
            f"partner {cmd.code} has no key {cmd.kid}", f"合作方 {cmd.code} 无密钥 {cmd.kid}"
        )
    keys = tuple(PartnerKey(k.kid, k.jwk, cmd.status) if k.kid == cmd.kid else k for k in partner.keys)
    partner = partner.changed(keys=keys)
    await uow.partners.save(partner)
    _audit(uow, "partner.key_status", cmd.code, kid=cmd.kid, status=cmd.status.value)
    return partner
