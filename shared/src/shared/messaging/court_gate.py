"""Court messages count only if they came through the partners gateway: signature first, then effect.

Anyone who can write to ``court.mediation`` or ``court.adjudication`` could otherwise act as a court.
The partners gateway verifies each court's own signature with the key registered to that court,
checks that the payload names no one but the signer, and forwards the message re-signed with the
gateway's key (CloudEvents extension ``ipcasesig``). A consumer of a court topic therefore applies a
record only if that signature verifies with the gateway's public keys (``PARTNER_GATEWAY_JWKS``):

* unsigned, forged, tampered or signed by another key → **refused**: no state change, an audit entry
  with outcome ``denied``, the ``ipcase_court_messages_refused_total`` counter, and a
  ``court_message.rejected`` event (which the partners service puts on the court's feed); never the
  dead-letter topic, which is for records nobody could read;
* a verified message that breaks a business rule (unknown case, another court's case, a step the
  case's state does not allow) → refused the same way, with the rule's code and both messages;
* a database outage or a bug → retried and dead-lettered as before.

Customs messages (``customs.intake``, consumed by intake) pass the same gate: the sender is the
payload's ``customs_code`` the gateway checked, and a refusal is ``customs_message.rejected``.

The court a handler acts for is :func:`verified_court_code` — the sender the gateway attested
(``partnercode`` extension if the gateway sets it, else the payload's ``court_code``, which the
gateway has checked against the key that signed), never an unchecked payload field.
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import contextvars
import datetime as dt
import functools
import json
import time
from collections.abc import Awaitable, Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import structlog
from aiokafka.structs import ConsumerRecord
from prometheus_client import Counter

from shared.audit.trail import Outcome as AuditOutcome
from shared.contracts import CloudEvent, EventData
from shared.contracts.court import ADJUDICATION_TOPIC, MEDIATION_TOPIC
from shared.contracts.customs import CUSTOMS_INBOUND_TOPIC, CustomsMessageRefusedV1
from shared.contracts.partner import CourtMessageRefusedV1
from shared.errors import Conflict, IpcaseError, NotFound, PermissionDenied, ValidationFailed
from shared.identity.principals import Principal, PrincipalKind, Role
from shared.signing import KeySet, SignatureInvalid, event_from_kafka, verify_event

log = structlog.get_logger(__name__)

COURT_TOPICS = frozenset({MEDIATION_TOPIC, ADJUDICATION_TOPIC})
PARTNER_TOPICS = COURT_TOPICS | {CUSTOMS_INBOUND_TOPIC}
"""Every topic the gateway forwards partner messages on: court.* and the customs messages for intake."""
SENDER_FIELDS = ("court_code", "customs_code")
"""Payload fields naming the sender (a court or a customs office); the gateway checked them."""
PARTNER_EXTENSION = "partnercode"
"""Extension attribute the gateway may set to the sender's partner code (covered by the signature)."""

COURT_MESSAGES_REFUSED = Counter(
    "ipcase_court_messages_refused_total",
    "Court messages a consumer refused, by consumer and reason (bad signature or a business rule)",
    ["consumer", "reason"],
)
_REFRESH_AT_MOST_EVERY = 10.0


class CourtMessageRefused(Exception):
    """A court message is not applied; the court is told why (``court_message.rejected``)."""

    def __init__(self, reason_code: str, message: str, message_zh: str, *, court_code: str = "") -> None:
        super().__init__(f"{reason_code}: {message}")
        self.reason_code = reason_code
        self.message = message
        self.message_zh = message_zh
        self.court_code = court_code


class GatewayKeysUnavailable(Exception):
    """The gateway's keys cannot be read: not the record's fault (retried, then dead-lettered)."""


@dataclass(frozen=True, slots=True)
class VerifiedSender:
    kid: str
    court_code: str


_SENDER: contextvars.ContextVar[VerifiedSender | None] = contextvars.ContextVar("court_sender", default=None)


@contextlib.contextmanager
def sender_scope(sender: VerifiedSender | None) -> Iterator[None]:
    token = _SENDER.set(sender)
    try:
        yield
    finally:
        _SENDER.reset(token)


def verified_court_code() -> str:
    """The court the message being handled was verified to come from (only inside a court consumer)."""
    sender = _SENDER.get()
    if sender is None:
        raise CourtMessageRefused(
            "sender_not_verified", "the message's sender was not verified", "消息发送方未经验证"
        )
    return sender.court_code


class GatewayKeys:
    """The gateway's public keys from ``PARTNER_GATEWAY_JWKS``: inline JWKS JSON, a file, or a URL.

    A URL is fetched on first use and again (at most every 10 s) when a signature names a key the
    cached set lacks — a key rotation at the gateway needs no restart here. A file is read again
    on the same occasion.
    """

    def __init__(self, source: str, *, timeout: float = 5.0) -> None:
        self._source = source.strip()
        self._timeout = timeout
        self._keys: KeySet | None = None
        self._loaded_at = float("-inf")

    @property
    def is_url(self) -> bool:
        return self._source.startswith(("http://", "https://"))

    async def keys(self, *, refresh: bool = False) -> KeySet:
        stale = refresh and time.monotonic() - self._loaded_at >= _REFRESH_AT_MOST_EVERY
        if self._keys is None or stale:
            self._keys, self._loaded_at = await self._load(), time.monotonic()
        return self._keys

    async def _load(self) -> KeySet:
        try:
            if self._source.startswith("{"):
                document = json.loads(self._source)
            elif self.is_url:
                async with httpx.AsyncClient(timeout=self._timeout, trust_env=False) as client:
                    response = await client.get(self._source)
                    response.raise_for_status()
                    document = response.json()
            else:
                text = await asyncio.to_thread(Path(self._source).read_text, encoding="utf-8")
                document = json.loads(text)
        except (OSError, ValueError, httpx.HTTPError) as exc:
            raise GatewayKeysUnavailable(f"cannot read the partner gateway's JWKS: {exc!r}"[:500]) from exc
        if not isinstance(document, Mapping):
            raise GatewayKeysUnavailable("the partner gateway's JWKS is not a JSON object")
        return KeySet.from_jwks(document)


