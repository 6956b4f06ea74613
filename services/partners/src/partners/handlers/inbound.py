"""The inbound gateway: verify a partner's signed CloudEvent, then forward it or refuse it.

Checks, in order: a CloudEvent at all; a signature; a key registered to an active partner; the
signature verifies with that key; the partner's kind may send this type; the data matches the
contract; the payload names no one but the signer. A verified message is forwarded as the
internal ``court.*`` event through the outbox, re-signed with the gateway's own key; a refused one
becomes ``partner.<kind>.message_rejected`` on the sender's feed and an entry in the rejections
list. Either way the message is logged once.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import structlog
from prometheus_client import Counter
from pydantic import ValidationError

from partners.domain.inbound import Refused, check_identity, contract_for_kind, partition_key
from partners.domain.projection import producer_of, rejection
from partners.domain.registry import Partner
from partners.handlers.publishing import Issuer, publish
from partners.unit_of_work import PartnersUnitOfWork
from shared.contracts import CloudEvent
from shared.contracts.base import version_from_schema_uri
from shared.contracts.partner import RejectionReason
from shared.logs import current_correlation_id
from shared.signing import (
    SIGNATURE_ATTRIBUTE,
    KeySet,
    SignatureInvalid,
    sign_event,
    structured_event,
    verify_event,
)

log = structlog.get_logger(__name__)

INBOUND_MESSAGES = Counter(
    "ipcase_partner_inbound_messages_total",
    "Messages partners sent, by outcome and reason",
    ["outcome", "reason"],
)

_SIGNATURE_REASONS = {
    "signature_missing": RejectionReason.SIGNATURE_MISSING,
    "unknown_key": RejectionReason.UNKNOWN_PARTNER,
}


@dataclass(frozen=True, slots=True)
class Inbound:
    """One message as received: its structured form (without ``ipcasesig``) and its signature."""

    event: Mapping[str, Any]
    signature: str | None
    channel: str  # kafka | http
    claimed_by: str | None = None  # the sender the channel says (an HTTP token's partner_code)


@dataclass(frozen=True, slots=True)
class Outcome:
    accepted: bool
    partner_code: str | None
    forwarded_id: str | None = None
    reason: RejectionReason | None = None
    message: str | None = None
    message_zh: str | None = None


def _text(value: Any, limit: int = 200) -> str | None:
    return value[:limit] if isinstance(value, str) and value else None


def _kid(signature: str | None) -> str | None:
    if not signature:
        return None
    try:
        import jwt

        header = jwt.get_unverified_header(f"{signature.split('.')[0]}.e30.")
    except Exception:  # an unreadable header is simply no kid; verification refuses it properly
        return None
    kid = header.get("kid")
    return kid if isinstance(kid, str) else None


async def receive(inbound: Inbound, uow: PartnersUnitOfWork, *, issuer: Issuer, now: dt.datetime) -> Outcome:
    """Verify and forward ``inbound``, or refuse it; the caller commits."""
    original_id = _text(inbound.event.get("id")) or "unknown"
    original_type = _text(inbound.event.get("type"))
    kid = _kid(inbound.signature)
    signer = await uow.partners.by_kid(kid) if kid else None
    claimed = await _claimed(uow, inbound)
    try:
        partner = _signer(signer, claimed, inbound)
        forwarded = await _forward(inbound, partner, uow, issuer)
    except Refused as refusal:
        target = (
            signer if signer is not None and (claimed is None or claimed.code == signer.code) else claimed
        )
        await uow.inbound.record(
            original_id=original_id,
            original_type=original_type,
            partner_code=target.code if target else None,
            kid=kid,
            channel=inbound.channel,
            reason_code=refusal.reason.value,
            reason=refusal.message,
            reason_zh=refusal.message_zh,
        )
        if target is not None:
            notice = rejection(
                target.kind,
                target.code,
                producer=producer_of(issuer.source),
                original_id=original_id,
                original_type=original_type,
                reason=refusal.reason,
                message=refusal.message,
                message_zh=refusal.message_zh,
                received_at=now,
            )
            await publish(uow, [target], notice, issuer)
        INBOUND_MESSAGES.labels("rejected", refusal.reason.value).inc()
        log.info(
            "partner message refused",
            original_id=original_id,
            reason=refusal.reason.value,
            partner=target and target.code,
        )
        return Outcome(
            False, target.code if target else None, None, refusal.reason, refusal.message, refusal.message_zh
        )
    await uow.inbound.record(
        original_id=original_id,
        original_type=original_type,
        partner_code=partner.code,
        kid=kid,
        channel=inbound.channel,
        forwarded_id=uuid.UUID(forwarded),
    )
    INBOUND_MESSAGES.labels("accepted", "").inc()
    return Outcome(True, partner.code, forwarded)


async def _claimed(uow: PartnersUnitOfWork, inbound: Inbound) -> Partner | None:
    """Who the channel or the event says sent it (to tell them of a refusal): the HTTP token's
    partner, else the CloudEvents source ``/partners/<code>``. Never trusted for acceptance."""
    code = inbound.claimed_by
    source = inbound.event.get("source")
    if code is None and isinstance(source, str) and source.startswith("/partners/"):
        code = source.removeprefix("/partners/").split("/")[0][:40] or None
    return await uow.partners.get(code) if code else None


def _signer(signer: Partner | None, claimed: Partner | None, inbound: Inbound) -> Partner:
    if not inbound.signature:
        raise Refused(
            RejectionReason.SIGNATURE_MISSING,
            "the message carries no ipcasesig signature",
            "消息未携带 ipcasesig 签名",
        )
    if signer is None or not signer.active:
        raise Refused(
            RejectionReason.UNKNOWN_PARTNER,
            "the signing key is not registered to an active partner",
            "签名密钥未登记于任何有效的合作方",
        )
    if inbound.claimed_by is not None and claimed is not None and claimed.code != signer.code:
        raise Refused(
            RejectionReason.IDENTITY_MISMATCH,
            "the message is signed with another partner's key",
            "消息使用了其他合作方的密钥签名",
        )
    keys = KeySet.from_jwks({"keys": [key.jwk for key in signer.accepted_keys()]})
    try:
        verify_event(inbound.event, inbound.signature, keys)
    except SignatureInvalid as exc:
        reason = _SIGNATURE_REASONS.get(exc.reason, RejectionReason.SIGNATURE_INVALID)
        raise Refused(reason, f"signature refused: {exc.message}", f"签名无效：{exc.reason}") from None
    return signer


async def _forward(inbound: Inbound, partner: Partner, uow: PartnersUnitOfWork, issuer: Issuer) -> str:
    try:
        received = CloudEvent.model_validate(dict(inbound.event))
    except ValidationError as exc:
        raise Refused(
            RejectionReason.SCHEMA_VIOLATION,
            f"not a valid CloudEvent: {_errors(exc)}",
            "不是有效的 CloudEvents 事件",
        ) from None
    try:
        version = version_from_schema_uri(received.dataschema)
    except ValueError:
        version = 0
    contract = contract_for_kind(partner.kind, received.type, version)
    try:
        data = contract.model_validate(received.data)
    except ValidationError as exc:
        raise Refused(
            RejectionReason.SCHEMA_VIOLATION,
            f"{received.type} v{version} does not match its schema: {_errors(exc)}",
            f"{received.type} v{version} 不符合契约：{_errors(exc)}",
        ) from None
    check_identity(data, partner.code)
    forwarded = CloudEvent.from_data(
        data,
        source=issuer.source,
        subject=partition_key(data, received.id),
        correlation_id=received.correlationid or current_correlation_id() or received.id,
        causation_id=received.id,
    )
    signature = sign_event(
        structured_event(forwarded.header_attributes(), forwarded.data), issuer.keys.current
    )
    uow.outbox.add_event(
        forwarded,
        topic=contract.topic,
        key=partition_key(data, received.id),
        extensions={SIGNATURE_ATTRIBUTE: signature},
    )
    return forwarded.id


def _errors(exc: ValidationError) -> str:
    return "; ".join(f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in exc.errors()[:5])[:500]
