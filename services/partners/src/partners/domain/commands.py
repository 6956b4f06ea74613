"""Commands of the partners service (imperative names; the bus runs one handler each)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from partners.domain.registry import Channel, KeyStatus, PartnerKind


@dataclass(frozen=True, slots=True)
class RegisterPartner:
    code: str
    kind: PartnerKind
    name: str
    jurisdiction: tuple[str, ...]
    channels: tuple[Channel, ...]
    webhook_url: str | None = None
    webhook_secret: str | None = None
    keys: tuple[dict[str, Any], ...] = ()


@dataclass(frozen=True, slots=True)
class ChangePartner:
    code: str
    changes: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class AddPartnerKey:
    code: str
    jwk: dict[str, Any]


@dataclass(frozen=True, slots=True)
class SetPartnerKeyStatus:
    code: str
    kid: str
    status: KeyStatus


@dataclass(frozen=True, slots=True)
class ReplayFeed:
    """Re-send one partner's feed from ``since`` by webhook (nobody else sees a thing)."""

    code: str
    since: dt.datetime


@dataclass(frozen=True, slots=True)
class Redeliver:
    code: str
    delivery_id: int
