"""The partner registry: who a court or customs office is to ipcase, as data an admin manages.

A partner has a code (its court code or customs office code, the ``partner_code`` its tokens
carry), a kind (``court`` or ``customs``; a new kind is a new row of :data:`KINDS` plus its
projectors), the jurisdiction it covers (administrative-division codes: ``330000`` a province,
``330100`` a city, ``000000`` the whole country), its public keys (JWKs, several at once so keys can
rotate), the delivery channels it takes, and a webhook endpoint with its secret.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import Any

from partners.domain.errors import InvalidPartner

CODE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{1,39}$")
DIVISION = re.compile(r"^[0-9]{6}$")
MAX_JURISDICTION = 200
MAX_KEYS = 10


class PartnerKind(StrEnum):
    COURT = "court"
    CUSTOMS = "customs"


class Channel(StrEnum):
    KAFKA = "kafka"
    HTTP = "http"
    WEBHOOK = "webhook"


class KeyStatus(StrEnum):
    """A key is ``active`` (messages signed with it are accepted), ``retired`` (no longer accepted:
    a rotation's old key), or ``revoked`` (compromised)."""

    ACTIVE = "active"
    RETIRED = "retired"
    REVOKED = "revoked"


@dataclass(frozen=True, slots=True)
class PartnerKey:
    kid: str
    jwk: dict[str, Any]
    status: KeyStatus = KeyStatus.ACTIVE


@dataclass(frozen=True, slots=True)
class Partner:
    code: str
    kind: PartnerKind
    name: str
    jurisdiction: tuple[str, ...]
    channels: tuple[Channel, ...] = (Channel.HTTP,)
    webhook_url: str | None = None
    webhook_secret: str | None = None
    active: bool = True
    keys: tuple[PartnerKey, ...] = field(default=())
    version: int = 1

    def __post_init__(self) -> None:
        check_partner(self)

    def covers(self, division: str) -> bool:
        """True if ``division`` lies in the partner's jurisdiction (a prefix of its level)."""
        return any(division.startswith(_prefix(code)) for code in self.jurisdiction)

    def key(self, kid: str) -> PartnerKey | None:
        return next((key for key in self.keys if key.kid == kid), None)

    def accepted_keys(self) -> list[PartnerKey]:
        return [key for key in self.keys if key.status is KeyStatus.ACTIVE]

    def changed(self, **changes: Any) -> Partner:
        return replace(self, **changes, version=self.version + 1)


def _prefix(division: str) -> str:
    if division == "000000":
        return ""
    if division.endswith("0000"):
        return division[:2]
    if division.endswith("00"):
        return division[:4]
    return division


def check_partner(partner: Partner) -> None:
    if not CODE.match(partner.code):
        raise InvalidPartner(
            f"partner code {partner.code!r} must be 2-40 letters, digits, '-' or '_'",
            f"合作方代码 {partner.code!r} 须为 2–40 位字母、数字、“-”或“_”",
        )
    if not partner.jurisdiction or len(partner.jurisdiction) > MAX_JURISDICTION:
        raise InvalidPartner(
            f"jurisdiction needs 1 to {MAX_JURISDICTION} division codes",
            f"管辖范围须列 1 至 {MAX_JURISDICTION} 个行政区划代码",
        )
    bad = [code for code in partner.jurisdiction if not DIVISION.match(code)]
    if bad:
        raise InvalidPartner(
            f"jurisdiction codes must be 6-digit division codes: {', '.join(bad)}",
            f"管辖范围须为 6 位行政区划代码：{'、'.join(bad)}",
        )
    if Channel.WEBHOOK in partner.channels and not (partner.webhook_url and partner.webhook_secret):
        raise InvalidPartner(
            "the webhook channel needs a webhook URL and secret",
            "选择 webhook 渠道须提供回调地址和密钥",
        )
    if len(partner.keys) > MAX_KEYS:
        raise InvalidPartner(f"at most {MAX_KEYS} keys per partner", f"每个合作方最多 {MAX_KEYS} 个密钥")
    kids = [key.kid for key in partner.keys]
    if len(set(kids)) != len(kids):
        raise InvalidPartner("key ids must be unique", "密钥标识不得重复")
