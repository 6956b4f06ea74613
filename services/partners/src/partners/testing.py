"""Test helpers for the partners service: partner bodies, partner keys, signed inbound events."""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable
from typing import Any

from shared.contracts import CloudEvent, EventData
from shared.identity.principals import PrincipalKind, Role
from shared.signing import SIGNATURE_ATTRIBUTE, SigningKey, sign_event, structured_event
from shared.testing.services import RunningService


def unique_code(prefix: str = "C") -> str:
    return f"{prefix}{uuid.uuid4().hex[:10].upper()}"


def partner_body(
    code: str, kind: str = "court", *, jurisdiction: tuple[str, ...] = ("330100",), **extra: Any
) -> dict[str, Any]:
    return {
        "code": code,
        "kind": kind,
        "name": f"测试{'法院' if kind == 'court' else '海关'} {code}",
        "jurisdiction": list(jurisdiction),
        **extra,
    }


def partner_client(service: RunningService, code: str, kind: str = "court") -> Any:
    role = Role.COURT if kind == "court" else Role.CUSTOMS
    principal = PrincipalKind.COURT if kind == "court" else PrincipalKind.CUSTOMS
    return service.client(role, subject=f"{code}-system", kind=principal, partner=code)


def signed(data: EventData, key: SigningKey | None, *, sender: str, subject: str = "x") -> dict[str, Any]:
    """A partner's CloudEvent in the JSON format, signed with ``key`` (unsigned if None)."""
    event = CloudEvent.from_data(data, source=f"/partners/{sender}", subject=subject)
    structured = structured_event(event.header_attributes(), event.data)
    if key is None:
        return structured
    return {**structured, SIGNATURE_ATTRIBUTE: sign_event(structured, key)}


Register = Callable[..., Awaitable[tuple[str, SigningKey]]]
"""The ``register`` fixture: register a partner with a fresh key, get its code and private key."""