class CourtGate:
    """Verifies every record of the court topics before it is applied."""

    def __init__(self, keys: GatewayKeys, topics: Iterable[str] = PARTNER_TOPICS) -> None:
        self._keys = keys
        self.topics = frozenset(topics)

    def guards(self, topic: str) -> bool:
        return topic in self.topics

    async def verify(self, record: ConsumerRecord[Any, Any], data: EventData) -> VerifiedSender:
        """The attested sender of ``record``; raises :class:`CourtMessageRefused` if it is not genuine."""
        claimed = next((str(v) for f in SENDER_FIELDS if (v := getattr(data, f, None))), "")
        try:
            structured, signature = event_from_kafka(record.headers, record.value)
            keys = await self._keys.keys()
            if signature and _kid(signature) not in keys:
                keys = await self._keys.keys(refresh=True)
            verified = verify_event(structured, signature, keys)
        except SignatureInvalid as exc:
            raise CourtMessageRefused(
                f"signature_{exc.reason}" if not exc.reason.startswith("signature") else exc.reason,
                f"not accepted: the message did not come through the partners gateway ({exc.message})",
                "不予受理：该消息未经合作单位网关转发（签名缺失或无效）",
            ) from None
        attested = str(structured.get(PARTNER_EXTENSION) or claimed)
        if not attested or (claimed and claimed != attested):
            raise CourtMessageRefused(
                "identity_mismatch",
                f"the payload names court {claimed!r}, the gateway attested {attested!r}",
                f"消息中的法院“{claimed}”与网关核验的发送方“{attested}”不一致",
                court_code=attested,
            )
        return VerifiedSender(kid=verified.kid, court_code=attested)


def _kid(signature: str) -> str | None:
    try:
        header = signature.split(".", 1)[0]
        kid = json.loads(base64.urlsafe_b64decode(header + "=" * (-len(header) % 4))).get("kid")
    except (ValueError, AttributeError):
        return None
    return kid if isinstance(kid, str) else None


BUSINESS_REFUSALS: tuple[type[IpcaseError], ...] = (NotFound, Conflict, ValidationFailed, PermissionDenied)
"""Domain errors that mean "this message cannot be applied" (a rule), not "something broke"."""

Handler = Callable[..., Awaitable[None]]


def refusing_business_errors(handler: Handler) -> Handler:
    """Wrap a court handler: a business-rule error becomes a refusal the court is told about."""

    @functools.wraps(handler)
    async def wrapped(data: Any, event: CloudEvent, uow: Any, **dependencies: Any) -> None:
        try:
            await handler(data, event, uow, **dependencies)
        except BUSINESS_REFUSALS as exc:
            sender = _SENDER.get()
            raise CourtMessageRefused(
                exc.code, exc.message, exc.message_zh, court_code=sender.court_code if sender else ""
            ) from exc

    return wrapped


def record_refusal(
    uow: Any,
    event: CloudEvent,
    refusal: CourtMessageRefused,
    *,
    consumer: str,
    now: dt.datetime | None = None,
) -> None:
    """In the refusing transaction: the audit entry (denied) and the ``court_message.rejected`` event."""
    COURT_MESSAGES_REFUSED.labels(consumer, refusal.reason_code).inc()
    uow.audit.record(
        f"consume.{event.type}",
        outcome=AuditOutcome.DENIED,
        object_type="customs_message" if event.type.startswith("customs.") else "court_message",
        object_id=event.id,
        details={
            "reason_code": refusal.reason_code,
            "reason": refusal.message[:500],
            "court_code": refusal.court_code,
            "source": event.source[:200],
        },
    )
    if event.type.startswith("customs."):
        uow.outbox.add(
            CustomsMessageRefusedV1(
                original_id=event.id,
                original_type=event.type,
                customs_code=refusal.court_code,
                reason_code=refusal.reason_code,
                reason=refusal.message[:1000],
                reason_zh=refusal.message_zh[:1000],
                refused_at=now or dt.datetime.now(dt.UTC),
            ),
            key=refusal.court_code or event.id,
        )
        log.warning(
            "customs message refused", consumer=consumer, event_id=event.id, reason=refusal.reason_code
        )
        return
    uow.outbox.add(
        CourtMessageRefusedV1(
            original_id=event.id,
            original_type=event.type,
            court_code=refusal.court_code,
            reason_code=refusal.reason_code,
            reason=refusal.message[:1000],
            reason_zh=refusal.message_zh[:1000],
            refused_at=now or dt.datetime.now(dt.UTC),
        ),
        key=refusal.court_code or event.id,
    )
    log.warning(
        "court message refused",
        consumer=consumer,
        event_id=event.id,
        event_type=event.type,
        reason=refusal.reason_code,
        court_code=refusal.court_code,
    )


def verified_court_principal() -> Principal:
    """The verified court as a principal: the object rules a court client meets apply to it too."""
    code = verified_court_code()
    return Principal(
        subject=f"court:{code}", roles=frozenset({Role.COURT}), kind=PrincipalKind.COURT, partner_code=code
    )
