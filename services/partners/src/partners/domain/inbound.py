"""What a partner may send in, and the checks every inbound message passes (pure rules).

A partner's identity comes from the key that signed the message, never from the payload: a
message whose ``court_code`` names anyone but the signer is refused (``identity_mismatch``).
Which internal contracts a kind may send is data (:data:`INBOUND_TYPES`).
"""

from __future__ import annotations

from collections.abc import Mapping

from partners.domain.registry import PartnerKind
from shared.contracts import court, customs
from shared.contracts.base import EventData
from shared.contracts.partner import RejectionReason

INBOUND_TYPES: Mapping[PartnerKind, tuple[type[EventData], ...]] = {
    PartnerKind.COURT: (
        court.MediationAssignedV1,
        court.ConfirmationAcceptedV1,
        court.ConfirmationRuledV1,
        court.ConfirmationWithdrawnV1,
        court.AdminSuitFiledV1,
        court.AdminSuitJudgedV1,
        court.EnforcementRuledV1,
    ),
    PartnerKind.CUSTOMS: customs.INBOUND,
}
"""Partner kind -> the (internal) contracts it may send; the gateway forwards them as they are."""

IDENTITY_FIELDS = ("court_code", "customs_code")
"""Payload fields that name the sender: each must equal the partner the key belongs to."""

KEY_FIELDS = ("case_id", "application_id", "assignment_id", "customs_ref", "record_no")
"""The ipcase id an inbound event refers to (its Kafka key), in order of preference."""


class Refused(Exception):
    """An inbound message is refused; ``reason`` and the messages go on the partner's feed."""

    def __init__(self, reason: RejectionReason, message: str, message_zh: str) -> None:
        super().__init__(message)
        self.reason = reason
        self.message = message
        self.message_zh = message_zh


def contract_for_kind(kind: PartnerKind, event_type: str, version: int) -> type[EventData]:
    for contract in INBOUND_TYPES.get(kind, ()):
        if contract.event_type == event_type and contract.version == version:
            return contract
    raise Refused(
        RejectionReason.UNSUPPORTED_TYPE,
        f"a {kind.value} partner cannot send {event_type} v{version}",
        f"{kind.value} 类合作方不能发送 {event_type} v{version}",
    )


def check_identity(data: EventData, partner_code: str) -> None:
    for name in IDENTITY_FIELDS:
        claimed = getattr(data, name, None)
        if claimed is not None and claimed != partner_code:
            raise Refused(
                RejectionReason.IDENTITY_MISMATCH,
                f"{name} {claimed!r} is not the signer {partner_code!r}: a partner acts only as itself",
                f"{name} “{claimed}”与签名方“{partner_code}”不符：合作方只能以自身名义发送",
            )


def partition_key(data: EventData, fallback: str) -> str:
    for name in KEY_FIELDS:
        value = getattr(data, name, None)
        if value is not None:
            return str(value)
    return fallback
