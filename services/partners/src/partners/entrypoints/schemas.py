"""Request and response bodies of the partners API (bounded inputs; secrets never echoed)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from pydantic import AnyHttpUrl, AwareDatetime, BaseModel, ConfigDict, Field, field_validator

from partners.adapters.deliveries import Delivery
from partners.adapters.inbound import InboundRecord
from partners.domain.registry import Channel, KeyStatus, Partner, PartnerKind

Jwk = dict[str, Any]


class _In(BaseModel):
    model_config = ConfigDict(extra="forbid")


def _check_jwk(value: Jwk) -> Jwk:
    if len(value) > 20 or any(len(str(k)) > 20 or len(str(v)) > 2000 for k, v in value.items()):
        raise ValueError("a JWK has at most 20 short members")
    return value


def _check_secret(value: str | None) -> str | None:
    if value is not None and not value.startswith("whsec_"):
        raise ValueError("a Standard Webhooks secret starts with whsec_ (base64 after the prefix)")
    return value


class PartnerCreate(_In):
    code: str = Field(min_length=2, max_length=40, pattern=r"^[A-Za-z0-9][A-Za-z0-9_-]+$")
    kind: PartnerKind
    name: str = Field(min_length=1, max_length=200)
    jurisdiction: list[str] = Field(
        min_length=1, max_length=200, description="6-digit division codes covered"
    )
    channels: list[Channel] = Field(default=[Channel.HTTP], min_length=1, max_length=3)
    webhook_url: AnyHttpUrl | None = Field(default=None, max_length=2000)
    webhook_secret: str | None = Field(default=None, min_length=10, max_length=200)
    keys: list[Jwk] = Field(default=[], max_length=10, description="Public JWKs (EdDSA or ES256) with kid")

    @field_validator("keys")
    @classmethod
    def _jwks(cls, value: list[Jwk]) -> list[Jwk]:
        return [_check_jwk(j) for j in value]

    @field_validator("webhook_secret")
    @classmethod
    def _secret(cls, value: str | None) -> str | None:
        return _check_secret(value)


class PartnerChange(_In):
    name: str | None = Field(default=None, min_length=1, max_length=200)
    jurisdiction: list[str] | None = Field(default=None, min_length=1, max_length=200)
    channels: list[Channel] | None = Field(default=None, min_length=1, max_length=3)
    webhook_url: AnyHttpUrl | None = Field(default=None, max_length=2000)
    webhook_secret: str | None = Field(default=None, min_length=10, max_length=200)
    active: bool | None = None

    @field_validator("webhook_secret")
    @classmethod
    def _secret(cls, value: str | None) -> str | None:
        return _check_secret(value)

    def changes(self) -> dict[str, Any]:
        given = self.model_dump(exclude_unset=True)
        out: dict[str, Any] = {}
        for name, value in given.items():
            if name in ("jurisdiction", "channels") and value is not None:
                out[name] = tuple(Channel(v) for v in value) if name == "channels" else tuple(value)
            elif name == "webhook_url" and value is not None:
                out[name] = str(value)
            else:
                out[name] = value
        return out


class KeyAdd(_In):
    jwk: Jwk

    @field_validator("jwk")
    @classmethod
    def _jwk(cls, value: Jwk) -> Jwk:
        return _check_jwk(value)


class KeyStatusChange(_In):
    status: KeyStatus


class KeyOut(BaseModel):
    kid: str
    status: KeyStatus
    jwk: Jwk


class PartnerOut(BaseModel):
    code: str
    kind: PartnerKind
    name: str
    jurisdiction: list[str]
    channels: list[Channel]
    webhook_url: str | None
    webhook_secret_set: bool
    active: bool
    keys: list[KeyOut]
    version: int
    feed_topic: str
    inbound_topic: str

    @classmethod
    def of(cls, partner: Partner) -> PartnerOut:
        return cls(
            code=partner.code,
            kind=partner.kind,
            name=partner.name,
            jurisdiction=list(partner.jurisdiction),
            channels=list(partner.channels),
            webhook_url=partner.webhook_url,
            webhook_secret_set=bool(partner.webhook_secret),
            active=partner.active,
            keys=[KeyOut(kid=k.kid, status=k.status, jwk=k.jwk) for k in partner.keys],
            version=partner.version,
            feed_topic=f"partner.{partner.code}.feed",
            inbound_topic=f"partner.{partner.kind.value}.inbound",
        )


class PartnerPage(BaseModel):
    items: list[PartnerOut]
    next_after: str | None


class FeedPage(BaseModel):
    partner: str
    events: list[dict[str, Any]] = Field(
        description="Signed CloudEvents (JSON format) with `seq` and `ipcasesig`"
    )
    next_after: int = Field(description="Pass as `after` to read on")
    head: int = Field(description="The last seq on the feed now")


class DeliveryOut(BaseModel):
    id: int
    seq: int
    status: str
    attempts: int
    next_attempt_at: dt.datetime
    last_status_code: int | None
    last_error: str | None
    delivered_at: dt.datetime | None
    latency_ms: int | None
    created_at: dt.datetime

    @classmethod
    def of(cls, d: Delivery) -> DeliveryOut:
        return cls(
            id=d.id,
            seq=d.seq,
            status=d.status,
            attempts=d.attempts,
            next_attempt_at=d.next_attempt_at,
            last_status_code=d.last_status_code,
            last_error=d.last_error,
            delivered_at=d.delivered_at,
            latency_ms=d.latency_ms,
            created_at=d.created_at,
        )


class DeliveryPage(BaseModel):
    items: list[DeliveryOut]
    next_after: int | None


class ReplayIn(_In):
    since: AwareDatetime


class ReplayOut(BaseModel):
    scheduled: int


class InboundOut(BaseModel):
    accepted: bool
    partner: str | None
    forwarded_id: str | None = None
    reason_code: str | None = None
    reason: str | None = None
    reason_zh: str | None = None


class RejectionOut(BaseModel):
    id: int
    original_id: str
    original_type: str | None
    partner: str | None
    kid: str | None
    channel: str
    reason_code: str | None
    reason: str | None
    reason_zh: str | None
    received_at: dt.datetime

    @classmethod
    def of(cls, r: InboundRecord) -> RejectionOut:
        return cls(
            id=r.id,
            original_id=r.original_id,
            original_type=r.original_type,
            partner=r.partner_code,
            kid=r.kid,
            channel=r.channel,
            reason_code=r.reason_code,
            reason=r.reason,
            reason_zh=r.reason_zh,
            received_at=r.received_at,
        )


class RejectionPage(BaseModel):
    items: list[RejectionOut]
    next_after: int | None
    total: int
